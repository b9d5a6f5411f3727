/**
 * One table of bad inputs across the StatBank client (CSV/BULK parser, mirror and HTTP transport),
 * the loaders and the municipality's own files. Every case names its input, the function under
 * test and the message expected: a regex that names the file, line/row, code or table.
 *
 * Files are written to a temp dir (os.tmpdir); the HTTP cases run against a local node:http server.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { parseMoverExtract, moverExtract } from "../loaders/extracts.ts";
import { parseGoals, defaultKnownIndicators } from "../loaders/goals.ts";
import { parseManualIndicators, manualIndicators } from "../loaders/manualIndicators.ts";
import { StatbankClient } from "../loaders/statbank/client.ts";
import { parseStatbankCsv, type Extract } from "../loaders/statbank/csv.ts";
import { HttpTransport, type HttpOptions } from "../loaders/statbank/http.ts";
import { MirrorTransport } from "../loaders/statbank/mirror.ts";
import type { Query } from "../loaders/statbank/query.ts";
import type { TableInfo } from "../loaders/statbank/transport.ts";
import { adoptedForecast, parseForecast } from "../loaders/tables/forecast.ts";
import { movements } from "../loaders/tables/movements.ts";
import { projection } from "../loaders/tables/projection.ts";
import { importSurvey } from "../src/lib/survey/import.ts";
import { parseSchema } from "../src/lib/survey/schema.ts";
import type { SurveySchema } from "../src/lib/survey/types.ts";
import { readArrow, toArrowIPC } from "../loaders/arrow.ts";
import { datasetMeta } from "../loaders/provenance.ts";
import { sha256Hex } from "../loaders/statbank/manifest.ts";
import { rows } from "./helpers.ts";
import { projectRoot } from "./paths.ts";

// ---------------------------------------------------------------------------------------------
// Temp dirs

const tempDirs: string[] = [];
afterAll(() => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

/** A fresh temp dir holding `files` (path relative to the dir -> text or bytes). */
function tempDir(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), "bad-inputs-"));
  tempDirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}

const mirrorClient = (files: Record<string, string | Buffer>) => new StatbankClient(new MirrorTransport(tempDir(files)));

// ---------------------------------------------------------------------------------------------
// Mirror fixtures

/** A small FOLK1A: areas 000, 101, 260; stored tableinfo also knows 147 (absent from the file). */
const FOLK1A_CSV =
  [
    "OMRÅDE;KØN;TID;INDHOLD",
    "000;TOT;2024K1;5961249",
    "101;TOT;2024K1;660842",
    "260;TOT;2024K1;31612",
    "000;TOT;2024K2;5970000",
    "101;TOT;2024K2;661000",
    "260;TOT;2024K2;31650",
  ].join("\n") + "\n";
const FOLK1A_INFO: TableInfo = {
  id: "FOLK1A",
  text: "Befolkningen den 1. i kvartalet",
  unit: "Antal",
  updated: "2025-08-11T08:00:00",
  variables: [
    { id: "OMRÅDE", text: "område", elimination: true, time: false, values: ["000", "101", "147", "260"].map((id) => ({ id, text: `område ${id}` })) },
    { id: "KØN", text: "køn", elimination: true, time: false, values: [{ id: "TOT", text: "I alt" }] },
    { id: "Tid", text: "tid", elimination: false, time: true, values: ["2024K1", "2024K2"].map((id) => ({ id, text: id })) },
  ],
};
const folk1aMirror = () => mirrorClient({ "FOLK1A.csv": FOLK1A_CSV, "tableinfo/FOLK1A.json": JSON.stringify(FOLK1A_INFO) });

/** A FRKM1yy file: one municipality, ALDER TOT only, M and K, two years. */
const frkm = (scale: number) =>
  [
    "KOMMUNEDK;ALDER;KØN;TID;INDHOLD",
    `260;TOT;M;2026;${15000 * scale}`,
    `260;TOT;K;2026;${16000 * scale}`,
    `260;TOT;M;2027;${15100 * scale}`,
    `260;TOT;K;2027;${16100 * scale}`,
  ].join("\n") + "\n";

/** BEV107 lines for area 260, 2010 (both sexes of births and deaths). */
const BEV107_HEADER = "OMRÅDE;BEVÆGELSE;KØN;TID;INDHOLD";
const BEV107_ROWS = ["260;B02;M;2010;120", "260;B02;K;2010;130", "260;B03;M;2010;150", "260;B03;K;2010;155"];

// ---------------------------------------------------------------------------------------------
// A local HTTP server standing in for the API

type Handler = (body: any, res: ServerResponse, n: number) => void | Promise<void>;
interface TestServer {
  url: string;
  count: (path: string) => number;
}
const openServers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(openServers.splice(0).map((close) => close()));
});

async function startServer(routes: Record<string, Handler>): Promise<TestServer> {
  const counts = new Map<string, number>();
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: unknown = null;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      body = null;
    }
    const path = (req.url ?? "").replace(/^\/v1/, "");
    const n = counts.get(path) ?? 0;
    counts.set(path, n + 1);
    const handler = routes[path];
    if (!handler) return sendJson(res, 404, { errorTypeCode: "REQUEST-NOTFOUND", message: "Siden kan ikke findes." });
    await handler(body, res, n);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  openServers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${port}/v1`, count: (p) => counts.get(p) ?? 0 };
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { "content-type": "text/json; charset=utf-8" });
  res.end(JSON.stringify(value));
}

const FAKE: TableInfo = {
  id: "FAKE3",
  text: "Fake table",
  unit: "Antal",
  updated: "2025-08-11T08:00:00",
  variables: [
    { id: "OMRÅDE", text: "område", elimination: true, time: false, values: ["000", "101", "147", "260"].map((id) => ({ id, text: id })) },
    { id: "KØN", text: "køn", elimination: true, time: false, values: ["TOT", "1", "2"].map((id) => ({ id, text: id })) },
    { id: "Tid", text: "tid", elimination: false, time: true, values: ["2024K1", "2024K2", "2024K3", "2024K4"].map((id) => ({ id, text: id })) },
  ],
};
/** 4 × 3 × 4 = 48 combinations. */
const ALL_FAKE: Query = { table: "FAKE3", variables: { OMRÅDE: ["*"], KØN: ["*"], Tid: ["*"] } };

/** Answer /data for "*" and explicit codes, one row per combination; REQUEST-LIMIT over `cellLimit` cells (CSV). */
function fakeData(cellLimit = Infinity): Handler {
  return (body, res) => {
    const { format, variables } = body as { format: string; variables: { code: string; values: string[] }[] };
    const selected = variables.map(({ code, values }) => {
      const v = FAKE.variables.find((x) => x.id.toUpperCase() === code.toUpperCase())!;
      const codes = values.flatMap((s) => (s === "*" ? v.values.map((x) => x.id) : [s]));
      return { header: v.time ? v.id.toUpperCase() : v.id, codes };
    });
    const nRows = selected.reduce((n, s) => n * s.codes.length, 1);
    if (format === "CSV" && nRows * (selected.length + 1) > cellLimit) {
      return sendJson(res, 400, { errorTypeCode: "REQUEST-LIMIT", message: `over begrænsningen på ${cellLimit} celler` });
    }
    const lines = [[...selected.map((s) => s.header), "INDHOLD"].join(";")];
    const combine = (i: number, acc: string[]): void => {
      if (i === selected.length) return void lines.push([...acc, "1"].join(";"));
      for (const c of selected[i].codes) combine(i + 1, [...acc, c]);
    };
    combine(0, []);
    res.writeHead(200, { "content-type": "text/csv; charset=utf-8" });
    res.end(`\uFEFF${lines.join("\r\n")}\r\n`);
  };
}

const http = (url: string, options: HttpOptions = {}) => new HttpTransport({ baseUrl: url, backoffMs: 1, log: () => {}, ...options });
const tableinfoOk: Handler = (_b, res) => sendJson(res, 200, FAKE);

// ---------------------------------------------------------------------------------------------
// Survey schema for the importer cases

const SURVEY_SCHEMA: SurveySchema = parseSchema({
  title: "Test",
  id: "id",
  groups: [{ column: "koen", label: "Køn", values: { M: "Mand", K: "Kvinde" }, margin: "sex" }],
  scales: { tilfredshed: { "1": "Meget utilfreds", "2": "Utilfreds", "3": "Hverken eller", "4": "Tilfreds", "5": "Meget tilfreds" } },
  missing: ["", "ved ikke"],
  items: [
    { column: "tilfreds_bolig", label: "Boliger", scale: "tilfredshed", topic: "bolig" },
    { column: "tilfreds_natur", label: "Natur", scale: "tilfredshed", topic: "natur" },
  ],
});

// ---------------------------------------------------------------------------------------------
// A thin loader run as Framework runs it

function runLoader(script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(projectRoot, "node_modules/tsx/dist/cli.mjs"), script], {
      cwd: projectRoot,
      env: { ...process.env, ...env },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString("utf8") }));
  });
}

// ---------------------------------------------------------------------------------------------
// The table

interface Case {
  name: string;
  /** The bad input, as shown in the test name. */
  input: string;
  /** The function under test. */
  fn: string;
  run: () => unknown;
  /** The expected error message, or a check of an accepted input's result. */
  error?: RegExp;
  ok?: (result: any) => void | Promise<void>;
}

const csv =
  (text: string, source = "BEV107.csv") =>
  () =>
    parseStatbankCsv(text, source, "BEV107");
const values = (e: Extract) => e.rows.map((r) => r.value);

const extractHeader = "kommune;aar;familietype;fra_kommune;arbejdssted;antal";
const forecastHeader = "kommune;prognoseaar;aar;aldersgruppe;personer";
const indicatorHeader = "indikator;kommune;periode;opdeling;vaerdi;enhed;note";
const goal = (rule: string) =>
  [
    "goals:",
    "  - id: flere_borgere",
    "    title: Flere borgere",
    "    area: Vækst og bosætning",
    "    indicator: population",
    "    baseline: 2011",
    `    rule: ${rule}`,
    "    unit: personer",
    "    source: Danmarks Statistik, FOLK1A",
    "",
  ].join("\n");

const cases: Case[] = [
  // --- CSV/BULK parser ------------------------------------------------------------------------
  {
    name: "truncated file (last line cut mid-row)",
    input: "…\\n260;B02;K;20",
    fn: "parseStatbankCsv",
    run: csv(`${BEV107_HEADER}\n${BEV107_ROWS[0]}\n260;B02;K;20`),
    error: /^BEV107\.csv, line 3: 4 fields, expected 5 \(OMRÅDE;BEVÆGELSE;KØN;TID;INDHOLD\): "260;B02;K;20"$/,
  },
  {
    name: "comma-separated",
    input: "OMRÅDE,BEVÆGELSE,…",
    fn: "parseStatbankCsv",
    run: csv(`${BEV107_HEADER.replaceAll(";", ",")}\n${BEV107_ROWS[0].replaceAll(";", ",")}\n`),
    error: /^BEV107\.csv, line 1: header .* has no ';'-separated columns \(is it comma- or tab-separated\? StatBank uses ';'\)$/,
  },
  {
    name: "tab-separated",
    input: "OMRÅDE\\tBEVÆGELSE\\t…",
    fn: "parseStatbankCsv",
    run: csv(`${BEV107_HEADER.replaceAll(";", "\t")}\n${BEV107_ROWS[0].replaceAll(";", "\t")}\n`),
    error: /^BEV107\.csv, line 1: .*comma- or tab-separated/,
  },
  {
    name: "UTF-8 BOM and CRLF (accepted)",
    input: "\\uFEFFOMRÅDE;…\\r\\n",
    fn: "parseStatbankCsv",
    run: csv(`\uFEFF${[BEV107_HEADER, ...BEV107_ROWS].join("\r\n")}\r\n`),
    ok: (e: Extract) => {
      expect(e.dimensions).toEqual(["OMRÅDE", "BEVÆGELSE", "KØN", "TID"]);
      expect(values(e)).toEqual([120, 130, 150, 155]);
    },
  },
  {
    name: "decimal comma (accepted)",
    input: "260;B02;M;2010;12,5",
    fn: "parseStatbankCsv",
    run: csv(`${BEV107_HEADER}\n260;B02;M;2010;12,5\n260;B02;K;2010;0.25\n`),
    ok: (e: Extract) => expect(values(e)).toEqual([12.5, 0.25]),
  },
  {
    name: '".." and "-" (missing, accepted as null)',
    input: "260;B02;M;2010;..",
    fn: "parseStatbankCsv",
    run: csv(`${BEV107_HEADER}\n260;B02;M;2010;..\n260;B02;K;2010;-\n260;B03;K;2010;7\n`),
    ok: (e: Extract) => expect(values(e)).toEqual([null, null, 7]),
  },
  {
    name: "non-number INDHOLD",
    input: "260;B02;M;2010;12x",
    fn: "parseStatbankCsv",
    run: csv(`${BEV107_HEADER}\n${BEV107_ROWS[0]}\n260;B02;K;2010;12x\n`),
    error: /^BEV107\.csv, line 3: INDHOLD "12x" is not a number/,
  },
  {
    name: "thousands separator is not a number",
    input: "260;B02;M;2010;1.234.567",
    fn: "parseStatbankCsv",
    run: csv(`${BEV107_HEADER}\n260;B02;M;2010;1.234.567\n`),
    error: /^BEV107\.csv, line 2: INDHOLD "1\.234\.567" is not a number/,
  },
  {
    name: "blank line inside the data",
    input: "…\\n\\n260;…",
    fn: "parseStatbankCsv",
    run: csv(`${BEV107_HEADER}\n${BEV107_ROWS[0]}\n\n${BEV107_ROWS[1]}\n`),
    error: /^BEV107\.csv, line 3: blank line inside the data$/,
  },
  {
    name: "duplicate header column",
    input: "OMRÅDE;KØN;KØN;TID;INDHOLD",
    fn: "parseStatbankCsv",
    run: csv(`OMRÅDE;KØN;KØN;TID;INDHOLD\n260;M;M;2010;1\n`),
    error: /^BEV107\.csv, line 1: column KØN appears twice$/,
  },
  {
    name: "missing INDHOLD",
    input: "OMRÅDE;BEVÆGELSE;KØN;TID",
    fn: "parseStatbankCsv",
    run: csv(`OMRÅDE;BEVÆGELSE;KØN;TID\n260;B02;M;2010\n`),
    error: /^BEV107\.csv, line 1: the last column is "TID", expected INDHOLD$/,
  },
  {
    name: "Latin-1 bytes in a mirror file",
    input: "BEV107.csv saved as Latin-1",
    fn: "MirrorTransport.data",
    run: () =>
      mirrorClient({ "BEV107.csv": Buffer.from(`${BEV107_HEADER}\n${BEV107_ROWS.join("\n")}\n`, "latin1") }).fetch({
        table: "BEV107",
        variables: { OMRÅDE: ["*"], BEVÆGELSE: ["*"], KØN: ["*"], Tid: ["*"] },
      }),
    error: /BEV107\.csv, line 1: not valid UTF-8 \(a Latin-1 export\? save it as UTF-8\)$/,
  },
  {
    name: "empty body",
    input: "(0 bytes)",
    fn: "parseStatbankCsv",
    run: csv(""),
    error: /^BEV107\.csv: empty body \(no header line\)$/,
  },

  // --- Mirror transport -----------------------------------------------------------------------
  {
    name: "unknown table",
    input: "NOPE1",
    fn: "StatbankClient.fetch (mirror)",
    run: () => folk1aMirror().fetch({ table: "NOPE1", variables: { OMRÅDE: ["*"] } }),
    error: /^Mirror .*bad-inputs-\w+ lacks table NOPE1 \(no NOPE1\.csv\)$/,
  },
  {
    name: "unknown variable",
    input: "FOLK1A ALDER=*",
    fn: "StatbankClient.fetch (mirror)",
    run: () => folk1aMirror().fetch({ table: "FOLK1A", variables: { OMRÅDE: ["*"], KØN: ["*"], ALDER: ["*"], Tid: ["*"] } }),
    error: /^FOLK1A: no variable ALDER; the variables are OMRÅDE, KØN, TID$/,
  },
  {
    name: "unknown code (per stored tableinfo)",
    input: "FOLK1A OMRÅDE=999",
    fn: "StatbankClient.fetch (mirror)",
    run: () => folk1aMirror().fetch({ table: "FOLK1A", variables: { OMRÅDE: ["999"], KØN: ["TOT"], Tid: ["*"] } }, { allowGaps: true }),
    error: /lacks FOLK1A OMRÅDE=999 \(unknown code\)$/,
  },
  {
    name: "a code absent from the mirror (known to tableinfo)",
    input: "FOLK1A OMRÅDE=147",
    fn: "StatbankClient.fetch (mirror)",
    run: () => folk1aMirror().fetch({ table: "FOLK1A", variables: { OMRÅDE: ["101", "147"], KØN: ["TOT"], Tid: ["*"] } }),
    error: /lacks FOLK1A OMRÅDE=147 \(not in mirror\)$/,
  },
  {
    name: "a code absent from the mirror, with allowGaps: rows kept, gap in provenance",
    input: "FOLK1A OMRÅDE=101,147 (allowGaps)",
    fn: "StatbankClient.fetch (mirror)",
    run: () => folk1aMirror().fetch({ table: "FOLK1A", variables: { OMRÅDE: ["101", "147"], KØN: ["TOT"], Tid: ["*"] } }, { allowGaps: true }),
    ok: (r) => {
      expect(r.extract.rows).toHaveLength(2);
      expect(r.provenance.gaps).toEqual([{ variable: "OMRÅDE", codes: ["147"], reason: "not-in-mirror" }]);
    },
  },
  {
    name: "empty result: a selection that matches nothing (allowGaps)",
    input: "FOLK1A OMRÅDE=9*",
    fn: "StatbankClient.fetch (mirror)",
    run: () => folk1aMirror().fetch({ table: "FOLK1A", variables: { OMRÅDE: ["9*"], KØN: ["TOT"], Tid: ["*"] } }, { allowGaps: true }),
    ok: (r) => {
      expect(r.extract.rows).toEqual([]);
      expect(r.provenance.rows).toBe(0);
      expect(r.provenance.periods).toEqual([]);
      expect(r.provenance.gaps).toContainEqual({ variable: "OMRÅDE", codes: ["9*"], reason: "not-in-mirror" });
    },
  },
  {
    name: "empty result without allowGaps names the selection",
    input: "FOLK1A OMRÅDE=9*",
    fn: "StatbankClient.fetch (mirror)",
    run: () => folk1aMirror().fetch({ table: "FOLK1A", variables: { OMRÅDE: ["9*"], KØN: ["TOT"], Tid: ["*"] } }),
    error: /lacks FOLK1A OMRÅDE=9\* \(not in mirror\)/,
  },
  {
    name: "table renamed by the source: FRKM125 asked, mirror has FRKM125 and FRKM126 → newest",
    input: "FRKM125.csv + FRKM126.csv",
    fn: "projection",
    run: () => projection(mirrorClient({ "FRKM125.csv": frkm(1), "FRKM126.csv": frkm(2) })),
    ok: (d) => {
      expect(d.meta.sources.map((s: { table: string }) => s.table)).toEqual(["FRKM126"]);
      expect(new Set(rows(d).map((r) => r.vintage))).toEqual(new Set(["FRKM126"]));
      expect(rows(d).find((r) => r.year === 2026 && r.age_group === "total")?.population).toBe(62000);
    },
  },
  {
    name: "table renamed by the source: the old id asked directly",
    input: "FOLK1A_old",
    fn: "StatbankClient.fetch (mirror)",
    run: () => folk1aMirror().fetch({ table: "FOLK1A_old", variables: { OMRÅDE: ["*"], KØN: ["*"], Tid: ["*"] } }),
    error: /lacks table FOLK1A_OLD \(no FOLK1A_OLD\.csv\)$/,
  },
  {
    name: "not a table id",
    input: "FOLK 1A",
    fn: "StatbankClient.fetch",
    run: () => folk1aMirror().fetch({ table: "FOLK 1A", variables: {} }),
    error: /^FOLK 1A: not a table id$/,
  },

  // --- HTTP transport against a local server --------------------------------------------------
  {
    name: "API error JSON EXTRACT-NOTFOUND",
    input: '400 {"errorTypeCode":"EXTRACT-NOTFOUND"}',
    fn: "HttpTransport.data",
    run: async () => {
      const s = await startServer({
        "/tableinfo": (_b, res) => sendJson(res, 400, { errorTypeCode: "EXTRACT-NOTFOUND", message: "Tabellen blev ikke fundet" }),
        "/data": (_b, res) => sendJson(res, 400, { errorTypeCode: "EXTRACT-NOTFOUND", message: "Tabellen blev ikke fundet" }),
      });
      return http(s.url).data({ ...ALL_FAKE, table: "NOPE9" });
    },
    error: /^StatBank API 400 EXTRACT-NOTFOUND \(NOPE9\): Tabellen blev ikke fundet$/,
  },
  {
    name: "API error JSON REQUEST-LIMIT (not retried)",
    input: '400 {"errorTypeCode":"REQUEST-LIMIT"}',
    fn: "HttpTransport.data",
    run: async () => {
      const s = await startServer({
        "/tableinfo": tableinfoOk,
        "/data": (_b, res) => sendJson(res, 400, { errorTypeCode: "REQUEST-LIMIT", message: "Forespørgslen er over begrænsningen" }),
      });
      const result = await http(s.url)
        .data(ALL_FAKE)
        .catch((e: Error) => e);
      expect(s.count("/data")).toBe(1);
      throw result;
    },
    error: /^StatBank API 400 REQUEST-LIMIT \(FAKE3\): Forespørgslen er over begrænsningen$/,
  },
  {
    name: "429 then success",
    input: "429, 429, 200",
    fn: "HttpTransport.data",
    run: async () => {
      const ok = fakeData();
      const s = await startServer({
        "/tableinfo": tableinfoOk,
        "/data": (b, res, n) => (n < 2 ? sendJson(res, 429, { message: "slow down" }) : ok(b, res, n)),
      });
      const result = await http(s.url).data(ALL_FAKE);
      return { result, requests: s.count("/data") };
    },
    ok: ({ result, requests }) => {
      expect(result.extract.rows).toHaveLength(48);
      expect(requests).toBe(3);
    },
  },
  {
    name: "500 forever",
    input: "500 HTML × 3",
    fn: "HttpTransport.data",
    run: async () => {
      const s = await startServer({
        "/tableinfo": tableinfoOk,
        "/data": (_b, res) => {
          res.writeHead(500, { "content-type": "text/html" });
          res.end("<html><body>Runtime Error</body></html>");
        },
      });
      return http(s.url, { retries: 2 }).data(ALL_FAKE);
    },
    error:
      /^POST http:\/\/127\.0\.0\.1:\d+\/v1\/data \(FAKE3\) failed after 3 attempts in \d+ ms; last: HTTP 500 Internal Server Error: "<html><body>Runtime Error<\/body><\/html>"$/,
  },
  {
    name: "timeout (server never answers)",
    input: "no answer, timeoutMs 100",
    fn: "HttpTransport.data",
    run: async () => {
      const s = await startServer({ "/tableinfo": tableinfoOk, "/data": () => undefined });
      return http(s.url, { retries: 1, timeoutMs: 100 }).data(ALL_FAKE);
    },
    error: /\/v1\/data \(FAKE3\) failed after 2 attempts in \d+ ms; last: no complete answer within 100 ms \(STATBANK_REQUEST_TIMEOUT_MS\)$/,
  },
  {
    name: "CSV request over the cell limit is split (success)",
    input: "48 rows × 4 cells, cellLimit 40",
    fn: "HttpTransport.data",
    run: async () => {
      const s = await startServer({ "/tableinfo": tableinfoOk, "/data": fakeData(40) });
      const result = await http(s.url, { format: "CSV", cellLimit: 40 }).data(ALL_FAKE);
      return { result, requests: s.count("/data") };
    },
    ok: ({ result, requests }) => {
      expect(requests).toBeGreaterThan(1);
      const keys = result.extract.rows.map((r: { codes: Record<string, string> }) => `${r.codes.OMRÅDE}|${r.codes.KØN}|${r.codes.TID}`);
      expect(keys).toHaveLength(48);
      expect(new Set(keys).size).toBe(48);
    },
  },
  {
    name: "HTML error page (404)",
    input: "404 <!DOCTYPE html>…",
    fn: "HttpTransport.data",
    run: async () => {
      const s = await startServer({
        "/tableinfo": tableinfoOk,
        "/data": (_b, res) => {
          res.writeHead(404, { "content-type": "text/html" });
          res.end("<!DOCTYPE html><html><head><title>404 - File or directory not found.</title></head></html>");
        },
      });
      return http(s.url).data(ALL_FAKE);
    },
    error: /^POST http:\/\/127\.0\.0\.1:\d+\/v1\/data \(FAKE3\): HTTP 404 Not Found: "<!DOCTYPE html><html><head><title>404 - File or directory not found\./,
  },
  {
    name: "HTML page with status 200 (a proxy's login page)",
    input: "200 <!DOCTYPE html>…",
    fn: "HttpTransport.data",
    run: async () => {
      const s = await startServer({
        "/tableinfo": tableinfoOk,
        "/data": (_b, res) => {
          res.writeHead(200, { "content-type": "text/html" });
          res.end("<!DOCTYPE html>\n<html><body>Log ind</body></html>\n");
        },
      });
      return http(s.url).data(ALL_FAKE);
    },
    error: /^POST http:\/\/127\.0\.0\.1:\d+\/v1\/data FAKE3, line 1: an HTML\/XML page, not CSV: "<!DOCTYPE html>"$/,
  },

  // --- Loaders --------------------------------------------------------------------------------
  {
    name: "duplicate keys in BEV107 rows",
    input: "260;B02;M;2010 twice",
    fn: "movements",
    run: () => movements(mirrorClient({ "BEV107.csv": [BEV107_HEADER, ...BEV107_ROWS, "260;B02;M;2010;121"].join("\n") + "\n" })),
    error:
      /^BEV107: \/.*\/BEV107\.csv, line 6: duplicate row for OMRÅDE=260 BEVÆGELSE=B02 KØN=M TID=2010 \(also line 2\): every combination of codes occurs once$/,
  },
  {
    name: "unknown municipality code in a register extract",
    input: "kommune 999",
    fn: "moverExtract (dir)",
    run: () => {
      const dir = tempDir({ "saerkoersel.csv": `${extractHeader}\n999;2022;par_med_boern;101;260;31\n` });
      return moverExtract(dir);
    },
    error: /saerkoersel\.csv, line 2, column 1 \(kommune\): "999" is not a municipality/,
  },
  {
    name: "unknown municipality code in a forecast file",
    input: "kommune 1260",
    fn: "adoptedForecast (dir)",
    run: () => adoptedForecast(tempDir({ "prognose.csv": `${forecastHeader}\n1260;2020;2020;total;31410\n` })),
    error: /prognose\.csv, line 2, column 1 \(kommune\): "1260" is not a 3-digit municipality code/,
  },

  // --- File imports ---------------------------------------------------------------------------
  {
    name: "register extract with wrong delimiter",
    input: "kommune,aar,…",
    fn: "parseMoverExtract",
    run: () => parseMoverExtract(`${extractHeader.replaceAll(";", ",")}\n260,2022,par_med_boern,101,260,31\n`, "data/extracts/x.csv"),
    error: /data\/extracts\/x\.csv, line 1: the header is comma-separated .*; columns must be separated by ';'/,
  },
  {
    name: "register extract with unknown family type",
    input: "familietype kernefamilie",
    fn: "parseMoverExtract",
    run: () => parseMoverExtract(`${extractHeader}\n260;2022;kernefamilie;101;260;31\n`, "data/extracts/x.csv"),
    error: /data\/extracts\/x\.csv, line 2, column 3 \(familietype\): unknown familietype "kernefamilie"; expected one of par_med_boern/,
  },
  {
    name: "register extract with a duplicate key",
    input: "260;2022;par_med_boern;101;260 twice",
    fn: "parseMoverExtract",
    run: () => parseMoverExtract(`${extractHeader}\n260;2022;par_med_boern;101;260;31\n260;2022;par_med_boern;101;260;8\n`, "data/extracts/x.csv"),
    error: /data\/extracts\/x\.csv, line 3: duplicate cell 260;2022;par_med_boern;101;260 .* also on line 2/,
  },
  {
    name: "register extract in Latin-1",
    input: 'fra_kommune "Ærø" in Latin-1',
    fn: "moverExtract (dir)",
    run: () => moverExtract(tempDir({ "latin1.csv": Buffer.from(`${extractHeader}\n260;2022;par_med_boern;Ærø;260;31\n`, "latin1") })),
    error: /latin1\.csv, line 2, column 4 \(fra_kommune\): .* is not valid UTF-8/,
  },
  {
    name: "survey file with a missing column",
    input: "no tilfreds_natur",
    fn: "importSurvey",
    run: () => importSurvey("id;koen;tilfreds_bolig\r\n1;K;4\r\n", SURVEY_SCHEMA, "svar.csv"),
    error: /svar\.csv, linje 1, kolonne tilfreds_natur: kolonnen tilfreds_natur mangler i overskriften/,
  },
  {
    name: "survey file with an out-of-range answer",
    input: "tilfreds_bolig 6",
    fn: "importSurvey",
    run: () => importSurvey("id;koen;tilfreds_bolig;tilfreds_natur\r\n1;K;6;4\r\n", SURVEY_SCHEMA, "svar.csv"),
    error: /svar\.csv, linje 2, kolonne tilfreds_bolig: 6 ligger uden for skalaen tilfredshed \(1–5\)/,
  },
  {
    name: "survey file with a duplicate id",
    input: "id 7 twice",
    fn: "importSurvey",
    run: () => importSurvey("id;koen;tilfreds_bolig;tilfreds_natur\r\n7;K;4;4\r\n8;M;3;3\r\n7;M;2;2\r\n", SURVEY_SCHEMA, "svar.csv"),
    error: /svar\.csv, linje 4, kolonne id: id "7" står også på linje 2/,
  },
  {
    name: "adopted forecast with a bad year",
    input: "aar 20x5",
    fn: "parseForecast",
    run: () => parseForecast(`${forecastHeader}\n260;2020;2020;total;31410\n260;2020;20x5;total;31500\n`, "data/forecasts/p.csv"),
    error: /data\/forecasts\/p\.csv, line 3, column 3 \(aar\): "20x5" is not a 4-digit year/,
  },
  {
    name: "adopted forecast with a year before the adoption year",
    input: "prognoseaar 2020, aar 2018",
    fn: "parseForecast",
    run: () => parseForecast(`${forecastHeader}\n260;2020;2018;total;31410\n`, "data/forecasts/p.csv"),
    error: /data\/forecasts\/p\.csv, line 2, column 3 \(aar\): 2018 is before prognoseaar 2020/,
  },
  {
    name: "manual indicators with a bad period",
    input: "periode 2015Q2",
    fn: "parseManualIndicators",
    run: () => parseManualIndicators(`${indicatorHeader}\ndigital_post_share;260;2015Q2;;22,0;%;\n`, "data/indicators/d.csv"),
    error: /data\/indicators\/d\.csv, line 2, column 3 \(periode\): unknown period "2015Q2" \(write the quarter as 2015K2\)/,
  },
  {
    name: "manual indicators with a bad period, read from a folder",
    input: "periode 13/2015",
    fn: "manualIndicators (dir)",
    run: () =>
      manualIndicators(
        tempDir({ "sundhed.csv": `${indicatorHeader}\nphysically_active_share;260;2015;;63,0;%;\nphysically_active_share;260;13/2015;;64,0;%;\n` }),
      ),
    error: /sundhed\.csv, line 3, column 3 \(periode\): unknown period "13\/2015"/,
  },
  {
    name: "goals.yaml with an unknown rule",
    input: "rule: always_met",
    fn: "parseGoals",
    run: () => parseGoals(goal("always_met"), "data/goals.yaml", defaultKnownIndicators()),
    error: /data\/goals\.yaml, line 7, goal flere_borgere: unknown rule "always_met"; the rule must be one of at_most_baseline/,
  },
  // --- More: mirror side files, HTTP JSON, loaders, files -------------------------------------
  {
    name: "malformed stored tableinfo",
    input: "tableinfo/FOLK1A.json = {",
    fn: "StatbankClient.fetch (mirror)",
    run: () =>
      mirrorClient({ "FOLK1A.csv": FOLK1A_CSV, "tableinfo/FOLK1A.json": "{" }).fetch({ table: "FOLK1A", variables: { OMRÅDE: ["*"], KØN: ["*"], Tid: ["*"] } }),
    error: /tableinfo\/FOLK1A\.json: .*JSON/,
  },
  {
    name: "malformed MANIFEST.json",
    input: "MANIFEST.json = [",
    fn: "StatbankClient.fetch (mirror)",
    run: () =>
      mirrorClient({ "FOLK1A.csv": FOLK1A_CSV, "MANIFEST.json": "[" }).fetch({ table: "FOLK1A", variables: { OMRÅDE: ["*"], KØN: ["*"], Tid: ["*"] } }),
    error: /MANIFEST\.json: .*JSON/,
  },
  {
    name: "mirror folder that does not exist",
    input: "STATBANK_MIRROR=/nonexistent",
    fn: "StatbankClient.fetch (mirror)",
    run: () => new StatbankClient(new MirrorTransport(join(tmpdir(), "bad-inputs-no-such-dir"))).fetch({ table: "FOLK1A", variables: { OMRÅDE: ["*"] } }),
    error: /^STATBANK_MIRROR folder .*bad-inputs-no-such-dir does not exist$/,
  },
  {
    name: "BULK request that leaves out a variable",
    input: "FOLK1A without KØN",
    fn: "StatbankClient.fetch (mirror)",
    run: () => folk1aMirror().fetch({ table: "FOLK1A", variables: { OMRÅDE: ["*"], Tid: ["*"] } }),
    error: /^FOLK1A: select values for KØN: BULK requests must name every variable$/,
  },
  {
    name: "tableinfo answer that is not JSON",
    input: "200 text/plain 'Service midlertidigt utilgængelig'",
    fn: "HttpTransport.tableInfo",
    run: async () => {
      const s = await startServer({
        "/tableinfo": (_b, res) => {
          res.writeHead(200, { "content-type": "text/plain" });
          res.end("Service midlertidigt utilgængelig");
        },
      });
      return http(s.url).tableInfo("FOLK1A");
    },
    error: /^POST http:\/\/127\.0\.0\.1:\d+\/v1\/tableinfo FOLK1A: the answer is not JSON: "Service midlertidigt utilgængelig"$/,
  },
  {
    name: "data answer cut off mid-row",
    input: "200 OMRÅDE;KØN;TID;INDHOLD\\n000;TOT;2024K1;1\\n000;TO",
    fn: "HttpTransport.data",
    run: async () => {
      const s = await startServer({
        "/tableinfo": tableinfoOk,
        "/data": (_b, res) => {
          res.writeHead(200, { "content-type": "text/csv; charset=utf-8" });
          res.end("OMRÅDE;KØN;TID;INDHOLD\n000;TOT;2024K1;1\n000;TO");
        },
      });
      return http(s.url).data(ALL_FAKE);
    },
    error: /\/v1\/data FAKE3, line 3: 2 fields, expected 4/,
  },
  {
    name: "empty BEV107 (header only): an empty dataset that says the table is empty, not blank pages",
    input: "BEV107.csv with a header and no rows",
    fn: "movements",
    run: () => movements(mirrorClient({ "BEV107.csv": `${BEV107_HEADER}\n` })),
    ok: (d) => {
      expect(d.meta.status).toBe("missing");
      expect(d.meta.rows).toBe(0);
      expect(d.meta.missing[0]).toMatchObject({
        table: "BEV107",
        what: "hele tabellen (tom)",
        detail: expect.stringMatching(/BEV107 \(the source has its header but no rows\)/),
      });
    },
  },
  {
    name: "BEV107 absent from the mirror: an empty dataset, not a crash",
    input: "mirror without BEV107.csv",
    fn: "movements",
    run: () => movements(folk1aMirror()),
    ok: (d) => {
      expect(d.meta.status).toBe("missing");
      expect(d.meta.missing[0]).toMatchObject({ table: "BEV107", what: "hele tabellen", detail: expect.stringMatching(/no BEV107\.csv/) });
    },
  },
  {
    name: "projection table with an odd ALDER code",
    input: "FRKM126 ALDER=99+",
    fn: "projection",
    run: () => projection(mirrorClient({ "FRKM126.csv": frkm(1) + "260;99+;M;2026;3\n" })),
    error: /^FRKM126: ALDER code "99\+" is neither TOT nor an age/,
  },
  {
    name: "no projection table at all: an empty dataset naming the mirror",
    input: "mirror with FOLK1A only",
    fn: "projection",
    run: () => projection(folk1aMirror()),
    ok: (d) => {
      expect(d.meta.rows).toBe(0);
      expect(d.meta.missing[0].detail).toMatch(/^no FRKM1yy projection table in the mirror .*bad-inputs-/);
    },
  },
  {
    name: "register extract with a 4-digit DAGI municipality code",
    input: "fra_kommune 0101",
    fn: "parseMoverExtract",
    run: () => parseMoverExtract(`${extractHeader}\n260;2022;par_med_boern;0101;260;31\n`, "data/extracts/x.csv"),
    error: /x\.csv, line 2, column 4 \(fra_kommune\): "0101" looks like a 4-digit DAGI code; use StatBank's 3-digit code 101/,
  },
  {
    name: "the same cell in two extract files",
    input: "a.csv and b.csv both hold 260;2022;par_med_boern;101;260",
    fn: "moverExtract (dir)",
    run: () =>
      moverExtract(
        tempDir({
          "a.csv": `${extractHeader}\n260;2022;par_med_boern;101;260;31\n`,
          "b.csv": `${extractHeader}\n260;2022;enlig_med_boern;101;260;4\n260;2022;par_med_boern;101;260;31\n`,
        }),
      ),
    error: /b\.csv, line 3: duplicate cell 260;2022;par_med_boern;101;260, also in .*a\.csv line 2/,
  },
  {
    name: "adopted forecast with an unknown age group",
    input: "aldersgruppe 80+",
    fn: "parseForecast",
    run: () => parseForecast(`${forecastHeader}\n260;2020;2021;80+;1200\n`, "data/forecasts/p.csv"),
    error: /p\.csv, line 2, column 4 \(aldersgruppe\): unknown aldersgruppe "80\+" \(write it as 80-\)/,
  },
  {
    name: "manual indicators with a percent sign in the value",
    input: "vaerdi 63,5 %",
    fn: "parseManualIndicators",
    run: () => parseManualIndicators(`${indicatorHeader}\nphysically_active_share;260;2015;;63,5 %;%;\n`, "data/indicators/s.csv"),
    error: /s\.csv, line 2, column 5 \(vaerdi\): "63,5 %" is not a number: write it without "%"/,
  },
  {
    name: "goals.yaml with a YAML syntax error",
    input: 'title: "Flere borgere (no closing quote)',
    fn: "parseGoals",
    run: () => parseGoals(goal("at_least_baseline").replace("title: Flere borgere", 'title: "Flere borgere'), "data/goals.yaml", defaultKnownIndicators()),
    error: /data\/goals\.yaml, line 3, goal flere_borgere: YAML syntax error: the quote " opened on this line is never closed/,
  },
  {
    name: "goals.yaml with an unknown indicator",
    input: "indicator: popluation",
    fn: "parseGoals",
    run: () => parseGoals(goal("at_least_baseline").replace("indicator: population", "indicator: popluation"), "data/goals.yaml", defaultKnownIndicators()),
    error: /data\/goals\.yaml, line 5, goal flere_borgere: .*popluation/,
  },
  {
    name: "survey file that is tab-separated",
    input: "id\\tkoen\\t…",
    fn: "importSurvey",
    run: () => importSurvey("id\tkoen\ttilfreds_bolig\ttilfreds_natur\r\n1\tK\t4\t4\r\n", SURVEY_SCHEMA, "svar.csv"),
    error: /svar\.csv, linje 1: kolonnerne er adskilt med tabulator/,
  },
  {
    name: "survey file with an unknown group code",
    input: "koen X",
    fn: "importSurvey",
    run: () => importSurvey("id;koen;tilfreds_bolig;tilfreds_natur\r\n1;X;4;4\r\n", SURVEY_SCHEMA, "svar.csv"),
    error: /svar\.csv, linje 2, kolonne koen: ukendt værdi "X"; skriv en af/,
  },

  // --- Validation of every extract (loaders/statbank/validate.ts), mirror and live alike ------
  {
    name: "a count with a thousands separator is refused, not read as 539.542",
    input: "101;TOT;2024K1;539.542",
    fn: "client.fetch (mirror)",
    run: () => folk1a(FOLK1A_CSV.replace("101;TOT;2024K1;660842", "101;TOT;2024K1;539.542")),
    error: /^FOLK1A: \/.*\/FOLK1A\.csv, line 3, column INDHOLD: INDHOLD 539\.542 in a table of counts \(unit "Antal"\) looks like a thousands separator/,
  },
  {
    name: "a negative count",
    input: "260;TOT;2024K1;-31612",
    fn: "client.fetch (mirror)",
    run: () => folk1a(FOLK1A_CSV.replace("260;TOT;2024K1;31612", "260;TOT;2024K1;-31612")),
    error: /^FOLK1A: .*FOLK1A\.csv, line 4, column INDHOLD: INDHOLD -31612 is negative, but FOLK1A counts/,
  },
  {
    name: "a negative value where the code is a balance (population growth) is accepted",
    input: "BEV107 B11 (Befolkningstilvækst) -40",
    fn: "client.fetch (mirror)",
    run: () =>
      mirrorClient({
        "BEV107.csv": `${BEV107_HEADER}\n260;B11;M;2010;-40\n`,
        "MANIFEST.json": JSON.stringify({ tables: [{ id: "BEV107", unit: "Antal" }] }),
      }).fetch({
        table: "BEV107",
        variables: { OMRÅDE: ["*"], BEVÆGELSE: ["*"], KØN: ["*"], Tid: ["*"] },
      }),
    ok: (r) => expect(r.extract.rows[0].value).toBe(-40),
  },
  {
    name: "a count above 2^31 is carried whole, never wrapped to a negative 32-bit number",
    input: "000;TOT;2024K1;3000000000",
    fn: "client.fetch + toArrowIPC",
    run: async () => {
      const r = await folk1a(FOLK1A_CSV.replace("000;TOT;2024K1;5961249", "000;TOT;2024K1;3000000000"));
      const values = r.extract.rows.map((x) => x.value);
      const meta = datasetMeta({ dataset: "t", title: "t", sources: [], rows: values.length, columns: {} });
      return readArrow(toArrowIPC({ population: { type: "int32", values } }, meta))
        .table.getChild("population")!
        .toArray();
    },
    ok: (col) => {
      expect(Array.from(col as ArrayLike<number>)).toContain(3000000000);
      expect(Math.min(...Array.from(col as ArrayLike<number>))).toBeGreaterThan(0);
    },
  },
  {
    name: "an area code with a leading space",
    input: '" 260;TOT;2024K1;31612"',
    fn: "client.fetch (mirror)",
    run: () => folk1a(FOLK1A_CSV.replace("260;TOT;2024K1;31612", " 260;TOT;2024K1;31612")),
    error: /^FOLK1A: .*FOLK1A\.csv, line 4, column OMRÅDE: OMRÅDE code " 260" has spaces around it; codes are exact strings$/,
  },
  {
    name: "an area code the table does not have",
    input: "999;TOT;2024K1;5",
    fn: "client.fetch (mirror)",
    run: () => folk1a(FOLK1A_CSV.replace("260;TOT;2024K2;31650", "999;TOT;2024K2;5")),
    error: /^FOLK1A: .*FOLK1A\.csv, line 7, column OMRÅDE: OMRÅDE code "999" is not a code of FOLK1A \(the table has 4 OMRÅDE codes: 000, 101, 147, 260\)$/,
  },
  {
    name: "an area code no municipality has, in a table without stored tableinfo (checked against FOLK1A's areas)",
    input: "BEV107 OMRÅDE=999",
    fn: "client.fetch (mirror)",
    run: () =>
      mirrorClient({ "BEV107.csv": `${BEV107_HEADER}\n999;B02;M;2010;12\n`, "tableinfo/FOLK1A.json": JSON.stringify(FOLK1A_INFO) }).fetch({
        table: "BEV107",
        variables: { OMRÅDE: ["*"], BEVÆGELSE: ["*"], KØN: ["*"], Tid: ["*"] },
      }),
    error: /^BEV107: .*BEV107\.csv, line 2, column OMRÅDE: OMRÅDE code "999" is not a code of BEV107/,
  },
  {
    name: "a whole file's rows repeated under one header (every figure would double)",
    input: "FOLK1A.csv rows twice",
    fn: "client.fetch (mirror)",
    run: () => folk1a(FOLK1A_CSV + FOLK1A_CSV.split("\n").slice(1).join("\n")),
    error: /^FOLK1A: .*FOLK1A\.csv, line 8: duplicate row for OMRÅDE=000 KØN=TOT TID=2024K1 \(also line 2\)/,
  },
  {
    name: "a file cut at a line end: its MANIFEST row count no longer matches",
    input: "FOLK1A.csv without its last 3 lines, MANIFEST rows 6",
    fn: "client.fetch (mirror)",
    run: () => folk1a(FOLK1A_CSV.split("\n").slice(0, 4).join("\n") + "\n", { id: "FOLK1A", file: "FOLK1A.csv", rows: 6 }),
    error: /FOLK1A: the mirror file does not match MANIFEST\.json\n {2}\/.*\/FOLK1A\.csv: 3 data rows, but MANIFEST\.json says 6 for FOLK1A/,
  },
  {
    name: "a file edited after the MANIFEST was written: sha256 differs",
    input: "FOLK1A.csv with one figure changed",
    fn: "client.fetch (mirror)",
    run: () => folk1a(FOLK1A_CSV.replace("31612", "31613"), { id: "FOLK1A", file: "FOLK1A.csv", rows: 6, sha256: sha256Hex(FOLK1A_CSV) }),
    error: /FOLK1A\.csv: sha256 [0-9a-f]{64} differs from MANIFEST\.json's [0-9a-f]{64} for FOLK1A/,
  },
  {
    name: "a file that matches its MANIFEST entry is read",
    input: "FOLK1A.csv with rows and sha256 in MANIFEST",
    fn: "client.fetch (mirror)",
    run: () => folk1a(FOLK1A_CSV, { id: "FOLK1A", file: "FOLK1A.csv", rows: 6, sha256: sha256Hex(FOLK1A_CSV) }),
    ok: (r) => expect(r.extract.rows).toHaveLength(6),
  },
  {
    name: "a live answer with a duplicate row",
    input: "200 with 101;TOT;2024K1 twice",
    fn: "client.fetch (live)",
    run: async () => {
      const body = "\uFEFFOMRÅDE;KØN;TID;INDHOLD\r\n101;TOT;2024K1;5\r\n101;TOT;2024K1;5\r\n";
      const s = await startServer({ "/tableinfo": tableinfoOk, "/data": (_b, res) => void res.writeHead(200, { "content-type": "text/csv" }).end(body) });
      return new StatbankClient(http(s.url)).fetch({ table: "FAKE3", variables: { OMRÅDE: ["101"], KØN: ["TOT"], Tid: ["2024K1"] } });
    },
    error: /^FAKE3: POST http:\/\/127\.0\.0\.1:\d+\/v1\/data FAKE3, line 3: duplicate row for OMRÅDE=101 KØN=TOT TID=2024K1 \(also line 2\)/,
  },
  {
    name: "a live answer with a code its tableinfo does not have",
    input: "200 with OMRÅDE=999",
    fn: "client.fetch (live)",
    run: async () => {
      const body = "OMRÅDE;KØN;TID;INDHOLD\n999;TOT;2024K1;5\n";
      const s = await startServer({ "/tableinfo": tableinfoOk, "/data": (_b, res) => void res.writeHead(200, { "content-type": "text/csv" }).end(body) });
      return new StatbankClient(http(s.url)).fetch({ table: "FAKE3", variables: { OMRÅDE: ["101"], KØN: ["TOT"], Tid: ["2024K1"] } });
    },
    error: /^FAKE3: POST .*\/v1\/data FAKE3, line 2, column OMRÅDE: OMRÅDE code "999" is not a code of FAKE3/,
  },
];

/** FOLK1A from `csv` with the stored tableinfo, optionally a MANIFEST entry; fetches everything. */
function folk1a(csv: string, manifest?: Record<string, unknown>) {
  const files: Record<string, string> = { "FOLK1A.csv": csv, "tableinfo/FOLK1A.json": JSON.stringify(FOLK1A_INFO) };
  if (manifest) files["MANIFEST.json"] = JSON.stringify({ tables: [manifest] });
  return mirrorClient(files).fetch({ table: "FOLK1A", variables: { OMRÅDE: ["*"], KØN: ["*"], Tid: ["*"] } });
}

describe("bad inputs: each names the file, line, code or table", () => {
  it("has at least 30 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.map((c) => [`${c.fn}: ${c.name} [${c.input}]`, c] as const))("%s", async (_title, c) => {
    let result: unknown;
    let error: unknown = null;
    try {
      result = await c.run();
    } catch (e) {
      error = e;
    }
    if (c.error) {
      expect(error, "expected an error").toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(c.error);
    } else {
      if (error) throw error;
      await c.ok!(result);
    }
  });
});

describe("no half-written output", () => {
  it("a thin loader on a malformed BEV107.csv exits non-zero, names file and line, writes 0 bytes", async () => {
    const mirror = tempDir({ "BEV107.csv": `${BEV107_HEADER}\n${BEV107_ROWS.join("\n")}\n260;B05;M;2010;abc\n${BEV107_ROWS[0]}\n` });
    const { code, stdout, stderr } = await runLoader("src/data/movements.arrow.ts", { STATBANK_MIRROR: mirror });
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/BEV107\.csv, line 6: INDHOLD "abc" is not a number/);
    expect(stderr).toContain(join(mirror, "BEV107.csv"));
    expect(stdout.length).toBe(0);
  }, 60_000);

  it("the same loader on a truncated BEV107.csv: exit ≠ 0, stdout empty", async () => {
    const mirror = tempDir({ "BEV107.csv": `${BEV107_HEADER}\n${BEV107_ROWS.join("\n")}\n260;B05;M;20` });
    const { code, stdout, stderr } = await runLoader("src/data/movements.arrow.ts", { STATBANK_MIRROR: mirror });
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/BEV107\.csv, line 6: 4 fields, expected 5/);
    expect(stdout.length).toBe(0);
  }, 60_000);
});
