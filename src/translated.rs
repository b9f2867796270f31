//! Which version of its original a translation was made from (issue 26).
//!
//! A briefing's *version* is a short hash of its title and body ([`version_of`]); a
//! translation records its original's version when it is made (`translated_from:`, written
//! by `marsad new --translation-of` and refreshed by `marsad translated`). When none of its
//! other-language versions has that version any more, the translation is *outdated*: the
//! page says so and `marsad status` lists it. Pure: the history of the original and the
//! diff summary are `crate::outdated`'s (a command's work).

use crate::fingerprint::content_hash;

/// The version of a briefing's text: a short hash of its title and body, with line endings
/// and spaces at line ends left out, so saving the same text from another editor is not a
/// new version.
pub fn version_of(title: &str, body: &str) -> String {
    let mut text = String::with_capacity(title.len() + body.len() + 2);
    text.push_str(title.trim());
    text.push('\n');
    for line in body.trim().lines() {
        text.push_str(line.trim_end());
        text.push('\n');
    }
    content_hash(text.as_bytes())
}

/// One other-language version of a translation, as [`outdated_against`] sees it.
#[derive(Debug, Clone, Copy)]
pub struct Version<'a, Id> {
    pub id: Id,
    /// Its version ([`version_of`]).
    pub version: &'a str,
    /// Whether it is itself a translation (has `translated_from:`).
    pub is_translation: bool,
}

/// The original a translation is behind, if it is: `recorded` is the translation's
/// `translated_from:`, `versions` its other-language versions. Outdated when none of them
/// has the recorded version; the original is then the version that is not itself a
/// translation (the first, in the site's language order). `None` when the translation is
/// up to date, or when no version can be called its original.
pub fn outdated_against<Id: Copy>(recorded: &str, versions: &[Version<'_, Id>]) -> Option<Id> {
    let recorded = recorded.trim();
    if versions.iter().any(|v| v.version == recorded) {
        return None;
    }
    versions.iter().find(|v| !v.is_translation).map(|v| v.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_ignores_line_endings_and_trailing_spaces_but_not_words() {
        let a = version_of("Title", "One.  \r\n\r\nTwo.\r\n");
        assert_eq!(a, version_of(" Title ", "One.\n\nTwo.\n"));
        assert_ne!(a, version_of("Title", "One.\n\nTwo, three.\n"));
        assert_ne!(a, version_of("Title!", "One.\n\nTwo.\n"));
        assert_eq!(a.len(), 12);
    }

    #[test]
    fn outdated_when_no_version_has_the_recorded_one() {
        let v = |id, version, is_translation| Version {
            id,
            version,
            is_translation,
        };
        let versions = [v(1, "aaa", false), v(2, "bbb", true)];
        assert_eq!(outdated_against("aaa", &versions), None);
        assert_eq!(outdated_against("old", &versions), Some(1));
        // Every other version is a translation too: no original to point at.
        assert_eq!(outdated_against("old", &[v(2, "bbb", true)]), None);
    }
}
