/**
 * axe-core in the page, as "rule (impact): targets": every WCAG 2.1 A/AA violation at any impact,
 * and best-practice violations that are serious or critical.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    const wcag = (v: any) => v.tags.some((t: string) => /^wcag2(1)?a{1,2}$/.test(t));
    return result.violations
      .filter((v: any) => wcag(v) || v.impact === "serious" || v.impact === "critical")
      .map(
        (v: any) =>
          `${v.id} (${v.impact}): ${v.nodes
            .slice(0, 3)
            .map((n: any) => n.target.join(" "))
            .join(" | ")}`,
      );
  });
}
