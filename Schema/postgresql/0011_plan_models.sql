-- PostgreSQL translation of Schema/0011_plan_models.sql; keep the two in step.
-- Which style-transfer models each plan may use (issue #15, model choice): one row per plan and
-- model, the model named as the API spells it (`microast`, `adain`). A plan without rows allows
-- every model the server has loaded; `stylify admin plans set <plan> --models …` replaces a
-- plan's rows (`--models all` removes them). Copying a plan copies its rows.

CREATE TABLE plan_models (
    plan   text NOT NULL REFERENCES plans(name) ON DELETE CASCADE,
    model  text NOT NULL CHECK (length(model) BETWEEN 1 AND 32),
    PRIMARY KEY (plan, model)
);

-- Both default plans allow both models: what the API allowed before (it always used MicroAST).
INSERT INTO plan_models (plan, model)
SELECT name, 'microast' FROM plans WHERE name IN ('free', 'premium')
UNION ALL
SELECT name, 'adain' FROM plans WHERE name IN ('free', 'premium');
