-- Moves to and from neighbouring municipalities, the rest of the region and the rest of the
-- country, per municipality, year and age group ('i alt' = all ages).
--
-- Inputs: flows (FLY66), geography(area, region_code, …), neighbours(area, neighbour).
-- zone: 'Nabokommuner' (shares a border), 'Øvrige kommuner i regionen', 'Resten af landet'.
WITH pairs AS (
  SELECT destination AS area, origin AS counterpart, year, age_group, moves AS in_m, 0 AS out_m FROM flows
  UNION ALL
  SELECT origin AS area, destination AS counterpart, year, age_group, 0 AS in_m, moves AS out_m FROM flows
),
zoned AS (
  SELECT p.*,
         CASE WHEN n.neighbour IS NOT NULL THEN 'Nabokommuner'
              WHEN g.region_code = ga.region_code THEN 'Øvrige kommuner i regionen'
              ELSE 'Resten af landet' END AS zone
  FROM pairs AS p
  LEFT JOIN neighbours AS n ON n.area = p.area AND n.neighbour = p.counterpart
  LEFT JOIN geography AS g ON g.area = p.counterpart
  LEFT JOIN geography AS ga ON ga.area = p.area
),
by_group AS (
  SELECT area, year, age_group, zone, sum(in_m) AS in_movers, sum(out_m) AS out_movers
  FROM zoned
  GROUP BY ALL
),
totals AS (
  SELECT * FROM by_group
  UNION ALL
  SELECT area, year, 'i alt' AS age_group, zone, sum(in_movers), sum(out_movers)
  FROM by_group
  GROUP BY area, year, zone
)
SELECT area, year, age_group, zone, in_movers, out_movers,
       in_movers - out_movers AS net, in_movers + out_movers AS gross
FROM totals
