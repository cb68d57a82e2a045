//! Server-side validation throughput of one form on one submission, natively: what the
//! server does per `POST …/validate` after reading the body, on one core.
//!
//! Each validation parses the body (`serde_json`), evaluates it on the compiled form and builds
//! the answer with every error's localized message (`tools::judge`, the same code as the
//! endpoint and `forms validate`). The form is compiled once, as the server does at start-up.
//!
//! `bench/peers/validate.mjs --ours-cmd` runs it once per round, with the settings in the
//! environment, and reads the last line (validations per second):
//!   BENCH_DEFINITION, BENCH_DATA   paths of the definition and of the submission
//!   BENCH_CASE                     `valid` or `invalid`: the verdict the data must get
//!   BENCH_SECONDS                  how long to measure (default 1)
//!
//! `cargo run --release -p forms-server --example throughput`

use std::process::ExitCode;
use std::time::{Duration, Instant};

use forms_core::{Definition, compile};
use forms_server::{state, tools};

// The rate on standard output is this program's answer.
#[allow(clippy::print_stdout)]
fn main() -> ExitCode {
    match run() {
        Ok(rate) => {
            println!("{rate:.0}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("throughput: {message}");
            ExitCode::FAILURE
        }
    }
}

fn setting(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("{name} is not set"))
}

fn run() -> Result<f64, String> {
    let definition_path = setting("BENCH_DEFINITION")?;
    let data_path = setting("BENCH_DATA")?;
    let expect = match setting("BENCH_CASE")?.as_str() {
        "valid" => true,
        "invalid" => false,
        other => return Err(format!("BENCH_CASE is {other:?}, not valid or invalid")),
    };
    let seconds: f64 = match std::env::var("BENCH_SECONDS") {
        Ok(text) => text
            .parse()
            .ok()
            .filter(|s: &f64| *s > 0.0)
            .ok_or(format!("BENCH_SECONDS is {text:?}, not a positive number"))?,
        Err(_) => 1.0,
    };
    let read = |path: &str| std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"));
    let definition = Definition::from_json(&read(&definition_path)?)
        .map_err(|e| format!("{definition_path}: {e}"))?;
    let form = compile(definition).map_err(|e| format!("{definition_path}: {e}"))?;
    let body = read(&data_path)?;
    let lang = form.definition().language("").to_owned();
    let context = state::context(&lang);

    let validate = || -> Result<bool, String> {
        let data: serde_json::Value =
            serde_json::from_str(std::hint::black_box(&body)).map_err(|e| e.to_string())?;
        let (valid, answer) = tools::judge(&form, &data, &context);
        std::hint::black_box(answer);
        Ok(valid)
    };
    // Warm-up, and the verdict checked once before the timing and on every round after it.
    if validate()? != expect {
        return Err(format!(
            "{data_path} is not judged {}",
            setting("BENCH_CASE")?
        ));
    }
    let limit = Duration::from_secs_f64(seconds);
    let start = Instant::now();
    let mut count: u64 = 0;
    loop {
        if validate()? != expect {
            return Err("the verdict changed during the timing".into());
        }
        count += 1;
        // The clock is read every 64 validations: reading it costs about as much as a field.
        if count.is_multiple_of(64) && start.elapsed() >= limit {
            break;
        }
    }
    Ok(count as f64 / start.elapsed().as_secs_f64())
}
