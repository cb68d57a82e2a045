//! The `forms` binary itself: start-up refuses bad definitions, naming the file and the problem.

use std::path::Path;
use std::process::Command;

#[test]
fn serve_refuses_to_start_on_a_broken_definition_and_names_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let definitions = dir.path().join("defs");
    std::fs::create_dir(&definitions).expect("mkdir");
    std::fs::write(
        definitions.join("customs.json"),
        r#"{"format": 1, "id": "Customs!", "version": "1", "languages": ["bg"],
            "title": {"bg": "Митници"}, "steps": []}"#,
    )
    .expect("write");
    let output = Command::new(env!("CARGO_BIN_EXE_forms"))
        .arg("serve")
        .arg("--bind")
        .arg("127.0.0.1:0")
        .arg("--definitions")
        .arg(&definitions)
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", dir.path().join("db.sqlite").display()),
        )
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("customs.json"), "{stderr}");
    assert!(stderr.contains("/id"), "{stderr}");
    assert!(
        !dir.path().join("db.sqlite").exists(),
        "no database is created before the definitions are known to be good"
    );
}

#[test]
fn serve_refuses_an_unsupported_database_url() {
    let output = Command::new(env!("CARGO_BIN_EXE_forms"))
        .args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--database-url",
            "mysql://x",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("--definitions")
        .arg("../form-definitions")
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("mysql://x"));
}

// `forms check`, `forms validate`, `forms schema`: the tools of an administration's developer.

const BUNDLED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../form-definitions");
const REQUEST: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../form-definitions/public-information-request.json"
);

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn forms(args: &[&str], stdin: Option<&str>) -> Run {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_forms"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().expect("stdin");
    input
        .write_all(stdin.unwrap_or("").as_bytes())
        .expect("write stdin");
    drop(input);
    let output = child.wait_with_output().expect("the binary ends");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn json_of(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

const VALID_REQUEST: &str = r#"{"full_name": "Иван Петров", "address": "София, ул. Шипка 1",
    "information": "Бюджетът за 2026 г.", "organisation_eik": "121 817 309"}"#;

#[test]
fn check_passes_the_bundled_definitions() {
    let run = forms(&["check", BUNDLED], None);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("0 findings"), "{}", run.stderr);
}

#[test]
fn check_prints_one_line_per_finding_and_exits_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("broken.json");
    std::fs::write(
        &file,
        r#"{"format": 1, "id": "broken", "version": "1", "languages": ["bg", "en"],
            "title": {"bg": "Заявление"},
            "steps": [{"id": "s", "title": {"bg": "С", "en": "S"}, "fields": [
              {"key": "kind", "type": "select", "label": {"bg": "Вид", "en": "Kind"}},
              {"key": "copies", "type": "number", "min": 5, "max": 1,
               "label": {"bg": "Копия", "en": "Copies"}}]}]}"#,
    )
    .expect("write");
    let run = forms(&["check", file.to_str().expect("utf-8")], None);
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let prefix = format!("{}: ", file.display());
    assert!(lines.iter().all(|l| l.starts_with(&prefix)), "{lines:?}");
    let has = |pointer: &str, code: &str| {
        lines
            .iter()
            .any(|l| l.starts_with(&format!("{prefix}{pointer}: {code}: ")))
    };
    assert!(has("/title/en", "translation"), "{lines:?}");
    assert!(has("/steps/0/fields/0", "schema"), "{lines:?}");
    assert!(has("/steps/0/fields/1/min", "bounds"), "{lines:?}");
}

#[test]
fn check_names_an_unreadable_file_exits_2_and_still_checks_the_rest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("missing.json");
    let bad_json = dir.path().join("bad.json");
    std::fs::write(&bad_json, "{\"format\": 1,\n  \"id\": }").expect("write");
    let run = forms(
        &[
            "check",
            missing.to_str().expect("utf-8"),
            bad_json.to_str().expect("utf-8"),
        ],
        None,
    );
    assert_eq!(run.code, Some(2), "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("missing.json"), "{}", run.stderr);
    assert!(
        run.stdout.contains("bad.json: : json: line 2 column"),
        "{}",
        run.stdout
    );
}

#[test]
fn check_finds_the_same_form_id_in_two_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(REQUEST).expect("read");
    std::fs::write(dir.path().join("a.json"), &text).expect("write");
    std::fs::write(dir.path().join("b.json"), &text).expect("write");
    let run = forms(&["check", dir.path().to_str().expect("utf-8")], None);
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("b.json: /id: duplicate: form id"),
        "{}",
        run.stdout
    );
}

#[test]
fn validate_prints_the_cleaned_data_of_a_valid_submission() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data.json");
    std::fs::write(&data, VALID_REQUEST).expect("write");
    let run = forms(&["validate", REQUEST, data.to_str().expect("utf-8")], None);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    let verdict = json_of(&run);
    assert_eq!(verdict["valid"], true);
    assert_eq!(verdict["errors"], serde_json::json!([]));
    assert_eq!(verdict["data"]["organisation_eik"], "121817309");
    assert_eq!(verdict["fee"], serde_json::Value::Null);
    let hash = verdict["form"]["hash"].as_str().expect("hash");
    assert!(hash.starts_with("sha256:") && hash.len() == 71, "{hash}");
}

#[test]
fn validate_gives_the_fee_the_answers_make_due() {
    let forms_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../form-definitions");
    let definition = forms_dir.join("puesc-eklient-registration.json");
    let data =
        forms_dir.join("examples/puesc-eklient-registration/valid-foreigner-three-powers.json");
    let run = forms(
        &[
            "validate",
            definition.to_str().expect("utf-8"),
            data.to_str().expect("utf-8"),
            "--today",
            "2026-11-23",
        ],
        None,
    );
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    // PLN 17 per power of attorney, three of them.
    assert_eq!(
        json_of(&run)["fee"],
        serde_json::json!({"amount": "51.00", "currency": "PLN"})
    );
}

#[test]
fn validate_explains_errors_in_the_requested_language_and_exits_1() {
    let data = r#"{"full_name": "", "address": "София", "information": "x",
                   "organisation_eik": "121817308"}"#;
    let bg = forms(&["validate", REQUEST, "-", "--lang", "bg"], Some(data));
    assert_eq!(bg.code, Some(1), "{}{}", bg.stdout, bg.stderr);
    let verdict = json_of(&bg);
    assert_eq!(verdict["valid"], false);
    let errors = verdict["errors"].as_array().expect("errors");
    let paths: Vec<&str> = errors.iter().filter_map(|e| e["path"].as_str()).collect();
    assert_eq!(paths, ["/full_name", "/organisation_eik"]);
    assert_eq!(errors[0]["code"], "required");
    assert_eq!(errors[1]["code"], "identifier.checksum");
    let message_bg = errors[0]["message"].as_str().expect("message");
    assert!(message_bg.contains("Трите имена"), "{message_bg}");

    let en = forms(&["validate", REQUEST, "-", "--lang", "en"], Some(data));
    let message_en = json_of(&en)["errors"][0]["message"]
        .as_str()
        .expect("message")
        .to_owned();
    assert!(message_en.contains("Full name"), "{message_en}");
}

#[test]
fn validate_refuses_malformed_data_with_its_place_and_exits_2() {
    let run = forms(&["validate", REQUEST, "-"], Some("{\"full_name\": \n ]"));
    assert_eq!(run.code, Some(2), "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("line 2 column"), "{}", run.stderr);
}

#[test]
fn validate_refuses_a_definition_with_findings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("def.json");
    std::fs::write(&file, r#"{"format": 2, "id": "x"}"#).expect("write");
    let run = forms(
        &["validate", file.to_str().expect("utf-8"), "-"],
        Some("{}"),
    );
    assert_eq!(run.code, Some(2), "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("def.json"), "{}", run.stderr);
}

#[test]
fn validate_uses_the_given_day_for_date_bounds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("def.json");
    std::fs::write(
        &file,
        r#"{"format": 1, "id": "adult", "version": "1", "languages": ["en"],
            "title": {"en": "Adults"},
            "steps": [{"id": "s", "title": {"en": "S"}, "fields": [
              {"key": "born", "type": "date", "max_date": "today-18y", "required": true,
               "label": {"en": "Date of birth"}}]}]}"#,
    )
    .expect("write");
    let def = file.to_str().expect("utf-8");
    let data = r#"{"born": "2008-06-01"}"#;
    let before = forms(&["validate", def, "-", "--today", "2026-05-31"], Some(data));
    assert_eq!(before.code, Some(1), "{}{}", before.stdout, before.stderr);
    assert_eq!(json_of(&before)["errors"][0]["code"], "too_late");
    let after = forms(&["validate", def, "-", "--today", "2026-06-01"], Some(data));
    assert_eq!(after.code, Some(0), "{}{}", after.stdout, after.stderr);
    let bad_day = forms(&["validate", def, "-", "--today", "2026-02-30"], Some(data));
    assert_eq!(bad_day.code, Some(2));
}

#[test]
fn schema_describes_the_submission_and_agrees_with_the_server() {
    let run = forms(&["schema", REQUEST, "--lang", "en"], None);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    let schema = json_of(&run);
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(
        schema["required"],
        serde_json::json!(["full_name", "address", "information"])
    );
    let validator = jsonschema::draft202012::new(&schema).expect("a valid JSON Schema");
    let valid: serde_json::Value = serde_json::from_str(VALID_REQUEST).expect("json");
    assert!(validator.is_valid(&valid));
    let missing = serde_json::json!({"full_name": "Иван Петров"});
    assert!(!validator.is_valid(&missing));
    let too_long = serde_json::json!({"full_name": "x".repeat(201), "address": "a",
                                      "information": "i"});
    assert!(!validator.is_valid(&too_long));
}

#[test]
fn admin_token_prints_a_token_and_its_configuration_entry() {
    let run = forms(&["admin-token", "000 627 597"], None);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    let token = run
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("token: "))
        .expect("a token line");
    let entry = run
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("FORMS_ADMIN_TOKENS entry: "))
        .expect("an entry line");
    assert_eq!(token.len(), 64);
    assert_eq!(
        entry,
        format!("000627597:{}", forms_server::token::token_hash(token))
    );
    assert_eq!(forms(&["admin-token", "000627598"], None).code, Some(2));
}

#[test]
fn serve_refuses_a_short_token_secret() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = Command::new(env!("CARGO_BIN_EXE_forms"))
        .args(["serve", "--bind", "127.0.0.1:0", "--token-secret", "short"])
        .arg("--definitions")
        .arg(BUNDLED)
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", dir.path().join("db.sqlite").display()),
        )
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("FORMS_TOKEN_SECRET"));
}
