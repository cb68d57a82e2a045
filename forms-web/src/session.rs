//! The access tokens of this tab's submissions, kept in session storage: they open the status
//! page after a reload or the return from the payment page, and go when the tab closes. A
//! token reaches the status page in the address's fragment (`#token=…`), which browsers never
//! send to a server; it is moved to storage and taken out of the address at once.

const PREFIX: &str = "forms-token:";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// Keeps the token of `reference`.
pub fn keep(reference: &str, token: &str) {
    if let Some(storage) = storage() {
        // A full or refused storage only costs the convenience of coming back.
        let _ = storage.set_item(&format!("{PREFIX}{reference}"), token);
    }
}

/// The token of `reference`: from the address's `#token=` (taken out of the address at once;
/// the caller keeps it once the server has accepted it), else from storage.
pub fn token(reference: &str) -> Option<String> {
    let window = web_sys::window()?;
    let hash = window.location().hash().unwrap_or_default();
    if let Some(token) = hash.strip_prefix("#token=").filter(|t| !t.is_empty()) {
        let location = window.location();
        let clean = format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean));
        }
        return Some(token.to_owned());
    }
    storage()?.get_item(&format!("{PREFIX}{reference}")).ok()?
}
