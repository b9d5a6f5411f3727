/** Small helpers the tests share. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { StatbankClient } from "../loaders/statbank/client.ts";
import { MirrorTransport } from "../loaders/statbank/mirror.ts";
import { fixturesDir, mirrorDir, projectRoot } from "./paths.ts";

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

/**
 * The thin loaders of src/data that write a dataset: `<name>.arrow.ts`, `<name>.json.ts`, and
 * `by-area/<name>.zip.ts` (a dataset also cut per municipality, src/lib/byArea.ts). `file` is
 * relative to src/data; `text` is the loader's source.
 */
export function thinLoaders(): { dataset: string; file: string; text: string }[] {
  const dir = join(projectRoot, "src/data");
  const files = [
    ...readdirSync(dir).filter((f) => /\.(arrow|json)\.ts$/.test(f)),
    ...readdirSync(join(dir, "by-area"))
      .filter((f) => f.endsWith(".zip.ts"))
      .map((f) => `by-area/${f}`),
  ].sort();
  // (the pages' analyses computed at build time, by-area/analyses.zip.ts, are results, not a dataset)
  return files
    .filter((file) => file !== "by-area/analyses.zip.ts")
    .map((file) => ({
      dataset: file.replace(/^by-area\//, "").replace(/\.(arrow|json|zip)\.ts$/, ""),
      file,
      text: readFileSync(join(dir, file), "utf8"),
    }));
}

/** `tempDir()` makes a new empty folder under the OS's temporary folder; all are removed after the file's tests. */
export function useTempDirs(prefix: string): () => string {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  return () => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
}
