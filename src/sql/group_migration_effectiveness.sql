-- Migration effectiveness of each municipality against its comparison groups (naboer, lignende,
-- region, land), per year and age group ('i alt' = all ages).
--
-- Inputs (datasets written by the loaders):
--   flow_pairs(area, counterpart, age_group, year, in_movers, out_movers)   FLY66, one row per
--                                                municipality and counterpart ('i alt' included)
--   compare_groups(area, kind, member, rank, includes_self)    loaders/compareGroups.ts: who is in
--                                                               each group (src/lib/compareGroup.ts)
--   mei        100 · Σ_j |net_kj| / Σ_j (in_kj + out_kj) over the municipality's exchanges with every
--              other municipality j, as migration_effectiveness.sql: 0 = every exchange evens out,
--              100 = all one-way
--   group_mei  the same measure over every exchange of every member of the group:
--              100 · Σ_{i∈G} Σ_j |net_ij| / Σ_{i∈G} Σ_j (in_ij + out_ij), the members' indices
--              weighted by their moves (never a plain mean of indices). For 'land' it is the index
--              over every pair of municipalities, so it compares like with like; Bell's system
--              index (migration_effectiveness.sql's country_mei) nets each municipality's exchanges
--              first and is lower by construction, so it is not the municipality's counterpart.
-- naboer and lignende leave the municipality out, region and land count it (compare_groups says
-- who is in). FLY66 leaves out zero cells, so a member without a row in a year the table has moved
-- 0. A group without members (an island's neighbours) has group_members = 0 and NULL figures.
-- Not rounded here; pages round as they show.
-- One row per municipality of flow_pairs, kind, year and age group.
WITH exchanges AS (
  SELECT area, year, age_group,
         sum(abs(in_movers - out_movers)) AS abs_net,
         sum(in_movers + out_movers)      AS gross
  FROM flow_pairs
  GROUP BY area, year, age_group
),
cells AS (
  SELECT DISTINCT year, age_group FROM exchanges
),
kinds AS (
  SELECT * FROM (VALUES ('naboer'), ('lignende'), ('region'), ('land')) AS k(kind)
),
groups AS (
  SELECT c.area, c.kind, x.year, x.age_group,
         count(*)                    AS group_members,
         coalesce(sum(e.abs_net), 0) AS group_abs_net,
         coalesce(sum(e.gross), 0)   AS group_gross
  FROM compare_groups AS c
  CROSS JOIN cells AS x
  LEFT JOIN exchanges AS e ON e.area = c.member AND e.year = x.year AND e.age_group = x.age_group
  GROUP BY c.area, c.kind, x.year, x.age_group
)
SELECT
  s.area,
  k.kind,
  s.year,
  s.age_group,
  s.abs_net,
  s.gross,
  100.0 * s.abs_net / nullif(s.gross, 0)             AS mei,
  coalesce(g.group_members, 0)                       AS group_members,
  g.group_abs_net,
  g.group_gross,
  100.0 * g.group_abs_net / nullif(g.group_gross, 0) AS group_mei
FROM exchanges AS s
CROSS JOIN kinds AS k
LEFT JOIN groups AS g ON g.area = s.area AND g.kind = k.kind AND g.year = s.year AND g.age_group = s.age_group
ORDER BY s.area, k.kind, s.age_group, s.year
