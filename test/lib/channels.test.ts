/**
 * Costs, shares, first-contact resolution and the what-if on a hand-made fixture, with the expected
 * values worked out by hand below (KL's unit costs: fremmøde 97, telefon 61, e-mail 84,
 * selvbetjening 41, selvbetjening med integration 21 kr.).
 */
import { describe, expect, it } from "vitest";
import { parseInquiries } from "../../loaders/digitalisering/inquiries.ts";
import { letterYears } from "../../src/lib/digitalPost.ts";
import { unitCostsFor, whatIf, yearSummaries, type CostRow } from "../../src/lib/channels.ts";

// 2014 in two quarters: fremmøde 100, telefon 120 + 80 = 200, e-mail 100, selvbetjening 50,
// selvbetjening med integration 50; total 500. Telephone first-contact resolution recorded: 90 + 60.
const FIXTURE = [
  "kommune;periode;kanal;henvendelser;loest_ved_foerste_kontakt",
  "260;2014K1;fremmoede;100;",
  "260;2014K1;telefon;120;90",
  "260;2014K2;telefon;80;60",
  "260;2014K2;email;100;",
  "260;2014K2;selvbetjening;50;",
  "260;2014K2;selvbetjening_integration;50;",
].join("\n");

const KL: CostRow[] = [
  ["fremmoede", 97],
  ["papirpost", 93],
  ["email", 84],
  ["telefon", 61],
  ["papirblanket", 91],
  ["selvbetjening", 41],
  ["selvbetjening_integration", 21],
].map(([channel, kr]) => ({ area: "", channel: channel as string, kr: kr as number, source: "KL" }));

describe("inquiries: shares, cost and first contact", () => {
  const rows = parseInquiries(FIXTURE, "fixture.csv").rows;
  const { costs } = unitCostsFor(KL, "260");
  const [y] = yearSummaries(rows, costs);

  it("adds the quarters of the year", () => {
    expect(y.year).toBe(2014);
    expect(y.total).toBe(500);
    expect(y.byChannel).toMatchObject({ fremmoede: 100, telefon: 200, email: 100, selvbetjening: 50, selvbetjening_integration: 50, papirpost: 0 });
  });

  it("digital share 200/500 = 40 %, self-service 100/500 = 20 %", () => {
    expect(y.digitalShare).toBe(0.4);
    expect(y.selfServiceShare).toBe(0.2);
  });

  it("cost 100×97 + 200×61 + 100×84 + 50×41 + 50×21 = 9.700 + 12.200 + 8.400 + 2.050 + 1.050 = 33.400 kr.; 66,80 kr. per inquiry", () => {
    expect(y.cost).toBe(33400);
    expect(y.costPerInquiry).toBeCloseTo(66.8, 10);
  });

  it("first contact: (90 + 60) of the 200 telephone inquiries that record it = 75 %", () => {
    expect(y.firstContactShare).toBe(0.75);
    expect(y.firstContactBase).toBe(200);
  });

  it("the municipality's own telephone cost (70 kr.) replaces KL's: 33.400 + 200 × 9 = 35.200 kr.", () => {
    const own = unitCostsFor([...KL, { area: "260", channel: "telefon", kr: 70, source: "Tidsregistrering" }], "260");
    expect(own.own).toEqual(new Set(["telefon"]));
    expect(yearSummaries(rows, own.costs)[0].cost).toBe(35200);
    // another municipality keeps KL's
    expect(yearSummaries(rows, unitCostsFor([...KL, { area: "260", channel: "telefon", kr: 70, source: "x" }], "420").costs)[0].cost).toBe(33400);
  });

  it("no cost when a channel with inquiries has no unit cost", () => {
    const [partial] = yearSummaries(rows, new Map([["telefon", 61]]));
    expect(partial.cost).toBeNull();
    expect(partial.costPerInquiry).toBeNull();
    expect(partial.selfServiceShare).toBe(0.2);
  });
});

describe("what-if: move N % of one channel to another", () => {
  const byChannel = yearSummaries(parseInquiries(FIXTURE, "fixture.csv").rows, unitCostsFor(KL, "260").costs)[0].byChannel;
  const { costs } = unitCostsFor(KL, "260");

  it("25 % of telefon (50 of 200) to selvbetjening med integration saves 50 × (61 − 21) = 2.000 kr.", () => {
    const r = whatIf(byChannel, costs, "telefon", "selvbetjening_integration", 25);
    expect(r).toMatchObject({ moved: 50, before: 33400, after: 31400, saving: 2000 });
    expect(r.byChannel).toMatchObject({ telefon: 150, selvbetjening_integration: 100 });
  });

  it("33 % of 200 = 66 inquiries (rounded) saves 66 × 40 = 2.640 kr.", () => {
    expect(whatIf(byChannel, costs, "telefon", "selvbetjening_integration", 33).saving).toBe(2640);
  });

  it("a move to a dearer channel costs: all 50 of selvbetjening med integration to fremmøde = 50 × (21 − 97) = −3.800 kr.", () => {
    expect(whatIf(byChannel, costs, "selvbetjening_integration", "fremmoede", 100)).toMatchObject({ moved: 50, saving: -3800 });
  });

  it("the same channel, or 0 %, moves nothing", () => {
    expect(whatIf(byChannel, costs, "telefon", "telefon", 50)).toMatchObject({ moved: 0, saving: 0 });
    expect(whatIf(byChannel, costs, "telefon", "email", 0)).toMatchObject({ moved: 0, saving: 0 });
  });
});

describe("letters: the digital share per year", () => {
  it("(300 + 500) digital of 1.000 = 80 %", () => {
    const years = letterYears([
      { area: "260", period: "2015-06", year: 2015, digital: 300, paper: 200 },
      { area: "260", period: "2015-12", year: 2015, digital: 500, paper: 0 },
      { area: "260", period: "2016", year: 2016, digital: 0, paper: 0 },
    ]);
    expect(years).toEqual([
      { year: 2015, digital: 800, paper: 200, share: 0.8 },
      { year: 2016, digital: 0, paper: 0, share: null },
    ]);
  });
});
