//! The engine end to end: conditions, rows, rules, computed values, fees, cleaning.

use forms_core::{CompiledForm, Context, Date, Definition, ErrorCode, compile, evaluate};
use serde_json::{Value, json};

fn form(fields: Value, extra: Value) -> CompiledForm {
    let mut definition = json!({
        "format": 1, "id": "t", "version": "1", "languages": ["en"],
        "title": {"en": "T"},
        "steps": [{"id": "s", "title": {"en": "S"}, "fields": fields}]
    });
    if let (Value::Object(d), Value::Object(e)) = (&mut definition, extra) {
        d.extend(e);
    }
    let definition = Definition::from_json(&definition.to_string()).expect("parses");
    let findings = forms_core::lint::lint(&definition);
    assert!(findings.is_empty(), "{findings:?}");
    compile(definition).expect("compiles")
}

fn context() -> Context {
    Context {
        today: Date::parse("2026-11-23").expect("date"),
        lang: "en".into(),
    }
}

fn codes(form: &CompiledForm, data: Value) -> Vec<(String, ErrorCode)> {
    evaluate(form, &data, &context())
        .errors
        .into_iter()
        .map(|e| (e.path, e.code))
        .collect()
}

fn label() -> Value {
    json!({"en": "L"})
}

#[test]
fn hidden_fields_are_not_required_and_their_answers_are_dropped() {
    let f = form(
        json!([
            {"key": "kind", "type": "radio", "label": label(), "required": true,
             "options": [{"value": "person", "label": label()}, {"value": "company", "label": label()}]},
            {"key": "eik", "type": "identifier", "scheme": "eik", "label": label(), "required": true,
             "visible_if": {"==": [{"var": "kind"}, "company"]}}
        ]),
        json!({}),
    );
    let ev = evaluate(&f, &json!({"kind": "person", "eik": "garbage"}), &context());
    assert!(ev.is_valid(), "{:?}", ev.errors);
    assert!(!ev.is_visible("/eik"));
    assert_eq!(Value::Object(ev.cleaned), json!({"kind": "person"}));
    assert_eq!(
        codes(&f, json!({"kind": "company"})),
        [("/eik".to_owned(), ErrorCode::Required)]
    );
}

#[test]
fn rows_have_their_own_conditions_and_bounds() {
    let f = form(
        json!([
            {"key": "ops", "type": "repeatable", "label": label(), "min_items": 1, "max_items": 2,
             "fields": [
                {"key": "register", "type": "text", "label": label(), "required": true},
                {"key": "basis", "type": "text", "label": label(),
                 "required_if": {"==": [{"var": "$row.register"}, "NRA"]}}
             ]}
        ]),
        json!({}),
    );
    assert_eq!(
        codes(&f, json!({"ops": []})),
        [("/ops".to_owned(), ErrorCode::Required)]
    );
    assert_eq!(
        codes(
            &f,
            json!({"ops": [{"register": "NRA"}, {"register": "GRAO"}]})
        ),
        [("/ops/0/basis".to_owned(), ErrorCode::Required)]
    );
    assert_eq!(
        codes(&f, json!({"ops": [{}, {}, {}]}))[0],
        ("/ops".to_owned(), ErrorCode::TooMany)
    );
}

#[test]
fn rules_report_on_their_field_after_its_own_checks() {
    let f = form(
        json!([
            {"key": "start", "type": "date", "label": label(), "required": true},
            {"key": "end", "type": "date", "label": label(), "required": true}
        ]),
        json!({"rules": [{"id": "order", "path": "/end",
                          "check": {"<": [{"var": "start"}, {"var": "end"}]},
                          "message": {"en": "The end must be after the start."}}]}),
    );
    assert_eq!(
        codes(&f, json!({"start": "2026-02-01", "end": "2026-01-01"})),
        [("/end".to_owned(), ErrorCode::Rule)]
    );
    // A missing end is reported as missing, not also as a broken rule.
    assert_eq!(
        codes(&f, json!({"start": "2026-02-01"})),
        [("/end".to_owned(), ErrorCode::Required)]
    );
    assert!(codes(&f, json!({"start": "2026-01-01", "end": "2026-02-01"})).is_empty());
}

#[test]
fn computed_values_and_fees_follow_the_data() {
    let f = form(
        json!([
            {"key": "copies", "type": "number", "label": label(), "decimals": 0, "min": 1},
            {"key": "total", "type": "computed", "label": label(),
             "expression": {"*": [{"var": "copies"}, 2.5]}}
        ]),
        json!({"fee": {"currency": "BGN", "amount": {"var": "total"}}}),
    );
    let ev = evaluate(&f, &json!({"copies": "3"}), &context());
    assert!(ev.is_valid(), "{:?}", ev.errors);
    assert_eq!(ev.cleaned["copies"], json!(3));
    assert_eq!(ev.computed["/total"], json!(7.5));
    let fee = ev.fee.expect("a fee");
    assert_eq!(
        (fee.amount.as_str(), fee.currency.as_str()),
        ("7.50", "BGN")
    );
    assert_eq!(
        codes(&f, json!({"copies": 1.5})),
        [("/copies".to_owned(), ErrorCode::Precision)]
    );
    assert_eq!(
        codes(&f, json!({"copies": 0})),
        [("/copies".to_owned(), ErrorCode::TooSmall)]
    );
}

#[test]
fn each_type_checks_and_normalises_its_answer() {
    let f = form(
        json!([
            {"key": "amount", "type": "amount", "label": label(), "max": 10000},
            {"key": "born", "type": "date", "label": label(), "max_date": "today-18y"},
            {"key": "mail", "type": "email", "label": label()},
            {"key": "tel", "type": "phone", "label": label(), "country": "BG"},
            {"key": "systems", "type": "checkboxes", "label": label(), "min_items": 1,
             "options": [{"value": "ncts", "label": label()}, {"value": "emcs", "label": label()}]},
            {"key": "agree", "type": "yes_no", "label": label()},
            {"key": "doc", "type": "file", "label": label(), "media_types": ["application/pdf"],
             "max_size": 1000},
            {"key": "code", "type": "text", "label": label(), "pattern": "[A-Z]{2}\\d{3}"}
        ]),
        json!({}),
    );
    let ev = evaluate(
        &f,
        &json!({
            "amount": "1 000,5", "born": "2008-11-23", "mail": " ivan@egov.bg ",
            "tel": "0888 123 456", "systems": ["emcs", "ncts"], "agree": false,
            "doc": {"name": "a.pdf", "media_type": "application/pdf", "size": 10},
            "code": "BG123"
        }),
        &context(),
    );
    assert!(ev.is_valid(), "{:?}", ev.errors);
    assert_eq!(ev.cleaned["amount"], "1000.50");
    assert_eq!(ev.cleaned["tel"], "+359888123456");
    assert_eq!(ev.cleaned["systems"], json!(["ncts", "emcs"]));
    assert_eq!(ev.cleaned["agree"], false);
    let bad = codes(
        &f,
        json!({
            "amount": "1000.001", "born": "2008-11-24", "mail": "ivan@", "tel": "+48221234567",
            "systems": ["x"], "agree": "yes",
            "doc": {"name": "a.exe", "media_type": "application/x-msdownload", "size": 10},
            "code": "bg123"
        }),
    );
    let expected = [
        ("/amount", ErrorCode::Precision),
        ("/born", ErrorCode::TooLate),
        ("/mail", ErrorCode::Email),
        ("/tel", ErrorCode::IdentifierCountry),
        ("/systems", ErrorCode::Option),
        ("/agree", ErrorCode::Type),
        ("/doc", ErrorCode::FileType),
        ("/code", ErrorCode::Pattern),
    ]
    .map(|(p, c)| (p.to_owned(), c));
    assert_eq!(bad, expected);
}

#[test]
fn any_json_gives_errors_never_a_panic() {
    let f = form(
        json!([{"key": "g", "type": "group", "label": label(), "fields": [
            {"key": "x", "type": "text", "label": label(), "required": true}]}]),
        json!({}),
    );
    for data in [
        json!(null),
        json!(7),
        json!({"g": 1}),
        json!({"g": {"x": []}}),
    ] {
        assert!(!evaluate(&f, &data, &context()).is_valid(), "{data}");
    }
}

/// One case per error code: the answer that gives it, on a field made to give it, with the
/// message parameters it carries. The last assertion makes a new code without a case fail here.
#[test]
fn every_error_code_has_a_case_and_its_parameters() {
    let f = form(
        json!([
            {"key": "name", "type": "text", "label": label(), "required": true,
             "min_length": 2, "max_length": 5, "pattern": "[A-Z]+"},
            {"key": "n", "type": "number", "label": label(), "decimals": 1, "min": 1, "max": 9},
            {"key": "day", "type": "date", "label": label(), "min_date": "2026-01-01",
             "max_date": "today"},
            {"key": "one", "type": "select", "label": label(),
             "options": [{"value": "a", "label": label()}, {"value": "b", "label": label()}]},
            {"key": "many", "type": "checkboxes", "label": label(), "min_items": 2, "max_items": 2,
             "options": [{"value": "a", "label": label()}, {"value": "b", "label": label()},
                         {"value": "c", "label": label()}]},
            {"key": "mail", "type": "email", "label": label()},
            {"key": "doc", "type": "file", "label": label(), "media_types": ["application/pdf"],
             "max_size": 100},
            {"key": "egn", "type": "identifier", "scheme": "egn", "label": label()},
            {"key": "nip", "type": "identifier", "scheme": "nip", "label": label()},
            {"key": "tel", "type": "phone", "label": label(), "country": "BG"},
            {"key": "agree", "type": "yes_no", "label": label()}
        ]),
        json!({
            "fee": {"currency": "BGN", "amount": {"*": [{"var": "n"}, 2]}},
            "rules": [{"id": "agreed", "path": "/agree", "check": {"==": [{"var": "agree"}, true]},
                       "message": {"en": "You must agree."}}]
        }),
    );
    let cases: [(Value, &str, ErrorCode, Value); 24] = [
        (json!({}), "/name", ErrorCode::Required, json!({})),
        (json!({"name": 5}), "/name", ErrorCode::Type, json!({})),
        (
            json!({"name": "A"}),
            "/name",
            ErrorCode::TooShort,
            json!({"min": 2}),
        ),
        (
            json!({"name": "ABCDEF"}),
            "/name",
            ErrorCode::TooLong,
            json!({"max": 5}),
        ),
        (
            json!({"name": "abc"}),
            "/name",
            ErrorCode::Pattern,
            json!({}),
        ),
        (json!({"n": "five"}), "/n", ErrorCode::NotANumber, json!({})),
        (
            json!({"n": "1.25"}),
            "/n",
            ErrorCode::Precision,
            json!({"decimals": 1}),
        ),
        (
            json!({"n": 0.5}),
            "/n",
            ErrorCode::TooSmall,
            json!({"min": 1.0}),
        ),
        (
            json!({"n": 10}),
            "/n",
            ErrorCode::TooLarge,
            json!({"max": 9.0}),
        ),
        (
            json!({"day": "2026-02-30"}),
            "/day",
            ErrorCode::InvalidDate,
            json!({}),
        ),
        (
            json!({"day": "2025-12-31"}),
            "/day",
            ErrorCode::TooEarly,
            json!({"min": "2026-01-01"}),
        ),
        (
            json!({"day": "2026-11-24"}),
            "/day",
            ErrorCode::TooLate,
            json!({"max": "2026-11-23"}),
        ),
        (json!({"one": "z"}), "/one", ErrorCode::Option, json!({})),
        (
            json!({"many": ["a"]}),
            "/many",
            ErrorCode::TooFew,
            json!({"min": 2}),
        ),
        (
            json!({"many": ["a", "b", "c"]}),
            "/many",
            ErrorCode::TooMany,
            json!({"max": 2}),
        ),
        (
            json!({"mail": "ivan@@egov.bg"}),
            "/mail",
            ErrorCode::Email,
            json!({}),
        ),
        (
            json!({"doc": {"name": "a.png", "media_type": "image/png", "size": 1}}),
            "/doc",
            ErrorCode::FileType,
            json!({"types": "application/pdf"}),
        ),
        (
            json!({"doc": {"name": "a.pdf", "media_type": "application/pdf", "size": 101}}),
            "/doc",
            ErrorCode::FileTooLarge,
            json!({"max": 100}),
        ),
        (
            json!({"egn": "12345"}),
            "/egn",
            ErrorCode::IdentifierFormat,
            json!({"scheme": "egn"}),
        ),
        // python-stdnum's valid NIP 8567346215 with its last digit changed.
        (
            json!({"nip": "8567346216"}),
            "/nip",
            ErrorCode::IdentifierChecksum,
            json!({"scheme": "nip"}),
        ),
        // 30 February 1985 (month 02, day 30) does not exist.
        (
            json!({"egn": "8502300000"}),
            "/egn",
            ErrorCode::IdentifierDate,
            json!({"scheme": "egn"}),
        ),
        (
            json!({"tel": "+48 22 123 45 67"}),
            "/tel",
            ErrorCode::IdentifierCountry,
            json!({"scheme": "phone", "country": "BG"}),
        ),
        (
            json!({"agree": false}),
            "/agree",
            ErrorCode::Rule,
            json!({"rule": "agreed"}),
        ),
        (json!({"name": "ABC"}), "", ErrorCode::Fee, json!({})),
    ];
    let base = json!({"name": "ABC", "n": 1, "agree": true});
    let mut covered = Vec::new();
    for (answers, path, code, params) in cases {
        let mut data = base.clone();
        if answers.as_object().is_some_and(|a| a.is_empty()) {
            data.as_object_mut().expect("object").remove("name");
        } else if code == ErrorCode::Fee {
            // The fee reads `n`: without it, there is nothing to compute.
            data = answers.clone();
            data["agree"] = json!(true);
        } else if let (Some(d), Some(a)) = (data.as_object_mut(), answers.as_object()) {
            d.extend(a.clone());
        }
        let ev = evaluate(&f, &data, &context());
        let error = ev
            .errors
            .iter()
            .find(|e| e.code == code)
            .unwrap_or_else(|| panic!("{code:?} not given for {data}: {:?}", ev.errors));
        assert_eq!(error.path, path, "{code:?}");
        assert_eq!(
            serde_json::to_value(&error.params).expect("params"),
            params,
            "{code:?}"
        );
        assert_eq!(ev.errors.len(), 1, "{code:?} alone: {:?}", ev.errors);
        covered.push(code);
    }
    for code in ErrorCode::ALL {
        assert!(covered.contains(&code), "no case for {code:?}");
    }
}

#[test]
fn the_administrations_fields_are_neither_shown_to_nor_taken_from_the_applicant() {
    let f = form(
        json!([
            {"key": "voen", "type": "identifier", "scheme": "voen", "label": label(), "required": true},
            {"key": "goods", "type": "repeatable", "label": label(), "filled_by": "administration",
             "min_items": 1,
             "fields": [{"key": "hs_code", "type": "text", "label": label(), "required": true,
                         "pattern": "[0-9]{6,10}"}]}
        ]),
        json!({}),
    );
    // The applicant cannot send the administration's answer, and is not asked for it.
    let forged = json!({"voen": "1400057421", "goods": [{"hs_code": "nonsense"}]});
    let ev = evaluate(&f, &forged, &context());
    assert!(ev.is_valid(), "{:?}", ev.errors);
    assert!(!ev.is_visible("/goods"));
    assert_eq!(Value::Object(ev.cleaned), json!({"voen": "1400057421"}));
    // The administration's answer is checked with the application's data.
    let answer = |goods: Value| {
        let data = json!({"voen": "1400057421", "goods": goods});
        forms_core::evaluate_as(&f, &data, &context(), forms_core::FilledBy::Administration)
    };
    let ev = answer(json!([{"hs_code": "8471300000"}]));
    assert!(ev.is_valid(), "{:?}", ev.errors);
    assert_eq!(ev.cleaned["goods"], json!([{"hs_code": "8471300000"}]));
    let errors: Vec<_> = answer(json!([{"hs_code": "nonsense"}]))
        .errors
        .into_iter()
        .map(|e| (e.path, e.code))
        .collect();
    assert_eq!(
        errors,
        [("/goods/0/hs_code".to_owned(), ErrorCode::Pattern)]
    );
    assert_eq!(
        codes_as_administration(&f, json!({"voen": "1400057421"})),
        [("/goods".to_owned(), ErrorCode::Required)]
    );
}

fn codes_as_administration(form: &CompiledForm, data: Value) -> Vec<(String, ErrorCode)> {
    forms_core::evaluate_as(
        form,
        &data,
        &context(),
        forms_core::FilledBy::Administration,
    )
    .errors
    .into_iter()
    .map(|e| (e.path, e.code))
    .collect()
}

/// The first valid request of the CSR vectors, whose CN is `regix-client.mvr.bg`.
fn vector_csr() -> String {
    let file = include_str!("data/identifiers/csr.txt");
    let record = file
        .split("\n=== ")
        .find(|r| r.starts_with("valid regix-client.mvr.bg "))
        .expect("the vector");
    record.split_once('\n').expect("pem").1.to_owned()
}

#[test]
fn a_rule_can_require_the_requests_common_name_to_be_the_server_name() {
    let f = form(
        json!([
            {"key": "domain", "type": "identifier", "scheme": "domain", "label": label(), "required": true},
            {"key": "csr", "type": "identifier", "scheme": "csr", "label": label(), "required": true}
        ]),
        json!({"rules": [{"id": "cn_is_domain", "path": "/csr",
                          "check": {"==": [{"var": "csr.cn"}, {"var": "domain"}]},
                          "message": {"en": "The request's CN must be the server name."}}]}),
    );
    let pem = vector_csr();
    let ev = evaluate(
        &f,
        &json!({"domain": "Regix-Client.mvr.bg", "csr": pem}),
        &context(),
    );
    assert!(ev.is_valid(), "{:?}", ev.errors);
    let stored = ev.cleaned["csr"].as_str().expect("stored as PEM text");
    assert!(stored.starts_with("-----BEGIN CERTIFICATE REQUEST-----\n"));
    assert_eq!(
        codes(&f, json!({"domain": "seos.government.bg", "csr": pem})),
        [("/csr".to_owned(), ErrorCode::Rule)]
    );
    assert_eq!(
        codes(
            &f,
            json!({"domain": "seos.government.bg", "csr": "-----BEGIN CERTIFICATE-----"})
        ),
        [("/csr".to_owned(), ErrorCode::IdentifierFormat)]
    );
}

/// Conditions see the data as it is kept (trimmed, visible, computed, only the fields), not as
/// it was sent; evaluation's one-walk shortcut must notice every difference and then settle in
/// rounds, reaching the same verdict as the rounds alone.
#[test]
fn conditions_see_the_data_as_kept_not_as_sent() {
    let text = |key: &str| json!({"key": key, "type": "text", "label": label()});
    let shown_if = |condition: Value| json!({"key": "shown", "type": "text", "label": label(), "visible_if": condition});
    let cases = [
        // Untrimmed text.
        (
            json!([
                text("kind"),
                shown_if(json!({"==": [{"var": "kind"}, " x "]}))
            ]),
            json!({"kind": " x ", "shown": "s"}),
        ),
        // An answer of a hidden field.
        (
            json!([
                text("a"),
                {"key": "b", "type": "text", "label": label(),
                 "visible_if": {"==": [{"var": "a"}, "x"]}},
                shown_if(json!({"==": [{"var": "b"}, "y"]}))
            ]),
            json!({"a": "no", "b": "y", "shown": "s"}),
        ),
        // A computed value that was not sent.
        (
            json!([
                text("kind"),
                {"key": "total", "type": "computed", "label": label(),
                 "expression": {"cat": [{"var": "kind"}, "!"]}},
                shown_if(json!({"!": {"var": "total"}}))
            ]),
            json!({"kind": "k", "shown": "s"}),
        ),
        // An empty group, read whole: sent it is an object (true), kept it is nothing.
        (
            json!([
                {"key": "g", "type": "group", "label": label(), "fields": [text("a")]},
                shown_if(json!({"var": "g"}))
            ]),
            json!({"g": {}, "shown": "s"}),
        ),
        // Rows read whole, with a key of no field.
        (
            json!([
                {"key": "rows", "type": "repeatable", "label": label(), "fields": [text("code")]},
                shown_if(json!({"some": [{"var": "rows"}, {"var": "extra"}]}))
            ]),
            json!({"rows": [{"code": "a", "extra": true}], "shown": "s"}),
        ),
    ];
    for (fields, data) in cases {
        let f = form(fields.clone(), json!({}));
        for answerer in [
            forms_core::FilledBy::Applicant,
            forms_core::FilledBy::Administration,
        ] {
            let once = forms_core::evaluate_as(&f, &data, &context(), answerer);
            assert!(!once.is_visible("/shown"), "{fields}\n{data}");
            let rounds = evaluate::evaluate_in_rounds(&f, &data, &context(), answerer);
            assert_eq!(format!("{once:?}"), format!("{rounds:?}"), "{data}");
        }
    }
}
