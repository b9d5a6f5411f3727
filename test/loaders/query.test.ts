import { describe, expect, it } from "vitest";
import { StatbankQueryError } from "../../loaders/statbank/errors.ts";
import { comparePeriods, parsePeriod, periodKey } from "../../loaders/statbank/period.ts";
import { describeQuery, MAX_NTH_COUNT, parseValueSpec, requestBody, resolveSelection } from "../../loaders/statbank/query.ts";

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

describe("no spec causes runaway work", () => {
  /** Run `f`, return how long it took in milliseconds. */
  const timed = (f: () => void): number => {
    const t = performance.now();
    f();
    return performance.now() - t;
  };

  it("an nth rule with an absurd count or step is refused at parse time, naming the spec and the bound, within milliseconds", () => {
    expect(MAX_NTH_COUNT).toBe(100000);
    const cases: Array<[string, string]> = [
      ["(-n+99999999999999999999)", 'nth rule "(-n+99999999999999999999)": the count 99999999999999999999 is beyond the limit of 100000'],
      ["-(-n+99999999999999999999)", 'nth rule "-(-n+99999999999999999999)": the count 99999999999999999999 is beyond the limit of 100000'],
      ["(99999999999999999999)", 'nth rule "(99999999999999999999)": the count 99999999999999999999 is beyond the limit of 100000'],
      ["(-99999999999999999999)", 'nth rule "(-99999999999999999999)": the count -99999999999999999999 is beyond the limit of 100000'],
      ["(100001)", 'nth rule "(100001)": the count 100001 is beyond the limit of 100000'],
      ["-(-n+100001)", 'nth rule "-(-n+100001)": the count 100001 is beyond the limit of 100000'],
      ["(n-100001)", 'nth rule "(n-100001)": the count -100001 is beyond the limit of 100000'],
      ["(99999999999999999999n+1)", 'nth rule "(99999999999999999999n+1)": the step 99999999999999999999 is beyond the limit of 100000'],
      ["(-100001n+3)", 'nth rule "(-100001n+3)": the step -100001 is beyond the limit of 100000'],
      [`(${"9".repeat(400)})`, `nth rule "(${"9".repeat(400)})": the count ${"9".repeat(400)} is beyond the limit of 100000`],
    ];
    for (const [spec, message] of cases) {
      const ms = timed(() => {
        expect(() => parseValueSpec(spec, "FOLK1A"), spec).toThrow(StatbankQueryError);
        expect(() => parseValueSpec(spec, "FOLK1A"), spec).toThrow(`FOLK1A: ${message} (no table has that many values)`);
        // resolveSelection parses the same way, before any work
        expect(() => resolveSelection("Tid", quarters, [spec], "FOLK1A"), spec).toThrow(`FOLK1A: ${message}`);
      });
      // a bound far below the hang it used to be, and far above any machine's noise
      expect(ms, spec).toBeLessThan(2000);
    }
  });

  it("counts and steps up to the bound are accepted and resolved arithmetically", () => {
    expect(parseValueSpec("(-n+100000)")).toEqual({ kind: "nth", a: -1, b: 100000, fromOldest: false });
    expect(parseValueSpec("-(100000n-100000)")).toEqual({ kind: "nth", a: 100000, b: -100000, fromOldest: true });
    const ms = timed(() => {
      expect(tidAll(["(-n+100000)"])).toEqual(quarters);
      expect(tidAll(["(100000)"])).toEqual([]);
      expect(tidAll(["(n-100000)"])).toEqual(quarters);
      expect(tidAll(["(-n-100000)"])).toEqual([]);
      expect(tidAll(["(100000n+1)"])).toEqual(["2016K1"]);
      expect(tidAll(["-(-100000n+100000)"])).toEqual([]);
      // 100000 ≡ 1 (mod 3): positions 1, 4, 7, 10 from the oldest
      expect(tidAll(["-(-3n+100000)"])).toEqual(["2008K1", "2008K4", "2010K1", "2015K4"]);
    });
    expect(ms).toBeLessThan(2000);
  });

  it("nth positions agree with counting n = 0, 1, 2, … by hand", () => {
    const values = Array.from({ length: 13 }, (_, i) => String(2000 + i));
    for (let a = -5; a <= 5; a++) {
      for (let b = -8; b <= 20; b++) {
        const expected = new Set<number>();
        for (let n = 0; n <= 40; n++) {
          const p = a * n + b;
          if (p >= 1 && p <= values.length) expected.add(p);
        }
        const spec = `(${a}n${b >= 0 ? "+" : ""}${b})`;
        const newest = values.filter((_, i) => expected.has(values.length - i));
        const oldest = values.filter((_, i) => expected.has(i + 1));
        expect(resolveSelection("Tid", values, [spec]).codes, spec).toEqual(newest);
        expect(resolveSelection("Tid", values, [`-${spec}`]).codes, `-${spec}`).toEqual(oldest);
      }
    }
  });

  it("wildcards match as before (case-insensitive, * any run) without backtracking", () => {
    const values = ["2008K1", "2008K2", "2018K1", "2080K1", "084", "0840", "101", "K", "", "aXbXc", "abc", "ab"];
    const viaRegex = (p: string) =>
      values.filter((v) =>
        new RegExp(
          `^${p
            .split("*")
            .map((x) => x.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
            .join(".*")}$`,
          "i",
        ).test(v),
      );
    for (const pattern of ["2008*", "*K1", "20*8*", "*8*", "08*", "*0", "a*b*c", "A*B", "*b*", "a**c", "*x*x*", "ab*bc", "*K*K*", "2*0*8*K*1"]) {
      expect(resolveSelection("OMRÅDE", values, [pattern]).codes, pattern).toEqual(viaRegex(pattern));
    }
    // "*a*a*…*b" against long values of a's: exponential for a RegExp of ".*"s, instant here.
    const long = Array.from({ length: 500 }, (_, i) => "a".repeat(30 + (i % 30)));
    const ms = timed(() => {
      expect(resolveSelection("OMRÅDE", long, [`${"*a".repeat(20)}*b`]).codes).toEqual([]);
      expect(resolveSelection("OMRÅDE", long, [`${"*a".repeat(60_000)}*b`]).codes).toEqual([]);
      expect(resolveSelection("OMRÅDE", long, [`${"*a".repeat(20)}*`]).codes).toEqual(long);
    });
    expect(ms).toBeLessThan(5000); // the RegExp took about 0.9 s per value here
  });

  it("long nth rules, ranges and repeated specs are parsed and resolved in linear time", () => {
    const ms = timed(() => {
      expect(() => parseValueSpec(`(${" ".repeat(100_000)}x`)).not.toThrow(); // not an nth rule: an explicit code
      expect(() => parseValueSpec(`(${" ".repeat(100_000)}x)`, "T")).toThrow(/^T: malformed nth rule/);
      expect(parseValueSpec(`( ${" 1".repeat(2)} )`)).toMatchObject({ kind: "nth", a: 0, b: 11 });
      expect(() => parseValueSpec(`(${" 1".repeat(50_000)})`, "T")).toThrow(/the count 1{50000} is beyond the limit of 100000/);
      expect(() => parseValueSpec(`>=${"a".repeat(100_000)}=`, "T")).toThrow(/^T: malformed range/);
      expect(() => parseValueSpec(`>=${"a".repeat(50_000)}<${"b".repeat(50_000)}<`, "T")).toThrow(/^T: malformed range/);
      expect(() => resolveSelection("Tid", quarters, [`>=${"9".repeat(100_000)}`], "T")).toThrow(/is not a period code/);
      expect(tidAll(Array.from({ length: 100_000 }, () => "(1)"))).toEqual(["2016K1"]);
    });
    expect(ms).toBeLessThan(10_000); // quadratic parsing took minutes
  });
});

const tidAll = (specs: string[]) => resolveSelection("Tid", quarters, specs).codes;

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
