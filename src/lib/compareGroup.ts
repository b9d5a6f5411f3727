/**
 * The comparison group a page compares the chosen municipality with: its neighbours (shared
 * border), the municipalities most like it (`peers`, src/lib/peers.ts), its region or the whole
 * country. The page's control (src/components/compareGroup.ts) keeps the choice in the URL
 * (`?sammenlign=naboer|lignende|region|land`); this module says who is in the group and what a
 * sentence calls it, and writes a series' sentences against it. Pure: no DOM, no node.
 *
 * Who is in the group:
 *   naboer    the municipalities that share a border with it (dataset `neighbours`); not itself
 *   lignende  its k most similar municipalities (dataset `peers`), most similar first; not itself
 *   region    every municipality of its region, itself included (as a region's figure is)
 *   land      all 98 municipalities, itself included
 * A group without members (an island has no neighbours; peers not computed) has `missing`, a
 * plain Danish sentence that says so; a page then compares with nothing, never with 0.
 */
import type { NeighbourRow } from "./datasets.js";
import type { PeerRow } from "./peers.js";
import { changeSentence, comparisonSentence, groupName, levelSentence, numberWord, sentencePlace, type ComparisonGroup, type Measure } from "./sentences.js";
import type { Municipality } from "./types.js";

export type CompareKind = "naboer" | "lignende" | "region" | "land";

/** The choices in the order the control shows them. */
export const COMPARE_KINDS: readonly CompareKind[] = ["naboer", "lignende", "region", "land"];

/** The control's labels. */
export const COMPARE_LABELS: Readonly<Record<CompareKind, string>> = {
  naboer: "Nabokommuner",
  lignende: "Lignende kommuner",
  region: "Regionen",
  land: "Hele landet",
};

/** The comparison a page opens with: the neighbours, as the pages compared before the control. */
export const DEFAULT_COMPARE: CompareKind = "naboer";

/** The URL parameter. */
export const COMPARE_PARAM = "sammenlign";

/** A value from the URL as a kind; anything else (missing, misspelt) is the default. */
export function parseCompareKind(value: string | null | undefined, fallback: CompareKind = DEFAULT_COMPARE): CompareKind {
  return (COMPARE_KINDS as readonly string[]).includes(value ?? "") ? (value as CompareKind) : fallback;
}

/**
 * A municipality's peers from the `peers` dataset, most similar first. Here rather than beside the
 * method in src/lib/peers.ts (15 KB, which re-exports it): a page that reads the groups loads only this.
 */
export function peersOf(rows: readonly PeerRow[], area: string): string[] {
  return rows
    .filter((r) => r.area === area)
    .sort((a, b) => a.rank - b.rank)
    .map((r) => r.peer);
}

export interface CompareGroupInput {
  /** The chosen municipality's code. */
  area: string;
  kind: CompareKind;
  /** The 98 municipalities with their regions (data/municipalities.json). */
  municipalities: readonly Municipality[];
  /** Rows of the `neighbours` dataset (both directions). */
  neighbours: readonly NeighbourRow[];
  /** Rows of the `peers` dataset. */
  peers: readonly PeerRow[];
}

export interface CompareGroupInfo {
  kind: CompareKind;
  /** The municipality's code, and its name as a sentence says it (sentencePlace: "Assens", "Læsø Kommune"). */
  area: string;
  place: string;
  /** The group's municipality codes (neighbours and peers without the municipality itself; region and country with it). */
  members: string[];
  /** Their names, in the same order. */
  names: string[];
  /** Whether the municipality itself counts in the group's figure. */
  includesSelf: boolean;
  /** What a sentence calls the group: "nabokommunerne", "de fem lignende kommuner", "Region Sjælland", "hele landet". */
  phrase: string;
  /** The group in a legend or a table's column: "Nabokommuner", "Lignende kommuner", "Region Sjælland", "Hele landet". */
  label: string;
  /** The group for src/lib/sentences.ts. */
  group: ComparisonGroup;
  /** Why the group has no members, as a sentence; null when it has members. */
  missing: string | null;
}

// The municipality as a sentence names it: in ./sentences.js (a page's first sentence needs it
// without the comparison groups), and named here too, as the pages import it.
export { sentencePlace } from "./sentences.js";

/** "A", "A og B", "A, B og C". */
export function danishList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} og ${items.at(-1)}`;
}

/** Who is in the group and what to call it. */
export function compareGroup(input: CompareGroupInput): CompareGroupInfo {
  const { area, kind, municipalities } = input;
  const byCode = new Map(municipalities.map((m) => [m.code, m]));
  const me = byCode.get(area);
  const place = sentencePlace(area, me?.name ?? area);
  const nameOf = (code: string) => byCode.get(code)?.name ?? code;
  const known = (code: string) => byCode.has(code) && code !== area;
  const info = (members: string[], phrase: string, label: string, group: ComparisonGroup, includesSelf: boolean, missing: string | null): CompareGroupInfo => ({
    kind,
    area,
    place,
    members,
    names: members.map(nameOf),
    includesSelf,
    phrase,
    label,
    group,
    missing: members.length ? null : missing,
  });

  switch (kind) {
    case "naboer": {
      const members = [...new Set(input.neighbours.filter((r) => r.area === area).map((r) => r.neighbour))]
        .filter(known)
        .sort((a, b) => nameOf(a).localeCompare(nameOf(b), "da"));
      if (members.length === 1) {
        const phrase = `nabokommunen ${nameOf(members[0])}`;
        return info(members, phrase, `Nabokommunen ${nameOf(members[0])}`, { kind: "municipality", name: phrase }, false, null);
      }
      return info(
        members,
        "nabokommunerne",
        COMPARE_LABELS.naboer,
        { kind: "neighbours" },
        false,
        `${place} har ingen nabokommuner (ingen fælles landgrænse; broer og færger tæller ikke), så der er ingen nabokommuner at sammenligne med.`,
      );
    }
    case "lignende": {
      const members = peersOf(input.peers, area).filter(known);
      const group: ComparisonGroup = { kind: "peers", k: members.length };
      return info(
        members,
        groupName(group),
        COMPARE_LABELS.lignende,
        group,
        false,
        `Der er ikke beregnet lignende kommuner for ${place} (se Om data), så der er ingen lignende kommuner at sammenligne med.`,
      );
    }
    case "region": {
      const members = me ? municipalities.filter((m) => m.regionCode === me.regionCode).map((m) => m.code) : [];
      const name = me?.regionName ?? "regionen";
      return info(
        members,
        name,
        me?.regionName ?? COMPARE_LABELS.region,
        { kind: "region", name },
        true,
        `Regionen for ${place} er ukendt, så der er ingen region at sammenligne med.`,
      );
    }
    case "land":
      return info(
        municipalities.map((m) => m.code),
        "hele landet",
        COMPARE_LABELS.land,
        { kind: "country" },
        true,
        "Kommunelisten er tom, så der er intet land at sammenligne med.",
      );
  }
}

/**
 * Who the group is, for a card's note: "Lignende kommuner: de fem mest lignende (Faaborg-Midtfyn,
 * Vejen, … og Nordfyns; se Om data).", "Nabokommuner: Faaborg-Midtfyn, Middelfart, Nordfyns og
 * Odense.", "Region Syddanmark: 22 kommuner, Assens medregnet.", "Hele landet: 98 kommuner, Assens
 * medregnet."
 */
export function describeGroup(g: CompareGroupInfo): string {
  if (g.missing) return g.missing;
  switch (g.kind) {
    case "naboer":
      return `${g.members.length === 1 ? "Nabokommune" : "Nabokommuner"} (fælles grænse): ${danishList(g.names)}.`;
    case "lignende":
      return `Lignende kommuner (${g.members.length === 1 ? "den mest lignende" : `de ${numberWord(g.members.length)} mest lignende`}, beregnet ud fra tallene; se Om data): ${danishList(g.names)}.`;
    case "region":
    case "land":
      return `${g.label}: ${g.members.length} kommuner, ${g.place} medregnet.`;
  }
}

// ---------------------------------------------------------------------------------------------
// A series against the group

/** One point of a chart's series: the municipality's (group = its name) or the comparison group's (group = the label). */
export interface SeriesPoint {
  group: string;
  year: number;
  value: number | null;
}

const finite = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);

/** The series' values by year, without the missing ones. */
function valuesOf(points: readonly SeriesPoint[], group: string): Map<number, number> {
  return new Map(points.filter((p) => p.group === group && finite(p.value)).map((p) => [p.year, p.value as number]));
}

/**
 * The series indexed to 100 in a common base year: `baseYear` when every group has a value then,
 * else the first year they all have (null when they share none: no points). Groups that lack a
 * value in the base year are left out; a group's index divides by its own base value.
 */
export function indexSeries<T extends SeriesPoint>(points: readonly T[], baseYear: number): { base: number | null; points: (T & { index: number })[] } {
  const groups = [...new Set(points.map((p) => p.group))];
  const byGroup = groups.map((g) => valuesOf(points, g));
  const common = [...(byGroup[0]?.keys() ?? [])].filter((y) => byGroup.every((m) => m.has(y))).sort((a, b) => a - b);
  const base = common.includes(baseYear) ? baseYear : (common[0] ?? null);
  if (base === null) return { base, points: [] };
  const baseOf = new Map(groups.map((g, i) => [g, byGroup[i].get(base)!]));
  return {
    base,
    points: points
      .filter((p) => finite(p.value) && baseOf.get(p.group) !== 0)
      .map((p) => ({ ...p, index: (100 * (p.value as number)) / baseOf.get(p.group)! })),
  };
}

export interface SeriesSentenceInput {
  points: readonly SeriesPoint[];
  /** The municipality's series (its name in the chart). */
  self: string;
  /** The group's series (its label in the chart). */
  other: string;
  compare: CompareGroupInfo;
  /** site.json's baseline year. */
  baseYear: number;
  measure: Measure;
  /** The measure of the level and change sentence, when it should say more (e.g. "løbende priser"); default `measure`. */
  changeMeasure?: Measure;
  /**
   * The municipality's points the level and change are read from, when the chart shows them on
   * another scale (counts behind an index); default `points` (group `self`).
   */
  changePoints?: readonly SeriesPoint[];
}

/**
 * The sentences under a chart of the municipality against its comparison group, from the chart's
 * own points: the level in the municipality's latest year with the change since the baseline
 * year ("Den disponible indkomst pr. person i Assens var 252.783 kr. i 2024, … højere end i 2011
 * (…)."), then the position against the group in the latest year both have ("I 2024 var den
 * disponible indkomst pr. person lavere i Assens end i de fem lignende kommuner: …"). Missing
 * numbers are said plainly; nothing is compared with a missing number.
 */
export function seriesSentences(input: SeriesSentenceInput): string {
  const { points, self, other, compare, baseYear, measure } = input;
  const place = compare.place;
  const own = valuesOf(points, self);
  const years = [...own.keys()].sort((a, b) => a - b);
  const level = input.changePoints ? valuesOf(input.changePoints, self) : own;
  const levelYears = [...level.keys()].sort((a, b) => a - b);
  const last = years.at(-1);
  const levelLast = levelYears.at(-1);
  const changeMeasure = input.changeMeasure ?? measure;
  if (last === undefined || levelLast === undefined) return `Der er ingen tal for ${lowerFirst(changeMeasure.subject)} i ${place}.`;
  const change =
    levelLast > baseYear
      ? changeSentence({ place, year: levelLast, value: level.get(levelLast), baseYear, baseValue: level.get(baseYear) ?? null, measure: changeMeasure })
      : levelSentence({ place, year: levelLast, value: level.get(levelLast), measure: changeMeasure });
  if (compare.missing) return `${change} ${compare.missing}`;
  const theirs = valuesOf(points, other);
  const both = years.filter((y) => theirs.has(y));
  const year = both.at(-1) ?? last;
  const position = comparisonSentence({ place, year, value: own.get(year), groupValue: theirs.get(year) ?? null, group: compare.group, measure });
  return `${change} ${position}`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
