/**
 * The shapes of the preference survey (præferenceanalyse): the schema that names a survey file's
 * columns (data/survey/schema.json, checked by parseSchema in schema.ts), a problem found in a file
 * or schema, and the tidy rows importSurvey (import.ts) returns. Types only.
 */

/** A population margin a grouping column can be raked to: age groups or sex (see MARGIN_CATEGORIES in schema.ts). */
export type SurveyMargin = "age" | "sex";

/** A grouping column, e.g. familietype: codes in the file → Danish labels, in display order. */
export interface SurveyGroup {
  column: string;
  label: string;
  values: Record<string, string>;
  /** Ties the column to a population margin for raking; null when it has none. */
  margin: SurveyMargin | null;
}

/** A Likert scale: integer codes ("1".."5", consecutive) → Danish labels. */
export type SurveyScale = Record<string, string>;

/** One Likert item (one column). Items sharing a topic pair importance with satisfaction. */
export interface SurveyItem {
  column: string;
  label: string;
  /** A key of SurveySchema.scales. */
  scale: string;
  topic: string | null;
}

/** A multi-choice question: the chosen codes in one column, joined by `separator`. */
export interface SurveyMulti {
  column: string;
  label: string;
  separator: string;
  values: Record<string, string>;
}

/** A validated schema (parseSchema fills in the defaults of optional keys). */
export interface SurveySchema {
  title: string;
  /** The respondent id column. */
  id: string;
  /** The design-weight column, or null for none. */
  weight: string | null;
  groups: SurveyGroup[];
  scales: Record<string, SurveyScale>;
  /** Answers read as no answer (compared trimmed, ignoring case). Default [""]. */
  missing: string[];
  items: SurveyItem[];
  multi: SurveyMulti[];
  /** Free-text columns; never shown by default. */
  freeText: string[];
}

export interface SurveyProblem {
  /** 1-based line in the file (where the row starts); null for the file or schema as a whole. */
  line: number | null;
  /** The column's name, when the problem is in one column. */
  column: string | null;
  message: string;
  /** Set when the problem is a column the schema needs and the file's header lacks. */
  kind?: "missing-column";
  /** For a missing column: the file's own columns that look like it (columnSuggestions), nearest first; may be empty. */
  suggestions?: string[];
}

export interface SurveyRespondent {
  id: string;
  /** The design weight; null when the survey is unweighted (no weight column, or it is empty). */
  weight: number | null;
  /** Group column → code, for every group in the schema. */
  groups: Record<string, string>;
}

export interface SurveyAnswer {
  respondent: string;
  /** The item's column. */
  item: string;
  value: number;
}

export interface SurveyChoice {
  respondent: string;
  /** The multi-choice question's column. */
  question: string;
  /** The chosen code. */
  choice: string;
}

export interface SurveyText {
  respondent: string;
  column: string;
  text: string;
}

export interface SurveyMembership {
  respondent: string;
  /** The group column. */
  variable: string;
  /** The code. */
  value: string;
}

export interface SurveyImport {
  fileName: string;
  schema: SurveySchema;
  /**
   * The file is the shipped example survey (invented answers): its fingerprint equals the one passed
   * as `exampleFingerprint`, whatever the file is called. Every chart then says "Eksempeldata".
   */
  example: boolean;
  /** The fingerprint of the file's rows (surveyFileFingerprint). */
  fingerprint: string;
  /** In file order. */
  respondents: SurveyRespondent[];
  /** One row per respondent × item answered (none for missing answers), in file and schema order. */
  answers: SurveyAnswer[];
  choices: SurveyChoice[];
  texts: SurveyText[];
  /** One row per respondent × group column. */
  memberships: SurveyMembership[];
  /** What the planner should know but does not stop the import (e.g. columns not in the schema). */
  warnings: string[];
}
