/**
 * Plain-Danish sentences (src/lib/sentences.ts): each template, rounding, signs, small
 * differences and the "markant" threshold, missing data, singular and plural. Expected sentences
 * are written out in full: they are what a planner reads and what a screen reader says.
 */
import { describe, expect, it } from "vitest";
import {
  ageShare,
  BENEFIT_RECIPIENTS,
  changeSentence,
  COMMUTING_DISTANCE,
  comparisonSentence,
  differenceDegree,
  DISPOSABLE_INCOME,
  formatMeasure,
  groupName,
  growthRate,
  joinSentences,
  levelSentence,
  netRate,
  noNumbersSentence,
  numberWord,
  plural,
  POPULATION,
  populationText,
  THRESHOLDS,
  type ComparisonGroup,
  type Measure,
} from "../../src/lib/sentences.ts";
import { SENTENCE_RULES_DA } from "../../src/lib/sentenceRules.ts";

const share2029 = ageShare("20–29-årige");
const movers: Measure = { kind: "count", subject: "Tilflytningen", verb: "flyttede", noun: { one: "person", other: "personer" }, preposition: "til" };
const peers5 = { kind: "peers", k: 5 } as const;

describe("level", () => {
  it("counts: the verb, the number the Danish way, the place", () => {
    expect(levelSentence({ place: "Halsnæs", year: 2024, value: 31738, measure: POPULATION })).toBe("I 2024 boede der 31.738 i Halsnæs.");
    expect(levelSentence({ place: "Halsnæs", year: 2024, value: 1234, measure: movers })).toBe("I 2024 flyttede 1.234 personer til Halsnæs.");
  });

  it("singular and plural of the noun", () => {
    expect(levelSentence({ place: "Halsnæs", year: 2024, value: 1, measure: movers })).toBe("I 2024 flyttede 1 person til Halsnæs.");
    expect(levelSentence({ place: "Halsnæs", year: 2024, value: 0, measure: movers })).toBe("I 2024 flyttede 0 personer til Halsnæs.");
    expect(plural(1, { one: "kommune", other: "kommuner" })).toBe("kommune");
    expect(plural(2, { one: "kommune", other: "kommuner" })).toBe("kommuner");
  });

  it("shares, rates and amounts: the subject, the value with its unit, the year", () => {
    expect(levelSentence({ place: "Halsnæs", year: 2020, value: 8.14, measure: share2029 })).toBe("Andelen af 20–29-årige i Halsnæs var 8,1 % i 2020.");
    expect(levelSentence({ place: "Halsnæs", year: 2024, value: 245312.4, measure: DISPOSABLE_INCOME })).toBe(
      "Den disponible indkomst pr. person i Halsnæs var 245.312 kr. i 2024.",
    );
    expect(levelSentence({ place: "Halsnæs", year: 2024, value: 31.25, measure: COMMUTING_DISTANCE })).toBe(
      "Den gennemsnitlige pendlingsafstand i Halsnæs var 31,3 km i 2024.",
    );
  });

  it("signs: + and − (U+2212) on net rates, ±0 for nothing", () => {
    expect(levelSentence({ place: "Halsnæs", year: 2024, value: 2.14, measure: netRate("25–44-årige") })).toBe(
      "Nettotilflytningen af 25–44-årige i Halsnæs var +2,1 pr. 1.000 indbyggere i 2024.",
    );
    expect(levelSentence({ place: "Halsnæs", year: 2024, value: -0.44, measure: netRate() })).toBe(
      "Nettotilflytningen i Halsnæs var −0,4 pr. 1.000 indbyggere i 2024.",
    );
    expect(levelSentence({ place: "Halsnæs", year: 2024, value: 0.04, measure: netRate() })).toBe(
      "Nettotilflytningen i Halsnæs var ±0 pr. 1.000 indbyggere i 2024.",
    );
  });

  it("missing: said plainly", () => {
    expect(levelSentence({ place: "Halsnæs", year: 2024, value: null, measure: POPULATION })).toBe("Der er ingen tal for folketallet i Halsnæs i 2024.");
    expect(levelSentence({ place: "Assens", year: 2026, value: Number.NaN, measure: share2029 })).toBe(
      "Der er ingen tal for andelen af 20–29-årige i Assens i 2026.",
    );
  });
});

describe("change since the baseline year", () => {
  const pop = (population: number | null, basePopulation: number | null) =>
    populationText({ place: "Halsnæs", year: 2024, population, baseYear: 2011, basePopulation });

  it("counts: more or fewer, with the change in % of the base", () => {
    expect(pop(31738, 30504)).toBe("I 2024 boede der 31.738 i Halsnæs, 1.234 flere end i 2011 (+4,0 %).");
    expect(pop(29270, 30504)).toBe("I 2024 boede der 29.270 i Halsnæs, 1.234 færre end i 2011 (−4,0 %).");
  });

  it("counts: a change under 1 % is small ('næsten lige så mange'), equal is 'lige så mange'", () => {
    expect(pop(31738, 31500)).toBe("I 2024 boede der 31.738 i Halsnæs, næsten lige så mange som i 2011 (238 flere, +0,8 %).");
    expect(pop(31738, 31738)).toBe("I 2024 boede der 31.738 i Halsnæs, lige så mange som i 2011.");
    // the threshold: 1 % is no longer small
    expect(pop(10100, 10000)).toBe("I 2024 boede der 10.100 i Halsnæs, 100 flere end i 2011 (+1,0 %).");
  });

  it("counts: singular 'mere' for one more, and no '+0,0 %' for a change that rounds to nothing", () => {
    expect(pop(31738, 31737)).toBe("I 2024 boede der 31.738 i Halsnæs, næsten lige så mange som i 2011 (1 mere).");
    expect(pop(31736, 31737)).toBe("I 2024 boede der 31.736 i Halsnæs, næsten lige så mange som i 2011 (1 færre).");
    expect(pop(31739, 31737)).toBe("I 2024 boede der 31.739 i Halsnæs, næsten lige så mange som i 2011 (2 flere).");
  });

  it("missing: the base year, or the year itself", () => {
    expect(pop(31738, null)).toBe("I 2024 boede der 31.738 i Halsnæs. Der er ingen tal for 2011, så udviklingen kan ikke beregnes.");
    expect(pop(null, 30504)).toBe("Der er ingen tal for folketallet i Halsnæs i 2024, så udviklingen siden 2011 kan ikke beregnes.");
  });

  it("shares: procentpoint from the numbers as shown; under 0,5 procentpoint 'næsten uændret'", () => {
    const s = (value: number, baseValue: number) =>
      changeSentence({ place: "Halsnæs", year: 2024, value, baseYear: 2011, baseValue, measure: ageShare("65+-årige") });
    // 24,34 and 20,16 are shown as 24,3 and 20,2: the difference read is 4,1, not 4,18 → 4,2
    expect(s(24.34, 20.16)).toBe("Andelen af 65+-årige i Halsnæs var 24,3 % i 2024, 4,1 procentpoint højere end i 2011 (20,2 %).");
    expect(s(20.16, 24.34)).toBe("Andelen af 65+-årige i Halsnæs var 20,2 % i 2024, 4,1 procentpoint lavere end i 2011 (24,3 %).");
    expect(s(24.3, 24.0)).toBe("Andelen af 65+-årige i Halsnæs var 24,3 % i 2024, næsten uændret siden 2011 (24,0 %).");
    expect(s(24.5, 24.0)).toBe("Andelen af 65+-årige i Halsnæs var 24,5 % i 2024, 0,5 procentpoint højere end i 2011 (24,0 %).");
    // 24,31 and 24,34 both show as 24,3
    expect(s(24.31, 24.34)).toBe("Andelen af 65+-årige i Halsnæs var 24,3 % i 2024, uændret siden 2011.");
  });

  it("rates: in the rate's unit, signs on both values", () => {
    expect(changeSentence({ place: "Halsnæs", year: 2024, value: 2.1, baseYear: 2011, baseValue: -0.9, measure: netRate("25–44-årige") })).toBe(
      "Nettotilflytningen af 25–44-årige i Halsnæs var +2,1 pr. 1.000 indbyggere i 2024, 3,0 højere end i 2011 (−0,9).",
    );
    expect(changeSentence({ place: "Halsnæs", year: 2024, value: -0.9, baseYear: 2011, baseValue: -0.6, measure: netRate() })).toBe(
      "Nettotilflytningen i Halsnæs var −0,9 pr. 1.000 indbyggere i 2024, næsten uændret siden 2011 (−0,6).",
    );
  });

  it("amounts: in the unit and in % of the base; the measure's own words for longer and shorter", () => {
    expect(changeSentence({ place: "Halsnæs", year: 2024, value: 245000, baseYear: 2011, baseValue: 200000, measure: DISPOSABLE_INCOME })).toBe(
      "Den disponible indkomst pr. person i Halsnæs var 245.000 kr. i 2024, 45.000 kr. højere end i 2011 (200.000 kr.; +22,5 %).",
    );
    expect(changeSentence({ place: "Halsnæs", year: 2024, value: 28.0, baseYear: 2011, baseValue: 31.2, measure: COMMUTING_DISTANCE })).toBe(
      "Den gennemsnitlige pendlingsafstand i Halsnæs var 28,0 km i 2024, 3,2 km kortere end i 2011 (31,2 km; −10,3 %).",
    );
    expect(changeSentence({ place: "Halsnæs", year: 2024, value: 201000, baseYear: 2011, baseValue: 200000, measure: DISPOSABLE_INCOME })).toBe(
      "Den disponible indkomst pr. person i Halsnæs var 201.000 kr. i 2024, næsten uændret siden 2011 (200.000 kr.).",
    );
  });
});

describe("position against a comparison group", () => {
  const cmp = (value: number | null, groupValue: number | null, group: Parameters<typeof groupName>[0] = peers5, measure: Measure = share2029, year?: number) =>
    comparisonSentence({ place: "Halsnæs", year, value, groupValue, group, measure });

  it("the group names, k in words", () => {
    expect(groupName({ kind: "neighbours" })).toBe("nabokommunerne");
    expect(groupName({ kind: "peers", k: 5 })).toBe("de fem lignende kommuner");
    expect(groupName({ kind: "peers", k: 2 })).toBe("de to lignende kommuner");
    expect(groupName({ kind: "peers", k: 1 })).toBe("den mest lignende kommune");
    expect(groupName({ kind: "peers", k: 15 })).toBe("de 15 lignende kommuner");
    expect(groupName({ kind: "region" })).toBe("regionen");
    expect(groupName({ kind: "region", name: "Region Hovedstaden" })).toBe("Region Hovedstaden");
    expect(groupName({ kind: "country" })).toBe("hele landet");
    expect([1, 3, 12, 13].map(numberWord)).toEqual(["en", "tre", "tolv", "13"]);
  });

  it("shares: the issue's example, and the other way round", () => {
    expect(cmp(8.14, 10.36)).toBe("Halsnæs har relativt færre 20–29-årige end de fem lignende kommuner: 8,1 % mod 10,4 %.");
    expect(cmp(10.36, 8.14, { kind: "neighbours" })).toBe("Halsnæs har relativt flere 20–29-årige end nabokommunerne: 10,4 % mod 8,1 %.");
    expect(cmp(8.14, 10.36, peers5, share2029, 2020)).toBe("I 2020 havde Halsnæs relativt færre 20–29-årige end de fem lignende kommuner: 8,1 % mod 10,4 %.");
  });

  it("shares: under 1 procentpoint is a small difference, equal as shown is 'samme'", () => {
    expect(cmp(8.14, 8.6, { kind: "region" })).toBe("Halsnæs har omtrent samme andel 20–29-årige som regionen: 8,1 % mod 8,6 % (en lille forskel).");
    // 8,14 and 8,06 both show as 8,1: no direction is claimed
    expect(cmp(8.14, 8.06, { kind: "country" })).toBe("Halsnæs har samme andel 20–29-årige som hele landet: 8,1 %.");
    // exactly 1 procentpoint as shown is no longer small
    expect(cmp(8.1, 9.1)).toBe("Halsnæs har relativt færre 20–29-årige end de fem lignende kommuner: 8,1 % mod 9,1 %.");
  });

  it("shares: 'markant' only from 5 procentpoint", () => {
    expect(cmp(8.1, 13.0, { kind: "country" })).toBe("Halsnæs har relativt færre 20–29-årige end hele landet: 8,1 % mod 13,0 %.");
    expect(cmp(8.1, 13.1, { kind: "country" })).toBe("Halsnæs har en markant mindre andel 20–29-årige end hele landet: 8,1 % mod 13,1 %.");
    expect(cmp(18.1, 13.1, { kind: "country" })).toBe("Halsnæs har en markant større andel 20–29-årige end hele landet: 18,1 % mod 13,1 %.");
    expect(differenceDegree(8.1, 13.0, share2029)).toEqual({ diff: -4.9, degree: "clear" });
    expect(differenceDegree(8.1, 13.1, share2029)).toEqual({ diff: -5, degree: "marked" });
  });

  it("amounts: relative to the group; under 5 % small, from 25 % 'markant'", () => {
    expect(cmp(245000, 262000, { kind: "country" }, DISPOSABLE_INCOME)).toBe(
      "Den disponible indkomst pr. person er lavere i Halsnæs end i hele landet: 245.000 kr. mod 262.000 kr.",
    );
    expect(cmp(255000, 262000, { kind: "country" }, DISPOSABLE_INCOME)).toBe(
      "Den disponible indkomst pr. person er omtrent den samme i Halsnæs som i hele landet: 255.000 kr. mod 262.000 kr. (en lille forskel).",
    );
    expect(cmp(245000, 340000, { kind: "peers", k: 1 }, DISPOSABLE_INCOME, 2024)).toBe(
      "I 2024 var den disponible indkomst pr. person markant lavere i Halsnæs end i den mest lignende kommune: 245.000 kr. mod 340.000 kr.",
    );
    expect(cmp(31.2, 24.1, { kind: "country" }, COMMUTING_DISTANCE)).toBe(
      "Den gennemsnitlige pendlingsafstand er markant længere i Halsnæs end i hele landet: 31,2 km mod 24,1 km.",
    );
    expect(cmp(24.1, 24.1, { kind: "neighbours" }, COMMUTING_DISTANCE)).toBe(
      "Den gennemsnitlige pendlingsafstand er den samme i Halsnæs som i nabokommunerne: 24,1 km.",
    );
  });

  it("rates: the unit once, signs on both; under 1 small, from 5 'markant'", () => {
    expect(cmp(2.1, -0.4, { kind: "peers", k: 3 }, netRate("25–44-årige"))).toBe(
      "Nettotilflytningen af 25–44-årige er højere i Halsnæs end i de tre lignende kommuner: +2,1 mod −0,4 pr. 1.000 indbyggere.",
    );
    expect(cmp(2.1, 1.5, { kind: "region" }, netRate())).toBe(
      "Nettotilflytningen er omtrent den samme i Halsnæs som i regionen: +2,1 mod +1,5 pr. 1.000 indbyggere (en lille forskel).",
    );
    expect(cmp(-4.0, 1.0, { kind: "country" }, netRate())).toBe(
      "Nettotilflytningen er markant lavere i Halsnæs end i hele landet: −4,0 mod +1,0 pr. 1.000 indbyggere.",
    );
  });

  it("a neuter subject says 'det samme'", () => {
    expect(cmp(31738, 31740, { kind: "municipality", name: "Gribskov" }, POPULATION)).toBe(
      "Folketallet er omtrent det samme i Halsnæs som i Gribskov: 31.738 mod 31.740 (en lille forskel).",
    );
  });

  it("missing: the place or the group, said plainly, nothing compared", () => {
    expect(cmp(8.1, null)).toBe("Der er ingen tal for de fem lignende kommuner, så Halsnæs kan ikke sammenlignes med dem.");
    expect(cmp(8.1, null, { kind: "country" }, share2029, 2026)).toBe(
      "Der er ingen tal for hele landet i 2026, så Halsnæs kan ikke sammenlignes med hele landet.",
    );
    expect(cmp(null, 8.1, { kind: "region" }, share2029, 2026)).toBe(
      "Der er ingen tal for andelen af 20–29-årige i Halsnæs i 2026, så Halsnæs kan ikke sammenlignes med regionen.",
    );
  });

  it("never says 'markant' or 'betydeligt' below the threshold (a sweep over differences)", () => {
    for (let d = -12; d <= 12; d += 0.1) {
      const text = cmp(10 + d, 10, { kind: "country" });
      const shownDiff = Math.abs(Math.round((10 + d) * 10) / 10 - 10);
      expect(/betydelig/.test(text)).toBe(false);
      expect(/markant/.test(text), `${text} (${shownDiff})`).toBe(shownDiff >= THRESHOLDS.compare.percent.marked - 1e-9);
      expect(/lille forskel/.test(text), text).toBe(shownDiff > 1e-9 && shownDiff < THRESHOLDS.compare.percent.small - 1e-9);
    }
  });
});

describe("text alternatives and rules", () => {
  it("joins sentences into one text, leaving out the empty", () => {
    expect(
      joinSentences(
        populationText({ place: "Halsnæs", year: 2024, population: 31738, baseYear: 2011, basePopulation: 30504 }),
        null,
        comparisonSentence({ place: "Halsnæs", year: 2020, value: 8.14, groupValue: 10.36, group: peers5, measure: share2029 }),
      ),
    ).toBe(
      "I 2024 boede der 31.738 i Halsnæs, 1.234 flere end i 2011 (+4,0 %). I 2020 havde Halsnæs relativt færre 20–29-årige end de fem lignende kommuner: 8,1 % mod 10,4 %.",
    );
  });

  it("every sentence names the place and ends with one full stop", () => {
    const all = [
      levelSentence({ place: "Assens", year: 2024, value: 245000, measure: DISPOSABLE_INCOME }),
      changeSentence({ place: "Assens", year: 2024, value: 245000, baseYear: 2011, baseValue: 200000, measure: DISPOSABLE_INCOME }),
      comparisonSentence({ place: "Assens", value: 245000, groupValue: 262000, group: { kind: "country" }, measure: DISPOSABLE_INCOME }),
      comparisonSentence({ place: "Assens", value: 245000, groupValue: null, group: { kind: "country" }, measure: DISPOSABLE_INCOME }),
    ];
    for (const s of all) {
      expect(s).toContain("Assens");
      expect(s).toMatch(/[^.]\.$/);
      expect(s).not.toMatch(/\.\./);
    }
  });

  it("formats measures the Danish way", () => {
    expect(formatMeasure(1234.5, { kind: "amount", subject: "", unit: "kr.", decimals: 1 })).toBe("1.234,5 kr.");
    expect(formatMeasure(-3.25, netRate())).toBe("−3,3 pr. 1.000 indbyggere");
    expect(formatMeasure(2, movers, true)).toBe("2 personer");
  });

  it("states the thresholds in Danish", () => {
    const text = SENTENCE_RULES_DA.join(" ");
    expect(text).toContain("en forskel under 1 procentpoint kaldes lille");
    expect(text).toContain('"markant" bruges først ved 5 procentpoint eller mere');
    expect(text).toContain("under 5 % af sammenligningsværdien kaldes lille");
    expect(text).toContain("under 1 % (antal og beløb), 0,5 procentpoint (andele) eller 0,5 (rater)");
    // growth and indices, and levels per 1.000 inhabitants: the thresholds their "markant" rests on
    expect(text).toContain(
      'Vækst i procent og indeks (fx folketallets vækst 2011–2026, indeks 2011 = 100): en forskel under 1 procentpoint (indekspoint) kaldes lille; "markant" først ved 5 procentpoint (indekspoint) eller mere.',
    );
    expect(text).toContain(
      "niveauer pr. 1.000 indbyggere (kr., km, fuldtidspersoner på ydelser pr. 1.000 indbyggere): en forskel under 5 % af sammenligningsværdien kaldes lille",
    );
  });
});

describe("growth, benefit levels and charts without numbers", () => {
  const cmp = (value: number | null, groupValue: number | null, group: ComparisonGroup, measure: Measure) =>
    comparisonSentence({ place: "Assens", value, groupValue, group, measure });

  it("growth in %: procentpoint of growth; under 1 small, 'markant' only from 5 (the stated rule)", () => {
    const growth = growthRate("Væksten i folketallet 2011–2026");
    expect(cmp(-3.041, 8.362, { kind: "country" }, growth)).toBe(
      "Væksten i folketallet 2011–2026 er markant lavere i Assens end i hele landet: −3,0 mod +8,4 %.",
    );
    expect(cmp(-3.041, 0.52, { kind: "peers", k: 5 }, growth)).toBe(
      "Væksten i folketallet 2011–2026 er lavere i Assens end i de fem lignende kommuner: −3,0 mod +0,5 %.",
    );
    expect(cmp(2.2, 2.9, { kind: "neighbours" }, growth)).toBe(
      "Væksten i folketallet 2011–2026 er omtrent den samme i Assens som i nabokommunerne: +2,2 mod +2,9 % (en lille forskel).",
    );
    // 4,9 procentpoint is not "markant"; 5,0 is
    expect(cmp(1.1, -3.8, { kind: "region" }, growth)).not.toContain("markant");
    expect(cmp(1.1, -3.9, { kind: "region" }, growth)).toContain("markant højere");
  });

  it("benefit recipients per 1.000: relative to the group, so 5 per 1.000 on 150 is a small difference, not 'markant'", () => {
    expect(cmp(145.2, 150.3, { kind: "neighbours" }, BENEFIT_RECIPIENTS)).toBe(
      "Antallet af fuldtidspersoner på indkomsterstattende ydelser er omtrent det samme i Assens som i nabokommunerne: 145,2 pr. 1.000 indbyggere mod 150,3 pr. 1.000 indbyggere (en lille forskel).",
    );
    expect(cmp(120.0, 150.3, { kind: "country" }, BENEFIT_RECIPIENTS)).toBe(
      "Antallet af fuldtidspersoner på indkomsterstattende ydelser er lavere i Assens end i hele landet: 120,0 pr. 1.000 indbyggere mod 150,3 pr. 1.000 indbyggere.",
    );
    expect(cmp(190.0, 150.0, { kind: "country" }, BENEFIT_RECIPIENTS)).toContain("markant højere");
    expect(changeSentence({ place: "Assens", year: 2024, value: 120.04, baseYear: 2011, baseValue: 140.0, measure: BENEFIT_RECIPIENTS })).toBe(
      "Antallet af fuldtidspersoner på indkomsterstattende ydelser i Assens var 120,0 pr. 1.000 indbyggere i 2024, 20,0 pr. 1.000 indbyggere lavere end i 2011 (140,0 pr. 1.000 indbyggere; −14,3 %).",
    );
  });

  it("a chart without numbers says so, and that nothing is compared with the group", () => {
    const taxable: Measure = { kind: "amount", subject: "Den skattepligtige indkomst pr. person", unit: "kr." };
    expect(noNumbersSentence({ place: "Halsnæs", measure: taxable, group: { kind: "peers", k: 5 } })).toBe(
      "Der er ingen tal for den skattepligtige indkomst pr. person i Halsnæs, så Halsnæs kan ikke sammenlignes med de fem lignende kommuner.",
    );
    expect(noNumbersSentence({ place: "Halsnæs", measure: BENEFIT_RECIPIENTS, group: { kind: "region", name: "Region Hovedstaden" } })).toBe(
      "Der er ingen tal for antallet af fuldtidspersoner på indkomsterstattende ydelser i Halsnæs, så Halsnæs kan ikke sammenlignes med Region Hovedstaden.",
    );
    expect(noNumbersSentence({ place: "Læsø Kommune", measure: POPULATION })).toBe("Der er ingen tal for folketallet i Læsø Kommune.");
  });
});
