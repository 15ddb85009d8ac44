-- Budgets per project, and the thresholds (80, 100 percent) already announced for a month.
CREATE TABLE metering_budget (
    project_id  VARCHAR(64) PRIMARY KEY,
    amount      NUMERIC(38, 12) NOT NULL
);

CREATE TABLE metering_budget_alert (
    project_id         VARCHAR(64) NOT NULL,
    budget_month       VARCHAR(7)  NOT NULL,  -- YYYY-MM; "month" is a keyword in H2
    threshold_percent  INTEGER     NOT NULL,
    reached_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (project_id, budget_month, threshold_percent)
);
