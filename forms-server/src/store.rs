//! Storage of submissions (SQLite for now; PostgreSQL arrives with the storage issue).

use std::str::FromStr;

use forms_core::reference::Reference;
use serde_json::{Map, Value};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Why the store could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The URL names a database this build cannot use.
    #[error("unsupported database URL (expected sqlite://PATH)")]
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
    /// The cleaned data.
    pub data: &'a Map<String, Value>,
    /// The applicant's language.
    pub lang: &'a str,
}

/// The database holding submissions.
#[derive(Debug, Clone)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    /// Opens (and creates, and migrates) the database at `url`.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
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
        Ok(Store { pool })
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
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
        let data = Value::Object(submission.data.clone()).to_string();
        let mut tx = self.pool.begin().await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO submissions (form_id, form_version, data, lang, status, created_at)
             VALUES (?, ?, ?, ?, 'submitted', ?) RETURNING id",
        )
        .bind(submission.form_id)
        .bind(submission.form_version)
        .bind(data)
        .bind(submission.lang)
        .bind(created_at)
        .fetch_one(&mut *tx)
        .await?;
        let sequence = u64::try_from(id).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
        let year = u16::try_from(now.year()).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
        let reference = Reference::new(year, sequence);
        sqlx::query("UPDATE submissions SET reference = ? WHERE id = ?")
            .bind(reference.to_string())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(reference)
    }
}
