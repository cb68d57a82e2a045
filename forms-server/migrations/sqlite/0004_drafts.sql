-- Drafts: an application saved to be finished later, found again by an unguessable resume
-- token (only its SHA-256 is kept), pinned to the definition version it was filled against,
-- and deleted by a background job once it expires.
CREATE TABLE drafts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash   TEXT NOT NULL UNIQUE,
    form_id      TEXT NOT NULL,
    form_version TEXT NOT NULL,
    form_hash    TEXT NOT NULL,
    -- The answers so far, as the applicant left them (not yet checked: a draft may be incomplete).
    data         TEXT NOT NULL,
    -- RFC 3339, UTC, microseconds: they compare as text.
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL
);
CREATE INDEX drafts_by_expiry ON drafts (expires_at);
