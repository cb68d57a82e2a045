-- The payment ledger. One row per attempt to pay a submission's fee; the amount is the fee the
-- server computed, never the client's. `ais_payment_id` is ours and the same for every attempt
-- of a submission, so the provider updates its request instead of making a second one.
CREATE TABLE payments (
    id             BIGSERIAL PRIMARY KEY,
    submission_id  BIGINT NOT NULL REFERENCES submissions (id),
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
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL,
    -- When the status poller asks the provider next, and how often it has.
    next_poll_at   TIMESTAMPTZ NOT NULL,
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
    id          BIGSERIAL PRIMARY KEY,
    provider    TEXT NOT NULL,
    -- 'notification' (pushed by the provider) or 'poll' (our status request's answer).
    source      TEXT NOT NULL,
    payment_id  BIGINT REFERENCES payments (id),
    -- The request exactly as received (form fields as JSON), secrets never among them.
    raw         TEXT NOT NULL,
    verified    BOOLEAN NOT NULL,
    -- applied, duplicate, ignored_backwards, late_paid_flagged, unknown_payment, bad_hmac,
    -- unknown_client, bad_data.
    outcome     TEXT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL
);
CREATE FUNCTION payment_notifications_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'payment notifications are append-only';
END $$;
CREATE TRIGGER payment_notifications_append_only BEFORE UPDATE OR DELETE ON payment_notifications
    FOR EACH ROW EXECUTE FUNCTION payment_notifications_append_only();
