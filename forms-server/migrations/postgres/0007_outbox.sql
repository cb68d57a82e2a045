-- Work to do after a transaction commits, written in that same transaction: a submission made
-- or moved is never without its message, and a message never without its submission. Workers
-- of every replica claim due rows for a lease (FOR UPDATE SKIP LOCKED), and mark them done or
-- due again later.
CREATE TABLE outbox (
    id            BIGSERIAL PRIMARY KEY,
    -- 'submission.submitted', 'submission.status_changed', …
    topic         TEXT NOT NULL,
    submission_id BIGINT REFERENCES submissions (id),
    -- JSON: what the message says (no personal data: receivers fetch that by the API).
    payload       TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    -- Not to be worked on before: now when written, the lease's end while claimed, the next
    -- try after a failure.
    available_at  TIMESTAMPTZ NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT,
    done_at       TIMESTAMPTZ,
    -- Given up after too many attempts: kept, and counted in /metrics, for someone to look at.
    failed_at     TIMESTAMPTZ
);
CREATE INDEX outbox_due ON outbox (available_at) WHERE done_at IS NULL AND failed_at IS NULL;
