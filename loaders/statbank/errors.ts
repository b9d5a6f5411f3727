/**
 * Errors of the StatBank client. Every error names what it is about (table, file, line,
 * variable, code) so that a build log or a page can say what to fix.
 */
import type { Gap } from "../../src/lib/types.ts";

export type { Gap };

export class StatbankError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The API answered with its error JSON: {"errorTypeCode": "...", "message": "..."}. */
export class StatbankApiError extends StatbankError {
  constructor(
    readonly errorTypeCode: string,
    readonly apiMessage: string,
    readonly status: number,
    readonly table?: string,
  ) {
    super(`StatBank API ${status} ${errorTypeCode}${table ? ` (${table})` : ""}: ${apiMessage}`);
  }
}

/** Why an HTTP request failed for good (see StatbankHttpError.details). */
export interface HttpFailureDetails {
  /** The table the request was for, when it was for one. */
  table?: string;
  url?: string;
  /** Time from the table's first request to the error. */
  elapsedMs?: number;
  /**
   * "deadline": the table deadline passed; "retries": every retry failed; "retry-after": the API
   * asked to wait past the deadline; "too-large": the answer exceeded the size limit; "status": a
   * 4xx that no retry can fix; "redirect": a 3xx.
   */
  reason?: "deadline" | "retries" | "retry-after" | "too-large" | "status" | "redirect";
}

/** The request could not be completed: network failure, timeouts or retries exhausted. */
export class StatbankHttpError extends StatbankError {
  constructor(
    message: string,
    readonly status: number | null,
    readonly attempts: number,
    readonly details: HttpFailureDetails = {},
  ) {
    super(message);
  }
}

/** A CSV/BULK body that does not have the expected shape. */
export class StatbankParseError extends StatbankError {
  constructor(
    readonly source: string,
    readonly line: number | null,
    readonly detail: string,
  ) {
    super(`${source}${line === null ? "" : `, line ${line}`}: ${detail}`);
  }
}

/** A selection that cannot be applied: unknown variable, malformed value spec. */
export class StatbankQueryError extends StatbankError {
  constructor(
    readonly table: string,
    detail: string,
  ) {
    super(`${table}: ${detail}`);
  }
}

/** The mirror lacks (part of) what was asked for. */
export class MirrorGapError extends StatbankError {
  constructor(
    readonly table: string,
    readonly dir: string,
    readonly gaps: Gap[],
  ) {
    super(`Mirror ${dir} lacks ${describeGaps(table, gaps)}`);
  }
}

export function describeGaps(table: string, gaps: Gap[]): string {
  return gaps
    .map((g) => {
      if (g.reason === "table-not-in-mirror") return `table ${table} (no ${table}.csv)`;
      if (g.reason === "table-empty") return `table ${table} (the source has its header but no rows)`;
      const list = abbreviate(g.codes);
      const what = g.reason === "unknown-code" ? "unknown code" : "not in mirror";
      return `${table} ${g.variable}=${list} (${what})`;
    })
    .join("; ");
}

export function abbreviate(codes: string[], max = 12): string {
  if (codes.length <= max) return codes.join(",");
  return `${codes.slice(0, max).join(",")},… (${codes.length} in all)`;
}
