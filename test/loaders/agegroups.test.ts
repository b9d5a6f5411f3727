import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StatbankClient } from "../../loaders/statbank/client.ts";
import { MirrorTransport } from "../../loaders/statbank/mirror.ts";
import { populationAgeGroups } from "../../loaders/tables/agegroups.ts";
import { mirrorDir } from "../paths.ts";

const raw = (file: string) =>
  readFileSync(join(mirrorDir, file), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(";"));

describe("population_agegroups on the shared mirror", async () => {
  const ds = await populationAgeGroups(new StatbankClient(new MirrorTransport(mirrorDir)));
  const rows = Array.from({ length: ds.meta.rows }, (_, i) => Object.fromEntries(Object.entries(ds.columns).map(([k, c]) => [k, c.values[i]])));
  const find = (area: string, sex: string, group: string, year: number) =>
    rows.find((r) => r.area === area && r.sex === sex && r.age_group === group && r.year === year);

  it("sums FOLK1A single ages into groups by sex, and TOT = M + K", () => {
    // Odense 2011, women 20–34: add the file's KØN=2 cells for ages 20..34
    const expected = raw("FOLK1A.csv")
      .filter((r) => r[0] === "461" && r[1] === "2" && r[4] === "2011K1" && Number(r[2]) >= 20 && Number(r[2]) <= 34)
      .reduce((s, r) => s + Number(r[5]), 0);
    expect(find("461", "K", "20-34", 2011)).toMatchObject({ population: expected, source: "FOLK1A" });
    expect(find("461", "TOT", "20-34", 2011)!.population).toBe(expected + (find("461", "M", "20-34", 2011)!.population as number));
  });

  it("leaves out a group with a missing age (38) rather than understating it, and fills it from the third-party file where that has it", () => {
    expect(find("461", "K", "35-64", 2011)).toBeUndefined();
    const third = raw("FOLK1A_agegroups.csv").find((r) => r[0] === "461" && r[2] === "35-64" && r[4] === "2016K1")!;
    expect(find("461", "TOT", "35-64", 2016)).toMatchObject({ population: Number(third[5]), source: "FOLK1A_agegroups" });
  });

  it("uses the third-party sums for municipalities without FOLK1A single ages, marked in every row and the provenance", () => {
    const third = raw("FOLK1A_agegroups.csv").find((r) => r[0] === "260" && r[2] === "80-" && r[4] === "2026K1")!;
    expect(find("260", "TOT", "80-", 2026)).toMatchObject({ population: Number(third[5]), source: "FOLK1A_agegroups" });
    expect(find("260", "M", "80-", 2026)).toBeUndefined();
    expect(ds.meta.sources.map((s) => s.table)).toEqual(["FOLK1A", "FOLK1A_AGEGROUPS"]);
    expect(ds.meta.sources[1].title).toMatch(/tredjepart/);
  });
});
