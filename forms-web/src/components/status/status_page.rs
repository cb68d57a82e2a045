//! The status page at `/s/{reference}`: the application's status, its payment and its
//! timeline, for the holder of its access token. After the provider sends the browser back
//! (`?payment=ok` or `?payment=cancel`), the page says it is checking, and asks the server again until the payment's
//! notification has arrived: the return itself proves nothing.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

use super::pay_button::PayButton;
use crate::api::{self, ApiFailure};
use crate::components::layout::page_frame::PageFrame;
use crate::i18n::{set_document, t, tr};
use crate::session;

/// How often, and how many times, the page asks again while a payment is being checked.
const RECHECK_MS: i32 = 2000;
const RECHECKS: u32 = 60;

/// Whether a payment status ends the attempt.
fn ended(status: &str) -> bool {
    matches!(status, "Paid" | "Expired" | "Canceled" | "Suspended")
}

/// Asks the server again after a pause.
fn later(f: impl FnOnce() + 'static) {
    let callback = wasm_bindgen::closure::Closure::once_into_js(f);
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            wasm_bindgen::JsCast::unchecked_ref(&callback),
            RECHECK_MS,
        );
    }
}

/// The page of application `reference`.
#[component]
pub fn StatusPage(
    /// The reference number from the address.
    reference: String,
    /// The language chosen.
    lang: RwSignal<String>,
) -> impl IntoView {
    let token = RwSignal::new(session::token(&reference));
    // Back from the provider in a tab (or a portal's frame) that does not hold the token: the
    // return code opens the status, once.
    let code = session::take_return_code();
    let returned = web_sys::window()
        .and_then(|w| w.location().search().ok())
        // Back from the provider, paid or not: its notification may still be on its way.
        .is_some_and(|s| s.contains("payment=ok") || s.contains("payment=cancel"));
    let loaded = RwSignal::new(None::<Result<Value, ApiFailure>>);
    let code = StoredValue::new(code);
    let load = {
        let reference = reference.clone();
        move || {
            let reference = reference.clone();
            spawn_local(async move {
                let token = match (token.get_untracked(), code.get_value()) {
                    (Some(token), _) => token,
                    (None, Some(return_code)) => {
                        match api::redeem_return(&reference, &return_code).await {
                            Ok(redeemed) => {
                                code.set_value(None);
                                token.set(Some(redeemed.clone()));
                                redeemed
                            }
                            Err(failure) => {
                                let failure = match failure {
                                    ApiFailure::Server(400) => ApiFailure::NotFound,
                                    other => other,
                                };
                                // Used or expired: only another link opens the page now.
                                if failure == ApiFailure::NotFound {
                                    code.set_value(None);
                                }
                                loaded.set(Some(Err(failure)));
                                return;
                            }
                        }
                    }
                    (None, None) => {
                        loaded.set(Some(Err(ApiFailure::NotFound)));
                        return;
                    }
                };
                let result = match api::get_submission(&reference, &token).await {
                    // A reference whose check digits fail cannot be found either.
                    Err(ApiFailure::Server(400)) => Err(ApiFailure::NotFound),
                    other => other,
                };
                if result.is_ok() {
                    // Kept only once the server has accepted it.
                    session::keep(&reference, &token);
                }
                loaded.set(Some(result));
            });
        }
    };
    // While a returned payment is not settled, ask again every two seconds, a while.
    let checks = StoredValue::new(0u32);
    {
        let load = load.clone();
        Effect::new(move |_| {
            let open = loaded.with(|l| match l {
                Some(Ok(page)) => !ended(page["payment"]["status"].as_str().unwrap_or("Paid")),
                _ => false,
            });
            if returned && open && checks.get_value() < RECHECKS {
                checks.update_value(|n| *n += 1);
                let load = load.clone();
                later(load);
            }
        });
    }
    load();
    Effect::new(move |_| {
        let lang = lang.get();
        set_document(&lang, &t(&lang, "status-title"));
    });
    // One live region, outside what each check redraws, so "checking" and its outcome are
    // announced once each.
    let announcement = move || {
        let l = lang.get();
        loaded.with(|page| match page {
            Some(Ok(page)) if returned => match page["payment"]["status"].as_str() {
                Some("Paid") => t(&l, "payment-paid"),
                Some(s) if !ended(s) => t(&l, "payment-checking"),
                _ => String::new(),
            },
            _ => String::new(),
        })
    };
    let view_reference = reference.clone();
    let body = move || {
        let reference = view_reference.clone();
        match loaded.get() {
            None => view! { <p role="status">{tr(lang, "loading")}</p> }.into_any(),
            Some(Err(ApiFailure::NotFound)) => {
                view! { <p>{tr(lang, "status-not-found")}</p> }.into_any()
            }
            Some(Err(_)) => {
                let load = load.clone();
                view! {
                    <p role="alert">{tr(lang, "load-failed")}</p>
                    <button type="button" class="primary" on:click=move |_| load()>
                        {tr(lang, "retry")}
                    </button>
                }
                .into_any()
            }
            Some(Ok(page)) => {
                view! { <StatusDetails page=page reference=reference token=token.get_untracked().unwrap_or_default() returned=returned lang=lang /> }
                    .into_any()
            }
        }
    };
    view! {
        <PageFrame lang=lang languages=Vec::new()>
            <h1>{t(&lang.get_untracked(), "status-title")}</h1>
            <p class="reference">{reference.clone()}</p>
            <p role="status">{announcement}</p>
            {body}
        </PageFrame>
    }
}

/// The status, payment and timeline of a loaded page.
#[component]
fn StatusDetails(
    page: Value,
    reference: String,
    token: String,
    returned: bool,
    lang: RwSignal<String>,
) -> impl IntoView {
    let status = page["status"].as_str().unwrap_or_default().to_owned();
    let payment_status = page["payment"]["status"].as_str().map(str::to_owned);
    // Pay again only when no attempt is on its way (being paid, authorised or ordered), and not
    // while a return is being checked.
    let in_flight = payment_status
        .as_deref()
        .is_some_and(|s| matches!(s, "InProcess" | "Authorized" | "Ordered"));
    let checking = returned && payment_status.as_deref().is_some_and(|s| !ended(s));
    let payable = page["fee"].is_object()
        && matches!(
            status.as_str(),
            "awaiting_payment" | "payment_failed" | "payment_expired"
        )
        && !checking
        && !in_flight;
    let fee = page["fee"].is_object().then(|| {
        let fee = page["fee"].clone();
        move || crate::format::fee(&lang.get(), &fee).unwrap_or_default()
    });
    let status_key = format!("status-{status}");
    let timeline: Vec<(String, String)> = page["timeline"]
        .as_array()
        .map(|events| {
            events
                .iter()
                .map(|e| {
                    (
                        format!("status-{}", e["status"].as_str().unwrap_or_default()),
                        e["at"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    // The status page offers no language switcher: its texts are read once.
    let l = lang.get_untracked();
    let text = |key: &str| t(&l, key);
    view! {
        <dl class="summary">
            <dt>{text("status-label")}</dt>
            <dd id="status">{text(&status_key)}</dd>
            {fee.map(|fee| view! { <dt>{text("fee-label")}</dt><dd>{fee}</dd> })}
            {payment_status.map(|s| view! {
                <dt>{text("payment-label")}</dt>
                <dd id="payment">{text(&format!("payment-{}", s.to_ascii_lowercase()))}</dd>
            })}
        </dl>
        {payable.then(|| view! { <PayButton reference=reference token=token lang=lang /> })}
        <h2>{text("timeline-title")}</h2>
        <ol class="timeline">
            {timeline
                .into_iter()
                .map(|(key, at)| {
                    let shown = crate::format::sofia_time(&at, &l);
                    view! { <li>{text(&key)}" — "<time datetime=at>{shown}</time></li> }
                })
                .collect_view()}
        </ol>
    }
}
