//! Evaluation: the verdict on submitted data, identical in the browser and on the server.
//!
//! `evaluate(&form, &data, &context)` works in two phases:
//! 1. Visibility: `visible_if` conditions and computed values are evaluated over the data, the
//!    answers of hidden fields are taken away, and this repeats until nothing changes (lint
//!    refuses cycles, so it settles after as many rounds as conditions depend on each other).
//! 2. Validation: every visible field is checked in document order, the cleaned data is built
//!    (normalised answers of visible fields only; unknown keys dropped), then the form's rules
//!    and its fee are evaluated over the settled data.

mod answer;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::compile::CompiledForm;
use crate::date::Date;
use crate::definition::{FeeAmount, Field, FieldKind, FilledBy};
use crate::identifier::IdentifierError;
use crate::logic::{RowData, Scope};
use crate::number::Decimal;

pub use answer::check_answer;

/// What evaluation needs besides the data: the day it is, and the applicant's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// Today, in the administration's calendar; date bounds such as `today-18y` use it.
    pub today: Date,
    /// The language messages are wanted in (`bg`, `en`, `pl`, `az`).
    pub lang: String,
}

/// A stable, machine-readable reason why an answer is not accepted. The message shown to a
/// person is looked up in Fluent under [`ErrorCode::message_key`] (rules and patterns may carry
/// their own message in the definition).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A required answer is missing or blank.
    Required,
    /// The answer has the wrong JSON type (e.g. a number where text is expected).
    Type,
    /// The text is shorter than `min` characters.
    TooShort,
    /// The text is longer than `max` characters.
    TooLong,
    /// The text does not match the field's pattern.
    Pattern,
    /// Not a number (or not an amount of money).
    NotANumber,
    /// More decimal places than `decimals`.
    Precision,
    /// Below `min`.
    TooSmall,
    /// Above `max`.
    TooLarge,
    /// Not a real date written `YYYY-MM-DD`.
    InvalidDate,
    /// Before the earliest date `min`.
    TooEarly,
    /// After the latest date `max`.
    TooLate,
    /// Not one of the field's options.
    Option,
    /// Fewer than `min` choices or rows.
    TooFew,
    /// More than `max` choices or rows.
    TooMany,
    /// Not an e-mail address.
    Email,
    /// A file of a media type the field does not accept.
    FileType,
    /// A file larger than `max` bytes.
    FileTooLarge,
    /// An identifier has the wrong length or characters.
    #[serde(rename = "identifier.format")]
    IdentifierFormat,
    /// An identifier's check digits do not match.
    #[serde(rename = "identifier.checksum")]
    IdentifierChecksum,
    /// The birth date inside an identifier does not exist.
    #[serde(rename = "identifier.date")]
    IdentifierDate,
    /// An identifier's country prefix is not accepted.
    #[serde(rename = "identifier.country")]
    IdentifierCountry,
    /// A cross-field rule of the form fails; `params.rule` names it.
    Rule,
    /// The fee could not be computed from the data.
    Fee,
}

impl From<IdentifierError> for ErrorCode {
    fn from(error: IdentifierError) -> Self {
        match error {
            IdentifierError::Format => ErrorCode::IdentifierFormat,
            IdentifierError::Checksum => ErrorCode::IdentifierChecksum,
            IdentifierError::Date => ErrorCode::IdentifierDate,
            IdentifierError::Country => ErrorCode::IdentifierCountry,
        }
    }
}

impl ErrorCode {
    /// Every code, for tests and documentation.
    pub const ALL: [ErrorCode; 24] = [
        ErrorCode::Required,
        ErrorCode::Type,
        ErrorCode::TooShort,
        ErrorCode::TooLong,
        ErrorCode::Pattern,
        ErrorCode::NotANumber,
        ErrorCode::Precision,
        ErrorCode::TooSmall,
        ErrorCode::TooLarge,
        ErrorCode::InvalidDate,
        ErrorCode::TooEarly,
        ErrorCode::TooLate,
        ErrorCode::Option,
        ErrorCode::TooFew,
        ErrorCode::TooMany,
        ErrorCode::Email,
        ErrorCode::FileType,
        ErrorCode::FileTooLarge,
        ErrorCode::IdentifierFormat,
        ErrorCode::IdentifierChecksum,
        ErrorCode::IdentifierDate,
        ErrorCode::IdentifierCountry,
        ErrorCode::Rule,
        ErrorCode::Fee,
    ];

    /// The code as it appears in the API (`required`, `too_long`, `identifier.format`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Required => "required",
            ErrorCode::Type => "type",
            ErrorCode::TooShort => "too_short",
            ErrorCode::TooLong => "too_long",
            ErrorCode::Pattern => "pattern",
            ErrorCode::NotANumber => "not_a_number",
            ErrorCode::Precision => "precision",
            ErrorCode::TooSmall => "too_small",
            ErrorCode::TooLarge => "too_large",
            ErrorCode::InvalidDate => "invalid_date",
            ErrorCode::TooEarly => "too_early",
            ErrorCode::TooLate => "too_late",
            ErrorCode::Option => "option",
            ErrorCode::TooFew => "too_few",
            ErrorCode::TooMany => "too_many",
            ErrorCode::Email => "email",
            ErrorCode::FileType => "file_type",
            ErrorCode::FileTooLarge => "file_too_large",
            ErrorCode::IdentifierFormat => "identifier.format",
            ErrorCode::IdentifierChecksum => "identifier.checksum",
            ErrorCode::IdentifierDate => "identifier.date",
            ErrorCode::IdentifierCountry => "identifier.country",
            ErrorCode::Rule => "rule",
            ErrorCode::Fee => "fee",
        }
    }

    /// The Fluent message id of this code's explanation: `error-` and the code with `-` for `_`
    /// and `.` (`error-too-long`, `error-identifier-format`; a test checks the rule).
    pub fn message_key(self) -> &'static str {
        match self {
            ErrorCode::Required => "error-required",
            ErrorCode::Type => "error-type",
            ErrorCode::TooShort => "error-too-short",
            ErrorCode::TooLong => "error-too-long",
            ErrorCode::Pattern => "error-pattern",
            ErrorCode::NotANumber => "error-not-a-number",
            ErrorCode::Precision => "error-precision",
            ErrorCode::TooSmall => "error-too-small",
            ErrorCode::TooLarge => "error-too-large",
            ErrorCode::InvalidDate => "error-invalid-date",
            ErrorCode::TooEarly => "error-too-early",
            ErrorCode::TooLate => "error-too-late",
            ErrorCode::Option => "error-option",
            ErrorCode::TooFew => "error-too-few",
            ErrorCode::TooMany => "error-too-many",
            ErrorCode::Email => "error-email",
            ErrorCode::FileType => "error-file-type",
            ErrorCode::FileTooLarge => "error-file-too-large",
            ErrorCode::IdentifierFormat => "error-identifier-format",
            ErrorCode::IdentifierChecksum => "error-identifier-checksum",
            ErrorCode::IdentifierDate => "error-identifier-date",
            ErrorCode::IdentifierCountry => "error-identifier-country",
            ErrorCode::Rule => "error-rule",
            ErrorCode::Fee => "error-fee",
        }
    }
}

/// Values an error message needs (`max`, `scheme`, `rule`, …).
pub type Params = BTreeMap<String, Value>;

/// One problem with the data, at a JSON Pointer `path` into the submission.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldError {
    /// JSON Pointer to the offending answer, e.g. `/full_name` or `/operations/0/register`;
    /// empty for the data as a whole.
    pub path: String,
    /// Why it is refused.
    pub code: ErrorCode,
    /// Values the message needs.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: Params,
}

/// A sum of money due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    /// A decimal string with two places: `"10.00"`.
    pub amount: String,
    /// ISO 4217 currency code.
    pub currency: String,
}

/// The outcome of evaluating data against a form.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Evaluation {
    /// Every problem found, in the order of the form's fields.
    pub errors: Vec<FieldError>,
    /// The data to store: the answers of visible fields, normalised, and the computed values;
    /// hidden fields, blanks and unknown keys left out.
    pub cleaned: Map<String, Value>,
    /// JSON Pointers of the visible fields (groups, rows and static content included).
    pub visible: Visible,
    /// The values of computed fields, by JSON Pointer.
    pub computed: BTreeMap<String, Value>,
    /// The fee due for this data; `None` when nothing is to be paid.
    pub fee: Option<Money>,
}

impl Evaluation {
    /// True when the data can be accepted.
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// The first error for the answer at `path`, if any.
    pub fn error_at(&self, path: &str) -> Option<&FieldError> {
        self.errors.iter().find(|e| e.path == path)
    }

    /// Whether the field at `path` is shown.
    pub fn is_visible(&self, path: &str) -> bool {
        self.visible.contains(path)
    }
}

/// The JSON Pointers of the visible fields, as a set. The browser makes the set at once; the
/// server keeps the pointers as the walk found them and makes it at the first question, which
/// most of its answers never ask (a verdict needs the errors and the cleaned data only).
#[derive(Clone, Default)]
pub struct Visible {
    #[cfg(not(target_arch = "wasm32"))]
    in_order: Vec<String>,
    #[cfg(not(target_arch = "wasm32"))]
    set: std::sync::OnceLock<BTreeSet<String>>,
    #[cfg(target_arch = "wasm32")]
    set: BTreeSet<String>,
}

impl Visible {
    /// The set of the pointers `in_order`, each once.
    fn new(in_order: Vec<String>) -> Visible {
        #[cfg(not(target_arch = "wasm32"))]
        return Visible {
            in_order,
            set: std::sync::OnceLock::new(),
        };
        // One insert at a time, not `collect` (whose sort adds ~1 KB to the browser's code).
        #[cfg(target_arch = "wasm32")]
        {
            let mut set = BTreeSet::new();
            for pointer in in_order {
                set.insert(pointer);
            }
            Visible { set }
        }
    }

    /// The pointers, sorted.
    pub fn set(&self) -> &BTreeSet<String> {
        #[cfg(not(target_arch = "wasm32"))]
        return self
            .set
            .get_or_init(|| self.in_order.iter().cloned().collect());
        #[cfg(target_arch = "wasm32")]
        &self.set
    }

    /// Whether the field at `pointer` is shown.
    pub fn contains(&self, pointer: &str) -> bool {
        self.set().contains(pointer)
    }
}

/// As the set: the same on both sides (the parity suite's digest holds it).
impl std::fmt::Debug for Visible {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.set().fmt(f)
    }
}

impl PartialEq for Visible {
    fn eq(&self, other: &Self) -> bool {
        self.set() == other.set()
    }
}

/// Evaluates `data` (the whole submission, a JSON object) against `form`, as the applicant
/// gives it: the fields the administration fills are neither shown nor kept.
pub fn evaluate(form: &CompiledForm, data: &Value, context: &Context) -> Evaluation {
    evaluate_as(form, data, context, FilledBy::Applicant)
}

/// Evaluates `data` as `answerer` gives it: the administration's answer to an application is the
/// applicant's data plus the fields `filled_by` the administration, all checked together.
pub fn evaluate_as(
    form: &CompiledForm,
    data: &Value,
    context: &Context,
    answerer: FilledBy,
) -> Evaluation {
    evaluate_with(form, data, context, answerer, true)
}

/// [`evaluate_as`] without its shortcut, always in rounds: what the shortcut must give, which
/// the tests compare (`tests/parity.rs`).
#[doc(hidden)]
pub fn evaluate_in_rounds(
    form: &CompiledForm,
    data: &Value,
    context: &Context,
    answerer: FilledBy,
) -> Evaluation {
    evaluate_with(form, data, context, answerer, false)
}

/// `shortcut`: whether to try one walk first (see below).
fn evaluate_with(
    form: &CompiledForm,
    data: &Value,
    context: &Context,
    answerer: FilledBy,
    shortcut: bool,
) -> Evaluation {
    let empty = Map::new();
    let (input, root_error) = match data {
        Value::Object(map) => (map, None),
        _ => (
            &empty,
            Some(FieldError {
                path: String::new(),
                code: ErrorCode::Type,
                params: Params::new(),
            }),
        ),
    };
    // Each answer is checked once, whatever the number of rounds: its check depends only on
    // the field and the answer (`check_answer`), never on the round.
    let mut checks = Checks::default();
    // Phase 1: visibility and computed values, until they settle.
    // The first round's conditions see the data as given.
    let mut logic_data = match data {
        Value::Object(_) => Cow::Borrowed(data),
        _ => Cow::Owned(Value::Object(Map::new())),
    };
    let mut settled = None;
    let mut done = None;
    // Most often the data as given is already what the next round's conditions would see (see
    // `Walker::diverged`): then one validation walk over it is the verdict the rounds below
    // would reach, and its answers' checks need not be kept for another round. The browser's
    // build leaves this out (its size budget) and so checks it: the parity suite compares its
    // verdicts, all reached in rounds, with the server's.
    #[cfg(target_arch = "wasm32")]
    let _ = shortcut;
    #[cfg(not(target_arch = "wasm32"))]
    if shortcut && let Some(reads) = form.reads() {
        let mut walker = Walker::new(form, context, Mode::Validate, &logic_data, answerer, None);
        walker.reads = Some(reads);
        let cleaned = walker.run(input);
        if !walker.diverged {
            done = Some((walker.finish(), cleaned));
        }
    }
    let rounds = if done.is_some() { 0 } else { form.max_rounds() };
    for round in 0..rounds {
        let mut walker = Walker::new(
            form,
            context,
            Mode::Logic,
            &logic_data,
            answerer,
            Some(&mut checks),
        );
        let next = walker.run(input);
        let state = (walker.visible, walker.computed);
        logic_data = Cow::Owned(Value::Object(next));
        if settled.as_ref() == Some(&state) {
            break;
        }
        // A validation walk sees the same visibility and computed values as the next round
        // would, since both read only this round's data. When they are this round's, the data
        // has settled (the next round's data would equal this one's), so the validation walk is
        // the verdict and the confirming round is not needed.
        if round + 1 < rounds {
            let walked = validation_walk(form, context, &logic_data, answerer, &mut checks, input);
            if walked.0.visible == state.0 && walked.0.computed == state.1 {
                done = Some(walked);
                break;
            }
        }
        settled = Some(state);
    }
    // Phase 2: validation over the settled data.
    let (finished, cleaned) = match done {
        Some(done) => done,
        None => validation_walk(form, context, &logic_data, answerer, &mut checks, input),
    };
    let Finished {
        mut errors,
        mut positions,
        visible,
        computed,
        fee,
    } = finished;
    if let Some(root_error) = root_error {
        errors.push(root_error);
        positions.push(0);
    }
    // In document order (an error's position is its field's; the whole data's is first).
    // Stable: the errors of one field keep their order, rules after the field's own checks.
    // The walk's own errors come in that order; only a rule's (placed here) or the data's as a
    // whole can be out of it.
    for (position, error) in positions.iter_mut().zip(&errors) {
        if *position == UNPLACED {
            *position = visible
                .iter()
                .position(|p| *p == error.path)
                .map_or(0, |i| i + 1);
        }
    }
    if !positions.is_sorted() {
        let mut placed: Vec<(usize, FieldError)> = positions.into_iter().zip(errors).collect();
        placed.sort_by_key(|(position, _)| *position);
        errors = placed.into_iter().map(|(_, e)| e).collect();
    }
    Evaluation {
        errors,
        cleaned,
        visible: Visible::new(visible),
        computed,
        fee,
    }
}

/// Checks every visible answer of `input` over `logic_data`, then the rules and the fee.
fn validation_walk(
    form: &CompiledForm,
    context: &Context,
    logic_data: &Value,
    answerer: FilledBy,
    checks: &mut Checks,
    input: &Map<String, Value>,
) -> (Finished, Map<String, Value>) {
    let mut walker = Walker::new(
        form,
        context,
        Mode::Validate,
        logic_data,
        answerer,
        Some(checks),
    );
    let cleaned = walker.run(input);
    (walker.finish(), cleaned)
}

/// The position of an error not yet placed in document order.
const UNPLACED: usize = usize::MAX;

/// The outcome of each answer's check (`check_answer`), by the answer's JSON Pointer.
type Checks = FxHashMap<String, Result<Value, (ErrorCode, Params)>>;

/// What a validation walk leaves, with the form's rules and fee evaluated.
struct Finished {
    errors: Vec<FieldError>,
    /// Each error's position in document order (see `Walker::positions`).
    positions: Vec<usize>,
    /// The visible pointers, in document order.
    visible: Vec<String>,
    computed: BTreeMap<String, Value>,
    fee: Option<Money>,
}

/// Evaluates `data` but reports only the errors of the fields of step `step` (by index), and of
/// the data as a whole: what the wizard's Continue button checks.
pub fn evaluate_step(
    form: &CompiledForm,
    data: &Value,
    context: &Context,
    step: usize,
) -> Evaluation {
    let mut evaluation = evaluate(form, data, context);
    evaluation.errors.retain(|e| e.is_on_step(form, step));
    evaluation
}

impl FieldError {
    /// Whether the wizard's Continue on step `step` (by index) reports this error: it is on a
    /// field of that step, or on the data as a whole; the fee's are left to the end.
    pub fn is_on_step(&self, form: &CompiledForm, step: usize) -> bool {
        self.code != ErrorCode::Fee
            && (self.path.is_empty() || form.step_of(&self.path) == Some(step))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Collect the values conditions see: answers as typed (trimmed, numbers parsed), of
    /// visible fields only, and computed values.
    Logic,
    /// Check every visible answer and collect the cleaned data.
    Validate,
}

struct Walker<'f> {
    form: &'f CompiledForm,
    context: &'f Context,
    mode: Mode,
    /// The data conditions see in this round.
    logic_data: &'f Value,
    /// Whose answers are evaluated: the applicant's leave out the administration's fields.
    answerer: FilledBy,
    errors: Vec<FieldError>,
    /// Each error's position: 1 + the index of its pointer in `visible` when that was known as
    /// it failed (the field being walked), else `UNPLACED` (a rule's error, found at the end).
    positions: Vec<usize>,
    /// The pointers of the visible fields, in document order: a walk visits each once.
    visible: Vec<String>,
    computed: BTreeMap<String, Value>,
    /// The answers' checks, kept across the rounds of one evaluation (if there are more).
    checks: Option<&'f mut Checks>,
    /// When set, the walk notes whether the next round's data would differ from this one's
    /// in any of these keys (the form's `CompiledForm::reads`), and stops at the first.
    reads: Option<&'f BTreeMap<String, bool>>,
    diverged: bool,
}

impl<'f> Walker<'f> {
    fn new(
        form: &'f CompiledForm,
        context: &'f Context,
        mode: Mode,
        logic_data: &'f Value,
        answerer: FilledBy,
        checks: Option<&'f mut Checks>,
    ) -> Self {
        Walker {
            form,
            context,
            mode,
            logic_data,
            answerer,
            errors: Vec::new(),
            positions: Vec::new(),
            visible: Vec::new(),
            computed: BTreeMap::new(),
            checks,
            reads: None,
            diverged: false,
        }
    }

    /// The form's rules and fee over the settled data, after a validation walk.
    fn finish(mut self) -> Finished {
        self.rules();
        let fee = self.fee();
        Finished {
            errors: self.errors,
            positions: self.positions,
            visible: self.visible,
            computed: self.computed,
            fee,
        }
    }

    /// Whether the expressions read `key` (`Some`), and whole (`Some(true)`), when this walk
    /// notes it. Always `None` in the browser's build, which has no one-walk shortcut: so the
    /// noting is left out of its code.
    fn read(&self, key: &str) -> Option<bool> {
        let reads = self.reads.filter(|_| cfg!(not(target_arch = "wasm32")));
        reads.and_then(|r| r.get(key)).copied()
    }

    fn fail(&mut self, path: &str, code: ErrorCode, params: Params) {
        if self.mode == Mode::Validate {
            let position = match self.visible.last() {
                Some(last) if last == path => self.visible.len(),
                _ => UNPLACED,
            };
            self.positions.push(position);
            self.errors.push(FieldError {
                path: path.to_owned(),
                code,
                params,
            });
        }
    }

    fn run(&mut self, input: &Map<String, Value>) -> Map<String, Value> {
        let form = self.form;
        let logic_data = self.logic_data;
        let scope = Scope::new(logic_data);
        let logic_map = logic_data.as_object();
        let mut out = Map::new();
        for step in &form.definition().steps {
            self.fields(&step.fields, input, logic_map, "", &scope, &mut out);
        }
        out
    }

    /// Walks `fields` whose answers are in `input` (and their values for logic in `logic`),
    /// writing what is kept into `out`.
    fn fields(
        &mut self,
        fields: &[Field],
        input: &Map<String, Value>,
        logic: Option<&Map<String, Value>>,
        prefix: &str,
        scope: &Scope<'_>,
        out: &mut Map<String, Value>,
    ) {
        for field in fields {
            if self.diverged {
                return;
            }
            let read = self.read(&field.key);
            let answer = input.get(&field.key);
            if (field.filled_by == FilledBy::Administration && self.answerer == FilledBy::Applicant)
                || field.visible_if.as_ref().is_some_and(|c| !scope.holds(c))
            {
                // Not kept, so not in the next round's data.
                self.diverged |= read.is_some() && answer.is_some();
                continue;
            }
            let pointer = child(prefix, &field.key);
            self.visible.push(pointer.clone());
            let kept = match field.kind {
                FieldKind::Static => None,
                FieldKind::Computed => self.computed(field, &pointer, scope),
                FieldKind::Group => {
                    let logic = logic
                        .and_then(|l| l.get(&field.key))
                        .and_then(Value::as_object);
                    self.group(field, answer, logic, &pointer, scope)
                }
                FieldKind::Repeatable => {
                    let logic = logic
                        .and_then(|l| l.get(&field.key))
                        .and_then(Value::as_array);
                    self.repeatable(field, answer, logic, &pointer)
                }
                _ => self.input(field, answer, &pointer, scope),
            };
            if let Some(whole) = read {
                self.diverged |= diverges(field, answer, kept.as_ref(), whole);
            }
            if let Some(value) = kept {
                out.insert(field.key.clone(), value);
            }
        }
    }

    fn computed(&mut self, field: &Field, pointer: &str, scope: &Scope<'_>) -> Option<Value> {
        let value = field
            .expression
            .as_ref()
            .and_then(|e| scope.value(e))
            .filter(|v| !v.is_null())?;
        self.computed.insert(pointer.to_owned(), value.clone());
        Some(value)
    }

    fn group(
        &mut self,
        field: &Field,
        answer: Option<&Value>,
        logic: Option<&Map<String, Value>>,
        pointer: &str,
        scope: &Scope<'_>,
    ) -> Option<Value> {
        let empty = Map::new();
        let input = match answer {
            None | Some(Value::Null) => &empty,
            Some(Value::Object(map)) => map,
            Some(_) => {
                self.fail(pointer, ErrorCode::Type, Params::new());
                &empty
            }
        };
        let mut out = Map::new();
        self.fields(&field.fields, input, logic, pointer, scope, &mut out);
        (!out.is_empty()).then_some(Value::Object(out))
    }

    fn repeatable(
        &mut self,
        field: &Field,
        answer: Option<&Value>,
        logic: Option<&Vec<Value>>,
        pointer: &str,
    ) -> Option<Value> {
        let rows: &[Value] = match answer {
            None | Some(Value::Null) => &[],
            Some(Value::Array(rows)) => rows,
            Some(_) => {
                self.fail(pointer, ErrorCode::Type, Params::new());
                return None;
            }
        };
        let min = field.min_items.unwrap_or(u32::from(field.required));
        let count = u32::try_from(rows.len()).unwrap_or(u32::MAX);
        if count < min {
            let code = if count == 0 {
                ErrorCode::Required
            } else {
                ErrorCode::TooFew
            };
            self.fail(pointer, code, number_param("min", min));
        } else if let Some(max) = field.max_items.filter(|&max| count > max) {
            self.fail(pointer, ErrorCode::TooMany, number_param("max", max));
        }
        let empty = Map::new();
        // The rows' scope copies the whole data: only made when a row's field has a condition or
        // an expression to evaluate.
        let mut row_data = reads_logic(&field.fields)
            .then(|| RowData::new(self.logic_data.as_object().unwrap_or(&empty)));
        let whole = Scope::new(self.logic_data);
        let mut kept = Vec::with_capacity(rows.len());
        for (index, row) in rows.iter().enumerate() {
            let row_pointer = child(pointer, &index.to_string());
            let input = match row {
                Value::Object(map) => map,
                _ => {
                    self.fail(&row_pointer, ErrorCode::Type, Params::new());
                    // The next round sees an empty row.
                    self.diverged |= self.read(&field.key).is_some();
                    &empty
                }
            };
            let logic_row = logic.and_then(|rows| rows.get(index));
            let row_scope = row_data
                .as_mut()
                .map(|r| r.scope(logic_row.unwrap_or(&Value::Null), index));
            let scope = row_scope.as_ref().unwrap_or(&whole);
            self.visible.push(row_pointer.clone());
            let mut out = Map::new();
            self.fields(
                &field.fields,
                input,
                logic_row.and_then(Value::as_object),
                &row_pointer,
                scope,
                &mut out,
            );
            kept.push(Value::Object(out));
        }
        (!kept.is_empty()).then_some(Value::Array(kept))
    }

    fn input(
        &mut self,
        field: &Field,
        answer: Option<&Value>,
        pointer: &str,
        scope: &Scope<'_>,
    ) -> Option<Value> {
        let answer = answer.filter(|v| !answer::is_blank(v));
        let Some(answer) = answer else {
            let required =
                field.required || field.required_if.as_ref().is_some_and(|c| scope.holds(c));
            if required {
                self.fail(pointer, ErrorCode::Required, Params::new());
            }
            return None;
        };
        let cached = self.checks.as_ref().and_then(|c| c.get(pointer)).cloned();
        let checked = cached.unwrap_or_else(|| {
            let checked = check_answer(field, answer, self.context.today);
            if let Some(checks) = self.checks.as_mut() {
                checks.insert(pointer.to_owned(), checked.clone());
            }
            checked
        });
        match checked {
            Ok(clean) => Some(match self.mode {
                Mode::Validate => clean,
                Mode::Logic => answer::logic_value(field, clean),
            }),
            Err((code, params)) => {
                self.fail(pointer, code, params);
                (self.mode == Mode::Logic).then(|| answer::raw_logic_value(answer))
            }
        }
    }

    /// Checks the form's rules over the settled data; a rule on a field that already has an
    /// error, or is hidden, is not checked (the applicant must first fix the field).
    fn rules(&mut self) {
        let form = self.form;
        let logic_data = self.logic_data;
        let empty = Map::new();
        let whole = logic_data.as_object().unwrap_or(&empty);
        let mut row_data: Option<RowData> = None;
        for rule in &form.definition().rules {
            let mut targets = Vec::new();
            if let Some((rows_pointer, rest)) = rule.path.split_once("/*") {
                let rows = crate::pointer::get(logic_data, rows_pointer).and_then(Value::as_array);
                for (index, row) in rows.into_iter().flatten().enumerate() {
                    targets.push((format!("{rows_pointer}/{index}{rest}"), Some((row, index))));
                }
            } else {
                targets.push((rule.path.clone(), None));
            }
            for (pointer, row) in targets {
                if !self.visible.contains(&pointer) || self.errors.iter().any(|e| e.path == pointer)
                {
                    continue;
                }
                let holds = match row {
                    Some((row, index)) => row_data
                        .get_or_insert_with(|| RowData::new(whole))
                        .scope(row, index)
                        .holds(&rule.check),
                    None => Scope::new(logic_data).holds(&rule.check),
                };
                if !holds {
                    let params = Params::from([("rule".to_owned(), Value::from(rule.id.clone()))]);
                    self.fail(&pointer, ErrorCode::Rule, params);
                }
            }
        }
    }

    /// The fee due for the settled data.
    fn fee(&mut self) -> Option<Money> {
        let logic_data = self.logic_data;
        let fee = self.form.definition().fee.as_ref()?;
        let amount = match &fee.amount {
            FeeAmount::Fixed(text) => Decimal::parse(text, 2),
            FeeAmount::Computed(expr) => Scope::new(logic_data)
                .value(expr)
                .as_ref()
                .and_then(Decimal::from_json_rounded),
        };
        let Some(amount) = amount else {
            // Most often an answer the fee reads is missing or wrong, and that answer already
            // has its error: the applicant fixes it first. Alone, the fee is the problem.
            if self.errors.is_empty() {
                self.fail("", ErrorCode::Fee, Params::new());
            }
            return None;
        };
        amount.is_positive().then(|| Money {
            amount: amount.to_string(),
            currency: fee.currency.clone(),
        })
    }
}

/// Whether the next round's data would differ from `answer`, the value given for a visible
/// `field`, where `kept` is what a validation walk keeps of it: the value conditions see of
/// a valid answer (`answer::logic_value`), of one that is not (`answer::raw_logic_value`), of a
/// computed field (its value); nothing of a blank answer, of an empty list of rows, of a group
/// or rows of the wrong type. A group or repeatable group read `whole` (see `CompiledForm::reads`)
/// must also hold nothing but its fields, and a group something.
fn diverges(field: &Field, answer: Option<&Value>, kept: Option<&Value>, whole: bool) -> bool {
    let only_fields = |map: &Map<String, Value>| {
        map.keys()
            .all(|key| field.fields.iter().any(|f| f.key == *key))
    };
    match (field.kind, answer) {
        (_, None) => kept.is_some() && field.kind == FieldKind::Computed,
        (FieldKind::Group, Some(answer)) => answer
            .as_object()
            .is_none_or(|group| whole && (group.is_empty() || !only_fields(group))),
        (FieldKind::Repeatable, Some(answer)) => answer.as_array().is_none_or(|rows| {
            rows.is_empty()
                || whole
                    && rows
                        .iter()
                        .any(|row| row.as_object().is_none_or(|row| !only_fields(row)))
        }),
        (FieldKind::Computed | FieldKind::Static, answer) => answer != kept,
        (_, Some(answer)) => match kept {
            Some(clean) => !answer::logic_value_is(field, clean, answer),
            None => answer::is_blank(answer) || !answer::raw_logic_value_is_itself(answer),
        },
    }
}

/// Whether any of `fields` (or of their fields) has a condition or an expression.
fn reads_logic(fields: &[Field]) -> bool {
    fields.iter().any(|f| {
        f.visible_if.is_some()
            || f.required_if.is_some()
            || f.expression.is_some()
            || reads_logic(&f.fields)
    })
}

/// The JSON Pointer of `key` under `parent` (keys are `[a-z][a-z0-9_]*` and row numbers, so
/// nothing to escape).
fn child(parent: &str, key: &str) -> String {
    let mut pointer = String::with_capacity(parent.len() + 1 + key.len());
    pointer.push_str(parent);
    pointer.push('/');
    pointer.push_str(key);
    pointer
}

fn number_param(name: &str, value: u32) -> Params {
    Params::from([(name.to_owned(), Value::from(value))])
}
