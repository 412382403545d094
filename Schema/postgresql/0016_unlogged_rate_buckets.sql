-- Rate-limit buckets without WAL: every authenticated request on a node sharing its limits
-- updates its key's bucket, and a transaction that writes only unlogged tables commits without
-- waiting for a WAL flush, so one busy key is no longer held to the disk's fsync rate while its
-- row is locked. A crash empties the table; a missing bucket is a full one, so the worst case is
-- one minute's burst per key after a crash. Login throttles (login_failures) stay logged.
ALTER TABLE rate_buckets SET UNLOGGED;
