-- The full answer distribution per Likert item (for diverging stacked bars), for all respondents
-- (variable = 'alle') and every group, weighted by survey_respondents.weight.
--
-- Inputs: survey_respondents, survey_answers, survey_groups, survey_items (see survey_top2box.sql).
-- One row per item, group and answer category 1…scale_max (0 where nobody chose it). Groups
-- under 5 respondents and items with under 5 answers in a group are left out.
WITH groups AS (
  SELECT respondent, variable, group_value FROM survey_groups
),
group_sizes AS (
  SELECT variable, group_value, count(DISTINCT respondent) AS group_n FROM groups GROUP BY ALL
),
answered AS (
  SELECT g.variable, g.group_value, a.item, a.value, r.weight
  FROM survey_answers AS a
  JOIN survey_respondents AS r USING (respondent)
  JOIN groups AS g USING (respondent)
),
totals AS (
  SELECT variable, group_value, item, count(*) AS n, sum(weight) AS w FROM answered GROUP BY ALL
),
categories AS (
  SELECT i.item, c.category
  FROM survey_items AS i, range(1, 100) AS c(category)
  WHERE c.category <= i.scale_max
)
SELECT
  t.item,
  t.variable,
  t.group_value,
  c.category::INTEGER AS category,
  t.n::INTEGER AS n,
  (count(a.value))::INTEGER AS count,
  coalesce(sum(a.weight), 0) / t.w AS share
FROM totals AS t
JOIN group_sizes AS s USING (variable, group_value)
JOIN categories AS c ON c.item = t.item
LEFT JOIN answered AS a ON a.variable = t.variable AND a.group_value = t.group_value AND a.item = t.item AND a.value = c.category
WHERE s.group_n >= 5 AND t.n >= 5
GROUP BY t.item, t.variable, t.group_value, c.category, t.n, t.w
