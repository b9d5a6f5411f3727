-- Share agreeing (top-2-box: the two highest answers on the item's scale) per item, for all
-- respondents (variable = 'alle') and for every group of every grouping column.
--
-- Inputs (registered in the browser from the planner's survey file; nothing leaves the browser):
--   survey_respondents(respondent, weight)           weight = 1, a design weight or a raking weight
--   survey_answers(respondent, item, value)          one row per answered Likert item (no row = no answer)
--   survey_groups(respondent, variable, group_value) the groups that may be shown, 'alle' included
--                                                  (src/lib/survey/groups.ts: none under 5, none
--                                                  recoverable by subtraction)
--   survey_items(item, label, scale, scale_max, topic)
-- Small groups: a group with fewer than 5 respondents is never in the output, nor an item with
-- fewer than 5 answers in a group; `flagged` marks fewer than 30 answers.
-- Weighted figures: w_top2 / w = the weighted share; n_eff = w² / Σw² (Kish) for its interval.
WITH groups AS (
  SELECT respondent, variable, group_value FROM survey_groups
),
group_sizes AS (
  SELECT variable, group_value, count(DISTINCT respondent) AS group_n FROM groups GROUP BY ALL
),
answered AS (
  SELECT g.variable, g.group_value, a.item, a.value, r.weight, i.scale_max
  FROM survey_answers AS a
  JOIN survey_respondents AS r USING (respondent)
  JOIN groups AS g USING (respondent)
  JOIN survey_items AS i USING (item)
)
SELECT
  a.item,
  a.variable,
  a.group_value,
  s.group_n,
  count(*)::INTEGER                                          AS n,
  (count(*) FILTER (WHERE a.value >= a.scale_max - 1))::INTEGER AS k,
  sum(a.weight)                                              AS w,
  coalesce(sum(a.weight) FILTER (WHERE a.value >= a.scale_max - 1), 0) AS w_top2,
  sum(a.weight) * sum(a.weight) / sum(a.weight * a.weight)   AS n_eff,
  avg(a.value)                                               AS mean,
  sum(a.weight * a.value) / sum(a.weight)                    AS w_mean,
  count(*) < 30                                              AS flagged
FROM answered AS a
JOIN group_sizes AS s USING (variable, group_value)
WHERE s.group_n >= 5
GROUP BY a.item, a.variable, a.group_value, s.group_n
HAVING count(*) >= 5
