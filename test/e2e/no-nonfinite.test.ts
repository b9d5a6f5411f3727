/**
 * No page ever shows a number that is not one: every page, for municipalities with much and little
 * data in the mirror, with every chart's data table open, is scanned for "NaN", "Infinity",
 * "undefined" and "null" in its visible text and its SVG labels.
 */
import { describe, expect, it } from "vitest";
import { openPage } from "./browser.ts";
import { finish, useSite } from "./harness.ts";

const harness = useSite();
const PAGES = ["/", "/befolkning", "/lokalsamfund", "/flytninger", "/tilflyttere", "/praeferencer", "/oekonomi", "/prognose", "/digitalisering", "/om-data"];
// Halsnæs (the default), Assens, Odense, København, Christiansø is no municipality.
const KOMMUNER = ["260", "420", "461", "101"];
const BAD = /\bNaN\b|-?Infinity|\bundefined\b|\bnull\b/;

describe("no non-number reaches the screen", () => {
  for (const kommune of KOMMUNER) {
    it(`every page for ${kommune}: no NaN, Infinity, undefined or null in the text`, async () => {
      const w = await openPage(harness.browser(), harness.site().url);
      const found: string[] = [];
      for (const path of PAGES) {
        await w.page.goto(`${harness.site().url}${path}?kommune=${kommune}`, { waitUntil: "networkidle" });
        await w.page.waitForTimeout(1200);
        for (const d of await w.page.locator("details.data-toggle summary").all()) await d.click();
        const text = await w.page.evaluate(() => {
          const main = document.querySelector("main") ?? document.body;
          const svgText = [...main.querySelectorAll("svg text, svg title")].map((t) => t.textContent ?? "").join("\n");
          return `${(main as HTMLElement).innerText}\n${svgText}`;
        });
        for (const line of text.split("\n")) if (BAD.test(line)) found.push(`${path}?kommune=${kommune}: ${line.trim().slice(0, 160)}`);
      }
      expect(found).toEqual([]);
      await finish(w);
    }, 180_000);
  }
});
