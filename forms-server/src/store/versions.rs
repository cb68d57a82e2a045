//! Published definition versions (`form_versions`): immutable rows by content hash, of which a
//! form's current one is its newest not retired.

use super::{PG_TIME, Store, now_text};

/// A definition version to publish.
#[derive(Debug)]
pub struct NewVersion<'a> {
    /// forms-core's content hash of the definition.
    pub hash: &'a str,
    /// The form's id.
    pub form_id: &'a str,
    /// The definition's version label.
    pub version: &'a str,
    /// `service.provider_eik`, if any.
    pub provider_eik: Option<&'a str>,
    /// The canonical JSON of the definition (what the hash is of).
    pub definition: &'a str,
    /// Who publishes it: `file:NAME` or `administration:EIK`.
    pub published_by: &'a str,
}

/// A stored definition version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredVersion {
    /// Its content hash.
    pub hash: String,
    /// The form's id.
    pub form_id: String,
    /// The definition's version label.
    pub version: String,
    /// `service.provider_eik`, if any.
    pub provider_eik: Option<String>,
    /// The canonical JSON of the definition.
    pub definition: String,
    /// Who published it.
    pub published_by: String,
    /// When (RFC 3339, UTC).
    pub published_at: String,
    /// When it was retired, if it was.
    pub retired_at: Option<String>,
}

type VersionRow = (
    String,
    String,
    String,
    Option<String>,
    String,
    String,
    String,
    Option<String>,
);

fn stored(row: VersionRow) -> StoredVersion {
    let (hash, form_id, version, provider_eik, definition, published_by, published_at, retired_at) =
        row;
    StoredVersion {
        hash,
        form_id,
        version,
        provider_eik,
        definition,
        published_by,
        published_at,
        retired_at,
    }
}

/// The newest version of each form that is not retired, as a condition on the alias `v`.
const CURRENT: &str = "v.retired_at IS NULL AND v.id = (SELECT max(w.id) FROM form_versions w \
     WHERE w.form_id = v.form_id AND w.retired_at IS NULL)";

impl Store {
    /// Publishes a version; `false` when this hash was published before (nothing changes:
    /// versions are immutable, and a retired one stays retired).
    pub async fn insert_version(&self, version: &NewVersion<'_>) -> Result<bool, sqlx::Error> {
        let _turn = self.write_turn().await;
        let at = now_text()?;
        let inserted = match self {
            Store::Sqlite(pool, ..) => sqlx::query(
                "INSERT INTO form_versions (hash, form_id, version, provider_eik, definition,
                                            published_by, published_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING",
            )
            .bind(version.hash)
            .bind(version.form_id)
            .bind(version.version)
            .bind(version.provider_eik)
            .bind(version.definition)
            .bind(version.published_by)
            .bind(&at)
            .execute(pool)
            .await?
            .rows_affected(),
            Store::Postgres(pool) => sqlx::query(
                "INSERT INTO form_versions (hash, form_id, version, provider_eik, definition,
                                            published_by, published_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz) ON CONFLICT (hash) DO NOTHING",
            )
            .bind(version.hash)
            .bind(version.form_id)
            .bind(version.version)
            .bind(version.provider_eik)
            .bind(version.definition)
            .bind(version.published_by)
            .bind(&at)
            .execute(pool)
            .await?
            .rows_affected(),
        };
        Ok(inserted == 1)
    }

    /// The hash of a form's current version, if it has one.
    pub async fn current_version_hash(&self, form_id: &str) -> Result<Option<String>, sqlx::Error> {
        let sql = |placeholder: &str| {
            format!(
                "SELECT v.hash FROM form_versions v WHERE v.form_id = {placeholder} AND {CURRENT}"
            )
        };
        let row: Option<(String,)> = match self {
            Store::Sqlite(pool, ..) => {
                sqlx::query_as(&sql("?"))
                    .bind(form_id)
                    .fetch_optional(pool)
                    .await?
            }
            Store::Postgres(pool) => {
                sqlx::query_as(&sql("$1"))
                    .bind(form_id)
                    .fetch_optional(pool)
                    .await?
            }
        };
        Ok(row.map(|(hash,)| hash))
    }

    /// The hashes of every form's current version, ordered by form id.
    pub async fn current_version_hashes(&self) -> Result<Vec<String>, sqlx::Error> {
        let sql = format!("SELECT v.hash FROM form_versions v WHERE {CURRENT} ORDER BY v.form_id");
        let rows: Vec<(String,)> = match self {
            Store::Sqlite(pool, ..) => sqlx::query_as(&sql).fetch_all(pool).await?,
            Store::Postgres(pool) => sqlx::query_as(&sql).fetch_all(pool).await?,
        };
        Ok(rows.into_iter().map(|(hash,)| hash).collect())
    }

    /// The version with this hash, retired or not.
    pub async fn version(&self, hash: &str) -> Result<Option<StoredVersion>, sqlx::Error> {
        Ok(self
            .versions_where("v.hash = {1}", hash)
            .await?
            .into_iter()
            .next())
    }

    /// Every version of a form, oldest first.
    pub async fn versions(&self, form_id: &str) -> Result<Vec<StoredVersion>, sqlx::Error> {
        self.versions_where("v.form_id = {1}", form_id).await
    }

    async fn versions_where(
        &self,
        condition: &str,
        param: &str,
    ) -> Result<Vec<StoredVersion>, sqlx::Error> {
        let rows: Vec<VersionRow> = match self {
            Store::Sqlite(pool, ..) => {
                let sql = format!(
                    "SELECT hash, form_id, version, provider_eik, definition, published_by,
                            published_at, retired_at
                     FROM form_versions v WHERE {} ORDER BY v.id",
                    condition.replace("{1}", "?")
                );
                sqlx::query_as(&sql).bind(param).fetch_all(pool).await?
            }
            Store::Postgres(pool) => {
                let sql = format!(
                    "SELECT hash, form_id, version, provider_eik, definition, published_by,
                            to_char(published_at AT TIME ZONE 'UTC', {PG_TIME}),
                            to_char(retired_at AT TIME ZONE 'UTC', {PG_TIME})
                     FROM form_versions v WHERE {} ORDER BY v.id",
                    condition.replace("{1}", "$1")
                );
                sqlx::query_as(&sql).bind(param).fetch_all(pool).await?
            }
        };
        Ok(rows.into_iter().map(stored).collect())
    }

    /// Retires a version; `false` when it was retired already.
    pub async fn retire_version(&self, hash: &str, by: &str) -> Result<bool, sqlx::Error> {
        let _turn = self.write_turn().await;
        let at = now_text()?;
        let retired = match self {
            Store::Sqlite(pool, ..) => sqlx::query(
                "UPDATE form_versions SET retired_at = ?, retired_by = ?
                 WHERE hash = ? AND retired_at IS NULL",
            )
            .bind(&at)
            .bind(by)
            .bind(hash)
            .execute(pool)
            .await?
            .rows_affected(),
            Store::Postgres(pool) => sqlx::query(
                "UPDATE form_versions SET retired_at = $1::timestamptz, retired_by = $2
                 WHERE hash = $3 AND retired_at IS NULL",
            )
            .bind(&at)
            .bind(by)
            .bind(hash)
            .execute(pool)
            .await?
            .rows_affected(),
        };
        Ok(retired == 1)
    }
}
