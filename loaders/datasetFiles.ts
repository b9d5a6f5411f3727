/**
 * Where each dataset's whole Arrow file is, in the loader cache (src/.observablehq/cache/data) or a
 * built site's data folder (dist/_file/data, names with a content hash): `<name>.arrow` at the top,
 * or `by-area/<name>/all.arrow` for a dataset that is also cut per municipality (src/lib/byArea.ts).
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

export interface DatasetFileEntry {
  dataset: string;
  path: string;
}

export function wholeDatasetFiles(dataDir: string): DatasetFileEntry[] {
  if (!existsSync(dataDir)) return [];
  // "population.arrow" in the cache, "population.0add3f2b.arrow" in a built site
  const stem = (file: string) => file.replace(/(\.[0-9a-f]{8})?\.arrow$/, "");
  const out: DatasetFileEntry[] = readdirSync(dataDir)
    .filter((f) => f.endsWith(".arrow"))
    .map((f) => ({ dataset: stem(f), path: join(dataDir, f) }));
  const byArea = join(dataDir, "by-area");
  if (existsSync(byArea))
    for (const name of readdirSync(byArea, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)) {
      const whole = readdirSync(join(byArea, name)).find((f) => stem(f) === "all");
      if (whole) out.push({ dataset: name, path: join(byArea, name, whole) });
    }
  return out.sort((a, b) => a.dataset.localeCompare(b.dataset));
}
