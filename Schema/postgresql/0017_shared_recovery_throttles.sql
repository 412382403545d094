-- The PostgreSQL form of Schema/0017_shared_recovery_throttles.sql: login_failures holds the
-- attempts of three throttles (failed logins, recovery mails asked for, bad recovery tokens).
ALTER TABLE login_failures ADD COLUMN throttle text NOT NULL DEFAULT 'login'
    CHECK (throttle IN ('login', 'recovery_mail', 'recovery_token'));
DROP INDEX login_failures_subject;
CREATE INDEX login_failures_subject ON login_failures(throttle, scope, subject, failed_ms);
DROP INDEX login_failures_failed;
CREATE INDEX login_failures_failed ON login_failures(throttle, failed_ms);
