-- Commuting balance per area and year (residence- vs workplace-based employment).
--
-- Inputs (datasets written by the loaders):
--   commuting(residence, workplace, year, persons)   PEND100, end of November; workplace '950' = abroad
-- For area k: E_res = employed residents (Σ over workplaces, abroad included), E_work = jobs in k
-- held by residents of Danish municipalities (Σ over residences), W_kk = live and work in k.
--   out_commuters = E_res − W_kk, in_commuters = E_work − W_kk, net_in_commuting = E_work − E_res,
--   self_containment = W_kk / E_res (supply side), job_ratio = E_work / E_res.
-- Combinations absent from the data are 0 (BULK). An area with jobs but no employed residents
-- has NULL ratios. Summed over all areas, out_commuters − in_commuters = persons working abroad.
WITH residents AS (
  SELECT residence AS area, year, sum(persons) AS employed_residents
  FROM commuting
  GROUP BY residence, year
),
jobs AS (
  SELECT workplace AS area, year, sum(persons) AS jobs
  FROM commuting
  WHERE workplace <> '950'
  GROUP BY workplace, year
),
home AS (
  SELECT residence AS area, year, sum(persons) AS live_and_work
  FROM commuting
  WHERE workplace = residence
  GROUP BY residence, year
),
both_sides AS (
  SELECT
    coalesce(r.area, j.area)             AS area,
    coalesce(r.year, j.year)             AS year,
    coalesce(r.employed_residents, 0)    AS employed_residents,
    coalesce(j.jobs, 0)                  AS jobs
  FROM residents AS r
  FULL OUTER JOIN jobs AS j ON j.area = r.area AND j.year = r.year
)
SELECT
  b.area,
  b.year,
  b.employed_residents,
  b.jobs,
  coalesce(h.live_and_work, 0)                                        AS live_and_work,
  b.employed_residents - coalesce(h.live_and_work, 0)                 AS out_commuters,
  b.jobs - coalesce(h.live_and_work, 0)                               AS in_commuters,
  b.jobs - b.employed_residents                                       AS net_in_commuting,
  coalesce(h.live_and_work, 0) / nullif(b.employed_residents, 0)      AS self_containment,
  b.jobs / nullif(b.employed_residents, 0)                            AS job_ratio
FROM both_sides AS b
LEFT JOIN home AS h ON h.area = b.area AND h.year = b.year
ORDER BY b.area, b.year
