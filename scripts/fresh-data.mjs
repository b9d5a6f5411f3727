// What npm start and npm run build share: where the data comes from, and the loader cache.
import { existsSync, readFileSync, rmSync } from "node:fs";

export const SNAPSHOT = "snapshot/statbank";

export function clearDataCache() {
  for (const dir of ["src/.observablehq/cache/data", "src/.observablehq/cache/fonts"]) rmSync(dir, { recursive: true, force: true });
}

export function describeSource(env = process.env) {
  const mirror = env.STATBANK_MIRROR?.trim();
  if (!mirror) return `the live StatBank API (${env.STATBANK_API ?? "https://api.statbank.dk/v1"})`;
  return `StatBank mirror folder ${mirror}${snapshotDate(mirror) ? ` (a snapshot generated ${snapshotDate(mirror)})` : ""}`;
}

/** MANIFEST.json's "generated" date of a mirror folder, if any. */
export function snapshotDate(dir) {
  try {
    return JSON.parse(readFileSync(`${dir}/MANIFEST.json`, "utf8")).generated ?? null;
  } catch {
    return null;
  }
}

/**
 * Can the live API be reached? One small request (the list of subjects) with a short deadline;
 * returns null when the server answers at all (an error status is the loaders' to report), else
 * the reason in words (no network, refused, no answer).
 */
export async function probeApi(base = process.env.STATBANK_API?.trim() || "https://api.statbank.dk/v1", ms = 8000) {
  try {
    const res = await fetch(`${base}/subjects?format=JSON&lang=da`, { signal: AbortSignal.timeout(ms) });
    await res.arrayBuffer();
    return null;
  } catch (e) {
    const cause = e?.cause?.code ?? e?.cause?.message ?? e?.name ?? "";
    return e?.name === "TimeoutError"
      ? `no answer within ${ms / 1000} s`
      : `${e?.message ?? e}${cause && !String(e?.message).includes(cause) ? ` (${cause})` : ""}`;
  }
}

/** Without STATBANK_MIRROR: the live API if it answers, else the project's snapshot, said loudly. */
export async function chooseSource(env = process.env) {
  if (env.STATBANK_MIRROR?.trim()) return env;
  const problem = await probeApi(env.STATBANK_API?.trim() || undefined);
  if (problem === null) return env;
  if (!existsSync(`${SNAPSHOT}/MANIFEST.json`)) {
    console.error(`The StatBank API cannot be reached (${problem}), and there is no ${SNAPSHOT} to fall back on.`);
    return env;
  }
  console.error(
    `\nThe StatBank API cannot be reached: ${problem}.\n` +
      `Falling back to the project's snapshot ${SNAPSHOT} (generated ${snapshotDate(SNAPSHOT) ?? "?"}); every chart says "øjebliksbillede".\n` +
      `Set STATBANK_MIRROR to choose a mirror folder yourself.\n`,
  );
  return { ...env, STATBANK_MIRROR: SNAPSHOT };
}
