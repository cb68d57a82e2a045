//! The access tokens of this tab's submissions, kept in session storage: they open the status
//! page after a reload or the return from the payment page, and go when the tab closes. A
//! token reaches the status page in the address's fragment (`#token=…`), which browsers never
//! send to a server; it is moved to storage and taken out of the address at once (as a draft's
//! resume token is, by the same [`clear_fragment`]). The app's `forms:…` window events, which
//! frame.js forwards to a portal, are dispatched here too.

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
        clear_fragment();
        return Some(token.to_owned());
    }
    storage()?.get_item(&format!("{PREFIX}{reference}")).ok()?
}

/// Takes the fragment (a token) out of the address, so that it stays in neither the address bar
/// nor the history.
pub fn clear_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let clean = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean));
    }
}

/// Dispatches the `forms:…` event `name` on window with `detail`, for the page and (through
/// frame.js) a portal framing it.
pub fn announce_event(name: &str, detail: &[(&str, wasm_bindgen::JsValue)]) {
    let object = js_sys::Object::new();
    for (key, value) in detail {
        // Setting a property on a plain new object cannot fail.
        let _ = js_sys::Reflect::set(&object, &wasm_bindgen::JsValue::from_str(key), value);
    }
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&object);
    if let (Some(window), Ok(event)) = (
        web_sys::window(),
        web_sys::CustomEvent::new_with_event_init_dict(name, &init),
    ) {
        let _ = window.dispatch_event(&event);
    }
}
