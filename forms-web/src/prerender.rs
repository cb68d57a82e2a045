//! The server's first paint of a form (`forms-server/src/http/page.rs`), handed over to the app
//! by `prerender.js`: what the person typed or chose there before the app had loaded becomes
//! their answers, and focus goes back to the question they were in.

use std::cell::RefCell;

use serde_json::{Map, Value};
use wasm_bindgen::JsCast;

const ID: &str = "prerender";

thread_local! {
    /// What was done in the first paint, from when it was taken off the page until the form
    /// is drawn (after a failed load and a retry, too).
    static TAKEN: RefCell<Option<Map<String, Value>>> = const { RefCell::new(None) };
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Whether the first paint is on the page: the app then draws no "Loading…" over it.
pub fn shown() -> bool {
    document().is_some_and(|d| d.get_element_by_id(ID).is_some())
}

/// Calls prerender.js's `name`, if it is there, for the text it returns.
fn call(name: &str) -> Option<String> {
    let window = web_sys::window()?;
    js_sys::Reflect::get(&window, &wasm_bindgen::JsValue::from_str(name))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?
        .call0(&window)
        .ok()?
        .as_string()
}

/// Takes the first paint off the page, if it is there, keeping what was done in it for the
/// form ([`carried`]).
pub fn take() {
    if !shown() {
        return;
    }
    // The answers changed there, by JSON Pointer, as the app's controls give them; read as a
    // `Value` (its parser is in the app already), not into a type of its own.
    let carried = match call("formsPrerender").and_then(|text| serde_json::from_str(&text).ok()) {
        Some(Value::Object(values)) => values,
        _ => Map::new(),
    };
    // Without prerender.js the drawing goes all the same: its ids are the app's own.
    if let Some(drawing) = document().and_then(|d| d.get_element_by_id(ID)) {
        drawing.remove();
    }
    TAKEN.with_borrow_mut(|taken| *taken = Some(carried));
}

/// The answers changed in the first paint (taking it off the page if it is still there), once.
pub fn carried() -> Map<String, Value> {
    take();
    TAKEN.with_borrow_mut(Option::take).unwrap_or_default()
}

/// Puts the focus back where it was in the first paint, with its selection, once the form is
/// drawn.
pub fn refocus() {
    let _ = call("formsPrerenderFocus");
}

/// Marks the page as the app's own (`<html data-ready>`): what it shows from now on is drawn
/// by the app, for tests, benchmarks and a portal's scripts to wait for.
pub fn mark_ready() {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        // `data-ready` is a valid attribute name: this cannot fail.
        let _ = root.set_attribute("data-ready", "");
    }
}
