//! The outbox (`outbox`): messages written in the transaction of the change they tell of,
//! worked on afterwards by whichever replica claims them first.

use serde_json::{Value, json};
use sqlx::{PgConnection, SqliteConnection};

use super::{Store, now_text, time_text};

/// A claimed message.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxMessage {
    /// Its id: also the event id receivers deduplicate by.
    pub id: i64,
    /// What kind of message (`submission.submitted`, …).
    pub topic: String,
    /// What it says.
    pub payload: Value,
    /// How many times it has been claimed, this time included.
    pub attempts: i64,
}

/// What a submission message says: the submission's identity and its new status, no answers.
pub(super) struct SubmissionEvent<'a> {
    pub topic: &'a str,
    pub submission_id: i64,
    pub reference: &'a str,
    pub form: (&'a str, &'a str, &'a str),
    pub status: &'a str,
    pub actor: &'a str,
    pub note: Option<&'a str>,
    pub at: &'a str,
}

impl SubmissionEvent<'_> {
    fn payload(&self) -> String {
        let (id, version, hash) = self.form;
        json!({
            "type": self.topic,
            "reference": self.reference,
            "form": {"id": id, "version": version, "hash": hash},
            "status": self.status,
            "actor": self.actor,
            "note": self.note,
            "at": self.at,
        })
        .to_string()
    }

    pub(super) async fn enqueue_sqlite(
        &self,
        tx: &mut SqliteConnection,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO outbox (topic, submission_id, payload, created_at, available_at)
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(self.topic)
        .bind(self.submission_id)
        .bind(self.payload())
        .bind(self.at)
        .bind(self.at)
        .execute(tx)
        .await?;
        Ok(())
    }

    /// Writes `events` to the outbox in one statement (SQLite's group commit: one statement a
    /// batch rather than one a submission).
    pub(super) async fn enqueue_all_sqlite(
        events: &[SubmissionEvent<'_>],
        tx: &mut SqliteConnection,
    ) -> Result<(), sqlx::Error> {
        if events.is_empty() {
            return Ok(());
        }
        let sql = super::insert_rows(
            "INSERT INTO outbox (topic, submission_id, payload, created_at, available_at) VALUES ",
            "(?, ?, ?, ?, ?)",
            events.len(),
        );
        let mut query = sqlx::query(&sql).persistent(false);
        for event in events {
            query = query
                .bind(event.topic)
                .bind(event.submission_id)
                .bind(event.payload())
                .bind(event.at)
                .bind(event.at);
        }
        query.execute(tx).await?;
        Ok(())
    }

    pub(super) async fn enqueue_postgres(&self, tx: &mut PgConnection) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO outbox (topic, submission_id, payload, created_at, available_at)
             VALUES ($1, $2, $3, $4::timestamptz, $4::timestamptz)",
        )
        .bind(self.topic)
        .bind(self.submission_id)
        .bind(self.payload())
        .bind(self.at)
        .execute(tx)
        .await?;
        Ok(())
    }
}

/// Writes a submission message on either backend's connection (inside a transaction).
pub(super) trait Enqueue {
    /// Writes `event` to the outbox.
    async fn enqueue(&mut self, event: &SubmissionEvent<'_>) -> Result<(), sqlx::Error>;
}

impl Enqueue for SqliteConnection {
    async fn enqueue(&mut self, event: &SubmissionEvent<'_>) -> Result<(), sqlx::Error> {
        event.enqueue_sqlite(self).await
    }
}

impl Enqueue for PgConnection {
    async fn enqueue(&mut self, event: &SubmissionEvent<'_>) -> Result<(), sqlx::Error> {
        event.enqueue_postgres(self).await
    }
}

/// The rows of a claim.
type ClaimRow = (i64, String, String, i32);

impl Store {
    /// Claims up to `limit` due messages, longest due first, for `lease`: no other claim gets
    /// them until the lease ends (then they are due again, as when the worker died). The order
    /// is the partial index `outbox_due`'s, so a claim reads only due rows, never the done ones
    /// that pile up over the years.
    pub async fn claim_outbox(
        &self,
        limit: i64,
        lease: std::time::Duration,
    ) -> Result<Vec<OutboxMessage>, sqlx::Error> {
        let _turn = self.write_turn().await;
        let now = now_text()?;
        let until = time_text(
            time::OffsetDateTime::now_utc()
                + time::Duration::try_from(lease).map_err(|e| sqlx::Error::Encode(Box::new(e)))?,
        )?;
        let rows: Vec<ClaimRow> = match self {
            // One writer at a time: the UPDATE claims atomically.
            Store::Sqlite(pool, ..) => {
                sqlx::query_as(
                    "UPDATE outbox SET available_at = ?1, attempts = attempts + 1
                     WHERE id IN (SELECT id FROM outbox
                                  WHERE done_at IS NULL AND failed_at IS NULL
                                    AND available_at <= ?2
                                  ORDER BY available_at, id LIMIT ?3)
                     RETURNING id, topic, payload, attempts",
                )
                .bind(&until)
                .bind(&now)
                .bind(limit)
                .fetch_all(pool)
                .await?
            }
            // Replicas claim side by side: each skips the rows another is claiming.
            Store::Postgres(pool) => {
                sqlx::query_as(
                    "UPDATE outbox SET available_at = $1::timestamptz, attempts = attempts + 1
                     WHERE id IN (SELECT id FROM outbox
                                  WHERE done_at IS NULL AND failed_at IS NULL
                                    AND available_at <= $2::timestamptz
                                  ORDER BY available_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
                     RETURNING id, topic, payload, attempts",
                )
                .bind(&until)
                .bind(&now)
                .bind(limit)
                .fetch_all(pool)
                .await?
            }
        };
        let mut messages: Vec<OutboxMessage> = rows
            .into_iter()
            .map(|(id, topic, payload, attempts)| {
                Ok(OutboxMessage {
                    id,
                    topic,
                    payload: serde_json::from_str(&payload)
                        .map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
                    attempts: i64::from(attempts),
                })
            })
            .collect::<Result<_, sqlx::Error>>()?;
        messages.sort_by_key(|m| m.id);
        Ok(messages)
    }

    /// Marks claimed messages done, all in one statement (one commit).
    pub async fn complete_outbox(&self, ids: &[i64]) -> Result<(), sqlx::Error> {
        if ids.is_empty() {
            return Ok(());
        }
        let _turn = self.write_turn().await;
        let now = now_text()?;
        match self {
            Store::Sqlite(pool, ..) => {
                let ids =
                    serde_json::to_string(ids).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
                sqlx::query(
                    "UPDATE outbox SET done_at = ?, last_error = NULL
                     WHERE id IN (SELECT value FROM json_each(?))",
                )
                .bind(&now)
                .bind(ids)
                .execute(pool)
                .await?;
            }
            Store::Postgres(pool) => {
                sqlx::query(
                    "UPDATE outbox SET done_at = $1::timestamptz, last_error = NULL
                     WHERE id = ANY($2)",
                )
                .bind(&now)
                .bind(ids)
                .execute(pool)
                .await?;
            }
        }
        Ok(())
    }

    /// Records a failed attempt: due again after `delay`, or given up for good when `give_up`.
    pub async fn fail_outbox(
        &self,
        id: i64,
        error: &str,
        delay: std::time::Duration,
        give_up: bool,
    ) -> Result<(), sqlx::Error> {
        let _turn = self.write_turn().await;
        let now = now_text()?;
        let next = time_text(
            time::OffsetDateTime::now_utc()
                + time::Duration::try_from(delay).map_err(|e| sqlx::Error::Encode(Box::new(e)))?,
        )?;
        let failed = give_up.then_some(now.as_str());
        match self {
            Store::Sqlite(pool, ..) => {
                sqlx::query(
                    "UPDATE outbox SET available_at = ?, last_error = ?, failed_at = ? WHERE id = ?",
                )
                .bind(&next)
                .bind(error)
                .bind(failed)
                .bind(id)
                .execute(pool)
                .await?;
            }
            Store::Postgres(pool) => {
                sqlx::query(
                    "UPDATE outbox SET available_at = $1::timestamptz, last_error = $2,
                                       failed_at = $3::timestamptz
                     WHERE id = $4",
                )
                .bind(&next)
                .bind(error)
                .bind(failed)
                .bind(id)
                .execute(pool)
                .await?;
            }
        }
        Ok(())
    }

    /// Messages not yet done, and those given up.
    pub async fn outbox_backlog(&self) -> Result<(i64, i64), sqlx::Error> {
        let sql = "SELECT
                     count(*) FILTER (WHERE done_at IS NULL AND failed_at IS NULL),
                     count(*) FILTER (WHERE failed_at IS NOT NULL)
                   FROM outbox";
        match self {
            Store::Sqlite(pool, ..) => sqlx::query_as(sql).fetch_one(pool).await,
            Store::Postgres(pool) => sqlx::query_as(sql).fetch_one(pool).await,
        }
    }
}
