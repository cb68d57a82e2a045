-- Every definition version ever published, by content hash: immutable, so a submission or a
-- draft pinned to a hash can always be judged, shown and scoped by the very text it was filled
-- against. A form's current version is its newest one not retired; retiring the current one
-- brings the one before it back (a rollback), and a form with none left is no longer offered.
CREATE TABLE form_versions (
    -- The order of publication.
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    -- SHA-256 (hex) of the canonical JSON of the definition: forms-core's content_hash.
    hash         TEXT NOT NULL UNIQUE,
    form_id      TEXT NOT NULL,
    -- The definition's own version label.
    version      TEXT NOT NULL,
    -- service.provider_eik: the administration whose version it is, if any.
    provider_eik TEXT,
    -- The canonical JSON of the definition.
    definition   TEXT NOT NULL,
    -- 'file:NAME' for the definitions directory, 'administration:EIK' for the API.
    published_by TEXT NOT NULL,
    -- RFC 3339, UTC, microseconds.
    published_at TEXT NOT NULL,
    retired_by   TEXT,
    retired_at   TEXT
);
CREATE INDEX form_versions_by_form ON form_versions (form_id, id);
-- Only the retirement may be written, once; nothing is ever deleted.
CREATE TRIGGER form_versions_immutable BEFORE UPDATE ON form_versions
WHEN OLD.retired_at IS NOT NULL OR NEW.retired_at IS NULL
  OR NEW.hash IS NOT OLD.hash OR NEW.form_id IS NOT OLD.form_id
  OR NEW.version IS NOT OLD.version OR NEW.provider_eik IS NOT OLD.provider_eik
  OR NEW.definition IS NOT OLD.definition OR NEW.published_by IS NOT OLD.published_by
  OR NEW.published_at IS NOT OLD.published_at
BEGIN SELECT RAISE(ABORT, 'form versions are immutable; only retirement is recorded, once'); END;
CREATE TRIGGER form_versions_no_delete BEFORE DELETE ON form_versions
BEGIN SELECT RAISE(ABORT, 'form versions are never deleted'); END;
