-- Flows between a municipality and every other municipality: in from, out to, net and gross,
-- with ranks, per year and age group ('i alt' = all ages).
--
-- Inputs:
--   flows(origin, destination, age_group, sex, year, moves)   FLY66
--   geography(area, name, region_code, region_name, lon, lat)
--   neighbours(area, neighbour)                               municipalities sharing a border
-- rank_in / rank_out / rank_gross: 1 = largest; ties go to the lower municipality code.
WITH pairs AS (
  SELECT destination AS area, origin AS counterpart, year, age_group, moves AS in_m, 0 AS out_m FROM flows
  UNION ALL
  SELECT origin AS area, destination AS counterpart, year, age_group, 0 AS in_m, moves AS out_m FROM flows
),
by_group AS (
  SELECT area, counterpart, year, age_group, sum(in_m) AS in_movers, sum(out_m) AS out_movers
  FROM pairs
  GROUP BY ALL
),
totals AS (
  SELECT * FROM by_group
  UNION ALL
  SELECT area, counterpart, year, 'i alt' AS age_group, sum(in_movers), sum(out_movers)
  FROM by_group
  GROUP BY area, counterpart, year
)
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
FROM totals AS t
LEFT JOIN geography AS g ON g.area = t.counterpart
LEFT JOIN geography AS ga ON ga.area = t.area
LEFT JOIN neighbours AS n ON n.area = t.area AND n.neighbour = t.counterpart
