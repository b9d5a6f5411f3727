/**
 * The families dataset: households from FAM55N (test/fixtures/fam55n: an API CSV answer with
 * HUSSTØR eliminated, and the real tableinfo trimmed), families from FAM44N only when the source
 * lacks FAM55N (test/fixtures/mirror/FAM44N.csv), and both named missing on the shared mirror.
 *
 * By hand from test/fixtures/fam55n/FAM55N.csv (ANTBORNH 1, 2, 3, 4, 5-; ANTBORNH 0 never counts):
 *   260 2011  PAR 400+600+150+20+5 = 1175, PA 250+180+40+6+0 = 476   -> couples 1651
 *             M 30+15+3+0+0 = 48, K 210+120+25+2+1 = 358            -> households 1651+48+358 = 2057
 *   260 2025  PAR 380+560+140+18+4 = 1102, PA 300+210+50+7+1 = 568   -> couples 1670
 *             M 40+20+4+1+0 = 65, K 230+130+30+3+0 = 393            -> households 1670+65+393 = 2128
 *   101 2025  PAR 9000+7000+1500+200+40 = 17740, PA 6000+3000+500+60+10 = 9570 -> couples 27310
 *             K 1 child is ".."                                      -> households null
 *   101 2011  only PAR rows: the CSV answer lacks PA, M and K there   -> no row; named missing
 *   411 2025  Christiansø, not a municipality                         -> left out, named in a note
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { StatbankClient } from "../../loaders/statbank/client.ts";
import { HttpTransport } from "../../loaders/statbank/http.ts";
import { MirrorTransport } from "../../loaders/statbank/mirror.ts";
import type { Query } from "../../loaders/statbank/query.ts";
import { childrenOf, families } from "../../loaders/tables/families.ts";
import { fixtureClient, mirrorClient, rows } from "../helpers.ts";
import { fixturesDir, mirrorDir, sharedDir } from "../paths.ts";

const FIXTURE = join(fixturesDir, "fam55n");
const FAM55N_CSV = join(FIXTURE, "FAM55N.csv");
const FAM55N_INFO = join(FIXTURE, "tableinfo", "FAM55N.json");
/** The real tableinfo the project carries (all 105 areas, 1986–2026). */
const REAL_INFO = join(sharedDir, "statbank", "tableinfo", "FAM55N.json");
const FAM44N_CSV = join(fixturesDir, "mirror", "FAM44N.csv");

/** A mirror transport that records the tables it is asked for data of. */
class RecordingMirror extends MirrorTransport {
  readonly asked: string[] = [];
  override async data(query: Query) {
    this.asked.push(query.table.toUpperCase());
    return super.data(query);
  }
}

const tmp: string[] = [];
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A mirror folder with the given files: name -> source path or contents. */
function folder(files: Record<string, string | { text: string }>): RecordingMirror {
  const dir = mkdtempSync(join(tmpdir(), "families-"));
  tmp.push(dir);
  mkdirSync(join(dir, "tableinfo"));
  for (const [name, from] of Object.entries(files)) {
    if (typeof from === "string") copyFileSync(from, join(dir, name));
    else writeFileSync(join(dir, name), from.text);
  }
  return new RecordingMirror(dir);
}

const HOUSEHOLD_ROWS = [
  { area: "101", year: 2025, couples_with_children: 27310, families_with_children: null },
  { area: "260", year: 2011, couples_with_children: 1651, families_with_children: 2057 },
  { area: "260", year: 2025, couples_with_children: 1670, families_with_children: 2128 },
];

describe("families from FAM55N (households)", () => {
  it("reads ANTBORNH codes", () => {
    expect(childrenOf("5-", "FAM55N", "ANTBORNH")).toBe(5);
    expect(() => childrenOf("IALT", "FAM55N", "ANTBORNH")).toThrow(/^FAM55N: ANTBORNH code "IALT"/);
  });

  it("on the fixture: couples (PAR + PA) and all households (+ M, K) with children, summed by hand", async () => {
    const transport = new RecordingMirror(FIXTURE);
    const ds = await families(new StatbankClient(transport));
    expect(rows(ds)).toEqual(HOUSEHOLD_ROWS);
    expect(ds.meta.rows).toBe(3);
    expect(transport.asked).toEqual(["FAM55N"]);
    const [source] = ds.meta.sources;
    expect(ds.meta.sources).toHaveLength(1);
    expect(source.table).toBe("FAM55N");
    // CSV, HUSSTØR left out so that StatBank eliminates (sums) it
    expect(source.query).toEqual({
      table: "FAM55N",
      format: "CSV",
      variables: { OMRÅDE: ["*"], HUSTYP: ["PAR", "PA", "M", "K"], ANTBORNH: ["*"], Tid: ["*"] },
    });
    expect(source.selection).toBe("FAM55N OMRÅDE=* HUSTYP=PAR,PA,M,K ANTBORNH=* Tid=*");
    expect(ds.meta.status).toBe("partial");
    expect(ds.meta.missing.map((m) => m.what)).toEqual(["96 af 98 kommuner", "ikke alle husstandstyper og antal børn for 1 område-år"]);
    expect(ds.meta.missing[1].detail).toContain("101 2011");
    expect(ds.meta.notes?.join(" ")).toContain("FAM55N: udeladte områdekoder 411 (Christiansø, ikke en kommune)");
  });

  it("says households, not families, in its title and columns, and what it leaves out in its notes", async () => {
    const ds = await families(new StatbankClient(new MirrorTransport(FIXTURE)));
    expect(ds.meta.title).toBe("Husstande med børn 1. januar");
    for (const text of [ds.meta.title, ds.meta.columns.couples_with_children, ds.meta.columns.families_with_children]) {
      expect(text).toMatch(/husstande/i);
      expect(text).not.toMatch(/familier/i);
    }
    expect(ds.meta.columns.couples_with_children).toMatch(/PAR.*PA.*antal husstande \(FAM55N\)/);
    const notes = ds.meta.notes!.join(" ");
    expect(notes).toContain("husstande fra FAM55N, ikke familier");
    expect(notes).toContain("HUSSTØR");
    expect(notes).toMatch(/Andre husstande med mere end én familie \(AH\) er ikke med/);
    expect(notes).toContain("(IHB)");
  });

  it("through the HTTP transport with the real tableinfo: one CSV request without HUSSTØR, under the 1,000,000-cell limit, the same rows", async () => {
    const info = readFileSync(REAL_INFO, "utf8");
    const answer = readFileSync(FAM55N_CSV);
    const posts: { url: string; body: Record<string, unknown> }[] = [];
    const stub = (async (url: string | URL | Request, init?: RequestInit) => {
      const u = String(url);
      posts.push({ url: u, body: JSON.parse(String(init?.body)) });
      if (u.endsWith("/tableinfo")) return new Response(info, { status: 200, headers: { "content-type": "text/json; charset=utf-8" } });
      if (u.endsWith("/data")) return new Response(answer, { status: 200, headers: { "content-type": "text/csv; charset=utf-8" } });
      return new Response("{}", { status: 404 });
    }) as typeof fetch;
    const ds = await families(new StatbankClient(new HttpTransport({ format: "CSV", fetch: stub, log: () => {} })));
    const data = posts.filter((p) => p.url.endsWith("/data"));
    expect(data).toHaveLength(1); // not split
    expect(data[0].body).toEqual({
      table: "FAM55N",
      format: "CSV",
      lang: "da",
      valuePresentation: "Code",
      delimiter: "Semicolon",
      variables: [
        { code: "OMRÅDE", values: ["*"] },
        { code: "HUSTYP", values: ["PAR", "PA", "M", "K"] },
        { code: "ANTBORNH", values: ["*"] },
        { code: "Tid", values: ["*"] },
      ],
    });
    // Cells: the rows asked for × (4 variables + INDHOLD); with the real tableinfo 105 × 4 × 6 × 41 = 103,320 rows, 516,600 cells.
    const real = JSON.parse(info) as { variables: { id: string; values: unknown[] }[] };
    const count = (id: string) => real.variables.find((v) => v.id === id)!.values.length;
    const asked = count("OMRÅDE") * 4 * count("ANTBORNH") * count("Tid");
    expect(ds.meta.sources[0].requestedCells).toBe(asked);
    expect(asked * 5).toBeLessThan(1_000_000);
    expect(rows(ds)).toEqual(HOUSEHOLD_ROWS);
    expect(ds.meta.sources[0].source.kind).toBe("live");
  });

  it("FAM44N is not asked for when FAM55N is there", async () => {
    const transport = folder({ "FAM55N.csv": FAM55N_CSV, "tableinfo/FAM55N.json": FAM55N_INFO, "FAM44N.csv": FAM44N_CSV });
    const ds = await families(new StatbankClient(transport));
    expect(transport.asked).toEqual(["FAM55N"]);
    expect(ds.meta.sources.map((s) => s.table)).toEqual(["FAM55N"]);
    expect(rows(ds)).toEqual(HOUSEHOLD_ROWS);
  });
});

describe("families from FAM44N, only when the source lacks FAM55N", () => {
  it("a source without FAM55N: families from FAM44N, labelled as families, saying why", async () => {
    const ds = await families(fixtureClient());
    expect(ds.meta.sources.map((s) => s.table)).toEqual(["FAM44N"]);
    // the FAM44N sums of test/loaders/economy.test.ts
    expect(rows(ds).find((r) => r.area === "260" && r.year === 2024)).toMatchObject({ couples_with_children: 1100, families_with_children: 1410 });
    expect(ds.meta.title).toBe("Familier med børn 1. januar");
    for (const text of [ds.meta.title, ds.meta.columns.couples_with_children, ds.meta.columns.families_with_children]) {
      expect(text).toMatch(/familier/i);
      expect(text).not.toMatch(/husstand/i);
    }
    expect(ds.meta.notes![0]).toBe(
      "Datakilden har ikke FAM55N (FAM55N: hele tabellen), så tallene er familier fra FAM44N, ikke husstande som fra FAM55N: en husstand kan rumme flere familier, så de to tal kan ikke sammenlignes.",
    );
    // FAM44N is complete for what it has: only its own missing municipalities are listed
    expect(ds.meta.missing.map((m) => `${m.table}: ${m.what}`)).toEqual(["FAM44N: 96 af 98 kommuner"]);
  });

  it("a FAM55N file with its header only: FAM44N, and the note says FAM55N is empty", async () => {
    const header = readFileSync(FAM55N_CSV, "utf8").split("\r\n")[0];
    const transport = folder({ "FAM55N.csv": { text: `${header}\r\n` }, "tableinfo/FAM55N.json": FAM55N_INFO, "FAM44N.csv": FAM44N_CSV });
    const ds = await families(new StatbankClient(transport));
    expect(transport.asked).toEqual(["FAM55N", "FAM44N"]);
    expect(ds.meta.sources.map((s) => s.table)).toEqual(["FAM44N"]);
    expect(ds.meta.notes![0]).toMatch(/^Datakilden har ikke FAM55N \(FAM55N: hele tabellen \(tom\)\)/);
  });

  it("a FAM55N without a code it needs (HUSTYP=PA): FAM44N, never a mix of the two", async () => {
    const text = readFileSync(FAM55N_CSV, "utf8")
      .split("\r\n")
      .filter((l) => !/^\d+;PA;/.test(l))
      .join("\r\n");
    const transport = folder({ "FAM55N.csv": { text }, "tableinfo/FAM55N.json": FAM55N_INFO, "FAM44N.csv": FAM44N_CSV });
    const ds = await families(new StatbankClient(transport));
    expect(ds.meta.sources.map((s) => s.table)).toEqual(["FAM44N"]);
    expect(ds.meta.title).toBe("Familier med børn 1. januar");
    expect(ds.meta.notes![0]).toMatch(/^Datakilden har ikke FAM55N \(FAM55N: HUSTYP=PA\)/);
    expect(rows(ds)).toEqual(rows(await families(fixtureClient())));
  });

  const mirrorHasNeither = !existsSync(join(mirrorDir, "FAM55N.csv")) && !existsSync(join(mirrorDir, "FAM44N.csv"));
  it.skipIf(!mirrorHasNeither)("on the shared mirror, which has FAM55N's tableinfo but neither table's data: empty, Data mangler for both", async () => {
    const ds = await families(mirrorClient());
    expect(ds.meta.status).toBe("missing");
    expect(ds.meta.rows).toBe(0);
    expect(ds.meta.sources).toEqual([]);
    expect(ds.meta.missing).toEqual([
      expect.objectContaining({ table: "FAM55N", what: "hele tabellen" }),
      expect.objectContaining({ table: "FAM44N", what: "hele tabellen" }),
    ]);
    expect(ds.meta.title).toBe("Husstande med børn 1. januar");
    expect(ds.meta.notes!.at(-1)).toBe("Uden FAM55N bruges familier fra FAM44N i stedet; datakilden har heller ikke den.");
  });
});
