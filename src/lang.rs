//! Languages: a validated language code and its writing direction.
//!
//! Direction is a first-class value derived from configuration, never guessed from content,
//! so templates can put `dir` on `<html>` and on every list item of another language.

use serde::Serialize;
use std::fmt;

/// A BCP 47 language code as written in `site.toml` and front matter (`en`, `fr`, `ar`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Lang(String);

impl Lang {
    /// Accepts a well-formed BCP 47 tag; the code is kept as written, lowercase primary subtag.
    pub fn parse(code: &str) -> Result<Lang, String> {
        let code = code.trim();
        match code.parse::<icu_locale_core::LanguageIdentifier>() {
            Ok(id) => Ok(Lang(id.to_string())),
            Err(_) => Err(format!(
                "`{code}` is not a language code (expected a BCP 47 tag such as `en`, `fr` or `ar`)"
            )),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Writing direction of a language, as HTML's `dir` attribute spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plain_and_regional_codes() {
        assert_eq!(Lang::parse("ar").unwrap().as_str(), "ar");
        assert_eq!(Lang::parse("fr-MA").unwrap().as_str(), "fr-MA");
        assert!(Lang::parse("not a lang").is_err());
        assert!(Lang::parse("").is_err());
    }

    #[test]
    fn direction_spells_like_html() {
        assert_eq!(Direction::Rtl.as_str(), "rtl");
        assert_eq!(Direction::Ltr.as_str(), "ltr");
    }
}
