// @vitest-environment jsdom
/**
 * A card's plain sentence (src/components/card.ts): under a chart it is the visible sentence and
 * the chart's text alternative; a card without numbers shows its `missingSentence` in the same
 * place, so missing data is said in a sentence too, not only in the "Data mangler" note.
 */
import { describe, expect, it } from "vitest";
import { card } from "../../src/components/card.ts";
import type { DatasetMeta } from "../../src/lib/types.ts";

const meta = (rows: number): DatasetMeta => ({
  dataset: "benefits",
  title: "Borgere på ydelser",
  status: rows ? "ok" : "missing",
  sources: [],
  missing: rows ? [] : [{ table: "AUK01", what: "hele tabellen", detail: "no file" }],
  columns: {},
  rows,
  builtAt: "2026-12-01T00:00:00Z",
});
const missingSentence =
  "Der er ingen tal for antallet af fuldtidspersoner på indkomsterstattende ydelser i Halsnæs, så Halsnæs kan ikke sammenlignes med nabokommunerne.";

describe("a card's sentence", () => {
  it("without content: the missing sentence, visible, beside the Data mangler note", () => {
    const figure = card(null, { title: "Ydelser", subtitle: "Pr. 1.000 indbyggere", sources: [meta(0)], sentence: true, missingSentence });
    const sentences = figure.querySelectorAll("[data-testid=card-sentence]");
    expect(sentences).toHaveLength(1);
    expect(sentences[0].textContent).toBe(missingSentence);
    expect(sentences[0].className).toBe("card-sentence");
    expect(figure.querySelector(".data-mangler")?.textContent).toContain("AUK01");
    expect(figure.querySelector(".card-body")).toBeNull();
  });

  it("with content: the summary only (the missing sentence is not shown), and it is the text alternative", () => {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    const summary = "I 2024 var der 12 i Halsnæs.";
    const figure = card(svg, { title: "Ydelser", subtitle: "Pr. 1.000 indbyggere", sources: [meta(10)], summary, sentence: true, missingSentence });
    const sentences = figure.querySelectorAll("[data-testid=card-sentence]");
    expect(sentences).toHaveLength(1);
    expect(sentences[0].textContent).toBe(summary);
    expect(figure.querySelector(".card-body")?.getAttribute("aria-label")).toBe(summary);
  });

  it("without content and without a missing sentence: no sentence (as before)", () => {
    const figure = card(null, { title: "Ydelser", subtitle: "", sources: [meta(0)], summary: "x", sentence: true });
    expect(figure.querySelectorAll("[data-testid=card-sentence]")).toHaveLength(0);
  });
});
