/**
 * The sentences of /praeferencer (src/lib/surveySentences.ts) on fixtures: n and weighting said,
 * under 30 answers marked uncertain, group differences under 5 procentpoint called small (and the
 * line stated), "sikker" only when the interval leaves out 0, example data first, nothing to say
 * said plainly. Written out in full.
 */
import { describe, expect, it } from "vitest";
import {
  SURVEY_SENTENCE_RULES_DA,
  SURVEY_SMALL_DIFFERENCE,
  distributionSentence,
  groupComparisonSentence,
  quadrantSentence,
  reasonsSentence,
  representationSentence,
  shareSentence,
  weightingSentence,
} from "../../src/lib/surveySentences.ts";
import { THRESHOLDS } from "../../src/lib/sentences.ts";

const unweighted = { weighted: false, respondents: 1000 };
const weighted = { weighted: true, respondents: 1000, effectiveN: 850.4 };

describe("weighting", () => {
  it("says whether figures are weighted, with the effective sample size", () => {
    expect(weightingSentence(unweighted)).toBe("Tallene er uvejede: hver besvarelse tæller én gang.");
    expect(weightingSentence(weighted)).toBe("Tallene er vejet, så besvarelserne svarer til befolkningen (effektiv stikprøve 850 af 1.000 besvarelser).");
    expect(weightingSentence({ weighted: true, respondents: 10, effectiveN: null })).toBe("Tallene er vejet, så besvarelserne svarer til befolkningen.");
  });

  it("uses sentences.ts's marked line as the survey's small line", () => {
    expect(SURVEY_SMALL_DIFFERENCE).toBe(THRESHOLDS.compare.percent.marked);
  });
});

describe("who answered", () => {
  const entries = [
    { group: "Alder", category: "20–34 år", respondentShare: 0.152, populationShare: 0.2213 },
    { group: "Alder", category: "65–79 år", respondentShare: 0.28, populationShare: 0.184 },
    { group: "Køn", category: "Kvinde", respondentShare: null, populationShare: 0.5 },
  ];
  it("names the largest skew and how weighting corrects it", () => {
    expect(representationSentence({ place: "Halsnæs", year: 2025, respondents: 1000, entries, weighted: false, example: true })).toBe(
      "Eksempeldata: 1.000 har svaret. Den største skævhed er i gruppen 65–79 år (alder): 28,0 % af besvarelserne mod 18,4 % af befolkningen i Halsnæs 1. januar 2025, altså overrepræsenteret med 9,6 procentpoint. Vægtningen ovenfor kan rette op på skævheder som denne.",
    );
  });
  it("under 1 procentpoint everywhere: close to the population", () => {
    expect(
      representationSentence({
        place: "Halsnæs",
        year: 2025,
        respondents: 1000,
        entries: [{ group: "Køn", category: "Mand", respondentShare: 0.496, populationShare: 0.4949 }],
        weighted: true,
      }),
    ).toBe(
      "1.000 har svaret. Besvarelserne fordeler sig næsten som befolkningen i Halsnæs 1. januar 2025: ingen gruppe afviger med 1 procentpoint eller mere.",
    );
    expect(representationSentence({ place: "Halsnæs", year: 2025, respondents: 3, entries: [], weighted: false })).toBe(
      "3 har svaret. Der er ingen befolkningstal for Halsnæs at holde besvarelserne op imod.",
    );
  });
});

describe("shares agreeing", () => {
  it("highest and lowest with interval and n; under 30 answers marked uncertain", () => {
    expect(
      shareSentence({
        items: [
          { label: "Kollektiv trafik (tilfredshed)", share: 0.21, lower: 0.1722, upper: 0.2541, n: 398 },
          { label: "Natur og omgivelser (tilfredshed)", share: 0.8234, lower: 0.7801, upper: 0.8598, n: 412 },
          { label: "Kultur (vigtighed)", share: 0.5, lower: 0.33, upper: 0.67, n: 24 },
        ],
        weighting: weighted,
        example: true,
      }),
    ).toBe(
      "Eksempeldata: Højest: Natur og omgivelser (tilfredshed), hvor 82,3 % svarer 4 eller 5 (95 %-interval 78,0–86,0 %, 412 svar). Lavest: Kollektiv trafik (tilfredshed), 21,0 % (95 %-interval 17,2–25,4 %, 398 svar). Tallene er vejet, så besvarelserne svarer til befolkningen (effektiv stikprøve 850 af 1.000 besvarelser).",
    );
    expect(shareSentence({ items: [{ label: "Kultur", share: 0.5, lower: 0.33, upper: 0.67, n: 24 }], weighting: unweighted })).toBe(
      "Højest: Kultur, hvor 50,0 % svarer 4 eller 5 (95 %-interval 33,0–67,0 %, 24 svar, under 30 svar, usikkert). Tallene er uvejede: hver besvarelse tæller én gang.",
    );
    expect(shareSentence({ items: [], weighting: unweighted })).toBe("Der er ingen svar på udsagnene i filen.");
  });

  it("a scale's distribution as the share in its two highest categories", () => {
    const rows = [1, 2, 3, 4, 5].flatMap((c) => [
      { label: "Boliger", category: c, share: [0.01, 0.02, 0.05, 0.3, 0.62][c - 1], n: 412 },
      { label: "Kultur", category: c, share: [0.1, 0.2, 0.288, 0.212, 0.2][c - 1], n: 380 },
    ]);
    const labels = ["Slet ikke vigtigt", "Ikke særlig vigtigt", "Nogenlunde vigtigt", "Vigtigt", "Meget vigtigt"];
    expect(distributionSentence({ scale: "vigtighed", scaleLabels: labels, rows, weighting: unweighted })).toBe(
      "På de 2 udsagn om vigtighed svarer mellem 41,2 % (Kultur) og 92,0 % (Boliger) Vigtigt eller Meget vigtigt (380–412 svar pr. udsagn). Tallene er uvejede: hver besvarelse tæller én gang.",
    );
  });
});

describe("importance and satisfaction", () => {
  it("the largest gap, or all close under 0,5 point", () => {
    expect(
      quadrantSentence({
        topics: [
          { topic: "Kollektiv trafik", importance: 4.31, satisfaction: 2.64, n: 402 },
          { topic: "Natur", importance: 4.5, satisfaction: 4.4, n: 410 },
        ],
        weighting: unweighted,
        example: true,
      }),
    ).toBe(
      "Eksempeldata: Størst afstand mellem vigtighed og tilfredshed: Kollektiv trafik, vigtighed 4,3 og tilfredshed 2,6 på skalaen 1–5 (1,7 point; 402 svar). Tallene er uvejede: hver besvarelse tæller én gang.",
    );
    expect(quadrantSentence({ topics: [{ topic: "Natur", importance: 4.5, satisfaction: 4.14, n: 12 }], weighting: unweighted })).toBe(
      "Vigtighed og tilfredshed er tæt på hinanden for det ene emne: tilfredsheden ligger højst 0,5 point under vigtigheden på skalaen 1–5 (størst for Natur: vigtighed 4,5, tilfredshed 4,1). Tallene er uvejede: hver besvarelse tæller én gang.",
    );
  });
});

describe("two groups compared", () => {
  const rows = [
    { item: "Skoler (vigtighed)", a: 0.88, na: 210, b: 0.52, nb: 180, lower: 0.271, upper: 0.442 },
    { item: "Natur (tilfredshed)", a: 0.8, na: 210, b: 0.77, nb: 180, lower: -0.05, upper: 0.11 },
    { item: "Kultur (vigtighed)", a: 0.4, na: 210, b: 0.44, nb: 180, lower: -0.14, upper: 0.06 },
  ];
  it("the largest difference, its interval and certainty, and how many are small (the line stated)", () => {
    expect(groupComparisonSentence({ a: "Par med børn", b: "Uden børn", rows, weighting: unweighted, example: true })).toBe(
      "Eksempeldata: Største forskel mellem Par med børn og Uden børn: Skoler (vigtighed), 88,0 % mod 52,0 % svarer 4 eller 5, 36,0 procentpoint (95 %-interval +27,1 til +44,2, så forskellen er sikker; 210 og 180 svar). På 2 af 3 udsagn er forskellen under 5 procentpoint og kaldes lille. Tallene er uvejede: hver besvarelse tæller én gang.",
    );
  });
  it("all under 5 procentpoint: nearly the same; an interval with 0 is not called sure; small groups flagged", () => {
    expect(groupComparisonSentence({ a: "Mand", b: "Kvinde", rows: [{ ...rows[1], nb: 25 }, rows[2]], weighting: weighted })).toBe(
      "Mand og Kvinde svarer næsten ens: ingen forskel er på 5 procentpoint eller mere (størst: Kultur (vigtighed), 40,0 % mod 44,0 % svarer 4 eller 5, 4,0 procentpoint (95 %-interval −14,0 til +6,0, så forskellen kan skyldes tilfældigheder; 210 og 180 svar)). Tallene er vejet, så besvarelserne svarer til befolkningen (effektiv stikprøve 850 af 1.000 besvarelser).",
    );
    expect(
      groupComparisonSentence({ a: "A", b: "B", rows: [{ item: "X", a: 0.5, na: 12, b: 0.9, nb: 40, lower: -0.6, upper: -0.1 }], weighting: unweighted }),
    ).toContain(
      "40,0 procentpoint (95 %-interval −60,0 til −10,0, så forskellen er sikker; 12 og 40 svar, under 30 svar i en af grupperne, usikkert). Det er det eneste udsagn, begge grupper har svaret på.",
    );
    expect(groupComparisonSentence({ a: "A", b: "B", rows: [], weighting: unweighted })).toBe("Der er ingen udsagn, som både A og B har svaret på.");
  });
});

describe("reasons", () => {
  it("the most frequent reason with its n, the next two, several answers possible", () => {
    expect(
      reasonsSentence({
        reasons: [
          { label: "Boligen", share: 0.301, n: 380 },
          { label: "Natur og omgivelser", share: 0.452, n: 380 },
          { label: "Familie og venner", share: 0.22, n: 380 },
          { label: "Arbejde", share: 0.1, n: 380 },
        ],
        weighting: unweighted,
        example: true,
      }),
    ).toBe(
      "Eksempeldata: Den hyppigste grund er Natur og omgivelser, valgt af 45,2 % af 380 besvarelser; derefter Boligen (30,1 %) og Familie og venner (22,0 %). Flere svar var mulige. Tallene er uvejede: hver besvarelse tæller én gang.",
    );
    expect(reasonsSentence({ reasons: [], weighting: unweighted })).toBe("Ingen har angivet en grund i filen.");
  });
});

describe("SURVEY_SENTENCE_RULES_DA", () => {
  it("states the survey's thresholds as the sentences use them (shown on Om data)", () => {
    const text = SURVEY_SENTENCE_RULES_DA.join(" ");
    expect(text).toContain(`under ${SURVEY_SMALL_DIFFERENCE} procentpoint kaldes lille`);
    expect(text).toContain("under 0,5 point");
    expect(text).toContain("under 30 svar kaldes usikre");
  });
});
