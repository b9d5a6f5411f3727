/**
 * A stand-in for the StatBank API (https://api.statbank.dk/v1) for tests: a local HTTP server on
 * 127.0.0.1 (a free port) that serves a mirror folder (one `<TABLE>.csv` per table, optional
 * `tableinfo/<TABLE>.json`, as the loaders' MirrorTransport reads it) with the API's rules and the
 * API's own error JSON, so that the loaders can be run through their HTTP transport end to end.
 *
 * What it answers, and where each rule comes from (research notes ../shared/research/statbank-api-
 * notes.md §1, and the recorded exchanges in snapshot/statbank-api):
 *
 *   POST /v1/tableinfo {"table","format":"JSON","lang"}  (also GET /v1/tableinfo?id=…, /v1/tableinfo/<id>)
 *       The table as the mirror holds it: each variable with the codes of the file, ids, texts,
 *       unit, contacts … from the stored real tableinfo (`tableinfo/<TABLE>.json`, or
 *       `<TABLE>_en.json` for lang=en texts). The time variable is "Tid", as in a real tableinfo.
 *   POST /v1/tables (GET too)   every table of the mirror, in the listing's shape.
 *   POST /v1/data  {"table","format","lang","valuePresentation","variables":[{"code","values"}]}
 *       (also GET /v1/data/<TABLE>/<FORMAT>?<VAR>=a,b&valuePresentation=Code)
 *     - BULK: every variable must be given ("Dataformater, der streames, tillader slet ikke
 *       elimination af variable"), else EXTRACT-NOTALLOWED "Der skal vælges værdier for variabel: X".
 *       No BOM; rows as the mirror holds them (a mirror that omits zero rows omits them here too).
 *     - CSV: a variable left out is eliminated (its total code, else the sum: MirrorTransport's
 *       rule); a time variable left out means the newest period, "(1)" (recorded: a request with no
 *       variables gives the latest period only). UTF-8 BOM, CRLF (recorded). Over 1,000,000 cells
 *       (rows × (selected variables + INDHOLD)) is REQUEST-LIMIT, with the API's message.
 *     - Value specs (`*`, `2023*`, `*K1`, `>=2010K1<=2015K4`, `(1)`, `(-n+3)`, `-(-n+3)`) are resolved
 *       with the loaders' own query.ts, against the codes the table has. A spec that selects
 *       nothing is an error, not a gap, as the live API answers an unknown code:
 *       EXTRACT-NOTFOUND "Kan ikke finde værdien: X (VAR)". (⚠ That a pattern or range that matches
 *       nothing is answered the same way is our inference; only unknown codes are documented.)
 *     - valuePresentation "Code" writes codes; any other (Default, Value) writes the texts of the
 *       tableinfo in the request's language (recorded: "Total" for HERKOMST1 00 with lang=en).
 *     - Numbers: no thousands separator; a decimal comma for lang=da, a point for lang=en (⚠ the
 *       MANIFEST calls the comma likely for da, not verified); a missing value is "..".
 *     - Formats other than BULK and CSV are answered 501 (STANDIN-NOTIMPLEMENTED): a limit of this
 *       stand-in, not of the API.
 *   Errors, with status 400 unless said otherwise, as {"errorTypeCode","message"} (text/json):
 *     EXTRACT-NOTFOUND "Tabel findes ikke: X" · "Kan ikke finde variablen: X" · "Kan ikke finde
 *     værdien: X (VAR)"; EXTRACT-NOTALLOWED (above); REQUEST-MISSING "Der er ikke angivet nogen
 *     tabel-id." / "Format ikke angivet, eller ikke gyldigt."; REQUEST-EMPTY for a body that is not
 *     JSON; REQUEST-NOTFOUND (404) "Siden kan ikke findes. / Page not found."; REQUEST-LIMIT.
 *
 * Only ids of the form of a StatBank table (letters and digits) are tables: a mirror's third-party
 * files such as `FOLK1A_agegroups.csv` are not in the API and are "Tabel findes ikke" here too.
 *
 * For tests: `removeTables` makes tables "Tabel findes ikke" (a retired table), `renameVariables`
 * renames a variable in tableinfo and data (a request with the old id then gets "Kan ikke finde
 * variablen"). `requests` records what was asked. The server is bounded: request bodies over
 * `maxBodyBytes` are refused (413), a request must arrive within 30 s, and `close()` ends every
 * open connection and stops it.
 */
import { readdir, readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { MirrorGapError, StatbankQueryError } from "../../loaders/statbank/errors.ts";
import { MirrorTransport } from "../../loaders/statbank/mirror.ts";
import { findVariable, resolveSelection } from "../../loaders/statbank/query.ts";
import type { TableInfo } from "../../loaders/statbank/transport.ts";

export interface StandinOptions {
  /** The mirror folder to serve. */
  mirror: string;
  /** Tables the stand-in does not have (answered "Tabel findes ikke"). */
  removeTables?: string[];
  /** Per table, variable id -> the id the stand-in gives it instead, e.g. { INDKP101: { KOEN: "KØN" } }. */
  renameVariables?: Record<string, Record<string, string>>;
  /** Largest request body accepted, in bytes. Default 1 MB. */
  maxBodyBytes?: number;
  /** Most cells a CSV answer may have. Default 1,000,000, the API's limit. */
  cellLimit?: number;
}

export interface StandinRequest {
  method: string;
  /** The path, e.g. "/v1/data". */
  path: string;
  table?: string;
  status: number;
}

export interface Standin {
  /** Base URL, e.g. "http://127.0.0.1:43121/v1" (what STATBANK_API takes). */
  url: string;
  requests: StandinRequest[];
  close(): Promise<void>;
}

/** An answer of the API's error kind. */
class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorTypeCode: string,
    message: string,
  ) {
    super(message);
  }
}

const notFound = (message: string) => new ApiError(400, "EXTRACT-NOTFOUND", message);
const FORMAT_MISSING = () => new ApiError(400, "REQUEST-MISSING", "Format ikke angivet, eller ikke gyldigt.");
/** The API's data formats (research notes §1.3); only BULK and CSV are answered here. */
const DATA_FORMATS = ["PX", "CSV", "JSONSTAT", "DSTML", "PNG", "BULK", "SDMXCOMPACT", "SDMXGENERIC", "XLSX", "HTML", "HTML5", "HTML5INCLNOTES"];
/** A StatBank table id: letters and digits (FOLK1A, FRKM126). */
const TABLE_ID = /^[A-ZÆØÅ0-9]+$/i;

/** One variable as the stand-in presents it. */
interface Variable {
  /** The id in tableinfo and the data header (after renaming): "OMRÅDE", "Tid". */
  id: string;
  /** The column of the mirror file: "OMRÅDE", "TID". */
  column: string;
  time: boolean;
  /** Codes in table order. */
  codes: string[];
  /** Code -> text, per language. */
  texts: { da: Map<string, string>; en: Map<string, string> };
}

interface Table {
  info: { da: TableInfo; en: TableInfo };
  variables: Variable[];
}

type Lang = "da" | "en";

export async function startStandin(options: StandinOptions): Promise<Standin> {
  const mirror = new MirrorTransport(options.mirror);
  const removed = new Set((options.removeTables ?? []).map((t) => t.toUpperCase()));
  const renames = new Map(Object.entries(options.renameVariables ?? {}).map(([t, r]) => [t.toUpperCase(), r]));
  const maxBody = options.maxBodyBytes ?? 1_000_000;
  const cellLimit = options.cellLimit ?? 1_000_000;
  const tables = new Map<string, Promise<Table>>();
  const requests: StandinRequest[] = [];

  /** The table as the API would describe it; "Tabel findes ikke" when the stand-in does not have it. */
  function table(id: string): Promise<Table> {
    const key = id.toUpperCase();
    let pending = tables.get(key);
    if (!pending) {
      pending = loadTable(key, id);
      tables.set(key, pending);
    }
    return pending;
  }

  async function loadTable(key: string, asked: string): Promise<Table> {
    if (!TABLE_ID.test(key) || removed.has(key) || !(await mirror.has(key))) throw notFound(`Tabel findes ikke: ${asked}`);
    const held = await mirror.tableInfo(key); // the file's variables and codes, texts from the stored tableinfo
    const stored = { da: await mirror.storedTableInfo(key), en: await storedEnglish(options.mirror, key) };
    const rename = renames.get(key) ?? {};
    const variables: Variable[] = held.variables.map((v) => {
      const storedId = stored.da?.variables.find((s) => s.id.toUpperCase() === v.id.toUpperCase())?.id;
      const original = storedId ?? (v.time ? "Tid" : v.id);
      const renamed = Object.entries(rename).find(([from]) => from.toUpperCase() === original.toUpperCase())?.[1];
      const enVar = stored.en?.variables.find((s) => s.id.toUpperCase() === v.id.toUpperCase());
      const en = new Map(enVar?.values.map((x) => [x.id, x.text]) ?? []);
      return {
        id: renamed ?? original,
        column: v.id,
        time: v.time,
        codes: v.values.map((x) => x.id),
        texts: { da: new Map(v.values.map((x) => [x.id, x.text])), en: new Map(v.values.map((x) => [x.id, en.get(x.id) ?? x.text])) },
      };
    });
    const describe = (lang: Lang): TableInfo => {
      const s = stored[lang] ?? stored.da;
      const heldVar = (v: Variable) => held.variables.find((h) => h.id === v.column)!;
      const enVar = (v: Variable) => stored.en?.variables.find((x) => x.id.toUpperCase() === v.column.toUpperCase());
      return {
        id: key,
        text: s?.text ?? held.text,
        description: s?.description ?? held.text,
        unit: s?.unit ?? held.unit,
        suppressedDataValue: s?.suppressedDataValue ?? "0",
        updated: s?.updated ?? held.updated,
        active: true,
        ...pick(s, ["contacts", "documentation", "footnote"]),
        variables: variables.map((v) => ({
          id: v.id,
          text: (lang === "en" ? enVar(v)?.text : undefined) ?? heldVar(v).text,
          elimination: heldVar(v).elimination,
          time: v.time,
          ...(heldVar(v).map ? { map: heldVar(v).map } : {}),
          values: v.codes.map((id) => ({ id, text: v.texts[lang].get(id) ?? id })),
        })),
      };
    };
    return { info: { da: describe("da"), en: describe("en") }, variables };
  }

  /** POST/GET /v1/data: the rows of a selection, as BULK or CSV text. */
  async function data(params: DataParams): Promise<{ body: string; table: string }> {
    if (!params.table) throw new ApiError(400, "REQUEST-MISSING", "Der er ikke angivet nogen tabel-id.");
    const format = (params.format ?? "").toUpperCase();
    if (!DATA_FORMATS.includes(format)) throw FORMAT_MISSING();
    if (format !== "BULK" && format !== "CSV")
      throw new ApiError(501, "STANDIN-NOTIMPLEMENTED", `The API stand-in answers BULK and CSV only, not ${params.format}`);
    const t = await table(params.table);
    const lang: Lang = params.lang === "en" ? "en" : "da";
    // Which variables the request names, and their value specs.
    const asked = new Map<Variable, string[]>();
    for (const [code, values] of params.variables) {
      const v = t.variables.find((x) => x.id.toUpperCase() === code.toUpperCase());
      if (!v) throw notFound(`Kan ikke finde variablen: ${code}`);
      if (values.length > 0) asked.set(v, values);
    }
    if (format === "BULK") {
      const left = t.variables.find((v) => !asked.has(v));
      if (left) throw new ApiError(400, "EXTRACT-NOTALLOWED", `Der skal vælges værdier for variabel: ${left.id}`);
    }
    const time = t.variables.find((v) => v.time);
    if (time && !asked.has(time)) asked.set(time, ["(1)"]);
    // Resolve every spec against the table's codes: one that selects nothing is the API's error.
    const selection: Record<string, string[]> = {};
    let rows = 1;
    for (const v of t.variables) {
      const specs = asked.get(v);
      if (!specs) continue;
      let resolved;
      try {
        resolved = resolveSelection(v.column, v.codes, specs, t.info.da.id);
      } catch (e) {
        if (!(e instanceof StatbankQueryError)) throw e;
        resolved = { codes: [], unmatched: specs };
      }
      if (resolved.unmatched.length > 0) throw notFound(`Kan ikke finde værdien: ${resolved.unmatched[0]} (${v.id})`);
      selection[v.column] = resolved.codes;
      rows *= resolved.codes.length;
    }
    const cells = rows * (Object.keys(selection).length + 1);
    if (format === "CSV" && cells > cellLimit) {
      throw new ApiError(
        400,
        "REQUEST-LIMIT",
        `Forespørgslen på op mod ${danishThousands(cells)} celler er over begrænsningen på ${danishThousands(cellLimit)} celler for denne filtype. Anvend BULK eller andet streaming format i stedet.`,
      );
    }
    // The rows themselves: the mirror's selection and elimination rules (query.ts, mirror.ts).
    let extract;
    try {
      extract = (await mirror.data({ table: t.info.da.id, format, variables: selection })).extract;
    } catch (e) {
      if (!(e instanceof MirrorGapError && e.gaps.some((g) => g.reason === "table-empty"))) throw e;
      extract = { dimensions: Object.keys(selection), rows: [] };
    }
    const columns = extract.dimensions.map((d) => t.variables.find((v) => v.column === d)!);
    const text = params.valuePresentation?.toUpperCase() === "CODE" ? null : lang;
    const lines = [[...columns.map((v) => v.id.toUpperCase()), "INDHOLD"].join(";")];
    for (const r of extract.rows) {
      const codes = columns.map((v) => (text ? (v.texts[text].get(r.codes[v.column]) ?? r.codes[v.column]) : r.codes[v.column]));
      lines.push([...codes, formatValue(r.value, lang)].join(";"));
    }
    const body = lines.map((l) => `${l}\r\n`).join("");
    return { body: format === "CSV" ? `\uFEFF${body}` : body, table: t.info.da.id };
  }

  /** POST/GET /v1/tables: the tables of the mirror in the listing's shape. */
  async function listing(lang: Lang): Promise<unknown[]> {
    const files = (await readdir(options.mirror))
      .filter((f) => f.toLowerCase().endsWith(".csv"))
      .map((f) => f.slice(0, -4))
      .sort();
    const out: unknown[] = [];
    for (const id of files) {
      const t = await table(id).catch((e) => {
        if (e instanceof ApiError) return null;
        throw e;
      });
      if (!t) continue;
      const info = t.info[lang];
      const time = info.variables.find((v) => v.time);
      out.push({
        id: info.id,
        text: info.text,
        unit: info.unit,
        updated: info.updated,
        firstPeriod: time?.values[0]?.text ?? "",
        latestPeriod: time?.values.at(-1)?.text ?? "",
        active: true,
        variables: info.variables.map((v) => v.text),
      });
    }
    return out;
  }

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://standin");
    const record: StandinRequest = { method: req.method ?? "", path: url.pathname, status: 0 };
    requests.push(record);
    const send = (status: number, type: string, body: string, extra: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, { "content-type": type, "cache-control": "no-cache", ...extra });
      res.end(body);
    };
    try {
      const body = await readBody(req, maxBody);
      const params = requestParams(req.method ?? "GET", url, body);
      const [, version, fn, ...rest] = url.pathname.split("/").map(decodeURIComponent);
      if (version !== "v1" || !["tableinfo", "tables", "data"].includes(fn ?? "")) {
        throw new ApiError(404, "REQUEST-NOTFOUND", "Siden kan ikke findes. / Page not found.");
      }
      const lang: Lang = String(params.lang ?? "da").toLowerCase() === "en" ? "en" : "da";
      if (fn === "tableinfo") {
        const id = String(params.table ?? params.id ?? rest[0] ?? "");
        record.table = id;
        if (!id) throw new ApiError(400, "REQUEST-MISSING", "Der er ikke angivet nogen tabel-id.");
        const format = String(params.format ?? "JSON").toUpperCase();
        if (format !== "JSON")
          throw format === "XML" ? new ApiError(501, "STANDIN-NOTIMPLEMENTED", "The API stand-in answers tableinfo as JSON only") : FORMAT_MISSING();
        send(200, "text/json; charset=utf-8", JSON.stringify((await table(id)).info[lang]));
      } else if (fn === "tables") {
        send(200, "text/json; charset=utf-8", JSON.stringify(await listing(lang)));
      } else {
        const p = dataParams(params, rest);
        record.table = p.table;
        const { body: csv, table: id } = await data(p);
        send(200, "text/csv; charset=utf-8", csv, { "content-disposition": `attachment; filename=${id}.csv` });
      }
    } catch (e) {
      if (e instanceof ApiError) {
        send(e.status, "text/json; charset=utf-8", JSON.stringify({ errorTypeCode: e.errorTypeCode, message: e.message }));
      } else {
        // The mirror itself is broken (a corrupt file): say so at once, without a status that invites retries.
        send(400, "text/json; charset=utf-8", JSON.stringify({ errorTypeCode: "STANDIN-MIRROR-ERROR", message: (e as Error).message }));
      }
    }
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

interface DataParams {
  table?: string;
  format?: string;
  lang?: string;
  valuePresentation?: string;
  variables: [string, string[]][];
}

/** The parameters of a request: the JSON body of a POST, or the query string of a GET. */
function requestParams(method: string, url: URL, body: string): Record<string, unknown> {
  if (method === "POST") {
    if (body.trim() === "") throw requestEmpty();
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.replace(/^\uFEFF/, ""));
    } catch {
      throw requestEmpty();
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw requestEmpty();
    return parsed as Record<string, unknown>;
  }
  if (method !== "GET") throw new ApiError(404, "REQUEST-NOTFOUND", "Siden kan ikke findes. / Page not found.");
  return Object.fromEntries(url.searchParams);
}

function requestEmpty(): ApiError {
  return new ApiError(400, "REQUEST-EMPTY", "Medsend gyldigt JSON-objekt når der postes. / Supply valid JSON-object when posting.");
}

/** /v1/data parameters: from a POST body, or a GET's path (/v1/data/<TABLE>/<FORMAT>) and query (<VAR>=a,b). */
function dataParams(params: Record<string, unknown>, path: string[]): DataParams {
  const str = (x: unknown) => (typeof x === "string" ? x : undefined);
  const known = new Set(["table", "format", "lang", "valuepresentation", "timeorder", "delimiter"]);
  let variables: [string, string[]][];
  if (Array.isArray(params.variables)) {
    variables = params.variables.map((v: { code?: unknown; values?: unknown }) => {
      if (typeof v?.code !== "string" || !Array.isArray(v.values)) throw requestEmpty();
      return [v.code, v.values.map(String)];
    });
  } else {
    variables = Object.entries(params)
      .filter(([k]) => !known.has(k.toLowerCase()))
      .map(([k, v]) => [
        k,
        String(v)
          .split(",")
          .filter((x) => x !== ""),
      ]);
  }
  // Parameter names are matched without regard to case, as the API does ("valuePresentation", "valuepresentation").
  const param = (name: string) => {
    const key = findVariable(params, name);
    return key === undefined ? undefined : str(params[key]);
  };
  return {
    table: param("table") ?? path[0],
    format: param("format") ?? path[1],
    lang: param("lang"),
    valuePresentation: param("valuePresentation"),
    variables,
  };
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req) {
    bytes += (chunk as Buffer).length;
    if (bytes > limit) throw new ApiError(413, "REQUEST-TOOLARGE", `The request body is over ${limit} bytes (the API stand-in's limit)`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The English tableinfo stored beside the mirror (`tableinfo/<TABLE>_en.json`), if any. */
async function storedEnglish(dir: string, table: string): Promise<TableInfo | null> {
  try {
    return JSON.parse(await readFile(join(dir, "tableinfo", `${table}_en.json`), "utf8")) as TableInfo;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

function pick(from: object | null | undefined, keys: string[]): Record<string, unknown> {
  const source = (from ?? {}) as Record<string, unknown>;
  return Object.fromEntries(keys.filter((k) => k in source).map((k) => [k, source[k]]));
}

/** INDHOLD as the API writes it: ".." when missing, no thousands separator, decimal comma in Danish. */
function formatValue(value: number | null, lang: Lang): string {
  if (value === null) return "..";
  const text = String(Math.round(value * 1e6) / 1e6);
  return lang === "da" ? text.replace(".", ",") : text;
}

/** 4800600 -> "4.800.600", as in the API's REQUEST-LIMIT message. */
function danishThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}
