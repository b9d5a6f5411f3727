/**
 * node --import tsx scripts/by-area-files.ts <framework cache> <site folder>: write every
 * per-municipality file (/data/by-area/…) into a built site from the loaders' archives in
 * Framework's cache, one pass per archive (loaders/byAreaFiles.ts). Run by scripts/build.mjs on
 * the staging folder; prints one line; exits 1 with the archive or member named on any error.
 */
import { municipalityCodes, writeByAreaFiles } from "../loaders/byAreaFiles.ts";

const [cacheDir, outDir] = process.argv.slice(2);
if (!cacheDir || !outDir) {
  console.error("usage: scripts/by-area-files.ts <framework cache> <site folder>");
  process.exit(2);
}
try {
  const t0 = performance.now();
  const r = writeByAreaFiles(cacheDir, outDir, municipalityCodes());
  console.log(
    `${r.files} per-municipality files (${(r.bytes / 1024 / 1024).toFixed(1)} MiB) from ${r.archives} archives in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
} catch (e) {
  console.error(`Writing the per-municipality files failed: ${(e as Error).message}`);
  process.exit(1);
}
