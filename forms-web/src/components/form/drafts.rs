//! Never losing what was typed. Every change is kept in this browser's local storage (it
//! survives a reload and closing the tab) until the application is sent or the person starts
//! again; "Save and continue later" keeps a draft on the server, opened again by a resume link
//! whose token travels in the address's fragment (never sent to a server, taken out at once).

use forms_core::Definition;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{Map, Value, json};

use super::state::FormState;
use crate::api::{self, SavedDraft};
use crate::format;
use crate::i18n::tr;

const PREFIX: &str = "forms-draft:";

/// How long this browser keeps answers nobody came back to: on a shared computer the next
/// person should not find them for long (a server draft keeps them longer, behind its link).
const KEEP_MS: f64 = 7.0 * 24.0 * 3600.0 * 1000.0;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// What was kept in this browser for a form.
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    /// The answers.
    pub data: Value,
    /// The step the person was on (its position among the applicant's steps).
    pub step: usize,
    /// The resume token of the server draft, once there is one.
    pub resume_token: Option<String>,
    /// Whether the answers were given against another version of the definition.
    pub older: bool,
}

/// The answers kept in this browser for `definition`'s form, if any.
pub fn kept(definition: &Definition) -> Option<Kept> {
    let text = storage()?
        .get_item(&format!("{PREFIX}{}", definition.id))
        .ok()??;
    let record: Value = serde_json::from_str(&text).ok()?;
    let saved_at = record
        .get("saved_at")
        .and_then(Value::as_f64)
        .unwrap_or(0.0);
    if js_sys::Date::now() - saved_at > KEEP_MS {
        forget(&definition.id);
        return None;
    }
    let data = record.get("data").filter(|d| d.is_object())?.clone();
    Some(Kept {
        data,
        step: record
            .get("step")
            .and_then(Value::as_u64)
            .and_then(|s| usize::try_from(s).ok())
            .unwrap_or(0),
        resume_token: record
            .get("resume_token")
            .and_then(Value::as_str)
            .map(str::to_owned),
        older: record.get("version").and_then(Value::as_str) != Some(definition.version.as_str()),
    })
}

/// Keeps the answers and the step in this browser.
pub fn keep(definition: &Definition, data: &Value, step: usize, resume_token: Option<&str>) {
    let mut record = Map::new();
    record.insert("version".to_owned(), json!(definition.version));
    record.insert("data".to_owned(), data.clone());
    record.insert("step".to_owned(), json!(step));
    record.insert("saved_at".to_owned(), json!(js_sys::Date::now()));
    if let Some(token) = resume_token {
        record.insert("resume_token".to_owned(), json!(token));
    }
    if let (Some(storage), Some(text)) = (storage(), api::json_text(&Value::Object(record))) {
        // A full or refused storage (a portal's frame may have none) costs only the
        // convenience of coming back; the answers stay on the page.
        let _ = storage.set_item(&format!("{PREFIX}{}", definition.id), &text);
    }
}

/// Forgets what this browser kept for form `id` (sent, or the person started again).
pub fn forget(id: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&format!("{PREFIX}{id}"));
    }
}

/// The resume token in the address (`#draft=…`), if any.
pub fn resume_token_in_address() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let token = hash.strip_prefix("#draft=").filter(|t| !t.is_empty())?;
    Some(token.to_owned())
}

/// The link that opens the draft of `token` again, in `lang`.
fn resume_link(form_id: &str, lang: &str, token: &str) -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!("{origin}/f/{form_id}?lang={lang}#draft={token}")
}

/// "Save and continue later": saves the answers on the server and shows the resume link and
/// until when it works. Saving again updates the same draft.
#[component]
pub fn SaveForLater(
    /// The server draft's resume token, once there is one.
    resume_token: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = expect_context::<FormState>();
    let saving = RwSignal::new(false);
    // The last save and the answers it kept.
    let outcome = RwSignal::new(None::<Result<(SavedDraft, Value), ()>>);
    let save = move |_: leptos::ev::MouseEvent| {
        if saving.get_untracked() {
            return;
        }
        saving.set(true);
        let id = state.form().definition().id.clone();
        let token = resume_token.get_untracked();
        let data = state.data.get_untracked();
        spawn_local(async move {
            let result = api::save_draft(&id, token.as_deref(), &data).await;
            if let Ok(saved) = &result {
                resume_token.set(Some(saved.resume_token.clone()));
            }
            let key = if result.is_ok() {
                "draft-saved"
            } else {
                "draft-save-failed"
            };
            state.announce(crate::i18n::t(&state.lang.get_untracked(), key));
            outcome.set(Some(result.map(|saved| (saved, data)).map_err(|_| ())));
            saving.set(false);
        });
    };
    let report = move || {
        let lang = state.lang.get();
        Some(match outcome.get()? {
            Ok((saved, kept)) => {
                let id = state.form().definition().id.clone();
                let link = resume_link(&id, &lang, &saved.resume_token);
                let changed = move || {
                    state.data.with(|now| now != &kept).then(|| {
                        view! { <p><strong>{tr(state.lang, "draft-changed")}</strong></p> }
                    })
                };
                view! {
                    <div class="notice saved">
                        <p>{tr(state.lang, "draft-saved")}</p>
                        <p class="resume-link">
                            <a href=link.clone() target="_blank" rel="noopener noreferrer">{link.clone()}</a>
                            " "{tr(state.lang, "opens-new-tab")}
                        </p>
                        <p>
                            {tr(state.lang, "draft-expires")}" "
                            <strong>{format::sofia_time(&saved.expires_at, &lang)}</strong>
                        </p>
                        <p>{tr(state.lang, "draft-keep-link")}</p>
                        {changed}
                    </div>
                }
                .into_any()
            }
            Err(()) => {
                view! { <p class="notice">{tr(state.lang, "draft-save-failed")}</p> }.into_any()
            }
        })
    };
    view! {
        <div class="save-later">
            <button
                type="button"
                class="secondary"
                aria-disabled=move || saving.get().to_string()
                on:click=save
            >
                {tr(state.lang, "draft-save")}
            </button>
            {report}
        </div>
    }
}
