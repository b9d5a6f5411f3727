/** Small helpers the tests share. */
import { join } from "node:path";
import { StatbankClient } from "../loaders/statbank/client.ts";
import { MirrorTransport } from "../loaders/statbank/mirror.ts";
import { fixturesDir, mirrorDir } from "./paths.ts";

/** A client on the fixture mirror in test/fixtures/mirror (BULK format, written by hand). */
export const fixtureClient = () => new StatbankClient(new MirrorTransport(join(fixturesDir, "mirror")));
/** A client on the shared StatBank mirror in ../shared/statbank. */
export const mirrorClient = () => new StatbankClient(new MirrorTransport(mirrorDir));

/** A loader's columns as row objects. */
export function rows(dataset: { columns: Record<string, { values: ReadonlyArray<unknown> }> }): Record<string, unknown>[] {
  const names = Object.keys(dataset.columns);
  const n = dataset.columns[names[0]].values.length;
  return Array.from({ length: n }, (_, i) => Object.fromEntries(names.map((k) => [k, dataset.columns[k].values[i]])));
}
