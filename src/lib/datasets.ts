/**
 * The row of every dataset the loaders write and the pages read, declared once: the loaders build
 * their rows with these types, and src/components/data.ts gives them to the pages (`DatasetRows`).
 * Types only.
 */
import type { AmbassadorRow } from "./ambassadors.js";
import type { CostRow, InquiryRow } from "./channels.js";
import type { CommunityMemberRow } from "./communities.js";
import type { ExemptionRow, LetterRow } from "./digitalPost.js";
import type { PeerIndicatorRow, PeerRow } from "./peers.js";
import type { ProjectRow, StatusRow } from "./projects.js";
import type { TownRow, TownSummaryRow } from "./towns.js";

export type {
  AmbassadorRow,
  CommunityMemberRow,
  CostRow,
  ExemptionRow,
  InquiryRow,
  LetterRow,
  PeerIndicatorRow,
  PeerRow,
  ProjectRow,
  StatusRow,
  TownRow,
  TownSummaryRow,
};

export interface TownMoverRow {
  area: string;
  year: number;
  town_code: string;
  town: string;
  age_group: string;
  origin: string;
  movers: number | null;
  suppressed: number;
}
export interface IndicatorRow {
  indicator: string;
  area: string;
  year: number;
  value: number;
  source: string;
}
export interface ManualIndicatorRow {
  indicator: string;
  area: string;
  period: string;
  year: number;
  breakdown: string | null;
  value: number;
  unit: string;
}
export interface IncomeRow {
  area: string;
  year: number;
  income_type: string;
  kr: number;
}
export interface BenefitsRow {
  area: string;
  year: number;
  fte: number;
}
/** A value is null where the table has no figure for that kind of family in the year. */
export interface FamiliesRow {
  area: string;
  year: number;
  couples_with_children: number | null;
  families_with_children: number | null;
}
export interface BusinessRow {
  area: string;
  year: number;
  firms: number | null;
  private_jobs: number | null;
}
export interface ProjectionRow {
  area: string;
  year: number;
  age_group: string;
  population: number;
  vintage: string;
  source: string;
}
export interface AdoptedForecastRow {
  area: string;
  forecast_year: number;
  year: number;
  age_group: string;
  population: number;
  example: number;
}

export interface PopulationRow {
  area: string;
  year: number;
  population: number;
}
export interface AgeRow {
  area: string;
  sex: "M" | "K";
  age: number;
  year: number;
  population: number;
  table: "FOLK1A" | "BY2";
}
export interface MonthlyRow {
  area: string;
  month: string;
  population: number;
}
export interface MovementRow {
  area: string;
  year: number;
  component: string;
  value: number;
}

export interface FlowRow {
  origin: string;
  destination: string;
  age_group: string;
  year: number;
  moves: number;
}
export interface FlowPairRow {
  area: string;
  counterpart: string;
  age_group: string;
  year: number;
  in_movers: number;
  out_movers: number;
}
export interface MigrationAgeRow {
  area: string;
  age: number;
  year: number;
  in_movers: number;
  out_movers: number;
}
export interface MigrationTotalRow {
  area: string;
  age_group: string;
  year: number;
  in_movers: number;
  out_movers: number;
}
export interface GeographyRow {
  area: string;
  name: string;
  region_code: string;
  region_name: string;
  lon: number;
  lat: number;
}
export interface NeighbourRow {
  area: string;
  neighbour: string;
}
/** A member of a municipality's comparison group (loaders/compareGroups.ts, src/lib/compareGroup.ts). */
export interface CompareGroupRow {
  area: string;
  /** naboer | lignende | region | land */
  kind: string;
  member: string;
  /** The member's place in the group's order (lignende: 1 = most similar). */
  rank: number;
  /** Whether the municipality itself counts in the group's figure (region, land). */
  includes_self: boolean;
}
export interface CommutingRow {
  residence: string;
  workplace: string;
  year: number;
  persons: number;
}
export interface CommutingDistanceRow {
  area: string;
  year: number;
  km: number;
}
export interface MoverExtractRow {
  area: string;
  year: number;
  family_type: string;
  origin: string;
  workplace: string;
  movers: number | null;
  suppressed: number;
}

export interface AgeGroupRow {
  area: string;
  sex: string;
  age_group: string;
  year: number;
  population: number;
  source: string;
}
