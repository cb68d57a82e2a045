-- Work to do after a transaction commits, written in that same transaction: a submission made
-- or moved is never without its message, and a message never without its submission. Workers
-- of every replica claim due rows for a lease, and mark them done or due again later.
CREATE TABLE outbox (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    -- 'submission.submitted', 'submission.status_changed', …
    topic         TEXT NOT NULL,
    submission_id INTEGER REFERENCES submissions (id),
    -- JSON: what the message says (no personal data: receivers fetch that by the API).
    payload       TEXT NOT NULL,
    -- RFC 3339, UTC, microseconds.
    created_at    TEXT NOT NULL,
    -- Not to be worked on before: now when written, the lease's end while claimed, the next
    -- try after a failure.
    available_at  TEXT NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT,
    done_at       TEXT,
    -- Given up after too many attempts: kept, and counted in /metrics, for someone to look at.
    failed_at     TEXT
);
CREATE INDEX outbox_due ON outbox (available_at) WHERE done_at IS NULL AND failed_at IS NULL;
