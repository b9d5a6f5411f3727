/**
 * Loaders ask the table first (loaders/tables/fitQuery.ts): resolution of the loaders' variables
 * on the real tableinfo answers stored beside the mirror (tableinfo/*.json) and the recorded API
 * exchanges (statbank-api/), and what happens when a variable is renamed, a new one appears, or a
 * code is gone. Expectations are read from the files (the codes and texts each answer really has).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGUE, catalogueEntry, resolveVariables, type CatalogueEntry } from "../../loaders/catalogue.ts";
import type { Query } from "../../loaders/statbank/query.ts";
import type { TableInfo, TableVariable } from "../../loaders/statbank/transport.ts";
import { fitQuery, renameBack, totalCode, type Fitted } from "../../loaders/tables/fitQuery.ts";
import { mirrorDir, projectRoot, sharedDir } from "../paths.ts";

/** A stored real tableinfo: the mirror's, else the project's snapshot's. */
function stored(id: string): TableInfo {
  const file = [join(mirrorDir, "tableinfo", `${id}.json`), join(projectRoot, "snapshot/statbank/tableinfo", `${id}.json`)].find(existsSync);
  if (!file) throw new Error(`no stored tableinfo for ${id}`);
  return JSON.parse(readFileSync(file, "utf8")) as TableInfo;
}

const variable = (info: TableInfo, id: string): TableVariable => info.variables.find((v) => v.id === id)!;

/** The query a loader sends, as the catalogue lists it (the variables it names and their specs). */
function catalogueQuery(entry: CatalogueEntry, table = entry.id): Query {
  const variables = Object.fromEntries(entry.variables.filter((v) => v.select.length > 0).map((v) => [v.ids[0], v.select]));
  return { table, format: entry.format, variables };
}

function fitted(result: ReturnType<typeof fitQuery>): Fitted {
  if ("missing" in result) throw new Error(`missing: ${JSON.stringify(result.missing)}`);
  return result;
}

/** A copy of a tableinfo with one variable's id changed. */
function renamed(info: TableInfo, from: string, to: string): TableInfo {
  return { ...info, variables: info.variables.map((v) => (v.id === from ? { ...v, id: to } : v)) };
}

const STORED = ["FOLK1A", "INDKP101", "FAM55N", "FRKM126", "BY1"] as const;

describe("the loaders' variables on the real tableinfo answers", () => {
  it.each(STORED)("%s: every variable the loader names is found under its own id, every code it asks for is there", (id) => {
    const info = stored(id);
    const entry = catalogueEntry(id)!;
    expect(entry, id).toBeDefined();
    for (const r of resolveVariables(info, entry.variables)) {
      if (r.need.select.length === 0) continue; // left out of a CSV request: the table may lack it
      expect(r.variable?.id, `${id} ${r.need.ids[0]}`).toBe(r.need.ids[0]);
      expect(r.how).toBe("id");
    }
    if (entry.lookup === "tableinfo") return; // FAM55N's loader takes its ids from the tableinfo itself
    const f = fitted(fitQuery(catalogueQuery(entry, id), info, { live: true, allowGaps: false }));
    expect(f.renames).toEqual([]);
    expect(f.gaps).toEqual([]);
    // Every variable of the real table is either named or, in a CSV request, eliminated.
    const named = new Set(Object.keys(f.query.variables));
    for (const v of info.variables) if (!named.has(v.id)) expect(entry.format === "CSV" && v.elimination, `${id} ${v.id}`).toBe(true);
  });

  it("FAM55N: households by type, size and number of children, no totals; FAM55N's loader reads HUSTYP PAR and PA and ANTBORNH ≥ 1", () => {
    const info = stored("FAM55N");
    expect(info.variables.map((v) => v.id)).toEqual(["OMRÅDE", "HUSTYP", "HUSSTØR", "ANTBORNH", "Tid"]);
    // No total codes: a new variable like these would make a BULK query missing, a CSV one eliminates it.
    for (const id of ["HUSTYP", "HUSSTØR", "ANTBORNH"]) expect(totalCode(variable(info, id)), id).toBeNull();
    expect(variable(info, "HUSTYP").values.map((v) => v.id)).toEqual(expect.arrayContaining(["PAR", "PA"]));
    const children = variable(info, "ANTBORNH").values.map((v) => v.id);
    expect(children).toContain("0");
    expect(children.filter((c) => c !== "0").length).toBeGreaterThan(0);
    // The roles: the catalogue finds each by id, and by role if the ids were lower-cased third-party spellings.
    const entry = catalogueEntry("FAM55N")!;
    const lower = { ...info, variables: info.variables.map((v) => ({ ...v, id: v.time ? v.id : v.id.toLowerCase() })) };
    const byRole = resolveVariables(lower, entry.variables);
    for (const r of byRole) expect(r.variable?.id.toUpperCase(), r.need.role).toBe(r.need.ids[0].toUpperCase());
  });

  it("FRKM226 (projected movements) is not mistaken for the FRKM1yy population projection", () => {
    const info = stored("FRKM226");
    expect(catalogueEntry("FRKM226")).toBeUndefined();
    expect(catalogueEntry("FRKM126")?.id).toBe("FRKM1yy");
    // Were it asked as a projection, its age and sex would be missing, not guessed from BEVÆGELSE.
    const entry = CATALOGUE.find((t) => t.id === "FRKM1yy")!;
    const r = resolveVariables(info, entry.variables);
    expect(r.find((x) => x.need.role === "area")!.variable?.id).toBe("KOMMUNEDK");
    expect(r.find((x) => x.need.role === "age")!.variable).toBeNull();
    expect(r.find((x) => x.need.role === "sex")!.variable).toBeNull();
    const result = fitQuery(catalogueQuery(entry, "FRKM226"), info, { live: true, allowGaps: false });
    expect("missing" in result && result.missing.map((m) => m.what)).toEqual([
      "variablen ALDER findes ikke; tabellen har KOMMUNEDK, BEVÆGELSE, Tid",
      "variablen KØN findes ikke; tabellen har KOMMUNEDK, BEVÆGELSE, Tid",
    ]);
    // Its movement codes B05/B06 are internal migration in and out (the evidence for BEV107's B05/B06).
    const moves = variable(info, "BEVÆGELSE").values;
    expect(moves.find((v) => v.id === "B05")?.text).toMatch(/internal migration into/i);
    expect(moves.find((v) => v.id === "B06")?.text).toMatch(/internal migration/i);
  });

  it("the totals a new variable would get, read from the real answers", () => {
    const folk1a = stored("FOLK1A");
    expect(totalCode(variable(folk1a, "KØN"))).toBe("TOT");
    expect(totalCode(variable(folk1a, "ALDER"))).toBe("IALT");
    expect(totalCode(variable(folk1a, "CIVILSTAND"))).toBe("TOT");
    expect(totalCode(variable(folk1a, "OMRÅDE"))).toBeNull(); // "000 Hele landet" is an area, not a total code
    const indkp = stored("INDKP101");
    expect(totalCode(variable(indkp, "KOEN"))).toBe("MOK"); // "Men and women, total"
    const frkm = stored("FRKM126");
    expect(totalCode(variable(frkm, "ALDER"))).toBe("TOT"); // "Age, total"
    expect(totalCode(variable(frkm, "KØN"))).toBeNull(); // M and K only
    // The recorded API exchange (STRAF42): totals under other codes, found by their text.
    const straf = JSON.parse(readFileSync(join(sharedDir, "statbank-api", "table_info_straf42_da.body"), "utf8")) as TableInfo;
    const totals = Object.fromEntries(straf.variables.filter((v) => !v.time).map((v) => [v.id, totalCode(v)]));
    for (const v of straf.variables.filter((x) => !x.time)) {
      const code = totals[v.id]!;
      expect(code, v.id).not.toBeNull();
      expect(v.values.find((x) => x.id === code)!.text, v.id).toMatch(/i alt$/i);
    }
    expect(totals.HERKOMST1).toBe("00");
    expect(totals.AFGØRELSE).toBe("000");
  });
});

describe("a variable the table has under another id", () => {
  const income = catalogueQuery(catalogueEntry("INDKP101")!);

  it("INDKP101's KOEN spelled KØN (a known id for it): asked for as KØN, read back as KOEN, and said", () => {
    const f = fitted(fitQuery(income, renamed(stored("INDKP101"), "KOEN", "KØN"), { live: true, allowGaps: true }));
    expect(f.renames).toEqual([{ loader: "KOEN", table: "KØN", role: "sex", how: "id" }]);
    expect(Object.keys(f.query.variables)).toEqual(["OMRÅDE", "ENHED", "KØN", "INDKOMSTTYPE", "Tid"]);
    expect(f.query.variables.KØN).toEqual(["MOK"]);
    expect(f.adaptations).toEqual(["INDKP101: variablen KOEN hedder nu KØN i tabellen (et kendt navn for samme variabel); indlæseren har brugt KØN."]);
  });

  it("a sex variable under an unknown id is recognised by its codes (MOK, M, K); an income type is not", () => {
    const f = fitted(fitQuery(income, renamed(stored("INDKP101"), "KOEN", "XYZ"), { live: true, allowGaps: true }));
    expect(f.renames).toEqual([{ loader: "KOEN", table: "XYZ", role: "sex", how: "role" }]);
    expect(f.adaptations[0]).toBe("INDKP101: variablen KOEN hedder nu XYZ i tabellen (fundet efter sin rolle: køn); indlæseren har brugt XYZ.");
    const gone = fitQuery(income, renamed(stored("INDKP101"), "INDKOMSTTYPE", "XYZ"), { live: true, allowGaps: true });
    expect(gone).toEqual({
      missing: [
        {
          table: "INDKP101",
          what: "variablen INDKOMSTTYPE findes ikke; tabellen har OMRÅDE, ENHED, KOEN, XYZ, Tid",
          detail: "INDKP101 has no variable INDKOMSTTYPE (expected INDKOMSTTYPE; the table has OMRÅDE, ENHED, KOEN, XYZ, Tid)",
          variable: "INDKOMSTTYPE",
        },
      ],
    });
  });

  it("FOLK1A's OMRÅDE called KOMMUNE is found by its role (area); on a mirror the same", () => {
    const query: Query = { table: "FOLK1A", variables: { OMRÅDE: ["*"], KØN: ["TOT"], ALDER: ["IALT"], CIVILSTAND: ["TOT"], Tid: ["*K1"] } };
    for (const live of [true, false]) {
      const f = fitted(fitQuery(query, renamed(stored("FOLK1A"), "OMRÅDE", "KOMMUNE"), { live, allowGaps: false }));
      expect(f.renames, String(live)).toEqual([{ loader: "OMRÅDE", table: "KOMMUNE", role: "area", how: "role" }]);
      expect(f.query.variables.KOMMUNE).toEqual(["*"]);
      expect(f.query.variables.OMRÅDE).toBeUndefined();
    }
  });

  it("the extract's column gets the loader's name back, values unchanged", () => {
    const extract = {
      table: "INDKP101",
      dimensions: ["OMRÅDE", "KØN", "TID"],
      rows: [
        { codes: { OMRÅDE: "101", KØN: "MOK", TID: "2024" }, value: 1 },
        { codes: { OMRÅDE: "147", KØN: "MOK", TID: "2024" }, value: 2 },
      ],
    };
    const back = renameBack(extract, [{ loader: "KOEN", table: "KØN", role: "sex", how: "id" }]);
    expect(back.dimensions).toEqual(["OMRÅDE", "KOEN", "TID"]);
    expect(back.rows).toEqual([
      { codes: { OMRÅDE: "101", KOEN: "MOK", TID: "2024" }, value: 1 },
      { codes: { OMRÅDE: "147", KOEN: "MOK", TID: "2024" }, value: 2 },
    ]);
    expect(renameBack(extract, [])).toBe(extract);
  });
});

describe("a variable the loader does not name (live API)", () => {
  const folk1a = stored("FOLK1A");
  const query: Query = { table: "FOLK1A", variables: { OMRÅDE: ["*"], KØN: ["TOT"], ALDER: ["IALT"], CIVILSTAND: ["TOT"], Tid: ["*K1"] } };
  const withNew = (values: { id: string; text: string }[], elimination = true): TableInfo => ({
    ...folk1a,
    variables: [...folk1a.variables.slice(0, -1), { id: "HERKOMST", text: "herkomst", elimination, time: false, values }, folk1a.variables.at(-1)!],
  });

  it("BULK: its total is asked for and said", () => {
    const f = fitted(
      fitQuery(
        query,
        withNew([
          { id: "TOT", text: "I alt" },
          { id: "1", text: "Dansk oprindelse" },
        ]),
        { live: true, allowGaps: false },
      ),
    );
    expect(f.query.variables.HERKOMST).toEqual(["TOT"]);
    expect(f.added).toEqual([{ variable: "HERKOMST", code: "TOT" }]);
    expect(f.adaptations).toEqual(["FOLK1A: ny variabel HERKOMST; indlæseren har valgt dens total TOT (I alt)."]);
  });

  it("BULK without a total: the dataset is missing, naming the variable and its codes", () => {
    const result = fitQuery(
      query,
      withNew([
        { id: "1", text: "Dansk oprindelse" },
        { id: "2", text: "Indvandrere" },
      ]),
      { live: true, allowGaps: false },
    );
    expect(result).toEqual({
      missing: [
        {
          table: "FOLK1A",
          what: "ny variabel HERKOMST uden en total",
          detail: "FOLK1A has a variable HERKOMST the loader does not name, which a BULK request must name, and no total code (its codes: 1, 2)",
          variable: "HERKOMST",
        },
      ],
    });
  });

  it("CSV: left out when the table can eliminate it; its total asked for when it cannot", () => {
    const csv = { ...query, format: "CSV" as const };
    const eliminated = fitted(fitQuery(csv, withNew([{ id: "1", text: "a" }]), { live: true, allowGaps: false }));
    expect(eliminated.query.variables.HERKOMST).toBeUndefined();
    expect(eliminated.added).toEqual([{ variable: "HERKOMST", code: null }]);
    expect(eliminated.adaptations[0]).toMatch(/^FOLK1A: ny variabel HERKOMST er udeladt af forespørgslen, så Statistikbanken eliminerer den/);
    const fixed = fitted(
      fitQuery(
        csv,
        withNew(
          [
            { id: "IALT", text: "I alt" },
            { id: "1", text: "a" },
          ],
          false,
        ),
        { live: true, allowGaps: false },
      ),
    );
    expect(fixed.query.variables.HERKOMST).toEqual(["IALT"]);
  });

  it("on a mirror (its tableinfo is its file's columns) nothing is added", () => {
    const f = fitted(fitQuery(query, withNew([{ id: "TOT", text: "I alt" }]), { live: false, allowGaps: false }));
    expect(f.query.variables.HERKOMST).toBeUndefined();
    expect(f.adaptations).toEqual([]);
  });
});

describe("codes the live table does not have", () => {
  const query: Query = { table: "FOLK1A", variables: { OMRÅDE: ["*"], KØN: ["TOT", "X"], ALDER: ["IALT"], CIVILSTAND: ["TOT"], Tid: ["*K1"] } };
  it("without gaps allowed: missing, naming the codes; with gaps allowed: left out and recorded", () => {
    const missing = fitQuery(query, stored("FOLK1A"), { live: true, allowGaps: false });
    expect("missing" in missing && missing.missing.map((m) => m.what)).toEqual(["KØN=X findes ikke"]);
    const f = fitted(fitQuery(query, stored("FOLK1A"), { live: true, allowGaps: true }));
    expect(f.query.variables.KØN).toEqual(["TOT"]);
    expect(f.gaps).toEqual([{ variable: "KØN", codes: ["X"], reason: "unknown-code" }]);
  });
});
