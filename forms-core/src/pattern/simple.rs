//! A matcher for the simplest patterns, natively: a sequence of characters and classes, each
//! with a count (`[0-9]{9}`, `[A-Z]{2}[0-9]{8,12}`, `\+?[0-9 ]{7,20}`), which is most of what
//! definitions write. It gives exactly `regex-lite`'s answer for them, without its backtracking
//! VM, and leaves every other pattern (groups, alternation, anchors, flags, other escapes) to
//! `regex-lite`. Server only: the browser's build keeps one engine (its size budget), and the
//! parity suite compares the two.

/// One character class with how many times it may repeat.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Piece {
    negated: bool,
    /// Inclusive ranges of characters.
    ranges: Vec<(char, char)>,
    min: usize,
    max: Option<usize>,
}

impl Piece {
    fn has(&self, c: char) -> bool {
        self.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != self.negated
    }
}

/// The pieces of `source` when it is that simple, else `None`.
pub(super) fn parse(source: &str) -> Option<Vec<Piece>> {
    let mut chars = source.chars().peekable();
    let mut pieces = Vec::new();
    while let Some(c) = chars.next() {
        let (negated, ranges) = match c {
            '[' => class(&mut chars)?,
            '\\' => escape(chars.next()?)?,
            // Any character but a line break, as `regex-lite` defines `.` without flags.
            '.' => (true, vec![('\n', '\n')]),
            c if is_meta(c) => return None,
            c => (false, vec![(c, c)]),
        };
        let (min, max) = match chars.next_if(is_quantifier) {
            None => (1, Some(1)),
            Some('?') => (0, Some(1)),
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some(_) => {
                let mut inside = String::new();
                loop {
                    match chars.next()? {
                        '}' => break,
                        c => inside.push(c),
                    }
                }
                match inside.split_once(',') {
                    None => (count(&inside)?, Some(count(&inside)?)),
                    Some((min, "")) => (count(min)?, None),
                    Some((min, max)) => (count(min)?, Some(count(max)?)),
                }
            }
        };
        // A quantifier after a quantifier (`+?`, lazy) is left to `regex-lite`.
        if chars.peek().is_some_and(is_quantifier) {
            return None;
        }
        pieces.push(Piece {
            negated,
            ranges,
            min,
            max,
        });
    }
    Some(pieces)
}

/// The characters that start a count: `?`, `*`, `+`, `{n,m}`.
fn is_quantifier(c: &char) -> bool {
    matches!(c, '?' | '*' | '+' | '{')
}

/// A repetition count: ASCII digits only.
fn count(text: &str) -> Option<usize> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Characters with a meaning of their own outside a class.
fn is_meta(c: char) -> bool {
    matches!(
        c,
        '\\' | '.' | '+' | '*' | '?' | '(' | ')' | '|' | '[' | ']' | '{' | '}' | '^' | '$'
    )
}

/// An escape: punctuation stands for itself, `\d` for an ASCII digit; any other is left to
/// `regex-lite`.
fn escape(c: char) -> Option<(bool, Vec<(char, char)>)> {
    match c {
        'd' => Some((false, vec![('0', '9')])),
        // Word boundaries.
        '<' | '>' => None,
        c if c.is_ascii_punctuation() => Some((false, vec![(c, c)])),
        _ => None,
    }
}

/// A class after its `[`: single characters and ranges, `^` first to negate, `-` first or
/// last for itself. Nested classes, set operations, POSIX names and `]` first are left to
/// `regex-lite`.
fn class(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
) -> Option<(bool, Vec<(char, char)>)> {
    let negated = chars.next_if_eq(&'^').is_some();
    let mut ranges = Vec::new();
    let mut first = true;
    loop {
        let c = chars.next()?;
        let lo = match c {
            ']' if !first => return Some((negated, ranges)),
            '[' | ']' | '&' | '~' => return None,
            '\\' => match escape(chars.next()?)? {
                (false, escaped) if escaped.len() == 1 => escaped[0].0,
                _ => return None,
            },
            '-' if (first || chars.peek() == Some(&']')) && chars.peek() != Some(&'-') => '-',
            '-' => return None,
            c => c,
        };
        first = false;
        // A `-` between two characters makes a range; before `]` it is itself.
        let mut ahead = chars.clone();
        if ahead.next() == Some('-') && ahead.peek().is_some_and(|&c| c != ']') {
            chars.next();
            let hi = match chars.next()? {
                '[' | ']' | '\\' | '&' | '~' | '-' => return None,
                hi => hi,
            };
            if hi < lo {
                return None;
            }
            ranges.push((lo, hi));
        } else {
            ranges.push((lo, lo));
        }
    }
}

/// Whether the whole `text` matches `pieces`: the set of positions each piece can end at, from
/// the start, one piece after another (linear in the text per piece, no backtracking).
pub(super) fn matches(pieces: &[Piece], text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let mut reach = vec![false; n + 1];
    reach[0] = true;
    let mut run = vec![0usize; n + 1];
    let mut starts = vec![0i32; n + 2];
    for piece in pieces {
        // How many characters of the class follow each position.
        run[n] = 0;
        for i in (0..n).rev() {
            run[i] = if piece.has(chars[i]) {
                run[i + 1] + 1
            } else {
                0
            };
        }
        starts.iter_mut().for_each(|s| *s = 0);
        for p in 0..=n {
            if reach[p] {
                let longest = piece.max.map_or(run[p], |max| max.min(run[p]));
                if piece.min <= longest {
                    starts[p + piece.min] += 1;
                    starts[p + longest + 1] -= 1;
                }
            }
        }
        let mut open = 0;
        for (p, reached) in reach.iter_mut().enumerate() {
            open += starts[p];
            *reached = open > 0;
        }
    }
    reach[n]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Simple patterns, from the published definitions and made to be hard: counts that must
    /// give back characters (`[a-z]*a`), optional pieces, classes with `-`, `.`, negation.
    const SIMPLE: [&str; 24] = [
        "[0-9]{9}",
        "[A-Za-z][A-Za-z .'-]*",
        "[0-9]{4,5}",
        "\\+?[0-9 ]{7,20}",
        "[A-Z]{2}[0-9]{8,12}",
        "[0-9A-Za-z]+",
        "[А-Яа-яA-Za-z .'-]+",
        "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}",
        "[a-z]*a",
        "a?a?a?aaa",
        "[ab]*b[ab]{2}",
        ".*x.?",
        "[^ ]+ [^ ]+",
        "\\d{2,}\\.\\d{0,2}",
        "[-a]+[a-]+",
        "[^-]*-",
        "x{0}y",
        "",
        "Ж+ж*",
        "\\-\\(\\)\\[\\]\\{\\}\\|\\?\\*\\+\\^\\$",
        "[\\-\\]]+",
        "[.][*]",
        "a{2}b{1,}c{0,1}",
        "#/:'\"@",
    ];

    /// Patterns left to `regex-lite`.
    const NOT_SIMPLE: [&str; 16] = [
        "https?://[A-Za-z0-9.-]+(/[^ ]*)?",
        "a|b",
        "^a$",
        "(?i)a",
        "\\w+",
        "\\s",
        "\\bword\\b",
        "\\<a",
        "[[:alpha:]]",
        "[a&&b]",
        "[a--b]",
        "[]a]",
        "a+?",
        "a{2}?",
        "a{2, 3}",
        "\\p{L}",
    ];

    /// Texts from a small alphabet, deterministic (SplitMix64).
    fn texts() -> Vec<String> {
        let alphabet: Vec<char> = "aAbxyzЖж09 -.'+:/#\n*()[]{}|?^$\\\"@_".chars().collect();
        let mut state: u64 = 0x5EED;
        let mut next = move || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        (0..3000)
            .map(|_| {
                let len = next() % 16;
                (0..len)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn simple_patterns_match_as_regex_lite_does() {
        let mut texts = texts();
        texts.extend(
            [
                "123456789",
                "O'Neill-Doe",
                "1000",
                "+359 2 123 4567",
                "BG123456789",
                "Иван Petrov",
                "89abcdef-0123",
                "aa",
                "abb",
                "12.5",
                "-a-",
                "Жж",
                "-()[]{}|?*+^$",
                "-]",
                ".*",
                "aabbc",
                "aaa",
                "aaaaa",
                "y",
                "ab-",
                "a b",
                "xx",
                "abab",
                "#/:'\"@",
            ]
            .map(String::from),
        );
        for source in SIMPLE {
            let pieces = parse(source).unwrap_or_else(|| panic!("{source:?} is simple"));
            let regex = regex_lite::Regex::new(&format!("^(?:{source})$")).expect(source);
            let mut matched = 0;
            for text in &texts {
                assert_eq!(
                    matches(&pieces, text),
                    regex.is_match(text),
                    "{source:?} on {text:?}"
                );
                matched += usize::from(regex.is_match(text));
            }
            assert!(matched > 0, "{source:?} matches some text");
        }
    }

    #[test]
    fn other_patterns_are_left_to_regex_lite() {
        for source in NOT_SIMPLE {
            assert_eq!(parse(source), None, "{source:?}");
        }
    }
}
