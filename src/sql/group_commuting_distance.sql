-- Average commuting distance of each municipality's employed residents against its comparison
-- groups (naboer, lignende, region, land), per year.
--
-- Inputs (datasets written by the loaders):
--   compare_groups(area, kind, member, rank, includes_self)   loaders/compareGroups.ts
--   commuting_distance(area, year, km)                         AFSTB4, end of November
--   population(area, year, population)                         FOLK1A, 1 January
-- AFSTB4 gives each municipality's average only, not how many employed it is over, so the group's
-- figure is the members' averages weighted by their population on 1 January of the year (the
-- nearest measure of their size the site has): Σ km × population / Σ population. A member
-- without a distance or a population leaves the group without a figure that year
-- (group_members_with_data < group_members). naboer and lignende leave the municipality out,
-- region and land count it. A group without members has group_members = 0 and NULL figures.
-- One row per municipality of commuting_distance, kind and year it has a distance.
WITH kinds AS (
  SELECT * FROM (VALUES ('naboer'), ('lignende'), ('region'), ('land')) AS k(kind)
),
weighted AS (
  SELECT d.area, d.year, d.km, p.population
  FROM commuting_distance AS d
  LEFT JOIN population AS p ON p.area = d.area AND p.year = d.year
),
groups AS (
  SELECT c.area, c.kind, y.year,
         count(*)                                  AS group_members,
         count(w.km * w.population)                AS group_members_with_data,
         CASE WHEN count(w.km * w.population) = count(*)
              THEN sum(w.km * w.population) / nullif(sum(w.population), 0) END AS group_km,
         CASE WHEN count(w.km * w.population) = count(*) THEN sum(w.population) END AS group_population
  FROM compare_groups AS c
  CROSS JOIN (SELECT DISTINCT year FROM commuting_distance) AS y
  LEFT JOIN weighted AS w ON w.area = c.member AND w.year = y.year
  GROUP BY c.area, c.kind, y.year
)
SELECT
  d.area,
  k.kind,
  d.year,
  d.km,
  coalesce(g.group_members, 0)           AS group_members,
  coalesce(g.group_members_with_data, 0) AS group_members_with_data,
  g.group_population,
  g.group_km
FROM commuting_distance AS d
CROSS JOIN kinds AS k
LEFT JOIN groups AS g ON g.area = d.area AND g.kind = k.kind AND g.year = d.year
ORDER BY d.area, k.kind, d.year
