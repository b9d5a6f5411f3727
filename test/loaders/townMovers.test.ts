/**
 * Newcomers by urban area (data/extracts/byomraader): validated against BY1, and protected as the
 * mover extract is — no count below 3 shown, nothing recoverable from the totals the page shows.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { by1Codes } from "../../loaders/tables/by1Codes.ts";
import {
  compareTownCells,
  parseTownMovers,
  protectTownMovers,
  TOWN_GROUPINGS,
  TownMoverError,
  townMovers,
  type TownMoverCell,
} from "../../loaders/tables/townMovers.ts";
import { towns } from "../../loaders/tables/towns.ts";
import { auditNoRecovery } from "../../src/lib/disclosure.ts";
import { isExampleData } from "../../src/lib/example.ts";
import { mirrorClient, rows } from "../helpers.ts";
import { projectRoot } from "../paths.ts";

const HEADER = "kommune;aar;byomraade;aldersgruppe;fra;antal";

describe("town_movers", async () => {
  const client = mirrorClient();
  const codes = by1Codes(await towns(client));

  it("the example: marked, no shown count of 1 or 2, and the audit finds nothing recoverable", async () => {
    const ds = await townMovers(client, join(projectRoot, "data/extracts/byomraader"));
    expect(ds.meta.status).toBe("ok");
    expect(isExampleData(ds.meta)).toBe(true);
    const r = rows(ds) as { movers: number | null; suppressed: number; area: string; year: number; town_code: string; age_group: string; origin: string }[];
    expect(r.some((x) => x.movers === 1 || x.movers === 2)).toBe(false);
    expect(r.some((x) => x.suppressed === 1)).toBe(true);
    expect(auditNoRecovery(r, TOWN_GROUPINGS)).toEqual([]);
    expect(new Set(r.map((x) => x.area))).toEqual(new Set(["420"]));
  });

  it("hides a lone small cell and one more in each of its totals", () => {
    const cell = (town_code: string, age_group: string, origin: string, count: number): TownMoverCell => ({
      area: "420",
      year: 2025,
      town_code,
      age_group,
      origin,
      count,
    });
    const cells = [
      cell("42010570", "0-17", "udland", 1),
      cell("42010570", "0-17", "region", 7),
      cell("42010570", "25-44", "udland", 9),
      cell("42010570", "25-44", "region", 12),
      cell("42010554", "0-17", "udland", 5),
      cell("42010554", "25-44", "region", 4),
    ];
    const { rows: out, primary, secondary } = protectTownMovers(cells, codes);
    expect(primary).toBe(1);
    expect(secondary).toBeGreaterThan(0);
    expect(out.find((x) => x.town_code === "42010570" && x.age_group === "0-17" && x.origin === "udland")).toMatchObject({
      movers: null,
      suppressed: 1,
      town: "Aarup",
    });
    expect(
      auditNoRecovery(
        out,
        TOWN_GROUPINGS,
        [...cells].sort(compareTownCells).map((c) => c.count),
      ),
    ).toEqual([]);
  });

  it("names file, line, column and code of every problem", () => {
    const text = [
      HEADER,
      "420;2025;42010570;25-44;nabokommune;7",
      "420;2025;46110511;25-44;region;3",
      "420;2025;42010570;30-39;udland;-2",
      "420;2025;42010570;25-44;nabokommune;4",
    ].join("\n");
    const e = (() => {
      try {
        parseTownMovers(text, "by.csv", codes);
      } catch (x) {
        return x as TownMoverError;
      }
    })()!;
    expect(e).toBeInstanceOf(TownMoverError);
    expect(
      e.message
        .split("\n")
        .slice(1)
        .map((l) => l.trim()),
    ).toEqual([
      "by.csv, line 3, column 3 (byomraade): BY1 code 46110511 (Skallebølle (del af flere kommuner)) belongs to municipality 461, not 420; the town is split by the border: the part in 420 is 42010511",
      'by.csv, line 4, column 4 (aldersgruppe): unknown aldersgruppe "30-39"; expected one of 0-17, 18-24, 25-44, 45-64, 65+',
      "by.csv, line 4, column 6 (antal): -2 is negative; antal is a number of persons (0 or more)",
      "by.csv, line 5: duplicate cell 420;2025;42010570;25-44;nabokommune (kommune;aar;byomraade;aldersgruppe;fra), also on line 2",
    ]);
  });
});
