/**
 * Example queries for the SQL workbench: real questions a municipal analyst asks, over the site's
 * datasets. `:kommune` stands for the municipality chosen on the page. test/workbench/examples.test.ts
 * runs each on a hand-made fixture in native DuckDB; the e2e test runs each on the mirror build.
 */

export interface Example {
  id: string;
  /** Danish label in the select. */
  label: string;
  sql: string;
}

export const EXAMPLES: Example[] = [
  {
    id: "folketal",
    label: "Folketal i kommunen år for år",
    sql: `-- Folketal 1. januar i den valgte kommune, år for år (FOLK1A).
-- :kommune er koden for kommunen, der er valgt ovenfor.
SELECT year, population
FROM population
WHERE area = :kommune
ORDER BY year`,
  },
  {
    id: "familier",
    label: "Nettotilflytning af børnefamilier pr. år",
    sql: `-- Børnefamilier: børn 0–17 år og voksne 25–44 år, der flytter
-- til kommunen, minus dem, der flytter fra, pr. år
-- (FLY66, flytninger mellem kommuner).
SELECT
  year,
  sum(in_movers - out_movers) AS netto_familier,
  sum(in_movers - out_movers) FILTER (WHERE age_group = '0-17') AS netto_boern_0_17,
  sum(in_movers - out_movers) FILTER (WHERE age_group = '25-44') AS netto_voksne_25_44,
  sum(in_movers) AS tilflyttede,
  sum(out_movers) AS fraflyttede
FROM migration_totals
WHERE area = :kommune
  AND age_group IN ('0-17', '25-44')
GROUP BY year
ORDER BY year`,
  },
  {
    id: "tilflytning",
    label: "De ti største tilflytningsstrømme til kommunen",
    sql: `-- De ti kommuner, som flest flyttede fra til den valgte kommune,
-- i det nyeste år (FLY66).
SELECT
  f.origin AS kode,
  g.name AS fra_kommune,
  sum(f.moves) AS tilflyttede
FROM flows AS f
JOIN geography AS g ON g.area = f.origin
WHERE f.destination = :kommune
  AND f.year = (SELECT max(year) FROM flows)
GROUP BY ALL
ORDER BY tilflyttede DESC, kode
LIMIT 10`,
  },
  {
    id: "indkomst",
    label: "Indkomst i kommunen og nabokommunerne",
    sql: `-- Disponibel indkomst pr. person (gennemsnit, kr.) i den valgte
-- kommune og kommunerne, den deler grænse med, i det nyeste år
-- (INDKP101).
SELECT
  i.area AS kode,
  g.name AS kommune,
  CASE WHEN i.area = :kommune THEN 'valgt kommune' ELSE 'nabokommune' END AS rolle,
  i.kr AS disponibel_indkomst_kr
FROM income AS i
JOIN geography AS g ON g.area = i.area
WHERE i.income_type = 'disposable'
  AND i.year = (SELECT max(year) FROM income WHERE income_type = 'disposable')
  AND (i.area = :kommune
       OR i.area IN (SELECT neighbour FROM neighbours WHERE area = :kommune))
ORDER BY disponibel_indkomst_kr DESC`,
  },
  {
    id: "kort",
    label: "Nettotilflytning pr. 1.000 indbyggere i alle kommuner (kort)",
    sql: `-- Til- minus fraflyttede (FLY66) pr. 1.000 indbyggere 1. januar
-- samme år (FOLK1A), for hver kommune i det nyeste år med flyttetal.
SELECT
  m.area AS kode,
  g.name AS kommune,
  round(1000.0 * (m.in_movers - m.out_movers) / p.population, 1) AS netto_pr_1000,
  m.in_movers - m.out_movers AS netto
FROM migration_totals AS m
JOIN geography AS g ON g.area = m.area
JOIN population AS p ON p.area = m.area AND p.year = m.year
WHERE m.age_group = 'i alt'
  AND m.year = (SELECT max(year) FROM migration_totals)
ORDER BY netto_pr_1000 DESC`,
  },
];

export const DEFAULT_SQL = EXAMPLES[0].sql;

/** An analysis of src/sql as a starting point: the file's SELECT, kept to the chosen municipality. */
export function analysisStart(file: string, label: string, sql: string): string {
  const body = sql.trim().replace(/;\s*$/, "");
  return `-- ${label} (src/sql/${file}.sql), for den valgte kommune.
SELECT *
FROM (
${body}
) AS resultat
WHERE area = :kommune`;
}
