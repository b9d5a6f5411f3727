/**
 * The generated test's fixture: a small BULK/Code body with invented values for the default
 * selection (makeFixture), the rows the loader should keep from it, and its text as the API
 * sends it (fixtureText).
 */
import { comparePeriods } from "../../statbank/period.ts";
import { compareCodes } from "../../tables/codes.ts";
import { CliError } from "../common.ts";
import type { VariablePlan } from "./plan.ts";

export interface Fixture {
  header: string[];
  /** Rows as written (codes, then the INDHOLD text). */
  rows: { codes: string[]; indhold: string }[];
  /** The rows the default selection keeps, as the loader returns them (sorted), column -> value. */
  expected: Record<string, string | number | null>[];
}

function fixtureCodes(p: VariablePlan): { all: string[]; kept: string[] } {
  const ids = p.values.map((x) => x.id);
  if (ids.length === 0) return { all: [], kept: [] };
  switch (p.role) {
    case "time": {
      const last = ids.slice(-2);
      return { all: last, kept: last };
    }
    case "area":
    case "all": {
      const two = ids.slice(0, 2);
      return { all: two, kept: two };
    }
    case "total":
    case "unit":
    case "first": {
      const other = ids.find((c) => c !== p.specs[0]);
      return { all: other ? [p.specs[0], other] : [p.specs[0]], kept: [p.specs[0]] };
    }
  }
}

/**
 * A small fixture: every combination of two codes per variable (the selected code and one that
 * the selection leaves out; the newest two periods; two areas), invented values 1000, 1037, …
 * in file order, the time variable changing slowest as in no particular order of the API, and
 * ".." in the last kept row.
 */
export function makeFixture(plan: VariablePlan[]): Fixture {
  const codes = plan.map(fixtureCodes);
  if (codes.some((c) => c.all.length === 0)) throw new CliError("the table has a variable without values: no fixture can be made");
  // Time slowest: iterate the time variable in the outer loop.
  const order = [...plan.keys()].sort((a, b) => Number(plan[b].role === "time") - Number(plan[a].role === "time"));
  let combos: string[][] = [new Array(plan.length).fill("")];
  for (const i of order) {
    combos = combos.flatMap((c) => codes[i].all.map((code) => c.map((x, j) => (j === i ? code : x))));
  }
  const isKept = (c: string[]) => c.every((code, i) => codes[i].kept.includes(code));
  const lastKept = combos.map(isKept).lastIndexOf(true);
  const rows = combos.map((c, i) => ({ codes: c, indhold: i === lastKept ? ".." : String(1000 + 37 * i) }));
  const expected = rows
    .filter((r) => isKept(r.codes))
    .map((r) => {
      const o: Record<string, string | number | null> = {};
      plan.forEach((p, i) => (o[p.column] = r.codes[i]));
      o.value = r.indhold === ".." ? null : Number(r.indhold);
      return o;
    })
    .sort((a, b) => {
      for (const p of plan) {
        const d = p.role === "time" ? comparePeriods(a[p.column] as string, b[p.column] as string) : compareCodes(a[p.column] as string, b[p.column] as string);
        if (d !== 0) return d;
      }
      return 0;
    });
  return { header: [...plan.map((p) => p.header), "INDHOLD"], rows, expected };
}

/** The fixture as the API sends a BULK/Code body: UTF-8 BOM, ";" separated, CRLF. */
export function fixtureText(f: Fixture): string {
  const lines = [f.header.join(";"), ...f.rows.map((r) => [...r.codes, r.indhold].join(";"))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
