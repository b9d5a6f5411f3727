/**
 * The project portfolio of the joint-municipal digitalisation strategy 2011–2015: the catalogue
 * (the 32 projects, data/digitalisering/), the municipality's status reports (data/projekter/), a
 * board grouped by area with the status in words and a symbol, what changed since the previous
 * report, and each project's history. Pure: no DOM, no node.
 */

export const STATUSES = ["grøn", "gul", "rød"] as const;
export type Status = (typeof STATUSES)[number];

/** Status in words and a symbol, so that it never rests on colour alone. */
export const STATUS_WORDS: Record<Status, string> = {
  grøn: "Grøn: følger planen",
  gul: "Gul: risiko for forsinkelse",
  rød: "Rød: forsinket eller i problemer",
};
export const STATUS_SYMBOL: Record<Status, string> = { grøn: "✔", gul: "▲", rød: "✖" };
const RANK: Record<Status, number> = { grøn: 0, gul: 1, rød: 2 };

export interface ProjectRow {
  id: string;
  /** The area as the minutes group the projects ("Digital borgerbetjening", …). */
  group: string;
  name: string;
}

export interface StatusRow {
  area: string;
  date: string;
  project: string;
  status: string;
  owner: string | null;
  /** 1: KOMBIT or KL leads the project; 0: not; null: not stated. */
  kombit_kl: number | null;
  note: string | null;
}

export type Change = "ny" | "uændret" | "bedre" | "værre" | "ingen status";
export const CHANGE_WORDS: Record<Change, string> = {
  ny: "Ny i denne rapport",
  uændret: "Uændret",
  bedre: "Bedre end sidst",
  værre: "Værre end sidst",
  "ingen status": "Ingen status",
};

export interface BoardItem {
  project: ProjectRow;
  current: StatusRow | null;
  previous: StatusRow | null;
  change: Change;
  history: StatusRow[];
}

/** Sort "1.10" after "1.9". */
export function compareProjectIds(a: string, b: string): number {
  const [a1, a2] = a.split(".").map(Number);
  const [b1, b2] = b.split(".").map(Number);
  return a1 - b1 || a2 - b2;
}

/** The reporting dates of `area`, ascending. */
export function reportDates(rows: readonly StatusRow[], area: string): string[] {
  return [...new Set(rows.filter((r) => r.area === area).map((r) => r.date))].sort();
}

/** The board for `area` at report `date`: the catalogue's areas in order, each project with its status then and the report before. */
export function projectBoard(
  catalogue: readonly ProjectRow[],
  rows: readonly StatusRow[],
  area: string,
  date: string | null,
): { group: string; items: BoardItem[] }[] {
  const dates = reportDates(rows, area);
  const before = date === null ? undefined : dates.filter((d) => d < date).at(-1);
  const groups: { group: string; items: BoardItem[] }[] = [];
  for (const project of [...catalogue].sort((a, b) => compareProjectIds(a.id, b.id))) {
    const history = rows
      .filter((r) => r.area === area && r.project === project.id && (date === null || r.date <= date))
      .sort((a, b) => (a.date < b.date ? -1 : 1));
    const current = history.find((r) => r.date === date) ?? null;
    const previous = before === undefined ? null : (history.find((r) => r.date === before) ?? null);
    let change: Change = "ingen status";
    if (current && !previous) change = "ny";
    else if (current && previous) {
      const d = RANK[current.status as Status] - RANK[previous.status as Status];
      change = d === 0 ? "uændret" : d < 0 ? "bedre" : "værre";
    }
    let g = groups.find((x) => x.group === project.group);
    if (!g) groups.push((g = { group: project.group, items: [] }));
    g.items.push({ project, current, previous, change, history });
  }
  return groups;
}

/** Projects per status at the report (and "ingen status" for those it does not name). */
export function statusCounts(board: readonly { items: readonly BoardItem[] }[]): Record<Status | "ingen", number> {
  const out = { grøn: 0, gul: 0, rød: 0, ingen: 0 };
  for (const g of board) for (const i of g.items) out[(i.current?.status as Status) ?? "ingen"] += 1;
  return out;
}
