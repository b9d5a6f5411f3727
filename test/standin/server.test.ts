/**
 * The API stand-in (test/standin/server.ts) against the API's real answers:
 *
 * - the recorded exchanges in snapshot/statbank-api (STRAF42, September 2025). The stand-in serves
 *   a mirror folder made here from those recordings alone: the real tableinfo (da and en) and a
 *   STRAF42.csv whose two rows are the two numbers the recorded data answers give (2023 and 2024,
 *   every other variable at its total). Its answers must then be the recorded bytes, or, for
 *   tableinfo, the recorded answer restricted to the codes the folder holds;
 * - the error messages of the research notes (§1.4: EXTRACT-NOTFOUND, EXTRACT-NOTALLOWED, …);
 * - the loaders' HTTP transport on the project's mirror: the same rows as the mirror transport.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StatbankApiError } from "../../loaders/statbank/errors.ts";
import { HttpTransport } from "../../loaders/statbank/http.ts";
import { MirrorTransport } from "../../loaders/statbank/mirror.ts";
import type { Query } from "../../loaders/statbank/query.ts";
import type { TableInfo } from "../../loaders/statbank/transport.ts";
import { mirrorDir, sharedDir } from "../paths.ts";
import { startStandin, type Standin } from "./server.ts";

const recorded = join(sharedDir, "statbank-api");
const index = JSON.parse(readFileSync(join(recorded, "index.json"), "utf8")) as {
  recorded: {
    name: string;
    request: { method: string; uri: string; body: string | null };
    response: { status: number; content_type: string; body_file: string };
  }[];
};
const exchange = (name: string) => {
  const e = index.recorded.find((x) => x.name === name)!;
  return { ...e, body: readFileSync(join(recorded, e.response.body_file)) };
};
const json = (bytes: Buffer) => JSON.parse(bytes.toString("utf8").replace(/^\uFEFF/, ""));

const temp: string[] = [];
afterAll(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));

/**
 * A mirror folder holding STRAF42 as the recordings show it: tableinfo/STRAF42.json (da) and
 * STRAF42_en.json, and STRAF42.csv with the 2023 value of the recorded CSV answer and the 2024
 * value of the recorded JSON-stat answer to a request without variables (the newest period, every
 * variable eliminated). The codes are the recorded labels looked up in the recorded tableinfo.
 */
function straf42Mirror(): string {
  const dir = mkdtempSync(join(tmpdir(), "standin-"));
  temp.push(dir);
  mkdirSync(join(dir, "tableinfo"));
  const da = exchange("table_info_straf42_da").body;
  const en = exchange("table_info_straf42").body;
  writeFileSync(join(dir, "tableinfo", "STRAF42.json"), da);
  writeFileSync(join(dir, "tableinfo", "STRAF42_en.json"), en);
  const info = json(en) as TableInfo;
  // "Total;2023;233454": HERKOMST1 by its English label; the other variables eliminated (their totals, the first code).
  const [label, year, value2023] = exchange("data_straf42_csv")
    .body.toString("utf8")
    .replace(/^\uFEFF/, "")
    .split("\r\n")[1]
    .split(";");
  const herkomst = info.variables[0].values.find((v) => v.text === label)!.id;
  const totals = info.variables.slice(1, -1).map((v) => v.values[0].id);
  const all = json(exchange("data_straf42_all").body).dataset;
  const latest = Object.keys(all.dimension.Tid.category.index)[0];
  const header = [...info.variables.map((v) => (v.time ? "TID" : v.id)), "INDHOLD"].join(";");
  const rows = [
    [herkomst, ...totals, year, value2023],
    [info.variables[0].values[0].id, ...totals, latest, String(all.value[0])],
  ];
  writeFileSync(join(dir, "STRAF42.csv"), [header, ...rows.map((r) => r.join(";"))].join("\n") + "\n");
  return dir;
}

describe("the stand-in answers the recorded STRAF42 requests as the API did", () => {
  let api: Standin;
  let base: string;
  let dir: string;
  beforeAll(async () => {
    dir = straf42Mirror();
    api = await startStandin({ mirror: dir });
    base = api.url.replace(/\/v1$/, "");
  });
  afterAll(() => api.close());

  it("POST /v1/data, CSV with labels (lang=en): the recorded bytes, BOM and CRLF included", async () => {
    const e = exchange("data_straf42_csv");
    const res = await fetch(`${base}${new URL(e.request.uri).pathname}`, { method: "POST", body: e.request.body! });
    expect(res.status).toBe(e.response.status);
    expect(res.headers.get("content-type")).toBe(e.response.content_type);
    expect(Buffer.from(await res.arrayBuffer()).equals(e.body)).toBe(true);
  });

  it("a request without variables gives the newest period only, with the recorded value", async () => {
    const e = exchange("data_straf42_all");
    const recordedAnswer = json(e.body).dataset;
    // The recorded request asked for JSON-stat; the stand-in answers the same request as CSV.
    const body = { ...JSON.parse(e.request.body!), format: "CSV" };
    const res = await fetch(`${base}/v1/data`, { method: "POST", body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    const period = Object.keys(recordedAnswer.dimension.Tid.category.index)[0];
    expect(await bytesAsText(res)).toBe(`\uFEFFTID;INDHOLD\r\n${period};${recordedAnswer.value[0]}\r\n`);
  });

  for (const name of ["table_info_straf42", "table_info_straf42_da"]) {
    it(`GET ${name.endsWith("_da") ? "da" : "en"} tableinfo: the recorded answer, restricted to the codes the folder holds`, async () => {
      const e = exchange(name);
      const res = await fetch(`${base}${new URL(e.request.uri).pathname}${new URL(e.request.uri).search}`);
      expect(res.status).toBe(e.response.status);
      expect(res.headers.get("content-type")).toBe(e.response.content_type);
      const got = (await res.json()) as TableInfo;
      const want = json(e.body) as TableInfo;
      expect(Object.keys(got)).toEqual(Object.keys(want));
      expect({ ...got, variables: null }).toEqual({ ...want, variables: null });
      const held = readFileSync(join(dir, "STRAF42.csv"), "utf8")
        .trim()
        .split("\n")
        .slice(1)
        .map((l) => l.split(";"));
      want.variables.forEach((v, i) => {
        const codes = new Set(held.map((r) => r[i]));
        expect(got.variables[i]).toEqual({ ...v, values: v.values.filter((x) => codes.has(x.id)) });
      });
    });
  }

  it("POST /v1/tableinfo as the loaders send it: the same answer as GET", async () => {
    const res = await fetch(`${base}/v1/tableinfo`, { method: "POST", body: JSON.stringify({ table: "straf42", format: "JSON", lang: "da" }) });
    const get = await fetch(`${base}/v1/tableinfo?format=json&id=STRAF42&lang=da`);
    expect(await res.json()).toEqual(await get.json());
  });
});

describe("the stand-in's rules and error messages (research notes §1.2–1.4)", () => {
  let api: Standin;
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${api.url}${path}`, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body) });
    const text = await bytesAsText(res); // a BOM kept
    return {
      status: res.status,
      type: res.headers.get("content-type"),
      text,
      json: res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : null,
    };
  };
  const folk1am = (variables: Record<string, string[]>, format = "BULK") => ({
    table: "FOLK1AM",
    format,
    valuePresentation: "Code",
    variables: Object.entries(variables).map(([code, values]) => ({ code, values })),
  });
  beforeAll(async () => {
    api = await startStandin({ mirror: mirrorDir, removeTables: ["BEV107"], renameVariables: { INDKP101: { KOEN: "KØN" } }, cellLimit: 1000 });
  });
  afterAll(() => api.close());

  it('a table it does not have, a removed one and a mirror\'s third-party file: EXTRACT-NOTFOUND "Tabel findes ikke"', async () => {
    for (const table of ["NOPE42", "BEV107", "FOLK1A_agegroups"]) {
      for (const path of ["/tableinfo", "/data"]) {
        const r = await post(path, { table, format: path === "/data" ? "BULK" : "JSON", variables: [] });
        expect(r.status).toBe(400);
        expect(r.json).toEqual({ errorTypeCode: "EXTRACT-NOTFOUND", message: `Tabel findes ikke: ${table}` });
      }
    }
    const listed = (await (await fetch(`${api.url}/tables`)).json()) as { id: string }[];
    expect(listed.map((t) => t.id)).not.toContain("BEV107");
    expect(listed.map((t) => t.id)).toContain("FOLK1AM");
    expect(listed.some((t) => t.id.includes("_"))).toBe(false);
  });

  it("an unknown variable or code is the API's error, not a gap", async () => {
    expect((await post("/data", folk1am({ OMRÅDE: ["101"], KØN: ["TOT"], ALDER: ["IALT"], Tid: ["(1)"], FOO: ["1"] }))).json).toEqual({
      errorTypeCode: "EXTRACT-NOTFOUND",
      message: "Kan ikke finde variablen: FOO",
    });
    expect((await post("/data", folk1am({ OMRÅDE: ["101", "999"], KØN: ["TOT"], ALDER: ["IALT"], Tid: ["(1)"] }))).json).toEqual({
      errorTypeCode: "EXTRACT-NOTFOUND",
      message: "Kan ikke finde værdien: 999 (OMRÅDE)",
    });
  });

  it("BULK needs every variable; CSV eliminates the ones left out (and the time left out is the newest period)", async () => {
    const bulk = await post("/data", folk1am({ OMRÅDE: ["101"], Tid: ["(1)"] }));
    expect(bulk.json).toEqual({ errorTypeCode: "EXTRACT-NOTALLOWED", message: "Der skal vælges værdier for variabel: KØN" });
    const csv = await post("/data", folk1am({ OMRÅDE: ["101"] }, "CSV"));
    const newest = rowsOf("FOLK1AM")
      .filter((r) => r[0] === "101")
      .map((r) => r[3])
      .sort()
      .at(-1)!;
    const value = rowsOf("FOLK1AM").find((r) => r[0] === "101" && r[3] === newest)![4];
    expect(csv.text).toBe(`\uFEFFOMRÅDE;TID;INDHOLD\r\n101;${newest};${value}\r\n`);
    expect(csv.type).toBe("text/csv; charset=utf-8");
  });

  it("a CSV request over the cell limit is REQUEST-LIMIT, with the API's message; BULK has no limit", async () => {
    const r = await post("/data", folk1am({ OMRÅDE: ["*"], Tid: ["*"] }, "CSV"));
    const cells = new Set(rowsOf("FOLK1AM").map((x) => x[0])).size * new Set(rowsOf("FOLK1AM").map((x) => x[3])).size * 3;
    expect(r.json).toEqual({
      errorTypeCode: "REQUEST-LIMIT",
      message: `Forespørgslen på op mod ${cells.toLocaleString("de-DE")} celler er over begrænsningen på 1.000 celler for denne filtype. Anvend BULK eller andet streaming format i stedet.`,
    });
    const bulk = await post("/data", folk1am({ OMRÅDE: ["*"], KØN: ["*"], ALDER: ["*"], Tid: ["*"] }));
    expect(bulk.status).toBe(200);
    expect(bulk.text.startsWith("OMRÅDE;KØN;ALDER;TID;INDHOLD\r\n")).toBe(true);
    expect(bulk.text.trim().split("\r\n")).toHaveLength(rowsOf("FOLK1AM").length + 1);
  });

  it('a renamed variable: tableinfo and data use the new id, the old one is "Kan ikke finde variablen"', async () => {
    const info = (await post("/tableinfo", { table: "INDKP101", format: "JSON" })).json as TableInfo;
    expect(info.variables.map((v) => v.id)).toEqual(["OMRÅDE", "ENHED", "KØN", "INDKOMSTTYPE", "Tid"]);
    const old = await post("/data", { table: "INDKP101", format: "CSV", valuePresentation: "Code", variables: [{ code: "KOEN", values: ["MOK"] }] });
    expect(old.json).toEqual({ errorTypeCode: "EXTRACT-NOTFOUND", message: "Kan ikke finde variablen: KOEN" });
    const renamed = await post("/data", {
      table: "INDKP101",
      format: "CSV",
      valuePresentation: "Code",
      variables: [
        { code: "KØN", values: ["MOK"] },
        { code: "OMRÅDE", values: ["000"] },
        { code: "Tid", values: ["(1)"] },
      ],
    });
    const latest = rowsOf("INDKP101")
      .filter((r) => r[0] === "000")
      .sort((a, b) => a[4].localeCompare(b[4]))
      .at(-1)!;
    expect(renamed.text).toBe(`\uFEFFOMRÅDE;KØN;TID;INDHOLD\r\n000;MOK;${latest[4]};${latest[5]}\r\n`);
  });

  it("the API's request errors: no JSON, no table, no or an unknown format, an unknown page", async () => {
    expect((await post("/data", "{not json")).json).toEqual({
      errorTypeCode: "REQUEST-EMPTY",
      message: "Medsend gyldigt JSON-objekt når der postes. / Supply valid JSON-object when posting.",
    });
    expect((await post("/data", { format: "BULK" })).json).toEqual({ errorTypeCode: "REQUEST-MISSING", message: "Der er ikke angivet nogen tabel-id." });
    expect((await post("/data", { table: "FOLK1AM", format: "JSON" })).json).toEqual({
      errorTypeCode: "REQUEST-MISSING",
      message: "Format ikke angivet, eller ikke gyldigt.",
    });
    expect((await post("/data", { table: "FOLK1AM" })).json?.errorTypeCode).toBe("REQUEST-MISSING");
    const page = await post("/nothing", {});
    expect(page.status).toBe(404);
    expect(page.json).toEqual({ errorTypeCode: "REQUEST-NOTFOUND", message: "Siden kan ikke findes. / Page not found." });
  });

  it("GET /v1/data/<TABLE>/<FORMAT>?VAR=a,b answers like the POST", async () => {
    const res = await fetch(`${api.url}/data/FOLK1AM/BULK?OMR%C3%85DE=101,260&K%C3%98N=TOT&ALDER=IALT&Tid=(1)&valuePresentation=Code`);
    const viaPost = await post("/data", folk1am({ OMRÅDE: ["101", "260"], KØN: ["TOT"], ALDER: ["IALT"], Tid: ["(1)"] }));
    expect(await bytesAsText(res)).toBe(viaPost.text);
  });

  it("refuses a request body over its limit, and records what was asked", async () => {
    const small = await startStandin({ mirror: mirrorDir, maxBodyBytes: 100 });
    try {
      const res = await fetch(`${small.url}/tableinfo`, { method: "POST", body: JSON.stringify({ table: "FOLK1AM", pad: "x".repeat(200) }) });
      expect(res.status).toBe(413);
      expect(small.requests).toEqual([{ method: "POST", path: "/v1/tableinfo", status: 413 }]);
    } finally {
      await small.close();
    }
    await expect(fetch(`${small.url}/tables`)).rejects.toThrow();
  });
});

describe("the loaders' HTTP transport through the stand-in gives the mirror transport's rows", () => {
  let api: Standin;
  beforeAll(async () => {
    api = await startStandin({ mirror: mirrorDir });
  });
  afterAll(() => api.close());

  const queries: Query[] = [
    { table: "FOLK1A", variables: { OMRÅDE: ["*"], KØN: ["TOT"], ALDER: ["IALT"], CIVILSTAND: ["TOT"], Tid: ["*K1"] } },
    { table: "FOLK1A", variables: { OMRÅDE: ["1*", "*60"], KØN: ["*"], ALDER: ["IALT"], CIVILSTAND: ["TOT"], Tid: [">=2015K1<=2020K4"] } },
    { table: "FOLK1AM", variables: { OMRÅDE: ["*"], KØN: ["TOT"], ALDER: ["IALT"], Tid: ["(-n+13)"] } },
    { table: "FOLK1AM", variables: { OMRÅDE: ["101"], KØN: ["TOT"], ALDER: ["IALT"], Tid: ["-(-n+3)", "(1)"] } },
    { table: "AFSTB4", variables: { BOPOMR: ["*"], SOCIO: ["02"], KØN: ["TOT"], Tid: ["*"] } },
    { table: "BY1", format: "CSV", variables: { BYER: ["*"], Tid: ["*"] } },
  ];
  for (const q of queries) {
    it(`${q.table} ${Object.entries(q.variables)
      .map(([k, v]) => `${k}=${v.join(",")}`)
      .join(" ")}${q.format ? ` (${q.format})` : ""}`, async () => {
      const http = await new HttpTransport({ baseUrl: api.url, log: () => {} }).data(q);
      const mirror = await new MirrorTransport(mirrorDir).data(q);
      expect(http.extract.dimensions).toEqual(mirror.extract.dimensions);
      expect(http.extract.rows).toEqual(mirror.extract.rows);
      expect(http.extract.rows.length).toBeGreaterThan(0);
    });
  }

  it("an unknown code reaches the loaders as the API's error", async () => {
    const q = { table: "FOLK1AM", variables: { OMRÅDE: ["999"], KØN: ["TOT"], ALDER: ["IALT"], Tid: ["(1)"] } };
    const err = await new HttpTransport({ baseUrl: api.url, log: () => {} }).data(q).catch((e) => e);
    expect(err).toBeInstanceOf(StatbankApiError);
    expect(err.message).toBe("StatBank API 400 EXTRACT-NOTFOUND (FOLK1AM): Kan ikke finde værdien: 999 (OMRÅDE)");
  });
});

const files = new Map<string, string[][]>();
/** The rows of a mirror file, split by hand on ';' (header dropped). */
function rowsOf(table: string): string[][] {
  if (!files.has(table)) {
    files.set(
      table,
      readFileSync(join(mirrorDir, `${table}.csv`), "utf8")
        .replace(/^\uFEFF/, "")
        .trim()
        .split(/\r?\n/)
        .slice(1)
        .map((l) => l.split(";")),
    );
  }
  return files.get(table)!;
}

/** The body as UTF-8 text with a BOM kept (Response.text() drops it). */
async function bytesAsText(res: Response): Promise<string> {
  return Buffer.from(await res.arrayBuffer()).toString("utf8");
}
