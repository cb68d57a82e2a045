-- Submissions accepted by the server. A row is written only after forms-core accepted the data,
-- in one transaction together with its reference number, so no half-written row can exist.
CREATE TABLE submissions (
    -- The sequence number inside the reference number; AUTOINCREMENT never reuses a value.
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    -- The reference number shown to the applicant (YYYY-NNNNNN-CC, see forms-core reference.rs).
    reference    TEXT UNIQUE,
    form_id      TEXT NOT NULL,
    form_version TEXT NOT NULL,
    -- The cleaned data as JSON: only the form's own fields, as forms-core returned them.
    data         TEXT NOT NULL,
    -- The language the applicant used.
    lang         TEXT NOT NULL,
    status       TEXT NOT NULL,
    -- RFC 3339, UTC.
    created_at   TEXT NOT NULL
);
