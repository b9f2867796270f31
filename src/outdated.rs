//! Outdated translations for the desk (issue 26): which translations' originals changed
//! since they were made (by [`crate::translated`]), what changed (paragraphs added, changed
//! and removed, words added and removed, against the original's text as it was, found in
//! the site's git history), and `marsad translated FILE`, which records that a translator
//! has caught up.
//!
//! The original's earlier text comes from git (read by `load`) because that is where a desk
//! keeps its history already (the site deploys from a repository); without git, or when no commit
//! holds that version, a translation is still listed, without the summary.

use crate::config::SiteConfig;
use crate::error::{Diagnostic, Diagnostics, Location};
use crate::front_matter::{body_of, parse_document, with_field_set};
use crate::fs::slash_path;
use crate::load::SourceFile;
use crate::resolve::Site;
use crate::translated::{Version, outdated_against, version_of};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// A translation whose original changed after it was made.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct OutdatedTranslation {
    /// The translation's file, from the site root.
    pub file: String,
    /// Its original's file.
    pub original: String,
    /// What changed in the original since, when its earlier text was found.
    pub changes: Option<ChangeSummary>,
}

/// What changed between two versions of a briefing's body, paragraph by paragraph.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Default)]
pub struct ChangeSummary {
    pub paragraphs_added: usize,
    pub paragraphs_changed: usize,
    pub paragraphs_removed: usize,
    pub words_added: usize,
    pub words_removed: usize,
    /// Whether the title changed.
    pub title_changed: bool,
}

impl std::fmt::Display for ChangeSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts = Vec::new();
        if self.title_changed {
            parts.push("title changed".to_string());
        }
        for (n, what) in [
            (self.paragraphs_changed, "changed"),
            (self.paragraphs_added, "added"),
            (self.paragraphs_removed, "removed"),
        ] {
            if n > 0 {
                let noun = if n == 1 { "paragraph" } else { "paragraphs" };
                parts.push(format!("{n} {noun} {what}"));
            }
        }
        if parts.is_empty() {
            parts.push("layout only".to_string());
        }
        write!(
            f,
            "{} (+{} / -{} words)",
            parts.join(", "),
            self.words_added,
            self.words_removed
        )
    }
}

/// How many commits back the original's history is searched for the recorded version.
const HISTORY_DEPTH: usize = 200;

/// Every outdated translation of `site` (resolved from `content`, the briefing files of the
/// site at `root`), sorted by file.
pub fn outdated_translations(
    root: &Path,
    content: &[SourceFile],
    site: &Site,
) -> Vec<OutdatedTranslation> {
    let by_path: std::collections::HashMap<&Path, &SourceFile> =
        content.iter().map(|f| (f.path.as_path(), f)).collect();
    let mut out: Vec<OutdatedTranslation> = site
        .ids()
        .zip(&site.briefings)
        .filter_map(|(id, b)| {
            let recorded = b.translated_from.as_deref()?;
            let versions: Vec<Version<'_, _>> = site.translations[id]
                .iter()
                .map(|&t| Version {
                    id: t,
                    version: &site.briefings[t].version,
                    is_translation: site.briefings[t].translated_from.is_some(),
                })
                .collect();
            let original = &site.briefings[outdated_against(recorded, &versions)?];
            let now = by_path
                .get(original.source_path.as_path())
                .and_then(|f| title_and_body(&f.path, &f.text));
            let changes = now.and_then(|now| {
                let then = earlier_text(root, &original.source_path, recorded)?;
                Some(summary(&then, &now))
            });
            Some(OutdatedTranslation {
                file: slash_path(&b.source_path),
                original: slash_path(&original.source_path),
                changes,
            })
        })
        .collect();
    out.sort_by(|a, b| a.file.cmp(&b.file));
    out
}

/// (title, body) of a briefing file's text, if its front matter parses.
fn title_and_body(path: &Path, text: &str) -> Option<(String, String)> {
    let file = SourceFile::new(path.to_path_buf(), String::new(), text.to_string());
    let doc = parse_document(&file).ok()?;
    Some((doc.front.title, body_of(text).to_string()))
}

/// The text (title, body) the file at `path` had when its version was `version`, from the
/// git history of the repository holding `root` ([`crate::load::earlier_texts`]).
fn earlier_text(root: &Path, path: &Path, version: &str) -> Option<(String, String)> {
    crate::load::earlier_texts(root, path, HISTORY_DEPTH)
        .filter_map(|text| title_and_body(path, &text))
        .find(|(title, body)| version_of(title, body) == version.trim())
}

/// Paragraphs added, changed and removed from `then` to `now`, and words added and removed.
/// A run of removed paragraphs followed by a run of added ones pairs up as changed
/// paragraphs (an edited paragraph is one removed and one added to a line diff).
pub fn summary(then: &(String, String), now: &(String, String)) -> ChangeSummary {
    use similar::{Algorithm, DiffOp, capture_diff_slices};
    let old = paragraphs(&then.1);
    let new = paragraphs(&now.1);
    let mut s = ChangeSummary {
        title_changed: then.0.trim() != now.0.trim(),
        ..ChangeSummary::default()
    };
    for op in capture_diff_slices(Algorithm::Myers, &old, &new) {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete { old_len, .. } => s.paragraphs_removed += old_len,
            DiffOp::Insert { new_len, .. } => s.paragraphs_added += new_len,
            DiffOp::Replace {
                old_len, new_len, ..
            } => {
                let paired = old_len.min(new_len);
                s.paragraphs_changed += paired;
                s.paragraphs_removed += old_len - paired;
                s.paragraphs_added += new_len - paired;
            }
        }
    }
    let old_words: Vec<&str> = then.1.split_whitespace().collect();
    let new_words: Vec<&str> = now.1.split_whitespace().collect();
    for op in capture_diff_slices(Algorithm::Myers, &old_words, &new_words) {
        let (_, old_range, new_range) = op.as_tag_tuple();
        if !matches!(op, DiffOp::Equal { .. }) {
            s.words_removed += old_range.len();
            s.words_added += new_range.len();
        }
    }
    s
}

/// A body's paragraphs (blocks between blank lines), each with its whitespace collapsed.
fn paragraphs(body: &str) -> Vec<String> {
    body.replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// What `marsad translated FILE` changes: the translation's `translated_from:` set to its
/// original's version now.
#[derive(Debug, Clone)]
pub struct Caught {
    pub path: PathBuf,
    pub original: PathBuf,
    pub version: String,
    pub text: String,
}

/// Records that the translation at `path` (relative to the site root) now matches its
/// original: its original is the version in another language that is not itself a
/// translation. Refused, with why, for a file that is not a briefing, has no other version,
/// or whose versions are all translations.
pub fn catch_up(
    config: &SiteConfig,
    content: &[SourceFile],
    path: &Path,
) -> Result<Caught, Diagnostics> {
    let located = |m: String| Diagnostics::from(Diagnostic::error(Location::file(path), m));
    let file = content
        .iter()
        .find(|f| f.path == path)
        .ok_or_else(|| located("is not one of the site's briefings (under content/)".into()))?;
    let documents = content
        .iter()
        .filter_map(|f| parse_document(f).ok())
        .collect();
    let everything = crate::resolve::ResolveOptions::EVERY_VERSION;
    let site = crate::resolve::resolve_site(config, documents, everything, None)?;
    let id = site
        .ids()
        .find(|&id| site.briefings[id].source_path == path)
        .ok_or_else(|| located("does not parse; fix its front matter first".into()))?;
    let original = site.translations[id]
        .iter()
        .map(|&t| &site.briefings[t])
        .find(|b| b.translated_from.is_none())
        .ok_or_else(|| {
            located(if site.translations[id].is_empty() {
                "has no version in another language, so it translates nothing (link it with `translation_key:`)".into()
            } else {
                "every other version of it is a translation too (has `translated_from:`), so none is its original".into()
            })
        })?;
    let text = with_field_set(&file.text, "translated_from", &original.version)
        .map_err(|m| located(format!("cannot set `translated_from`: {m}")))?;
    Ok(Caught {
        path: path.to_path_buf(),
        original: original.source_path.clone(),
        version: original.version.clone(),
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_counts_paragraphs_and_words() {
        let then = (
            "T".to_string(),
            "One two.\n\nThree four.\n\nFive.\n".to_string(),
        );
        let now = (
            "T".to_string(),
            "One two.\n\nThree four five.\n\nFive.\n\nSix seven.\n".to_string(),
        );
        let s = summary(&then, &now);
        assert_eq!(
            (
                s.paragraphs_changed,
                s.paragraphs_added,
                s.paragraphs_removed
            ),
            (1, 1, 0)
        );
        assert_eq!((s.words_added, s.words_removed), (4, 1), "{s:?}");
        assert!(!s.title_changed);
        assert_eq!(
            s.to_string(),
            "1 paragraph changed, 1 paragraph added (+4 / -1 words)"
        );
    }
}
