-- Submissions accepted by the server. A row is written only after forms-core accepted the data,
-- in one transaction together with its reference number, so no half-written row can exist.

-- The sequence inside reference numbers: one for the whole cluster, so any number of server
-- replicas sharing this database never hand out the same reference.
CREATE SEQUENCE submission_seq;

CREATE TABLE submissions (
    -- The sequence number inside the reference number, taken from submission_seq.
    id           BIGINT PRIMARY KEY,
    -- The reference number shown to the applicant (YYYY-NNNNNN-CC, see forms-core reference.rs).
    reference    TEXT NOT NULL UNIQUE,
    form_id      TEXT NOT NULL,
    form_version TEXT NOT NULL,
    -- The cleaned data: only the form's own fields, as forms-core returned them.
    data         JSONB NOT NULL,
    -- The language the applicant used.
    lang         TEXT NOT NULL,
    status       TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);
