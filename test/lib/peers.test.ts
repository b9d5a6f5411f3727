/**
 * Lignende kommuner (src/lib/peers.ts) on a hand-made fixture whose z-scores, distances and peers
 * are worked out by hand below.
 *
 * Six municipalities, three indicators, weights x = 1, y = 1, z = 2 (W = 4):
 *
 *   area  x   y   z      mean / population sd           z-scores (x, y, z)
 *   101   9  14   5      x: mean 10, Σd² = 6,  sd 1      (−1,  2,  0)
 *   147   9   8   5      y: mean 10, Σd² = 24, sd 2      (−1, −1,  0)
 *   151   9   8   5      z: mean 5,  Σd² = 24, sd 2      (−1, −1,  0)
 *   153  11  10   9                                      ( 1,  0,  2)
 *   155  11  10   3                                      ( 1,  0, −1)
 *   157  11  10   3                                      ( 1,  0, −1)
 *
 * d² = 1·Δx² + 1·Δy² + 2·Δz²:
 *   101–147 = 0 + 9 + 0 = 9 (d 3)      101–151 = 9 (3)        101–153 = 4 + 4 + 8 = 16 (4)
 *   101–155 = 4 + 4 + 2 = 10 (√10)     101–157 = 10 (√10)     147–151 = 0
 *   147–153 = 4 + 1 + 8 = 13 (√13)     147–155 = 4 + 1 + 2 = 7 (√7)      147–157 = 7
 *   151–153 = 13, 151–155 = 7, 151–157 = 7
 *   153–155 = 0 + 0 + 2·9 = 18 (√18)   153–157 = 18           155–157 = 0
 *
 * The two nearest (k = 2), ties by code:
 *   101: 147 (3), 151 (3)         tie at 3: 147 before 151
 *   147: 151 (0), 155 (√7)        tie at √7 between 155 and 157: 155
 *   151: 147 (0), 155 (√7)
 *   153: 147 (√13), 151 (√13)     tie: 147 before 151; 101 (4) and 155/157 (√18 ≈ 4,24) are further
 *   155: 157 (0), 147 (√7)        tie at √7 between 147 and 151: 147
 *   157: 155 (0), 147 (√7)
 */
import { describe, expect, it } from "vitest";
import {
  buildPeerTable,
  chooseYears,
  DEFAULT_PEER_CONFIG,
  describePeerMethod,
  explainPeers,
  formatIndicatorValue,
  formatWeight,
  nearestPeers,
  pairDistance,
  PEER_INDICATORS,
  PEER_METHOD_DA,
  peersOf,
  peerTableFromRows,
  type IndicatorSpec,
  type PeerIndicatorRow,
} from "../../src/lib/peers.ts";

const specs: IndicatorSpec[] = [
  { id: "x", label: "X", unit: "%", weight: 1, transform: "none", year: 2024 },
  { id: "y", label: "Y", unit: "kr.", weight: 1, transform: "none", year: 2024 },
  { id: "z", label: "Z", unit: "km", weight: 2, transform: "none", year: 2020 },
];
const raw: Record<string, [number, number, number]> = {
  "101": [9, 14, 5],
  "147": [9, 8, 5],
  "151": [9, 8, 5],
  "153": [11, 10, 9],
  "155": [11, 10, 3],
  "157": [11, 10, 3],
};
const areas = Object.keys(raw);
const values = areas.flatMap((area) => specs.map((s, i) => ({ indicator: s.id, area, value: raw[area][i] })));

describe("standardising (z-scores over the municipalities, population sd)", () => {
  const table = buildPeerTable(specs, values, areas);

  it("gives the z-scores worked out by hand", () => {
    expect(table.indicators.map((s) => [s.id, s.mean, s.sd, s.n])).toEqual([
      ["x", 10, 1, 6],
      ["y", 10, 2, 6],
      ["z", 5, 2, 6],
    ]);
    expect(Object.fromEntries(table.z)).toEqual({
      "101": [-1, 2, 0],
      "147": [-1, -1, 0],
      "151": [-1, -1, 0],
      "153": [1, 0, 2],
      "155": [1, 0, -1],
      "157": [1, 0, -1],
    });
    expect(table.values.get("101")).toEqual([9, 14, 5]);
  });

  it("standardises population size on its logarithm", () => {
    // ln 1.000, ln 10.000, ln 100.000 are equally spaced: mean ln 10.000, sd = ln 10 · √(2/3); z = ∓√(3/2)
    const t = buildPeerTable(
      [{ id: "folketal", label: "Folketal", unit: "personer", weight: 1, transform: "log", year: 2026 }],
      [
        { indicator: "folketal", area: "101", value: 1000 },
        { indicator: "folketal", area: "147", value: 10000 },
        { indicator: "folketal", area: "151", value: 100000 },
      ],
      ["101", "147", "151"],
    );
    expect(t.z.get("101")![0]).toBeCloseTo(-Math.sqrt(1.5), 12);
    expect(t.z.get("147")![0]).toBeCloseTo(0, 12);
    expect(t.z.get("151")![0]).toBeCloseTo(Math.sqrt(1.5), 12);
    expect(t.values.get("151")).toEqual([100000]); // the value itself is kept, only z is of the logarithm
  });

  it("leaves out an indicator with no spread or fewer than two values, and says why", () => {
    const t = buildPeerTable(
      [
        ...specs,
        { id: "flat", label: "Flad", unit: "%", weight: 1, transform: "none", year: 2024 },
        { id: "one", label: "Én", unit: "%", weight: 1, transform: "none", year: 2024 },
      ],
      [...values, ...areas.map((area) => ({ indicator: "flat", area, value: 7 })), { indicator: "one", area: "101", value: 1 }],
      areas,
    );
    expect(t.indicators.map((s) => s.id)).toEqual(["x", "y", "z"]);
    expect(t.dropped).toEqual([
      { id: "flat", label: "Flad", reason: "alle kommuner har samme værdi" },
      { id: "one", label: "Én", reason: "kun én kommune har tal" },
    ]);
  });

  it("refuses two values for the same indicator and municipality", () => {
    expect(() => buildPeerTable(specs, [...values, { indicator: "x", area: "101", value: 1 }], areas)).toThrow(/two values for indicator x in area 101/);
  });
});

describe("distance and ranking", () => {
  const table = buildPeerTable(specs, values, areas);
  const groups = nearestPeers(table, { k: 2, minSharedWeight: 0.5 });
  const peerMap = Object.fromEntries(groups.map((g) => [g.area, g.peers.map((p) => p.peer)]));

  it("gives the distances worked out by hand", () => {
    const d = (a: string, b: string) => pairDistance(table, a, b).distance;
    expect(d("101", "147")).toBe(3);
    expect(d("101", "153")).toBe(4);
    expect(d("101", "155")).toBeCloseTo(Math.sqrt(10), 12);
    expect(d("147", "151")).toBe(0);
    expect(d("147", "153")).toBeCloseTo(Math.sqrt(13), 12);
    expect(d("147", "155")).toBeCloseTo(Math.sqrt(7), 12);
    expect(d("153", "155")).toBeCloseTo(Math.sqrt(18), 12);
    expect(pairDistance(table, "101", "147")).toEqual({ distance: 3, used: 3, sharedWeight: 1 });
  });

  it("finds the peers worked out by hand, ties broken by code", () => {
    expect(peerMap).toEqual({
      "101": ["147", "151"],
      "147": ["151", "155"],
      "151": ["147", "155"],
      "153": ["147", "151"],
      "155": ["157", "147"],
      "157": ["155", "147"],
    });
    const g101 = groups.find((g) => g.area === "101")!;
    expect(g101).toEqual({
      area: "101",
      peers: [
        { peer: "147", rank: 1, distance: 3, used: 3 },
        { peer: "151", rank: 2, distance: 3, used: 3 },
      ],
      reason: null,
    });
  });

  it("is symmetric: d(a, b) = d(b, a) exactly, for every pair", () => {
    for (const a of areas) for (const b of areas) expect(pairDistance(table, a, b)).toEqual(pairDistance(table, b, a));
  });

  it("never makes a municipality its own peer, even with k = all others", () => {
    const all = nearestPeers(table, { k: 10, minSharedWeight: 0.5 });
    for (const g of all) {
      expect(g.peers.map((p) => p.peer)).not.toContain(g.area);
      expect(g.peers).toHaveLength(5);
      expect(g.reason).toMatch(/^kun 5 kommuner har tal for mindst 50 % af indikatorernes vægt sammen med kommunen \(der skal være 10\)$/);
    }
  });

  it("is deterministic: shuffled input (values, areas, order of rows) gives the same table and peers", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let round = 0; round < 20; round++) {
      const shuffled = [...values].sort(() => random() - 0.5);
      const shuffledAreas = [...areas].sort(() => random() - 0.5);
      const t = buildPeerTable(specs, shuffled, shuffledAreas);
      expect(t).toEqual(table);
      expect(nearestPeers(t, { k: 2, minSharedWeight: 0.5 })).toEqual(groups);
    }
  });

  it("treats distances equal to 12 significant digits as a tie and orders them by code", () => {
    // from 400 (z 0.2): 101 (z 0.1) and 999 (z 0.3) are both 0.1 away, but in doubles 0.3 − 0.2 is a hair less than 0.2 − 0.1
    const t = peerTableFromRows([row("101", "x", 0.1, 1), row("400", "x", 0.2, 1), row("999", "x", 0.3, 1)]);
    const d101 = pairDistance(t, "400", "101").distance!;
    const d999 = pairDistance(t, "400", "999").distance!;
    expect(d999).toBeLessThan(d101); // the noise the rule is about
    const g400 = nearestPeers(t, { k: 2, minSharedWeight: 0.5 }).find((g) => g.area === "400")!;
    expect(g400.peers.map((p) => p.peer)).toEqual(["101", "999"]);
  });
});

function row(area: string, indicator: string, z: number, weight: number, value = z): PeerIndicatorRow {
  return { area, indicator, label: indicator.toUpperCase(), unit: "%", year: 2024, value, z, weight };
}

describe("a missing indicator is left out of the pair's distance, never read as 0", () => {
  // z-scores given directly (as the peer_indicators dataset holds them): 101 lacks y.
  //   101: x −1, y —,  z 0       147: x −1, y −1, z 0       153: x 1, y 0, z 2
  // weights x 1, y 1, z 2 (W = 4)
  // d(101, 147): x and z only, W_ab = 3: Σ = 0 + 0 = 0 → d = 0, used 2
  // d(101, 153): Σ = 1·4 + 2·4 = 12, × W / W_ab = 4/3 → 16 → d = 4, used 2
  // d(147, 153): all three: 4 + 1 + 8 = 13 → √13, used 3
  const rows = [
    row("101", "x", -1, 1),
    row("101", "z", 0, 2),
    row("147", "x", -1, 1),
    row("147", "y", -1, 1),
    row("147", "z", 0, 2),
    row("153", "x", 1, 1),
    row("153", "y", 0, 1),
    row("153", "z", 2, 2),
  ];
  const table = peerTableFromRows(rows);

  it("rescales the distance by the weight of the indicators both have and keeps their number", () => {
    expect(pairDistance(table, "101", "147")).toEqual({ distance: 0, used: 2, sharedWeight: 0.75 });
    expect(pairDistance(table, "101", "153")).toEqual({ distance: 4, used: 2, sharedWeight: 0.75 });
    expect(pairDistance(table, "147", "153").distance).toBeCloseTo(Math.sqrt(13), 12);
    expect(pairDistance(table, "147", "153").used).toBe(3);
    // were the missing y read as 0, d(101, 147) would be 1 (Δy = 1), not 0
    expect(pairDistance(table, "101", "147").distance).not.toBe(1);
  });

  it("does not compare a pair that shares less than the minimum weight, and says why the municipality has too few peers", () => {
    expect(pairDistance(table, "101", "147", 0.8)).toEqual({ distance: null, used: 2, sharedWeight: 0.75 });
    const groups = nearestPeers(table, { k: 2, minSharedWeight: 0.8 });
    expect(groups.find((g) => g.area === "101")).toEqual({
      area: "101",
      peers: [],
      reason: "kun 0 kommuner har tal for mindst 80 % af indikatorernes vægt sammen med kommunen (der skal være 2)",
    });
    expect(groups.find((g) => g.area === "147")!.peers.map((p) => p.peer)).toEqual(["153"]);
    expect(groups.find((g) => g.area === "147")!.reason).toMatch(/^kun 1 kommune har tal/);
  });

  it("a municipality without any indicator gets no peers and a reason", () => {
    const t = buildPeerTable(specs, values, [...areas, "860"]);
    const g = nearestPeers(t, { k: 2, minSharedWeight: 0.5 }).find((x) => x.area === "860")!;
    expect(g).toEqual({ area: "860", peers: [], reason: "ingen af indikatorerne har tal for kommunen" });
    // and it is nobody's peer
    for (const x of nearestPeers(t, { k: 5, minSharedWeight: 0.5 })) expect(x.peers.map((p) => p.peer)).not.toContain("860");
  });

  it("z-scores are taken over the municipalities that have the value", () => {
    // y for four of five municipalities: 8, 10, 12, 10 → mean 10, Σd² = 8, sd = √2; the fifth is null, not 0
    const t = buildPeerTable(
      [specs[1]],
      [
        { indicator: "y", area: "147", value: 8 },
        { indicator: "y", area: "151", value: 10 },
        { indicator: "y", area: "153", value: 12 },
        { indicator: "y", area: "155", value: 10 },
      ],
      ["101", "147", "151", "153", "155"],
    );
    expect(t.indicators[0].mean).toBe(10);
    expect(t.indicators[0].sd).toBeCloseTo(Math.SQRT2, 12);
    expect(t.z.get("101")).toEqual([null]);
    expect(t.values.get("101")).toEqual([null]);
    expect(t.z.get("153")![0]).toBeCloseTo(2 / Math.SQRT2, 12);
  });
});

describe("Hvorfor ligner de? (values and z side by side, each indicator's part of the distance)", () => {
  const table = buildPeerTable(specs, values, areas);

  it("gives each indicator's value and z for the municipality and each peer, and its share of d²", () => {
    const e = explainPeers(table, "101", ["147", "155"]);
    expect(e.peers).toEqual([
      { peer: "147", distance: 3, used: 3 },
      { peer: "155", distance: Math.sqrt(10), used: 3 },
    ]);
    const y = e.indicators.find((i) => i.id === "y")!;
    expect(y).toMatchObject({ label: "Y", unit: "kr.", year: 2024, weight: 1, value: 14, z: 2 });
    // 101–147: only y differs (Δz 3, term 9 = all of d² = 9)
    expect(y.peers[0]).toEqual({ peer: "147", value: 8, z: -1, term: 9, share: 1 });
    // 101–155: x term 4, y term 4, z term 2·1 = 2; d² = 10
    expect(e.indicators.map((i) => i.peers[1].term)).toEqual([4, 4, 2]);
    expect(e.indicators.map((i) => i.peers[1].share)).toEqual([0.4, 0.4, 0.2]);
  });

  it("scales the terms of a pair with a missing indicator so that they add up to d²", () => {
    // the indicators in the order the rows first name them: x, y, z
    const t = peerTableFromRows([row("153", "x", 1, 1), row("153", "y", 0, 1), row("153", "z", 2, 2), row("101", "x", -1, 1), row("101", "z", 0, 2)]);
    expect(t.indicators.map((i) => i.id)).toEqual(["x", "y", "z"]);
    const e = explainPeers(t, "101", ["153"]);
    // terms ×4/3: x 4 → 16/3, z 8 → 32/3; y missing for 101
    const terms = e.indicators.map((i) => i.peers[0].term);
    expect(terms[0]).toBeCloseTo(16 / 3, 12);
    expect(terms[1]).toBeNull();
    expect(terms[2]).toBeCloseTo(32 / 3, 12);
    expect(e.indicators.find((i) => i.id === "y")!.peers[0]).toMatchObject({ value: 0, z: 0, term: null, share: null });
    expect(e.peers[0].distance).toBe(4);
  });

  it("reads the peers of the peers dataset by rank", () => {
    expect(
      peersOf(
        [
          { area: "101", peer: "151", rank: 2, distance: 3, indicators_used: 3 },
          { area: "147", peer: "151", rank: 1, distance: 0, indicators_used: 3 },
          { area: "101", peer: "147", rank: 1, distance: 3, indicators_used: 3 },
        ],
        "101",
      ),
    ).toEqual(["147", "151"]);
  });
});

describe("one year per indicator", () => {
  const munis = ["101", "147", "151", "153", "155", "157", "159", "161", "163", "165"];
  const series = (indicator: string, years: number[], n = munis.length) =>
    years.flatMap((year) => munis.slice(0, n).map((area) => ({ indicator, area, year, value: 1 })));

  it("latest: the latest year all indicators have", () => {
    const r = chooseYears([...series("a", [2020, 2021, 2022]), ...series("b", [2019, 2020, 2021])], ["a", "b"], munis, "latest", 0.9);
    expect(r.common).toBe(2021);
    expect(r.choices.map((c) => [c.indicator, c.year, c.coverage])).toEqual([
      ["a", 2021, 1],
      ["b", 2021, 1],
    ]);
  });

  it("latest without a common year: each indicator's own latest year", () => {
    const r = chooseYears([...series("a", [2020]), ...series("b", [2024]), ...series("c", [2026])], ["a", "b", "c"], munis, "latest", 0.9);
    expect(r.common).toBeNull();
    expect(r.choices.map((c) => c.year)).toEqual([2020, 2024, 2026]);
  });

  it("a year counts only with figures for at least min_coverage of the municipalities", () => {
    // 2022 has 8 of 10 municipalities (80 % < 90 %): 2021 is used
    const r = chooseYears([...series("a", [2021]), ...series("a", [2022], 8)], ["a"], munis, "latest", 0.9);
    expect(r.choices[0]).toEqual({ indicator: "a", year: 2021, coverage: 1, usable: [2021] });
    expect(chooseYears(series("a", [2022], 8), ["a"], munis, "latest", 0.8).choices[0].year).toBe(2022);
    // an area outside the municipalities (411, a region) does not count
    expect(
      chooseYears([...series("a", [2022], 8), { indicator: "a", area: "411", year: 2022, value: 1 }], ["a"], munis, "latest", 0.9).choices[0].year,
    ).toBeNull();
  });

  it("a fixed year: each indicator's latest year up to it; none is null", () => {
    const r = chooseYears([...series("a", [2020, 2023, 2025]), ...series("b", [2026])], ["a", "b"], munis, 2024, 0.9);
    expect(r.common).toBeNull();
    expect(r.choices.map((c) => c.year)).toEqual([2023, null]);
  });
});

describe("catalogue, configuration and the method in Danish", () => {
  it("the default configuration names only known indicators", () => {
    const ids = new Set(PEER_INDICATORS.map((d) => d.id));
    for (const i of DEFAULT_PEER_CONFIG.indicators) expect(ids.has(i.id), i.id).toBe(true);
    expect(DEFAULT_PEER_CONFIG.k).toBe(5);
  });

  it("describes the method with k in words, the weights and the years", () => {
    const table = buildPeerTable(specs, values, areas);
    const text = describePeerMethod({ ...DEFAULT_PEER_CONFIG, indicators: [] }, table, { common: null, choices: [] });
    expect(text.slice(0, PEER_METHOD_DA.length)).toEqual(PEER_METHOD_DA);
    expect(text).toContain("Hver kommune får de fem mest lignende kommuner. Mindste fælles vægt: 50 % af den samlede vægt.");
    expect(text).toContain("Indikatorer: X (%, 2024): vægt 1; Y (kr., 2024): vægt 1; Z (km, 2020): vægt 2.");
    expect(text.join(" ")).toMatch(/intet år, hvor alle indikatorer har tal for mindst 90 %/);
  });

  it("formats values and weights the Danish way", () => {
    expect(formatIndicatorValue(8.123, "%")).toBe("8,1 %");
    expect(formatIndicatorValue(31738, "personer")).toBe("31.738 personer");
    expect(formatIndicatorValue(-2.44, "pr. 1.000 indb.")).toBe("−2,4 pr. 1.000 indb.");
    expect(formatIndicatorValue(null, "kr.")).toBe("–");
    expect([1, 0.5, 0.25, 2].map(formatWeight)).toEqual(["1", "0,5", "0,25", "2"]);
  });
});
