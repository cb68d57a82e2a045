-- The payment ledger. One row per attempt to pay a submission's fee; the amount is the fee the
-- server computed, never the client's. `ais_payment_id` is ours and the same for every attempt
-- of a submission, so the provider updates its request instead of making a second one.
CREATE TABLE payments (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    submission_id  INTEGER NOT NULL REFERENCES submissions (id),
    attempt        INTEGER NOT NULL,
    -- 'egov' (pay.egov.bg) or 'epay' (ePay.bg).
    provider       TEXT NOT NULL,
    ais_payment_id TEXT NOT NULL,
    -- The provider's id of the request (pay.egov.bg) or our invoice number (ePay.bg).
    provider_id    TEXT NOT NULL,
    amount         TEXT NOT NULL,
    currency       TEXT NOT NULL,
    -- Pending, InProcess, Authorized, Ordered, Paid, Expired, Canceled, Suspended.
    status         TEXT NOT NULL,
    -- Why the administration must look at it (a Paid after Expired or Canceled), if it must.
    flagged        TEXT,
    -- RFC 3339, UTC, microseconds.
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    expires_at     TEXT NOT NULL,
    -- When the status poller asks the provider next, and how often it has.
    next_poll_at   TEXT NOT NULL,
    polls          INTEGER NOT NULL DEFAULT 0,
    UNIQUE (submission_id, attempt)
);
-- A restart keeps the provider's id (the same aisPaymentId): notifications go to the latest
-- attempt under it.
CREATE INDEX payments_by_provider_id ON payments (provider, provider_id, id);
CREATE INDEX payments_open ON payments (next_poll_at)
    WHERE status NOT IN ('Paid', 'Expired', 'Canceled', 'Suspended');

-- Append-only: every notification received, verified or not, and what was done with it.
CREATE TABLE payment_notifications (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    provider    TEXT NOT NULL,
    -- 'notification' (pushed by the provider) or 'poll' (our status request's answer).
    source      TEXT NOT NULL,
    payment_id  INTEGER REFERENCES payments (id),
    -- The request exactly as received (form fields as JSON), secrets never among them.
    raw         TEXT NOT NULL,
    verified    INTEGER NOT NULL,
    -- applied, duplicate, ignored_backwards, late_paid_flagged, unknown_payment, bad_hmac,
    -- unknown_client, bad_data.
    outcome     TEXT NOT NULL,
    received_at TEXT NOT NULL
);
CREATE TRIGGER payment_notifications_no_update BEFORE UPDATE ON payment_notifications
BEGIN SELECT RAISE(ABORT, 'payment notifications are append-only'); END;
CREATE TRIGGER payment_notifications_no_delete BEFORE DELETE ON payment_notifications
BEGIN SELECT RAISE(ABORT, 'payment notifications are append-only'); END;
