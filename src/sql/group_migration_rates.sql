-- In-, out- and net migration per 1,000 inhabitants of each municipality against its comparison
-- groups (naboer, lignende, region, land), per year and age group ('i alt' = all ages).
--
-- Inputs (datasets written by the loaders):
--   compare_groups(area, kind, member, rank, includes_self)    loaders/compareGroups.ts: who is in
--                                                               each group (src/lib/compareGroup.ts)
--   migration_totals(area, age_group, year, in_movers, out_movers)   FLY66, moves between municipalities
--   population(area, year, population)                          FOLK1A, 1 January, all ages
--   population_ages(area, sex, age, year, population, table)    FOLK1A/BY2, 1 January, single ages
-- A municipality's rate is migration_summary.sql's: movers over the mean population of the year
-- (1 January this year and next; else this year's), an age group's population only when every
-- single age of it is there (65+: 65–99). Rates are not rounded here; pages round as they show.
-- The group's rate is Σ members' movers / Σ members' mean populations (population-weighted, never
-- a mean of rates). naboer and lignende leave the municipality out, region and land count it
-- (compare_groups says who is in). A member without a population in the year leaves the group
-- without a rate that year (group_members_with_data < group_members): never a rate over part of
-- the group. FLY66 leaves out zero cells, so a member without a row for an age group in a year
-- the table has moved 0. A group without members (an island's neighbours) has group_members = 0
-- and NULL figures.
-- One row per municipality of migration_totals, kind, year and age group.
WITH years AS (
  SELECT DISTINCT year FROM migration_totals
),
age_groups AS (
  SELECT DISTINCT age_group FROM migration_totals
),
kinds AS (
  SELECT * FROM (VALUES ('naboer'), ('lignende'), ('region'), ('land')) AS k(kind)
),
group_population AS (
  SELECT area, year,
         CASE WHEN age <= 17 THEN '0-17' WHEN age <= 24 THEN '18-24' WHEN age <= 44 THEN '25-44'
              WHEN age <= 64 THEN '45-64' ELSE '65+' END AS age_group,
         sum(population) AS population,
         count(DISTINCT age) FILTER (WHERE age <= 99) AS ages_present
  FROM population_ages
  GROUP BY ALL
),
jan1 AS (
  SELECT area, year, age_group, population FROM group_population
  WHERE ages_present = CASE age_group WHEN '0-17' THEN 18 WHEN '18-24' THEN 7 WHEN '25-44' THEN 20 WHEN '45-64' THEN 20 ELSE 35 END
  UNION ALL
  SELECT area, year, 'i alt' AS age_group, population FROM population
),
mean_population AS (
  SELECT p0.area, p0.year, p0.age_group,
         CAST(CASE WHEN p1.population IS NULL THEN p0.population
                   ELSE (p0.population + p1.population) / 2.0 END AS DOUBLE) AS mean_population
  FROM jan1 AS p0
  LEFT JOIN jan1 AS p1 ON p1.area = p0.area AND p1.age_group = p0.age_group AND p1.year = p0.year + 1
),
-- every municipality (of the flows or of a group) in every year and age group the flows have
per_area AS (
  SELECT a.area, y.year, g.age_group,
         coalesce(t.in_movers, 0) AS in_movers,
         coalesce(t.out_movers, 0) AS out_movers,
         m.mean_population
  FROM (SELECT area FROM migration_totals UNION SELECT member FROM compare_groups) AS a
  CROSS JOIN years AS y
  CROSS JOIN age_groups AS g
  LEFT JOIN migration_totals AS t ON t.area = a.area AND t.year = y.year AND t.age_group = g.age_group
  LEFT JOIN mean_population AS m ON m.area = a.area AND m.year = y.year AND m.age_group = g.age_group
),
groups AS (
  SELECT c.area, c.kind, p.year, p.age_group,
         count(*)                 AS group_members,
         count(p.mean_population) AS group_members_with_data,
         sum(p.in_movers)         AS group_in_movers,
         sum(p.out_movers)        AS group_out_movers,
         CASE WHEN count(p.mean_population) = count(*) THEN sum(p.mean_population) END AS group_mean_population
  FROM compare_groups AS c
  JOIN per_area AS p ON p.area = c.member
  GROUP BY c.area, c.kind, p.year, p.age_group
)
SELECT
  s.area,
  k.kind,
  s.year,
  s.age_group,
  s.in_movers,
  s.out_movers,
  s.in_movers - s.out_movers                                    AS net,
  s.mean_population,
  1000.0 * s.in_movers / nullif(s.mean_population, 0)                  AS in_per_1000,
  1000.0 * s.out_movers / nullif(s.mean_population, 0)                 AS out_per_1000,
  1000.0 * (s.in_movers - s.out_movers) / nullif(s.mean_population, 0) AS net_per_1000,
  coalesce(g.group_members, 0)                                  AS group_members,
  coalesce(g.group_members_with_data, 0)                        AS group_members_with_data,
  g.group_in_movers,
  g.group_out_movers,
  g.group_in_movers - g.group_out_movers                        AS group_net,
  g.group_mean_population,
  1000.0 * g.group_in_movers / nullif(g.group_mean_population, 0)                        AS group_in_per_1000,
  1000.0 * g.group_out_movers / nullif(g.group_mean_population, 0)                       AS group_out_per_1000,
  1000.0 * (g.group_in_movers - g.group_out_movers) / nullif(g.group_mean_population, 0) AS group_net_per_1000
FROM per_area AS s
CROSS JOIN kinds AS k
LEFT JOIN groups AS g ON g.area = s.area AND g.kind = k.kind AND g.year = s.year AND g.age_group = s.age_group
WHERE s.area IN (SELECT area FROM migration_totals)
ORDER BY s.area, k.kind, s.age_group, s.year
