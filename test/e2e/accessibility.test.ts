import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { openPage } from "./browser.ts";
import { finish, useSite } from "./harness.ts";

const harness = useSite();
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const PAGES = ["/", "/befolkning", "/flytninger", "/tilflyttere", "/praeferencer", "/oekonomi", "/prognose", "/arbejdsbord", "/om-data", "/tilgaengelighed"];

describe("accessibility (axe-core, WCAG 2.1 AA rules)", () => {
  for (const path of PAGES) {
    it(`${path}: no serious or critical violations`, async () => {
      const w = await openPage(harness.browser(), harness.site().url);
      await w.page.goto(`${harness.site().url}${path}`, { waitUntil: "networkidle" });
      await w.page.waitForTimeout(1500);
      await w.page.addScriptTag({ content: axeSource });
      const violations = await w.page.evaluate(async () => {
        const result = await (window as any).axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        return result.violations
          .filter((v: any) => v.impact === "serious" || v.impact === "critical")
          .map((v: any) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n: any) => n.target.join(" ")).join(" | ")}`);
      });
      expect(violations).toEqual([]);
      await finish(w);
    });
  }
});
