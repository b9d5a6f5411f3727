-- Migration effectiveness per municipality, year and age group ('i alt' = all ages), and for the
-- country as a whole (Bell et al. 2002; see ../shared/research/demographic-methods.md §1.4).
--
-- Inputs: flow_pairs (FLY66, the municipality's exchange with each other one), migration_totals
--         (FLY66, each municipality's in and out), population(area, year, population) (FOLK1A, 1 January).
--   mei            100 · Σ_j |net_kj| / Σ_j (in_kj + out_kj) over the municipality's exchanges with
--                  every other municipality j: 0 = every exchange evens out, 100 = all one-way
--   mei_signed     100 · (I − O) / (I + O) for the municipality: −100…100
--   country_mei    100 · Σ_i |I_i − O_i| / Σ_i (I_i + O_i) over all municipalities
--   country_cmi    crude migration intensity 100 · M / P (M moves, P mean population), 'i alt' only
--   country_anmr   aggregate net migration rate 100 · ½ Σ_i |I_i − O_i| / P, 'i alt' only
-- Identity: country_anmr = country_cmi · country_mei / 100.
WITH areas AS (
  SELECT area, year, age_group,
         sum(in_movers) AS in_movers, sum(out_movers) AS out_movers,
         sum(abs(in_movers - out_movers)) AS sum_abs_pair_net
  FROM flow_pairs
  GROUP BY area, year, age_group
),
-- the country needs only each municipality's in and out, not the pairs
country AS (
  SELECT year, age_group,
         sum(abs(in_movers - out_movers)) AS sum_abs_net,
         sum(in_movers + out_movers) AS sum_gross,
         sum(in_movers) AS moves
  FROM migration_totals
  GROUP BY year, age_group
),
mean_population AS (
  SELECT p0.year, sum(CASE WHEN p1.population IS NULL THEN p0.population * 1.0 ELSE (p0.population + p1.population) / 2.0 END) AS population
  FROM population AS p0
  LEFT JOIN population AS p1 ON p1.area = p0.area AND p1.year = p0.year + 1
  WHERE p0.area IN (SELECT area FROM migration_totals)
  GROUP BY p0.year
)
SELECT
  a.area,
  a.year,
  a.age_group,
  a.in_movers,
  a.out_movers,
  round(100.0 * a.sum_abs_pair_net / (a.in_movers + a.out_movers), 2)        AS mei,
  round(100.0 * (a.in_movers - a.out_movers) / (a.in_movers + a.out_movers), 2) AS mei_signed,
  round(100.0 * c.sum_abs_net / c.sum_gross, 2)                              AS country_mei,
  CASE WHEN a.age_group = 'i alt' THEN round(100.0 * c.moves / p.population, 4) END           AS country_cmi,
  CASE WHEN a.age_group = 'i alt' THEN round(100.0 * 0.5 * c.sum_abs_net / p.population, 4) END AS country_anmr
FROM areas AS a
JOIN country AS c USING (year, age_group)
LEFT JOIN mean_population AS p USING (year)
ORDER BY a.area, a.year, a.age_group
