-- Families with children, by proxy: StatBank has no moves by family type, so children (0–17)
-- and adults of parents' ages (25–44) who move are counted, in and out, per municipality and
-- year (see ../shared/research/demographic-methods.md §1.2). Pages compare each year with the
-- baseline year (2011) where the data reaches back.
--
-- Input: migration_totals(area, age_group, year, in_movers, out_movers) (FLY66).
SELECT
  area,
  year,
  sum(in_movers)  FILTER (WHERE age_group = '0-17')  AS children_in,
  sum(out_movers) FILTER (WHERE age_group = '0-17')  AS children_out,
  sum(in_movers - out_movers) FILTER (WHERE age_group = '0-17')  AS children_net,
  sum(in_movers)  FILTER (WHERE age_group = '25-44') AS parents_in,
  sum(out_movers) FILTER (WHERE age_group = '25-44') AS parents_out,
  sum(in_movers - out_movers) FILTER (WHERE age_group = '25-44') AS parents_net,
  sum(in_movers)  FILTER (WHERE age_group IN ('0-17', '25-44')) AS families_in,
  sum(out_movers) FILTER (WHERE age_group IN ('0-17', '25-44')) AS families_out
FROM migration_totals
GROUP BY area, year
ORDER BY area, year
