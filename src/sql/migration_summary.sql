-- In-, out-, net and gross moves per municipality, year and age group, with rates per 1,000.
--
-- Inputs:
--   migration_totals(area, age_group, year, in_movers, out_movers)   FLY66, moves between
--                                                             municipalities ('i alt' = all ages)
--   population(area, year, population)                        FOLK1A, 1 January, all ages
--   population_ages(area, sex, age, year, population, table)  FOLK1A (or BY2 where FOLK1A lacks them), 1 January, single ages
-- age_group is '0-17', '18-24', '25-44', '45-64', '65+' or 'i alt' (all ages).
-- Denominator: mean population of the year (1 January this year and next; else this year's).
-- An age group's population counts only when every single age of it is present (65+: 65–99), so
-- a source with gaps gives NULL rates rather than wrong ones.
WITH by_group AS (
  SELECT area, year, age_group, in_movers, out_movers FROM migration_totals
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
         CASE WHEN p1.population IS NULL THEN p0.population * 1.0
              ELSE (p0.population + p1.population) / 2.0 END AS mean_population
  FROM jan1 AS p0
  LEFT JOIN jan1 AS p1 ON p1.area = p0.area AND p1.age_group = p0.age_group AND p1.year = p0.year + 1
)
SELECT
  b.area,
  b.year,
  b.age_group,
  b.in_movers,
  b.out_movers,
  b.in_movers - b.out_movers AS net,
  b.in_movers + b.out_movers AS gross,
  m.mean_population,
  round(1000.0 * b.in_movers / m.mean_population, 2)                  AS in_per_1000,
  round(1000.0 * b.out_movers / m.mean_population, 2)                 AS out_per_1000,
  round(1000.0 * (b.in_movers - b.out_movers) / m.mean_population, 2) AS net_per_1000,
  round(1000.0 * (b.in_movers + b.out_movers) / m.mean_population, 2) AS gross_per_1000
FROM by_group AS b
LEFT JOIN mean_population AS m USING (area, year, age_group)
ORDER BY b.area, b.year, b.age_group
