//! The `forms` binary itself: start-up refuses bad definitions, naming the file and the problem.

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
