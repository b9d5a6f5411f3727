/**
 * HttpTransport against a real local HTTP server (node:http on 127.0.0.1) that answers like the
 * StatBank API: recorded response bytes where we have them, otherwise generated data.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { StatbankApiError, StatbankHttpError, StatbankQueryError } from "../../loaders/statbank/errors.ts";
import { HttpTransport, type HttpOptions } from "../../loaders/statbank/http.ts";
import type { Query } from "../../loaders/statbank/query.ts";
import type { TableInfo, TableListing } from "../../loaders/statbank/transport.ts";
import { sharedDir } from "../paths.ts";

const recorded = (name: string): Buffer => readFileSync(join(sharedDir, "statbank-api", name));

// ---------------------------------------------------------------------------------------------
// A local server that records what it receives

interface Received {
  method: string;
  path: string;
  contentType: string | undefined;
  text: string;
  /** The JSON body (every StatBank call is a POST with JSON). */
  body: any;
}

type Handler = (req: Received, res: ServerResponse, n: number) => void | Promise<void>;

interface TestServer {
  url: string;
  requests: Received[];
  /** The /data requests only, in arrival order. */
  dataRequests: () => Received[];
  /** Most /data requests the server was answering at the same time. */
  maxDataInFlight: () => number;
}

const openServers: Array<() => Promise<void>> = [];

afterEach(async () => {
  await Promise.all(openServers.splice(0).map((close) => close()));
});

/**
 * Start a server on 127.0.0.1 (free port). `routes` maps a path ("/data", "/tableinfo", …) to a
 * handler, which gets the parsed request and n, the 0-based count of earlier requests to that path.
 */
async function startServer(routes: Record<string, Handler>): Promise<TestServer> {
  const requests: Received[] = [];
  const counts = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    const path = (req.url ?? "").replace(/^\/v1/, "");
    const received: Received = { method: req.method ?? "", path, contentType: req.headers["content-type"], text, body };
    requests.push(received);
    const n = counts.get(path) ?? 0;
    counts.set(path, n + 1);
    if (path === "/data") {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      let done = false;
      const finish = () => {
        if (!done) inFlight--;
        done = true;
      };
      res.on("finish", finish);
      res.on("close", finish);
    }
    const handler = routes[path];
    if (!handler) {
      sendJson(res, 404, { errorTypeCode: "REQUEST-NOTFOUND", message: "Siden kan ikke findes. / Page not found." });
      return;
    }
    await handler(received, res, n);
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
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    dataRequests: () => requests.filter((r) => r.path === "/data"),
    maxDataInFlight: () => maxInFlight,
  };
}

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "text/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(value));
}

function sendCsv(res: ServerResponse, body: string | Buffer): void {
  res.writeHead(200, { "content-type": "text/csv; charset=utf-8" });
  res.end(body);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A transport with fast retries and a captured log. */
function transport(url: string, options: HttpOptions = {}): { http: HttpTransport; log: string[] } {
  const log: string[] = [];
  const http = new HttpTransport({ baseUrl: url, backoffMs: 1, log: (m) => log.push(m), ...options });
  return { http, log };
}

// ---------------------------------------------------------------------------------------------
// A fake API that generates data from the request

function variable(id: string, codes: string[], time = false): TableInfo["variables"][number] {
  return { id, text: id.toLowerCase(), elimination: !time, time, values: codes.map((c) => ({ id: c, text: `label ${c}` })) };
}

const AREAS = ["000", "101", "147", "151", "153", "155", "157", "159", "161", "163", "165", "167", "169", "173", "175", "183", "185", "187", "190", "201"];
const SEXES = ["TOT", "1", "2"];
const QUARTERS = ["2022", "2023", "2024"].flatMap((y) => [1, 2, 3, 4].map((q) => `${y}K${q}`));

/** A fake table of 20 × 3 × 12 = 720 combinations. */
const FAKE: TableInfo = {
  id: "FAKE3",
  text: "Fake table",
  unit: "Antal",
  updated: "2025-08-11T08:00:00",
  variables: [variable("OMRÅDE", AREAS), variable("KØN", SEXES), variable("Tid", QUARTERS, true)],
};

/** The value the fake API gives a combination: its position in the table (mixed radix), so every cell is unique. */
function fakeValue(info: TableInfo, codes: Record<string, string>): number {
  let value = 0;
  for (const v of info.variables) {
    const key = Object.keys(codes).find((k) => k.toUpperCase() === v.id.toUpperCase());
    const index = key === undefined ? 0 : v.values.findIndex((x) => x.id === codes[key].replace(/^(\d{4})Q/, "$1K"));
    value = value * v.values.length + index;
  }
  return value;
}

/**
 * Answer POST /data like the API, for value specs "*" and explicit codes: one row per combination
 * of the selected codes. CSV requests over `cellLimit` get the API's REQUEST-LIMIT error; BULK
 * requests that leave out a variable get EXTRACT-NOTALLOWED. Time codes are written with Q when
 * the request has lang "en".
 */
function fakeData(info: TableInfo, cellLimit = 1_000_000): Handler {
  return (req, res) => {
    const { format, lang, variables } = req.body as { format: string; lang: string; variables: { code: string; values: string[] }[] };
    const selected: { header: string; codes: string[] }[] = [];
    for (const { code, values } of variables) {
      const v = info.variables.find((x) => x.id.toUpperCase() === code.toUpperCase());
      if (!v) return sendJson(res, 400, { errorTypeCode: "EXTRACT-NOTFOUND", message: `Kan ikke finde variablen: ${code}` });
      const codes: string[] = [];
      for (const spec of values) {
        if (spec === "*") {
          codes.push(...v.values.map((x) => x.id));
          continue;
        }
        const hit = v.values.find((x) => x.id.toUpperCase() === spec.toUpperCase().replace(/^(\d{4})Q/, "$1K"));
        if (!hit) return sendJson(res, 400, { errorTypeCode: "EXTRACT-NOTFOUND", message: `Kan ikke finde værdien: ${spec} (${v.id})` });
        codes.push(hit.id);
      }
      const english = lang === "en" && v.time;
      selected.push({
        header: v.time ? v.id.toUpperCase() : v.id,
        codes: [...new Set(codes)].map((c) => (english ? c.replace(/^(\d{4})K/, "$1Q") : c)),
      });
    }
    if (format === "BULK") {
      const missing = info.variables.find((v) => !variables.some((x) => x.code.toUpperCase() === v.id.toUpperCase()));
      if (missing) return sendJson(res, 400, { errorTypeCode: "EXTRACT-NOTALLOWED", message: `Der skal vælges værdier for variabel: ${missing.id}` });
    }
    const rows = selected.reduce((n, s) => n * s.codes.length, 1);
    const cells = rows * (selected.length + 1);
    if (format === "CSV" && cells > cellLimit) {
      return sendJson(res, 400, {
        errorTypeCode: "REQUEST-LIMIT",
        message: `Forespørgslen på op mod ${cells} celler er over begrænsningen på ${cellLimit} celler for denne filtype. Anvend BULK eller andet streaming format i stedet.`,
      });
    }
    const lines = [[...selected.map((s) => s.header), "INDHOLD"].join(";")];
    const combine = (i: number, acc: Record<string, string>): void => {
      if (i === selected.length) {
        lines.push([...selected.map((s) => acc[s.header]), String(fakeValue(info, acc))].join(";"));
        return;
      }
      for (const c of selected[i].codes) combine(i + 1, { ...acc, [selected[i].header]: c });
    };
    combine(0, {});
    // CSV has a BOM and CRLF like the real API; BULK has neither.
    sendCsv(res, format === "CSV" ? `\uFEFF${lines.join("\r\n")}\r\n` : `${lines.join("\n")}\n`);
  };
}

function fakeApi(info: TableInfo, cellLimit?: number): Record<string, Handler> {
  return { "/tableinfo": (_req, res) => sendJson(res, 200, info), "/data": fakeData(info, cellLimit) };
}

const allOfFake: Query = { table: "FAKE3", variables: { OMRÅDE: ["*"], KØN: ["*"], Tid: ["*"] } };

/** Rows the API would count for a /data request body: the product of the value-list lengths ("*" = all). */
function requestedRows(body: { variables: { code: string; values: string[] }[] }, info: TableInfo): number {
  return body.variables.reduce((n, { code, values }) => {
    const v = info.variables.find((x) => x.id.toUpperCase() === code.toUpperCase())!;
    return n * (values.includes("*") ? v.values.length : values.length);
  }, 1);
}

// ---------------------------------------------------------------------------------------------

describe("HttpTransport on recorded API bytes", () => {
  it("parses the real STRAF42 CSV answer (BOM, CRLF) and sends the expected request", async () => {
    const server = await startServer({
      "/tableinfo": (_req, res) => {
        res.writeHead(200, { "content-type": "text/json; charset=utf-8" });
        res.end(recorded("table_info_straf42_da.body"));
      },
      "/data": (_req, res) => sendCsv(res, recorded("data_straf42_csv.body")),
    });
    const { http } = transport(server.url, { format: "CSV" });
    const result = await http.data({ table: "STRAF42", variables: { HERKOMST1: ["00"], Tid: ["2023"] } });

    const { table, dimensions, rows } = result.extract;
    expect({ table, dimensions, rows }).toEqual({
      table: "STRAF42",
      dimensions: ["HERKOMST1", "TID"],
      rows: [{ codes: { HERKOMST1: "Total", TID: "2023" }, value: 233454 }],
    });
    expect(result.gaps).toEqual([]);
    expect(result.requestedCells).toBe(1);
    expect(result.absentMeansZero).toBe(false);

    const [data] = server.dataRequests();
    expect(data.method).toBe("POST");
    expect(data.contentType).toBe("application/json; charset=utf-8");
    expect(data.body).toEqual({
      table: "STRAF42",
      format: "CSV",
      lang: "da",
      valuePresentation: "Code",
      delimiter: "Semicolon",
      variables: [
        { code: "HERKOMST1", values: ["00"] },
        { code: "Tid", values: ["2023"] },
      ],
    });
    const info = server.requests.filter((r) => r.path === "/tableinfo");
    expect(info.map((r) => r.body)).toEqual([{ table: "STRAF42", format: "JSON", lang: "da" }]);
  });

  it("a query that asks for CSV is sent as CSV by a BULK transport (the variables left out are the API's to eliminate)", async () => {
    const server = await startServer({
      "/tableinfo": (_req, res) => {
        res.writeHead(200, { "content-type": "text/json; charset=utf-8" });
        res.end(recorded("table_info_straf42_da.body"));
      },
      "/data": (_req, res) => sendCsv(res, recorded("data_straf42_csv.body")),
    });
    const { http } = transport(server.url); // BULK by default, as transportFromEnv makes it
    const result = await http.data({ table: "STRAF42", format: "CSV", variables: { HERKOMST1: ["00"], Tid: ["2023"] } });
    expect(result.extract.rows).toEqual([{ codes: { HERKOMST1: "Total", TID: "2023" }, value: 233454 }]);
    const [data] = server.dataRequests();
    expect(data.body.format).toBe("CSV");
  });

  it("reads the real STRAF42 tableinfo and caches it per table", async () => {
    const server = await startServer({
      "/tableinfo": (_req, res) => {
        res.writeHead(200, { "content-type": "text/json; charset=utf-8" });
        res.end(recorded("table_info_straf42_da.body"));
      },
    });
    const { http } = transport(server.url);
    expect(http.source).toEqual({ kind: "live", location: server.url });
    const info = await http.tableInfo("STRAF42");
    expect(info.id).toBe("STRAF42");
    expect(info.text).toBe("Strafferetlige afgørelser");
    expect(info.unit).toBe("Antal");
    expect(info.variables.map((v) => v.id)).toEqual(["HERKOMST1", "OVERTRÆD", "AFGØRELSE", "ALDER", "KØN", "Tid"]);
    expect(info.variables.map((v) => v.values.length)).toEqual([7, 97, 47, 19, 4, 30]);
    expect(info.variables.find((v) => v.id === "Tid")).toMatchObject({ time: true, elimination: false });
    expect(info.variables[0].values[0]).toEqual({ id: "00", text: "I alt" });

    await http.tableInfo("straf42");
    await Promise.all([http.tableInfo("STRAF42"), http.tableInfo("STRAF42")]);
    expect(server.requests).toHaveLength(1);
  });

  it("reads the real table listing", async () => {
    const server = await startServer({
      "/tables": (_req, res) => {
        res.writeHead(200, { "content-type": "text/json; charset=utf-8" });
        res.end(recorded("tables_all.body"));
      },
    });
    const { http } = transport(server.url);
    const tables: TableListing[] = await http.tables();
    expect(tables).toHaveLength(2234);
    expect(tables.find((t) => t.id === "FOLK1A")).toMatchObject({ firstPeriod: "2008Q1", variables: ["region", "sex", "age", "marital status", "time"] });
    expect(server.requests[0].body).toEqual({ format: "JSON", lang: "da" });
  });
});

describe("HttpTransport BULK answers", () => {
  const info: TableInfo = {
    id: "ARE207",
    text: "Fake",
    unit: "Kr.",
    updated: "2025-01-01T08:00:00",
    variables: [variable("OMRÅDE", ["000", "101", "147"]), variable("Tid", ["2024"], true)],
  };

  it("parses a BOM, CRLF, decimal commas and '..'", async () => {
    const body = Buffer.from("\uFEFFOMRÅDE;TID;INDHOLD\r\n000;2024;42955,60\r\n101;2024;..\r\n147;2024;-3,5\r\n", "utf8");
    const server = await startServer({ "/tableinfo": (_req, res) => sendJson(res, 200, info), "/data": (_req, res) => sendCsv(res, body) });
    const { http } = transport(server.url);
    const result = await http.data({ table: "ARE207", variables: { OMRÅDE: ["*"], Tid: ["(1)"] } });
    expect(result.extract.dimensions).toEqual(["OMRÅDE", "TID"]);
    expect(result.extract.rows).toEqual([
      { codes: { OMRÅDE: "000", TID: "2024" }, value: 42955.6 },
      { codes: { OMRÅDE: "101", TID: "2024" }, value: null },
      { codes: { OMRÅDE: "147", TID: "2024" }, value: -3.5 },
    ]);
    expect(result.absentMeansZero).toBe(true);
    expect(result.requestedCells).toBe(3);
    expect(server.dataRequests()[0].body).toEqual({
      table: "ARE207",
      format: "BULK",
      lang: "da",
      valuePresentation: "Code",
      variables: [
        { code: "OMRÅDE", values: ["*"] },
        { code: "Tid", values: ["(1)"] },
      ],
    });
  });

  it("refuses a BULK request that leaves out a variable, before sending it", async () => {
    const server = await startServer(fakeApi(FAKE));
    const { http } = transport(server.url);
    await expect(http.data({ table: "FAKE3", variables: { OMRÅDE: ["*"], Tid: ["*"] } })).rejects.toThrow(StatbankQueryError);
    await expect(http.data({ table: "FAKE3", variables: { OMRÅDE: ["*"], Tid: ["*"] } })).rejects.toThrow(/KØN/);
    expect(server.dataRequests()).toHaveLength(0);
  });

  it("still sends a BULK request when tableinfo fails, with requestedCells null", async () => {
    const server = await startServer({
      "/tableinfo": (_req, res) => sendJson(res, 400, { errorTypeCode: "EXTRACT-NOTFOUND", message: "Tabel findes ikke: FAKE3" }),
      "/data": fakeData(FAKE),
    });
    const { http, log } = transport(server.url);
    const result = await http.data(allOfFake);
    expect(result.extract.rows).toHaveLength(720);
    expect(result.requestedCells).toBeNull();
    expect(log.join("\n")).toMatch(/tableinfo failed/);
  });

  it("never splits BULK requests, whatever the cell limit", async () => {
    const server = await startServer(fakeApi(FAKE));
    const { http } = transport(server.url, { format: "BULK", cellLimit: 10 });
    const result = await http.data(allOfFake);
    expect(server.dataRequests()).toHaveLength(1);
    expect(result.extract.rows).toHaveLength(720);
    expect(result.requestedCells).toBe(720);
  });
});

describe("HttpTransport API errors", () => {
  it("throws StatbankApiError for EXTRACT-NOTFOUND without retrying", async () => {
    const server = await startServer(fakeApi(FAKE));
    const { http } = transport(server.url, { format: "CSV" });
    const error = await http.data({ table: "FAKE3", variables: { OMRÅDE: ["999999"], Tid: ["*"] } }).catch((e) => e);
    expect(error).toBeInstanceOf(StatbankApiError);
    expect(error).toMatchObject({ errorTypeCode: "EXTRACT-NOTFOUND", apiMessage: "Kan ikke finde værdien: 999999 (OMRÅDE)", status: 400, table: "FAKE3" });
    expect(error.message).toContain("Kan ikke finde værdien: 999999 (OMRÅDE)");
    expect(server.dataRequests()).toHaveLength(1);
  });

  it("throws StatbankApiError for REQUEST-LIMIT (error JSON with a BOM) without retrying", async () => {
    const message =
      "Forespørgslen på op mod 4.800.600 celler er over begrænsningen på 1.000.000 celler for denne filtype. Anvend BULK eller andet streaming format i stedet.";
    const server = await startServer({
      "/data": (_req, res) => {
        res.writeHead(400, { "content-type": "text/json; charset=utf-8" });
        res.end(`\uFEFF${JSON.stringify({ errorTypeCode: "REQUEST-LIMIT", message })}`);
      },
    });
    // The server has no /tableinfo (404): a BULK request goes out unchecked.
    const { http } = transport(server.url);
    const error = await http.data(allOfFake).catch((e) => e);
    expect(error).toBeInstanceOf(StatbankApiError);
    expect(error).toMatchObject({ errorTypeCode: "REQUEST-LIMIT", apiMessage: message, status: 400 });
    expect(server.dataRequests()).toHaveLength(1);
  });

  it("throws StatbankApiError for a 404 error JSON from tableinfo, and tries again on the next call", async () => {
    const server = await startServer({});
    const { http } = transport(server.url);
    await expect(http.tableInfo("NOPE")).rejects.toMatchObject({ errorTypeCode: "REQUEST-NOTFOUND", status: 404, table: "NOPE" });
    await expect(http.tableInfo("NOPE")).rejects.toBeInstanceOf(StatbankApiError);
    expect(server.requests).toHaveLength(2);
  });

  it("throws StatbankHttpError with the status and the start of an HTML body for a 4xx, without retrying", async () => {
    const page = `<!DOCTYPE html><html><head><title>404 - File or directory not found.</title></head><body>${"x".repeat(500)}</body></html>`;
    const server = await startServer({
      "/data": (_req, res) => {
        res.writeHead(404, { "content-type": "text/html" });
        res.end(page);
      },
    });
    const { http } = transport(server.url);
    const error = await http.data(allOfFake).catch((e) => e);
    expect(error).toBeInstanceOf(StatbankHttpError);
    expect(error).toMatchObject({ status: 404, attempts: 1 });
    expect(error.message).toContain(page.slice(0, 200));
    expect(error.message).not.toContain(page.slice(0, 201));
    expect(server.dataRequests()).toHaveLength(1);
  });

  it("reports a redirect instead of following it (a redirected POST loses its body)", async () => {
    const server = await startServer({
      "/data": (_req, res) => {
        res.writeHead(301, { location: "https://api.statbank.dk/v1/data" });
        res.end();
      },
    });
    const { http } = transport(server.url);
    const error = await http.data(allOfFake).catch((e) => e);
    expect(error).toBeInstanceOf(StatbankHttpError);
    expect(error).toMatchObject({ status: 301 });
    expect(error.message).toContain("https://api.statbank.dk/v1/data");
    expect(server.dataRequests()).toHaveLength(1);
  });
});

describe("HttpTransport retries", () => {
  it("retries 429 twice and then succeeds", async () => {
    const ok = fakeData(FAKE);
    const server = await startServer({
      "/tableinfo": (_req, res) => sendJson(res, 200, FAKE),
      "/data": (req, res, n) => (n < 2 ? sendJson(res, 429, { message: "slow down" }) : ok(req, res, n)),
    });
    const { http, log } = transport(server.url);
    const result = await http.data(allOfFake);
    expect(result.extract.rows).toHaveLength(720);
    expect(server.dataRequests()).toHaveLength(3);
    expect(log).toHaveLength(2);
    expect(log[0]).toMatch(/HTTP 429.*retry 1 of 5/);
  });

  it("retries a 500 HTML page and then succeeds", async () => {
    const ok = fakeData(FAKE);
    const server = await startServer({
      "/tableinfo": (_req, res) => sendJson(res, 200, FAKE),
      "/data": (req, res, n) => {
        if (n > 0) return ok(req, res, n);
        res.writeHead(500, { "content-type": "text/html" });
        res.end("<html><body>Runtime Error</body></html>");
      },
    });
    const { http } = transport(server.url);
    expect((await http.data(allOfFake)).extract.rows).toHaveLength(720);
    expect(server.dataRequests()).toHaveLength(2);
  });

  it("gives up on a steady 503 after retries + 1 attempts with StatbankHttpError", async () => {
    const server = await startServer({
      "/tableinfo": (_req, res) => sendJson(res, 200, FAKE),
      "/data": (_req, res) => {
        res.writeHead(503, { "content-type": "text/html" });
        res.end("<h1>Service Unavailable</h1>");
      },
    });
    const { http, log } = transport(server.url, { retries: 3 });
    const error = await http.data(allOfFake).catch((e) => e);
    expect(error).toBeInstanceOf(StatbankHttpError);
    expect(error).toMatchObject({ status: 503, attempts: 4 });
    expect(error.message).toContain(`${server.url}/data`);
    expect(error.message).toContain("FAKE3");
    expect(error.message).toContain("4 attempts");
    expect(error.message).toContain("HTTP 503");
    expect(error.message).toContain("<h1>Service Unavailable</h1>");
    expect(server.dataRequests()).toHaveLength(4);
    expect(log).toHaveLength(3);
  });

  it("honours Retry-After (seconds)", async () => {
    const ok = fakeData(FAKE);
    const server = await startServer({
      "/tableinfo": (_req, res) => sendJson(res, 200, FAKE),
      "/data": (req, res, n) => (n === 0 ? sendJson(res, 429, {}, { "retry-after": "1" }) : ok(req, res, n)),
    });
    const { http } = transport(server.url);
    const started = Date.now();
    await http.data(allOfFake);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.dataRequests()).toHaveLength(2);
  });

  it("retries a dropped connection", async () => {
    const ok = fakeData(FAKE);
    const server = await startServer({
      "/tableinfo": (_req, res) => sendJson(res, 200, FAKE),
      "/data": (req, res, n) => (n === 0 ? void res.socket?.destroy() : ok(req, res, n)),
    });
    const { http, log } = transport(server.url);
    expect((await http.data(allOfFake)).extract.rows).toHaveLength(720);
    expect(server.dataRequests()).toHaveLength(2);
    expect(log[0]).toMatch(/network error/);
  });

  it("gives up on a refused connection with StatbankHttpError (status null)", async () => {
    const server = await startServer({});
    const url = server.url;
    await Promise.all(openServers.splice(0).map((close) => close()));
    const { http } = transport(url, { retries: 2 });
    const error = await http.tableInfo("FAKE3").catch((e) => e);
    expect(error).toBeInstanceOf(StatbankHttpError);
    expect(error).toMatchObject({ status: null, attempts: 3 });
    expect(error.message).toMatch(/network error/);
  });
});

describe("HttpTransport timeouts", () => {
  it("times out a request that hangs and succeeds on the retry", async () => {
    const ok = fakeData(FAKE);
    const server = await startServer({
      "/tableinfo": (_req, res) => sendJson(res, 200, FAKE),
      "/data": (req, res, n) => (n === 0 ? undefined /* never answer */ : ok(req, res, n)),
    });
    const { http, log } = transport(server.url, { timeoutMs: 200 });
    const started = Date.now();
    const result = await http.data(allOfFake);
    expect(result.extract.rows).toHaveLength(720);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(server.dataRequests()).toHaveLength(2);
    expect(log[0]).toMatch(/no complete answer within 200 ms/);
  });

  it("times out an answer whose body stalls halfway", async () => {
    const ok = fakeData(FAKE);
    const server = await startServer({
      "/tableinfo": (_req, res) => sendJson(res, 200, FAKE),
      "/data": (req, res, n) => {
        if (n > 0) return ok(req, res, n);
        res.writeHead(200, { "content-type": "text/csv; charset=utf-8" });
        res.write("OMRÅDE;KØN;TID;INDHOLD\n000;TOT;2022K1;1\n"); // and nothing more
      },
    });
    const { http, log } = transport(server.url, { timeoutMs: 200 });
    expect((await http.data(allOfFake)).extract.rows).toHaveLength(720);
    expect(server.dataRequests()).toHaveLength(2);
    expect(log[0]).toMatch(/HTTP 200, then no complete answer/);
  });
});

describe("HttpTransport concurrency", () => {
  async function run(maxConcurrent: number | undefined): Promise<TestServer> {
    const ok = fakeData(FAKE);
    const server = await startServer({
      "/tableinfo": (_req, res) => sendJson(res, 200, FAKE),
      "/data": async (req, res, n) => {
        await sleep(100);
        ok(req, res, n);
      },
    });
    const { http } = transport(server.url, maxConcurrent === undefined ? {} : { maxConcurrent });
    const results = await Promise.all(Array.from({ length: 10 }, () => http.data(allOfFake)));
    expect(results.every((r) => r.extract.rows.length === 720)).toBe(true);
    expect(server.dataRequests()).toHaveLength(10);
    // Ten concurrent calls share one tableinfo request.
    expect(server.requests.filter((r) => r.path === "/tableinfo")).toHaveLength(1);
    return server;
  }

  it("keeps at most 4 requests in flight by default", async () => {
    const server = await run(undefined);
    expect(server.maxDataInFlight()).toBe(4);
  });

  it("keeps at most maxConcurrent requests in flight", async () => {
    expect((await run(4)).maxDataInFlight()).toBe(4);
    expect((await run(1)).maxDataInFlight()).toBe(1);
  });

  it("rejects a maxConcurrent below 1", () => {
    expect(() => new HttpTransport({ maxConcurrent: 0 })).toThrow(RangeError);
  });
});

describe("HttpTransport cell-limit splitting (CSV)", () => {
  /** Keys of all 720 FAKE3 combinations. */
  const everyCell = AREAS.flatMap((a) => SEXES.flatMap((s) => QUARTERS.map((q) => `${a}|${s}|${q}`)));

  async function splitRun(cellLimit: number, query: Query = allOfFake) {
    // The server enforces the same limit, so an oversized part would fail with REQUEST-LIMIT.
    const server = await startServer(fakeApi(FAKE, cellLimit));
    const { http, log } = transport(server.url, { format: "CSV", cellLimit });
    const result = await http.data(query);
    return { server, result, log };
  }

  function expectExactCover(result: Awaited<ReturnType<typeof splitRun>>["result"], expected: string[]) {
    const keys = result.extract.rows.map((r) => [r.codes.OMRÅDE, r.codes.KØN, r.codes.TID].join("|"));
    expect(keys).toHaveLength(expected.length);
    expect(new Set(keys).size).toBe(expected.length);
    expect([...keys].sort()).toEqual([...expected].sort());
    for (const r of result.extract.rows) expect(r.value).toBe(fakeValue(FAKE, r.codes));
  }

  it("sends one request when the selection is within the limit", async () => {
    const { server, result } = await splitRun(2880);
    expect(server.dataRequests()).toHaveLength(1);
    expect(server.dataRequests()[0].body.variables).toEqual([
      { code: "OMRÅDE", values: ["*"] },
      { code: "KØN", values: ["*"] },
      { code: "Tid", values: ["*"] },
    ]);
    expectExactCover(result, everyCell);
  });

  it("splits on the variable with most values when one variable is enough", async () => {
    // 720 rows × 4 columns = 2880 cells; at most 250 rows per request.
    const { server, result, log } = await splitRun(1000);
    const bodies = server.dataRequests().map((r) => r.body);
    expect(bodies.length).toBeGreaterThan(1);
    for (const body of bodies) {
      expect(requestedRows(body, FAKE) * 4).toBeLessThanOrEqual(1000);
      // Only OMRÅDE is split; the other variables keep the query's own specs.
      expect(body.variables[1]).toEqual({ code: "KØN", values: ["*"] });
      expect(body.variables[2]).toEqual({ code: "Tid", values: ["*"] });
      expect(body.format).toBe("CSV");
    }
    const areas = bodies.flatMap((b) => b.variables[0].values);
    expect(areas).toEqual(AREAS);
    expectExactCover(result, everyCell);
    expect(result.requestedCells).toBe(720);
    expect(result.extract.dimensions).toEqual(["OMRÅDE", "KØN", "TID"]);
    expect(log.join("\n")).toMatch(/2880 cells exceed the CSV limit of 1000; splitting on OMRÅDE into \d+ requests/);
  });

  it("splits on a second variable when one code of the first is still too much", async () => {
    // At most 25 rows per request; one area is 3 × 12 = 36 rows, so the quarters are split too.
    const { server, result } = await splitRun(100);
    const bodies = server.dataRequests().map((r) => r.body);
    for (const body of bodies) expect(requestedRows(body, FAKE) * 4).toBeLessThanOrEqual(100);
    expect(bodies.every((b) => b.variables[0].values.length === 1)).toBe(true);
    expect(bodies.every((b) => b.variables[2].values.length < QUARTERS.length)).toBe(true);
    expectExactCover(result, everyCell);
  });

  it("respects maxConcurrent across the parts of a split", async () => {
    const api = fakeApi(FAKE, 100);
    const server = await startServer({
      ...api,
      "/data": async (req, res, n) => {
        await sleep(20);
        await api["/data"](req, res, n);
      },
    });
    const { http } = transport(server.url, { format: "CSV", cellLimit: 100, maxConcurrent: 3 });
    await http.data(allOfFake);
    expect(server.dataRequests().length).toBeGreaterThan(3);
    expect(server.maxDataInFlight()).toBeLessThanOrEqual(3);
  });

  it("counts cells without eliminated variables (CSV allows elimination)", async () => {
    const query: Query = { table: "FAKE3", variables: { OMRÅDE: ["*"], Tid: ["*"] } };
    // 240 rows × 3 columns = 720 cells: one request under a limit of 720 …
    const one = await splitRun(720, query);
    expect(one.server.dataRequests()).toHaveLength(1);
    expect(one.result.requestedCells).toBe(240);
    // … and a split under 719.
    const split = await splitRun(719, query);
    expect(split.server.dataRequests().length).toBeGreaterThan(1);
    for (const body of split.server.dataRequests().map((r) => r.body)) {
      expect(body.variables.map((v: { code: string }) => v.code)).toEqual(["OMRÅDE", "Tid"]);
      expect(requestedRows(body, FAKE) * 3).toBeLessThanOrEqual(719);
    }
    const keys = split.result.extract.rows.map((r) => `${r.codes.OMRÅDE}|${r.codes.TID}`);
    expect(new Set(keys).size).toBe(240);
    expect(keys).toHaveLength(240);
  });

  it("writes split quarters in the request language (Q for lang en)", async () => {
    const query: Query = { table: "FAKE3", lang: "en", variables: { OMRÅDE: ["101"], KØN: ["*"], Tid: ["*"] } };
    // 36 rows × 4 = 144 cells; at most 10 rows per request: Tid is split.
    const { server, result } = await splitRun(40, query);
    const times = server.dataRequests().flatMap((r) => r.body.variables[2].values as string[]);
    expect(times).toEqual(QUARTERS.map((q) => q.replace("K", "Q")));
    expect(result.extract.rows).toHaveLength(36);
    expect(new Set(result.extract.rows.map((r) => r.codes.TID))).toEqual(new Set(QUARTERS.map((q) => q.replace("K", "Q"))));
  });

  it("resolves value specs locally (ranges, nth rules) to count cells", async () => {
    const query: Query = { table: "FAKE3", variables: { OMRÅDE: ["1*"], KØN: ["TOT"], Tid: [">=2023K1", "(1)"] } };
    // The fake server does not understand "1*" or ranges; a request sent whole would fail, so
    // a limit that forces splitting on OMRÅDE (18 codes "1…") and Tid (8 quarters) shows the resolution.
    const { server, result } = await splitRun(3 * 4, query);
    expect(result.requestedCells).toBe(18 * 8);
    expectExactCover(
      result,
      AREAS.filter((a) => a.startsWith("1")).flatMap((a) => QUARTERS.slice(4).map((q) => `${a}|TOT|${q}`)),
    );
    for (const body of server.dataRequests().map((r) => r.body)) expect(requestedRows(body, FAKE) * 4).toBeLessThanOrEqual(12);
  });
});

// ---------------------------------------------------------------------------------------------
// Limits: request time, table deadline, answer size, and no retry where none can help.
// Deadlines here are a few hundred ms; elapsed times are checked against upper bounds with a
// margin for a busy machine, never for exact values.

describe("HttpTransport limits", () => {
  /** Slack for a loaded machine on top of a deadline. */
  const MARGIN_MS = 1500;
  const BULK_BODY = Buffer.from("OMRÅDE;TID;INDHOLD\n000;2024;42955,60\n101;2024;..\n147;2024;-3,5\n", "utf8");
  const are207: Query = { table: "ARE207", variables: { OMRÅDE: ["*"], Tid: ["(1)"] } };

  /** How long `promise` takes to settle, and its error (null when it fulfilled). */
  async function timed(promise: Promise<unknown>): Promise<{ error: any; ms: number }> {
    const started = performance.now();
    const error = await promise.then(
      () => null,
      (e) => e,
    );
    return { error, ms: performance.now() - started };
  }

  /**
   * Stream 64 KB chunks of BULK-like lines until the client goes away, or at most `maxBytes` / 10 s
   * (so the server stops by itself). Resolves to how many bytes it wrote and why it stopped.
   */
  async function streamEndlessly(res: ServerResponse, headers: Record<string, string>, maxBytes = 64_000_000) {
    res.writeHead(200, { "content-type": "text/csv; charset=utf-8", ...headers });
    const chunk = Buffer.from("000;2024;1\n".repeat(Math.ceil(65_536 / 11)));
    res.write("OMRÅDE;TID;INDHOLD\n");
    const started = Date.now();
    let sent = 0;
    while (!res.destroyed && sent < maxBytes && Date.now() - started < 10_000) {
      sent += chunk.length;
      if (!res.write(chunk)) {
        await new Promise<void>((resolve) => {
          res.once("drain", resolve);
          res.once("close", resolve);
        });
      }
    }
    const stopped = res.destroyed ? "client closed" : "cap reached";
    res.end();
    return { sent, stopped };
  }

  describe("configuration", () => {
    it("defaults to 30 s per request, 60 s per table and 200 MB per answer", () => {
      expect(new HttpTransport({ env: {} }).limits).toEqual({ timeoutMs: 30_000, tableDeadlineMs: 60_000, maxAnswerBytes: 200_000_000 });
    });

    it("reads STATBANK_REQUEST_TIMEOUT_MS, STATBANK_TABLE_DEADLINE_MS and STATBANK_MAX_ANSWER_MB; options win", () => {
      const env = { STATBANK_REQUEST_TIMEOUT_MS: "5000", STATBANK_TABLE_DEADLINE_MS: " 20000 ", STATBANK_MAX_ANSWER_MB: "50" };
      expect(new HttpTransport({ env }).limits).toEqual({ timeoutMs: 5000, tableDeadlineMs: 20_000, maxAnswerBytes: 50_000_000 });
      expect(new HttpTransport({ env, timeoutMs: 7, tableDeadlineMs: 8, maxAnswerBytes: 9 }).limits).toEqual({
        timeoutMs: 7,
        tableDeadlineMs: 8,
        maxAnswerBytes: 9,
      });
      expect(new HttpTransport({ env: { STATBANK_TABLE_DEADLINE_MS: "" } }).limits.tableDeadlineMs).toBe(60_000);
    });

    /**
     * Run `data()` with the default limits and backoff on the fake clock, against `fetch`, and
     * return the error with the (fake) time it took.
     */
    async function onFakeClock(fakeFetch: typeof fetch): Promise<{ error: any; ms: number }> {
      vi.useFakeTimers();
      try {
        const http = new HttpTransport({ env: {}, fetch: fakeFetch, log: () => {} });
        const started = performance.now();
        let settled = Number.NaN;
        const pending = http
          .data(allOfFake)
          .then(
            () => null,
            (e) => e,
          )
          .finally(() => {
            settled = performance.now();
          });
        await vi.advanceTimersByTimeAsync(10 * 60_000);
        const error = await pending;
        return { error, ms: settled - started };
      } finally {
        vi.useRealTimers();
      }
    }

    it("with the defaults, an API that never answers fails the table in about a minute (fake clock)", async () => {
      let calls = 0;
      const never: typeof fetch = (_url, init) => {
        calls++;
        return new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));
      };
      const { error, ms } = await onFakeClock(never);
      expect(error).toBeInstanceOf(StatbankHttpError);
      expect(error.details).toMatchObject({ reason: "deadline", table: "FAKE3" });
      expect(error.message).toMatch(/table deadline of 60\.0 s/);
      expect(ms).toBeGreaterThanOrEqual(59_000);
      expect(ms).toBeLessThanOrEqual(61_000);
      // 30 s, a backoff of 1–2 s, then the rest of the minute.
      expect(calls).toBe(2);
    });

    it("with the defaults, an API that answers 500 every time fails the table within a minute (fake clock)", async () => {
      let calls = 0;
      const failing: typeof fetch = async () => {
        calls++;
        return new Response("<h1>Runtime Error</h1>", { status: 500, headers: { "content-type": "text/html" } });
      };
      const { error, ms } = await onFakeClock(failing);
      expect(error).toBeInstanceOf(StatbankHttpError);
      expect(error).toMatchObject({ status: 500 });
      expect(ms).toBeLessThanOrEqual(60_000);
      // tableinfo runs out of its 6 tries (~31–36 s); the data request gets the rest of the minute.
      expect(calls).toBeGreaterThan(6);
      expect(calls).toBeLessThanOrEqual(12);
    });

    it("rejects a malformed limit, naming the variable", () => {
      expect(() => new HttpTransport({ env: { STATBANK_TABLE_DEADLINE_MS: "1 minute" } })).toThrow(/STATBANK_TABLE_DEADLINE_MS.*"1 minute"/);
      expect(() => new HttpTransport({ env: { STATBANK_REQUEST_TIMEOUT_MS: "-5" } })).toThrow(RangeError);
      expect(() => new HttpTransport({ env: { STATBANK_MAX_ANSWER_MB: "0" } })).toThrow(/STATBANK_MAX_ANSWER_MB/);
      expect(() => new HttpTransport({ env: {}, tableDeadlineMs: 0 })).toThrow(RangeError);
    });
  });

  describe("table deadline", () => {
    it("gives up on a server that accepts the request and never answers, at the deadline", async () => {
      const server = await startServer({
        "/tableinfo": (_req, res) => sendJson(res, 200, FAKE),
        "/data": () => undefined, // never answers
      });
      const { http } = transport(server.url, { timeoutMs: 150, tableDeadlineMs: 300 });
      const { error, ms } = await timed(http.data(allOfFake));

      expect(error).toBeInstanceOf(StatbankHttpError);
      expect(error.details).toMatchObject({ reason: "deadline", table: "FAKE3", url: `${server.url}/data` });
      // Table, URL, what happened and how long it waited.
      expect(error.message).toContain(`POST ${server.url}/data (FAKE3)`);
      // Either the second try runs into the deadline, or (on a busy machine) the retry would pass it.
      expect(error.message).toMatch(/(no answer within|would pass) the table deadline of 300 ms \(STATBANK_TABLE_DEADLINE_MS\)/);
      expect(error.message).toMatch(/gave up after \d+ ms and [12] attempts?/);
      expect(error.message).toMatch(/last: no complete answer within/);
      // Attempts of 150 ms fill the 300 ms; no third one is started.
      expect(server.dataRequests().length).toBeGreaterThanOrEqual(1);
      expect(server.dataRequests().length).toBeLessThanOrEqual(2);
      expect(ms).toBeGreaterThanOrEqual(280);
      expect(ms).toBeLessThan(300 + MARGIN_MS);
      expect(error.details.elapsedMs).toBeLessThan(300 + MARGIN_MS);
    });

    it("counts tableinfo and data against one deadline: a dead API fails the table once", async () => {
      const server = await startServer({ "/tableinfo": () => undefined, "/data": () => undefined });
      const { http } = transport(server.url, { timeoutMs: 10_000, tableDeadlineMs: 300 });
      const { error, ms } = await timed(http.data(allOfFake));
      expect(error).toBeInstanceOf(StatbankHttpError);
      expect(error.message).toContain(`POST ${server.url}/tableinfo (FAKE3)`);
      expect(error.message).toMatch(/table deadline of 300 ms/);
      expect(error.message).toMatch(/no complete answer within \d+ ms, the rest of the table deadline/);
      // The deadline was spent on tableinfo, so the data request was never sent.
      expect(server.dataRequests()).toHaveLength(0);
      expect(ms).toBeLessThan(300 + MARGIN_MS);
    });

    it("gives up on a server that answers 500 every time: bounded tries, error within the deadline", async () => {
      const server = await startServer({
        "/tableinfo": (_req, res) => sendJson(res, 200, FAKE),
        "/data": (_req, res) => {
          res.writeHead(500, { "content-type": "text/html" });
          res.end("<h1>Server Error</h1>");
        },
      });
      // Retries alone would allow 1001 tries; the deadline stops them (backoff 20, 40, 80, 160 ms …).
      const { http, log } = transport(server.url, { retries: 1000, backoffMs: 20, tableDeadlineMs: 400 });
      const { error, ms } = await timed(http.data(allOfFake));
      expect(error).toBeInstanceOf(StatbankHttpError);
      expect(error).toMatchObject({ status: 500 });
      expect(error.details).toMatchObject({ reason: "deadline", table: "FAKE3" });
      expect(error.message).toContain(`${server.url}/data (FAKE3)`);
      expect(error.message).toMatch(/table deadline of 400 ms/);
      expect(error.message).toContain("HTTP 500");
      expect(error.message).toContain("<h1>Server Error</h1>");
      const tries = server.dataRequests().length;
      expect(tries).toBeGreaterThanOrEqual(2);
      expect(tries).toBeLessThanOrEqual(8);
      expect(error.attempts).toBe(tries);
      expect(log).toHaveLength(tries - 1);
      expect(ms).toBeLessThan(400 + MARGIN_MS);
    });

    it("gives up on a steady 500 after retries + 1 tries when that comes first", async () => {
      const server = await startServer({
        "/data": (_req, res) => {
          res.writeHead(500);
          res.end();
        },
      });
      const { http } = transport(server.url, { retries: 3, tableDeadlineMs: 5000 });
      const { error, ms } = await timed(http.data(allOfFake));
      expect(error).toMatchObject({ status: 500, attempts: 4 });
      expect(error.details).toMatchObject({ reason: "retries" });
      expect(error.message).toMatch(/failed after 4 attempts in \d+ ms/);
      expect(server.dataRequests()).toHaveLength(4);
      expect(ms).toBeLessThan(MARGIN_MS);
    });

    it("keeps the parts of a split inside the table's deadline, including their wait for a slot", async () => {
      const server = await startServer({ "/tableinfo": (_req, res) => sendJson(res, 200, FAKE), "/data": () => undefined });
      // cellLimit 100 splits the request into many parts; with 2 slots most of them queue.
      const { http } = transport(server.url, { format: "CSV", cellLimit: 100, maxConcurrent: 2, timeoutMs: 10_000, tableDeadlineMs: 300 });
      const { error, ms } = await timed(http.data(allOfFake));
      expect(error).toBeInstanceOf(StatbankHttpError);
      expect(error.details).toMatchObject({ reason: "deadline", table: "FAKE3" });
      expect(ms).toBeLessThan(300 + MARGIN_MS);
    });

    it("starts a new deadline for each call", async () => {
      let hang = true;
      const server = await startServer({
        "/tableinfo": (_req, res) => sendJson(res, 200, FAKE),
        "/data": (req, res, n) => (hang ? undefined : fakeData(FAKE)(req, res, n)),
      });
      const { http } = transport(server.url, { timeoutMs: 100, tableDeadlineMs: 200 });
      expect((await timed(http.data(allOfFake))).error).toBeInstanceOf(StatbankHttpError);
      hang = false;
      expect((await http.data(allOfFake)).extract.rows).toHaveLength(720);
    });
  });

  describe("maximum answer size", () => {
    it("refuses an answer whose Content-Length claims 1 GB, after one request, without downloading it", async () => {
      let served: Promise<{ sent: number; stopped: string }> | undefined;
      const server = await startServer({
        "/data": (_req, res) => {
          served = streamEndlessly(res, { "content-length": "1000000000" });
        },
      });
      // The default limit (200 MB).
      const { http } = transport(server.url);
      const { error, ms } = await timed(http.data(allOfFake));
      expect(error).toBeInstanceOf(StatbankHttpError);
      expect(error.details).toMatchObject({ reason: "too-large" });
      expect(error.message).toContain(`${server.url}/data (FAKE3)`);
      expect(error.message).toContain("answer larger than 200 MB (STATBANK_MAX_ANSWER_MB)");
      expect(error.message).toContain("Content-Length says 1000 MB");
      expect(error.message).not.toMatch(/network error/);
      expect(server.dataRequests()).toHaveLength(1);
      expect(ms).toBeLessThan(MARGIN_MS);
      expect((await served)?.stopped).toBe("client closed");
    });

    it("stops an endless answer without Content-Length once it passes the limit, after one request", async () => {
      let served: Promise<{ sent: number; stopped: string }> | undefined;
      const server = await startServer({
        "/data": (_req, res) => {
          served = streamEndlessly(res, {});
        },
      });
      const { http, log } = transport(server.url, { maxAnswerBytes: 1_000_000 });
      const { error, ms } = await timed(http.data(allOfFake));
      expect(error).toBeInstanceOf(StatbankHttpError);
      expect(error).toMatchObject({ status: 200, attempts: 1 });
      expect(error.details).toMatchObject({ reason: "too-large", table: "FAKE3" });
      expect(error.message).toMatch(/answer larger than 1 MB \(STATBANK_MAX_ANSWER_MB\); download stopped after 1\.\d+ MB in \d+ ms; not retried/);
      expect(error.message).not.toMatch(/network error/);
      expect(server.dataRequests()).toHaveLength(1);
      expect(log.filter((l) => /retry/.test(l))).toEqual([]);
      expect(ms).toBeLessThan(MARGIN_MS);
      // The download was broken off: the server saw the client go long before its own cap.
      const result = await served;
      expect(result?.stopped).toBe("client closed");
      expect(result?.sent).toBeLessThan(32_000_000);
    });

    it.each([
      ["with Content-Length", true],
      ["chunked, without Content-Length", false],
    ])("accepts an answer of exactly the limit and refuses one byte more (%s)", async (_name, withLength) => {
      const server = await startServer({
        "/data": (_req, res) => {
          res.writeHead(200, { "content-type": "text/csv; charset=utf-8", ...(withLength ? { "content-length": String(BULK_BODY.length) } : {}) });
          // Two writes, so a chunked answer arrives in more than one piece.
          res.write(BULK_BODY.subarray(0, 20));
          res.end(BULK_BODY.subarray(20));
        },
      });
      const exact = transport(server.url, { maxAnswerBytes: BULK_BODY.length }).http;
      expect((await exact.data(are207)).extract.rows).toHaveLength(3);
      const under = transport(server.url, { maxAnswerBytes: BULK_BODY.length - 1 }).http;
      const error = await under.data(are207).catch((e) => e);
      expect(error).toBeInstanceOf(StatbankHttpError);
      expect(error.details.reason).toBe("too-large");
      expect(error.message).toContain("answer larger than");
      expect(server.dataRequests()).toHaveLength(2);
    });

    it("reads only the start of an endless error page, and still retries the 500", async () => {
      const served: Array<Promise<{ sent: number; stopped: string }>> = [];
      const server = await startServer({
        "/data": (_req, res) => {
          res.statusCode = 500;
          const original = res.writeHead.bind(res);
          // streamEndlessly writes 200; turn it into a 500 with the same endless body.
          res.writeHead = ((_status: number, headers: Record<string, string>) => original(500, headers)) as typeof res.writeHead;
          served.push(streamEndlessly(res, {}));
        },
      });
      const { http } = transport(server.url, { retries: 2 });
      const { error, ms } = await timed(http.data(allOfFake));
      expect(error).toMatchObject({ status: 500, attempts: 3 });
      expect(error.details.reason).toBe("retries");
      expect(error.message).toContain("HTTP 500");
      expect(server.dataRequests()).toHaveLength(3);
      expect(ms).toBeLessThan(MARGIN_MS);
      for (const s of await Promise.all(served)) expect(s.stopped).toBe("client closed");
    });
  });

  describe("retry only what can succeed", () => {
    it("sends a 400 with the API's error JSON once and keeps the API's message", async () => {
      const message = "Tabel findes ikke: FAKE3";
      const server = await startServer({
        "/data": (_req, res) => sendJson(res, 400, { errorTypeCode: "EXTRACT-NOTFOUND", message }),
      });
      // Real backoff (1 s): a retry would show in the elapsed time.
      const { http, log } = transport(server.url, { backoffMs: 1000 });
      const { error, ms } = await timed(http.data(allOfFake));
      expect(error).toBeInstanceOf(StatbankApiError);
      expect(error).toMatchObject({ errorTypeCode: "EXTRACT-NOTFOUND", apiMessage: message, status: 400, table: "FAKE3" });
      expect(error.message).toContain(message);
      expect(server.dataRequests()).toHaveLength(1);
      expect(log.filter((l) => /retry/.test(l))).toEqual([]);
      expect(ms).toBeLessThan(1000);
    });

    it.each([400, 401, 403, 404, 405, 410, 413, 422, 501])("sends a request answered %i (no error JSON) once", async (status) => {
      const server = await startServer({
        "/data": (_req, res) => {
          res.writeHead(status, { "content-type": "text/html" });
          res.end(`<h1>${status}</h1>`);
        },
      });
      const { http } = transport(server.url, { backoffMs: 1000 });
      const { error, ms } = await timed(http.data(allOfFake));
      expect(error).toBeInstanceOf(StatbankHttpError);
      expect(error).toMatchObject({ status, attempts: 1 });
      expect(error.details).toMatchObject({ reason: "status", table: "FAKE3" });
      expect(error.message).toContain(`HTTP ${status}`);
      expect(server.dataRequests()).toHaveLength(1);
      expect(ms).toBeLessThan(1000);
    });

    it.each([408, 429, 500, 502, 503, 504])("retries a request answered %i", async (status) => {
      const ok = fakeData(FAKE);
      const server = await startServer({
        "/tableinfo": (_req, res) => sendJson(res, 200, FAKE),
        "/data": (req, res, n) => {
          if (n > 0) return ok(req, res, n);
          res.writeHead(status);
          res.end();
        },
      });
      const { http } = transport(server.url);
      expect((await http.data(allOfFake)).extract.rows).toHaveLength(720);
      expect(server.dataRequests()).toHaveLength(2);
    });

    it("succeeds on 429 then 200 within a small deadline", async () => {
      const ok = fakeData(FAKE);
      const server = await startServer({
        "/tableinfo": (_req, res) => sendJson(res, 200, FAKE),
        "/data": (req, res, n) => (n === 0 ? sendJson(res, 429, { message: "slow down" }, { "retry-after": "0" }) : ok(req, res, n)),
      });
      const { http, log } = transport(server.url, { timeoutMs: 150, tableDeadlineMs: 300 });
      const { error, ms } = await timed(http.data(allOfFake));
      expect(error).toBeNull();
      expect(server.dataRequests()).toHaveLength(2);
      expect(log[0]).toMatch(/HTTP 429.*retry 1 of 5/);
      expect(ms).toBeLessThan(300 + MARGIN_MS);
    });

    it("honours Retry-After only as far as the deadline: a wait past it fails at once", async () => {
      const server = await startServer({
        "/tableinfo": (_req, res) => sendJson(res, 200, FAKE),
        "/data": (_req, res) => sendJson(res, 429, { message: "slow down" }, { "retry-after": "3600" }),
      });
      const { http } = transport(server.url, { tableDeadlineMs: 2000 });
      const { error, ms } = await timed(http.data(allOfFake));
      expect(error).toBeInstanceOf(StatbankHttpError);
      expect(error).toMatchObject({ status: 429, attempts: 1 });
      expect(error.details).toMatchObject({ reason: "retry-after", table: "FAKE3" });
      expect(error.message).toMatch(/the API asked to wait 3600\.0 s \(Retry-After\), more than the \d+(\.\d)? m?s left of the table deadline of 2\.0 s/);
      expect(server.dataRequests()).toHaveLength(1);
      // It does not sit out the deadline either.
      expect(ms).toBeLessThan(1000);
    });
  });
});
