/**
 * The comparison group (src/lib/compareGroup.ts): who is in it for each kind, what a sentence
 * calls it, what it says when the group has no members, the URL value, the index series and the
 * sentences under a chart, on a hand-made fixture of seven municipalities in two regions.
 * Expected sentences are written out in full.
 */
import { describe, expect, it } from "vitest";
import {
  compareGroup,
  COMPARE_KINDS,
  COMPARE_LABELS,
  danishList,
  DEFAULT_COMPARE,
  describeGroup,
  indexSeries,
  parseCompareKind,
  seriesSentences,
  type CompareGroupInput,
  type SeriesPoint,
} from "../../src/lib/compareGroup.ts";
import type { PeerRow } from "../../src/lib/peers.ts";
import { DISPOSABLE_INCOME, type Measure } from "../../src/lib/sentences.ts";
import type { Municipality } from "../../src/lib/types.ts";

const muni = (code: string, name: string, region: "085" | "083"): Municipality => ({
  code,
  name,
  regionCode: region,
  regionName: region === "085" ? "Region Sjælland" : "Region Syddanmark",
});
const municipalities: Municipality[] = [
  muni("260", "Halsnæs", "085"), // (Hovedstaden in reality; Sjælland here, to have two regions of a few)
  muni("316", "Holbæk", "085"),
  muni("306", "Odsherred", "085"),
  muni("400", "Bornholm", "085"),
  muni("420", "Assens", "083"),
  muni("430", "Faaborg-Midtfyn", "083"),
  muni("155", "Dragør", "083"),
];
// both directions, as the dataset has them; Bornholm has none; Dragør one
const neighbours = [
  ["260", "306"],
  ["306", "260"],
  ["306", "316"],
  ["316", "306"],
  ["420", "430"],
  ["430", "420"],
  ["155", "430"],
].map(([area, neighbour]) => ({ area, neighbour }));
const peerRow = (area: string, peer: string, rank: number): PeerRow => ({ area, peer, rank, distance: rank / 10, indicators_used: 12 });
// written out of rank order: the group keeps the rank order
const peers: PeerRow[] = [peerRow("260", "430", 3), peerRow("260", "306", 1), peerRow("260", "400", 2), peerRow("420", "430", 1)];

const input = (area: string, kind: CompareGroupInput["kind"]): CompareGroupInput => ({ area, kind, municipalities, neighbours, peers });

describe("the choice and the URL", () => {
  it("four kinds in the control's order, with the Danish labels; neighbours by default", () => {
    expect(COMPARE_KINDS).toEqual(["naboer", "lignende", "region", "land"]);
    expect(COMPARE_KINDS.map((k) => COMPARE_LABELS[k])).toEqual(["Nabokommuner", "Lignende kommuner", "Regionen", "Hele landet"]);
    expect(DEFAULT_COMPARE).toBe("naboer");
  });

  it("?sammenlign= gives the kind; anything else the default (or the page's own)", () => {
    expect(parseCompareKind("lignende")).toBe("lignende");
    expect(parseCompareKind("land")).toBe("land");
    for (const bad of [null, undefined, "", "Lignende", "peers", "naboer "]) expect(parseCompareKind(bad)).toBe("naboer");
    expect(parseCompareKind(null, "region")).toBe("region");
  });
});

describe("who is in the group, and what a sentence calls it", () => {
  it("neighbours: the municipalities with a shared border, not itself, by name", () => {
    const g = compareGroup(input("306", "naboer"));
    expect(g.members).toEqual(["260", "316"]);
    expect(g.names).toEqual(["Halsnæs", "Holbæk"]);
    expect(g).toMatchObject({
      phrase: "nabokommunerne",
      label: "Nabokommuner",
      group: { kind: "neighbours" },
      includesSelf: false,
      missing: null,
      place: "Odsherred",
    });
  });

  it("a single neighbour is named: 'nabokommunen Faaborg-Midtfyn'", () => {
    const g = compareGroup(input("155", "naboer"));
    expect(g.members).toEqual(["430"]);
    expect(g.phrase).toBe("nabokommunen Faaborg-Midtfyn");
    expect(g.label).toBe("Nabokommunen Faaborg-Midtfyn");
    expect(g.group).toEqual({ kind: "municipality", name: "nabokommunen Faaborg-Midtfyn" });
  });

  it("an island without neighbours: no members and a sentence that says so, never a group of 0", () => {
    const g = compareGroup(input("400", "naboer"));
    expect(g.members).toEqual([]);
    expect(g.missing).toBe(
      "Bornholms Regionskommune har ingen nabokommuner (ingen fælles landgrænse; broer og færger tæller ikke), så der er ingen nabokommuner at sammenligne med.",
    );
    expect(describeGroup(g)).toBe(g.missing);
  });

  it("peers: the peers dataset's group, most similar first; 'de tre lignende kommuner' when there are three", () => {
    const g = compareGroup(input("260", "lignende"));
    expect(g.members).toEqual(["306", "400", "430"]);
    expect(g).toMatchObject({ phrase: "de tre lignende kommuner", label: "Lignende kommuner", group: { kind: "peers", k: 3 }, includesSelf: false });
    expect(compareGroup(input("420", "lignende")).phrase).toBe("den mest lignende kommune");
  });

  it("five peers are 'de fem lignende kommuner'", () => {
    const five = ["316", "306", "400", "430", "155"].map((p, i) => peerRow("260", p, i + 1));
    const g = compareGroup({ ...input("260", "lignende"), peers: five });
    expect(g.phrase).toBe("de fem lignende kommuner");
    expect(describeGroup(g)).toBe(
      "Lignende kommuner (de fem mest lignende, beregnet ud fra tallene; se Om data): Holbæk, Odsherred, Bornholm, Faaborg-Midtfyn og Dragør.",
    );
  });

  it("peers not computed for the municipality: missing, said plainly", () => {
    const g = compareGroup(input("316", "lignende"));
    expect(g.members).toEqual([]);
    expect(g.missing).toBe("Der er ikke beregnet lignende kommuner for Holbæk (se Om data), så der er ingen lignende kommuner at sammenligne med.");
  });

  it("a peer or neighbour that is not one of the municipalities, or the municipality itself, is never a member", () => {
    const g = compareGroup({ ...input("260", "lignende"), peers: [peerRow("260", "260", 1), peerRow("260", "999", 2), peerRow("260", "316", 3)] });
    expect(g.members).toEqual(["316"]);
  });

  it("region: every municipality of the region, itself included, named by the region", () => {
    const g = compareGroup(input("420", "region"));
    expect(g.members).toEqual(["420", "430", "155"]);
    expect(g).toMatchObject({
      phrase: "Region Syddanmark",
      label: "Region Syddanmark",
      group: { kind: "region", name: "Region Syddanmark" },
      includesSelf: true,
    });
    expect(describeGroup(g)).toBe("Region Syddanmark: 3 kommuner, Assens medregnet.");
  });

  it("country: all municipalities, itself included", () => {
    const g = compareGroup(input("420", "land"));
    expect(g.members).toHaveLength(7);
    expect(g).toMatchObject({ phrase: "hele landet", label: "Hele landet", group: { kind: "country" }, includesSelf: true, missing: null });
  });

  it("an island is named with 'Kommune' in a sentence ('i Læsø Kommune', never 'i Læsø')", () => {
    expect(compareGroup(input("400", "land")).place).toBe("Bornholms Regionskommune");
    expect(compareGroup(input("420", "land")).place).toBe("Assens");
  });

  it("lists the Danish way", () => {
    expect(danishList([])).toBe("");
    expect(danishList(["A"])).toBe("A");
    expect(danishList(["A", "B"])).toBe("A og B");
    expect(danishList(["A", "B", "C"])).toBe("A, B og C");
  });
});

describe("an index series", () => {
  const pts = (group: string, values: [number, number | null][]): SeriesPoint[] => values.map(([year, value]) => ({ group, year, value }));

  it("100 in the baseline year for each group, each on its own base", () => {
    const r = indexSeries(
      [
        ...pts("Assens", [
          [2010, 90],
          [2011, 100],
          [2012, 110],
        ]),
        ...pts("Gruppen", [
          [2011, 400],
          [2012, 500],
        ]),
      ],
      2011,
    );
    expect(r.base).toBe(2011);
    expect(r.points.map((p) => [p.group, p.year, p.index])).toEqual([
      ["Assens", 2010, 90],
      ["Assens", 2011, 100],
      ["Assens", 2012, 110],
      ["Gruppen", 2011, 100],
      ["Gruppen", 2012, 125],
    ]);
  });

  it("the first common year when a group lacks the baseline year; none when they share no year", () => {
    expect(
      indexSeries(
        [
          ...pts("A", [
            [2011, 1],
            [2013, 2],
          ]),
          ...pts("B", [[2013, 4]]),
        ],
        2011,
      ).base,
    ).toBe(2013);
    expect(indexSeries([...pts("A", [[2011, 1]]), ...pts("B", [[2013, 4]])], 2011)).toEqual({ base: null, points: [] });
    // a missing value is not a year the group has
    expect(
      indexSeries(
        [
          ...pts("A", [
            [2011, 1],
            [2012, 2],
          ]),
          ...pts("B", [
            [2011, null],
            [2012, 4],
          ]),
        ],
        2011,
      ).base,
    ).toBe(2012);
  });
});

describe("the sentences under a chart", () => {
  const compare = compareGroup({ ...input("420", "lignende"), peers: ["430", "155", "260", "306", "316"].map((p, i) => peerRow("420", p, i + 1)) });
  const income = (own: [number, number][], group: [number, number][]): SeriesPoint[] => [
    ...own.map(([year, value]) => ({ group: "Assens", year, value })),
    ...group.map(([year, value]) => ({ group: "Lignende kommuner", year, value })),
  ];
  const base = { self: "Assens", other: "Lignende kommuner", compare, baseYear: 2011, measure: DISPOSABLE_INCOME };

  it("level and change since the baseline year, then the position against the group in the same year", () => {
    const points = income(
      [
        [2011, 172000],
        [2024, 252783],
      ],
      [
        [2011, 180000],
        [2024, 262000],
      ],
    );
    expect(seriesSentences({ ...base, points })).toBe(
      "Den disponible indkomst pr. person i Assens var 252.783 kr. i 2024, 80.783 kr. højere end i 2011 (172.000 kr.; +47,0 %). " +
        "I 2024 var den disponible indkomst pr. person omtrent den samme i Assens som i de fem lignende kommuner: 252.783 kr. mod 262.000 kr. (en lille forskel).",
    );
  });

  it("a change measure that says more, and a group that lacks the latest year: compared in the latest year both have", () => {
    const points = income(
      [
        [2011, 172000],
        [2023, 240000],
        [2024, 252783],
      ],
      [[2023, 320000]],
    );
    expect(seriesSentences({ ...base, points, changeMeasure: { ...DISPOSABLE_INCOME, subject: "Den disponible indkomst pr. person (løbende priser)" } })).toBe(
      "Den disponible indkomst pr. person (løbende priser) i Assens var 252.783 kr. i 2024, 80.783 kr. højere end i 2011 (172.000 kr.; +47,0 %). " +
        "I 2023 var den disponible indkomst pr. person markant lavere i Assens end i de fem lignende kommuner: 240.000 kr. mod 320.000 kr.",
    );
  });

  it("missing numbers said plainly: no baseline year, no group figure", () => {
    const points = income([[2024, 252783]], []);
    expect(seriesSentences({ ...base, points })).toBe(
      "Den disponible indkomst pr. person i Assens var 252.783 kr. i 2024. Der er ingen tal for 2011, så udviklingen kan ikke beregnes. " +
        "Der er ingen tal for de fem lignende kommuner i 2024, så Assens kan ikke sammenlignes med dem.",
    );
    expect(seriesSentences({ ...base, points: [] })).toBe("Der er ingen tal for den disponible indkomst pr. person i Assens.");
  });

  it("a group without members: the level and the reason, no comparison", () => {
    const island = compareGroup(input("400", "naboer"));
    const points = [
      { group: "Bornholm", year: 2011, value: 160000 },
      { group: "Bornholm", year: 2024, value: 230000 },
    ];
    expect(seriesSentences({ ...base, self: "Bornholm", other: island.label, compare: island, points })).toBe(
      "Den disponible indkomst pr. person i Bornholms Regionskommune var 230.000 kr. i 2024, 70.000 kr. højere end i 2011 (160.000 kr.; +43,8 %). " +
        "Bornholms Regionskommune har ingen nabokommuner (ingen fælles landgrænse; broer og færger tæller ikke), så der er ingen nabokommuner at sammenligne med.",
    );
  });

  it("counts for the change, an index for the position (virksomheder)", () => {
    const counts = [
      { group: "Assens", year: 2011, value: 2000 },
      { group: "Assens", year: 2023, value: 2110 },
      { group: "Lignende kommuner", year: 2011, value: 10000 },
      { group: "Lignende kommuner", year: 2023, value: 11000 },
    ];
    const idx = indexSeries(counts, 2011).points.map((p) => ({ group: p.group, year: p.year, value: p.index }));
    const firms: Measure = { kind: "count", subject: "Antallet af virksomheder", noun: { one: "virksomhed", other: "virksomheder" }, neuter: true };
    const index: Measure = { kind: "rate", subject: "Indekset for antallet af virksomheder (2011 = 100)", neuter: true };
    expect(seriesSentences({ ...base, points: idx, measure: index, changePoints: counts, changeMeasure: firms })).toBe(
      "I 2023 var der 2.110 virksomheder i Assens, 110 flere end i 2011 (+5,5 %). " +
        "I 2023 var indekset for antallet af virksomheder (2011 = 100) lavere i Assens end i de fem lignende kommuner: 105,5 mod 110,0.",
    );
  });

  it("the latest year is the baseline year: the level only", () => {
    const points = income([[2011, 172000]], [[2011, 172400]]);
    expect(seriesSentences({ ...base, points })).toBe(
      "Den disponible indkomst pr. person i Assens var 172.000 kr. i 2011. I 2011 var den disponible indkomst pr. person omtrent den samme i Assens som i de fem lignende kommuner: 172.000 kr. mod 172.400 kr. (en lille forskel).",
    );
  });
});
