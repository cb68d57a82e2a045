//! SQLite's group commit. A commit on SQLite returns after its fsync (WAL with
//! `synchronous=FULL`), about a millisecond on these machines' disks, so one submission a commit
//! cannot store more than ~1,000 a second however many arrive. New submissions go instead to
//! one writer task, which takes every submission waiting (up to [`BATCH`]) and stores them in
//! one transaction: one fsync makes them all durable, and each request is answered only after
//! it. Nothing waits on purpose: a lone submission is committed at once, and those arriving
//! during a commit form the next batch.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use forms_core::reference::Reference;
use sqlx::SqliteConnection;
use sqlx::sqlite::SqlitePool;
use tokio::sync::{Mutex, mpsc, oneshot};

use super::Pending;
use super::outbox::SubmissionEvent;

/// At most this many submissions share one transaction.
const BATCH: usize = 64;

/// How many submissions may wait for the writer; more wait to be queued.
const QUEUE: usize = 1024;

/// A submission waiting to be stored, and where its answer goes.
#[derive(Debug)]
struct Job {
    pending: Pending,
    answer: oneshot::Sender<Result<Reference, sqlx::Error>>,
}

/// The writer task's queue, and what it has done.
#[derive(Debug, Clone)]
pub struct Committer {
    queue: mpsc::Sender<Job>,
    counts: Arc<Counts>,
}

/// Commits made by the writer task, and the submissions they stored.
#[derive(Debug, Default)]
struct Counts {
    commits: AtomicU64,
    submissions: AtomicU64,
}

impl Committer {
    /// Starts the writer task on the current runtime. It writes through `pool`, taking the
    /// store's turn to write (`turn`) for each batch, and ends when the last `Committer` is
    /// dropped.
    pub(super) fn start(pool: SqlitePool, turn: Arc<Mutex<()>>) -> Self {
        let (queue, receiver) = mpsc::channel(QUEUE);
        let counts = Arc::<Counts>::default();
        tokio::spawn(write_batches(pool, turn, receiver, Arc::clone(&counts)));
        Committer { queue, counts }
    }

    /// The commits made so far, and the submissions they stored.
    pub(super) fn counts(&self) -> (u64, u64) {
        (
            self.counts.commits.load(Ordering::Relaxed),
            self.counts.submissions.load(Ordering::Relaxed),
        )
    }

    /// Stores `pending` with the others waiting, and gives its reference once it is durable.
    pub(super) async fn store(&self, pending: Pending) -> Result<Reference, sqlx::Error> {
        let (answer, answered) = oneshot::channel();
        // The writer is gone only when its runtime is shutting down.
        self.queue
            .send(Job { pending, answer })
            .await
            .map_err(|_| sqlx::Error::PoolClosed)?;
        answered.await.map_err(|_| sqlx::Error::PoolClosed)?
    }
}

/// The writer task: batch after batch, until every sender is gone. A request that gave up
/// waiting (its client went away) still has its submission stored, as if it had been answered
/// a moment earlier; a retry with the same `Idempotency-Key` finds it.
async fn write_batches(
    pool: SqlitePool,
    turn: Arc<Mutex<()>>,
    mut queue: mpsc::Receiver<Job>,
    counts: Arc<Counts>,
) {
    let mut jobs = Vec::with_capacity(BATCH);
    while queue.recv_many(&mut jobs, BATCH).await > 0 {
        let _turn = turn.lock().await;
        let batch: Vec<&Pending> = jobs.iter().map(|job| &job.pending).collect();
        match write(&pool, &counts, &batch).await {
            Ok(references) => {
                for (job, reference) in jobs.drain(..).zip(references) {
                    let _ = job.answer.send(Ok(reference));
                }
            }
            // The whole transaction is rolled back when one submission fails (a repeated
            // Idempotency-Key, say): each is then stored alone, and gets its own answer.
            Err(_) if jobs.len() > 1 => {
                for job in jobs.drain(..) {
                    let result = write(&pool, &counts, &[&job.pending])
                        .await
                        .map(|mut one| one.remove(0));
                    let _ = job.answer.send(result);
                }
            }
            Err(error) => {
                if let Some(job) = jobs.pop() {
                    let _ = job.answer.send(Err(error));
                }
            }
        }
    }
}

/// Stores `batch` in one transaction, and counts it; the references in its order. Each
/// submission's row takes two statements (its id, then its reference); the events and the
/// outbox messages of the whole batch one statement each, and the draft a submission came
/// from (if it names one) one more: every statement is a round trip to the connection's thread.
async fn write(
    pool: &SqlitePool,
    counts: &Counts,
    batch: &[&Pending],
) -> Result<Vec<Reference>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let mut stored = Vec::with_capacity(batch.len());
    for pending in batch {
        stored.push(insert(&mut tx, pending).await?);
    }
    let events: Vec<(i64, &str, &str)> = batch
        .iter()
        .zip(&stored)
        .flat_map(|(pending, (id, _))| {
            pending
                .statuses
                .iter()
                .map(|status| (*id, status.as_str(), pending.created_at.as_str()))
        })
        .collect();
    if !events.is_empty() {
        let sql = super::insert_rows(
            "INSERT INTO submission_events (submission_id, status, actor, created_at) VALUES ",
            "(?, ?, 'applicant', ?)",
            events.len(),
        );
        let mut query = sqlx::query(&sql).persistent(false);
        for (id, status, at) in events {
            query = query.bind(id).bind(status).bind(at);
        }
        query.execute(&mut *tx).await?;
    }
    let texts: Vec<String> = stored.iter().map(|(_, r)| r.to_string()).collect();
    let messages: Vec<_> = batch
        .iter()
        .zip(&stored)
        .zip(&texts)
        .map(|((pending, (id, _)), text)| pending.event(*id, text))
        .collect();
    SubmissionEvent::enqueue_all_sqlite(&messages, &mut tx).await?;
    for pending in batch {
        if let Some(hash) = &pending.draft_hash {
            sqlx::query("DELETE FROM drafts WHERE token_hash = ? AND form_id = ?")
                .bind(hash)
                .bind(&pending.form_id)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    counts.commits.fetch_add(1, Ordering::Relaxed);
    counts
        .submissions
        .fetch_add(batch.len() as u64, Ordering::Relaxed);
    Ok(stored.into_iter().map(|(_, reference)| reference).collect())
}

/// Writes one submission's row: SQLite has no sequences, so the AUTOINCREMENT key is the
/// sequence, and the reference is filled in once it is known.
async fn insert(
    tx: &mut SqliteConnection,
    pending: &Pending,
) -> Result<(i64, Reference), sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO submissions
           (form_id, form_version, form_hash, data, lang, status, created_at,
            fee_amount, fee_currency, idempotency_key, request_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
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
    .fetch_one(&mut *tx)
    .await?;
    let reference = pending.reference(id)?;
    sqlx::query("UPDATE submissions SET reference = ?, access_token_hash = ? WHERE id = ?")
        .bind(reference.to_string())
        .bind(pending.token_hash(&reference))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    Ok((id, reference))
}
