/**
 * The site's per-municipality files (/data/by-area/…), as a build writes them.
 *
 * Each src/data/by-area/<name>.zip.ts loader (and analyses.zip.ts) writes one ZIP with a member per
 * municipality. Framework can copy every member itself (observablehq.config.ts lists each in
 * dynamicPaths), but it opens the whole archive again for every member: about 10 ms plus 3.5 ms
 * per MiB of archive for each of some 2,300 files (measured: 100 s of a 150 s build on the mirror),
 * and the archives grow with the data. `npm run build` therefore lets Framework copy one member per
 * archive (so every loader still runs) and writes all of them here, reading each archive once.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { AREA_ANALYSES, BY_AREA, analysisPath, areaPath } from "../src/lib/byArea.ts";
import { readZip } from "./zip.ts";

/** The 98 municipality codes, from the geography folder the loaders read (loaders/geo.ts). */
export function municipalityCodes(geoDir = process.env.GEO_DIR || "snapshot/geo"): string[] {
  const csv = readFileSync(join(geoDir, "kommuner.csv"), "utf8");
  return csv
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(";")[0])
    .filter((code) => /^\d{3}$/.test(code));
}

/** One per-municipality file: its path from the site's root, the archive it is a member of, and its name there. */
export interface ByAreaFile {
  path: string;
  archive: string;
  member: string;
}

/** Every per-municipality file of the site, for these municipality codes. */
export function byAreaFiles(codes: string[]): ByAreaFile[] {
  return [
    ...BY_AREA.flatMap((name) => codes.map((code) => ({ path: areaPath(name, code), archive: `data/by-area/${name}.zip`, member: `${code}.arrow` }))),
    ...AREA_ANALYSES.flatMap((name) =>
      codes.map((code) => ({ path: analysisPath(name, code), archive: "data/by-area/analyses.zip", member: `${name}/${code}.arrow` })),
    ),
  ];
}

/**
 * Framework's dynamicPaths: every file, or (BY_AREA_FILES=after-build, set by scripts/build.mjs)
 * only the first member of each archive, which is enough to make Framework run its loader.
 */
export function dynamicPaths(codes: string[], afterBuild: boolean): string[] {
  const files = byAreaFiles(codes);
  const kept = afterBuild ? files.filter((f, i) => files.findIndex((g) => g.archive === f.archive) === i) : files;
  return kept.map((f) => `/${f.path}`);
}

/**
 * Write every per-municipality file into `outDir` from the archives the loaders left in Framework's
 * cache (`cacheDir`, src/.observablehq/cache). Each archive is read once. A missing archive or
 * member is an error naming it; nothing is half-written into a site that is then published,
 * because the caller writes into the staging folder and publishes only when this returned.
 */
export function writeByAreaFiles(cacheDir: string, outDir: string, codes: string[]): { files: number; bytes: number; archives: number } {
  const byArchive = new Map<string, ByAreaFile[]>();
  for (const f of byAreaFiles(codes)) byArchive.set(f.archive, [...(byArchive.get(f.archive) ?? []), f]);
  let files = 0;
  let bytes = 0;
  for (const [archive, wanted] of byArchive) {
    const file = join(cacheDir, archive);
    let zip: Uint8Array;
    try {
      zip = readFileSync(file);
    } catch (e) {
      throw new Error(`${file}: the loader's archive is missing (${(e as Error).message}); was src/${archive}.ts run?`);
    }
    const members = new Map(readZip(zip, file).map((m) => [m.name, m.bytes]));
    const made = new Set<string>();
    for (const f of wanted) {
      const content = members.get(f.member);
      if (!content) throw new Error(`${file}: no member ${f.member} (for /${f.path})`);
      const dir = dirname(join(outDir, f.path));
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      writeFileSync(join(outDir, f.path), content);
      files++;
      bytes += content.length;
    }
  }
  return { files, bytes, archives: byArchive.size };
}
