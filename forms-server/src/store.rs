//! Storage of submissions: SQLite (the embedded default) or PostgreSQL (for several replicas).
//! Each backend has its own migrations (`migrations/sqlite`, `migrations/postgres`) and its own
//! SQL where the dialects differ; callers see one `Store`.

use std::str::FromStr;
use std::sync::Arc;

use forms_core::Money;
use forms_core::reference::Reference;
use serde_json::{Map, Value};
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions};
use time::OffsetDateTime;

mod commit;
mod outbox;
mod payments;
mod versions;
pub use outbox::OutboxMessage;
use outbox::SubmissionEvent;
pub use payments::{Change, NewPayment, Payment, Received};
pub use versions::{NewVersion, StoredVersion};

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
    /// The fee computed by the server, if one is due.
    pub fee: Option<&'a Money>,
    /// The statuses the submission enters at once, in order (`submitted`, then
    /// `awaiting_payment` when a fee is due); the last is its status.
    pub statuses: &'a [&'a str],
    /// The client's `Idempotency-Key` and the hash of the request's data, if it sent a key.
    pub idempotency: Option<(&'a str, &'a str)>,
    /// The hash of the resume token of the draft the data came from: that draft of the same
    /// form is deleted in the submission's transaction.
    pub draft_hash: Option<&'a str>,
    /// The secret the access token is derived from (see [`crate::token`]).
    pub token_secret: &'a [u8],
}

/// A [`NewSubmission`] made ready to store, owning what it holds so that SQLite's writer task
/// can store it (see [`commit`]): its data serialized, its time and reference year read when it
/// arrived.
#[derive(Debug)]
struct Pending {
    form_id: String,
    form_version: String,
    form_hash: String,
    data: String,
    lang: String,
    statuses: Vec<String>,
    fee: Option<(String, String)>,
    idempotency: Option<(String, String)>,
    draft_hash: Option<String>,
    token_secret: Vec<u8>,
    year: u16,
    created_at: String,
}

impl Pending {
    fn new(submission: &NewSubmission<'_>) -> Result<Self, sqlx::Error> {
        // The year in Sofia: a submission at 00:30 on 1 January belongs to the new year.
        let year = u16::try_from(crate::clock::today().year())
            .map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
        Ok(Pending {
            form_id: submission.form_id.to_owned(),
            form_version: submission.form_version.to_owned(),
            form_hash: submission.form_hash.to_owned(),
            data: serde_json::to_string(submission.data)
                .map_err(|e| sqlx::Error::Encode(Box::new(e)))?,
            lang: submission.lang.to_owned(),
            statuses: submission
                .statuses
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            fee: submission
                .fee
                .map(|f| (f.amount.clone(), f.currency.clone())),
            idempotency: submission
                .idempotency
                .map(|(key, hash)| (key.to_owned(), hash.to_owned())),
            draft_hash: submission.draft_hash.map(str::to_owned),
            token_secret: submission.token_secret.to_vec(),
            year,
            created_at: now_text()?,
        })
    }

    /// The status it is in once stored: the last of its first statuses.
    fn status(&self) -> &str {
        self.statuses.last().map_or("submitted", String::as_str)
    }

    /// Its reference number, once the database has given it the sequence number `id`.
    fn reference(&self, id: i64) -> Result<Reference, sqlx::Error> {
        u64::try_from(id)
            .map(|sequence| Reference::new(self.year, sequence))
            .map_err(|e| sqlx::Error::Decode(Box::new(e)))
    }

    /// The hash of the access token of `reference`, as stored.
    fn token_hash(&self, reference: &Reference) -> String {
        crate::token::token_hash(&crate::token::access_token(
            &self.token_secret,
            &reference.to_string(),
        ))
    }

    /// Its outbox message.
    fn event<'a>(&'a self, id: i64, reference: &'a str) -> SubmissionEvent<'a> {
        SubmissionEvent {
            topic: "submission.submitted",
            submission_id: id,
            reference,
            form: (&self.form_id, &self.form_version, &self.form_hash),
            status: self.status(),
            actor: "applicant",
            note: None,
            at: &self.created_at,
        }
    }
}

/// A stored submission, as its status page needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSubmission {
    /// The row's id (the reference's sequence number).
    pub id: i64,
    /// The reference number.
    pub reference: String,
    /// The form's id, version label and content hash.
    pub form_id: String,
    /// The form's version label.
    pub form_version: String,
    /// The definition version's content hash.
    pub form_hash: String,
    /// The current status.
    pub status: String,
    /// When it was submitted (RFC 3339, UTC).
    pub created_at: String,
    /// The fee due: amount and currency.
    pub fee: Option<(String, String)>,
    /// The SHA-256 of its access token.
    pub access_token_hash: String,
    /// The hash of the request's data, when it came with an `Idempotency-Key`.
    pub request_hash: Option<String>,
}

/// One entry of a submission's timeline.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Event {
    /// The status entered.
    pub status: String,
    /// Who moved it there.
    pub actor: String,
    /// Why, if anyone said.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// When (RFC 3339, UTC).
    pub at: String,
}

/// `insert` (an `INSERT … VALUES `) followed by `rows` times the placeholders `row`: one
/// statement for a batch of rows, each a round trip fewer. Its text varies with the batch's
/// size, so it is prepared each time (`persistent(false)`), not kept in the statement cache.
fn insert_rows(insert: &str, row: &str, rows: usize) -> String {
    let mut sql = String::from(insert);
    sql.push_str(&vec![row; rows].join(", "));
    sql
}

/// Now, as the text both backends store and give back: RFC 3339 in UTC with microseconds.
fn now_text() -> Result<String, sqlx::Error> {
    time_text(OffsetDateTime::now_utc())
}

/// `at` as RFC 3339 in UTC with microseconds, the text both backends store and give back.
fn time_text(at: OffsetDateTime) -> Result<String, sqlx::Error> {
    let format = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z"
    );
    at.format(&format)
        .map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

/// Now, as the store writes times (RFC 3339, UTC, microseconds).
pub fn now_rfc3339() -> String {
    rfc3339(OffsetDateTime::now_utc())
}

/// `at` as the store writes times.
pub fn rfc3339(at: OffsetDateTime) -> String {
    time_text(at).unwrap_or_default()
}

/// How PostgreSQL gives a timestamp back in the same text as [`now_text`].
const PG_TIME: &str = r#"'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'"#;

/// The columns of [`StoredSubmission`], in its order.
const SUBMISSION_COLUMNS: &str = "id, reference, form_id, form_version, form_hash, status, \
     fee_amount, fee_currency, access_token_hash, request_hash";

/// A row of [`SUBMISSION_COLUMNS`] followed by `created_at` as text.
type SubmissionRow = (
    i64,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    String,
);

fn stored(row: SubmissionRow) -> StoredSubmission {
    let (
        id,
        reference,
        form_id,
        form_version,
        form_hash,
        status,
        amount,
        currency,
        token,
        request,
        at,
    ) = row;
    StoredSubmission {
        id,
        reference,
        form_id,
        form_version,
        form_hash,
        status,
        created_at: at,
        fee: amount.zip(currency),
        access_token_hash: token,
        request_hash: request,
    }
}

/// The database holding submissions.
#[derive(Debug, Clone)]
pub enum Store {
    /// A local file; the turn to write; and the writer of new submissions. SQLite lets one
    /// writer in at a time, and makes the others retry in its busy handler, which sleeps up to
    /// 100 ms between tries and serves them in no order (under load, a submission waited up to
    /// a second: bench/load.sh). The store's write transactions take this fair lock first, so
    /// they queue in arrival order; new submissions go to one task that stores those waiting
    /// together, in one transaction with one fsync (see [`commit`]).
    Sqlite(SqlitePool, Arc<tokio::sync::Mutex<()>>, commit::Committer),
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
        let turn = Arc::default();
        let committer = commit::Committer::start(pool.clone(), Arc::clone(&turn));
        Ok(Store::Sqlite(pool, turn, committer))
    }

    /// The turn to write, taken before every write (a statement or a transaction): on SQLite,
    /// the writers' fair queue (see [`Store::Sqlite`]), so that none of them ever waits in
    /// SQLite's busy handler; PostgreSQL queues them itself.
    pub(crate) async fn write_turn(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match self {
            Store::Sqlite(_, writing, _) => Some(writing.lock().await),
            Store::Postgres(_) => None,
        }
    }

    /// On SQLite, the transactions that have stored new submissions in this process, and the
    /// submissions they stored (their ratio is the group commit's batch size: see [`commit`]).
    pub fn submission_commits(&self) -> Option<(u64, u64)> {
        match self {
            Store::Sqlite(.., committer) => Some(committer.counts()),
            Store::Postgres(_) => None,
        }
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        match self {
            Store::Sqlite(pool, ..) => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()),
            Store::Postgres(pool) => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()),
        }
    }

    /// Stores an accepted submission, its first events and its reference number, in one
    /// transaction, and answers once that transaction is durable. A second submission with the
    /// same form and `Idempotency-Key` fails with the database's unique violation (see
    /// [`is_unique_violation`]). On SQLite the submissions waiting meanwhile share one commit
    /// (see [`commit`]).
    pub async fn insert_submission(
        &self,
        submission: NewSubmission<'_>,
    ) -> Result<Reference, sqlx::Error> {
        let pending = Pending::new(&submission)?;
        match self {
            Store::Sqlite(.., committer) => committer.store(pending).await,
            Store::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                let (id,): (i64,) = sqlx::query_as("SELECT nextval('submission_seq')")
                    .fetch_one(&mut *tx)
                    .await?;
                let reference = pending.reference(id)?;
                sqlx::query(
                    "INSERT INTO submissions
                       (id, reference, form_id, form_version, form_hash, data, lang, status,
                        created_at, fee_amount, fee_currency, idempotency_key, request_hash,
                        access_token_hash)
                     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9::timestamptz, $10, $11,
                             $12, $13, $14)",
                )
                .bind(id)
                .bind(reference.to_string())
                .bind(&pending.form_id)
                .bind(&pending.form_version)
                .bind(&pending.form_hash)
                .bind(&pending.data)
                .bind(&pending.lang)
                .bind(pending.status())
                .bind(&pending.created_at)
                .bind(pending.fee.as_ref().map(|f| &f.0))
                .bind(pending.fee.as_ref().map(|f| &f.1))
                .bind(pending.idempotency.as_ref().map(|i| &i.0))
                .bind(pending.idempotency.as_ref().map(|i| &i.1))
                .bind(pending.token_hash(&reference))
                .execute(&mut *tx)
                .await?;
                for status in &pending.statuses {
                    sqlx::query(
                        "INSERT INTO submission_events (submission_id, status, actor, created_at)
                         VALUES ($1, $2, 'applicant', $3::timestamptz)",
                    )
                    .bind(id)
                    .bind(status)
                    .bind(&pending.created_at)
                    .execute(&mut *tx)
                    .await?;
                }
                if let Some(hash) = &pending.draft_hash {
                    sqlx::query("DELETE FROM drafts WHERE token_hash = $1 AND form_id = $2")
                        .bind(hash)
                        .bind(&pending.form_id)
                        .execute(&mut *tx)
                        .await?;
                }
                let text = reference.to_string();
                pending.event(id, &text).enqueue_postgres(&mut tx).await?;
                tx.commit().await?;
                Ok(reference)
            }
        }
    }

    /// The submission made earlier with this form and `Idempotency-Key`, if any.
    pub async fn submission_by_idempotency_key(
        &self,
        form_id: &str,
        key: &str,
    ) -> Result<Option<StoredSubmission>, sqlx::Error> {
        self.find_submission("form_id = {1} AND idempotency_key = {2}", &[form_id, key])
            .await
    }

    /// The submission with this row id, if any.
    pub async fn submission_by_id(&self, id: i64) -> Result<Option<StoredSubmission>, sqlx::Error> {
        self.find_submission("id = CAST({1} AS BIGINT)", &[&id.to_string()])
            .await
    }

    /// A submission's cleaned answers.
    pub async fn submission_data(&self, id: i64) -> Result<Option<Value>, sqlx::Error> {
        let text: Option<(String,)> = match self {
            Store::Sqlite(pool, ..) => {
                sqlx::query_as("SELECT data FROM submissions WHERE id = ?")
                    .bind(id)
                    .fetch_optional(pool)
                    .await?
            }
            Store::Postgres(pool) => {
                sqlx::query_as("SELECT data::text FROM submissions WHERE id = $1")
                    .bind(id)
                    .fetch_optional(pool)
                    .await?
            }
        };
        text.map(|(t,)| serde_json::from_str(&t).map_err(|e| sqlx::Error::Decode(Box::new(e))))
            .transpose()
    }

    /// The submission with this reference number, if any.
    pub async fn submission(
        &self,
        reference: &str,
    ) -> Result<Option<StoredSubmission>, sqlx::Error> {
        self.find_submission("reference = {1}", &[reference]).await
    }

    /// One submission by a condition on text parameters, written `{1}`, `{2}`, …
    async fn find_submission(
        &self,
        condition: &str,
        params: &[&str],
    ) -> Result<Option<StoredSubmission>, sqlx::Error> {
        let placeholders = |prefix: &str| {
            (1..=params.len()).fold(condition.to_owned(), |sql, n| {
                sql.replace(&format!("{{{n}}}"), &format!("{prefix}{n}"))
            })
        };
        let row: Option<SubmissionRow> = match self {
            Store::Sqlite(pool, ..) => {
                let sql = format!(
                    "SELECT {SUBMISSION_COLUMNS}, created_at FROM submissions WHERE {}",
                    placeholders("?")
                );
                let mut query = sqlx::query_as(&sql);
                for param in params {
                    query = query.bind(*param);
                }
                query.fetch_optional(pool).await?
            }
            Store::Postgres(pool) => {
                let sql = format!(
                    "SELECT {SUBMISSION_COLUMNS}, to_char(created_at AT TIME ZONE 'UTC', {PG_TIME})
                     FROM submissions WHERE {}",
                    placeholders("$")
                );
                let mut query = sqlx::query_as(&sql);
                for param in params {
                    query = query.bind(*param);
                }
                query.fetch_optional(pool).await?
            }
        };
        Ok(row.map(stored))
    }

    /// The setting `key`: `candidate` if none was stored yet (it is then stored), else the
    /// value the first replica stored; the same answer for every replica sharing the database.
    pub async fn shared_setting(&self, key: &str, candidate: &str) -> Result<String, sqlx::Error> {
        let _turn = self.write_turn().await;
        match self {
            Store::Sqlite(pool, ..) => {
                sqlx::query(
                    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                )
                .bind(key)
                .bind(candidate)
                .execute(pool)
                .await?;
                let (value,): (String,) =
                    sqlx::query_as("SELECT value FROM settings WHERE key = ?")
                        .bind(key)
                        .fetch_one(pool)
                        .await?;
                Ok(value)
            }
            Store::Postgres(pool) => {
                sqlx::query(
                    "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
                )
                .bind(key)
                .bind(candidate)
                .execute(pool)
                .await?;
                let (value,): (String,) =
                    sqlx::query_as("SELECT value FROM settings WHERE key = $1")
                        .bind(key)
                        .fetch_one(pool)
                        .await?;
                Ok(value)
            }
        }
    }

    /// Moves a submission from status `from` to `to`, appending the event, in one transaction.
    /// `Ok(false)` when its status is no longer `from` (someone moved it meanwhile).
    pub async fn advance(
        &self,
        submission: &StoredSubmission,
        to: &str,
        actor: &str,
        note: Option<&str>,
    ) -> Result<bool, sqlx::Error> {
        let at = now_text()?;
        let (submission_id, from) = (submission.id, submission.status.as_str());
        let event = SubmissionEvent {
            topic: "submission.status_changed",
            submission_id,
            reference: &submission.reference,
            form: (
                &submission.form_id,
                &submission.form_version,
                &submission.form_hash,
            ),
            status: to,
            actor,
            note,
            at: &at,
        };
        let _turn = self.write_turn().await;
        match self {
            Store::Sqlite(pool, ..) => {
                let mut tx = pool.begin().await?;
                let moved =
                    sqlx::query("UPDATE submissions SET status = ? WHERE id = ? AND status = ?")
                        .bind(to)
                        .bind(submission_id)
                        .bind(from)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                if moved != 1 {
                    return Ok(false);
                }
                sqlx::query(
                    "INSERT INTO submission_events (submission_id, status, actor, note, created_at)
                     VALUES (?, ?, ?, ?, ?)",
                )
                .bind(submission_id)
                .bind(to)
                .bind(actor)
                .bind(note)
                .bind(&at)
                .execute(&mut *tx)
                .await?;
                event.enqueue_sqlite(&mut tx).await?;
                tx.commit().await?;
                Ok(true)
            }
            Store::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                let moved =
                    sqlx::query("UPDATE submissions SET status = $1 WHERE id = $2 AND status = $3")
                        .bind(to)
                        .bind(submission_id)
                        .bind(from)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                if moved != 1 {
                    return Ok(false);
                }
                sqlx::query(
                    "INSERT INTO submission_events (submission_id, status, actor, note, created_at)
                     VALUES ($1, $2, $3, $4, $5::timestamptz)",
                )
                .bind(submission_id)
                .bind(to)
                .bind(actor)
                .bind(note)
                .bind(&at)
                .execute(&mut *tx)
                .await?;
                event.enqueue_postgres(&mut tx).await?;
                tx.commit().await?;
                Ok(true)
            }
        }
    }

    /// A submission's timeline, oldest first.
    pub async fn events(&self, submission_id: i64) -> Result<Vec<Event>, sqlx::Error> {
        type Row = (String, String, Option<String>, String);
        let rows: Vec<Row> = match self {
            Store::Sqlite(pool, ..) => {
                sqlx::query_as(
                    "SELECT status, actor, note, created_at FROM submission_events
                     WHERE submission_id = ? ORDER BY id",
                )
                .bind(submission_id)
                .fetch_all(pool)
                .await?
            }
            Store::Postgres(pool) => {
                let sql = format!(
                    "SELECT status, actor, note, to_char(created_at AT TIME ZONE 'UTC', {PG_TIME})
                     FROM submission_events WHERE submission_id = $1 ORDER BY id"
                );
                sqlx::query_as(&sql)
                    .bind(submission_id)
                    .fetch_all(pool)
                    .await?
            }
        };
        Ok(rows
            .into_iter()
            .map(|(status, actor, note, at)| Event {
                status,
                actor,
                note,
                at,
            })
            .collect())
    }
}

/// Whether a database error is a unique constraint refusing a duplicate (on either backend).
pub fn is_unique_violation(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .is_some_and(|e| e.is_unique_violation())
}

/// A saved draft, as its resume page needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The form's id.
    pub form_id: String,
    /// The version label of the definition it was filled against.
    pub form_version: String,
    /// That version's content hash.
    pub form_hash: String,
    /// The answers so far.
    pub data: Value,
    /// When it was last saved (RFC 3339, UTC).
    pub updated_at: String,
    /// When it will be deleted.
    pub expires_at: String,
}

/// A time `days` days from now, in the text of [`now_text`].
fn days_from_now(days: u32) -> Result<String, sqlx::Error> {
    time_text(OffsetDateTime::now_utc() + time::Duration::days(i64::from(days)))
}

impl Store {
    /// Saves a new draft under the hash of its resume token; it expires in `days` days.
    pub async fn insert_draft(
        &self,
        token_hash: &str,
        form: (&str, &str, &str),
        data: &Value,
        days: u32,
    ) -> Result<String, sqlx::Error> {
        let _turn = self.write_turn().await;
        let (form_id, form_version, form_hash) = form;
        let now = now_text()?;
        let expires = days_from_now(days)?;
        let data = data.to_string();
        match self {
            Store::Sqlite(pool, ..) => {
                sqlx::query(
                    "INSERT INTO drafts (token_hash, form_id, form_version, form_hash, data,
                                         created_at, updated_at, expires_at)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                )
                .bind(token_hash)
                .bind(form_id)
                .bind(form_version)
                .bind(form_hash)
                .bind(data)
                .bind(&now)
                .bind(&now)
                .bind(&expires)
                .execute(pool)
                .await?;
            }
            Store::Postgres(pool) => {
                sqlx::query(
                    "INSERT INTO drafts (token_hash, form_id, form_version, form_hash, data,
                                         created_at, updated_at, expires_at)
                     VALUES ($1, $2, $3, $4, $5::jsonb, $6::timestamptz, $6::timestamptz,
                             $7::timestamptz)",
                )
                .bind(token_hash)
                .bind(form_id)
                .bind(form_version)
                .bind(form_hash)
                .bind(data)
                .bind(&now)
                .bind(&expires)
                .execute(pool)
                .await?;
            }
        }
        Ok(expires)
    }

    /// Replaces a draft's answers and pushes its expiry `days` days from now; `false` when no
    /// draft that has not expired has this token.
    pub async fn update_draft(
        &self,
        token_hash: &str,
        data: &Value,
        days: u32,
    ) -> Result<bool, sqlx::Error> {
        let _turn = self.write_turn().await;
        let now = now_text()?;
        let expires = days_from_now(days)?;
        let data = data.to_string();
        let updated = match self {
            Store::Sqlite(pool, ..) => sqlx::query(
                "UPDATE drafts SET data = ?, updated_at = ?, expires_at = ?
                     WHERE token_hash = ? AND expires_at > ?",
            )
            .bind(data)
            .bind(&now)
            .bind(&expires)
            .bind(token_hash)
            .bind(&now)
            .execute(pool)
            .await?
            .rows_affected(),
            Store::Postgres(pool) => sqlx::query(
                "UPDATE drafts SET data = $1::jsonb, updated_at = $2::timestamptz,
                                       expires_at = $3::timestamptz
                     WHERE token_hash = $4 AND expires_at > $2::timestamptz",
            )
            .bind(data)
            .bind(&now)
            .bind(&expires)
            .bind(token_hash)
            .execute(pool)
            .await?
            .rows_affected(),
        };
        Ok(updated == 1)
    }

    /// The draft with this token, unless it has expired.
    pub async fn draft(&self, token_hash: &str) -> Result<Option<Draft>, sqlx::Error> {
        type Row = (String, String, String, String, String, String);
        let now = now_text()?;
        let row: Option<Row> = match self {
            Store::Sqlite(pool, ..) => {
                sqlx::query_as(
                    "SELECT form_id, form_version, form_hash, data, updated_at, expires_at
                     FROM drafts WHERE token_hash = ? AND expires_at > ?",
                )
                .bind(token_hash)
                .bind(&now)
                .fetch_optional(pool)
                .await?
            }
            Store::Postgres(pool) => {
                let sql = format!(
                    "SELECT form_id, form_version, form_hash, data::text,
                            to_char(updated_at AT TIME ZONE 'UTC', {PG_TIME}),
                            to_char(expires_at AT TIME ZONE 'UTC', {PG_TIME})
                     FROM drafts WHERE token_hash = $1 AND expires_at > $2::timestamptz"
                );
                sqlx::query_as(&sql)
                    .bind(token_hash)
                    .bind(&now)
                    .fetch_optional(pool)
                    .await?
            }
        };
        row.map(
            |(form_id, form_version, form_hash, data, updated_at, expires_at)| {
                Ok(Draft {
                    form_id,
                    form_version,
                    form_hash,
                    data: serde_json::from_str(&data)
                        .map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
                    updated_at,
                    expires_at,
                })
            },
        )
        .transpose()
    }

    /// Deletes every draft that has expired; returns how many.
    pub async fn delete_expired_drafts(&self) -> Result<u64, sqlx::Error> {
        let _turn = self.write_turn().await;
        let now = now_text()?;
        let deleted = match self {
            Store::Sqlite(pool, ..) => sqlx::query("DELETE FROM drafts WHERE expires_at <= ?")
                .bind(&now)
                .execute(pool)
                .await?
                .rows_affected(),
            Store::Postgres(pool) => {
                sqlx::query("DELETE FROM drafts WHERE expires_at <= $1::timestamptz")
                    .bind(&now)
                    .execute(pool)
                    .await?
                    .rows_affected()
            }
        };
        Ok(deleted)
    }
}

/// A submission with its answers, as the administration's export gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportedSubmission {
    /// What the status page shows.
    pub submission: StoredSubmission,
    /// The applicant's language.
    pub lang: String,
    /// The cleaned answers.
    pub data: Value,
}

impl Store {
    /// Up to `limit` submissions of a form after the one with id `after`, oldest first;
    /// only those in `status`, when given.
    pub async fn list_submissions(
        &self,
        form_id: &str,
        status: Option<&str>,
        after: i64,
        limit: i64,
    ) -> Result<Vec<ExportedSubmission>, sqlx::Error> {
        /// [`SubmissionRow`], then `lang` and `data` as text.
        type Row = (
            i64,
            String,
            String,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
            String,
            Option<String>,
            String,
            String,
            String,
        );
        let condition = |p: [&str; 4]| {
            format!(
                "form_id = {} AND ({} IS NULL OR status = {}) AND id > {} ORDER BY id LIMIT {}",
                p[0], p[1], p[1], p[2], p[3]
            )
        };
        let rows: Vec<Row> = match self {
            Store::Sqlite(pool, ..) => {
                let sql = format!(
                    "SELECT {SUBMISSION_COLUMNS}, created_at, lang, data FROM submissions WHERE {}",
                    condition(["?1", "?2", "?3", "?4"])
                );
                sqlx::query_as(&sql)
                    .bind(form_id)
                    .bind(status)
                    .bind(after)
                    .bind(limit)
                    .fetch_all(pool)
                    .await?
            }
            Store::Postgres(pool) => {
                let sql = format!(
                    "SELECT {SUBMISSION_COLUMNS}, to_char(created_at AT TIME ZONE 'UTC', {PG_TIME}),
                            lang, data::text
                     FROM submissions WHERE {}",
                    condition(["$1", "$2::text", "$3", "$4"])
                );
                sqlx::query_as(&sql)
                    .bind(form_id)
                    .bind(status)
                    .bind(after)
                    .bind(limit)
                    .fetch_all(pool)
                    .await?
            }
        };
        rows.into_iter()
            .map(|row| {
                let (id, reference, form, version, hash, status, amount, currency) =
                    (row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7);
                let (token, request, at, lang, data) = (row.8, row.9, row.10, row.11, row.12);
                Ok(ExportedSubmission {
                    submission: stored((
                        id, reference, form, version, hash, status, amount, currency, token,
                        request, at,
                    )),
                    lang,
                    data: serde_json::from_str(&data)
                        .map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
                })
            })
            .collect()
    }
}

impl Store {
    /// How many submissions each form has in each status.
    pub async fn count_submissions(&self) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
        let sql = "SELECT form_id, status, count(*) FROM submissions GROUP BY form_id, status \
                   ORDER BY form_id, status";
        match self {
            Store::Sqlite(pool, ..) => sqlx::query_as(sql).fetch_all(pool).await,
            Store::Postgres(pool) => sqlx::query_as(sql).fetch_all(pool).await,
        }
    }
}
