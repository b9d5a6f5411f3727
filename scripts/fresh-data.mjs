// Framework reuses a data loader's cached output however old it is. Removing the cache makes
// the next build or preview fetch every dataset anew (from the API, or STATBANK_MIRROR).
import { rmSync } from "node:fs";

export function clearDataCache() {
  for (const dir of ["src/.observablehq/cache/data", "src/.observablehq/cache/fonts"]) rmSync(dir, { recursive: true, force: true });
}

export function describeSource() {
  const mirror = process.env.STATBANK_MIRROR?.trim();
  return mirror ? `StatBank mirror folder ${mirror}` : `the live StatBank API (${process.env.STATBANK_API ?? "https://api.statbank.dk/v1"})`;
}
