-- Moves to and from neighbouring municipalities, the rest of the region and the rest of the
-- country, per municipality, year and age group ('i alt' = all ages).
--
-- Inputs: flow_pairs(area, counterpart, age_group, year, in_movers, out_movers) (FLY66),
--         geography(area, region_code, …), neighbours(area, neighbour).
-- zone: 'Nabokommuner' (shares a border), 'Øvrige kommuner i regionen', 'Resten af landet'.
WITH zoned AS (
  SELECT p.area, p.year, p.age_group, p.in_movers, p.out_movers,
         CASE WHEN n.neighbour IS NOT NULL THEN 'Nabokommuner'
              WHEN g.region_code = ga.region_code THEN 'Øvrige kommuner i regionen'
              ELSE 'Resten af landet' END AS zone
  FROM flow_pairs AS p
  LEFT JOIN neighbours AS n ON n.area = p.area AND n.neighbour = p.counterpart
  LEFT JOIN geography AS g ON g.area = p.counterpart
  LEFT JOIN geography AS ga ON ga.area = p.area
)
SELECT area, year, age_group, zone,
       sum(in_movers) AS in_movers, sum(out_movers) AS out_movers,
       sum(in_movers - out_movers) AS net, sum(in_movers + out_movers) AS gross
FROM zoned
GROUP BY area, year, age_group, zone
ORDER BY area, year, age_group, zone
