-- Flows between a municipality and every other municipality: in from, out to, net and gross,
-- with ranks, per year and age group ('i alt' = all ages).
--
-- Inputs:
--   flow_pairs(area, counterpart, age_group, year, in_movers, out_movers)   FLY66, one row per
--                                                municipality and counterpart ('i alt' included)
--   geography(area, name, region_code, region_name, lon, lat)
--   neighbours(area, neighbour)                               municipalities sharing a border
-- rank_in / rank_out / rank_gross: 1 = largest; ties go to the lower municipality code. Rows come
-- in order of area, year, age group and counterpart (the same bytes every build).
-- The area's own rows are read straight from flow_pairs: the page's filter (area, year, age group)
-- reaches the scan, and nothing is aggregated.
SELECT
  t.area,
  t.year,
  t.age_group,
  t.counterpart,
  g.name AS counterpart_name,
  t.in_movers,
  t.out_movers,
  t.in_movers - t.out_movers AS net,
  t.in_movers + t.out_movers AS gross,
  n.neighbour IS NOT NULL AS is_neighbour,
  coalesce(g.region_code = ga.region_code, false) AS same_region,
  row_number() OVER (PARTITION BY t.area, t.year, t.age_group ORDER BY t.in_movers DESC, t.counterpart) AS rank_in,
  row_number() OVER (PARTITION BY t.area, t.year, t.age_group ORDER BY t.out_movers DESC, t.counterpart) AS rank_out,
  row_number() OVER (PARTITION BY t.area, t.year, t.age_group ORDER BY t.in_movers + t.out_movers DESC, t.counterpart) AS rank_gross
FROM flow_pairs AS t
LEFT JOIN geography AS g ON g.area = t.counterpart
LEFT JOIN geography AS ga ON ga.area = t.area
LEFT JOIN neighbours AS n ON n.area = t.area AND n.neighbour = t.counterpart
ORDER BY t.area, t.year, t.age_group, t.counterpart
