-- Chaos audit log: every change of the chaos plan (who, what, when, scenario). Append-only.
CREATE TABLE chaos_audit (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  at           TIMESTAMP(6) NOT NULL,
  actor        VARCHAR(64)  NOT NULL,
  action       VARCHAR(16)  NOT NULL,
  chaos_type   VARCHAR(64),
  chaos_level  INT,
  scenario_id  VARCHAR(64),
  detail       VARCHAR(500) NOT NULL,
  PRIMARY KEY (id)
);
CREATE INDEX ix_chaos_audit_at ON chaos_audit (at);
