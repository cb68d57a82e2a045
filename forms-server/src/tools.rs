//! `forms check`, `forms validate` and `forms schema`: what an administration's developer runs
//! on a definition before publishing it. Results go to standard output, problems with the input
//! itself to standard error; exit codes are 0 (clean or valid), 1 (findings or invalid) and
//! 2 (unreadable input).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use forms_core::{CompiledForm, Context, Date, Definition, evaluate};
use serde_json::{Map, Value, json};

use crate::check::check_text;
use crate::state;

/// Arguments of `forms check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Definition files, or directories whose `*.json` files are definitions.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// Arguments of `forms validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// The form definition (JSON).
    pub definition: PathBuf,
    /// The submission data (a JSON object), or `-` for standard input.
    pub data: PathBuf,
    /// The language of the messages (bg, en, pl, az); the form's default if not offered.
    #[arg(long)]
    pub lang: Option<String>,
    /// The day to evaluate on (`YYYY-MM-DD`); today (UTC) by default.
    #[arg(long, value_parser = parse_date)]
    pub today: Option<Date>,
}

/// Arguments of `forms schema`.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// The form definition (JSON).
    pub definition: PathBuf,
    /// The language of titles and descriptions; the form's default if not offered.
    #[arg(long)]
    pub lang: Option<String>,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("{text:?} is not a date written YYYY-MM-DD"))
}

/// Unreadable input: said on standard error, exit code 2.
#[derive(Debug)]
struct Unreadable(String);

fn unreadable(path: &Path, problem: impl std::fmt::Display) -> Unreadable {
    Unreadable(format!("{}: {problem}", path.display()))
}

/// Writes `text` to standard output; a closed pipe (`forms check … | head`) is not an error.
fn out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

fn err(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

fn read(path: &Path) -> Result<String, Unreadable> {
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| unreadable(path, e))?;
        return Ok(text);
    }
    std::fs::read_to_string(path).map_err(|e| unreadable(path, e))
}

/// The definition files a path stands for: itself, or the `*.json` files directly inside it
/// (as `forms serve` loads them; `examples/` and `schema/` are not definitions).
fn definition_files(path: &Path) -> Result<Vec<PathBuf>, Unreadable> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).map_err(|e| unreadable(path, e))? {
        let file = entry.map_err(|e| unreadable(path, e))?.path();
        if file.is_file() && file.extension().is_some_and(|e| e == "json") {
            files.push(file);
        }
    }
    files.sort();
    Ok(files)
}

/// `forms check PATH...`
pub fn check(args: &CheckArgs) -> ExitCode {
    let mut unreadable_input = false;
    let mut findings = 0usize;
    let mut checked = 0usize;
    let mut ids: BTreeMap<String, PathBuf> = BTreeMap::new();
    for path in &args.paths {
        let files = match definition_files(path) {
            Ok(files) => files,
            Err(Unreadable(message)) => {
                err(&message);
                unreadable_input = true;
                continue;
            }
        };
        for file in files {
            let text = match read(&file) {
                Ok(text) => text,
                Err(Unreadable(message)) => {
                    err(&message);
                    unreadable_input = true;
                    continue;
                }
            };
            checked += 1;
            let (definition, diagnostics) = check_text(&text);
            let mut lines = String::new();
            for diagnostic in &diagnostics {
                lines.push_str(&format!("{}: {diagnostic}\n", file.display()));
            }
            findings += diagnostics.len();
            if let Some(definition) = definition {
                if let Some(first) = ids.get(&definition.id) {
                    lines.push_str(&format!(
                        "{}: /id: duplicate: form id {:?} is already defined by {}\n",
                        file.display(),
                        definition.id,
                        first.display()
                    ));
                    findings += 1;
                } else {
                    ids.insert(definition.id, file.clone());
                }
            }
            out(&lines);
        }
    }
    err(&format!(
        "checked {checked} definition{}: {findings} finding{}",
        if checked == 1 { "" } else { "s" },
        if findings == 1 { "" } else { "s" }
    ));
    if unreadable_input {
        ExitCode::from(2)
    } else if findings > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Reads and checks a definition; any finding makes it unusable for `validate` and `schema`.
fn load_definition(path: &Path) -> Result<Definition, Unreadable> {
    let text = read(path)?;
    let (definition, diagnostics) = check_text(&text);
    match definition {
        Some(definition) if diagnostics.is_empty() => Ok(definition),
        _ => Err(Unreadable(
            diagnostics
                .iter()
                .map(|d| format!("{}: {d}", path.display()))
                .collect::<Vec<_>>()
                .join("\n"),
        )),
    }
}

/// The verdict `forms validate` prints.
fn verdict(
    definition: Definition,
    data: &Value,
    lang: Option<&str>,
    today: Option<Date>,
) -> Result<(bool, Value), Unreadable> {
    let form =
        forms_core::compile(definition).map_err(|e| Unreadable(format!("definition: {e}")))?;
    let lang = form.definition().language(lang.unwrap_or("")).to_owned();
    let mut context = state::context(&lang);
    if let Some(today) = today {
        context.today = today;
    }
    Ok(judge(&form, data, &context))
}

/// The verdict on `data`, as `forms validate` prints it and `POST …/validate` answers: whether
/// it is valid, each error with its localized message, the fee, the cleaned data, the version.
pub fn judge(form: &CompiledForm, data: &Value, context: &Context) -> (bool, Value) {
    let definition = form.definition();
    let evaluation = evaluate(form, data, context);
    let localizer = state::localizer();
    let valid = evaluation.is_valid();
    // Each error's path and parameters are moved in, not copied (as `json!` would).
    let errors: Vec<Value> = evaluation
        .errors
        .into_iter()
        .map(|e| {
            let message = localizer.field_error(&context.lang, definition, &e);
            Value::Object(Map::from_iter([
                ("path".to_owned(), Value::String(e.path)),
                ("code".to_owned(), Value::from(e.code.as_str())),
                ("params".to_owned(), Value::Object(Map::from_iter(e.params))),
                ("message".to_owned(), Value::String(message)),
            ]))
        })
        .collect();
    // Built by moving the evaluation's parts in (`json!` would copy the cleaned data).
    let fee = evaluation.fee.map_or(
        Value::Null,
        |fee| json!({"amount": fee.amount, "currency": fee.currency}),
    );
    let answer = Map::from_iter([
        ("valid".to_owned(), Value::Bool(valid)),
        ("errors".to_owned(), Value::Array(errors)),
        ("fee".to_owned(), fee),
        ("data".to_owned(), Value::Object(evaluation.cleaned)),
        (
            "form".to_owned(),
            json!({"id": definition.id, "version": definition.version, "hash": form.content_hash()}),
        ),
    ]);
    (valid, Value::Object(answer))
}

/// `forms validate DEFINITION DATA [--lang L] [--today YYYY-MM-DD]`
pub fn validate(args: &ValidateArgs) -> ExitCode {
    let result = load_definition(&args.definition).and_then(|definition| {
        let text = read(&args.data)?;
        let data: Value = serde_json::from_str(&text).map_err(|e| {
            unreadable(
                &args.data,
                format!("line {} column {}: {e}", e.line(), e.column()),
            )
        })?;
        verdict(definition, &data, args.lang.as_deref(), args.today)
    });
    match result {
        Ok((valid, verdict)) => {
            out(&format!("{verdict:#}\n"));
            if valid {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(Unreadable(message)) => {
            err(&message);
            ExitCode::from(2)
        }
    }
}

/// `forms schema DEFINITION [--lang L]`
pub fn schema(args: &SchemaArgs) -> ExitCode {
    match load_definition(&args.definition) {
        Ok(definition) => {
            let schema = forms_core::schema::submission_schema(
                &definition,
                args.lang.as_deref().unwrap_or(""),
            );
            out(&format!("{schema:#}\n"));
            ExitCode::SUCCESS
        }
        Err(Unreadable(message)) => {
            err(&message);
            ExitCode::from(2)
        }
    }
}

/// Arguments of `forms admin-token`.
#[derive(Debug, clap::Args)]
pub struct AdminTokenArgs {
    /// The EIK of the administration (the `provider_eik` of its forms).
    pub eik: String,
}

/// `forms admin-token EIK`: a new random token, and the entry that configures it.
pub fn admin_token(args: &AdminTokenArgs) -> ExitCode {
    let Ok(eik) = forms_core::identifier::Scheme::Eik.validate(&args.eik) else {
        err(&format!("{:?} is not a valid EIK", args.eik));
        return ExitCode::from(2);
    };
    let token = crate::token::random_hex();
    out(&format!(
        "token: {token}\nFORMS_ADMIN_TOKENS entry: {eik}:{}\n",
        crate::token::token_hash(&token)
    ));
    ExitCode::SUCCESS
}
