//! A matcher for the patterns definitions write, natively: characters and classes, groups,
//! alternation, counts and the `^`/`$` anchors (`[A-Z]{2}[0-9]{8,12}`, `https?://[a-z.]+(/.*)?`,
//! `([01][0-9]|2[0-3]):[0-5][0-9]`). Whether the whole text matches is a question of the
//! language alone, so it is answered with sets of text positions: the positions where a part of
//! the pattern can end, from the set it can start at, without backtracking or a VM. It gives
//! exactly `regex-lite`'s answer; flags, lazy counts, `\w`, `\s`, `\b`, named groups and texts
//! longer than [`LONGEST`] characters are left to `regex-lite`. Server only: the browser's build
//! keeps one engine (its size budget), and the parity suite compares the two.

use std::iter::Peekable;
use std::str::Chars;

/// The longest text (in characters) the sets hold: one bit per position, 0 to 127.
pub(super) const LONGEST: usize = 127;

/// A set of positions in the text, 0 (before the first character) to its length.
type Positions = u128;

/// A part of a pattern.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
    /// One character of a class: inclusive ranges, or any character but those when `negated`.
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
    /// `^`: the start of the text.
    Start,
    /// `$`: the end of the text.
    End,
    /// The parts one after another.
    Sequence(Vec<Node>),
    /// Any one of the branches.
    Either(Vec<Node>),
    /// The part `min` to `max` times (`None`: no limit).
    Repeat {
        node: Box<Node>,
        min: usize,
        max: Option<usize>,
    },
}

/// The pattern `source` as a tree, when it uses only what this matcher knows, else `None`.
pub(super) fn parse(source: &str) -> Option<Node> {
    let mut chars = source.chars().peekable();
    let node = either(&mut chars)?;
    // A `)` with no `(`.
    chars.next().is_none().then_some(node)
}

/// Branches separated by `|`, up to a `)` or the end (neither taken).
fn either(chars: &mut Peekable<Chars<'_>>) -> Option<Node> {
    let mut branches = vec![sequence(chars)?];
    while chars.next_if_eq(&'|').is_some() {
        branches.push(sequence(chars)?);
    }
    Some(if branches.len() == 1 {
        branches.swap_remove(0)
    } else {
        Node::Either(branches)
    })
}

/// Parts with their counts, up to a `|`, a `)` or the end (none taken).
fn sequence(chars: &mut Peekable<Chars<'_>>) -> Option<Node> {
    let mut parts = Vec::new();
    while let Some(&c) = chars.peek() {
        if c == '|' || c == ')' {
            break;
        }
        chars.next();
        let node = match c {
            '(' => {
                // Only plain and `(?:` groups: flags and names are left to `regex-lite`.
                if chars.next_if_eq(&'?').is_some() && chars.next() != Some(':') {
                    return None;
                }
                let inside = either(chars)?;
                if chars.next() != Some(')') {
                    return None;
                }
                inside
            }
            '[' => class(chars)?,
            '\\' => escape(chars.next()?)?,
            // Any character but a line break, as `regex-lite` defines `.` without flags.
            '.' => Node::Class {
                negated: true,
                ranges: vec![('\n', '\n')],
            },
            '^' => Node::Start,
            '$' => Node::End,
            c if is_meta(c) => return None,
            c => Node::Class {
                negated: false,
                ranges: vec![(c, c)],
            },
        };
        let Some(q) = chars.next_if(is_quantifier) else {
            parts.push(node);
            continue;
        };
        let (min, max) = match q {
            '?' => (0, Some(1)),
            '*' => (0, None),
            '+' => (1, None),
            _ => {
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
        // `{3,2}` (which `regex-lite` refuses too).
        if max.is_some_and(|max| max < min) {
            return None;
        }
        // A quantifier after a quantifier (`+?`, lazy) and a counted anchor are left to
        // `regex-lite`.
        if chars.peek().is_some_and(is_quantifier) || matches!(node, Node::Start | Node::End) {
            return None;
        }
        parts.push(Node::Repeat {
            node: Box::new(node),
            min,
            max,
        });
    }
    Some(if parts.len() == 1 {
        parts.swap_remove(0)
    } else {
        Node::Sequence(parts)
    })
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

/// Characters with a meaning of their own outside a class (`(`, `)`, `|`, `^`, `$` and `.` are
/// parsed before this is asked).
fn is_meta(c: char) -> bool {
    matches!(
        c,
        '\\' | '.' | '+' | '*' | '?' | '(' | ')' | '|' | '[' | ']' | '{' | '}' | '^' | '$'
    )
}

/// An escape: punctuation stands for itself, `\d` for an ASCII digit; any other is left to
/// `regex-lite`.
fn escape(c: char) -> Option<Node> {
    let ranges = match c {
        'd' => vec![('0', '9')],
        // Word boundaries.
        '<' | '>' => return None,
        c if c.is_ascii_punctuation() => vec![(c, c)],
        _ => return None,
    };
    Some(Node::Class {
        negated: false,
        ranges,
    })
}

/// A class after its `[`: single characters and ranges, `^` first to negate, `-` first or
/// last for itself. Nested classes, set operations, POSIX names and `]` first are left to
/// `regex-lite`.
fn class(chars: &mut Peekable<Chars<'_>>) -> Option<Node> {
    let negated = chars.next_if_eq(&'^').is_some();
    let mut ranges = Vec::new();
    let mut first = true;
    loop {
        let c = chars.next()?;
        let lo = match c {
            ']' if !first => return Some(Node::Class { negated, ranges }),
            '[' | ']' | '&' | '~' => return None,
            '\\' => match escape(chars.next()?)? {
                Node::Class {
                    negated: false,
                    ranges: escaped,
                } if escaped.len() == 1 && escaped[0].0 == escaped[0].1 => escaped[0].0,
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

/// Whether the whole `text` matches `pattern`; `None` when the text is longer than [`LONGEST`]
/// characters.
pub(super) fn matches(pattern: &Node, text: &str) -> Option<bool> {
    let mut chars = ['\0'; LONGEST];
    let mut n = 0;
    for c in text.chars() {
        *chars.get_mut(n)? = c;
        n += 1;
    }
    let text = Text { chars: &chars[..n] };
    Some(text.ends(pattern, 1) & 1 << n != 0)
}

/// Whether character `c` is in the class of `ranges` (or, `negated`, outside it).
fn has(negated: bool, ranges: &[(char, char)], c: char) -> bool {
    ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != negated
}

struct Text<'t> {
    chars: &'t [char],
}

impl Text<'_> {
    /// The positions where `node` can end when it starts at any of `starts`.
    fn ends(&self, node: &Node, starts: Positions) -> Positions {
        match node {
            // One character: looked at only where the class may start (most often one place).
            Node::Class { negated, ranges } => {
                let mut ends = 0;
                let mut at = starts;
                while at != 0 {
                    let p = at.trailing_zeros() as usize;
                    at &= at - 1;
                    if self.chars.get(p).is_some_and(|&c| has(*negated, ranges, c)) {
                        ends |= 1 << (p + 1);
                    }
                }
                ends
            }
            Node::Start => starts & 1,
            Node::End => starts & 1 << self.chars.len(),
            Node::Sequence(parts) => parts.iter().fold(starts, |at, part| self.ends(part, at)),
            Node::Either(branches) => branches
                .iter()
                .fold(0, |ends, branch| ends | self.ends(branch, starts)),
            Node::Repeat { node, min, max } => {
                // A class's positions are found once for all its repetitions.
                let class = match &**node {
                    Node::Class { negated, ranges } => Some(self.class(*negated, ranges)),
                    _ => None,
                };
                let once = |at: Positions| match class {
                    Some(class) => (at & class) << 1,
                    None => self.ends(node, at),
                };
                let mut at = starts;
                for _ in 0..*min {
                    at = once(at);
                    if at == 0 {
                        return 0;
                    }
                }
                // From here every repetition may stop. A position reached again after more
                // repetitions leads nowhere new (fewer are left), so only new ones go on; and
                // there are at most as many rounds as positions.
                let mut ends = at;
                let mut fresh = at;
                let mut left = max.map(|max| max - *min);
                while fresh != 0 && left != Some(0) {
                    fresh = once(fresh) & !ends;
                    ends |= fresh;
                    left = left.map(|l| l - 1);
                }
                ends
            }
        }
    }

    /// The positions of the characters in a class (bit `i` for the `i`-th character).
    fn class(&self, negated: bool, ranges: &[(char, char)]) -> Positions {
        let mut positions = 0;
        for (i, &c) in self.chars.iter().enumerate() {
            if has(negated, ranges, c) {
                positions |= 1 << i;
            }
        }
        positions
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Patterns this matcher takes, from the published definitions and made to be hard: counts
    /// that must give back characters (`[a-z]*a`), optional parts, classes with `-`, `.`,
    /// negation, groups repeated, branches that can be empty, anchors inside.
    const OWN: [&str; 45] = [
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
        "https?://[A-Za-z0-9.-]+(/[^ ]*)?",
        "a|b",
        "^a$",
        "[0-9]{2}( ?[0-9]{4}){6}|[A-Z]{2}[0-9]{2}( ?[A-Z0-9]{1,4}){3,8}",
        "[0-9A-Fa-f]{1,40}|[0-9A-Fa-f]{2}([ :][0-9A-Fa-f]{2}){1,19}",
        "[0-2](\\.(0|[1-9][0-9]*))+",
        "([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?",
        "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}",
        "[0-9]{9}([0-9]{4})?",
        "(?:ab|a)(?:bc|c)?",
        "(a|)+b",
        "(a*)*",
        "(|a){2,3}x",
        "((a|b)c){1,2}|z",
        "a?^b",
        "a$|b",
        "(^a|b)$",
        "x$y?",
        "()",
        "(a?){3}a{3}",
        "[A-Za-z]+/([A-Za-z0-9.+-]+|\\*)",
    ];

    /// Patterns left to `regex-lite`.
    const LEFT: [&str; 19] = [
        "(?i)a",
        "(?P<x>a)",
        "(?<x>a)",
        "\\w+",
        "\\s",
        "\\bword\\b",
        "\\<a",
        "[[:alpha:]]",
        "[a&&b]",
        "[a--b]",
        "[]a]",
        "[\\d]",
        "a+?",
        "a{2}?",
        "(a){2}+",
        "a{2, 3}",
        "\\p{L}",
        "^*",
        "a)",
    ];

    /// Texts made of the pattern's own characters and a few others, deterministic
    /// (SplitMix64), up to 24 characters.
    fn texts(source: &str, seed: u64) -> Vec<String> {
        let mut alphabet: Vec<char> = source.chars().collect();
        alphabet.extend("aAbxyzЖж09 -.'+:/#\n".chars());
        let mut state = seed;
        let mut next = move || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        (0..3000)
            .map(|_| {
                let len = next() % 25;
                (0..len)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    /// Texts that match some of the patterns.
    const MATCHING: [&str; 41] = [
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
        "https://acme.example.com/about",
        "http://x",
        "a",
        "12 3456 7890 1234 5678 9012 3456",
        "BG80 BNBG 9661 1020 3456 78",
        "BG80BNBG96611020345678",
        "0a:1B:2c",
        "1.2.840.10045",
        "23:59:07",
        "192.168.0.255",
        "1234567890123",
        "abc",
        "aab",
        "image/svg+xml",
        "xy",
        "ab",
        "ba",
    ];

    #[test]
    fn own_patterns_match_as_regex_lite_does() {
        for (n, source) in OWN.into_iter().enumerate() {
            let tree = parse(source).unwrap_or_else(|| panic!("{source:?} is taken"));
            let regex = regex_lite::Regex::new(&format!("^(?:{source})$")).expect(source);
            let mut texts = texts(source, 0x5EED + n as u64);
            texts.extend(MATCHING.map(String::from));
            let mut matched = 0;
            for text in &texts {
                assert_eq!(
                    matches(&tree, text),
                    Some(regex.is_match(text)),
                    "{source:?} on {text:?}"
                );
                matched += usize::from(regex.is_match(text));
            }
            assert!(matched > 0, "{source:?} matches some text");
        }
    }

    #[test]
    fn other_patterns_are_left_to_regex_lite() {
        for source in LEFT {
            assert_eq!(parse(source), None, "{source:?}");
        }
    }

    #[test]
    fn longer_texts_are_left_to_regex_lite() {
        let tree = parse("[a-z ]+").expect("taken");
        let longest = "a".repeat(LONGEST);
        assert_eq!(matches(&tree, &longest), Some(true));
        assert_eq!(matches(&tree, &format!("{longest}b")), None);
        assert_eq!(matches(&tree, &format!("{longest}é")), None);
        let pattern = super::super::Pattern::new("[a-z ]+");
        assert!(pattern.matches(&format!("{longest}b")));
        assert!(!pattern.matches(&format!("{longest}B")));
    }
}
