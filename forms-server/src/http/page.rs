//! The first paint of a form: `GET /f/{form}` answers with the app's `index.html` and, inside
//! it, the form's first step drawn as the app draws it, in the language the app will choose.
//!
//! A citizen sees the questions and can type into them as soon as the HTML arrives, before the
//! browser has fetched and compiled the app. The step is drawn in `<div id="prerender">`, with
//! every button disabled (nothing can be sent or checked without the app), and each control
//! carries `data-pointer`, its answer's JSON Pointer. When the app is ready to draw the form it
//! calls `formsPrerender()` (`forms-web/prerender.js`), which collects what was typed or chosen
//! there and the question in focus, and removes the drawing; the app then sets those answers,
//! as if typed into it, and puts focus back on the same question. Element ids come from
//! `forms_core::html`, as the app's do, and the e2e suite compares both drawings.

use std::sync::OnceLock;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use fluent_bundle::FluentArgs;
use forms_core::definition::StaticStyle;
use forms_core::html::{self, choice_id, field_element_id};
use forms_core::i18n::{match_language, query_language};
use forms_core::{CompiledForm, Field, FieldKind, FilledBy, Localizer, pointer};
use serde_json::Value;

use crate::state::AppState;

/// The app's own messages (`web.ftl`), which the first paint uses for its few texts of its own.
const WEB_FTL: [(&str, &str); 4] = [
    ("bg", include_str!("../../../i18n/bg/web.ftl")),
    ("en", include_str!("../../../i18n/en/web.ftl")),
    ("pl", include_str!("../../../i18n/pl/web.ftl")),
    ("az", include_str!("../../../i18n/az/web.ftl")),
];

/// forms-core's and the app's messages, as the app loads them.
fn localizer() -> &'static Localizer {
    static LOCALIZER: OnceLock<Localizer> = OnceLock::new();
    LOCALIZER.get_or_init(|| {
        Localizer::new(forms_core::i18n::CORE_FTL.into_iter().chain(WEB_FTL))
            .expect("the app's messages are checked by tests")
    })
}

/// The language the app will show: `?lang=`, else the browser's first language, else
/// Bulgarian (as `forms-web/src/i18n.rs` picks it); then one the form offers.
fn page_language(query: Option<&str>, accept_language: Option<&str>) -> &'static str {
    query
        .and_then(query_language)
        .or_else(|| accept_language?.split(',').next().and_then(match_language))
        .unwrap_or("bg")
}

/// `GET /f/{form}`: the app, with the form's first step drawn in it. An unknown form gets the
/// app alone with 404 (the app says so in the person's language); a store that cannot be read
/// gets the app alone, which then offers to try again.
pub async fn form(
    State(state): State<AppState>,
    Path(id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let Some(index) = state.index_html.as_deref() else {
        return crate::error::ApiError::NotFound.into_response();
    };
    let form = match state.catalog.current(&id).await {
        Ok(Some(form)) => form,
        Ok(None) => return html_response(StatusCode::NOT_FOUND, index.to_owned()),
        Err(e) => {
            tracing::error!(form = %id, error = %e, "the form's current version cannot be read");
            // The app alone, which says the form could not be loaded and offers to try again.
            let mut response = html_response(StatusCode::SERVICE_UNAVAILABLE, index.to_owned());
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from_static("5"));
            return response;
        }
    };
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    let wanted = page_language(uri.query(), accept);
    let lang = form.definition().language(wanted).to_owned();
    let context = crate::state::context(&lang);
    // In a portal's frame (embed.js asks for `?embed=1`) the site's own header is hidden from
    // the first paint on, as frame.js hides it once it has run.
    let embedded = uri
        .query()
        .is_some_and(|q| q.split('&').any(|pair| pair == "embed=1"));
    let page = match first_step(&form, &context) {
        Some(drawn) => into_index(index, &lang, embedded, &drawn),
        None => index.to_owned(),
    };
    html_response(StatusCode::OK, page)
}

fn html_response(status: StatusCode, body: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            // Drawn from the current version, in the asked language: never reused unasked.
            (header::CACHE_CONTROL, "no-cache"),
            (header::VARY, "Accept-Language"),
        ],
        body,
    )
        .into_response()
}

/// The drawing of a form's first step, with the document's title to give it.
#[derive(Debug)]
struct Drawn {
    /// The form's id (prerender.js looks for answers kept in the browser by it).
    form: String,
    title: String,
    body: String,
}

/// `index.html` with the drawing at the end of its body, its language and its title (and
/// the class `embedded`, for a page framed by a portal).
fn into_index(index: &str, lang: &str, embedded: bool, drawn: &Drawn) -> String {
    let mut page = String::with_capacity(index.len() + drawn.body.len() + 64);
    let mut rest = index;
    if let Some(at) = rest.find("<html lang=\"") {
        let value = at + "<html lang=\"".len();
        if let Some(end) = rest[value..].find('"') {
            page.push_str(&rest[..value]);
            escape_into(&mut page, lang);
            page.push('"');
            if embedded {
                page.push_str(" class=\"embedded\"");
            }
            rest = &rest[value + end + 1..];
        }
    }
    if let (Some(open), Some(close)) = (rest.find("<title>"), rest.find("</title>"))
        && open < close
    {
        page.push_str(&rest[..open + "<title>".len()]);
        escape_into(&mut page, &drawn.title);
        rest = &rest[close..];
    }
    // At the end of the body: after its <noscript>, which a browser without JavaScript shows
    // first (the drawing cannot be sent without the app).
    match rest.rfind("</body>") {
        Some(at) => {
            page.push_str(&rest[..at]);
            page.push_str("<div id=\"prerender\" data-form=\"");
            escape_into(&mut page, &drawn.form);
            page.push_str("\">");
            page.push_str(&drawn.body);
            page.push_str("</div>");
            page.push_str(&rest[at..]);
        }
        None => page.push_str(rest),
    }
    page
}

/// Draws the first step of `form` for an applicant who has typed nothing yet (its defaults), as
/// `forms-web`'s `FormFill` draws it; `None` when no step has a question for the applicant.
fn first_step(form: &CompiledForm, context: &forms_core::Context) -> Option<Drawn> {
    let definition = form.definition();
    let steps: Vec<&forms_core::Step> = definition
        .steps
        .iter()
        .filter(|s| s.fields.iter().any(|f| f.filled_by == FilledBy::Applicant))
        .collect();
    let step = steps.first()?;
    let lang = context.lang.as_str();
    let data = Value::Object(pointer::defaults(definition.fields()));
    let evaluation = forms_core::evaluate(form, &data, context);
    let l10n = localizer();
    let text = |key: &str| l10n.text(lang, key, None);
    let mut count = FluentArgs::new();
    count.set("number", 1);
    count.set("count", steps.len());
    let step_of = l10n.text(lang, "step-of", Some(&count));
    let mut args = FluentArgs::new();
    args.set("step", step_of.as_str());
    args.set("title", step.title.get(lang));
    let step_page = l10n.text(lang, "step-page", Some(&args));
    let mut args = FluentArgs::new();
    args.set("page", step_page.as_str());
    args.set("form", definition.title.get(lang));
    let title = l10n.text(lang, "page-title", Some(&args));

    let mut p = Page {
        lang,
        today: context.today,
        data: &data,
        evaluation: &evaluation,
        out: String::with_capacity(8192),
    };
    // The page frame (`PageFrame`): skip link, header, language switcher.
    p.push("<a class=\"skip-link\" href=\"#main\">");
    p.text(&text("skip-to-content"));
    p.push("</a><header class=\"site-header\"><a class=\"brand\" href=\"/?lang=");
    p.text(lang);
    p.push("\">");
    p.text(&text("site-name"));
    p.push("</a>");
    if definition.languages.len() > 1 {
        p.push("<nav class=\"languages\" aria-label=\"");
        p.text(&text("language-switcher"));
        p.push("\"><ul>");
        for code in &definition.languages {
            p.push("<li><button type=\"button\" disabled lang=\"");
            p.text(code);
            p.push("\" aria-pressed=\"");
            p.push(if code == lang { "true" } else { "false" });
            p.push("\">");
            p.text(&text(&format!("language-{code}")));
            p.push("</button></li>");
        }
        p.push("</ul></nav>");
    }
    p.push("</header><main id=\"main\" tabindex=\"-1\"><h1>");
    p.text(definition.title.get(lang));
    p.push("</h1>");
    // Filled by prerender.js if the app has not taken over after a while (it may be blocked, or
    // the network gone): the person is told, rather than left before buttons that do nothing.
    p.push("<div role=\"status\" id=\"prerender-slow\" data-message=\"");
    p.text(&text("first-paint-slow"));
    p.push("\"></div>");
    // The steps, the first one current (`FormFill`).
    p.push("<ol class=\"steps\" aria-label=\"");
    p.text(&text("steps-label"));
    p.push("\">");
    for (i, s) in steps.iter().enumerate() {
        p.push(if i == 0 {
            "<li aria-current=\"step\">"
        } else {
            "<li>"
        });
        p.text(s.title.get(lang));
        p.push("</li>");
    }
    p.push(
        "</ol><form novalidate><h2 id=\"step-heading\" tabindex=\"-1\"><span class=\"caption\">",
    );
    p.text(&step_of);
    p.push("</span>");
    p.text(step.title.get(lang));
    p.push("</h2>");
    p.fields(&step.fields, "");
    p.push("<div class=\"actions\"><button type=\"submit\" class=\"primary\" disabled>");
    p.text(&text("continue"));
    p.push("</button></div></form><div class=\"save-later\"><button type=\"button\" class=\"secondary\" disabled>");
    p.text(&text("draft-save"));
    p.push("</button></div></main>");
    Some(Drawn {
        form: definition.id.clone(),
        title,
        body: p.out,
    })
}

/// Writes the questions of one step.
struct Page<'a> {
    lang: &'a str,
    /// Today, for date bounds such as `today-18y` (the evaluation's).
    today: forms_core::Date,
    data: &'a Value,
    evaluation: &'a forms_core::Evaluation,
    out: String,
}

impl Page<'_> {
    fn push(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    /// Text, escaped for an element's content or an attribute's value.
    fn text(&mut self, text: &str) {
        escape_into(&mut self.out, text);
    }

    /// ` name="value"`, the value escaped.
    fn attr(&mut self, name: &str, value: &str) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        escape_into(&mut self.out, value);
        self.out.push('"');
    }

    fn message(&self, key: &str) -> String {
        localizer().text(self.lang, key, None)
    }

    fn numbered(&self, key: &str, number: usize) -> String {
        let mut args = FluentArgs::new();
        args.set("number", number);
        localizer().text(self.lang, key, Some(&args))
    }

    /// The label's text, with "(optional)" for a question that may be left out.
    fn label(&mut self, field: &Field) {
        self.text(field.label.get(self.lang));
        if html::is_optional(field) {
            let optional = self.message("optional");
            self.push(" <span class=\"optional\">");
            self.text(&optional);
            self.push("</span>");
        }
    }

    /// The hint under the label, if the question has one.
    fn hint(&mut self, field: &Field, id: &str) {
        if let Some(hint) = &field.hint {
            self.push("<p class=\"hint\"");
            self.attr("id", &format!("{id}-hint"));
            self.push(">");
            self.text(hint.get(self.lang));
            self.push("</p>");
        }
    }

    /// `aria-describedby` of a question with a hint (no error shows before the app).
    fn described_by(&mut self, field: &Field, id: &str) {
        if field.hint.is_some() {
            self.attr("aria-describedby", &format!("{id}-hint"));
        }
    }

    /// A question of several controls, or of several questions: the fieldset's opening, its
    /// legend (the label) and hint.
    fn fieldset(&mut self, class: &str, field: &Field, id: &str) {
        self.push("<fieldset");
        self.attr("class", class);
        self.described_by(field, id);
        self.push("><legend>");
        self.label(field);
        self.push("</legend>");
        self.hint(field, id);
    }

    /// The applicant's questions among `fields`, inside the object at `at`.
    fn fields(&mut self, fields: &[Field], at: &str) {
        for field in fields.iter().filter(|f| f.filled_by == FilledBy::Applicant) {
            self.field(field, &pointer::child(at, &field.key));
        }
    }

    fn field(&mut self, field: &Field, at: &str) {
        if !self.evaluation.is_visible(at) {
            return;
        }
        match field.kind {
            FieldKind::Static => self.static_content(field),
            FieldKind::Group => self.group(field, at),
            FieldKind::Repeatable => self.rows(field, at),
            FieldKind::Computed => self.computed(field, at),
            FieldKind::Select => self.select(field, at),
            FieldKind::Radio | FieldKind::YesNo => self.choices(field, at, false),
            FieldKind::Checkboxes => self.choices(field, at, true),
            _ => self.input(field, at),
        }
    }

    fn static_content(&mut self, field: &Field) {
        let content = field.content.as_ref().map_or("", |c| c.get(self.lang));
        match field.style.unwrap_or_default() {
            StaticStyle::Heading => {
                self.push("<h3>");
                self.text(content);
                self.push("</h3>");
            }
            StaticStyle::Paragraph => {
                self.push("<p>");
                self.text(content);
                self.push("</p>");
            }
            StaticStyle::Link => {
                let new_tab = self.message("opens-new-tab");
                self.push("<p><a");
                self.attr("href", field.href.as_deref().unwrap_or_default());
                self.push(" target=\"_blank\" rel=\"noopener noreferrer\">");
                self.text(content);
                self.push(" ");
                self.text(&new_tab);
                self.push("</a></p>");
            }
        }
    }

    fn group(&mut self, field: &Field, at: &str) {
        let id = field_element_id(at);
        self.fieldset("group", field, &id);
        self.fields(&field.fields, at);
        self.push("</fieldset>");
    }

    fn rows(&mut self, field: &Field, at: &str) {
        let id = field_element_id(at);
        let count = pointer::row_count(self.data, at);
        let least = field.min_items.unwrap_or(u32::from(field.required)) as usize;
        let most = field.max_items.map_or(usize::MAX, |n| n as usize);
        self.fieldset("field rows", field, &id);
        for index in 0..count {
            let row = format!("{at}/{index}");
            let title = self.numbered("row-title", index + 1);
            self.push("<fieldset class=\"row\"><legend>");
            self.text(&title);
            self.push("</legend>");
            self.fields(&field.fields, &row);
            self.push("<div class=\"row-actions\">");
            let actions = [
                ("up", index > 0),
                ("down", index + 1 < count),
                ("remove", count > least),
            ];
            for (action, _) in actions.into_iter().filter(|(_, shown)| *shown) {
                let label = self.numbered(&format!("row-{action}"), index + 1);
                self.push("<button type=\"button\" class=\"secondary\" disabled");
                self.attr("id", &format!("{}--{action}", field_element_id(&row)));
                self.push(">");
                self.text(&label);
                self.push("</button>");
            }
            self.push("</div></fieldset>");
        }
        if count < most {
            let add = self.message("row-add");
            self.push("<button type=\"button\" class=\"secondary\" disabled");
            self.attr("id", &id);
            self.push(">");
            self.text(&add);
            self.push("</button>");
        }
        self.push("</fieldset>");
    }

    fn computed(&mut self, field: &Field, at: &str) {
        // A text or a yes/no as the app shows it; a number waits for the app, which writes it
        // in the person's locale.
        let value = match self.evaluation.computed.get(at) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Bool(b)) => self.message(if *b { "yes" } else { "no" }),
            _ => String::new(),
        };
        self.push("<p class=\"field computed\"><span class=\"label\">");
        self.text(field.label.get(self.lang));
        self.push("</span> <strong>");
        self.text(&value);
        self.push("</strong></p>");
    }

    /// The opening of a question's `div.field`, its label and hint.
    fn labelled(&mut self, field: &Field, id: &str) {
        self.push("<div class=\"field\"><label");
        self.attr("for", id);
        self.push(">");
        self.label(field);
        self.push("</label>");
        self.hint(field, id);
    }

    /// The attributes every control has: id, name, its description, `data-pointer`.
    fn control_attrs(&mut self, field: &Field, id: &str, name: &str, at: &str) {
        self.attr("id", id);
        self.attr("name", name);
        self.described_by(field, id);
        self.push(" aria-invalid=\"false\"");
        self.attr("data-pointer", at);
    }

    fn select(&mut self, field: &Field, at: &str) {
        let id = field_element_id(at);
        let chosen = pointer::get(self.data, at).and_then(Value::as_str);
        let choose = self.message("choose");
        self.labelled(field, &id);
        self.push("<select");
        self.control_attrs(field, &id, at, at);
        self.push("><option value=\"\"");
        if chosen.is_none_or(str::is_empty) {
            self.push(" selected");
        }
        self.push(">");
        self.text(&choose);
        self.push("</option>");
        for option in &field.options {
            self.push("<option");
            self.attr("value", &option.value);
            if chosen == Some(option.value.as_str()) {
                self.push(" selected");
            }
            self.push(">");
            self.text(option.label.get(self.lang));
            self.push("</option>");
        }
        self.push("</select></div>");
    }

    fn choices(&mut self, field: &Field, at: &str, multiple: bool) {
        let id = field_element_id(at);
        let answer = pointer::get(self.data, at);
        let yes_no = field.kind == FieldKind::YesNo;
        let choices: Vec<(Value, String)> = if yes_no {
            vec![
                (Value::Bool(true), self.message("yes")),
                (Value::Bool(false), self.message("no")),
            ]
        } else {
            field
                .options
                .iter()
                .map(|o| {
                    (
                        Value::String(o.value.clone()),
                        o.label.get(self.lang).to_owned(),
                    )
                })
                .collect()
        };
        self.fieldset("field", field, &id);
        self.push("<div class=\"choices\">");
        for (index, (value, label)) in choices.iter().enumerate() {
            let choice = choice_id(&id, index);
            let checked = match answer {
                Some(Value::Array(chosen)) => chosen.contains(value),
                other => other == Some(value),
            };
            self.push("<div class=\"choice\"><input");
            self.push(if multiple {
                " type=\"checkbox\""
            } else {
                " type=\"radio\""
            });
            self.attr("id", &choice);
            self.attr(
                "value",
                match value {
                    Value::String(s) => s,
                    Value::Bool(true) => "true",
                    _ => "false",
                },
            );
            self.attr("name", &id);
            if checked {
                self.push(" checked");
            }
            self.attr("data-pointer", at);
            if yes_no {
                self.push(" data-yes-no");
            }
            self.push("><label");
            self.attr("for", &choice);
            self.push(">");
            self.text(label);
            self.push("</label></div>");
        }
        self.push("</div></fieldset>");
    }

    /// A question typed into (one line or several), or a file: disabled until the app, which
    /// reads the file's name, type and size.
    fn input(&mut self, field: &Field, at: &str) {
        let id = field_element_id(at);
        let value = pointer::get(self.data, at)
            .and_then(Value::as_str)
            .unwrap_or_default();
        let placeholder = field.placeholder.as_ref().map(|p| p.get(self.lang));
        self.labelled(field, &id);
        if field.kind == FieldKind::File {
            self.push("<input type=\"file\"");
            self.attr("id", &id);
            self.attr("name", at);
            if !field.media_types.is_empty() {
                self.attr("accept", &field.media_types.join(","));
            }
            self.described_by(field, &id);
            self.push(" aria-invalid=\"false\" disabled></div>");
            return;
        }
        if html::multiline(field) {
            self.push("<textarea");
            self.control_attrs(field, &id, at, at);
            self.push(" rows=\"6\"");
            self.attr("spellcheck", html::spellcheck(field));
            if let Some(placeholder) = placeholder {
                self.attr("placeholder", placeholder);
            }
            // A newline right after the tag is dropped by the parser: one is given, so a value
            // that starts with a newline keeps it.
            self.push(">\n");
            self.text(value);
            self.push("</textarea></div>");
            return;
        }
        let (kind, inputmode) = html::input_kind(field);
        self.push("<input");
        self.attr("type", kind);
        if let Some(mode) = inputmode {
            self.attr("inputmode", mode);
        }
        if let Some(token) = html::autocomplete(field, at) {
            self.attr("autocomplete", token);
        }
        self.attr("spellcheck", html::spellcheck(field));
        self.control_attrs(field, &id, at, at);
        if field.kind == FieldKind::Date {
            for (name, bound) in [("min", field.min_date), ("max", field.max_date)] {
                if let Some(date) = bound.and_then(|b| b.resolve(self.today)) {
                    self.attr(name, &date.to_string());
                }
            }
        }
        if let Some(placeholder) = placeholder {
            self.attr("placeholder", placeholder);
        }
        if !value.is_empty() {
            self.attr("value", value);
        }
        self.push("></div>");
    }
}

/// Appends `text` with `&`, `<`, `>`, `"` and `'` escaped: safe as content and as a quoted
/// attribute's value.
fn escape_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_content_and_attributes() {
        let mut out = String::new();
        escape_into(&mut out, r#"<a href="x">Tom & 'Jerry'</a>"#);
        assert_eq!(
            out,
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn the_language_is_the_apps_choice() {
        assert_eq!(page_language(Some("lang=pl"), Some("en-GB,en")), "pl");
        assert_eq!(page_language(None, Some("en-GB,en;q=0.9")), "en");
        // The app reads the browser's first language only, and falls back to Bulgarian.
        assert_eq!(page_language(None, Some("de-DE,en;q=0.9")), "bg");
        assert_eq!(page_language(None, None), "bg");
    }

    #[test]
    fn the_drawing_goes_into_the_body_with_language_and_title() {
        let index = "<!DOCTYPE html><html lang=\"bg\"><head><title>eForms</title></head><body><noscript>x</noscript></body></html>";
        let drawn = Drawn {
            form: "x&y".to_owned(),
            title: "Step 1 & more".to_owned(),
            body: "<main></main>".to_owned(),
        };
        assert_eq!(
            into_index(index, "en", false, &drawn),
            "<!DOCTYPE html><html lang=\"en\"><head><title>Step 1 &amp; more</title></head><body><noscript>x</noscript><div id=\"prerender\" data-form=\"x&amp;y\"><main></main></div></body></html>"
        );
        assert!(
            into_index(index, "pl", true, &drawn)
                .starts_with("<!DOCTYPE html><html lang=\"pl\" class=\"embedded\"><head>")
        );
    }
}
