/**
 * The indicator catalogue (src/lib/indicators.ts) is the one list the goals parser, the indicators
 * loader, the scorecard's detail links and "Om data" read: every entry is documented for the
 * people who write goals, links to a page that exists, names a table the loaders know, and a goal
 * can name any of its ids.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { catalogueEntry } from "../../loaders/catalogue.ts";
import { defaultKnownIndicators, parseGoalsFile } from "../../loaders/goals.ts";
import {
  ageBandLabel,
  ageBands,
  DEFAULT_MANUAL_INDICATORS,
  indicatorDef,
  STATBANK_INDICATOR_IDS,
  STATBANK_INDICATORS,
  UNITS,
} from "../../src/lib/indicators.ts";
import { projectRoot } from "../paths.ts";

const all = { ...STATBANK_INDICATORS, ...DEFAULT_MANUAL_INDICATORS };

describe("the indicator catalogue", () => {
  it("documents every StatBank indicator in data/README-goals.md's table, with its unit, and names every default manual one", () => {
    const readme = readFileSync(join(projectRoot, "data/README-goals.md"), "utf8");
    for (const [id, d] of Object.entries(STATBANK_INDICATORS)) {
      const row = readme.split("\n").find((l) => l.startsWith(`| \`${id}\``));
      expect(row, id).toBeDefined();
      expect(row, id).toContain(`\`${d.unit}\``);
    }
    for (const id of Object.keys(DEFAULT_MANUAL_INDICATORS)) expect(readme, id).toContain(`\`${id}\``);
  });

  it("links each indicator to a page that exists, and names a table the loaders' catalogue lists", () => {
    for (const [id, d] of Object.entries(all)) {
      expect(UNITS, id).toContain(d.unit);
      if (d.detail) expect(existsSync(join(projectRoot, "src", `${d.detail.slice(1)}.md`)), `${id} → ${d.detail}`).toBe(true);
    }
    for (const id of STATBANK_INDICATOR_IDS) {
      const tables = STATBANK_INDICATORS[id].table.split(/ \+ |, /).filter((t) => !t.startsWith("data/"));
      for (const t of tables) expect(catalogueEntry(t), `${id}: ${t}`).toBeDefined();
      // and the loaders' catalogue names the indicator under that table
      expect(
        tables.some((t) => catalogueEntry(t)!.indicators.includes(id)),
        id,
      ).toBe(true);
    }
    expect(indicatorDef("population_26_64")?.detail).toBe("/befolkning");
    expect(indicatorDef("no_such_indicator")).toBeUndefined();
  });

  it("lists the population age bands with their ages", () => {
    expect(ageBands()).toEqual([
      { id: "population_26_64", from: 26, to: 64 },
      { id: "population_65_plus", from: 65, to: null },
    ]);
    expect(ageBandLabel({ from: 26, to: 64 })).toBe("26–64 år");
    expect(ageBandLabel({ from: 65, to: null })).toBe("65 år og derover");
  });

  it("a goal may name any catalogue id and takes its unit and source from the catalogue: residents aged 65 and over", () => {
    const text = [
      "owner: { kommune: '420', name: Assens Kommune, body: Byrådet, year: 2026 }",
      "goals:",
      "  - id: flere_aeldre_hjemme",
      "    title: Flere borgere på 65 år og derover",
      "    area: Vækst og bosætning",
      "    indicator: population_65_plus",
      "    rule: trend_up",
      "    baseline: 2011",
      "",
    ].join("\n");
    const { goals } = parseGoalsFile(text, "goals.yaml", defaultKnownIndicators());
    expect(goals).toHaveLength(1);
    expect(goals[0]).toMatchObject({ indicator: "population_65_plus", unit: "personer", source: "Danmarks Statistik, FOLK1A" });
    // An indicator outside the catalogue (the municipality's own) must give both.
    const own = text.replace("population_65_plus", "own_count");
    expect(() => parseGoalsFile(own, "goals.yaml", defaultKnownIndicators(["own_count"]))).toThrow(
      /line 3, goal flere_aeldre_hjemme: the field "unit" is missing \(own_count is not in the indicator catalogue/,
    );
  });
});
