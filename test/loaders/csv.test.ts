import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseStatbankCsv, parseValue, splitLine } from "../../loaders/statbank/csv.ts";
import { StatbankParseError } from "../../loaders/statbank/errors.ts";
import { sharedDir } from "../paths.ts";

const parse = (text: string) => parseStatbankCsv(text, "fixture.csv", "TEST");

function parseError(text: string): StatbankParseError {
  try {
    parse(text);
  } catch (e) {
    if (e instanceof StatbankParseError) return e;
    throw e;
  }
  throw new Error("expected a parse error");
}

describe("parseStatbankCsv", () => {
  it("reads the API's real CSV bytes: BOM, CRLF, INDHOLD", () => {
    const body = readFileSync(`${sharedDir}statbank-api/data_straf42_csv.body`, "utf8");
    expect(body.charCodeAt(0)).toBe(0xfeff);
    const e = parseStatbankCsv(body, "data_straf42_csv.body", "STRAF42");
    expect(e.dimensions).toEqual(["HERKOMST1", "TID"]);
    expect(e.rows).toEqual([{ codes: { HERKOMST1: "Total", TID: "2023" }, value: 233454 }]);
  });

  it("keeps codes as strings (leading zeros survive)", () => {
    const e = parse("OMRÅDE;KØN;TID;INDHOLD\n000;TOT;2008K1;5475791\n084;1;2008K1;12\n");
    expect(e.rows.map((r) => r.codes.OMRÅDE)).toEqual(["000", "084"]);
    expect(e.rows[0].value).toBe(5475791);
  });

  it("reads decimal comma and decimal point alike", () => {
    const e = parse("OMRÅDE;TID;INDHOLD\r\n000;2025;42955,60\r\n101;2025;11.7\r\n147;2025;-3,5\r\n");
    expect(e.rows.map((r) => r.value)).toEqual([42955.6, 11.7, -3.5]);
  });

  it("reads '..' and '-' as missing", () => {
    const e = parse("OMRÅDE;TID;INDHOLD\n411;2024;..\n101;2024;-\n147;2024;0\n");
    expect(e.rows.map((r) => r.value)).toEqual([null, null, 0]);
  });

  it("accepts quoted fields and doubled quotes", () => {
    expect(splitLine('"Hele landet";"I ""alt""";2024;5')).toEqual(["Hele landet", 'I "alt"', "2024", "5"]);
    const e = parse('OMRÅDE;TID;INDHOLD\n"København; by";2024;7\n');
    expect(e.rows[0].codes.OMRÅDE).toBe("København; by");
  });

  it("names the line of a row with too few or too many fields", () => {
    const err = parseError("OMRÅDE;TID;INDHOLD\n101;2024;5\n147;2024\n");
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/^fixture\.csv, line 3: 2 fields, expected 3/);
    expect(parseError("OMRÅDE;TID;INDHOLD\n101;2024;5;9\n").line).toBe(2);
  });

  it("names a value that is not a number", () => {
    const err = parseError("OMRÅDE;TID;INDHOLD\n101;2024;5\n147;2024;1.234,5\n");
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/INDHOLD "1\.234,5" is not a number/);
  });

  it("rejects an empty body, a comma-separated body and a header without INDHOLD", () => {
    expect(parseError("").message).toMatch(/empty body/);
    expect(parseError("\uFEFF").message).toMatch(/empty body/);
    expect(parseError("OMRÅDE,TID,INDHOLD\n101,2024,5\n").message).toMatch(/comma- or tab-separated/);
    expect(parseError("OMRÅDE;TID;VALUE\n101;2024;5\n").message).toMatch(/last column is "VALUE", expected INDHOLD/);
  });

  it("rejects a blank line inside the data, unbalanced quotes and duplicate columns", () => {
    expect(parseError("OMRÅDE;TID;INDHOLD\n101;2024;5\n\n147;2024;6\n").line).toBe(3);
    expect(parseError('OMRÅDE;TID;INDHOLD\n"101;2024;5\n').message).toMatch(/unbalanced quotes/);
    expect(parseError("TID;TID;INDHOLD\n2024;2024;5\n").message).toMatch(/column TID appears twice/);
  });

  it("says when a file is not UTF-8", () => {
    const latin1 = Buffer.from("OMRÅDE;TID;INDHOLD\nÆrø;2024;5\n", "latin1").toString("utf8");
    expect(parseError(latin1).message).toMatch(/not valid UTF-8/);
  });

  it("parseValue handles whitespace, integers and rejects thousands separators", () => {
    expect(parseValue(" 12 ")).toBe(12);
    expect(parseValue("1.234.567")).toBeUndefined();
    expect(parseValue("abc")).toBeUndefined();
  });
});
