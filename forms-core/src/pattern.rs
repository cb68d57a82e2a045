//! Patterns of text fields: regular expressions that the whole answer must match.
//!
//! One engine on both sides: `regex-lite` (the `regex` crate's syntax without its Unicode
//! tables, so the browser build stays small). `\d`, `\w` and `\s` are ASCII-only there; write
//! `[а-яА-Я]` for Cyrillic letters. A pattern always matches the whole trimmed answer, as if
//! written between `^(?:` and `)$`.

use std::fmt;
use std::sync::OnceLock;

use regex_lite::Regex;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[cfg(not(target_arch = "wasm32"))]
mod simple;

/// A regular expression as written in a definition, compiled on first use.
#[derive(Clone)]
pub struct Pattern {
    source: String,
    compiled: OnceLock<Result<Regex, String>>,
    /// The pattern as a tree, when the server's own matcher knows all it uses (see `simple`).
    #[cfg(not(target_arch = "wasm32"))]
    simple: OnceLock<Option<simple::Node>>,
}

impl Pattern {
    /// A pattern from its source text.
    pub fn new(source: impl Into<String>) -> Pattern {
        Pattern {
            source: source.into(),
            compiled: OnceLock::new(),
            #[cfg(not(target_arch = "wasm32"))]
            simple: OnceLock::new(),
        }
    }

    /// The pattern as written.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The compiled expression, or why it does not compile.
    pub fn compiled(&self) -> Result<&Regex, &str> {
        self.compiled
            .get_or_init(|| {
                // Alone first: `a)|(b` would otherwise close the anchoring group early and
                // match far more than the whole text.
                Regex::new(&self.source).map_err(|e| e.to_string())?;
                Regex::new(&format!("^(?:{})$", self.source)).map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(String::as_str)
    }

    /// Whether the whole `text` matches; a pattern that does not compile matches nothing.
    pub fn matches(&self, text: &str) -> bool {
        let Ok(re) = self.compiled() else {
            return false;
        };
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(matched) = self
            .simple
            .get_or_init(|| simple::parse(&self.source))
            .as_ref()
            .and_then(|tree| simple::matches(tree, text))
        {
            return matched;
        }
        re.is_match(text)
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Pattern").field(&self.source).finish()
    }
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl Serialize for Pattern {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.source)
    }
}

impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Pattern::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_text_must_match() {
        let postcode = Pattern::new(r"\d{4}");
        assert!(postcode.matches("1000"));
        assert!(!postcode.matches("10000"));
        assert!(!postcode.matches("a1000"));
        let either = Pattern::new("test|production");
        assert!(either.matches("test"));
        assert!(
            !either.matches("testing"),
            "alternation is anchored as a whole"
        );
    }

    #[test]
    fn cyrillic_ranges_work_and_bad_patterns_are_reported() {
        let name = Pattern::new("[А-Яа-я -]+");
        assert!(name.matches("Иван Петров-Иванов"));
        assert!(!name.matches("Ivan"));
        let broken = Pattern::new("(unclosed");
        assert!(broken.compiled().is_err());
        assert!(!broken.matches("(unclosed"));
    }

    #[test]
    fn a_pattern_cannot_break_out_of_its_anchors() {
        let escaping = Pattern::new("a)|(b");
        assert!(escaping.compiled().is_err());
        assert!(!escaping.matches("a and anything after it"));
    }
}
