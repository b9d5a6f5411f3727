import { describe, expect, it, vi } from "vitest";
import { StatbankClient } from "../../loaders/statbank/client.ts";
import { MirrorGapError } from "../../loaders/statbank/errors.ts";
import { MirrorTransport } from "../../loaders/statbank/mirror.ts";
import { areaTotals, flowPairs, migrationAges, migrationTotals, pairTotals, readFlows } from "../../loaders/tables/flows.ts";
import { mirrorDir } from "../paths.ts";

// origin|destination|age group|year -> moves (men and women added)
const FLOWS: [string, number][] = [
  ["270|260|0-17|2024", 10],
  ["270|260|25-44|2024", 20],
  ["260|270|0-17|2024", 4],
  ["101|260|25-44|2024", 5],
];

describe("FLY66 aggregates the browser reads", () => {
  it("pairTotals: each pair seen from both ends, per age group and all ages", () => {
    const key = (p: { area: string; counterpart: string; age_group: string }) => `${p.area}→${p.counterpart} ${p.age_group}`;
    const got = Object.fromEntries(pairTotals(FLOWS).map((p) => [key(p), [p.in_movers, p.out_movers]]));
    expect(got).toEqual({
      // 260 seen from 260: in 10 + 20 from 270, out 4 to 270; in 5 from 101
      "260→270 0-17": [10, 4],
      "260→270 25-44": [20, 0],
      "260→270 i alt": [30, 4],
      "260→101 25-44": [5, 0],
      "260→101 i alt": [5, 0],
      // and the same moves seen from 270 and 101
      "270→260 0-17": [4, 10],
      "270→260 25-44": [0, 20],
      "270→260 i alt": [4, 30],
      "101→260 25-44": [0, 5],
      "101→260 i alt": [0, 5],
    });
    // sorted by area, year, age group, counterpart
    expect(pairTotals(FLOWS).map(key).slice(0, 3)).toEqual(["101→260 25-44", "101→260 i alt", "260→270 0-17"]);
  });

  it("areaTotals: in and out per municipality and age group, 'i alt' over all groups", () => {
    const got = Object.fromEntries(areaTotals(FLOWS).map((t) => [`${t.area} ${t.age_group}`, [t.in_movers, t.out_movers]]));
    expect(got).toEqual({
      "260 0-17": [10, 4],
      "260 25-44": [25, 0],
      "260 i alt": [35, 4],
      "270 0-17": [4, 10],
      "270 25-44": [0, 20],
      "270 i alt": [4, 30],
      "101 25-44": [0, 5],
      "101 i alt": [0, 5],
    });
  });

  it("sorts as the string keys would, codes of any length", () => {
    // pairs by "area|year|age group|counterpart" in code units, totals by "area|age group|year" with the locale
    const flows: [string, number][] = [
      ["1|10|0-17|2024", 1],
      ["10|1|65+|2023", 2],
      ["101|9|18-24|2024", 3],
      ["9|1|0-17|2024", 4],
      ["1|101|45-64|2024", 5],
    ];
    const pairKeys = pairTotals(flows).map((p) => `${p.area}|${p.year}|${p.age_group}|${p.counterpart}`);
    expect(pairKeys).toEqual([...pairKeys].sort());
    // "|" comes after the digits in code units, before them in the locale
    expect([...new Set(pairTotals(flows).map((p) => p.area))]).toEqual(["101", "10", "1", "9"]);
    expect(pairKeys.filter((k) => k.startsWith("1|"))).toEqual([
      "1|2023|65+|10",
      "1|2023|i alt|10",
      "1|2024|0-17|10",
      "1|2024|0-17|9",
      "1|2024|45-64|101",
      "1|2024|i alt|10",
      "1|2024|i alt|101",
      "1|2024|i alt|9",
    ]);
    const totalKeys = areaTotals(flows).map((t) => `${t.area}|${t.age_group}|${t.year}`);
    expect(totalKeys).toEqual([...totalKeys].sort((a, b) => a.localeCompare(b)));
    expect([...new Set(areaTotals(flows).map((t) => t.area))]).toEqual(["1", "10", "101", "9"]);
    expect(totalKeys.slice(0, 5)).toEqual(["1|0-17|2024", "1|45-64|2024", "1|65+|2023", "1|i alt|2023", "1|i alt|2024"]);
  });
});

describe("readFlows", () => {
  const client = () => {
    const transport = new MirrorTransport(mirrorDir);
    return { client: new StatbankClient(transport), data: vi.spyOn(transport, "data") };
  };

  it("fetches FLY66 once per client, however many datasets are built from it", async () => {
    const { client: c, data } = client();
    const pairs = await flowPairs(c);
    const requests = data.mock.calls.length;
    expect(requests).toBeGreaterThan(0);
    const [totals, ages] = [await migrationTotals(c), await migrationAges(c)];
    expect(data.mock.calls.length).toBe(requests);
    expect(pairs.meta.rows).toBeGreaterThan(0);
    expect(totals.meta.rows).toBeGreaterThan(0);
    expect(ages.meta.rows).toBeGreaterThan(0);
    // another client fetches anew
    const other = client();
    await readFlows(other.client);
    expect(other.data.mock.calls.length).toBe(requests);
  });

  it("does not keep a fetch that failed, nor one that found FLY66 missing", async () => {
    const { client: c, data } = client();
    data.mockRejectedValueOnce(new Error("connection reset"));
    await expect(readFlows(c)).rejects.toThrow("connection reset");
    data.mockRejectedValueOnce(new MirrorGapError("FLY66", mirrorDir, [{ variable: null, codes: [], reason: "table-not-in-mirror" }]));
    expect(await readFlows(c)).toMatchObject({ missing: [{ table: "FLY66", what: "hele tabellen" }] });
    const again = await readFlows(c);
    expect("flows" in again && again.flows.moves.length).toBeGreaterThan(0);
    expect(await readFlows(c)).toBe(again);
  });
});
