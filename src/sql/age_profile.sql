-- Net migration by single age: the curve that shows whether a municipality gains families
-- (children and 30–40-year-olds) or loses young adults (18–24), per municipality and year.
--
-- Input: migration_ages(area, age, year, in_movers, out_movers) (FLY66, summed over the other
-- municipalities; men and women added). Rows that repeat an area, year and age (a source split
-- further, e.g. by sex) are added. Ages run 0–99 (FLY66 ages above 99 are few). Rows for every
-- age 0…max, zero where nobody moved, in order of area, year and age (the same bytes every build).
WITH ages AS (
  SELECT area, year, age, sum(in_movers) AS in_movers, sum(out_movers) AS out_movers
  FROM migration_ages
  GROUP BY ALL
),
grid AS (
  SELECT a.area, a.year, r.age
  FROM (SELECT DISTINCT area, year FROM ages) AS a
  CROSS JOIN range(0, (SELECT max(age) + 1 FROM ages)) AS r(age)
)
SELECT
  g.area,
  g.year,
  g.age::SMALLINT AS age,
  coalesce(a.in_movers, 0) AS in_movers,
  coalesce(a.out_movers, 0) AS out_movers,
  coalesce(a.in_movers, 0) - coalesce(a.out_movers, 0) AS net
FROM grid AS g
LEFT JOIN ages AS a ON a.area = g.area AND a.year = g.year AND a.age = g.age
ORDER BY g.area, g.year, g.age
