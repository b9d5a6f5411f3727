/**
 * HTTP transport: the live StatBank API (https://api.statbank.dk/v1).
 *
 * Every call is a POST with a JSON body, as the API recommends. On top of plain fetch this adds:
 *
 *   - a limit on the number of requests in flight at once (per transport instance);
 *   - a timeout per attempt (answer headers and body must arrive within `timeoutMs`);
 *   - retries with exponential backoff on 429, 5xx, network errors and timeouts, honouring
 *     a Retry-After header;
 *   - the API's error JSON ({"errorTypeCode": "...", "message": "..."}) turned into a
 *     StatbankApiError, which is not retried (the same request would fail the same way);
 *   - for the non-streamed CSV format, splitting a request that exceeds the API's cell limit
 *     into several smaller requests and concatenating their rows.
 *
 * It uses only the global fetch and AbortController, no dependencies.
 */
import { parseStatbankCsv, type Extract } from "./csv.ts";
import { StatbankApiError, StatbankHttpError, StatbankParseError, StatbankQueryError } from "./errors.ts";
import { danishPeriod } from "./period.ts";
import { findVariable, requestBody, resolveSelection, type Query } from "./query.ts";
import type { DataResult, SourceDescription, TableInfo, TableListing, TableVariable, Transport } from "./transport.ts";

export interface HttpOptions {
  /** Base URL of the API, without a trailing slash. Default "https://api.statbank.dk/v1". */
  baseUrl?: string;
  /** At most this many requests in flight at once for this transport instance. Default 4. */
  maxConcurrent?: number;
  /** Retries after the first attempt (so up to retries + 1 attempts). Default 5. */
  retries?: number;
  /** Base of the exponential backoff: retry k (0-based) waits backoffMs * 2^k plus jitter, capped. Default 1000. */
  backoffMs?: number;
  /** Time allowed for one attempt, answer body included. A timeout is retried. Default 120000. */
  timeoutMs?: number;
  /** Most cells one non-streamed (CSV) request may ask for. Default 1,000,000, the API's limit. */
  cellLimit?: number;
  /** Data format. BULK is streamed (no cell limit, every variable must be selected); CSV is not. Default "BULK". */
  format?: "BULK" | "CSV";
  /** The fetch function to use. Default globalThis.fetch. */
  fetch?: typeof fetch;
  /** Where retries and request splits are reported. Default: a line on process.stderr. */
  log?: (msg: string) => void;
}

export const DEFAULT_BASE_URL = "https://api.statbank.dk/v1";

/** No single wait between attempts is longer than this, whatever the backoff or Retry-After says. */
const MAX_DELAY_MS = 120_000;

/** HTTP statuses that mean "try again later" (or a passing fault of a server or proxy). */
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/**
 * API error codes that mean throttling. None is documented (DST documents no rate limit), so this
 * only guards against a future code; note that REQUEST-LIMIT is the cell limit, not throttling.
 */
const THROTTLING_CODE = /THROTTL|RATE-?LIMIT|TOO-?MANY|BUSY|OVERLOAD/i;

/** The result of one attempt that did not end in a usable answer or a final error. */
interface RetryableFailure {
  status: number | null;
  detail: string;
  /** Wait requested by a Retry-After header, in milliseconds. */
  retryAfterMs: number | null;
}

/** One variable of the query, resolved against tableinfo. */
interface ResolvedVariable {
  /** The key as written in the query ("Tid", "OMRÅDE", …). */
  key: string;
  variable: TableVariable;
  /** The selected codes in table order (time codes in the Danish "K" form). */
  codes: string[];
}

interface Resolution {
  /** The variables named in the query, in query order (the others are eliminated by the API). */
  selected: ResolvedVariable[];
  /** Number of rows the selection asks for: the product of the selected code counts. */
  rows: number;
}

/** One sub-request of a split: per selected variable, a code list, and whether it must be sent explicitly. */
interface Part {
  codes: string[][];
  explicit: boolean[];
}

export class HttpTransport implements Transport {
  readonly source: SourceDescription;
  private readonly baseUrl: string;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly timeoutMs: number;
  private readonly cellLimit: number;
  private readonly format: "BULK" | "CSV";
  private readonly fetchFn: typeof fetch;
  private readonly log: (msg: string) => void;
  private readonly slots: Semaphore;
  /** tableinfo per upper-cased table id. A failed lookup is removed so that a later call tries again. */
  private readonly infoCache = new Map<string, Promise<TableInfo>>();

  constructor(options: HttpOptions = {}) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
    this.retries = checkInteger("retries", options.retries ?? 5, 0);
    this.backoffMs = checkNumber("backoffMs", options.backoffMs ?? 1000, 0);
    this.timeoutMs = checkNumber("timeoutMs", options.timeoutMs ?? 120_000, 1);
    this.cellLimit = checkInteger("cellLimit", options.cellLimit ?? 1_000_000, 1);
    this.format = options.format ?? "BULK";
    if (this.format !== "BULK" && this.format !== "CSV") {
      throw new RangeError(`HttpTransport: format must be "BULK" or "CSV", not ${JSON.stringify(this.format)}`);
    }
    // Wrapped so that the global fetch is never called with an unexpected `this`.
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.log = options.log ?? ((msg) => process.stderr.write(`${msg}\n`));
    this.slots = new Semaphore(checkInteger("maxConcurrent", options.maxConcurrent ?? 4, 1));
    this.source = { kind: "live", location: this.baseUrl };
  }

  /** POST /tableinfo for one table (Danish), cached per table id for the life of the instance. */
  tableInfo(table: string): Promise<TableInfo> {
    const key = table.toUpperCase();
    let pending = this.infoCache.get(key);
    if (!pending) {
      pending = this.fetchTableInfo(table);
      this.infoCache.set(key, pending);
      pending.catch(() => {
        if (this.infoCache.get(key) === pending) this.infoCache.delete(key);
      });
    }
    return pending;
  }

  private async fetchTableInfo(table: string): Promise<TableInfo> {
    const url = `${this.baseUrl}/tableinfo`;
    const info = await this.postJson(url, { table, format: "JSON", lang: "da" }, table);
    if (!isObject(info) || !Array.isArray(info.variables)) {
      throw new StatbankParseError(`POST ${url} ${table}`, null, "the tableinfo answer has no list of variables");
    }
    for (const v of info.variables as unknown[]) {
      if (!isObject(v) || typeof v.id !== "string" || !Array.isArray(v.values)) {
        throw new StatbankParseError(`POST ${url} ${table}`, null, "a tableinfo variable lacks an id or a list of values");
      }
    }
    return info as unknown as TableInfo;
  }

  /** POST /tables: the active tables (Danish texts). */
  async tables(): Promise<TableListing[]> {
    const url = `${this.baseUrl}/tables`;
    const listing = await this.postJson(url, { format: "JSON", lang: "da" }, undefined);
    if (!Array.isArray(listing)) throw new StatbankParseError(`POST ${url}`, null, "the tables answer is not a list");
    return listing as TableListing[];
  }

  /**
   * POST /data. The selection is checked against tableinfo where that is needed (CSV: always, to
   * count cells; BULK: when tableinfo is available, to report eliminated variables early). Value
   * specs the local resolution cannot handle are sent unchanged: the API is the judge of them.
   */
  async data(query: Query): Promise<DataResult> {
    const table = query.table;
    const format = this.format;
    let info: TableInfo | null;
    if (format === "CSV") {
      info = await this.tableInfo(table);
    } else {
      // BULK needs tableinfo only for the early check and for requestedCells: carry on without it.
      info = await this.tableInfo(table).catch((e: unknown) => {
        this.log(`StatBank ${table}: tableinfo failed (${errorText(e)}); sending the data request unchecked`);
        return null;
      });
    }

    let resolution: Resolution | null = null;
    if (info) {
      const eliminated = info.variables.filter((v) => findVariable(query.variables, v.id) === undefined).map((v) => v.id);
      if (format === "BULK" && eliminated.length > 0) {
        throw new StatbankQueryError(
          table,
          `select values for ${eliminated.join(", ")}: BULK requests must name every variable (only CSV allows elimination)`,
        );
      }
      resolution = this.resolve(query, info);
    }

    let extract: Extract;
    const columns = resolution ? resolution.selected.length + 1 : 0;
    if (format === "CSV" && resolution && resolution.rows * columns > this.cellLimit) {
      extract = await this.fetchSplit(query, resolution);
    } else {
      extract = await this.fetchExtract(query, format);
    }
    return {
      extract,
      gaps: [],
      requestedCells: resolution ? resolution.rows : null,
      absentMeansZero: format === "BULK",
    };
  }

  /**
   * Resolve the query's value specs locally against tableinfo. Returns null (and the request goes
   * out unchanged) when a variable is unknown, a spec is malformed or selects nothing, or a
   * variable has no specs at all: the API answers those with its own error.
   */
  private resolve(query: Query, info: TableInfo): Resolution | null {
    const selected: ResolvedVariable[] = [];
    let rows = 1;
    for (const [key, specs] of Object.entries(query.variables)) {
      const variable = info.variables.find((v) => v.id.toUpperCase() === key.toUpperCase());
      if (!variable || specs.length === 0) return null;
      // tableinfo is fetched in Danish, but normalise quarters to "K" in case a stored one is English.
      const values = variable.values.map((v) => (variable.time ? danishPeriod(v.id) : v.id));
      let codes: string[];
      try {
        const resolved = resolveSelection(variable.id, values, specs, query.table);
        if (resolved.unmatched.length > 0) return null;
        codes = resolved.codes;
      } catch (e) {
        if (e instanceof StatbankQueryError) return null;
        throw e;
      }
      selected.push({ key, variable, codes });
      rows *= codes.length;
    }
    return { selected, rows };
  }

  /**
   * Split a CSV request that is over the cell limit. The API counts cells as rows × columns, where
   * the columns are the selected variables plus INDHOLD. Variables that are not split keep the
   * query's own value specs; split ones are sent as explicit code lists.
   */
  private async fetchSplit(query: Query, resolution: Resolution): Promise<Extract> {
    const columns = resolution.selected.length + 1;
    const maxRows = Math.floor(this.cellLimit / columns);
    if (maxRows < 1) {
      throw new StatbankQueryError(query.table, `one row has ${columns} cells, more than the cell limit of ${this.cellLimit}`);
    }
    const whole: Part = {
      codes: resolution.selected.map((s) => s.codes),
      explicit: resolution.selected.map(() => false),
    };
    const parts = splitPart(whole, maxRows);
    const splitVariables = resolution.selected.filter((_, i) => parts.some((p) => p.explicit[i])).map((s) => s.key);
    this.log(
      `StatBank ${query.table}: ${resolution.rows * columns} cells exceed the CSV limit of ${this.cellLimit}; ` +
        `splitting on ${splitVariables.join(", ")} into ${parts.length} requests`,
    );

    const subQueries = parts.map((part): Query => {
      const variables: Record<string, string[]> = {};
      resolution.selected.forEach((s, i) => {
        variables[s.key] = part.explicit[i]
          ? part.codes[i].map((code) => (s.variable.time ? periodForLanguage(code, query.lang) : code))
          : query.variables[s.key];
      });
      return { ...query, variables };
    });
    // All sub-requests are started at once; the semaphore keeps at most maxConcurrent in flight.
    const extracts = await Promise.all(subQueries.map((q) => this.fetchExtract(q, "CSV")));

    const first = extracts[0];
    const rows = [];
    for (const e of extracts) {
      if (e.dimensions.join(";") !== first.dimensions.join(";")) {
        throw new StatbankParseError(
          `POST ${this.baseUrl}/data ${query.table}`,
          null,
          `the parts of a split request answered with different columns (${first.dimensions.join(";")} and ${e.dimensions.join(";")})`,
        );
      }
      for (const row of e.rows) rows.push(row);
    }
    return { table: first.table, dimensions: first.dimensions, rows };
  }

  /** One POST /data, parsed. */
  private async fetchExtract(query: Query, format: "BULK" | "CSV"): Promise<Extract> {
    const url = `${this.baseUrl}/data`;
    const text = await this.post(url, requestBody(query, format), query.table);
    return parseStatbankCsv(text, `POST ${url} ${query.table}`, query.table);
  }

  /** POST and parse the answer as JSON (a UTF-8 BOM is allowed). */
  private async postJson(url: string, body: unknown, table: string | undefined): Promise<unknown> {
    const text = await this.post(url, body, table);
    try {
      return JSON.parse(stripBom(text));
    } catch {
      throw new StatbankParseError(`POST ${url}${table ? ` ${table}` : ""}`, null, `the answer is not JSON: ${JSON.stringify(snippet(text))}`);
    }
  }

  /**
   * POST a JSON body and return the answer text, with retries. Each attempt takes one of the
   * concurrency slots; the waits between attempts do not hold a slot.
   */
  private async post(url: string, body: unknown, table: string | undefined): Promise<string> {
    const payload = JSON.stringify(body);
    const what = `POST ${url}${table ? ` (${table})` : ""}`;
    const attempts = this.retries + 1;
    let last: RetryableFailure | null = null;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const outcome = await this.slots.run(() => this.attempt(url, payload, table, what, attempt));
      if (typeof outcome === "string") return outcome;
      last = outcome;
      if (attempt === attempts) break;
      const delay = this.delayBeforeRetry(attempt - 1, outcome.retryAfterMs);
      this.log(`StatBank ${what}: ${outcome.detail}; retry ${attempt} of ${this.retries} in ${formatMs(delay)}`);
      await sleep(delay);
    }
    const status = last?.status ?? null;
    throw new StatbankHttpError(
      `${what} failed after ${attempts} attempt${attempts === 1 ? "" : "s"}; last: ${last?.detail ?? "no attempt"}`,
      status,
      attempts,
    );
  }

  /**
   * One attempt. Returns the body text on success, a RetryableFailure when another attempt may
   * help, and throws when it cannot (the API's error JSON, another 4xx, a redirect).
   */
  private async attempt(
    url: string,
    payload: string,
    table: string | undefined,
    what: string,
    attempt: number,
  ): Promise<string | RetryableFailure> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);

    let response: Response | null = null;
    let text: string;
    try {
      response = await this.fetchFn(url, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8" },
        body: payload,
        signal: controller.signal,
        // A redirect would turn the POST into a GET and lose the body; report it instead.
        redirect: "manual",
      });
      text = await response.text();
    } catch (e) {
      // The answer may have started (status known) and then stalled or broken off.
      const status = response ? response.status : null;
      const prefix = status === null ? "" : `HTTP ${status}, then `;
      if (timedOut) return { status, detail: `${prefix}no complete answer within ${formatMs(this.timeoutMs)}`, retryAfterMs: null };
      return { status, detail: `${prefix}network error: ${errorText(e)}`, retryAfterMs: null };
    } finally {
      clearTimeout(timer);
    }

    const { status } = response;
    if (response.ok) return text;

    if (status >= 300 && status < 400) {
      const location = response.headers.get("location");
      throw new StatbankHttpError(
        `${what}: HTTP ${status} redirect${location ? ` to ${location}` : ""}; a redirected POST loses its body, so set the base URL to the final address (https)`,
        status,
        attempt,
      );
    }

    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
    const apiError = parseApiError(text);
    if (apiError) {
      if (RETRYABLE_STATUSES.has(status) || THROTTLING_CODE.test(apiError.errorTypeCode)) {
        return { status, detail: `HTTP ${status} ${apiError.errorTypeCode}: ${apiError.message}`, retryAfterMs };
      }
      throw new StatbankApiError(apiError.errorTypeCode, apiError.message, status, table);
    }
    const detail = `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ""}: ${JSON.stringify(snippet(text))}`;
    if (RETRYABLE_STATUSES.has(status)) return { status, detail, retryAfterMs };
    throw new StatbankHttpError(`${what}: ${detail}`, status, attempt);
  }

  /** Wait before retry k (0-based): Retry-After when given, else backoffMs·2^k plus up to backoffMs of jitter; capped. */
  private delayBeforeRetry(k: number, retryAfterMs: number | null): number {
    if (retryAfterMs !== null) return Math.min(retryAfterMs, MAX_DELAY_MS);
    const exponential = this.backoffMs * 2 ** k;
    const jitter = Math.random() * this.backoffMs;
    return Math.min(exponential + jitter, MAX_DELAY_MS);
  }
}

/**
 * Split `part` until each piece asks for at most `maxRows` rows. The variable with the most codes
 * is cut into chunks of (nearly) equal size; when even one code of it is too many, each of its
 * codes becomes a piece and the pieces are split further on the next variable.
 */
function splitPart(part: Part, maxRows: number): Part[] {
  const rows = part.codes.reduce((n, c) => n * c.length, 1);
  if (rows <= maxRows) return [part];
  let widest = 0;
  for (let i = 1; i < part.codes.length; i++) {
    if (part.codes[i].length > part.codes[widest].length) widest = i;
  }
  const n = part.codes[widest].length;
  const rowsPerCode = rows / n;
  const maxPerChunk = Math.max(1, Math.floor(maxRows / rowsPerCode));
  const chunkCount = Math.ceil(n / maxPerChunk);
  const chunkSize = Math.ceil(n / chunkCount);
  const pieces: Part[] = [];
  for (let start = 0; start < n; start += chunkSize) {
    const codes = [...part.codes];
    codes[widest] = part.codes[widest].slice(start, start + chunkSize);
    const explicit = [...part.explicit];
    explicit[widest] = true;
    pieces.push(...splitPart({ codes, explicit }, maxRows));
  }
  return pieces;
}

/** A time code in the form of the request language: quarters are "2024K1" in Danish, "2024Q1" in English. */
function periodForLanguage(code: string, lang: "da" | "en" | undefined): string {
  return lang === "en" ? code.replace(/^(\d{4})K(\d)$/i, "$1Q$2") : danishPeriod(code);
}

/** The API's error JSON, or null when the body is something else (an HTML error page, say). */
function parseApiError(text: string): { errorTypeCode: string; message: string } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stripBom(text));
  } catch {
    return null;
  }
  if (!isObject(parsed) || typeof parsed.errorTypeCode !== "string") return null;
  return { errorTypeCode: parsed.errorTypeCode, message: typeof parsed.message === "string" ? parsed.message : "" };
}

/** Retry-After in milliseconds: delta-seconds ("120") or an HTTP date. Null when absent or unreadable. */
function parseRetryAfter(header: string | null): number | null {
  if (header === null || header.trim() === "") return null;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - Date.now());
}

/** The message of an error, with the cause of a fetch failure ("fetch failed (ECONNREFUSED)"). */
function errorText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = e.cause as { code?: string; message?: string } | undefined;
  const why = cause?.code ?? cause?.message;
  return why ? `${e.message} (${why})` : e.message;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function snippet(text: string, n = 200): string {
  return text.length > n ? `${text.slice(0, n)}…` : text;
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function checkNumber(name: string, value: number, min: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min) {
    throw new RangeError(`HttpTransport: ${name} must be a number >= ${min}, not ${value}`);
  }
  return value;
}

function checkInteger(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`HttpTransport: ${name} must be an integer >= ${min}, not ${value}`);
  }
  return value;
}

/** A counting semaphore: run() waits until fewer than `limit` tasks are running. */
class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    // The slot is handed over by release(), so `active` stays the same.
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}
