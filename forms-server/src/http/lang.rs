//! The language of a request: `?lang=` first, then `Accept-Language`, else English. It is kept
//! for the duration of the request so every message of the response uses it.

use axum::extract::Request;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::middleware::Next;
use axum::response::Response;
use forms_core::i18n::{FALLBACK, match_language, query_language};

use crate::state;

tokio::task_local! {
    static LANG: &'static str;
}

/// The request's language, one of forms-core's `LANGUAGES`.
pub fn current() -> &'static str {
    LANG.try_with(|l| *l).unwrap_or(FALLBACK)
}

/// The text of an API message in the request's language.
pub fn localize(key: &str) -> String {
    state::localizer().text(current(), key, None)
}

/// Picks the language of the request from its query and headers.
pub fn pick(query: Option<&str>, accept_language: Option<&str>) -> &'static str {
    query
        .and_then(query_language)
        .or_else(|| {
            // Preference order is the header's order, except that q=0 means "not this".
            accept_language?
                .split(',')
                .filter(|tag| !tag.replace(' ', "").ends_with(";q=0"))
                .find_map(match_language)
        })
        .unwrap_or(FALLBACK)
}

/// Middleware: runs the rest of the request with its language set.
pub async fn negotiate(request: Request, next: Next) -> Response {
    let accept = request
        .headers()
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    let lang = pick(request.uri().query(), accept);
    LANG.scope(lang, next.run(request)).await
}

#[cfg(test)]
mod tests {
    use super::pick;

    #[test]
    fn query_wins_then_header_then_english() {
        assert_eq!(pick(Some("lang=pl"), Some("bg")), "pl");
        assert_eq!(pick(Some("x=1&lang=az"), None), "az");
        assert_eq!(pick(Some("lang=xx"), Some("bg-BG,bg;q=0.9")), "bg");
        assert_eq!(pick(None, Some("de-DE, pl;q=0.8, en;q=0.5")), "pl");
        assert_eq!(pick(None, Some("bg;q=0, en")), "en");
        assert_eq!(pick(None, None), "en");
    }
}
