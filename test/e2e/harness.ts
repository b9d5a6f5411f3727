/**
 * The e2e files share one set-up: serve dist/ on 127.0.0.1 and launch Chromium once per file.
 * `site()` and `browser()` read them inside tests; `finish(w)` asserts the page made no console
 * error and no request off localhost, then closes it.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import type { Browser } from "playwright-core";
import { projectRoot } from "../paths.ts";
import { launchBrowser, serveDir, type StaticSite, type WatchedPage } from "./browser.ts";

export const shots = join(projectRoot, "test-results");

export function useSite(): { site: () => StaticSite; browser: () => Browser } {
  let site: StaticSite;
  let browser: Browser;
  beforeAll(async () => {
    site = await serveDir(join(projectRoot, "dist"));
    browser = await launchBrowser();
    mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  return { site: () => site, browser: () => browser };
}

export async function finish(w: WatchedPage): Promise<void> {
  expect(w.consoleErrors).toEqual([]);
  expect(w.externalRequests).toEqual([]);
  await w.page.context().close();
}
