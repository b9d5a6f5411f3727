import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StatbankClient } from "../../loaders/statbank/client.ts";
import { MirrorGapError, StatbankQueryError } from "../../loaders/statbank/errors.ts";
import { MirrorTransport } from "../../loaders/statbank/mirror.ts";
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
