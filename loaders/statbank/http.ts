/**
 * HTTP transport: the live StatBank API (https://api.statbank.dk/v1).
 *
 * Every call is a POST with a JSON body, as the API recommends. On top of plain fetch this adds:
 *
 *   - a limit on the number of requests in flight at once (per transport instance);
 *   - a time limit per request (`timeoutMs`: answer headers and body must arrive within it);
 *   - a deadline per table (`tableDeadlineMs`): every request one call makes for one table
 *     (tableinfo, the data request or the parts of a split, all their retries, the waits between
 *     them and the wait for a free slot) must end within it, so a dead API fails a loader in
 *     about a minute instead of retrying for many;
 *   - a maximum answer size (`maxAnswerBytes`), counted while the answer streams in (with or
 *     without Content-Length); a larger answer is stopped and reported as such, never retried;
 *   - retries with exponential backoff on 408, 429, 5xx, network errors and timeouts, honouring
 *     a Retry-After header as far as the deadline allows;
 *   - the API's error JSON ({"errorTypeCode": "...", "message": "..."}) turned into a
 *     StatbankApiError, which is not retried (the same request would fail the same way), nor is
 *     any other 4xx;
 *   - for the non-streamed CSV format, splitting a request that exceeds the API's cell limit
 *     into several smaller requests and concatenating their rows.
 *
 * The three limits come from the options, else from the environment (STATBANK_REQUEST_TIMEOUT_MS,
 * STATBANK_TABLE_DEADLINE_MS, STATBANK_MAX_ANSWER_MB), else from the defaults below.
 *
 * It uses only the global fetch and AbortController, no dependencies.
 *
 * Longer than 400 lines because the limits belong together: concurrency, the per-request
 * timeout, the per-table deadline, retries with backoff and the answer-size cap all share one
 * request loop, and splitting them would spread one error path over several files.
 */
import { parseStatbankCsv, type Extract } from "./csv.ts";
import { StatbankApiError, StatbankError, StatbankHttpError, StatbankParseError, StatbankQueryError } from "./errors.ts";
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
  /**
   * Time allowed for one request (one attempt), answer body included, in ms. A timeout is retried
   * while the table deadline allows. Default STATBANK_REQUEST_TIMEOUT_MS, else 30000.
   */
  timeoutMs?: number;
  /**
   * Time allowed for all requests of one table together, in ms: one `data()` call (its tableinfo,
   * the data request or every part of a split, all retries and waits) or one `tableInfo()` /
   * `tables()` call. Default STATBANK_TABLE_DEADLINE_MS, else 60000.
   */
  tableDeadlineMs?: number;
  /**
   * Largest answer accepted, in bytes, counted as it arrives. A larger one is stopped and not
   * retried. Default STATBANK_MAX_ANSWER_MB (in MB of 1,000,000 bytes), else 200 MB.
   */
  maxAnswerBytes?: number;
  /** Where the limits above are read when the option is not given. Default process.env. */
  env?: Record<string, string | undefined>;
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

/**
 * Default time for one request. Answers take ~0.2 s when the API is idle and 2–4 s when it
 * throttles; now and then one stalls for 10 s or more, and the largest answers we request (tens
 * of MB) need a few seconds to download. 30 s covers all of that with room to spare, and leaves
 * a second attempt inside the table deadline.
 */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Default deadline per table. A dead API then fails a loader in about a minute: one that never
 * answers gives two attempts (30 s, then the rest of the minute); one that answers 500 every time
 * runs out of retries (backoff 1 + 2 + 4 + 8 + 16 s) after about 35 s.
 */
export const DEFAULT_TABLE_DEADLINE_MS = 60_000;

/**
 * Default maximum answer size: 200 MB. The largest real answers we request are tens of MB, so
 * this leaves several times that; and it stays far below what the process can hold (the answer
 * becomes a string of up to twice its size in memory, then rows, and V8 cannot make a string of
 * more than about 512 M characters at all).
 */
export const DEFAULT_MAX_ANSWER_BYTES = 200_000_000;

/** Environment variables for the limits (used when the option is not given). */
export const ENV_TIMEOUT_MS = "STATBANK_REQUEST_TIMEOUT_MS";
export const ENV_TABLE_DEADLINE_MS = "STATBANK_TABLE_DEADLINE_MS";
export const ENV_MAX_ANSWER_MB = "STATBANK_MAX_ANSWER_MB";

/** Of an answer with an error status only this much is read: enough for the error JSON or the start of a page. */
const ERROR_BODY_BYTES = 64 * 1024;

/** No single wait between attempts is longer than this, whatever the backoff or Retry-After says. */
const MAX_DELAY_MS = 120_000;

/** HTTP statuses that mean "try again later" (or a passing fault of a server or proxy). */
function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599 && status !== 501 && status !== 505);
}

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

/** The limits in force for a transport (see HttpOptions). */
export interface HttpLimits {
  timeoutMs: number;
  tableDeadlineMs: number;
  maxAnswerBytes: number;
}

export class HttpTransport implements Transport {
  readonly source: SourceDescription;
  /** The request time limit, table deadline and maximum answer size in force. */
  readonly limits: Readonly<HttpLimits>;
  private readonly baseUrl: string;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly timeoutMs: number;
  private readonly tableDeadlineMs: number;
  private readonly maxAnswerBytes: number;
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
    const env = options.env ?? process.env;
    this.timeoutMs = checkNumber("timeoutMs", options.timeoutMs ?? envNumber(env, ENV_TIMEOUT_MS, 1) ?? DEFAULT_TIMEOUT_MS, 1);
    this.tableDeadlineMs = checkNumber("tableDeadlineMs", options.tableDeadlineMs ?? envNumber(env, ENV_TABLE_DEADLINE_MS, 1) ?? DEFAULT_TABLE_DEADLINE_MS, 1);
    const envMb = envNumber(env, ENV_MAX_ANSWER_MB, 0.000001);
    this.maxAnswerBytes = checkNumber(
      "maxAnswerBytes",
      options.maxAnswerBytes ?? (envMb === undefined ? DEFAULT_MAX_ANSWER_BYTES : Math.round(envMb * 1_000_000)),
      1,
    );
    this.limits = Object.freeze({ timeoutMs: this.timeoutMs, tableDeadlineMs: this.tableDeadlineMs, maxAnswerBytes: this.maxAnswerBytes });
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

  /**
   * POST /tableinfo for one table (Danish), cached per table id for the life of the instance.
   * A call that has to ask the API has its own table deadline.
   */
  tableInfo(table: string): Promise<TableInfo> {
    return this.tableInfoWithin(table, null);
  }

  /** tableInfo, with the requests (if any) inside `budget` (a new one when null). */
  private tableInfoWithin(table: string, budget: Budget | null): Promise<TableInfo> {
    const key = table.toUpperCase();
    let pending = this.infoCache.get(key);
    if (!pending) {
      pending = this.fetchTableInfo(table, budget ?? this.budget());
      this.infoCache.set(key, pending);
      pending.catch(() => {
        if (this.infoCache.get(key) === pending) this.infoCache.delete(key);
      });
    }
    return pending;
  }

  /** A new deadline for the requests of one table. */
  private budget(): Budget {
    return new Budget(this.tableDeadlineMs);
  }

  private async fetchTableInfo(table: string, budget: Budget): Promise<TableInfo> {
    const url = `${this.baseUrl}/tableinfo`;
    const info = await this.postJson(url, { table, format: "JSON", lang: "da" }, table, budget);
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
    const listing = await this.postJson(url, { format: "JSON", lang: "da" }, undefined, this.budget());
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
    // The query's own format (a CSV request leaves variables out to have the API eliminate them), else the transport's.
    const format = query.format ?? this.format;
    // One deadline for everything this call asks of the API.
    const budget = this.budget();
    let info: TableInfo | null;
    if (format === "CSV") {
      info = await this.tableInfoWithin(table, budget);
    } else {
      // BULK needs tableinfo only for the early check and for requestedCells: carry on without it,
      // unless tableinfo ran into the table's deadline (what is left of it, if anything, cannot
      // carry a data request: a dead API fails the table once, not twice).
      info = await this.tableInfoWithin(table, budget).catch((e: unknown) => {
        if (budget.remaining() <= 0 || (e instanceof StatbankHttpError && e.details?.reason === "deadline")) throw e;
        this.log(`StatBank ${table}: tableinfo failed (${errorText(e)}); sending the data request unchecked`);
        return null;
      });
    }

    let resolution: Resolution | null = null;
    if (info) {
      const eliminated = info.variables.filter((v) => findVariable(query.variables, v.id) === undefined).map((v) => v.id);
      if (format === "BULK" && eliminated.length > 0) {
        throw new StatbankQueryError(table, `select values for ${eliminated.join(", ")}: BULK requests must name every variable (only CSV allows elimination)`);
      }
      resolution = this.resolve(query, info);
    }

    let extract: Extract;
    const columns = resolution ? resolution.selected.length + 1 : 0;
    if (format === "CSV" && resolution && resolution.rows * columns > this.cellLimit) {
      extract = await this.fetchSplit(query, resolution, budget);
    } else {
      extract = await this.fetchExtract(query, format, budget);
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
  private async fetchSplit(query: Query, resolution: Resolution, budget: Budget): Promise<Extract> {
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
    // They share the table's deadline.
    const extracts = await Promise.all(subQueries.map((q) => this.fetchExtract(q, "CSV", budget)));

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
  private async fetchExtract(query: Query, format: "BULK" | "CSV", budget: Budget): Promise<Extract> {
    const url = `${this.baseUrl}/data`;
    const text = await this.post(url, requestBody(query, format), query.table, budget);
    return parseStatbankCsv(text, `POST ${url} ${query.table}`, query.table);
  }

  /** POST and parse the answer as JSON (a UTF-8 BOM is allowed). */
  private async postJson(url: string, body: unknown, table: string | undefined, budget: Budget): Promise<unknown> {
    const text = await this.post(url, body, table, budget);
    try {
      return JSON.parse(stripBom(text));
    } catch {
      throw new StatbankParseError(`POST ${url}${table ? ` ${table}` : ""}`, null, `the answer is not JSON: ${JSON.stringify(snippet(text))}`);
    }
  }

  /**
   * POST a JSON body and return the answer text, with retries inside the table's deadline. Each
   * attempt takes one of the concurrency slots; the waits between attempts do not hold a slot.
   */
  private async post(url: string, body: unknown, table: string | undefined, budget: Budget): Promise<string> {
    const payload = JSON.stringify(body);
    const what = `POST ${url}${table ? ` (${table})` : ""}`;
    const details = { table, url };
    const deadline = `the table deadline of ${formatMs(this.tableDeadlineMs)} (${ENV_TABLE_DEADLINE_MS})`;
    const summary = (attempts: number) => `${formatMs(budget.elapsed())} and ${plural(attempts, "attempt")}`;
    let attempts = 0;
    let last: RetryableFailure | null = null;
    for (;;) {
      const left = budget.remaining();
      if (left <= 0) {
        throw new StatbankHttpError(
          `${what}: no answer within ${deadline}; gave up after ${summary(attempts)}${last ? `; last: ${last.detail}` : ""}`,
          last?.status ?? null,
          attempts,
          { ...details, elapsedMs: budget.elapsed(), reason: "deadline" },
        );
      }
      const outcome = await this.slots.run(() => this.attempt(url, payload, table, what, ++attempts, budget), left);
      if (outcome === SLOT_TIMEOUT) {
        throw new StatbankHttpError(
          `${what}: no answer within ${deadline}; gave up after ${summary(attempts)}, waiting for one of the ${this.slots.limit} request slots` +
            (last ? `; last: ${last.detail}` : ""),
          last?.status ?? null,
          attempts,
          { ...details, elapsedMs: budget.elapsed(), reason: "deadline" },
        );
      }
      if (typeof outcome === "string") return outcome;
      last = outcome;
      if (attempts > this.retries) {
        throw new StatbankHttpError(
          `${what} failed after ${plural(attempts, "attempt")} in ${formatMs(budget.elapsed())}; last: ${last.detail}`,
          last.status,
          attempts,
          { ...details, elapsedMs: budget.elapsed(), reason: "retries" },
        );
      }
      const delay = this.delayBeforeRetry(attempts - 1, outcome.retryAfterMs);
      const remaining = budget.remaining();
      if (delay >= remaining) {
        // Waiting would only end at (or past) the deadline: say so now instead.
        const why =
          outcome.retryAfterMs !== null
            ? `the API asked to wait ${formatMs(outcome.retryAfterMs)} (Retry-After), more than the ${formatMs(Math.max(0, remaining))} left of ${deadline}`
            : remaining <= 0
              ? `no answer within ${deadline}`
              : `the next retry (in ${formatMs(delay)}) would pass ${deadline}`;
        throw new StatbankHttpError(`${what}: ${why}; gave up after ${summary(attempts)}; last: ${last.detail}`, last.status, attempts, {
          ...details,
          elapsedMs: budget.elapsed(),
          reason: outcome.retryAfterMs !== null ? "retry-after" : "deadline",
        });
      }
      this.log(`StatBank ${what}: ${outcome.detail}; retry ${attempts} of ${this.retries} in ${formatMs(delay)}`);
      await sleep(delay);
    }
  }

  /**
   * One attempt. Returns the body text on success, a RetryableFailure when another attempt may
   * help, and throws when it cannot (the API's error JSON, another 4xx, a redirect, an answer
   * over the size limit).
   */
  private async attempt(
    url: string,
    payload: string,
    table: string | undefined,
    what: string,
    attempt: number,
    budget: Budget,
  ): Promise<string | RetryableFailure> {
    const started = performance.now();
    // The attempt ends at its own time limit or at the table's deadline, whichever comes first.
    const left = budget.remaining();
    const limitMs = Math.max(0, Math.min(this.timeoutMs, left));
    const limitText = left < this.timeoutMs ? `${formatMs(limitMs)}, the rest of the table deadline` : `${formatMs(limitMs)} (${ENV_TIMEOUT_MS})`;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, limitMs);
    const tooLarge = (status: number, how: string) => {
      controller.abort();
      return new StatbankHttpError(
        `${what}: answer larger than ${formatMb(this.maxAnswerBytes)} (${ENV_MAX_ANSWER_MB}); ${how}; not retried`,
        status,
        attempt,
        { table, url, elapsedMs: budget.elapsed(), reason: "too-large" },
      );
    };

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
      if (response.ok) {
        const announced = contentLength(response.headers);
        if (announced !== null && announced > this.maxAnswerBytes) {
          throw tooLarge(response.status, `Content-Length says ${formatMb(announced)}, so it was not downloaded`);
        }
        const body = await readBody(response, this.maxAnswerBytes);
        if (body.over) {
          throw tooLarge(response.status, `download stopped after ${formatMb(body.bytes)} in ${formatMs(performance.now() - started)}`);
        }
        return body.text;
      }
      // An error answer: only its start is needed (error JSON, or the start of a page).
      const body = await readBody(response, ERROR_BODY_BYTES);
      if (body.over) controller.abort();
      text = body.text;
    } catch (e) {
      if (e instanceof StatbankError) throw e;
      // The answer may have started (status known) and then stalled or broken off.
      const status = response ? response.status : null;
      const prefix = status === null ? "" : `HTTP ${status}, then `;
      if (timedOut) return { status, detail: `${prefix}no complete answer within ${limitText}`, retryAfterMs: null };
      return { status, detail: `${prefix}network error: ${errorText(e)}`, retryAfterMs: null };
    } finally {
      clearTimeout(timer);
    }

    const { status } = response;
    if (status >= 300 && status < 400) {
      const location = response.headers.get("location");
      throw new StatbankHttpError(
        `${what}: HTTP ${status} redirect${location ? ` to ${location}` : ""}; a redirected POST loses its body, so set the base URL to the final address (https)`,
        status,
        attempt,
        { table, url, elapsedMs: budget.elapsed(), reason: "redirect" },
      );
    }

    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
    const apiError = parseApiError(text);
    if (apiError) {
      if (isRetryableStatus(status) || THROTTLING_CODE.test(apiError.errorTypeCode)) {
        return { status, detail: `HTTP ${status} ${apiError.errorTypeCode}: ${apiError.message}`, retryAfterMs };
      }
      throw new StatbankApiError(apiError.errorTypeCode, apiError.message, status, table);
    }
    const detail = `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ""}: ${JSON.stringify(snippet(text))}`;
    if (isRetryableStatus(status)) return { status, detail, retryAfterMs };
    throw new StatbankHttpError(`${what}: ${detail}`, status, attempt, { table, url, elapsedMs: budget.elapsed(), reason: "status" });
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

/** Content-Length as a number of bytes, or null when absent or unreadable. */
function contentLength(headers: Headers): number | null {
  const value = headers.get("content-length")?.trim();
  return value && /^\d+$/.test(value) ? Number(value) : null;
}

/**
 * Read an answer body as UTF-8 text (a leading BOM is dropped, as Response.text() does), counting
 * bytes as they arrive. Past `limit` bytes it stops reading and cancels the stream; `text` then
 * holds the first `limit` bytes and `over` is true.
 */
async function readBody(response: Response, limit: number): Promise<{ text: string; bytes: number; over: boolean }> {
  if (!response.body) return { text: "", bytes: 0, over: false };
  const reader = response.body.getReader();
  const decoder = new TextDecoder("utf-8");
  const parts: string[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (bytes + value.byteLength > limit) {
      parts.push(decoder.decode(value.subarray(0, limit - bytes)));
      bytes += value.byteLength;
      reader.cancel().catch(() => {});
      return { text: parts.join(""), bytes, over: true };
    }
    bytes += value.byteLength;
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return { text: parts.join(""), bytes, over: false };
}

/** A limit from the environment: undefined when unset or blank; a RangeError naming the variable when not a number >= min. */
function envNumber(env: Record<string, string | undefined>, name: string, min: number): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || !Number.isFinite(value) || value < min) {
    throw new RangeError(`HttpTransport: ${name} must be a number >= ${min}, not ${JSON.stringify(env[name])}`);
  }
  return value;
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

/** Bytes as MB of 1,000,000 bytes: "200 MB", "1.5 MB", "0.001 MB". */
function formatMb(bytes: number): string {
  const mb = bytes / 1_000_000;
  return `${mb >= 10 ? Math.round(mb) : Number(mb.toPrecision(3))} MB`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The deadline of one table's requests, counted from its creation (monotonic clock). */
class Budget {
  private readonly started = performance.now();

  constructor(private readonly ms: number) {}

  /** Milliseconds left; zero or less once the deadline has passed. */
  remaining(): number {
    return this.ms - this.elapsed();
  }

  elapsed(): number {
    return performance.now() - this.started;
  }
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

/** What Semaphore.run() returns when no slot became free in time. */
const SLOT_TIMEOUT = Symbol("slot timeout");

/** A counting semaphore: run() waits until fewer than `limit` tasks are running. */
class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {}

  /** Run `task` in a slot; SLOT_TIMEOUT (and the task is not run) when no slot is free within `maxWaitMs`. */
  async run<T>(task: () => Promise<T>, maxWaitMs = Infinity): Promise<T | typeof SLOT_TIMEOUT> {
    if (!(await this.acquire(maxWaitMs))) return SLOT_TIMEOUT;
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(maxWaitMs: number): Promise<boolean> {
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve(true);
    }
    // The slot is handed over by release(), so `active` stays the same.
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const handOver = () => {
        clearTimeout(timer);
        resolve(true);
      };
      if (Number.isFinite(maxWaitMs)) {
        timer = setTimeout(
          () => {
            const i = this.waiting.indexOf(handOver);
            if (i >= 0) this.waiting.splice(i, 1);
            resolve(false);
          },
          Math.max(0, maxWaitMs),
        );
      }
      this.waiting.push(handOver);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}
