/**
 * How the survey's problems are worded and thrown: the errors that list every problem in a file or
 * schema (the first 20, then "… og N flere", by listProblems), and the small helpers that quote,
 * shorten and list values in the Danish messages. Messages are Danish, as they are shown to the
 * planner.
 */
import { listProblems } from "../text.js";
import type { SurveyProblem } from "./types.js";

/** A value as it is quoted in a message: "ja". */
export const q = (s: string) => JSON.stringify(s);

/** At most `n` characters of a value, then "…". */
export const truncate = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** "a, b, c", or the first `n` then ", …". */
export const listOf = (xs: readonly string[], n = 12) => (xs.length > n ? `${xs.slice(0, n).join(", ")}, …` : xs.join(", "));

/** "a", "a eller b", "a, b eller c". */
export const orList = (xs: readonly string[]) => (xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} eller ${xs[xs.length - 1]}`);

/** "fil.csv, linje 3, kolonne koen: …". */
export function formatSurveyProblem(fileName: string, p: SurveyProblem): string {
  const line = p.line === null ? "" : `, linje ${p.line}`;
  const column = p.column === null ? "" : `, kolonne ${p.column}`;
  return `${fileName}${line}${column}: ${p.message}`;
}

/** Every problem found in a survey file; the message lists up to 20, then "… og N flere". */
export class SurveyImportError extends Error {
  readonly problems: SurveyProblem[];
  constructor(
    readonly fileName: string,
    problems: SurveyProblem[],
    head = `${problems.length} fejl i spørgeskemafilen, som derfor ikke er indlæst (formatet er beskrevet i data/survey/README.md)`,
  ) {
    super(
      listProblems(
        `${fileName}: ${head}`,
        problems.map((p) => formatSurveyProblem(fileName, p)),
      ),
    );
    this.name = "SurveyImportError";
    this.problems = problems;
  }
}

/** Problems in the schema itself (thrown by parseSchema). */
export class SurveySchemaError extends SurveyImportError {
  constructor(source: string, problems: SurveyProblem[]) {
    super(source, problems, `${problems.length} fejl i skemaet (formatet er beskrevet i data/survey/README.md)`);
    this.name = "SurveySchemaError";
  }
}
