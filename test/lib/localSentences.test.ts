/**
 * The sentences under /lokalsamfund's table cards (src/lib/localSentences.ts): communities by size,
 * the ambassadors' success criterion, newcomers per town with hidden extract cells never guessed,
 * example data first. Written out in full.
 */
import { describe, expect, it } from "vitest";
import { communitiesSentence, criterionSentence, hiddenSum, townMoversSentence } from "../../src/lib/localSentences.ts";

describe("local communities", () => {
  it("the largest and the smallest, and those BY1 has no figure for", () => {
    expect(
      communitiesSentence({
        place: "Halsnæs",
        year: 2025,
        communities: [
          { community: "Torup", population: 567, rural: false },
          { community: "Frederiksværk", population: 12345, rural: false },
          { community: "Landområderne", population: 0, rural: true },
        ],
        example: true,
      }),
    ).toBe(
      "Eksempeldata: Halsnæs er delt i 3 lokalsamfund. Det største er Frederiksværk med 12.345 indbyggere 1. januar 2025, det mindste Torup med 567. For 1 lokalsamfund har BY1 intet eget folketal (landsbyer under 200 i landdistriktet).",
    );
    expect(communitiesSentence({ place: "Assens", year: 2025, communities: [{ community: "Haarby", population: 1, rural: false }] })).toBe(
      "Assens er delt i 1 lokalsamfund. Haarby har 1 indbygger 1. januar 2025.",
    );
    expect(communitiesSentence({ place: "Assens", year: 2025, communities: [] })).toBe("Der er ingen lokalsamfund for Assens.");
  });
});

describe("the ambassadors' success criterion", () => {
  it("met, not met with the shortfall, and no data", () => {
    const base = { place: "Halsnæs", year: 2024, threshold: 5, reporting: 9, unreported: [] as string[] };
    expect(criterionSentence({ ...base, status: "met", communities: 6, example: true })).toBe(
      "Eksempeldata: I 2024 blev ambassadører i 6 af de 9 lokalsamfund i Halsnæs, der har indberettet, kontaktet af tilflyttere. Succeskriteriet er mindst 5, og det er opfyldt.",
    );
    expect(criterionSentence({ ...base, status: "not_met", communities: 3, unreported: ["Torup", "Ølsted"] })).toBe(
      "I 2024 blev ambassadører i 3 af de 9 lokalsamfund i Halsnæs, der har indberettet, kontaktet af tilflyttere. Succeskriteriet er mindst 5, og det er ikke opfyldt (2 for få). Ikke indberettet: Torup og Ølsted.",
    );
    expect(criterionSentence({ ...base, status: "no_data", communities: null, reporting: 0, unreported: ["Torup"] })).toBe(
      "Ingen lokalsamfund i Halsnæs har indberettet henvendelser for 2024, så succeskriteriet (mindst 5) kan ikke vurderes. Ikke indberettet: Torup.",
    );
  });
});

describe("newcomers per town (register extract with hidden cells)", () => {
  it("sums as the table does: exact, 'mindst N', 'skjult'", () => {
    expect(hiddenSum([3, 4])).toMatchObject({ text: "7", hidden: false, most: 7 });
    expect(hiddenSum([3, null])).toMatchObject({ text: "mindst 3", hidden: true, most: 5 });
    expect(hiddenSum([null, null])).toMatchObject({ text: "skjult", most: 4 });
  });

  it("the total and the largest place, never 'flest' when hidden cells could change it", () => {
    expect(
      townMoversSentence({
        place: "Halsnæs",
        year: 2024,
        groups: [
          { label: "Frederiksværk", cells: [300, 45] },
          { label: "Hundested", cells: [120, null] },
        ],
        example: true,
      }),
    ).toBe(
      "Eksempeldata: I 2024 flyttede mindst 465 personer til byerne og landdistrikterne i Halsnæs (tal under 3 er skjult og ikke talt med). Flest flyttede til Frederiksværk: 345.",
    );
    expect(
      townMoversSentence({
        place: "Halsnæs",
        year: 2024,
        groups: [
          { label: "Torup", cells: [10] },
          { label: "Ølsted", cells: [9, null] },
        ],
      }),
    ).toBe(
      "I 2024 flyttede mindst 19 personer til byerne og landdistrikterne i Halsnæs (tal under 3 er skjult og ikke talt med). Af de viste tal flyttede flest til Torup: 10.",
    );
    expect(townMoversSentence({ place: "Halsnæs", year: 2024, groups: [{ label: "Torup", cells: [null] }] })).toBe(
      "Antallet af tilflyttere til byerne i Halsnæs i 2024 er skjult (tal under 3 vises ikke).",
    );
  });
});
