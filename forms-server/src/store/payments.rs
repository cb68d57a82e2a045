//! The payment ledger (`payments`, `payment_notifications`).
//!
//! The SQL is written once: [`each_backend!`] expands a block for each pool type, and
//! [`dialect`] turns `?` into PostgreSQL's `$n`, `?t` into a `timestamptz` parameter and
//! `TIME[col]` into the column as the RFC 3339 text SQLite stores.

use super::outbox::{Enqueue, SubmissionEvent};
use super::{PG_TIME, Store, StoredSubmission, now_text, time_text};

/// Runs `$body` with `$pool` bound to the store's pool and `$pg` telling which backend it is.
macro_rules! each_backend {
    ($store:expr, |$pool:ident, $pg:ident| $body:block) => {
        match $store {
            Store::Sqlite($pool, ..) => {
                let $pg = false;
                $body
            }
            Store::Postgres($pool) => {
                let $pg = true;
                $body
            }
        }
    };
}

/// The SQL for one backend (see the module's documentation).
fn dialect(sql: &str, postgres: bool) -> String {
    // TIME[col]: the column as RFC 3339 text.
    let mut timed = String::with_capacity(sql.len() + 32);
    let mut rest = sql;
    while let Some(i) = rest.find("TIME[") {
        timed.push_str(&rest[..i]);
        let after = &rest[i + 5..];
        let end = after.find(']').unwrap_or(after.len());
        let column = &after[..end];
        if postgres {
            timed.push_str(&format!("to_char({column} AT TIME ZONE 'UTC', {PG_TIME})"));
        } else {
            timed.push_str(column);
        }
        rest = after.get(end + 1..).unwrap_or("");
    }
    timed.push_str(rest);
    if !postgres {
        return timed.replace("?t", "?");
    }
    // ? and ?t: $1, $2::timestamptz, … in order.
    let mut out = String::with_capacity(timed.len() + 32);
    let mut n = 0;
    let mut chars = timed.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '?' {
            n += 1;
            out.push_str(&format!("${n}"));
            if chars.peek() == Some(&'t') {
                chars.next();
                out.push_str("::timestamptz");
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// One attempt to pay a submission's fee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    /// The ledger row.
    pub id: i64,
    /// The submission paid for.
    pub submission_id: i64,
    /// 1, 2, … for the submission.
    pub attempt: i64,
    /// `egov` or `epay`.
    pub provider: String,
    /// Ours, the same for every attempt of the submission.
    pub ais_payment_id: String,
    /// The provider's id (pay.egov.bg) or the invoice (ePay.bg).
    pub provider_id: String,
    /// A decimal string.
    pub amount: String,
    /// ISO 4217.
    pub currency: String,
    /// The provider's status (pay.egov.bg spelling).
    pub status: String,
    /// Why the administration must look, if it must.
    pub flagged: Option<String>,
    /// When the attempt began.
    pub created_at: String,
    /// When it expires unpaid.
    pub expires_at: String,
    /// How often the poller has asked the provider.
    pub polls: i64,
}

type PaymentRow = (
    i64,
    i64,
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    String,
    i64,
);

const PAYMENT_COLUMNS: &str = "id, submission_id, CAST(attempt AS BIGINT), provider, \
     ais_payment_id, provider_id, amount, currency, status, flagged, TIME[created_at], \
     TIME[expires_at], CAST(polls AS BIGINT)";

fn payment(row: PaymentRow) -> Payment {
    Payment {
        id: row.0,
        submission_id: row.1,
        attempt: row.2,
        provider: row.3,
        ais_payment_id: row.4,
        provider_id: row.5,
        amount: row.6,
        currency: row.7,
        status: row.8,
        flagged: row.9,
        created_at: row.10,
        expires_at: row.11,
        polls: row.12,
    }
}

/// A new attempt.
#[derive(Debug)]
pub struct NewPayment<'a> {
    /// The submission.
    pub submission_id: i64,
    /// `egov` or `epay`.
    pub provider: &'a str,
    /// Ours, kept across attempts.
    pub ais_payment_id: &'a str,
    /// The provider's id.
    pub provider_id: &'a str,
    /// The fee.
    pub amount: &'a str,
    /// Its currency.
    pub currency: &'a str,
    /// When it expires unpaid (RFC 3339).
    pub expires_at: &'a str,
}

/// A notification received (or a poll's answer), as the ledger keeps it.
#[derive(Debug)]
pub struct Received<'a> {
    /// `egov` or `epay`.
    pub provider: &'a str,
    /// `notification` or `poll`.
    pub source: &'a str,
    /// The request as received.
    pub raw: &'a str,
    /// Whether its signature held.
    pub verified: bool,
}

/// A change the ledger applies, in one transaction with its notification.
#[derive(Debug)]
pub struct Change<'a> {
    /// The payment as it was read.
    pub payment: &'a Payment,
    /// Its new status.
    pub status: &'a str,
    /// Why the administration must look, if it must.
    pub flag: Option<&'a str>,
    /// The submission and the status it enters, if it moves.
    pub submission: Option<(&'a StoredSubmission, &'a str)>,
    /// Who moves it, and why, for the timeline.
    pub actor: &'a str,
    /// The timeline's note.
    pub note: &'a str,
}

impl Store {
    /// Starts an attempt (the next `attempt` of its submission), Pending, first polled in a
    /// minute.
    pub async fn insert_payment(&self, new: &NewPayment<'_>) -> Result<Payment, sqlx::Error> {
        let _turn = self.write_turn().await;
        let now = now_text()?;
        let poll = time_text(time::OffsetDateTime::now_utc() + time::Duration::minutes(1))?;
        let sql = format!(
            "INSERT INTO payments (submission_id, attempt, provider, ais_payment_id, provider_id,
                                   amount, currency, status, created_at, updated_at, expires_at,
                                   next_poll_at)
             SELECT ?, COALESCE(MAX(attempt), 0) + 1, ?, ?, ?, ?, ?, 'Pending', ?t, ?t, ?t, ?t
             FROM payments WHERE submission_id = ?
             RETURNING {PAYMENT_COLUMNS}"
        );
        let row: PaymentRow = each_backend!(self, |pool, pg| {
            sqlx::query_as(&dialect(&sql, pg))
                .bind(new.submission_id)
                .bind(new.provider)
                .bind(new.ais_payment_id)
                .bind(new.provider_id)
                .bind(new.amount)
                .bind(new.currency)
                .bind(&now)
                .bind(&now)
                .bind(new.expires_at)
                .bind(&poll)
                .bind(new.submission_id)
                .fetch_one(pool)
                .await?
        });
        Ok(payment(row))
    }

    /// A submission's latest attempt.
    pub async fn latest_payment(&self, submission_id: i64) -> Result<Option<Payment>, sqlx::Error> {
        let sql = format!(
            "SELECT {PAYMENT_COLUMNS} FROM payments WHERE submission_id = ?
             ORDER BY attempt DESC LIMIT 1"
        );
        let row: Option<PaymentRow> = each_backend!(self, |pool, pg| {
            sqlx::query_as(&dialect(&sql, pg))
                .bind(submission_id)
                .fetch_optional(pool)
                .await?
        });
        Ok(row.map(payment))
    }

    /// The latest attempt a provider knows by this id.
    pub async fn payment_by_provider_id(
        &self,
        provider: &str,
        provider_id: &str,
    ) -> Result<Option<Payment>, sqlx::Error> {
        let sql = format!(
            "SELECT {PAYMENT_COLUMNS} FROM payments WHERE provider = ? AND provider_id = ?
             ORDER BY id DESC LIMIT 1"
        );
        let row: Option<PaymentRow> = each_backend!(self, |pool, pg| {
            sqlx::query_as(&dialect(&sql, pg))
                .bind(provider)
                .bind(provider_id)
                .fetch_optional(pool)
                .await?
        });
        Ok(row.map(payment))
    }

    /// Keeps a notification that changes nothing (forged, unknown, duplicate, backwards).
    pub async fn record_notification(
        &self,
        received: &Received<'_>,
        payment_id: Option<i64>,
        outcome: &str,
    ) -> Result<(), sqlx::Error> {
        let _turn = self.write_turn().await;
        let now = now_text()?;
        let sql = "INSERT INTO payment_notifications
                     (provider, source, payment_id, raw, verified, outcome, received_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?t)";
        each_backend!(self, |pool, pg| {
            sqlx::query(&dialect(sql, pg))
                .bind(received.provider)
                .bind(received.source)
                .bind(payment_id)
                .bind(received.raw)
                .bind(received.verified)
                .bind(outcome)
                .bind(&now)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// Applies a change with its notification, in one transaction: the payment's status (only
    /// if it is still the one read: `false` otherwise, nothing written), the notification, and
    /// the submission's move with its event and outbox message. `false`, nothing written, also
    /// when the submission is no longer in the status read: the caller reads both again.
    pub async fn apply_payment(
        &self,
        change: &Change<'_>,
        received: &Received<'_>,
        outcome: &str,
    ) -> Result<bool, sqlx::Error> {
        let now = now_text()?;
        let _turn = self.write_turn().await;
        each_backend!(self, |pool, pg| {
            let mut tx = pool.begin().await?;
            let updated = sqlx::query(&dialect(
                "UPDATE payments SET status = ?, flagged = COALESCE(?, flagged), updated_at = ?t
                 WHERE id = ? AND status = ?",
                pg,
            ))
            .bind(change.status)
            .bind(change.flag)
            .bind(&now)
            .bind(change.payment.id)
            .bind(&change.payment.status)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if updated != 1 {
                return Ok(false);
            }
            sqlx::query(&dialect(
                "INSERT INTO payment_notifications
                   (provider, source, payment_id, raw, verified, outcome, received_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?t)",
                pg,
            ))
            .bind(received.provider)
            .bind(received.source)
            .bind(change.payment.id)
            .bind(received.raw)
            .bind(received.verified)
            .bind(outcome)
            .bind(&now)
            .execute(&mut *tx)
            .await?;
            if let Some((submission, to)) = change.submission {
                let moved = sqlx::query(&dialect(
                    "UPDATE submissions SET status = ? WHERE id = ? AND status = ?",
                    pg,
                ))
                .bind(to)
                .bind(submission.id)
                .bind(&submission.status)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                // The submission moved since it was read: nothing is written (the transaction
                // is dropped), and the caller reads both again, so that a payment and its
                // submission never disagree.
                if moved != 1 {
                    return Ok(false);
                }
                {
                    sqlx::query(&dialect(
                        "INSERT INTO submission_events (submission_id, status, actor, note, created_at)
                         VALUES (?, ?, ?, ?, ?t)",
                        pg,
                    ))
                    .bind(submission.id)
                    .bind(to)
                    .bind(change.actor)
                    .bind(change.note)
                    .bind(&now)
                    .execute(&mut *tx)
                    .await?;
                    let event = SubmissionEvent {
                        topic: "submission.status_changed",
                        submission_id: submission.id,
                        reference: &submission.reference,
                        form: (
                            &submission.form_id,
                            &submission.form_version,
                            &submission.form_hash,
                        ),
                        status: to,
                        actor: change.actor,
                        note: Some(change.note),
                        at: &now,
                    };
                    Enqueue::enqueue(&mut *tx, &event).await?;
                }
            }
            tx.commit().await?;
            Ok(true)
        })
    }

    /// Claims up to `limit` open pay.egov.bg attempts (ePay.bg has no status request) due for a
    /// status poll, pushing their next poll out
    /// by `lease` (so another replica does not poll them meanwhile).
    pub async fn claim_polls(
        &self,
        limit: i64,
        lease: std::time::Duration,
    ) -> Result<Vec<Payment>, sqlx::Error> {
        let _turn = self.write_turn().await;
        let now = now_text()?;
        let until = time_text(
            time::OffsetDateTime::now_utc()
                + time::Duration::try_from(lease).map_err(|e| sqlx::Error::Encode(Box::new(e)))?,
        )?;
        let skip = |pg: bool| if pg { " FOR UPDATE SKIP LOCKED" } else { "" };
        let rows: Vec<PaymentRow> = each_backend!(self, |pool, pg| {
            let sql = format!(
                "UPDATE payments SET next_poll_at = ?t, polls = polls + 1
                 WHERE id IN (SELECT id FROM payments
                              WHERE status NOT IN ('Paid', 'Expired', 'Canceled', 'Suspended')
                                AND provider = 'egov'
                                AND next_poll_at <= ?t ORDER BY id LIMIT ?{})
                 RETURNING {PAYMENT_COLUMNS}",
                skip(pg)
            );
            sqlx::query_as(&dialect(&sql, pg))
                .bind(&until)
                .bind(&now)
                .bind(limit)
                .fetch_all(pool)
                .await?
        });
        Ok(rows.into_iter().map(payment).collect())
    }

    /// Sets when an attempt is polled next.
    pub async fn schedule_poll(&self, id: i64, at: &str) -> Result<(), sqlx::Error> {
        let _turn = self.write_turn().await;
        each_backend!(self, |pool, pg| {
            sqlx::query(&dialect(
                "UPDATE payments SET next_poll_at = ?t WHERE id = ?",
                pg,
            ))
            .bind(at)
            .bind(id)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Open attempts whose expiry has passed.
    pub async fn expired_payments(&self) -> Result<Vec<Payment>, sqlx::Error> {
        let now = now_text()?;
        let sql = format!(
            "SELECT {PAYMENT_COLUMNS} FROM payments
             WHERE status NOT IN ('Paid', 'Expired', 'Canceled', 'Suspended') AND expires_at <= ?t
             ORDER BY id"
        );
        let rows: Vec<PaymentRow> = each_backend!(self, |pool, pg| {
            sqlx::query_as(&dialect(&sql, pg))
                .bind(&now)
                .fetch_all(pool)
                .await?
        });
        Ok(rows.into_iter().map(payment).collect())
    }

    /// Every notification of a payment (or, for `None`, those matched to none): outcome and
    /// whether verified, oldest first.
    pub async fn notifications(
        &self,
        payment_id: Option<i64>,
    ) -> Result<Vec<(String, bool)>, sqlx::Error> {
        let sql = "SELECT outcome, verified FROM payment_notifications
                   WHERE (payment_id = ? OR (? IS NULL AND payment_id IS NULL)) ORDER BY id";
        let rows: Vec<(String, bool)> = each_backend!(self, |pool, pg| {
            sqlx::query_as(&dialect(sql, pg))
                .bind(payment_id)
                .bind(payment_id)
                .fetch_all(pool)
                .await?
        });
        Ok(rows)
    }

    /// Keeps the hash of a return code of `submission_id`, valid until `expires_at`.
    pub async fn insert_return_code(
        &self,
        submission_id: i64,
        code_hash: &str,
        expires_at: &str,
    ) -> Result<(), sqlx::Error> {
        let _turn = self.write_turn().await;
        let now = now_text()?;
        let sql = "INSERT INTO payment_returns (code_hash, submission_id, created_at, expires_at)
                   VALUES (?, ?, ?t, ?t)";
        each_backend!(self, |pool, pg| {
            sqlx::query(&dialect(sql, pg))
                .bind(code_hash)
                .bind(submission_id)
                .bind(&now)
                .bind(expires_at)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// Uses up the return code with this hash, if it is `submission_id`'s, unused and not
    /// expired: whether it was (one UPDATE, so two redemptions at once cannot both succeed).
    pub async fn redeem_return_code(
        &self,
        submission_id: i64,
        code_hash: &str,
    ) -> Result<bool, sqlx::Error> {
        let _turn = self.write_turn().await;
        let now = now_text()?;
        let sql = "UPDATE payment_returns SET used_at = ?t
                   WHERE code_hash = ? AND submission_id = ? AND used_at IS NULL
                     AND expires_at > ?t";
        let redeemed = each_backend!(self, |pool, pg| {
            sqlx::query(&dialect(sql, pg))
                .bind(&now)
                .bind(code_hash)
                .bind(submission_id)
                .bind(&now)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(redeemed == 1)
    }

    /// Deletes the return codes that have expired (used or not); returns how many.
    pub async fn delete_expired_return_codes(&self) -> Result<u64, sqlx::Error> {
        let _turn = self.write_turn().await;
        let now = now_text()?;
        let deleted = each_backend!(self, |pool, pg| {
            sqlx::query(&dialect(
                "DELETE FROM payment_returns WHERE expires_at <= ?t",
                pg,
            ))
            .bind(&now)
            .execute(pool)
            .await?
            .rows_affected()
        });
        Ok(deleted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_sql_text_serves_both_backends() {
        let sql = "SELECT TIME[created_at], COUNT(x) FROM t WHERE a = ? AND b = ?t AND Type = ?";
        assert_eq!(
            dialect(sql, false),
            "SELECT created_at, COUNT(x) FROM t WHERE a = ? AND b = ? AND Type = ?"
        );
        assert_eq!(
            dialect(sql, true),
            format!(
                "SELECT to_char(created_at AT TIME ZONE 'UTC', {PG_TIME}), COUNT(x) FROM t \
                 WHERE a = $1 AND b = $2::timestamptz AND Type = $3"
            )
        );
    }
}
