-- The codes that bring an applicant back from the payment page (in okUrl and cancelUrl, one per
-- trip to the provider): single-use, valid a few hours, kept only as their SHA-256. A code is
-- redeemed once for the submission's status token, so a tab (or a portal's frame) that never
-- held the access token can show the payment's outcome.
CREATE TABLE payment_returns (
    code_hash     TEXT PRIMARY KEY,
    submission_id BIGINT NOT NULL REFERENCES submissions (id),
    created_at    TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL,
    used_at       TIMESTAMPTZ
);
CREATE INDEX payment_returns_by_expiry ON payment_returns (expires_at);
