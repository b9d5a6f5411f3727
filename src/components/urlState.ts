/**
 * Page state in the URL, writing only what differs from the defaults, so a shared link opens the
 * same view: ?kommune=461&aar=2024&alder=25-44&retning=ud.
 */
export function readParam<T extends string>(name: string, allowed: readonly T[], fallback: T, search = location.search): T {
  const v = new URLSearchParams(search).get(name);
  return v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}

export function writeParam(name: string, value: string, fallback: string): void {
  const url = new URL(location.href);
  if (value === fallback) url.searchParams.delete(name);
  else url.searchParams.set(name, value);
  if (url.href !== location.href) history.replaceState(history.state, "", url);
}

/** Keep an input's value in the URL parameter `name` (an input with .value and "input" events). */
export function bindParam<E extends HTMLElement & { value: unknown }>(input: E, name: string, fallback: string, toString: (v: unknown) => string = String): E {
  input.addEventListener("input", () => writeParam(name, toString(input.value), fallback));
  return input;
}
