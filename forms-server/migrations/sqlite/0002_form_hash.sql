-- Every submission is pinned to the exact definition version it was checked against: the
-- content hash of the canonical definition (`sha256:…`, forms-core compile.rs), not only the
-- administration's version label. Rows from before this migration have '' (not known).
ALTER TABLE submissions ADD COLUMN form_hash TEXT NOT NULL DEFAULT '';
