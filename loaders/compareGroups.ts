/**
 * The comparison groups of every municipality, at build time: for each of the 98 municipalities
 * and each kind of group (`naboer`, `lignende`, `region`, `land`), one row per member, worked out
 * with compareGroup() of src/lib/compareGroup.ts from the same inputs a page gives it: the
 * municipality list (FOLK1A's tableinfo, or the geography folder), the `neighbours` dataset
 * (shared borders) and the `peers` dataset (lignende kommuner, loaders/peers.ts).
 *
 * Dataset:
 *   compare_groups  area × kind × member: `member` is in the group `kind` of `area`; `rank` is its
 *                   place in the group's order (peers most similar first, others as
 *                   compareGroup() lists them); `includes_self` is true for region and land,
 *                   whose figures count the municipality itself (neighbours and peers never do)
 *
 * A group without members (an island has no neighbours; peers not computed) has no rows: an
 * analysis that joins it (src/sql/group_*.sql) then gives the group no figure, never 0, and the
 * page says why with compareGroup()'s own sentence.
 */
import { datasetMeta } from "./provenance.ts";
import type { Dataset } from "./run.ts";
import type { StatbankClient } from "./statbank/client.ts";
import { neighboursDataset, readGeography } from "./geo.ts";
import { peers } from "./peers.ts";
import { municipalities } from "./tables/municipalities.ts";
import { COMPARE_KINDS, compareGroup, type CompareKind } from "../src/lib/compareGroup.ts";
import type { CompareGroupRow, NeighbourRow, PeerRow } from "../src/lib/datasets.ts";
import type { Municipality } from "../src/lib/types.ts";

/** A dataset's columns as row objects. */
function rowsOf<T>(ds: Dataset): T[] {
  const names = Object.keys(ds.columns);
  return Array.from({ length: ds.meta.rows }, (_, i) => Object.fromEntries(names.map((n) => [n, ds.columns[n].values[i]])) as T);
}

/** Every municipality's groups of every kind, as rows (pure: the same compareGroup() the pages call). */
export function compareGroupRows(input: {
  municipalities: readonly Municipality[];
  neighbours: readonly NeighbourRow[];
  peers: readonly PeerRow[];
  kinds?: readonly CompareKind[];
}): CompareGroupRow[] {
  const out: CompareGroupRow[] = [];
  const areas = [...input.municipalities].map((m) => m.code).sort();
  for (const area of areas) {
    for (const kind of input.kinds ?? COMPARE_KINDS) {
      const g = compareGroup({ area, kind, municipalities: input.municipalities, neighbours: input.neighbours, peers: input.peers });
      g.members.forEach((member, i) => out.push({ area, kind, member, rank: i + 1, includes_self: g.includesSelf }));
    }
  }
  return out;
}

const COLUMNS = {
  area: "Kommunen, gruppen er for (kommunekode)",
  kind: "Gruppens art: naboer (fælles grænse), lignende (lignende kommuner), region, land",
  member: "En kommune i gruppen (kommunekode)",
  rank: "Medlemmets plads i gruppen (lignende: 1 = mest lignende)",
  includes_self: "Om kommunen selv tæller med i gruppens tal (region og land: ja; naboer og lignende: nej)",
};

export function compareGroupsDataset(
  rows: readonly CompareGroupRow[],
  sources: Dataset["meta"]["sources"] = [],
  missing: Dataset["meta"]["missing"] = [],
): Dataset {
  return {
    columns: {
      area: { type: "string", values: rows.map((r) => r.area) },
      kind: { type: "string", values: rows.map((r) => r.kind) },
      member: { type: "string", values: rows.map((r) => r.member) },
      rank: { type: "int16", values: rows.map((r) => r.rank) },
      includes_self: { type: "bool", values: rows.map((r) => r.includes_self) },
    },
    meta: datasetMeta({
      dataset: "compare_groups",
      title: "Sammenligningsgrupper: nabokommuner, lignende kommuner, region og hele landet",
      sources,
      rows: rows.length,
      missing,
      columns: COLUMNS,
      notes: [
        'Beregnet ved bygningen med compareGroup() i src/lib/compareGroup.ts, den samme kode som siderne bruger til kontrollen "Sammenlign med".',
        "Nabokommuner deler grænse (kortet, DAGI 2014); lignende kommuner er de fem mest lignende (se Om data); regionen og hele landet tæller kommunen selv med.",
        "En gruppe uden medlemmer (en ø uden nabokommuner) har ingen rækker: den har intet tal, aldrig 0.",
      ],
    }),
  };
}

/** The dataset from the municipality list, the neighbours and the peers, each built with `client` as its own loader builds it. */
export async function compareGroups(client: StatbankClient): Promise<Dataset> {
  const [list, geo, peerSet] = await Promise.all([municipalities(client), readGeography(), peers(client)]);
  const rows = compareGroupRows({
    municipalities: list.municipalities,
    neighbours: rowsOf<NeighbourRow>(neighboursDataset(geo)),
    peers: rowsOf<PeerRow>(peerSet),
  });
  // Membership only: the groups' figures name their own tables (the analyses' inputs); the peers'
  // indicators and their sources are in the peers dataset. No peers at all is said here.
  const noPeers = peerSet.meta.rows === 0 ? [{ table: "peers", what: "lignende kommuner (ikke beregnet)", detail: "peers: 0 rows" }] : [];
  return compareGroupsDataset(rows, [], [...(list.missing ?? []), ...noPeers]);
}
