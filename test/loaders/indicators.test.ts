import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { indicators } from "../../loaders/tables/indicators.ts";
import { mirrorDir } from "../paths.ts";
import { mirrorClient, rows } from "../helpers.ts";

const raw = (file: string) => readFileSync(join(mirrorDir, file), "utf8").trim().split("\n").slice(1).map((l) => l.split(";"));

describe("goal indicators on the shared mirror", async () => {
  const ds = await indicators(mirrorClient());
  const r = rows(ds);
  const get = (indicator: string, area: string, year: number) => r.find((x) => x.indicator === indicator && x.area === area && x.year === year)?.value;

  it("total population 1 January is FOLK1A's total", () => {
    const cell = raw("FOLK1A.csv").find((x) => x[0] === "260" && x[1] === "TOT" && x[2] === "IALT" && x[3] === "TOT" && x[4] === "2011K1")!;
    expect(get("population_total", "260", 2011)).toBe(Number(cell[5]));
  });

  it("families in and out: children 0–17 and adults 25–44 moving, summed from FLY66.csv", () => {
    const fly = raw("FLY66.csv").filter((x) => { const a = Number(x[2]); return a <= 17 || (a >= 25 && a <= 44); });
    const into = fly.filter((x) => x[0] === "260").reduce((s, x) => s + Number(x[5]), 0);
    const out = fly.filter((x) => x[1] === "260").reduce((s, x) => s + Number(x[5]), 0);
    expect(get("families_in", "260", 2024)).toBe(into);
    expect(get("families_out", "260", 2024)).toBe(out);
  });

  it("26–64-year-olds need every single age; the mirror lacks age 38, so the indicator says it is missing", () => {
    expect(r.some((x) => x.indicator === "population_26_64")).toBe(false);
    expect(ds.meta.missing.map((m) => m.what)).toContain("indikatoren population_26_64");
  });
});
