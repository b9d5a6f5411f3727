/**
 * What the scorecard's headline may say. A verdict ("nået", "ikke nået") belongs only to the
 * council that set the goals, for its own municipality, and only where the figures are real:
 * goals resting on example files are grouped apart and never counted. Pure: no DOM, no node.
 */

export type Status = "met" | "not_met" | "in_progress" | "no_data";

export interface GoalsOwnerLike {
  kommune: string;
  name: string;
  body: string;
  year: number;
}

export interface EvaluatedLike {
  status: Status;
  /** The card draws example data (an *.eksempel.csv file). */
  example: boolean;
}

export interface ScorecardSummary {
  /** Verdicts are shown: the chosen municipality is the one whose council set the goals (or the file names none). */
  assessed: boolean;
  /** Goals on real data (counted in the headline when assessed). */
  real: number;
  /** Goals whose card rests on example data: shown apart, never counted. */
  example: number;
  counts: Record<Status, number>;
}

export function scorecardSummary(evaluated: readonly EvaluatedLike[], owner: GoalsOwnerLike | null, kommune: string): ScorecardSummary {
  const real = evaluated.filter((e) => !e.example);
  const counts: Record<Status, number> = { met: 0, not_met: 0, in_progress: 0, no_data: 0 };
  for (const e of real) counts[e.status]++;
  return { assessed: owner === null || owner.kommune === kommune, real: real.length, example: evaluated.length - real.length, counts };
}

/**
 * The order a reader meets the goals in, on screen and on paper: the areas in their given order,
 * and within each area the goals with figures (a status other than "no_data") first, then those
 * that only say "Data mangler", each group keeping the order of the goals file. An area whose
 * goals all lack data comes after the areas with figures. Nothing is left out: a missing goal is
 * ordered after, never hidden. Areas without goals are dropped.
 */
export function readingOrder<T extends { status: Status; area: string }>(items: readonly T[], areas: readonly string[]): { area: string; items: T[] }[] {
  const hasFigures = (e: T) => e.status !== "no_data";
  const groups = areas
    .map((area) => {
      const inArea = items.filter((e) => e.area === area);
      return { area, items: [...inArea.filter(hasFigures), ...inArea.filter((e) => !hasFigures(e))] };
    })
    .filter((g) => g.items.length > 0);
  return [...groups.filter((g) => g.items.some(hasFigures)), ...groups.filter((g) => !g.items.some(hasFigures))];
}
