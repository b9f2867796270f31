//! `marsad new --lang fr "Titre"`: a new briefing with its front matter filled in, under
//! `content/<lang>/<slug>.md`, the slug made from the title in its own script
//! ([`crate::urls::slug`]). `--translation-of content/en/x.md` links it to an existing
//! briefing and copies that briefing's date, topics, actors and places.
//!
//! How it links (issue 25): through `translation_key`, and the new file is always named from
//! its own title, so a French translation of an Arabic briefing gets a French file name. When
//! the original has a key, the new file gets the same; when it has none, one is made from
//! the original's file name and added to the original (and to any version already linked to
//! it by path) as one inserted line, the rest of each file byte for byte as it was.
//!
//! [`plan_briefing`] is pure (it works on loaded sources); [`write_briefing`] edits the
//! originals (only if they are still as loaded) and creates the new file exclusively, so
//! nothing is ever overwritten. Nothing here prints.

use crate::config::SiteConfig;
use crate::dates::PartialDate;
use crate::error::{Diagnostic, Diagnostics, Location};
use crate::front_matter::{
    Document, EmptyLists, FrontMatter, parse_document, with_field_added, write_front_matter,
};
use crate::kind::TaxonomyKind;
use crate::lang::Lang;
use crate::load::{CONTENT_DIR, SourceFile};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What the editor asked for.
#[derive(Debug, Clone)]
pub struct NewRequest {
    pub lang: String,
    pub title: String,
    /// A briefing file (relative to the site root, e.g. `content/en/x.md`) to translate.
    pub translation_of: Option<PathBuf>,
    /// The date for a briefing that is not a translation (today, by default).
    pub date: PartialDate,
}

/// The briefing to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBriefing {
    /// Relative to the site root: `content/fr/titre-du-briefing.md`.
    pub path: PathBuf,
    pub text: String,
    /// Existing versions of the original that get the new file's `translation_key` (empty
    /// when the original had one).
    pub keyed: Vec<KeyEdit>,
}

/// An existing briefing file that gets a `translation_key:` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyEdit {
    /// Relative to the site root.
    pub path: PathBuf,
    pub key: String,
    /// The file's text as loaded: if it has changed since, the edit is refused.
    pub before: String,
    pub after: String,
}

/// The most words of a title a briefing's file name keeps: enough to tell briefings apart,
/// short enough to read in a file list and a URL.
pub const FILE_SLUG_WORDS: usize = 8;
/// The most bytes a file name's slug takes: file systems allow 255 bytes for a name (`.md`
/// and an editor's swap-file affixes come on top), and an Arabic letter takes two.
pub const MAX_FILE_SLUG_BYTES: usize = 200;

/// A briefing's file name (without `.md`) from its title: the one rule of `marsad new` and
/// `marsad ingest`. The title's slug in its own script ([`crate::urls::slug`]), its first
/// [`FILE_SLUG_WORDS`] words, cut at a word (or, for one very long word, a character)
/// boundary to fit [`MAX_FILE_SLUG_BYTES`]. A slug that an index page owns (`search`,
/// `archive`, ...) gets `-briefing` appended rather than a briefing that breaks the build.
pub fn file_slug(title: &str) -> Result<String, String> {
    let full = crate::urls::slug(title);
    let mut out = String::new();
    for word in full
        .split('-')
        .filter(|w| !w.is_empty())
        .take(FILE_SLUG_WORDS)
    {
        let needed = word.len() + usize::from(!out.is_empty());
        if out.len() + needed > MAX_FILE_SLUG_BYTES {
            if out.is_empty() {
                let mut end = MAX_FILE_SLUG_BYTES;
                while !word.is_char_boundary(end) {
                    end -= 1;
                }
                out.push_str(&word[..end]);
            }
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        return Err(
            "the title has no letter or digit to make a file name from; choose a title with words"
                .into(),
        );
    }
    if crate::plan::reserved_slugs().any(|r| r == out) {
        out.push_str("-briefing");
    }
    crate::resolve::check_slug(&out)
        .map_err(|m| format!("the title gives no usable file name ({m})"))?;
    Ok(out)
}

/// Works out the new briefing's path and text, and the edits that link it to the briefing
/// it translates, from the site's sources.
pub fn plan_briefing(
    config: &SiteConfig,
    content: &[SourceFile],
    request: &NewRequest,
) -> Result<NewBriefing, Diagnostics> {
    let here = Location::nowhere;
    let lang = Lang::parse(&request.lang).map_err(|m| Diagnostic::error(here(), m))?;
    if config.language(&lang).is_none() {
        return Err(Diagnostic::error(
            here(),
            format!(
                "`{lang}` is not an interface language of this site (site.toml has: {})",
                config.language_codes()
            ),
        )
        .into());
    }
    if request.title.trim().is_empty() {
        return Err(Diagnostic::error(
            here(),
            format!(
                "the title is empty: give the briefing's title in quotes, e.g. marsad new --lang {lang} \"Morocco and Spain renew their security dialogue\""
            ),
        )
        .into());
    }
    let slug = file_slug(&request.title).map_err(|m| Diagnostic::error(here(), m))?;
    let path = Path::new(CONTENT_DIR)
        .join(lang.as_str())
        .join(format!("{slug}.md"));
    if content.iter().any(|f| f.path == path) {
        return Err(already_exists(&path).into());
    }
    let mut front = FrontMatter {
        title: request.title.trim().to_string(),
        date: Some(request.date),
        lang: Some(lang.to_string()),
        ..FrontMatter::default()
    };
    let mut keyed = Vec::new();
    if let Some(original) = &request.translation_of {
        let doc = find_original(content, original)?;
        if document_lang(config, &doc).as_ref() == Some(&lang) {
            return Err(Diagnostic::error(
                Location::file(&doc.path),
                format!(
                    "this briefing is already in `{lang}`; a translation needs another language"
                ),
            )
            .into());
        }
        front.date = doc.front.date;
        // Which version of the original this translates: `marsad status` tells when the
        // original moves on.
        front.translated_from = Some(crate::translated::version_of(&doc.front.title, &doc.body));
        for kind in TaxonomyKind::ALL.into_iter().filter(|k| k.is_tag()) {
            front.set_names(kind, doc.front.names_of(kind));
        }
        let documents: Vec<Document> = content
            .iter()
            .filter_map(|f| parse_document(f).ok())
            .collect();
        let taken: HashSet<String> = documents
            .iter()
            .filter_map(|d| d.front.translation_key.as_deref())
            .map(|k| k.trim().to_string())
            .collect();
        let versions = versions_of(config, documents, &doc)?;
        if let Some((other, _)) = versions.iter().find(|(_, l)| *l == lang) {
            return Err(Diagnostic::error(
                Location::file(other),
                format!("is already the `{lang}` version of {}", doc.path.display()),
            )
            .into());
        }
        let key = match &doc.front.translation_key {
            Some(key) => key.trim().to_string(),
            None => {
                let key = new_key(config, &doc, &taken);
                for (version, _) in &versions {
                    keyed.push(add_key(content, version, &key)?);
                }
                key
            }
        };
        front.translation_key = Some(key);
    }
    Ok(NewBriefing {
        text: write_front_matter(&front, EmptyLists::Shown) + "\n",
        path,
        keyed,
    })
}

fn already_exists(path: &Path) -> Diagnostic {
    Diagnostic::error(
        Location::file(path),
        "already exists; `marsad new` never overwrites (choose another title, or edit that file)",
    )
}

/// The original and its versions in other languages, as the build links them (by key or
/// by path): each file with its language. Drafts count (they are versions too).
fn versions_of(
    config: &SiteConfig,
    documents: Vec<Document>,
    original: &Document,
) -> Result<Vec<(PathBuf, Lang)>, Diagnostics> {
    let everything = crate::resolve::ResolveOptions::EVERY_VERSION;
    let site = crate::resolve::resolve_site(config, documents, everything, None)?;
    let Some(id) = site
        .ids()
        .find(|&id| site.briefings[id].source_path == original.path)
    else {
        return Ok(Vec::new());
    };
    Ok(std::iter::once(id)
        .chain(site.translations[id].iter().copied())
        .map(|v| {
            let v = &site.briefings[v];
            (v.source_path.clone(), v.lang.clone())
        })
        .collect())
}

/// A translation key for a briefing that has none: its file name without the language
/// folder and `.md` (`content/en/sahel/x.md` -> `sahel-x`), with `-2`, `-3`... if another
/// briefing already uses that key.
fn new_key(config: &SiteConfig, doc: &Document, taken: &HashSet<String>) -> String {
    let in_folder = document_lang(config, doc)
        .and_then(|l| doc.content_path.strip_prefix(&format!("{l}/")))
        .unwrap_or(&doc.content_path);
    let stem = in_folder.strip_suffix(".md").unwrap_or(in_folder);
    let base = stem.replace('/', "-");
    let mut key = base.clone();
    let mut n = 2;
    while taken.contains(&key) {
        key = format!("{base}-{n}");
        n += 1;
    }
    key
}

/// The edit that gives the briefing at `path` the translation key, checked to change nothing
/// else about how the file reads.
fn add_key(content: &[SourceFile], path: &Path, key: &str) -> Result<KeyEdit, Diagnostic> {
    let located = |m: String| Diagnostic::error(Location::file(path), m);
    let file = content
        .iter()
        .find(|f| f.path == path)
        .ok_or_else(|| located("is no longer among the site's briefings".into()))?;
    let after = with_field_added(&file.text, TRANSLATION_KEY, key)
        .map_err(|m| located(format!("cannot add `{TRANSLATION_KEY}: {key}`: {m}")))?;
    let mut expected = parse_document(file)?.front;
    expected.translation_key = Some(key.to_string());
    let edited = SourceFile::new(file.path.clone(), file.content_path.clone(), after.clone());
    if parse_document(&edited).map(|d| d.front).ok() != Some(expected) {
        return Err(located(format!(
            "adding a `{TRANSLATION_KEY}` line would change how this file's front matter reads; add `{TRANSLATION_KEY}: {key}` to it by hand, then run this again"
        )));
    }
    Ok(KeyEdit {
        path: path.to_path_buf(),
        key: key.to_string(),
        before: file.text.clone(),
        after,
    })
}

const TRANSLATION_KEY: &str = "translation_key";

/// The editor's `--translation-of` path as the site knows it (relative to `root`): a path
/// that names a file below `root` from the current folder (absolute, or relative to where
/// the editor stands) is made relative to `root`; any other path is taken as relative to
/// `root` already.
pub fn site_relative(root: &Path, given: &Path) -> PathBuf {
    let (Ok(root), Ok(file)) = (crate::fs::absolute(root), crate::fs::absolute(given)) else {
        return given.to_path_buf();
    };
    match file.strip_prefix(&root) {
        Ok(rel) if file.exists() => rel.to_path_buf(),
        _ => given.to_path_buf(),
    }
}

/// Gives the originals their translation key, then creates the new file under `root`.
/// Nothing is replaced that changed since it was loaded, and the new file never replaces one:
/// both are checked before anything is written. The originals go first, so a failure leaves
/// at worst a key that links nothing yet, never a translation that links to nothing.
pub fn write_briefing(root: &Path, briefing: &NewBriefing) -> Result<(), Diagnostic> {
    for edit in &briefing.keyed {
        let now = crate::fs::read_text(&root.join(&edit.path), &edit.path)?;
        if now != edit.before {
            return Err(Diagnostic::error(
                Location::file(&edit.path),
                "changed while `marsad new` ran; nothing was written (run it again)",
            ));
        }
    }
    let target = root.join(&briefing.path);
    if target.exists() {
        return Err(already_exists(&briefing.path));
    }
    for edit in &briefing.keyed {
        crate::fs::replace_file(&root.join(&edit.path), edit.after.as_bytes())?;
    }
    if let Some(folder) = target.parent() {
        crate::fs::create_dir_all(folder)?;
    }
    if crate::fs::write_new_file(&target, briefing.text.as_bytes())? {
        Ok(())
    } else {
        Err(already_exists(&briefing.path))
    }
}

/// The briefing `original` names, parsed. The path may be given relative to the site root,
/// with or without `./`.
fn find_original(content: &[SourceFile], original: &Path) -> Result<Document, Diagnostic> {
    let wanted: PathBuf = original
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    let file = content.iter().find(|f| f.path == wanted).ok_or_else(|| {
        Diagnostic::error(
            Location::file(&wanted),
            "no such briefing (give its path from the site root, e.g. content/en/x.md)",
        )
    })?;
    parse_document(file)
}

/// A document's language: `lang:`, else its `content/<lang>/` folder.
fn document_lang(config: &SiteConfig, doc: &Document) -> Option<Lang> {
    if let Some(code) = &doc.front.lang {
        return Lang::parse(code).ok();
    }
    let (first, _) = doc.content_path.split_once('/')?;
    config
        .languages
        .iter()
        .find(|l| l.lang.as_str() == first)
        .map(|l| l.lang.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 22: a 137-letter Arabic headline failed with "File name too long".
    #[test]
    fn a_long_arabic_title_gives_a_file_name_the_file_system_takes() {
        let word = "م".repeat(137);
        let slug = file_slug(&word).unwrap();
        assert!(slug.len() <= MAX_FILE_SLUG_BYTES, "{}", slug.len());
        assert!(format!("{slug}.md").len() < 255);
        let many =
            "الأمن والتعاون في منطقة الساحل والصحراء بين المغرب وإسبانيا والاتحاد الأوروبي ".repeat(6);
        let slug = file_slug(&many).unwrap();
        assert!(slug.len() <= MAX_FILE_SLUG_BYTES);
        assert_eq!(slug.split('-').count(), FILE_SLUG_WORDS);
    }

    /// Issue 22: an ingested headline "Search" made a briefing that broke the next build.
    #[test]
    fn a_title_that_makes_a_reserved_slug_gets_another() {
        assert_eq!(file_slug("Search").unwrap(), "search-briefing");
        assert_eq!(file_slug("Archive").unwrap(), "archive-briefing");
        assert!(crate::resolve::check_slug(&file_slug("Topics").unwrap()).is_ok());
    }

    #[test]
    fn a_title_without_letters_is_refused_in_words() {
        let e = file_slug("?!").unwrap_err();
        assert!(e.contains("no letter or digit"), "{e}");
    }
}
