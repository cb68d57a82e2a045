//! What every request leaves behind, and the guard of the routes anyone can call in a loop:
//!
//! - a request id (the caller's `X-Request-Id` when it is a sane one, else a new one), sent
//!   back in `X-Request-Id` and carried by every log line of the request;
//! - one log line per request with the route pattern, the status and the time taken — never
//!   the path itself (it can hold a draft's resume token), nor a header, nor a body;
//! - the request metrics of `/metrics`;
//! - per-client-IP rate limiting (GCRA, the `governor` crate) on the routes that accept data:
//!   submissions, validation, drafts, and publishing a definition. Over the limit: 429 with
//!   `Retry-After`.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::time::Instant;

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{HeaderName, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use tracing::Instrument;

use crate::error::ApiError;
use crate::state::AppState;

/// The header of the request id.
pub static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The routes under rate limiting, by method and pattern.
const LIMITED: [(Method, &str); 5] = [
    (Method::POST, "/api/v1/forms/{id}/submissions"),
    (Method::POST, "/api/v1/forms/{id}/validate"),
    (Method::POST, "/api/v1/forms/{id}/drafts"),
    (Method::PUT, "/api/v1/drafts/{token}"),
    (Method::POST, "/api/v1/admin/forms"),
];

/// The payment providers' notification routes: limited too (every notification, forged or not,
/// is kept in the ledger), with an allowance [`PROVIDER_FACTOR`] times larger, since one
/// provider's servers notify for every applicant.
const PROVIDERS: [(Method, &str); 2] = [
    (Method::POST, "/api/v1/payments/egov/notify"),
    (Method::POST, "/api/v1/payments/epay/notify"),
];

/// How much more a provider's address may send than an applicant's.
pub const PROVIDER_FACTOR: u32 = 20;

/// A caller's request id, if it is 1 to 64 letters, digits, `-`, `_` or `.` (anything else
/// could forge log lines).
fn sane_id(value: &HeaderValue) -> Option<&str> {
    let id = value.to_str().ok()?;
    (!id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)))
    .then_some(id)
}

/// The route pattern of a request, for logs and metrics: the router's, or `static` for the
/// browser app's files.
fn route_of(request: &Request) -> String {
    match request.extensions().get::<MatchedPath>() {
        Some(path) => path.as_str().to_owned(),
        None if request.uri().path().starts_with("/api/") => "unmatched".to_owned(),
        None => "static".to_owned(),
    }
}

/// Request id, log line and metrics of every request.
pub async fn observe(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let id = request
        .headers()
        .get(&REQUEST_ID)
        .and_then(sane_id)
        .map(str::to_owned)
        .unwrap_or_else(|| crate::token::random_hex()[..32].to_owned());
    let route = route_of(&request);
    let method = request.method().clone();
    if let Ok(value) = HeaderValue::from_str(&id) {
        request.headers_mut().insert(REQUEST_ID.clone(), value);
    }
    let span = tracing::info_span!("request", id = %id, method = %method, route = %route);
    let start = Instant::now();
    let mut response = next.run(request).instrument(span.clone()).await;
    let elapsed = start.elapsed();
    let status = response.status().as_u16();
    state
        .metrics
        .record(&route, method.as_str(), status, elapsed);
    span.in_scope(|| {
        tracing::info!(status, ms = elapsed.as_secs_f64() * 1000.0, "answered");
    });
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID.clone(), value);
    }
    response
}

/// The rate limiter of the routes in [`LIMITED`], keyed by client IP.
#[derive(Debug)]
pub struct Limiter {
    limiter: DefaultKeyedRateLimiter<IpAddr>,
    providers: DefaultKeyedRateLimiter<IpAddr>,
    /// The header a trusted reverse proxy puts the client's IP into, if one is configured.
    client_ip_header: Option<HeaderName>,
}

impl Limiter {
    /// `per_minute` requests a minute per client IP, in bursts of as many.
    pub fn new(per_minute: NonZeroU32, client_ip_header: Option<HeaderName>) -> Self {
        let providers =
            per_minute.saturating_mul(NonZeroU32::new(PROVIDER_FACTOR).unwrap_or(NonZeroU32::MIN));
        Limiter {
            limiter: RateLimiter::keyed(Quota::per_minute(per_minute)),
            providers: RateLimiter::keyed(Quota::per_minute(providers)),
            client_ip_header,
        }
    }

    /// Forgets the clients that have been quiet long enough to be back at a full allowance.
    pub fn forget_quiet_clients(&self) {
        self.limiter.retain_recent();
        self.providers.retain_recent();
    }

    /// The client's IP: from the configured proxy header when the request has it (the last
    /// entry: the one the proxy wrote), else the peer's address (a request that did not come
    /// through the proxy is limited by its own address). `None` when neither is known (a
    /// request made in-process, as by the tests).
    fn client(&self, request: &Request) -> Option<IpAddr> {
        let from_proxy = self.client_ip_header.as_ref().and_then(|name| {
            request
                .headers()
                .get(name)?
                .to_str()
                .ok()?
                .split(',')
                .next_back()?
                .trim()
                .parse()
                .ok()
        });
        if from_proxy.is_some() {
            return from_proxy;
        }
        request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip())
    }
}

/// Refuses a client over its allowance on the routes of [`LIMITED`].
pub async fn rate_limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned());
    let method = request.method().clone();
    let on = |routes: &[(Method, &str)]| {
        path.as_deref()
            .is_some_and(|path| routes.iter().any(|(m, p)| *m == method && *p == path))
    };
    let limiter = if on(&LIMITED) {
        Some(&state.limiter.limiter)
    } else if on(&PROVIDERS) {
        Some(&state.limiter.providers)
    } else {
        None
    };
    if let Some(limiter) = limiter
        && let Some(ip) = state.limiter.client(&request)
        && let Err(not_until) = limiter.check_key(&ip)
    {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        let mut response = ApiError::RateLimited.into_response();
        if let Ok(value) = HeaderValue::from_str(&seconds.max(1).to_string()) {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, value);
        }
        return response;
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sane_request_ids_are_kept() {
        for good in ["abc", "0f3a-11_x.y", &"a".repeat(64)] {
            assert_eq!(
                sane_id(&HeaderValue::from_str(good).expect("header")),
                Some(good)
            );
        }
        for bad in ["", "a b", "x\"y", &"a".repeat(65), "id\tforged"] {
            let value = HeaderValue::from_str(bad).expect("header");
            assert_eq!(sane_id(&value), None, "{bad:?}");
        }
    }
}
