/**
 * What a card says is missing: the parts its page names, plus, for every dataset behind the card
 * that has no rows at all, what that dataset says it lacks. So an empty dataset can never leave a
 * blank card without a "Data mangler" note, whichever page draws it. Pure: no DOM, no node.
 */

export interface MissingLike {
  table: string;
  what: string;
  detail: string;
}

export interface MetaLike {
  dataset: string;
  rows: number;
  missing: MissingLike[];
  sources: { table: string }[];
}

export function cardMissing<M extends MissingLike>(named: M[], sources: MetaLike[]): MissingLike[] {
  const out: MissingLike[] = [...named];
  for (const meta of sources) {
    if (meta.rows > 0) continue;
    const parts: MissingLike[] = meta.missing.length
      ? meta.missing
      : [...new Set(meta.sources.map((s) => s.table))].map((table) => ({ table, what: "ingen rækker", detail: `${meta.dataset}: 0 rows` }));
    if (parts.length === 0) parts.push({ table: meta.dataset, what: "ingen rækker", detail: `${meta.dataset}: 0 rows and no source` });
    for (const p of parts) {
      if (!out.some((m) => m.table === p.table && m.what === p.what)) out.push(p);
    }
  }
  return out;
}
