-- The reset/verification mail and bad-token limits shared by every API node like failed logins:
-- login_failures now holds the attempts of three throttles, told apart by `throttle` (rows of
-- before this migration are failed logins). Each throttle's rows are counted and pruned alone.
ALTER TABLE login_failures ADD COLUMN throttle TEXT NOT NULL DEFAULT 'login'
    CHECK (throttle IN ('login', 'recovery_mail', 'recovery_token'));
DROP INDEX login_failures_subject;
CREATE INDEX login_failures_subject ON login_failures(throttle, scope, subject, failed_ms);
DROP INDEX login_failures_failed;
CREATE INDEX login_failures_failed ON login_failures(throttle, failed_ms);
