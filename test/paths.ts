/**
 * Paths the tests share. The project carries its own snapshot of the StatBank mirror, the
 * boundaries and the recorded API exchanges (snapshot/, laid out like ../shared), so a fresh
 * clone tests with nothing beside it. STATBANK_MIRROR (and GEO_DIR) point the same tests at
 * another mirror folder, as CI does with ../shared/statbank.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = fileURLToPath(new URL("..", import.meta.url));
/** The snapshot folder: statbank/, geo/ and statbank-api/, as in ../shared. */
export const sharedDir = fileURLToPath(new URL("../snapshot/", import.meta.url));
const fromEnv = (name: string): string | undefined => {
  const value = process.env[name]?.trim();
  return value ? resolve(projectRoot, value) + "/" : undefined;
};
export const mirrorDir = fromEnv("STATBANK_MIRROR") ?? fileURLToPath(new URL("../snapshot/statbank/", import.meta.url));
export const geoDir = fromEnv("GEO_DIR") ?? fileURLToPath(new URL("../snapshot/geo/", import.meta.url));
export const fixturesDir = fileURLToPath(new URL("./fixtures/", import.meta.url));
