//! Storage of submissions: SQLite (the embedded default) or PostgreSQL (for several replicas).
//! Each backend has its own migrations (`migrations/sqlite`, `migrations/postgres`) and its own
//! SQL where the dialects differ; callers see one `Store`.

use std::str::FromStr;

use forms_core::reference::Reference;
use serde_json::{Map, Value};
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Why the store could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The URL names a database this build cannot use.
    #[error("unsupported database URL (expected sqlite://PATH or postgres://…)")]
    UnsupportedUrl,
    /// The database refused.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    /// A migration failed.
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The directory for the database file could not be made.
    #[error("cannot create the database directory: {0}")]
    Directory(std::io::Error),
}

/// A submission ready to be stored: already accepted by forms-core.
#[derive(Debug)]
pub struct NewSubmission<'a> {
    /// The form's id.
    pub form_id: &'a str,
    /// The form's version label.
    pub form_version: &'a str,
    /// The content hash of the definition version the data was checked against.
    pub form_hash: &'a str,
    /// The cleaned data.
    pub data: &'a Map<String, Value>,
    /// The applicant's language.
    pub lang: &'a str,
}

/// The database holding submissions.
#[derive(Debug, Clone)]
pub enum Store {
    /// A local file.
    Sqlite(SqlitePool),
    /// A PostgreSQL server, shared by any number of replicas.
    Postgres(PgPool),
}

impl Store {
    /// Opens (creating it if needed) and migrates the database at `url`.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = PgPoolOptions::new().connect(url).await?;
            sqlx::migrate!("./migrations/postgres").run(&pool).await?;
            return Ok(Store::Postgres(pool));
        }
        let Some(path) = url.strip_prefix("sqlite://") else {
            return Err(StoreError::UnsupportedUrl);
        };
        let file = path.split('?').next().unwrap_or(path);
        if let Some(parent) = std::path::Path::new(file).parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent).map_err(StoreError::Directory)?;
        }
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new().connect_with(options).await?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        Ok(Store::Sqlite(pool))
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        match self {
            Store::Sqlite(pool) => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()),
            Store::Postgres(pool) => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()),
        }
    }

    /// Stores an accepted submission and gives it its reference number, in one transaction.
    pub async fn insert_submission(
        &self,
        submission: NewSubmission<'_>,
    ) -> Result<Reference, sqlx::Error> {
        let now = OffsetDateTime::now_utc();
        let created_at = now
            .format(&Rfc3339)
            .map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
        let year = u16::try_from(now.year()).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
        let reference = |id: i64| {
            u64::try_from(id)
                .map(|sequence| Reference::new(year, sequence))
                .map_err(|e| sqlx::Error::Decode(Box::new(e)))
        };
        let data = Value::Object(submission.data.clone()).to_string();
        match self {
            Store::Sqlite(pool) => {
                // SQLite has no sequences: the AUTOINCREMENT key is the sequence, and the
                // reference is filled in within the same transaction.
                let mut tx = pool.begin().await?;
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO submissions
                       (form_id, form_version, form_hash, data, lang, status, created_at)
                     VALUES (?, ?, ?, ?, ?, 'submitted', ?) RETURNING id",
                )
                .bind(submission.form_id)
                .bind(submission.form_version)
                .bind(submission.form_hash)
                .bind(data)
                .bind(submission.lang)
                .bind(created_at)
                .fetch_one(&mut *tx)
                .await?;
                let reference = reference(id)?;
                sqlx::query("UPDATE submissions SET reference = ? WHERE id = ?")
                    .bind(reference.to_string())
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(reference)
            }
            Store::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                let (id,): (i64,) = sqlx::query_as("SELECT nextval('submission_seq')")
                    .fetch_one(&mut *tx)
                    .await?;
                let reference = reference(id)?;
                sqlx::query(
                    "INSERT INTO submissions
                       (id, reference, form_id, form_version, form_hash, data, lang, status,
                        created_at)
                     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, 'submitted', $8::timestamptz)",
                )
                .bind(id)
                .bind(reference.to_string())
                .bind(submission.form_id)
                .bind(submission.form_version)
                .bind(submission.form_hash)
                .bind(data)
                .bind(submission.lang)
                .bind(created_at)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(reference)
            }
        }
    }
}
