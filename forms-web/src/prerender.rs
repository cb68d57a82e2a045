//! The server's first paint of a form (`forms-server/src/http/page.rs`), handed over to the app
//! by `prerender.js`: what the person typed or chose there before the app had loaded becomes
//! their answers, and focus goes back to the question they were in.

use serde_json::{Map, Value};
use wasm_bindgen::JsCast;

const ID: &str = "prerender";

/// What the person did in the first paint.
#[derive(Debug, Default)]
pub struct Carried {
    /// The answers changed there, by JSON Pointer, as the app's controls give them.
    pub values: Map<String, Value>,
    /// The id of the control in focus.
    pub focus: Option<String>,
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Whether the first paint is on the page: the app then draws no "Loading…" over it.
pub fn shown() -> bool {
    document().is_some_and(|d| d.get_element_by_id(ID).is_some())
}

/// Takes the first paint off the page, with what was done in it (nothing, when there was none).
pub fn take() -> Carried {
    let Some(window) = web_sys::window() else {
        return Carried::default();
    };
    // Read as a `Value` (its parser is in the app already), not into a type of its own.
    let carried = js_sys::Reflect::get(&window, &wasm_bindgen::JsValue::from_str("formsPrerender"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(&window).ok())
        .and_then(|v| v.as_string())
        .and_then(|text| serde_json::from_str::<Value>(&text).ok())
        .map_or_else(Carried::default, |mut carried| Carried {
            values: match carried["values"].take() {
                Value::Object(values) => values,
                _ => Map::new(),
            },
            focus: carried["focus"].as_str().map(str::to_owned),
        });
    // Without prerender.js the drawing goes all the same: its ids are the app's own.
    if let Some(drawing) = document().and_then(|d| d.get_element_by_id(ID)) {
        drawing.remove();
    }
    carried
}

/// Marks the page as the app's own (`<html data-ready>`): what it shows from now on is drawn
/// by the app, for tests, benchmarks and a portal's scripts to wait for.
pub fn mark_ready() {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        // `data-ready` is a valid attribute name: this cannot fail.
        let _ = root.set_attribute("data-ready", "");
    }
}
