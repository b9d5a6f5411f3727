import { describe, expect, it } from "vitest";
import { sourceLine } from "../../src/components/card.ts";
import type { DatasetMeta, Provenance } from "../../src/lib/types.ts";

/** A dataset read from one table of a mirror; `source` adds to the mirror's description. */
function meta(table: string, source: Record<string, unknown> = {}): DatasetMeta {
  const provenance = {
    table,
    title: table,
    unit: "Antal",
    query: { table, variables: {} },
    selection: table,
    source: { kind: "mirror", location: "/tmp/mirror", snapshotOf: "2026-12-04T12:00:00.000Z", ...source },
    fetchedAt: "2026-12-05T10:00:00.000Z",
    periods: [],
    rows: 1,
    requestedCells: 1,
    absentMeansZero: false,
    gaps: [],
    attribution: `Kilde: Danmarks Statistik, ${table}`,
  } as Provenance;
  return { dataset: "d", title: "d", status: "ok", sources: [provenance], missing: [], columns: {}, rows: 1, builtAt: "2026-12-05T10:00:00.000Z" };
}

describe("the source line under every chart", () => {
  it("names Danmarks Statistik, the tables and the mirror's snapshot date", () => {
    expect(sourceLine([meta("FOLK1A"), meta("FLY66")])).toBe(
      "Kilde: Danmarks Statistik, FOLK1A, FLY66. Hentet 05.12.2026 fra offline-spejl af Statistikbanken (øjebliksbillede fra 04.12.2026).",
    );
  });

  it('says SYNTETISKE DATA, not Danmarks Statistik, for rows from a synthetic mirror (MANIFEST "synthetic": true)', () => {
    const line = sourceLine([meta("FOLK1A"), meta("FLY66", { synthetic: true })]);
    expect(line).toBe("SYNTETISKE DATA (ydelsesmåling) – ikke Danmarks Statistiks tal: FOLK1A, FLY66. Hentet 05.12.2026 fra syntetisk offline-spejl.");
    expect(line).not.toContain("Kilde: Danmarks Statistik");
  });
});

describe("the source line of a card whose file could not be fetched", () => {
  // what src/components/data.ts gives for a per-municipality file the browser could not fetch
  const failed: DatasetMeta = {
    dataset: "towns",
    title: "towns",
    status: "missing",
    sources: [],
    missing: [{ table: "data/by-area/towns/260.arrow", what: "filen kunne ikke hentes, netværksfejl", detail: "TypeError: Failed to fetch" }],
    columns: {},
    rows: 0,
    builtAt: "",
  };

  it("names the file and gives no build date (not today's)", () => {
    expect(sourceLine([failed])).toBe("Kilde: Danmarks Statistik, data/by-area/towns/260.arrow.");
  });

  it("takes the other datasets' sources and dates when there are some", () => {
    expect(sourceLine([failed, meta("BY1")])).toBe(
      "Kilde: Danmarks Statistik, BY1. Hentet 05.12.2026 fra offline-spejl af Statistikbanken (øjebliksbillede fra 04.12.2026).",
    );
  });
});
