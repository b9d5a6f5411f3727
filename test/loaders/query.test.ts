import { describe, expect, it } from "vitest";
import { StatbankQueryError } from "../../loaders/statbank/errors.ts";
import { comparePeriods, parsePeriod, periodKey } from "../../loaders/statbank/period.ts";
import { describeQuery, parseValueSpec, requestBody, resolveSelection } from "../../loaders/statbank/query.ts";

const quarters = ["2008K1", "2008K2", "2008K3", "2008K4", "2009K1", "2009K2", "2010K1", "2011K1", "2011K2", "2015K4", "2016K1"];
const areas = ["000", "084", "101", "147", "085", "260", "270", "411"];

describe("period codes", () => {
  it("parses years, quarters (K and Q), months and weeks", () => {
    expect(parsePeriod("2024")).toMatchObject({ year: 2024, frequency: "year", sub: 1 });
    expect(parsePeriod("2008K3")).toMatchObject({ year: 2008, frequency: "quarter", sub: 3 });
    expect(parsePeriod("2008Q3")).toMatchObject({ year: 2008, frequency: "quarter", sub: 3 });
    expect(parsePeriod("2021M10")).toMatchObject({ year: 2021, frequency: "month", sub: 10 });
    expect(parsePeriod("2014U30")).toMatchObject({ frequency: "week", sub: 30 });
    expect(parsePeriod("2008K5")).toBeNull();
    expect(parsePeriod("IALT")).toBeNull();
  });
  it("sorts chronologically, not as strings", () => {
    expect(["2021M10", "2021M9", "2022M01"].sort(comparePeriods)).toEqual(["2021M9", "2021M10", "2022M01"]);
    expect(periodKey("2011K1")).toBe(2011);
    expect(periodKey("2011K3")).toBe(2011.5);
  });
});

describe("value specs", () => {
  it("recognises each form", () => {
    expect(parseValueSpec("*")).toEqual({ kind: "all" });
    expect(parseValueSpec("101")).toEqual({ kind: "code", code: "101" });
    expect(parseValueSpec("2023*").kind).toBe("pattern");
    expect(parseValueSpec(">=2010K1<=2015K4")).toEqual({
      kind: "range",
      lower: { code: "2010K1", inclusive: true },
      upper: { code: "2015K4", inclusive: true },
    });
    expect(parseValueSpec("(1)")).toEqual({ kind: "nth", a: 0, b: 1, fromOldest: false });
    expect(parseValueSpec("(-n+3)")).toEqual({ kind: "nth", a: -1, b: 3, fromOldest: false });
    expect(parseValueSpec("-(-n+3)")).toEqual({ kind: "nth", a: -1, b: 3, fromOldest: true });
  });
  it("rejects malformed specs with the spec in the message", () => {
    expect(() => parseValueSpec("(x+)", "FOLK1A")).toThrow(/FOLK1A: malformed nth rule "\(x\+\)"/);
    expect(() => parseValueSpec(">=", "FOLK1A")).toThrow(StatbankQueryError);
    expect(() => parseValueSpec("   ")).toThrow(/empty value spec/);
  });
});

describe("resolveSelection", () => {
  const tid = (specs: string[]) => resolveSelection("Tid", quarters, specs).codes;
  it("explicit codes, case-insensitively, in table order", () => {
    expect(resolveSelection("OMRÅDE", areas, ["260", "101"]).codes).toEqual(["101", "260"]);
    expect(tid(["2010k1"])).toEqual(["2010K1"]);
    expect(tid(["2010Q1"])).toEqual(["2010K1"]);
  });
  it("* selects every value; time values come out chronologically whatever their input order", () => {
    expect(resolveSelection("Tid", [...quarters].reverse(), ["*"]).codes).toEqual(quarters);
  });
  it("wildcard patterns: prefix, suffix, infix", () => {
    expect(tid(["2008*"])).toEqual(["2008K1", "2008K2", "2008K3", "2008K4"]);
    expect(tid(["*K1"])).toEqual(["2008K1", "2009K1", "2010K1", "2011K1", "2016K1"]);
    expect(tid(["20*5K4"])).toEqual(["2015K4"]);
    expect(resolveSelection("OMRÅDE", areas, ["08*"]).codes).toEqual(["084", "085"]);
  });
  it("ranges are inclusive with >= and <=, exclusive with > and <, and bounds need not exist", () => {
    expect(tid([">=2010K1<=2011K2"])).toEqual(["2010K1", "2011K1", "2011K2"]);
    expect(tid([">2011K1"])).toEqual(["2011K2", "2015K4", "2016K1"]);
    expect(tid(["<=2008K2"])).toEqual(["2008K1", "2008K2"]);
    expect(tid([">=2012K1<=2015K3"])).toEqual([]);
    expect(tid([">=2009Q2<2011K1"])).toEqual(["2009K2", "2010K1"]);
  });
  it("separate >= and <= specs do not interact (their union is everything)", () => {
    expect(tid([">=2010K1", "<=2015K4"])).toEqual(quarters);
  });
  it("nth rules count from the newest, or with a leading minus from the oldest", () => {
    expect(tid(["(1)"])).toEqual(["2016K1"]);
    expect(tid(["(2)"])).toEqual(["2015K4"]);
    expect(tid(["(-n+3)"])).toEqual(["2011K2", "2015K4", "2016K1"]);
    expect(tid(["-(-n+3)"])).toEqual(["2008K1", "2008K2", "2008K3"]);
    expect(tid(["(2n)"])).toEqual(["2008K2", "2008K4", "2009K2", "2011K1", "2015K4"]);
    expect(tid(["(99)"])).toEqual([]);
  });
  it("the specs of one variable are unioned without duplicates", () => {
    expect(tid(["(1)", "2016K1", "2008K1"])).toEqual(["2008K1", "2016K1"]);
  });
  it("reports specs that matched nothing", () => {
    const r = resolveSelection("OMRÅDE", areas, ["101", "999", "9*"]);
    expect(r.codes).toEqual(["101"]);
    expect(r.unmatched).toEqual(["999", "9*"]);
  });
  it("ranges over non-time variables use the table's order, and an unknown bound is an error", () => {
    expect(resolveSelection("OMRÅDE", areas, [">=147<=260"]).codes).toEqual(["147", "085", "260"]);
    expect(() => resolveSelection("OMRÅDE", areas, [">=999"], "FOLK1A")).toThrow(/FOLK1A: range bound "999" is not a value of OMRÅDE/);
  });
});

describe("request body", () => {
  it("asks for BULK with codes and lists every variable", () => {
    const q = { table: "FOLK1A", variables: { OMRÅDE: ["260"], KØN: ["TOT"], ALDER: ["IALT"], CIVILSTAND: ["TOT"], Tid: ["(1)"] } };
    expect(requestBody(q)).toEqual({
      table: "FOLK1A",
      format: "BULK",
      lang: "da",
      valuePresentation: "Code",
      variables: [
        { code: "OMRÅDE", values: ["260"] },
        { code: "KØN", values: ["TOT"] },
        { code: "ALDER", values: ["IALT"] },
        { code: "CIVILSTAND", values: ["TOT"] },
        { code: "Tid", values: ["(1)"] },
      ],
    });
    expect(describeQuery(q)).toBe("FOLK1A OMRÅDE=260 KØN=TOT ALDER=IALT CIVILSTAND=TOT Tid=(1)");
  });
});
