//! The server's own Prometheus metrics: requests by route and status, and their latencies, kept
//! per process in memory and written in the text exposition format (version 0.0.4) at
//! `/metrics`, next to the submissions by form and status, which are counted in the database.
//!
//! Routes are the router's patterns (`/api/v1/submissions/{reference}`), never the paths
//! asked for: a label per reference number or draft token would grow without bound and put
//! tokens into the metrics.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

/// The upper bounds of the latency histogram, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

#[derive(Debug, Default, Clone)]
struct Series {
    /// Requests with this route, method and status.
    count: u64,
    /// Per bucket of [`BUCKETS`]: how many took at most its bound (not yet cumulative).
    buckets: [u64; BUCKETS.len()],
    /// Total seconds.
    sum: f64,
}

/// The request metrics of this process.
#[derive(Debug, Default)]
pub struct Metrics {
    series: Mutex<BTreeMap<(String, String, u16), Series>>,
}

impl Metrics {
    /// Records one answered request.
    pub fn record(&self, route: &str, method: &str, status: u16, elapsed: Duration) {
        let seconds = elapsed.as_secs_f64();
        let mut series = self.series.lock().unwrap_or_else(|e| e.into_inner());
        let entry = series
            .entry((route.to_owned(), method.to_owned(), status))
            .or_default();
        entry.count += 1;
        entry.sum += seconds;
        if let Some(bucket) = BUCKETS.iter().position(|bound| seconds <= *bound) {
            entry.buckets[bucket] += 1;
        }
    }

    /// The exposition text of the request metrics, then of `submissions` (form, status, count).
    pub fn render(&self, submissions: &[(String, String, i64)]) -> String {
        let series = self
            .series
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let mut out = String::new();
        out.push_str("# HELP forms_http_requests_total HTTP requests answered, by route, method and status.\n");
        out.push_str("# TYPE forms_http_requests_total counter\n");
        for ((route, method, status), s) in &series {
            let labels = labels(&[("route", route), ("method", method)]);
            let _ = writeln!(
                out,
                "forms_http_requests_total{{{labels},status=\"{status}\"}} {}",
                s.count
            );
        }
        out.push_str("# HELP forms_http_request_duration_seconds Time to answer HTTP requests, by route and method.\n");
        out.push_str("# TYPE forms_http_request_duration_seconds histogram\n");
        let mut by_route: BTreeMap<(&str, &str), Series> = BTreeMap::new();
        for ((route, method, _), s) in &series {
            let merged = by_route.entry((route, method)).or_default();
            merged.count += s.count;
            merged.sum += s.sum;
            for (m, b) in merged.buckets.iter_mut().zip(s.buckets) {
                *m += b;
            }
        }
        for ((route, method), s) in &by_route {
            let labels = labels(&[("route", route), ("method", method)]);
            let mut cumulative = 0;
            for (bound, n) in BUCKETS.iter().zip(s.buckets) {
                cumulative += n;
                let _ = writeln!(
                    out,
                    "forms_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "forms_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                s.count
            );
            let _ = writeln!(
                out,
                "forms_http_request_duration_seconds_sum{{{labels}}} {}",
                s.sum
            );
            let _ = writeln!(
                out,
                "forms_http_request_duration_seconds_count{{{labels}}} {}",
                s.count
            );
        }
        out.push_str("# HELP forms_submissions Stored submissions, by form and current status (all replicas).\n");
        out.push_str("# TYPE forms_submissions gauge\n");
        for (form, status, count) in submissions {
            let labels = labels(&[("form", form), ("status", status)]);
            let _ = writeln!(out, "forms_submissions{{{labels}}} {count}");
        }
        out
    }
}

/// The exposition text of the outbox: messages waiting, and given up.
pub fn render_outbox(pending: i64, failed: i64) -> String {
    format!(
        "# HELP forms_outbox_pending Outbox messages not yet delivered (all replicas).\n\
         # TYPE forms_outbox_pending gauge\n\
         forms_outbox_pending {pending}\n\
         # HELP forms_outbox_failed Outbox messages given up after every retry (all replicas).\n\
         # TYPE forms_outbox_failed gauge\n\
         forms_outbox_failed {failed}\n"
    )
}

/// The exposition text of SQLite's group commit (see `store::commit`): transactions that stored
/// new submissions, and the submissions they stored.
pub fn render_commits(commits: u64, submissions: u64) -> String {
    format!(
        "# HELP forms_sqlite_submission_commits_total SQLite transactions that stored new submissions (this process).\n\
         # TYPE forms_sqlite_submission_commits_total counter\n\
         forms_sqlite_submission_commits_total {commits}\n\
         # HELP forms_sqlite_committed_submissions_total Submissions stored by those transactions.\n\
         # TYPE forms_sqlite_committed_submissions_total counter\n\
         forms_sqlite_committed_submissions_total {submissions}\n"
    )
}

/// `name="value",…` with each value escaped as the exposition format wants.
fn labels(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(name, value)| {
            let escaped = value
                .replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace('\n', "\\n");
            format!("{name}=\"{escaped}\"")
        })
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_counted_and_their_latencies_bucketed() {
        let metrics = Metrics::default();
        metrics.record("/api/v1/forms", "GET", 200, Duration::from_millis(3));
        metrics.record("/api/v1/forms", "GET", 200, Duration::from_millis(30));
        metrics.record("/api/v1/forms", "GET", 500, Duration::from_secs(20));
        let text = metrics.render(&[("demo".into(), "sub\"mitted".into(), 7)]);
        assert!(text.contains(
            "forms_http_requests_total{route=\"/api/v1/forms\",method=\"GET\",status=\"200\"} 2\n"
        ));
        assert!(text.contains("status=\"500\"} 1\n"));
        let bucket = |le: &str| {
            format!(
                "forms_http_request_duration_seconds_bucket{{route=\"/api/v1/forms\",method=\"GET\",le=\"{le}\"}}"
            )
        };
        assert!(text.contains(&format!("{} 0\n", bucket("0.0025"))));
        assert!(text.contains(&format!("{} 1\n", bucket("0.005"))));
        assert!(text.contains(&format!("{} 2\n", bucket("0.05"))));
        assert!(text.contains(&format!("{} 2\n", bucket("10"))));
        assert!(text.contains(&format!("{} 3\n", bucket("+Inf"))));
        assert!(text.contains("forms_submissions{form=\"demo\",status=\"sub\\\"mitted\"} 7\n"));
    }
}
