/**
 * The ambassador scheme (data/ambassadoerer): the success criterion on a hand-made fixture
 * (met / not met / no data), the file's validation, and the scorecard's indicator
 * village_ambassador_communities read from the same file.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AmbassadorError, ambassadors, parseAmbassadors, readAmbassadorFiles, withAmbassadorIndicator } from "../../loaders/ambassadors.ts";
import { manualIndicators } from "../../loaders/manualIndicators.ts";
import { ambassadorIndicator, communityYears, successCriterion, type AmbassadorRow } from "../../src/lib/ambassadors.ts";
import { isExampleData } from "../../src/lib/example.ts";
import { rows } from "../helpers.ts";
import { fixturesDir, projectRoot } from "../paths.ts";

const HEADER = "kommune;lokalsamfund;periode;ambassadoerer;henvendelser;arrangementer;note";
const fixture = join(fixturesDir, "ambassadoerer");
const noCommunities = join(tmpdir(), "no-such-lokalsamfund-dir");

describe("the success criterion on test/fixtures/ambassadoerer/kriterium.csv", async () => {
  const all = (await readAmbassadorFiles(fixture, noCommunities)).flatMap((p) => p.rows);

  it("met: five communities with at least one contact", () => {
    expect(successCriterion(all, "420", 2014)).toEqual({ status: "met", year: 2014, threshold: 5, communities: 5, reporting: 6, unreported: [] });
  });
  it("not met: four communities with contacts, two reported 0", () => {
    expect(successCriterion(all, "420", 2015)).toMatchObject({ status: "not_met", communities: 4, reporting: 6 });
  });
  it("no data: no community reported contacts (empty), and a year without rows", () => {
    expect(successCriterion(all, "420", 2016)).toMatchObject({ status: "no_data", communities: null, reporting: 0, unreported: ["A", "B"] });
    expect(successCriterion(all, "420", 2017)).toMatchObject({ status: "no_data", communities: null });
    expect(successCriterion(all, "999", 2014).status).toBe("no_data");
  });
  it("sums the periods of a year (quarters) and keeps the last number of ambassadors", () => {
    expect(communityYears(all, "260")).toEqual([
      { area: "260", community: "X", year: 2020, contacts: 1, ambassadors: 2, events: 0 },
      { area: "260", community: "Y", year: 2020, contacts: 0, ambassadors: 1, events: 1 },
    ]);
    expect(successCriterion(all, "260", 2020)).toMatchObject({ status: "not_met", communities: 1 });
  });
  it("a lower threshold changes the verdict", () => {
    expect(successCriterion(all, "420", 2015, 4).status).toBe("met");
  });
  it("the indicator is the criterion's count, for every year with data", () => {
    expect(ambassadorIndicator(all)).toEqual([
      { area: "260", year: 2020, value: 1 },
      { area: "420", year: 2014, value: 5 },
      { area: "420", year: 2015, value: 4 },
    ]);
  });
});

describe("the ambassador files", () => {
  it("names file, line and column: unknown community, period, count and duplicates", () => {
    const names = new Map([["420", new Set(["Aarup", "Haarby"])]]);
    const text = [
      HEADER,
      "420;Aarup;2014;3;2;1;",
      "420;Brylle;2014;1;0;0;",
      "420;Haarby;2014Q1;1;0;0;",
      "420;Haarby;2014;-1;x;0;",
      "420;Aarup;2014;3;1;0;",
    ].join("\n");
    const e = (() => {
      try {
        parseAmbassadors(text, "amb.csv", names);
      } catch (x) {
        return x as AmbassadorError;
      }
    })()!;
    expect(e).toBeInstanceOf(AmbassadorError);
    expect(
      e.message
        .split("\n")
        .slice(1)
        .map((l) => l.trim()),
    ).toEqual([
      'amb.csv, line 3, column 2 (lokalsamfund): unknown community "Brylle": not among municipality 420\'s communities in data/lokalsamfund (Aarup, Haarby)',
      'amb.csv, line 4, column 3 (periode): unknown period "2014Q1"; expected a year (2014), a month (2014-05) or a quarter (2014K2)',
      "amb.csv, line 5, column 4 (ambassadoerer): -1 is negative; write 0 or more",
      'amb.csv, line 5, column 5 (henvendelser): "x" is not a whole number (leave it empty when it is not known)',
      "amb.csv, line 6: duplicate 420;Aarup;2014 (kommune;lokalsamfund;periode), also on line 2",
    ]);
  });

  it("the project's examples name only communities of data/lokalsamfund and are marked as examples", async () => {
    const ds = await ambassadors(join(projectRoot, "data/ambassadoerer"), join(projectRoot, "data/lokalsamfund"));
    expect(ds.meta.status).toBe("ok");
    expect(isExampleData(ds.meta)).toBe(true);
    expect(new Set(ds.columns.area.values)).toEqual(new Set(["260", "420"]));
  });
});

describe("the scorecard's indicator village_ambassador_communities comes from the ambassador files", () => {
  it("equals the page's count for every municipality and year, and keeps the goal's series for Halsnæs", async () => {
    const manual = await manualIndicators(join(projectRoot, "data/indicators"));
    const ds = await withAmbassadorIndicator(manual, join(projectRoot, "data/ambassadoerer"), join(projectRoot, "data/lokalsamfund"));
    expect(isExampleData(ds.meta)).toBe(true);
    const indicator = (rows(ds) as { indicator: string; area: string; year: number; value: number; unit: string; breakdown: string | null }[]).filter(
      (r) => r.indicator === "village_ambassador_communities",
    );
    const source = rows(await ambassadors(join(projectRoot, "data/ambassadoerer"), join(projectRoot, "data/lokalsamfund"))) as unknown as AmbassadorRow[];
    expect(indicator.length).toBeGreaterThan(0);
    for (const r of indicator) {
      expect(r).toMatchObject({ unit: "antal", breakdown: null });
      expect(r.value, `${r.area} ${r.year}`).toBe(successCriterion(source, r.area, r.year).communities);
    }
    // Halsnæs owns the goal: a series from the baseline year 2011 on
    expect(indicator.filter((r) => r.area === "260").map((r) => r.year)[0]).toBe(2011);
    // the other indicators are untouched
    expect(ds.meta.rows).toBe(manual.meta.rows + indicator.length);
  });

  it("refuses the same indicator typed into data/indicators as well", async () => {
    const dir = mkdtempSync(join(tmpdir(), "indicators-"));
    writeFileSync(join(dir, "egne.csv"), "indikator;kommune;periode;opdeling;vaerdi;enhed;note\nvillage_ambassador_communities;260;2014;;4;antal;\n");
    const e = await withAmbassadorIndicator(await manualIndicators(dir), fixture, noCommunities).catch((x: unknown) => x as Error);
    expect((e as Error).message).toMatch(/^data\/indicators: village_ambassador_communities \(260 2014\) is computed from data\/ambassadoerer/);
  });

  it("leaves the manual indicators as they are when there is no ambassador file", async () => {
    const manual = await manualIndicators(join(projectRoot, "data/indicators"));
    expect(await withAmbassadorIndicator(manual, join(tmpdir(), "no-such-ambassador-dir"), noCommunities)).toBe(manual);
  });
});
