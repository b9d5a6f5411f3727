import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StatbankClient } from "../../loaders/statbank/client.ts";
import { parseStatbankCsv } from "../../loaders/statbank/csv.ts";
import { MirrorGapError, StatbankQueryError } from "../../loaders/statbank/errors.ts";
import { MirrorTransport } from "../../loaders/statbank/mirror.ts";
import type { TableListing } from "../../loaders/statbank/transport.ts";
import { mirrorDir } from "../paths.ts";

/** Rows of a mirror file read independently of the transport: split lines by hand. */
function rawRows(table: string): string[][] {
  return readFileSync(join(mirrorDir, `${table}.csv`), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(";"));
}

describe("MirrorTransport on ../shared/statbank", () => {
  const mirror = new MirrorTransport(mirrorDir);
  const client = new StatbankClient(mirror);

  it("selects explicit codes and a newest-period rule like the API", async () => {
    const { extract, provenance } = await client.fetch({
      table: "FOLK1AM",
      variables: { OMRÅDE: ["260", "101"], KØN: ["TOT"], ALDER: ["IALT"], Tid: ["(1)"] },
    });
    const raw = rawRows("FOLK1AM");
    const newest = raw
      .map((r) => r[3])
      .sort()
      .at(-1)!; // months are zero-padded: string order is time order
    const expected = raw.filter((r) => (r[0] === "260" || r[0] === "101") && r[3] === newest);
    expect(expected).toHaveLength(2);
    expect(extract.rows.map((r) => [r.codes.OMRÅDE, r.codes.TID, r.value]).sort()).toEqual(expected.map((r) => [r[0], r[3], Number(r[4])]).sort());
    expect(provenance.periods).toEqual([newest]);
    expect(provenance.source.kind).toBe("mirror");
    expect(provenance.attribution).toBe("Kilde: Danmarks Statistik, FOLK1AM");
  });

  /** FOLK1A.csv's total rows (KØN TOT, ALDER IALT, CIVILSTAND TOT), read by hand. */
  const folkTotals = () => rawRows("FOLK1A").filter((r) => r[1] === "TOT" && r[2] === "IALT" && r[3] === "TOT");
  const chronological = (codes: Iterable<string>) => [...new Set(codes)].sort(); // 2008K1 < 2008K2 < 2009K1: string order is time order

  it("applies ranges and patterns to the file's values", async () => {
    const { extract } = await client.fetch(
      {
        table: "FOLK1A",
        variables: { OMRÅDE: ["260"], KØN: ["TOT"], ALDER: ["IALT"], CIVILSTAND: ["TOT"], Tid: [">=2015K1<=2019K1", "*K1"] },
      },
      { allowGaps: true },
    );
    // the union of the range and the pattern, filtered by hand
    const expected = folkTotals().filter((r) => r[0] === "260" && ((r[4] >= "2015K1" && r[4] <= "2019K1") || r[4].endsWith("K1")));
    expect(expected.some((r) => !r[4].endsWith("K1"))).toBe(true); // the range adds quarters the pattern does not
    expect(extract.rows.map((r) => `${r.codes.TID}=${r.value}`).sort()).toEqual(expected.map((r) => `${r[4]}=${Number(r[5])}`).sort());
  });

  it("names a code the file holds for other combinations but not for this selection", async () => {
    // Areas whose totals lack some 1 January the file holds for other rows (FOLK1A.csv has the whole
    // country and the regions in a few years only); the selection takes up to two with the same years.
    const fileK1 = chronological(
      rawRows("FOLK1A")
        .map((r) => r[4])
        .filter((t) => t.endsWith("K1")),
    );
    const k1ByArea = new Map<string, Set<string>>();
    for (const r of folkTotals()) if (r[4].endsWith("K1")) k1ByArea.set(r[0], (k1ByArea.get(r[0]) ?? new Set()).add(r[4]));
    const gappy = [...k1ByArea].filter(([, ks]) => ks.size < fileK1.length).sort(([a], [b]) => a.localeCompare(b));
    expect(gappy.length, "FOLK1A.csv has no area whose totals lack a 1 January the file holds elsewhere").toBeGreaterThan(0);
    const first = [...gappy[0][1]].sort().join();
    const areas = gappy
      .filter(([, ks]) => [...ks].sort().join() === first)
      .slice(0, 2)
      .map(([a]) => a);
    const held = new Set(areas.flatMap((a) => [...k1ByArea.get(a)!]));
    const expected = fileK1.filter((t) => !held.has(t));
    expect(expected.length).toBeGreaterThan(0);

    const q = { table: "FOLK1A", variables: { OMRÅDE: areas, KØN: ["TOT"], ALDER: ["IALT"], CIVILSTAND: ["TOT"], Tid: ["*K1"] } };
    const { extract, provenance } = await client.fetch(q, { allowGaps: true });
    expect(provenance.gaps.map((g) => ({ ...g, codes: chronological(g.codes) }))).toEqual([{ variable: "TID", codes: expected, reason: "not-in-mirror" }]);
    expect(chronological(extract.rows.map((r) => r.codes.TID))).toEqual(chronological(held));
  });

  it("names the codes the mirror lacks", async () => {
    // A period the stored tableinfo lists but no row of FOLK1A.csv holds (preferably for Halsnæs, else
    // any area), next to one the file does hold for the same area.
    const info = JSON.parse(readFileSync(join(mirrorDir, "tableinfo", "FOLK1A.json"), "utf8")) as { variables: { id: string; values: { id: string }[] }[] };
    const listed = info.variables.find((v) => v.id.toUpperCase() === "TID")!.values.map((v) => v.id);
    const inFile = new Set(rawRows("FOLK1A").map((r) => r[4]));
    const periodsByArea = new Map<string, Set<string>>();
    for (const r of folkTotals()) periodsByArea.set(r[0], (periodsByArea.get(r[0]) ?? new Set()).add(r[4]));
    const pick = (area: string) => {
      const held = periodsByArea.get(area) ?? new Set<string>();
      const lacking = listed.find((t) => !inFile.has(t)) ?? listed.find((t) => !held.has(t));
      const present = [...held].sort()[0];
      return lacking && present ? { area, lacking, present } : undefined;
    };
    const c = pick("260") ?? [...periodsByArea.keys()].map(pick).find(Boolean);
    expect(c, "every period in FOLK1A's tableinfo is in FOLK1A.csv for every area").toBeDefined();
    const { area, lacking, present } = c!;

    const q = { table: "FOLK1A", variables: { OMRÅDE: [area], KØN: ["TOT"], ALDER: ["IALT"], CIVILSTAND: ["TOT"], Tid: [lacking, present] } };
    await expect(client.fetch(q)).rejects.toThrow(`FOLK1A TID=${lacking} (not in mirror)`);
    const { extract, provenance } = await client.fetch(q, { allowGaps: true });
    expect(extract.rows.map((r) => r.codes.TID)).toEqual([present]);
    expect(provenance.gaps).toEqual([{ variable: "TID", codes: [lacking], reason: "not-in-mirror" }]);
  });

  it("tells an unknown code (per the stored tableinfo) from one the mirror lacks, even with allowGaps", async () => {
    const q = { table: "FOLK1A", variables: { OMRÅDE: ["999"], KØN: ["TOT"], ALDER: ["IALT"], CIVILSTAND: ["TOT"], Tid: ["2011K1"] } };
    const err = await client.fetch(q, { allowGaps: true }).catch((e) => e);
    expect(err).toBeInstanceOf(MirrorGapError);
    expect(err.message).toMatch(/FOLK1A OMRÅDE=999 \(unknown code\)/);
  });

  it("says which table is missing", async () => {
    const err = await client.fetch({ table: "BY3", variables: { BYER: ["*"], FOLKARTAET: ["*"], Tid: ["*"] } }).catch((e) => e);
    expect(err).toBeInstanceOf(MirrorGapError);
    expect(err.message).toMatch(/lacks table BY3 \(no BY3\.csv\)/);
    expect(err.gaps[0].reason).toBe("table-not-in-mirror");
  });

  it("rejects unknown variables and BULK elimination, naming the variables", async () => {
    await expect(client.fetch({ table: "FOLK1AM", variables: { OMRÅDE: ["260"], KØN: ["TOT"], ALDER: ["IALT"], Tid: ["*"], FOO: ["1"] } })).rejects.toThrow(
      /FOLK1AM: no variable FOO; the variables are OMRÅDE, KØN, ALDER, TID/,
    );
    await expect(client.fetch({ table: "FOLK1AM", variables: { OMRÅDE: ["260"], Tid: ["*"] } })).rejects.toThrow(StatbankQueryError);
  });

  it("describes what it holds as tableinfo: the file's codes with the stored labels", async () => {
    const info = await mirror.tableInfo("FOLK1A");
    expect(info.text).toBe("Befolkningen den 1. i kvartalet");
    const omr = info.variables.find((v) => v.id === "OMRÅDE")!;
    expect(omr.values.find((v) => v.id === "260")?.text).toBe("Halsnæs");
    const tid = info.variables.find((v) => v.time)!;
    expect(tid.values.at(-1)!.id).toBe("2026K1"); // the file goes further than its stored tableinfo (2025K3)
    expect(tid.values.map((v) => v.id)).not.toContain("2025K3"); // listed by the stored tableinfo, not held by the file
  });

  it("knows that FLY66 leaves out zero rows and FOLK1A does not", async () => {
    const fly = await mirror.data({ table: "FLY66", variables: { TILKOMMUNE: ["260"], FRAKOMMUNE: ["270"], ALDER: ["*"], KØN: ["*"], TID: ["*"] } });
    expect(fly.absentMeansZero).toBe(true);
    const folk = await mirror.data({ table: "FOLK1AM", variables: { OMRÅDE: ["260"], KØN: ["*"], ALDER: ["*"], TID: ["(1)"] } });
    expect(folk.absentMeansZero).toBe(false);
  });

  it("picks up a new file dropped into the folder without any code change", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mirror-"));
    mkdirSync(join(dir, "tableinfo"));
    writeFileSync(join(dir, "NEWTAB.csv"), "OMRÅDE;TID;INDHOLD\n260;2023;5\n260;2024;7\n");
    const t = new StatbankClient(new MirrorTransport(dir));
    const { extract } = await t.fetch({ table: "newtab", variables: { OMRÅDE: ["*"], Tid: ["(1)"] } });
    expect(extract.rows).toEqual([{ codes: { OMRÅDE: "260", TID: "2024" }, value: 7 }]);
    expect((await t.tables()).map((x) => [x.id, x.firstPeriod, x.latestPeriod])).toEqual([["NEWTAB", "2023", "2024"]]);
  });
});

/** A temp mirror folder holding `files` (name -> text). */
function tempMirror(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "mirror-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Every variable of a file's header asked with "*": the whole file. */
const everything = (header: string) =>
  Object.fromEntries(
    header
      .split(";")
      .slice(0, -1)
      .map((d) => [d, ["*"]]),
  );

describe("MirrorTransport reads each file once, into columns", () => {
  const tableIds = readdirSync(mirrorDir)
    .filter((f) => f.toLowerCase().endsWith(".csv"))
    .map((f) => f.slice(0, -4))
    .sort();

  it("answers every file of the mirror with the parser's rows, in file order", async () => {
    const mirror = new MirrorTransport(mirrorDir);
    for (const table of tableIds) {
      const file = join(mirrorDir, `${table}.csv`);
      const parsed = parseStatbankCsv(readFileSync(file, "utf8"), file, table.toUpperCase());
      if (parsed.rows.length === 0) continue;
      const { extract } = await mirror.data({ table, variables: Object.fromEntries(parsed.dimensions.map((d) => [d, ["*"]])) });
      expect(extract.dimensions).toEqual(parsed.dimensions);
      expect(extract.rows.length, table).toBe(parsed.rows.length);
      // JSON: hundreds of thousands of rows compared in one go
      expect(JSON.stringify(extract.rows) === JSON.stringify(parsed.rows), `${table}: rows differ from the parser's`).toBe(true);
    }
  });

  it("gives the rows of some periods in file order, whatever order the periods are in", async () => {
    const lines = ["OMRÅDE;TID;INDHOLD", "260;2024;1", "260;2022;2", "101;2023;3", "101;2024;4", "101;2022;5", "147;2024;6"];
    const mirror = new MirrorTransport(tempMirror({ "T.csv": lines.join("\n") + "\n" }));
    const ask = async (tid: string[]) =>
      (await mirror.data({ table: "T", variables: { OMRÅDE: ["*"], TID: tid } })).extract.rows.map((r) => `${r.codes.OMRÅDE}/${r.codes.TID}=${r.value}`);
    expect(await ask(["2024", "2022"])).toEqual(["260/2024=1", "260/2022=2", "101/2024=4", "101/2022=5", "147/2024=6"]);
    expect(await ask(["(1)"])).toEqual(["260/2024=1", "101/2024=4", "147/2024=6"]);
    expect(await ask(["-(1)"])).toEqual(["260/2022=2", "101/2022=5"]);
    const some = await mirror.data({ table: "T", variables: { OMRÅDE: ["101"], TID: ["2023", "2024"] } });
    expect(some.extract.rows).toEqual([
      { codes: { OMRÅDE: "101", TID: "2023" }, value: 3 },
      { codes: { OMRÅDE: "101", TID: "2024" }, value: 4 },
    ]);
    expect((await mirror.tableInfo("T")).variables[1].values.map((v) => v.id)).toEqual(["2022", "2023", "2024"]);
  });

  it("reads a BOM, CRLF, quotes, decimal commas, missing values, long numbers and blank lines at the end as the parser does", async () => {
    const files = {
      "PLAIN.csv":
        "\uFEFFOMRÅDE;TID;INDHOLD\r\n260;2023;1,5\r\n101;2023;..\r\n147;2023;-\r\n151;2023;\r\n153;2023;12345678901234567890\r\n155;2023; 7 \r\n157;2023;-12\r\n\r\n\n",
      "QUOTED.csv": 'OMRÅDE;TID;INDHOLD\n"260";2023;1.25\n"1;01";2023;2\n',
      "NOEOL.csv": "OMRÅDE;TID;INDHOLD\n260;2023;4",
    };
    const mirror = new MirrorTransport(tempMirror(files));
    for (const [name, text] of Object.entries(files)) {
      const table = name.slice(0, -4);
      const parsed = parseStatbankCsv(text, name, table);
      const { extract } = await mirror.data({ table, variables: everything(parsed.dimensions.join(";") + ";INDHOLD") });
      expect(extract.rows, name).toEqual(parsed.rows);
    }
  });

  it("names the line of a bad row, as the parser and validation do", async () => {
    const dir = tempMirror({
      "BLANK.csv": "OMRÅDE;TID;INDHOLD\n260;2023;1\n\n101;2023;2\n",
      "FIELDS.csv": "OMRÅDE;TID;INDHOLD\n260;2023;1\n101;2023;2;3\n",
      "VALUE.csv": "OMRÅDE;TID;INDHOLD\n260;2023;1\n101;2023;abc\n",
      "DUP.csv": "OMRÅDE;TID;INDHOLD\n260;2023;1\n101;2023;2\n260;2023;3\n",
      "SPACE.csv": "OMRÅDE;TID;INDHOLD\n260;2023;1\n 101;2023;2\n",
      "NEG.csv": "OMRÅDE;TID;INDHOLD\n260;2023;1\n101;2023;-2\n",
      "HALF.csv": "OMRÅDE;TID;INDHOLD\n260;2023;1\n101;2023;2,5\n",
      "BAL.csv": "OMRÅDE;BEVÆGELSE;TID;INDHOLD\n260;B08;2023;-4\n",
      "MANIFEST.json": JSON.stringify({ tables: ["NEG", "HALF", "BAL"].map((id) => ({ id, unit: "Antal" })) }),
    });
    const mirror = new MirrorTransport(dir);
    const ask = (table: string) => mirror.data({ table, variables: { OMRÅDE: ["*"], TID: ["*"] } });
    await expect(ask("BLANK")).rejects.toThrow(/BLANK\.csv, line 3: blank line inside the data$/);
    await expect(ask("FIELDS")).rejects.toThrow(/FIELDS\.csv, line 3: 4 fields, expected 3/);
    await expect(ask("VALUE")).rejects.toThrow(/VALUE\.csv, line 3: INDHOLD "abc" is not a number/);
    await expect(ask("DUP")).rejects.toThrow(/^DUP: .*DUP\.csv, line 4: duplicate row for OMRÅDE=260 TID=2023 \(also line 2\)/);
    await expect(ask("SPACE")).rejects.toThrow(/^SPACE: .*SPACE\.csv, line 3, column OMRÅDE: OMRÅDE code " 101" has spaces around it/);
    await expect(ask("NEG")).rejects.toThrow(/^NEG: .*NEG\.csv, line 3, column INDHOLD: INDHOLD -2 is negative, but NEG counts/);
    await expect(ask("HALF")).rejects.toThrow(/^HALF: .*HALF\.csv, line 3, column INDHOLD: INDHOLD 2\.5 is not a whole number/);
    // a movement (BEVÆGELSE) may be negative in a table of counts
    expect((await mirror.data({ table: "BAL", variables: { OMRÅDE: ["*"], BEVÆGELSE: ["*"], TID: ["*"] } })).extract.rows[0].value).toBe(-4);
    // asked again, the same message (a failed file is not kept)
    await expect(ask("DUP")).rejects.toThrow(/line 4: duplicate row/);
  });

  it("lists the tables as tableInfo describes them, from their headers and time columns", async () => {
    const listing = await new MirrorTransport(mirrorDir).tables();
    const fresh = new MirrorTransport(mirrorDir);
    const expected: TableListing[] = [];
    for (const id of tableIds) {
      const info = await fresh.tableInfo(id);
      const time = info.variables.find((v) => v.time);
      expected.push({
        id: info.id,
        text: info.text,
        unit: info.unit,
        updated: info.updated,
        firstPeriod: time?.values[0]?.id ?? "",
        latestPeriod: time?.values.at(-1)?.id ?? "",
        active: true,
        variables: info.variables.map((v) => v.id),
      });
    }
    expect(listing).toEqual(expected);
  });

  it("lists a file without reading its rows; a header the parser refuses is named as before", async () => {
    const mirror = new MirrorTransport(tempMirror({ "NEWTAB.csv": "OMRÅDE;TID;INDHOLD\n260;2024;5\n260;2023;abc\n" }));
    expect((await mirror.tables()).map((x) => [x.id, x.firstPeriod, x.latestPeriod, x.variables])).toEqual([["NEWTAB", "2023", "2024", ["OMRÅDE", "TID"]]]);
    await expect(mirror.data({ table: "NEWTAB", variables: { OMRÅDE: ["*"], TID: ["*"] } })).rejects.toThrow(/NEWTAB\.csv, line 3: INDHOLD "abc"/);
    const broken = new MirrorTransport(tempMirror({ "BAD.csv": "OMRÅDE,TID,INDHOLD\n260,2024,5\n" }));
    await expect(broken.tables()).rejects.toThrow(/BAD\.csv, line 1: header "OMRÅDE,TID,INDHOLD" has no ';'-separated columns \(is it comma- or tab-separated/);
  });

  it("says in the provenance that a synthetic mirror's rows are synthetic", async () => {
    const dir = tempMirror({
      "T.csv": "OMRÅDE;TID;INDHOLD\n260;2024;5\n",
      "MANIFEST.json": JSON.stringify({ synthetic: true, generated: "2026-12-04", tables: [] }),
    });
    const q = { table: "T", variables: { OMRÅDE: ["*"], Tid: ["*"] } };
    const { provenance } = await new StatbankClient(new MirrorTransport(dir)).fetch(q);
    expect(provenance.source).toMatchObject({ kind: "mirror", synthetic: true, snapshotOf: "2026-12-04" });
    const real = await new StatbankClient(new MirrorTransport(mirrorDir)).fetch({
      table: "FOLK1AM",
      variables: { OMRÅDE: ["260"], KØN: ["TOT"], ALDER: ["IALT"], Tid: ["(1)"] },
    });
    expect(real.provenance.source).not.toHaveProperty("synthetic");
  });
});
