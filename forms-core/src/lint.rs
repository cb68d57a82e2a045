//! Lint: everything that can be wrong with a definition, found before it is published.
//!
//! Each finding is a [`Diagnostic`]: a JSON Pointer into the definition, a stable code, and a
//! message for the administration's developer (these are developer diagnostics, like a
//! compiler's, and are written in English). The command line prints them one per line as
//! `file: /pointer: code: message`; the server refuses to serve a definition that has any.
//! The JSON Schema check (`schema`) is done by the command line and the server with the
//! `jsonschema` crate, before these.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use crate::date::Date;
use crate::definition::{Definition, FORMAT, FeeAmount, Field, FieldKind, LocalizedText};
use crate::evaluate::check_answer;
use crate::i18n::LANGUAGES;
use crate::logic::{Expr, VarRef};
use crate::number::Decimal;

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Where: a JSON Pointer into the definition (`""` for the whole file).
    pub pointer: String,
    /// What kind of problem, stable for tools: `json`, `translation`, `reference`, …
    pub code: &'static str,
    /// What is wrong, for the developer.
    pub message: String,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}: {}", self.pointer, self.code, self.message)
    }
}

/// The statuses every submission has; a lifecycle extension adds to them.
pub use crate::lifecycle::DEFAULT_STATUSES;

/// Parses and lints a definition's text: a JSON syntax error (with line and column) or a shape
/// error stops there; otherwise every finding of [`lint`].
pub fn lint_text(text: &str) -> (Option<Definition>, Vec<Diagnostic>) {
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
        let message = format!("line {} column {}: {e}", e.line(), e.column());
        return (None, vec![diagnostic("", "json", message)]);
    }
    match serde_json::from_str::<Definition>(text) {
        Ok(definition) => {
            let found = lint(&definition);
            (Some(definition), found)
        }
        Err(e) => {
            let message = format!("line {} column {}: {e}", e.line(), e.column());
            (None, vec![diagnostic("", "shape", message)])
        }
    }
}

fn diagnostic(
    pointer: impl Into<String>,
    code: &'static str,
    message: impl Into<String>,
) -> Diagnostic {
    Diagnostic {
        pointer: pointer.into(),
        code,
        message: message.into(),
    }
}

/// Every finding in a parsed definition, in document order.
pub fn lint(definition: &Definition) -> Vec<Diagnostic> {
    let mut lint = Lint {
        definition,
        found: Vec::new(),
        graph: BTreeMap::new(),
    };
    lint.run();
    lint.found
}

/// A place a field's data lives, as dotted keys with `*` for rows: `operations.*.register`.
type DataPath = String;

struct Lint<'d> {
    definition: &'d Definition,
    found: Vec<Diagnostic>,
    /// What each conditional or computed field depends on, with the pointer of its expression.
    graph: BTreeMap<DataPath, (String, BTreeSet<DataPath>)>,
}

/// Where an expression sits: inside which repeatable group (its rows' data path and its
/// fields), if any.
#[derive(Clone)]
struct Place<'d> {
    row: Option<(DataPath, &'d [Field])>,
}

impl<'d> Lint<'d> {
    fn report(
        &mut self,
        pointer: impl Into<String>,
        code: &'static str,
        message: impl Into<String>,
    ) {
        self.found.push(diagnostic(pointer, code, message));
    }

    fn run(&mut self) {
        let d = self.definition;
        if d.format != FORMAT {
            self.report(
                "/format",
                "format",
                format!(
                    "format {} is not supported (this runtime reads {FORMAT})",
                    d.format
                ),
            );
        }
        if d.id.is_empty()
            || !d
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            self.report("/id", "id", "must be lower-case letters, digits and dashes");
        }
        if d.version.trim().is_empty() {
            self.report("/version", "version", "must not be empty");
        }
        if d.languages.is_empty() {
            self.report(
                "/languages",
                "language",
                "at least one language is required",
            );
        }
        let mut seen = BTreeSet::new();
        for (i, lang) in d.languages.iter().enumerate() {
            if !LANGUAGES.contains(&lang.as_str()) {
                self.report(
                    format!("/languages/{i}"),
                    "language",
                    format!(
                        "unknown language {lang:?} (known: {})",
                        LANGUAGES.join(", ")
                    ),
                );
            }
            if !seen.insert(lang) {
                self.report(
                    format!("/languages/{i}"),
                    "duplicate",
                    format!("language {lang:?} listed twice"),
                );
            }
        }
        self.text("/title", Some(&d.title));
        self.text("/description", d.description.as_ref());
        if let Some(service) = &d.service {
            self.text("/service/provider", Some(&service.provider));
            if let Some(eik) = &service.provider_eik
                && crate::identifier::Scheme::Eik.validate(eik).is_err()
            {
                self.report(
                    "/service/provider_eik",
                    "identifier",
                    format!("{eik:?} is not a valid EIK"),
                );
            }
        }
        self.fee();
        self.lifecycle();
        if d.steps.is_empty() {
            self.report("/steps", "empty", "at least one step is required");
        }
        let mut step_ids = BTreeSet::new();
        let all: Vec<&Field> = d.fields().collect();
        self.duplicate_keys(&all, |s| {
            // Pointer of the i-th top-level field across steps.
            let mut i = s;
            for (si, step) in d.steps.iter().enumerate() {
                if i < step.fields.len() {
                    return format!("/steps/{si}/fields/{i}/key");
                }
                i -= step.fields.len();
            }
            String::new()
        });
        for (s, step) in d.steps.iter().enumerate() {
            if !step_ids.insert(&step.id) {
                self.report(
                    format!("/steps/{s}/id"),
                    "duplicate",
                    format!("step id {:?} used twice", step.id),
                );
            }
            self.text(&format!("/steps/{s}/title"), Some(&step.title));
            self.fields(
                &step.fields,
                &format!("/steps/{s}/fields"),
                "",
                &Place { row: None },
                true,
            );
        }
        self.rules();
        self.cycles();
    }

    /// Every offered language must have a non-empty text.
    fn text(&mut self, pointer: &str, text: Option<&LocalizedText>) {
        let Some(text) = text else { return };
        for lang in &self.definition.languages {
            if text.0.get(lang).is_none_or(|t| t.trim().is_empty()) {
                self.report(
                    format!("{pointer}/{lang}"),
                    "translation",
                    format!("missing text in {lang}, a language the form offers"),
                );
            }
        }
    }

    fn duplicate_keys(&mut self, fields: &[&Field], pointer: impl Fn(usize) -> String) {
        let mut keys = BTreeSet::new();
        for (i, field) in fields.iter().enumerate() {
            if !keys.insert(&field.key) {
                self.report(
                    pointer(i),
                    "duplicate",
                    format!("key {:?} used twice at this level", field.key),
                );
            }
        }
    }

    fn fields(&mut self, fields: &'d [Field], at: &str, data: &str, place: &Place<'d>, top: bool) {
        if !top {
            let refs: Vec<&Field> = fields.iter().collect();
            self.duplicate_keys(&refs, |i| format!("{at}/{i}/key"));
        }
        for (i, field) in fields.iter().enumerate() {
            let at = format!("{at}/{i}");
            let data_path = if data.is_empty() {
                field.key.clone()
            } else {
                format!("{data}.{}", field.key)
            };
            self.field(field, &at, &data_path, place);
            if field.kind.has_fields() {
                let (inner, inner_data) = if field.kind == FieldKind::Repeatable {
                    let rows = format!("{data_path}.*");
                    (
                        Place {
                            row: Some((rows.clone(), field.fields.as_slice())),
                        },
                        rows,
                    )
                } else {
                    (place.clone(), data_path.clone())
                };
                self.fields(
                    &field.fields,
                    &format!("{at}/fields"),
                    &inner_data,
                    &inner,
                    false,
                );
            }
        }
    }

    fn field(&mut self, field: &'d Field, at: &str, data_path: &str, place: &Place<'d>) {
        let kind = field.kind;
        let mut chars = field.key.chars();
        if !(chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_'))
        {
            self.report(
                format!("{at}/key"),
                "key",
                "must be a letter, then letters, digits or _",
            );
        }
        if kind == FieldKind::Static {
            if field.content.is_none() {
                self.report(
                    format!("{at}/content"),
                    "missing",
                    "a static field needs content",
                );
            }
            self.text(&format!("{at}/content"), field.content.as_ref());
            if field.style == Some(crate::definition::StaticStyle::Link)
                && field.href.as_deref().is_none_or(|h| !is_safe_href(h))
            {
                self.report(
                    format!("{at}/href"),
                    "missing",
                    "a link needs an href starting with https:// or with one / (a page of this site)",
                );
            }
        } else {
            if field.label.is_empty() {
                self.report(format!("{at}/label"), "missing", "the field needs a label");
            }
            self.text(
                &format!("{at}/label"),
                (!field.label.is_empty()).then_some(&field.label),
            );
        }
        self.text(&format!("{at}/hint"), field.hint.as_ref());
        self.text(&format!("{at}/placeholder"), field.placeholder.as_ref());
        self.text(
            &format!("{at}/pattern_message"),
            field.pattern_message.as_ref(),
        );

        // Which options belong to which type.
        let misplaced = |present: bool, allowed: bool| present && !allowed;
        let checks: [(&str, bool, bool); 18] = [
            ("min_length", field.min_length.is_some(), kind.is_text()),
            ("max_length", field.max_length.is_some(), kind.is_text()),
            ("pattern", field.pattern.is_some(), kind.is_text()),
            (
                "pattern_message",
                field.pattern_message.is_some(),
                field.pattern.is_some(),
            ),
            (
                "min",
                field.min.is_some(),
                matches!(kind, FieldKind::Number | FieldKind::Amount),
            ),
            (
                "max",
                field.max.is_some(),
                matches!(kind, FieldKind::Number | FieldKind::Amount),
            ),
            (
                "decimals",
                field.decimals.is_some(),
                matches!(kind, FieldKind::Number | FieldKind::Amount),
            ),
            (
                "min_date",
                field.min_date.is_some(),
                kind == FieldKind::Date,
            ),
            (
                "max_date",
                field.max_date.is_some(),
                kind == FieldKind::Date,
            ),
            ("options", !field.options.is_empty(), kind.has_options()),
            (
                "min_items",
                field.min_items.is_some(),
                matches!(kind, FieldKind::Checkboxes | FieldKind::Repeatable),
            ),
            (
                "max_items",
                field.max_items.is_some(),
                matches!(kind, FieldKind::Checkboxes | FieldKind::Repeatable),
            ),
            (
                "scheme",
                field.scheme.is_some(),
                kind == FieldKind::Identifier,
            ),
            (
                "country",
                field.country.is_some(),
                kind == FieldKind::Phone
                    || matches!(
                        field.scheme,
                        Some(crate::identifier::Scheme::Phone | crate::identifier::Scheme::Iban)
                    ),
            ),
            (
                "media_types",
                !field.media_types.is_empty(),
                kind == FieldKind::File,
            ),
            (
                "max_size",
                field.max_size.is_some(),
                kind == FieldKind::File,
            ),
            ("fields", !field.fields.is_empty(), kind.has_fields()),
            (
                "expression",
                field.expression.is_some(),
                kind == FieldKind::Computed,
            ),
        ];
        for (name, present, allowed) in checks {
            if misplaced(present, allowed) {
                self.report(
                    format!("{at}/{name}"),
                    "property",
                    format!("{name} does not apply to a {} field", kind_name(kind)),
                );
            }
        }
        for (name, present) in [
            ("content", field.content.is_some()),
            ("style", field.style.is_some()),
            ("href", field.href.is_some()),
        ] {
            if present && kind != FieldKind::Static {
                self.report(
                    format!("{at}/{name}"),
                    "property",
                    format!("{name} belongs to static fields"),
                );
            }
        }
        if !kind.is_input()
            && (field.required || field.required_if.is_some())
            && kind != FieldKind::Repeatable
        {
            self.report(
                format!("{at}/required"),
                "property",
                format!(
                    "a {} field asks nothing, so it cannot be required",
                    kind_name(kind)
                ),
            );
        }
        if !kind.is_input() && field.default.is_some() {
            self.report(
                format!("{at}/default"),
                "property",
                format!("a {} field has no default", kind_name(kind)),
            );
        }

        // What each type needs.
        let missing = match kind {
            FieldKind::Identifier if field.scheme.is_none() => {
                Some(("scheme", "an identifier field needs a scheme"))
            }
            FieldKind::Select | FieldKind::Radio | FieldKind::Checkboxes
                if field.options.is_empty() =>
            {
                Some(("options", "a choice field needs options"))
            }
            FieldKind::Group | FieldKind::Repeatable if field.fields.is_empty() => {
                Some(("fields", "a group needs fields"))
            }
            FieldKind::Computed if field.expression.is_none() => {
                Some(("expression", "a computed field needs an expression"))
            }
            _ => None,
        };
        if let Some((name, message)) = missing {
            self.report(format!("{at}/{name}"), "missing", message);
        }
        let iban = field.scheme == Some(crate::identifier::Scheme::Iban);
        if let Some(country) = &field.country {
            if iban && !crate::identifier::bank::is_iban_country(country) {
                self.report(
                    format!("{at}/country"),
                    "property",
                    format!("{country:?} is not a country of the IBAN registry"),
                );
            } else if !iban && !crate::identifier::net::PHONE_COUNTRIES.contains(&country.as_str())
            {
                self.report(
                    format!("{at}/country"),
                    "property",
                    format!("phone numbers can be restricted to BG, PL or AZ, not {country:?}"),
                );
            }
        }

        // Bounds.
        let pairs = [
            (
                "min_length",
                field.min_length.map(f64::from),
                field.max_length.map(f64::from),
            ),
            ("min", field.min, field.max),
            (
                "min_items",
                field.min_items.map(f64::from),
                field.max_items.map(f64::from),
            ),
        ];
        for (name, low, high) in pairs {
            if let (Some(low), Some(high)) = (low, high)
                && low > high
            {
                self.report(
                    format!("{at}/{name}"),
                    "bounds",
                    "the lower bound is above the upper bound",
                );
            }
        }
        if field.max_length == Some(0) || field.max_items == Some(0) {
            self.report(
                at.to_owned(),
                "bounds",
                "an upper bound of 0 allows nothing",
            );
        }
        // Bounds relative to today keep their order whatever the day; any day will do.
        let today = Date::parse("2026-01-01");
        if let (Some(low), Some(high), Some(today)) = (field.min_date, field.max_date, today)
            && let (Some(low), Some(high)) = (low.resolve(today), high.resolve(today))
            && low > high
        {
            self.report(
                format!("{at}/min_date"),
                "bounds",
                "the earliest date is after the latest",
            );
        }

        // Options and patterns.
        let mut values = BTreeSet::new();
        for (o, option) in field.options.iter().enumerate() {
            if !values.insert(&option.value) {
                self.report(
                    format!("{at}/options/{o}/value"),
                    "duplicate-option",
                    format!("option value {:?} used twice", option.value),
                );
            }
            if option.value.trim().is_empty() || option.value.trim() != option.value {
                self.report(
                    format!("{at}/options/{o}/value"),
                    "option",
                    "an option value must be non-blank, without surrounding spaces",
                );
            }
            self.text(&format!("{at}/options/{o}/label"), Some(&option.label));
        }
        if let Some(pattern) = &field.pattern
            && let Err(e) = pattern.compiled()
        {
            self.report(
                format!("{at}/pattern"),
                "pattern",
                format!("does not compile: {e}"),
            );
        }

        // A default must itself be a valid answer.
        if let (Some(default), Some(today)) = (&field.default, Date::parse("2026-01-01"))
            && kind.is_input()
            && let Err((code, _)) = check_answer(field, default, today)
        {
            self.report(
                format!("{at}/default"),
                "default",
                format!("not a valid answer for this field ({})", code.as_str()),
            );
        }

        // Expressions: compile, references, dependencies.
        let mut depends = BTreeSet::new();
        for (name, expr) in [
            ("visible_if", &field.visible_if),
            ("required_if", &field.required_if),
            ("expression", &field.expression),
        ] {
            if let Some(expr) = expr {
                depends.extend(self.expr(expr, &format!("{at}/{name}"), place));
            }
        }
        if field.visible_if.as_ref().is_some_and(never_holds)
            && (field.required || field.required_if.is_some())
        {
            self.report(
                format!("{at}/visible_if"),
                "never-visible",
                "a required field whose condition can never hold",
            );
        }
        if !depends.is_empty() {
            self.graph
                .insert(data_path.to_owned(), (at.to_owned(), depends));
        }
    }

    /// Checks an expression: it compiles and every path it reads exists. Returns the data
    /// paths it depends on.
    fn expr(&mut self, expr: &Expr, at: &str, place: &Place<'d>) -> BTreeSet<DataPath> {
        let mut depends = BTreeSet::new();
        if let Err(e) = expr.compiled() {
            self.report(at.to_owned(), "logic", format!("does not compile: {e}"));
            return depends;
        }
        for var in expr.vars() {
            match self.resolve(&var, place) {
                Ok(Some(path)) => {
                    depends.insert(path);
                }
                Ok(None) => {}
                Err(message) => self.report(at.to_owned(), "reference", message),
            }
        }
        depends
    }

    /// The data path a `var` reads, `None` when it cannot be known statically (inside `some` and
    /// the like), or why it reads nothing.
    fn resolve(&self, var: &VarRef, place: &Place<'d>) -> Result<Option<DataPath>, String> {
        if var.depth > 0 || var.path.is_empty() {
            return Ok(None);
        }
        let mut segments = var.path.split('.');
        let first = segments.next().unwrap_or("");
        let (mut fields, mut prefix): (Vec<&Field>, String) = match first {
            "$index" if place.row.is_some() => return Ok(None),
            "$row" => match &place.row {
                Some((row_path, row_fields)) => (row_fields.iter().collect(), row_path.clone()),
                None => {
                    return Err(format!(
                        "{:?}: $row is only known inside a repeatable group",
                        var.path
                    ));
                }
            },
            _ => {
                segments = var.path.split('.');
                (self.definition.fields().collect(), String::new())
            }
        };
        let mut resolved: Option<&Field> = None;
        while let Some(segment) = segments.next() {
            if let Some(field) = resolved {
                match field.kind {
                    FieldKind::Repeatable | FieldKind::Checkboxes
                        if segment.parse::<usize>().is_ok() =>
                    {
                        if field.kind == FieldKind::Checkboxes {
                            return finish(segments.next(), &var.path, prefix);
                        }
                        prefix.push_str(".*");
                        fields = field.fields.iter().collect();
                        resolved = None;
                        continue;
                    }
                    FieldKind::File if ["name", "media_type", "size", "id"].contains(&segment) => {
                        return finish(segments.next(), &var.path, prefix);
                    }
                    FieldKind::Identifier
                        if field.scheme == Some(crate::identifier::Scheme::Csr)
                            && ["cn", "pem"].contains(&segment) =>
                    {
                        return finish(segments.next(), &var.path, prefix);
                    }
                    FieldKind::Group => fields = field.fields.iter().collect(),
                    _ => {
                        return Err(format!(
                            "{:?}: {segment:?} is inside {:?}, which holds no fields",
                            var.path, field.key
                        ));
                    }
                }
            }
            let Some(field) = fields.iter().find(|f| f.key == segment).copied() else {
                return Err(format!("{:?}: no field {segment:?} here", var.path));
            };
            prefix = if prefix.is_empty() {
                field.key.clone()
            } else {
                format!("{prefix}.{}", field.key)
            };
            resolved = Some(field);
        }
        Ok(Some(prefix))
    }

    fn rules(&mut self) {
        let d = self.definition;
        let mut ids = BTreeSet::new();
        for (r, rule) in d.rules.iter().enumerate() {
            let at = format!("/rules/{r}");
            if !ids.insert(&rule.id) {
                self.report(
                    format!("{at}/id"),
                    "duplicate",
                    format!("rule id {:?} used twice", rule.id),
                );
            }
            self.text(&format!("{at}/message"), Some(&rule.message));
            let star = rule.path.matches("/*").count();
            let target = d.field_at(&rule.path);
            if target.is_none() || star > 1 {
                self.report(
                    format!("{at}/path"),
                    "reference",
                    format!("{:?} is not the path of a field", rule.path),
                );
                continue;
            }
            // The row the rule is checked in, if it has one.
            let place = match rule.path.split_once("/*") {
                Some((rows, _)) => match d.field_at(rows) {
                    Some(f) if f.kind == FieldKind::Repeatable => Place {
                        row: Some((
                            rows.trim_start_matches('/').replace('/', ".") + ".*",
                            f.fields.as_slice(),
                        )),
                    },
                    _ => {
                        self.report(
                            format!("{at}/path"),
                            "reference",
                            "`*` must stand for the rows of a repeatable group",
                        );
                        continue;
                    }
                },
                None => {
                    if rule.path.split('/').any(|s| s.parse::<usize>().is_ok()) {
                        self.report(
                            format!("{at}/path"),
                            "reference",
                            "use `*` for the rows of a repeatable group, not a row number",
                        );
                    }
                    Place { row: None }
                }
            };
            self.expr(&rule.check, &format!("{at}/check"), &place);
        }
    }

    fn fee(&mut self) {
        let Some(fee) = &self.definition.fee else {
            return;
        };
        if fee.currency.len() != 3 || !fee.currency.bytes().all(|b| b.is_ascii_uppercase()) {
            self.report(
                "/fee/currency",
                "fee",
                "must be an ISO 4217 code such as BGN or EUR",
            );
        }
        match &fee.amount {
            FeeAmount::Fixed(text) => {
                if Decimal::parse(text, 2).is_none_or(|d| !d.is_positive()) {
                    self.report("/fee/amount", "fee", "a fixed fee is a positive decimal string with at most two decimals, like \"10.00\"");
                }
            }
            FeeAmount::Computed(expr) => {
                self.expr(expr, "/fee/amount", &Place { row: None });
            }
        }
    }

    fn lifecycle(&mut self) {
        let Some(lifecycle) = &self.definition.lifecycle else {
            return;
        };
        let mut known: BTreeSet<&str> = DEFAULT_STATUSES.into_iter().collect();
        for (i, status) in lifecycle.statuses.iter().enumerate() {
            let at = format!("/lifecycle/statuses/{i}");
            if status.id.is_empty()
                || !status
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                self.report(
                    format!("{at}/id"),
                    "id",
                    "must be lower-case letters, digits and _",
                );
            }
            if !known.insert(&status.id) {
                self.report(
                    format!("{at}/id"),
                    "duplicate",
                    format!("status {:?} already exists", status.id),
                );
            }
            self.text(&format!("{at}/label"), Some(&status.label));
        }
        for (i, t) in lifecycle.transitions.iter().enumerate() {
            for (name, status) in [("from", &t.from), ("to", &t.to)] {
                if !known.contains(status.as_str()) {
                    self.report(
                        format!("/lifecycle/transitions/{i}/{name}"),
                        "reference",
                        format!("no status {status:?}"),
                    );
                }
            }
        }
        for (i, deadline) in lifecycle.deadlines.iter().enumerate() {
            let at = format!("/lifecycle/deadlines/{i}");
            if !known.contains(deadline.from.as_str()) {
                self.report(
                    format!("{at}/from"),
                    "reference",
                    format!("no status {:?}", deadline.from),
                );
            }
            for (j, to) in deadline.to.iter().enumerate() {
                if !known.contains(to.as_str()) {
                    self.report(
                        format!("{at}/to/{j}"),
                        "reference",
                        format!("no status {to:?}"),
                    );
                }
            }
            if deadline.days == 0 {
                self.report(
                    format!("{at}/days"),
                    "bounds",
                    "a deadline needs at least one day",
                );
            }
        }
    }

    /// Reports each cycle among conditions and computed values once.
    fn cycles(&mut self) {
        // A field depends on what its expressions read; a group or row depends on its fields.
        let depends_on = |path: &str| -> Vec<String> {
            let mut out: Vec<String> = self
                .graph
                .get(path)
                .map(|(_, d)| d.iter().cloned().collect())
                .unwrap_or_default();
            // Reading a group reads everything inside it.
            out.extend(
                self.graph
                    .keys()
                    .filter(|k| k.starts_with(&format!("{path}.")))
                    .cloned(),
            );
            out
        };
        let nodes: Vec<String> = self.graph.keys().cloned().collect();
        let mut reported = BTreeSet::new();
        for start in &nodes {
            // Depth-first search for a way back to `start`.
            let mut stack = vec![(start.clone(), vec![start.clone()])];
            let mut visited = BTreeSet::new();
            while let Some((node, trail)) = stack.pop() {
                for next in depends_on(&node) {
                    if &next == start {
                        let mut members = trail.clone();
                        members.sort();
                        if reported.insert(members) {
                            let at = self
                                .graph
                                .get(start)
                                .map(|(at, _)| at.clone())
                                .unwrap_or_default();
                            self.found.push(diagnostic(at, "cycle", format!("conditions or computed values depend on each other: {} → {start}", trail.join(" → "))));
                        }
                    } else if visited.insert(next.clone()) && self.graph.contains_key(&next) {
                        let mut trail = trail.clone();
                        trail.push(next.clone());
                        stack.push((next, trail));
                    }
                }
            }
        }
    }
}

fn finish(rest: Option<&str>, path: &str, prefix: String) -> Result<Option<DataPath>, String> {
    match rest {
        None => Ok(Some(prefix)),
        Some(extra) => Err(format!("{path:?}: nothing inside at {extra:?}")),
    }
}

/// Whether a condition is false whatever the data: it reads nothing and is falsy.
fn never_holds(expr: &Expr) -> bool {
    if !expr.vars().is_empty() {
        return false;
    }
    !crate::logic::Scope::new(&Value::Object(Default::default())).holds(expr)
        && expr.compiled().is_ok()
}

fn kind_name(kind: FieldKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Whether a static link's `href` goes where a citizen can trust: an `https://` address, or a
/// path of this site (`/…`, but not `//host`, nor `/\host`, which browsers read as another host).
fn is_safe_href(href: &str) -> bool {
    href.starts_with("https://")
        || (href.starts_with('/') && !href.starts_with("//") && !href.starts_with("/\\"))
}
