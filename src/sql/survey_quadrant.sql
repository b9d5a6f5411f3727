-- Importance × satisfaction per topic: what matters most and scores worst. For every topic that
-- has an importance item and a satisfaction item (survey_items.role), the weighted mean of each,
-- for all respondents (variable = 'alle') and every group.
--
-- Inputs: survey_respondents, survey_answers, survey_groups,
--         survey_items(item, label, scale, scale_max, topic, role)  role: 'importance' | 'satisfaction' | NULL
-- `gap` = importance − satisfaction (both on 1–5): large = a priority. Groups under 5
-- respondents and means from under 5 answers are left out.
WITH groups AS (
  SELECT respondent, variable, group_value FROM survey_groups
),
group_sizes AS (
  SELECT variable, group_value, count(DISTINCT respondent) AS group_n FROM groups GROUP BY ALL
),
means AS (
  SELECT g.variable, g.group_value, i.topic, i.role,
         sum(r.weight * a.value) / sum(r.weight) AS mean, count(*) AS n
  FROM survey_answers AS a
  JOIN survey_respondents AS r USING (respondent)
  JOIN groups AS g USING (respondent)
  JOIN survey_items AS i USING (item)
  WHERE i.role IN ('importance', 'satisfaction') AND i.topic IS NOT NULL
  GROUP BY ALL
  HAVING count(*) >= 5
)
SELECT
  imp.variable,
  imp.group_value,
  imp.topic,
  imp.mean AS importance,
  sat.mean AS satisfaction,
  imp.mean - sat.mean AS gap,
  least(imp.n, sat.n)::INTEGER AS n
FROM means AS imp
JOIN means AS sat ON sat.variable = imp.variable AND sat.group_value = imp.group_value AND sat.topic = imp.topic
JOIN group_sizes AS s ON s.variable = imp.variable AND s.group_value = imp.group_value
WHERE imp.role = 'importance' AND sat.role = 'satisfaction' AND s.group_n >= 5
