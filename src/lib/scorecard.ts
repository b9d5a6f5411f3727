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
