-- Families with children, by proxy: StatBank has no moves by family type, so children (0–17)
-- and adults of parents' ages (25–44) who move are counted, in and out, per municipality and
-- year (see ../shared/research/demographic-methods.md §1.2). Pages compare each year with the
-- baseline year (2011) where the data reaches back.
--
-- Input: flows (FLY66).
WITH moves AS (
  SELECT destination AS area, year, age_group, moves AS in_m, 0 AS out_m FROM flows
  UNION ALL
  SELECT origin AS area, year, age_group, 0 AS in_m, moves AS out_m FROM flows
)
SELECT
  area,
  year,
  sum(in_m)  FILTER (WHERE age_group = '0-17')  AS children_in,
  sum(out_m) FILTER (WHERE age_group = '0-17')  AS children_out,
  sum(in_m - out_m) FILTER (WHERE age_group = '0-17')  AS children_net,
  sum(in_m)  FILTER (WHERE age_group = '25-44') AS parents_in,
  sum(out_m) FILTER (WHERE age_group = '25-44') AS parents_out,
  sum(in_m - out_m) FILTER (WHERE age_group = '25-44') AS parents_net,
  sum(in_m)  FILTER (WHERE age_group IN ('0-17', '25-44')) AS families_in,
  sum(out_m) FILTER (WHERE age_group IN ('0-17', '25-44')) AS families_out
FROM moves
GROUP BY area, year
