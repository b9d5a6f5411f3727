-- Average commuting distance of an area's employed residents, compared with its region and the country.
--
-- Inputs (datasets written by the loaders):
--   commuting_distance(area, year, km)                          AFSTB4, end of November, municipalities
--   geography(area, name, region_code, region_name, lon, lat)   municipality → region
-- region_avg_km and country_avg_km are plain (unweighted) means over the municipalities with a
-- figure that year; rank_in_country 1 = the shortest distance (equal distances share a rank).
-- An area missing from geography keeps its row with region_avg_km NULL.
WITH d AS (
  SELECT c.area, c.year, c.km, g.region_code
  FROM commuting_distance AS c
  LEFT JOIN geography AS g ON g.area = c.area
)
SELECT
  area,
  year,
  km,
  CASE WHEN region_code IS NULL THEN NULL
       ELSE avg(km) OVER (PARTITION BY region_code, year) END    AS region_avg_km,
  avg(km) OVER (PARTITION BY year)                                AS country_avg_km,
  rank() OVER (PARTITION BY year ORDER BY km)                     AS rank_in_country
FROM d
ORDER BY area, year
