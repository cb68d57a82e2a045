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

/// The return code the payment provider's return brought (`?return=…`), taken out of the
/// address at once (it is single-use; the page redeems it for a status token).
pub fn take_return_code() -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let search = location.search().ok()?;
    let query = search.strip_prefix('?')?;
    let mut code = None;
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| match pair.strip_prefix("return=") {
            Some(value) => {
                code = Some(value.to_owned()).filter(|c| !c.is_empty());
                false
            }
            None => true,
        })
        .collect();
    let code = code?;
    let clean = match kept.is_empty() {
        true => location.pathname().ok()?,
        false => format!("{}?{}", location.pathname().ok()?, kept.join("&")),
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean));
    }
    Some(code)
}

/// The portal page framing the app, as frame.js found it (`data-portal` on the root element,
/// only when framed by that page's origin): where a payment started here comes back to.
pub fn portal_page() -> Option<String> {
    web_sys::window()?
        .document()?
        .document_element()?
        .get_attribute("data-portal")
        .filter(|p| !p.is_empty())
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
