-- Values the server replicas sharing this database must agree on, made once by the first that
-- needs them: the secret access tokens are derived from, when FORMS_TOKEN_SECRET is not set.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
