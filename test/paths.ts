/** Paths the tests share. ../shared sits beside the project, in CI as on a developer's machine. */
import { fileURLToPath } from "node:url";

export const projectRoot = fileURLToPath(new URL("..", import.meta.url));
export const sharedDir = fileURLToPath(new URL("../../shared/", import.meta.url));
export const mirrorDir = fileURLToPath(new URL("../../shared/statbank/", import.meta.url));
export const geoDir = fileURLToPath(new URL("../../shared/geo/", import.meta.url));
export const fixturesDir = fileURLToPath(new URL("./fixtures/", import.meta.url));
