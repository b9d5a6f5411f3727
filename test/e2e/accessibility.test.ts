import { describe, expect, it } from "vitest";
import { axeViolations } from "./axe.ts";
import { openPage } from "./browser.ts";
import { finish, useSite } from "./harness.ts";

const harness = useSite();
const PAGES = ["/", "/befolkning", "/flytninger", "/tilflyttere", "/praeferencer", "/oekonomi", "/prognose", "/arbejdsbord", "/om-data", "/tilgaengelighed"];

describe("accessibility (axe-core, WCAG 2.1 AA rules)", () => {
  for (const path of PAGES) {
    it(`${path}: no serious or critical violations`, async () => {
      const w = await openPage(harness.browser(), harness.site().url);
      await w.page.goto(`${harness.site().url}${path}`, { waitUntil: "networkidle" });
      await w.page.waitForTimeout(1500);
      expect(await axeViolations(w.page)).toEqual([]);
      await finish(w);
    });
  }
});
