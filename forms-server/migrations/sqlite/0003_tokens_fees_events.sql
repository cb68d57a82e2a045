-- What an applicant needs to follow a submission, what makes a repeated POST safe, and the
-- history of every submission.

-- The SHA-256 (hex) of the access token shown once on the confirmation; the token itself is
-- never stored. Rows from before this migration have '' and no token can match them.
ALTER TABLE submissions ADD COLUMN access_token_hash TEXT NOT NULL DEFAULT '';
-- The fee forms-core computed on the server (a decimal string and its ISO 4217 currency), or NULL.
ALTER TABLE submissions ADD COLUMN fee_amount TEXT;
ALTER TABLE submissions ADD COLUMN fee_currency TEXT;
-- The client's Idempotency-Key and the SHA-256 of the canonical request data: the same key
-- with the same data gets the same answer, with other data 409.
ALTER TABLE submissions ADD COLUMN idempotency_key TEXT;
ALTER TABLE submissions ADD COLUMN request_hash TEXT;
CREATE UNIQUE INDEX submissions_idempotency ON submissions (form_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- Append-only: every status a submission enters, with when, who and why. The submission's
-- `status` column is the last of its events, written in the same transaction.
CREATE TABLE submission_events (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    submission_id INTEGER NOT NULL REFERENCES submissions (id),
    status        TEXT NOT NULL,
    -- 'applicant', 'system', or the administration that acted.
    actor         TEXT NOT NULL,
    note          TEXT,
    -- RFC 3339, UTC, microseconds.
    created_at    TEXT NOT NULL
);
CREATE INDEX submission_events_by_submission ON submission_events (submission_id, id);
CREATE TRIGGER submission_events_no_update BEFORE UPDATE ON submission_events
BEGIN SELECT RAISE(ABORT, 'submission events are append-only'); END;
CREATE TRIGGER submission_events_no_delete BEFORE DELETE ON submission_events
BEGIN SELECT RAISE(ABORT, 'submission events are append-only'); END;
