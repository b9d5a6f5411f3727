-- Where the employed residents of an area work: one row per area, year and workplace.
--
-- Inputs (datasets written by the loaders):
--   commuting(residence, workplace, year, persons)   PEND100, end of November; workplace is a
--                                                     municipality code or '950' (abroad)
-- area = the residence municipality. share = persons / all employed residents of the area that
-- year (0–1, working abroad included); is_home = lives and works in the area; rank 1 = the largest
-- workplace of the year, ties broken by the workplace code.
SELECT
  residence                                                              AS area,
  year,
  workplace,
  persons,
  persons / sum(persons) OVER (PARTITION BY residence, year)            AS share,
  workplace = residence                                                  AS is_home,
  row_number() OVER (PARTITION BY residence, year ORDER BY persons DESC, workplace) AS rank
FROM commuting
ORDER BY area, year, rank
