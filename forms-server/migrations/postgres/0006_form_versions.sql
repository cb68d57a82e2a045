-- Every definition version ever published, by content hash: immutable, so a submission or a
-- draft pinned to a hash can always be judged, shown and scoped by the very text it was filled
-- against. A form's current version is its newest one not retired; retiring the current one
-- brings the one before it back (a rollback), and a form with none left is no longer offered.
CREATE TABLE form_versions (
    -- The order of publication.
    id           BIGSERIAL PRIMARY KEY,
    -- SHA-256 (hex) of the canonical JSON of the definition: forms-core's content_hash.
    hash         TEXT NOT NULL UNIQUE,
    form_id      TEXT NOT NULL,
    -- The definition's own version label.
    version      TEXT NOT NULL,
    -- service.provider_eik: the administration whose version it is, if any.
    provider_eik TEXT,
    -- The canonical JSON of the definition, as text: the exact bytes that were hashed.
    definition   TEXT NOT NULL,
    -- 'file:NAME' for the definitions directory, 'administration:EIK' for the API.
    published_by TEXT NOT NULL,
    published_at TIMESTAMPTZ NOT NULL,
    retired_by   TEXT,
    retired_at   TIMESTAMPTZ
);
CREATE INDEX form_versions_by_form ON form_versions (form_id, id);
-- Only the retirement may be written, once; nothing is ever deleted.
CREATE FUNCTION form_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'form versions are never deleted';
    END IF;
    IF OLD.retired_at IS NOT NULL OR NEW.retired_at IS NULL
       OR (NEW.hash, NEW.form_id, NEW.version, NEW.definition, NEW.published_by, NEW.published_at)
          IS DISTINCT FROM
          (OLD.hash, OLD.form_id, OLD.version, OLD.definition, OLD.published_by, OLD.published_at)
       OR NEW.provider_eik IS DISTINCT FROM OLD.provider_eik THEN
        RAISE EXCEPTION 'form versions are immutable; only retirement is recorded, once';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER form_versions_immutable BEFORE UPDATE OR DELETE ON form_versions
    FOR EACH ROW EXECUTE FUNCTION form_versions_immutable();
