-- Families with children, by proxy (children 0–17 and adults 25–44 who move, as families_proxy.sql),
-- per 1,000 inhabitants, for each municipality against its comparison groups (naboer, lignende,
-- region, land), per year.
--
-- Inputs (datasets written by the loaders):
--   compare_groups(area, kind, member, rank, includes_self)    loaders/compareGroups.ts
--   migration_totals(area, age_group, year, in_movers, out_movers)   FLY66
--   population(area, year, population)                          FOLK1A, 1 January, all ages
--   population_ages(area, sex, age, year, population, table)    FOLK1A/BY2, 1 January, single ages
-- Two denominators, each the mean population of the year (1 January this year and next; else this
-- year's), as migration_summary.sql:
--   population_ages  inhabitants aged 0–17 and 25–44 (only when every single age of both groups is
--                    there): the rate per 1,000 of those ages (in_per_1000, out_per_1000, net_per_1000)
--   population       all inhabitants: the rate per 1,000 inhabitants (…_per_1000_all), for years
--                    the source has no single ages for
-- The group's rates are Σ members' movers / Σ members' denominators (never a mean of rates); a
-- member without the denominator leaves the group without that rate in the year. naboer and
-- lignende leave the municipality out, region and land count it. FLY66 leaves out zero cells: a
-- member without a row in a year the table has moved 0. A group without members has
-- group_members = 0 and NULL figures. Rates are not rounded here.
-- One row per municipality of migration_totals, kind and year.
WITH years AS (
  SELECT DISTINCT year FROM migration_totals
),
kinds AS (
  SELECT * FROM (VALUES ('naboer'), ('lignende'), ('region'), ('land')) AS k(kind)
),
age_population AS (
  SELECT area, year,
         CASE WHEN age <= 17 THEN '0-17' WHEN age BETWEEN 25 AND 44 THEN '25-44' END AS age_group,
         sum(population) AS population,
         count(DISTINCT age) AS ages_present
  FROM population_ages
  WHERE age <= 17 OR age BETWEEN 25 AND 44
  GROUP BY ALL
),
-- 1 January: inhabitants 0–17 and 25–44 together, only when all 38 single ages are there
jan1_ages AS (
  SELECT area, year, sum(population) AS population
  FROM age_population
  GROUP BY area, year
  HAVING count(*) FILTER (WHERE (age_group = '0-17' AND ages_present = 18) OR (age_group = '25-44' AND ages_present = 20)) = 2
),
mean_ages AS (
  SELECT p0.area, p0.year,
         CAST(CASE WHEN p1.population IS NULL THEN p0.population ELSE (p0.population + p1.population) / 2.0 END AS DOUBLE) AS population
  FROM jan1_ages AS p0
  LEFT JOIN jan1_ages AS p1 ON p1.area = p0.area AND p1.year = p0.year + 1
),
mean_all AS (
  SELECT p0.area, p0.year,
         CAST(CASE WHEN p1.population IS NULL THEN p0.population ELSE (p0.population + p1.population) / 2.0 END AS DOUBLE) AS population
  FROM population AS p0
  LEFT JOIN population AS p1 ON p1.area = p0.area AND p1.year = p0.year + 1
),
family_moves AS (
  SELECT area, year,
         sum(in_movers)  AS families_in,
         sum(out_movers) AS families_out
  FROM migration_totals
  WHERE age_group IN ('0-17', '25-44')
  GROUP BY area, year
),
per_area AS (
  SELECT a.area, y.year,
         coalesce(f.families_in, 0)  AS families_in,
         coalesce(f.families_out, 0) AS families_out,
         ma.population               AS population_ages,
         mp.population               AS population
  FROM (SELECT area FROM migration_totals UNION SELECT member FROM compare_groups) AS a
  CROSS JOIN years AS y
  LEFT JOIN family_moves AS f ON f.area = a.area AND f.year = y.year
  LEFT JOIN mean_ages AS ma ON ma.area = a.area AND ma.year = y.year
  LEFT JOIN mean_all AS mp ON mp.area = a.area AND mp.year = y.year
),
groups AS (
  SELECT c.area, c.kind, p.year,
         count(*)            AS group_members,
         sum(p.families_in)  AS group_families_in,
         sum(p.families_out) AS group_families_out,
         CASE WHEN count(p.population_ages) = count(*) THEN sum(p.population_ages) END AS group_population_ages,
         CASE WHEN count(p.population) = count(*) THEN sum(p.population) END           AS group_population
  FROM compare_groups AS c
  JOIN per_area AS p ON p.area = c.member
  GROUP BY c.area, c.kind, p.year
)
SELECT
  s.area,
  k.kind,
  s.year,
  s.families_in,
  s.families_out,
  s.families_in - s.families_out                                          AS families_net,
  s.population_ages,
  s.population,
  1000.0 * s.families_in / nullif(s.population_ages, 0)                    AS in_per_1000,
  1000.0 * s.families_out / nullif(s.population_ages, 0)                   AS out_per_1000,
  1000.0 * (s.families_in - s.families_out) / nullif(s.population_ages, 0) AS net_per_1000,
  1000.0 * s.families_in / nullif(s.population, 0)                         AS in_per_1000_all,
  1000.0 * s.families_out / nullif(s.population, 0)                        AS out_per_1000_all,
  1000.0 * (s.families_in - s.families_out) / nullif(s.population, 0)      AS net_per_1000_all,
  coalesce(g.group_members, 0)                                            AS group_members,
  g.group_families_in,
  g.group_families_out,
  g.group_families_in - g.group_families_out                              AS group_families_net,
  g.group_population_ages,
  g.group_population,
  1000.0 * g.group_families_in / nullif(g.group_population_ages, 0)                          AS group_in_per_1000,
  1000.0 * g.group_families_out / nullif(g.group_population_ages, 0)                         AS group_out_per_1000,
  1000.0 * (g.group_families_in - g.group_families_out) / nullif(g.group_population_ages, 0) AS group_net_per_1000,
  1000.0 * g.group_families_in / nullif(g.group_population, 0)                               AS group_in_per_1000_all,
  1000.0 * g.group_families_out / nullif(g.group_population, 0)                              AS group_out_per_1000_all,
  1000.0 * (g.group_families_in - g.group_families_out) / nullif(g.group_population, 0)      AS group_net_per_1000_all
FROM per_area AS s
CROSS JOIN kinds AS k
LEFT JOIN groups AS g ON g.area = s.area AND g.kind = k.kind AND g.year = s.year
WHERE s.area IN (SELECT area FROM migration_totals)
ORDER BY s.area, k.kind, s.year
