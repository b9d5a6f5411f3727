-- Multi-choice questions ("reasons for moving"): the weighted share of respondents choosing each
-- answer, for all respondents (variable = 'alle') and every group. Respondents who chose nothing
-- count in the denominator only if they answered the question at all.
--
-- Inputs: survey_respondents, survey_groups, survey_choices(respondent, question, choice).
-- Groups under 5 respondents (answering the question) are left out.
WITH groups AS (
  SELECT respondent, variable, group_value FROM survey_groups
),
answering AS (
  SELECT DISTINCT respondent, question FROM survey_choices
),
denominators AS (
  SELECT g.variable, g.group_value, q.question, count(*) AS n, sum(r.weight) AS w
  FROM answering AS q
  JOIN groups AS g USING (respondent)
  JOIN survey_respondents AS r USING (respondent)
  GROUP BY ALL
)
SELECT
  d.question,
  d.variable,
  d.group_value,
  c.choice,
  d.n::INTEGER AS n,
  (count(*))::INTEGER AS count,
  sum(r.weight) / d.w AS share
FROM survey_choices AS c
JOIN groups AS g USING (respondent)
JOIN survey_respondents AS r USING (respondent)
JOIN denominators AS d ON d.variable = g.variable AND d.group_value = g.group_value AND d.question = c.question
WHERE d.n >= 5
GROUP BY d.question, d.variable, d.group_value, c.choice, d.n, d.w
