-- Net migration per 1,000 residents, by area and year.
--
-- Inputs (datasets written by the loaders):
--   movements(area, year, component, value)   BEV107; components inMovers, outMovers, immigrants, emigrants
--   population(area, year, population)        FOLK1A, 1 January
-- The denominator is the mean population of the year: the average of 1 January this year and
-- 1 January next year where both exist, else 1 January this year. Rates are NULL where a part
-- is missing (a source without immigrants/emigrants gives domestic rates only).
-- One row per area and year that has in- or out-movers and a population figure.
WITH flows AS (
  SELECT
    area,
    year,
    sum(value) FILTER (WHERE component = 'inMovers')   AS in_movers,
    sum(value) FILTER (WHERE component = 'outMovers')  AS out_movers,
    sum(value) FILTER (WHERE component = 'immigrants') AS immigrants,
    sum(value) FILTER (WHERE component = 'emigrants')  AS emigrants
  FROM movements
  GROUP BY area, year
),
denominator AS (
  SELECT
    p0.area,
    p0.year,
    CASE WHEN p1.population IS NULL THEN p0.population * 1.0
         ELSE (p0.population + p1.population) / 2.0 END AS mean_population,
    p1.population IS NOT NULL AS is_mid_year
  FROM population AS p0
  LEFT JOIN population AS p1 ON p1.area = p0.area AND p1.year = p0.year + 1
)
SELECT
  f.area,
  f.year,
  f.in_movers,
  f.out_movers,
  f.in_movers - f.out_movers                                        AS net_domestic,
  f.immigrants - f.emigrants                                        AS net_international,
  d.mean_population,
  d.is_mid_year,
  round(1000.0 * (f.in_movers - f.out_movers) / d.mean_population, 2) AS net_domestic_per_1000,
  round(1000.0 * (f.immigrants - f.emigrants) / d.mean_population, 2) AS net_international_per_1000,
  round(1000.0 * (f.in_movers - f.out_movers + f.immigrants - f.emigrants) / d.mean_population, 2) AS net_total_per_1000
FROM flows AS f
JOIN denominator AS d ON d.area = f.area AND d.year = f.year
WHERE f.in_movers IS NOT NULL OR f.out_movers IS NOT NULL
ORDER BY f.area, f.year
