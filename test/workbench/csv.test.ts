/**
 * The CSV that every download writes (charts' numbers, the scorecard, the SQL workbench): formula
 * cells neutralised as OWASP advises for CSV injection, numbers left as numbers. Expected texts
 * are written out by hand.
 */
import { describe, expect, it } from "vitest";
import { csvCell, neutraliseFormula, toCsv } from "../../src/components/downloadFiles.ts";

describe("neutraliseFormula", () => {
  it("puts ' before text a spreadsheet would run as a formula", () => {
    expect(neutraliseFormula("=1+1")).toBe("'=1+1");
    expect(neutraliseFormula("+1+1")).toBe("'+1+1");
    expect(neutraliseFormula("-2+3")).toBe("'-2+3");
    expect(neutraliseFormula("@SUM(A1:A9)")).toBe("'@SUM(A1:A9)");
    expect(neutraliseFormula("\t=1+1")).toBe("'\t=1+1");
    expect(neutraliseFormula("\r=1+1")).toBe("'\r=1+1");
    expect(neutraliseFormula('=HYPERLINK("http://x.invalid";"klik")')).toBe(`'=HYPERLINK("http://x.invalid";"klik")`);
    expect(neutraliseFormula("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(neutraliseFormula("-")).toBe("'-");
    expect(neutraliseFormula("+45 12 34 56 78")).toBe("'+45 12 34 56 78");
    expect(neutraliseFormula("-1e5+1")).toBe("'-1e5+1");
  });

  it("leaves numbers written as text alone, and text that starts otherwise", () => {
    for (const n of ["-168", "-1,5", "-1.5", "-1.234,5", "-1.234.567", "+3", "+3.5e-2", "-2E10"]) expect(neutraliseFormula(n)).toBe(n);
    for (const t of ["Odense", "25-44", "0-17", "1+1", "a=b", " =1+1", "", "'=1+1"]) expect(neutraliseFormula(t)).toBe(t);
  });
});

describe("csvCell", () => {
  it("writes numbers with a decimal comma and never neutralises them", () => {
    expect(csvCell(-168)).toBe("-168");
    expect(csvCell(-1.5)).toBe("-1,5");
    expect(csvCell(1234.25)).toBe("1234,25");
    expect(csvCell(0)).toBe("0");
    expect(csvCell(12n)).toBe("12");
  });

  it('writes null as empty and text neutralised, quoted when it holds " ; , or a line break', () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("-168")).toBe("-168");
    expect(csvCell("Region Hovedstaden, i alt")).toBe('"Region Hovedstaden, i alt"');
    expect(csvCell('=HYPERLINK("http://x.invalid";"klik")')).toBe(`"'=HYPERLINK(""http://x.invalid"";""klik"")"`);
    expect(csvCell("\r=1+1")).toBe(`"'\r=1+1"`);
    expect(csvCell("a\nb")).toBe('"a\nb"');
    expect(csvCell(true)).toBe("true");
  });
});

describe("toCsv", () => {
  it("writes BOM, header and rows with ; and CRLF, formula cells as text (header too)", () => {
    const rows = [
      { navn: "=1+1", tal: -168, decimal: -1.5, tekst: "-168" },
      { navn: "@A1", tal: 2, decimal: null, tekst: "Odense" },
    ];
    expect(toCsv(rows)).toBe("\uFEFFnavn;tal;decimal;tekst\r\n'=1+1;-168;-1,5;-168\r\n'@A1;2;;Odense\r\n");
    expect(toCsv([{ "=x": 1 }])).toBe("\uFEFF'=x\r\n1\r\n");
  });
});
