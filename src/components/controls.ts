/**
 * Form controls for Observable's view(): a labelled <select>, a radio group and a file picker,
 * each a <form> whose `value` is the chosen value and which fires "input" when it changes.
 * Native elements, so they are keyboard-operable and read by screen readers as they are; and a
 * page that uses them does not load @observablehq/inputs (8 KiB gzip of JavaScript up front).
 */
import { html } from "htl";

/** A Map of label → value, or plain values (labelled with `format`). */
export type Options<T> = ReadonlyMap<string, T> | ReadonlyArray<T>;

export interface ChoiceOptions<T> {
  label: string;
  /** The value chosen at the start (compared with ===, or by key for arrays); default the first. */
  value?: T;
  /** Text of a value given as a plain array (default String). */
  format?: (value: T) => string;
  disabled?: boolean;
}

export type Control<T> = HTMLFormElement & { value: T };

let counter = 0;
const nextId = (kind: string) => `control-${kind}-${++counter}`;

/** [label, value] pairs. */
function entries<T>(options: Options<T>, format: (value: T) => string = String): [string, T][] {
  if (options instanceof Map) return [...(options as ReadonlyMap<string, T>)];
  return (options as ReadonlyArray<T>).map((o) => [format(o), o]);
}

/** The index of `value` among the entries (arrays compare element by element); -1 if absent. */
function indexOf<T>(list: ReadonlyArray<readonly [string, T]>, value: T | undefined): number {
  const same = (a: unknown, b: unknown): boolean => (Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, i) => x === b[i]) : a === b);
  return value === undefined ? -1 : list.findIndex(([, v]) => same(v, value));
}

// The label and the control are the form's own children (an array of nodes; a nested html``
// fragment would be wrapped in a <span>), so the form's flex layout places them.
function form<T>(className: string, content: Node[], initial: T): Control<T> {
  const f = html`<form class=${`control ${className}`} onsubmit=${(e: Event) => e.preventDefault()}>${content}</form>` as Control<T>;
  f.value = initial;
  return f;
}

/** A labelled drop-down. */
export function select<T>(options: Options<T>, { label, value, format, disabled = false }: ChoiceOptions<T>): Control<T> {
  const list = entries(options, format);
  const id = nextId("select");
  const start = Math.max(0, indexOf(list, value));
  const el = html`<select id=${id} disabled=${disabled || list.length === 0}>
    ${list.map(([text], i) => html`<option value=${String(i)} selected=${i === start}>${text}</option>`)}
  </select>` as HTMLSelectElement;
  const f = form(
    "control-select",
    [html`<label for=${id}>${label}</label>` as HTMLLabelElement, el],
    (list[start]?.[1] ?? null) as T, // no options: null; a view whose value is undefined never resolves
  );
  el.addEventListener("change", () => {
    f.value = list[Number(el.value)][1];
    f.dispatchEvent(new Event("input", { bubbles: true }));
  });
  el.addEventListener("input", (e) => e.stopPropagation());
  return f;
}

/** A group of radio buttons in a <fieldset> whose <legend> is the label. */
export function radio<T>(options: Options<T>, { label, value, format, disabled = false }: ChoiceOptions<T>): Control<T> {
  const list = entries(options, format);
  const name = nextId("radio");
  const start = Math.max(0, indexOf(list, value));
  const buttons = list.map(([text], i) => {
    const id = `${name}-${i}`;
    const input = html`<input type="radio" id=${id} name=${name} value=${String(i)} checked=${i === start} disabled=${disabled}>` as HTMLInputElement;
    return { input, node: html`<span class="control-option">${input}<label for=${id}>${text}</label></span>` as HTMLSpanElement };
  });
  const f = form(
    "control-radio",
    [html`<fieldset><legend>${label}</legend>${buttons.map((b) => b.node)}</fieldset>` as HTMLFieldSetElement],
    (list[start]?.[1] ?? null) as T, // no options: null; a view whose value is undefined never resolves
  );
  for (const { input } of buttons) {
    input.addEventListener("change", () => {
      if (!input.checked) return;
      f.value = list[Number(input.value)][1];
      f.dispatchEvent(new Event("input", { bubbles: true }));
    });
    input.addEventListener("input", (e) => e.stopPropagation());
  }
  return f;
}

/** A labelled file picker; its value is the chosen File, or null before one is chosen. */
export function file({ label, accept }: { label: string; accept?: string }): Control<File | null> {
  const id = nextId("file");
  const el = html`<input type="file" id=${id} accept=${accept ?? null}>` as HTMLInputElement;
  const f = form<File | null>("control-file", [html`<label for=${id}>${label}</label>` as HTMLLabelElement, el], null);
  el.addEventListener("change", () => {
    f.value = el.files?.[0] ?? null;
    f.dispatchEvent(new Event("input", { bubbles: true }));
  });
  el.addEventListener("input", (e) => e.stopPropagation());
  return f;
}

// Page state in the URL, writing only what differs from the defaults, so a shared link opens the
// same view: ?kommune=461&aar=2024&alder=25-44&retning=ud. Here beside the controls it keeps, so a
// page loads one module for both.

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
