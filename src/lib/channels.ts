/**
 * Inquiries by channel (henvendelser pr. kanal) and what they cost: the channel mix per year, the
 * digital and self-service shares, the year's cost with the unit costs per channel, first-contact
 * resolution, and the what-if "move N % of one channel's inquiries to another". The page and the
 * loader (the scorecard's digital_selfservice_share) use the same functions. Pure: no DOM, no node.
 */

export const CHANNEL_IDS = ["fremmoede", "papirpost", "email", "telefon", "papirblanket", "selvbetjening", "selvbetjening_integration"] as const;
export type ChannelId = (typeof CHANNEL_IDS)[number];

export interface Channel {
  id: ChannelId;
  /** The channel as KL's list of unit costs names it (data/digitalisering/kanal-enhedsomkostninger-KL.csv). */
  label: string;
  /** A short name for charts and tables. */
  short: string;
  /** Digital: e-mail/Digital Post and self-service. */
  digital: boolean;
  /** Digital self-service, with or without integration to the case system. */
  selfService: boolean;
}

export const CHANNELS: readonly Channel[] = [
  { id: "fremmoede", label: "Personligt fremmøde", short: "Fremmøde", digital: false, selfService: false },
  { id: "papirpost", label: "Papirpost (alm. brev)", short: "Papirpost", digital: false, selfService: false },
  { id: "email", label: "E-mail og digital post", short: "E-mail og Digital Post", digital: true, selfService: false },
  { id: "telefon", label: "Telefonisk henvendelse", short: "Telefon", digital: false, selfService: false },
  { id: "papirblanket", label: "Papirblanket (modtaget via e-mail el. papirpost)", short: "Papirblanket", digital: false, selfService: false },
  { id: "selvbetjening", label: "Selvbetjening uden integration til fagsystem", short: "Selvbetjening uden integration", digital: true, selfService: true },
  {
    id: "selvbetjening_integration",
    label: "Selvbetjening med integration til fagsystem",
    short: "Selvbetjening med integration",
    digital: true,
    selfService: true,
  },
];

export const CHANNEL_BY_ID: ReadonlyMap<string, Channel> = new Map(CHANNELS.map((c) => [c.id, c]));

/** Halsnæs's goal (aftale mellem Byrådet og Direktionen 2013): 50 % of inquiries by digital self-service by the end of 2015. */
export const SELF_SERVICE_GOAL = 0.5;

export interface InquiryRow {
  area: string;
  period: string;
  year: number;
  channel: string;
  /** Service area (e.g. "Borgerservice"); null when the file does not split by area. */
  service: string | null;
  inquiries: number;
  /** Of these, resolved at the first contact; null when not recorded. */
  first_contact: number | null;
}

/** kr per inquiry by channel. */
export type UnitCosts = ReadonlyMap<string, number>;

export interface YearSummary {
  year: number;
  total: number;
  byChannel: Record<ChannelId, number>;
  /** Digital channels (e-mail/Digital Post and self-service) of the total; null without inquiries. */
  digitalShare: number | null;
  selfServiceShare: number | null;
  /** Sum of inquiries × unit cost; null when a channel with inquiries has no unit cost. */
  cost: number | null;
  costPerInquiry: number | null;
  /** Resolved at first contact, of the inquiries whose rows record it; null when none does. */
  firstContactShare: number | null;
  /** The inquiries behind firstContactShare. */
  firstContactBase: number;
}

const emptyChannels = (): Record<ChannelId, number> => Object.fromEntries(CHANNEL_IDS.map((c) => [c, 0])) as Record<ChannelId, number>;

/** The cost of `byChannel` at `costs`; null when a channel with inquiries has no unit cost. */
export function channelCost(byChannel: Readonly<Record<string, number>>, costs: UnitCosts): number | null {
  let sum = 0;
  for (const [channel, n] of Object.entries(byChannel)) {
    if (n === 0) continue;
    const kr = costs.get(channel);
    if (kr === undefined) return null;
    sum += n * kr;
  }
  return sum;
}

/** Per year (ascending): the rows of every period and service area of the year added up. */
export function yearSummaries(rows: readonly InquiryRow[], costs: UnitCosts): YearSummary[] {
  const years = new Map<number, { byChannel: Record<ChannelId, number>; fc: number; fcBase: number; fcAny: boolean }>();
  for (const r of rows) {
    if (!CHANNEL_BY_ID.has(r.channel)) continue;
    const y = years.get(r.year) ?? { byChannel: emptyChannels(), fc: 0, fcBase: 0, fcAny: false };
    y.byChannel[r.channel as ChannelId] += r.inquiries;
    if (r.first_contact !== null) {
      y.fc += r.first_contact;
      y.fcBase += r.inquiries;
      y.fcAny = true;
    }
    years.set(r.year, y);
  }
  return [...years.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, y]) => {
      const total = CHANNEL_IDS.reduce((s, c) => s + y.byChannel[c], 0);
      const digital = CHANNELS.filter((c) => c.digital).reduce((s, c) => s + y.byChannel[c.id], 0);
      const self = CHANNELS.filter((c) => c.selfService).reduce((s, c) => s + y.byChannel[c.id], 0);
      const cost = channelCost(y.byChannel, costs);
      return {
        year,
        total,
        byChannel: y.byChannel,
        digitalShare: total > 0 ? digital / total : null,
        selfServiceShare: total > 0 ? self / total : null,
        cost,
        costPerInquiry: cost !== null && total > 0 ? cost / total : null,
        firstContactShare: y.fcAny && y.fcBase > 0 ? y.fc / y.fcBase : null,
        firstContactBase: y.fcBase,
      };
    });
}

export interface WhatIf {
  /** Inquiries moved (rounded to whole inquiries). */
  moved: number;
  before: number | null;
  after: number | null;
  /** Yearly saving, before − after (negative: the move costs more). */
  saving: number | null;
  byChannel: Record<string, number>;
}

/**
 * Move `percent` % of channel `from`'s inquiries to channel `to` (the move rounded to whole
 * inquiries) and price the year before and after at `costs`.
 */
export function whatIf(byChannel: Readonly<Record<string, number>>, costs: UnitCosts, from: string, to: string, percent: number): WhatIf {
  const p = Math.min(100, Math.max(0, percent));
  const moved = from === to ? 0 : Math.round(((byChannel[from] ?? 0) * p) / 100);
  const after = { ...byChannel, [from]: (byChannel[from] ?? 0) - moved, [to]: (byChannel[to] ?? 0) + moved };
  const before = channelCost(byChannel, costs);
  const afterCost = channelCost(after, costs);
  return { moved, before, after: afterCost, saving: before !== null && afterCost !== null ? before - afterCost : null, byChannel: after };
}

export interface CostRow {
  /** The municipality, or "" for the default (KL's figures). */
  area: string;
  channel: string;
  kr: number;
  source: string;
}

/** The unit costs for `area`: its own figure where it has one, else the default; and which channels use its own. */
export function unitCostsFor(rows: readonly CostRow[], area: string): { costs: Map<string, number>; own: Set<string>; sources: string[] } {
  const costs = new Map<string, number>();
  const own = new Set<string>();
  const sources = new Set<string>();
  for (const r of rows) if (r.area === "") costs.set(r.channel, r.kr);
  for (const r of rows)
    if (r.area === area) {
      costs.set(r.channel, r.kr);
      own.add(r.channel);
    }
  for (const c of CHANNEL_IDS) {
    const r = rows.find((x) => x.channel === c && x.area === (own.has(c) ? area : ""));
    if (r) sources.add(r.source);
  }
  return { costs, own, sources: [...sources] };
}
