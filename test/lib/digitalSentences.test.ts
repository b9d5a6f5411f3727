/**
 * The sentences of /digitalisering (src/lib/digitalSentences.ts) on fixtures: shares against the
 * 50 % and 80 % goals (small differences called small), the channel mix, cost, unit costs, the
 * what-if, exemptions with hidden cells, and the project board; "Eksempeldata:" first for example
 * files; missing figures said plainly. Written out in full.
 */
import { describe, expect, it } from "vitest";
import {
  channelMixSentence,
  costSentence,
  deadlineSentence,
  exemptionSentence,
  goalClause,
  listDa,
  shareGoalSentence,
  unitCostSentence,
  whatIfSentence,
} from "../../src/lib/digitalSentences.ts";
import { projectBoardSentence, projectHistorySentence } from "../../src/lib/projectSentences.ts";

const selfService = "Andelen af henvendelserne via digital selvbetjening";

describe("shares against a goal", () => {
  it("level, change since the first year and the distance to the goal", () => {
    expect(
      shareGoalSentence({
        place: "Halsnæs",
        subject: selfService,
        years: [
          { year: 2011, share: 0.125 },
          { year: 2015, share: 0.38462 },
        ],
        goal: 0.5,
        goalYear: 2015,
        example: true,
      }),
    ).toBe(
      "Eksempeldata: Andelen af henvendelserne via digital selvbetjening i Halsnæs var 38,5 % i 2015, 26,0 procentpoint højere end i 2011 (12,5 %). Målet er mindst 50 % i 2015; i 2015 er andelen 11,5 procentpoint under.",
    );
  });

  it("a difference under 1 procentpoint is called small; over and at the goal", () => {
    expect(goalClause(49.6, 0.5, 2015, 2013)).toBe(
      "Målet er mindst 50 % i 2015; i 2013 er andelen 0,4 procentpoint under (en lille forskel, under 1 procentpoint).",
    );
    expect(goalClause(84.24, 0.8, 2015, 2015)).toBe("Målet er mindst 80 % i 2015; i 2015 er andelen 4,2 procentpoint over.");
    expect(goalClause(80.04, 0.8)).toBe("Målet er mindst 80 %; andelen er præcis på målet.");
  });

  it("after the goal's year: how that year went, never 'nået' for a later figure alone", () => {
    const years = [
      { year: 2014, share: 0.398 },
      { year: 2015, share: 0.476 },
      { year: 2016, share: 0.532 },
      { year: 2024, share: 0.782 },
    ];
    expect(shareGoalSentence({ place: "Halsnæs", subject: selfService, years, goal: 0.5, goalYear: 2015 })).toBe(
      "Andelen af henvendelserne via digital selvbetjening i Halsnæs var 78,2 % i 2024, 38,4 procentpoint højere end i 2014 (39,8 %). Målet er mindst 50 % i 2015; i 2024 er andelen 28,2 procentpoint over. I målåret 2015 var andelen 47,6 %, 2,4 procentpoint under målet; det blev først nået i 2016.",
    );
    expect(deadlineSentence([{ year: 2015, share: 0.51 }], 0.5, 2015, 2016)).toBe("I målåret 2015 var andelen 51,0 %, så målet blev nået til tiden.");
    expect(
      deadlineSentence(
        [
          { year: 2015, share: 0.41 },
          { year: 2016, share: 0.45 },
        ],
        0.5,
        2015,
        2016,
      ),
    ).toBe("I målåret 2015 var andelen 41,0 %, 9,0 procentpoint under målet; det er endnu ikke nået.");
    expect(deadlineSentence([{ year: 2016, share: 0.55 }], 0.5, 2015, 2016)).toBe("Der er ingen tal for målåret 2015; målet er nået fra 2016.");
    expect(deadlineSentence([{ year: 2015, share: 0.41 }], 0.5, 2015, 2015)).toBeNull();
  });

  it("one year only, or none", () => {
    expect(shareGoalSentence({ place: "Halsnæs", subject: "Andelen af brevene sendt digitalt", years: [{ year: 2014, share: 0.638 }] })).toBe(
      "Andelen af brevene sendt digitalt i Halsnæs var 63,8 % i 2014.",
    );
    expect(shareGoalSentence({ place: "Assens", subject: "Andelen af brevene sendt digitalt", years: [{ year: 2014, share: null }], goal: 0.8 })).toBe(
      "Der er ingen tal for andelen af brevene sendt digitalt i Assens.",
    );
  });
});

describe("channel mix and cost", () => {
  const years = [
    { year: 2011, digitalShare: 0.2051, total: 40000, byChannel: { telefon: 18450, email: 4100, selvbetjening: 4104 }, cost: 2_000_000, costPerInquiry: 50 },
    {
      year: 2015,
      digitalShare: 0.6124,
      total: 30000,
      byChannel: { telefon: 9060, email: 6000, selvbetjening: 12312 },
      cost: 1_234_567.4,
      costPerInquiry: 41.15,
    },
  ];

  it("the digital share's change and the largest channel", () => {
    expect(channelMixSentence({ place: "Halsnæs", years, channelName: (id) => (id === "selvbetjening" ? "selvbetjening uden integration" : id) })).toBe(
      "Andelen af henvendelserne via digitale kanaler i Halsnæs var 61,2 % i 2015, 40,7 procentpoint højere end i 2011 (20,5 %). Den største kanal i 2015 var selvbetjening uden integration med 41,0 % af henvendelserne (12.312 af 30.000).",
    );
  });

  it("the year's cost and the price per inquiry against the first year", () => {
    expect(costSentence({ place: "Halsnæs", years, example: true })).toBe(
      "Eksempeldata: I 2015 kostede henvendelserne i Halsnæs 1.234.567 kr., 41,2 kr. pr. henvendelse. Prisen pr. henvendelse i Halsnæs var 41,2 kr. i 2015, 8,8 kr. lavere end i 2011 (50,0 kr.; −17,6 %).",
    );
    expect(costSentence({ place: "Halsnæs", years: [{ year: 2015, cost: null, costPerInquiry: null }] })).toBe(
      "Udgiften kan ikke beregnes for Halsnæs: der mangler en pris for en kanal med henvendelser.",
    );
  });

  it("unit costs: cheapest and dearest channel, and where the prices come from", () => {
    expect(
      unitCostSentence({
        costs: [
          { channel: "Personligt fremmøde", kr: 110 },
          { channel: "Telefonisk henvendelse", kr: 50 },
          { channel: "Selvbetjening med integration til fagsystem", kr: 5 },
          { channel: "Ukendt", kr: undefined },
        ],
        sourceSentence: "Priserne er KL's gennemsnit for kommunerne (2014), ikke kommunens egne.",
      }),
    ).toBe(
      "Den billigste kanal er selvbetjening med integration til fagsystem med 5 kr. pr. henvendelse, den dyreste personligt fremmøde med 110 kr. (22 gange så meget). Priserne er KL's gennemsnit for kommunerne (2014), ikke kommunens egne.",
    );
    expect(
      unitCostSentence({
        costs: [
          { channel: "Telefon", kr: 50 },
          { channel: "E-mail", kr: 60 },
        ],
        sourceSentence: "Egne priser.",
      }),
    ).toBe("Den billigste kanal er telefon med 50 kr. pr. henvendelse, den dyreste e-mail med 60 kr. (1,2 gange så meget). Egne priser.");
  });

  it("what-if: before and after, signs, and the same channel twice", () => {
    expect(whatIfSentence({ year: 2015, before: 1_234_567.4, after: 1_179_207, example: true })).toBe(
      "Eksempeldata: Regneeksempel: med henvendelserne i 2015 falder årets udgift fra 1.234.567 kr. til 1.179.207 kr., 55.360 kr. eller 4,5 % mindre.",
    );
    expect(whatIfSentence({ year: 2015, before: 1000, after: 1100 })).toBe(
      "Regneeksempel: med henvendelserne i 2015 stiger årets udgift fra 1.000 kr. til 1.100 kr., 100 kr. eller 10,0 % mere.",
    );
    expect(whatIfSentence({ year: 2015, before: 1000, after: 1000, sameChannel: true })).toBe(
      "Der er valgt samme kanal to gange, så intet flyttes; årets udgift er 1.000 kr.",
    );
    expect(whatIfSentence({ year: 2015, before: null, after: null })).toBe("Udgiften kan ikke beregnes: der mangler en pris for en af kanalerne.");
  });
});

describe("exemptions from Digital Post", () => {
  it("the total, the outcomes and the most frequent reason", () => {
    expect(
      exemptionSentence({
        place: "Halsnæs",
        period: "december 2014",
        total: 251,
        granted: 175,
        refused: 76,
        reasons: [
          { reason: "funktionsnedsættelse", total: 44 },
          { reason: "manglende digitale færdigheder", total: 94 },
        ],
        example: true,
      }),
    ).toBe(
      "Eksempeldata: I december 2014 søgte 251 borgere om fritagelse for Digital Post i Halsnæs: 175 blev bevilget og 76 afslået. Flest søgte på grund af manglende digitale færdigheder (94).",
    );
  });

  it("hidden counts are said as hidden, never guessed; ties named together", () => {
    expect(
      exemptionSentence({
        place: "Halsnæs",
        period: "maj 2015",
        total: 12,
        granted: 12,
        refused: null,
        reasons: [
          { reason: "sprog", total: null },
          { reason: "andet", total: 5 },
          { reason: "funktionsnedsættelse", total: 5 },
        ],
      }),
    ).toBe(
      "I maj 2015 søgte 12 borgere om fritagelse for Digital Post i Halsnæs: 12 blev bevilget og et antal, der er skjult (færre end 3 eller skjult) afslået. Flest søgte på grund af andet og funktionsnedsættelse (5 hver). Tal under 3 vises ikke.",
    );
    expect(
      exemptionSentence({
        place: "Halsnæs",
        period: "maj 2015",
        total: null,
        granted: undefined,
        refused: undefined,
        reasons: [{ reason: "sprog", total: null }],
      }),
    ).toBe("Antallet af ansøgninger om fritagelse for Digital Post i Halsnæs i maj 2015 er skjult (færre end 3 eller skjult). Tal under 3 vises ikke.");
  });
});

describe("projects", () => {
  it("the board at a report and the changes since the one before", () => {
    expect(
      projectBoardSentence({
        place: "Assens",
        date: "2014-12-01",
        previousDate: "2014-09-01",
        counts: { grøn: 20, gul: 8, rød: 4, ingen: 0 },
        projects: 32,
        better: 3,
        worse: 2,
        example: true,
      }),
    ).toBe(
      "Eksempeldata: I rapporten 01.12.2014 i Assens var 20 af de 32 projekter grønne (følger planen), 8 gule og 4 røde. Siden rapporten 01.09.2014 er 3 blevet bedre og 2 værre.",
    );
    expect(projectBoardSentence({ place: "Assens", date: "2014-03-03", counts: { grøn: 1, gul: 1, rød: 1, ingen: 29 }, projects: 32 })).toBe(
      "I rapporten 03.03.2014 i Assens var 1 af de 32 projekter grønt (følger planen), 1 gult, 1 rødt og 29 uden status. Det er den første rapport, så der er ingen ændringer at vise.",
    );
    expect(projectBoardSentence({ place: "Halsnæs", date: null, counts: { grøn: 0, gul: 0, rød: 0, ingen: 32 }, projects: 32 })).toBe(
      "Der er ingen rapporter om projekternes status for Halsnæs; tavlen viser strategiens 32 projekter uden status.",
    );
  });

  it("the history from the first report to the last", () => {
    expect(
      projectHistorySentence({
        place: "Assens",
        dates: ["2014-03-03", "2014-09-01", "2014-12-01"],
        first: { grøn: 18, gul: 8, rød: 6, ingen: 0 },
        last: { grøn: 20, gul: 8, rød: 4, ingen: 0 },
      }),
    ).toBe(
      "3 rapporter om projekternes status i Assens fra 03.03.2014 til 01.12.2014. Antallet af røde projekter gik fra 6 til 4, af gule forblev på 8 og af grønne gik fra 18 til 20.",
    );
    expect(projectHistorySentence({ place: "Halsnæs", dates: [], first: null, last: null })).toBe("Der er ingen rapporter om projekternes status for Halsnæs.");
  });

  it("lists the Danish way", () => {
    expect([listDa([]), listDa(["a"]), listDa(["a", "b"]), listDa(["a", "b", "c"])]).toEqual(["", "a", "a og b", "a, b og c"]);
  });
});
