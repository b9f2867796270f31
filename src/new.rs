//! `marsad new --lang fr "Titre"`: a new briefing with its front matter filled in, under
//! `content/<lang>/<slug>.md`, the slug made from the title in its own script
//! ([`crate::names::slug`]). `--translation-of content/en/x.md` links it to an existing
//! briefing and copies that briefing's date, topics, actors and places.
//!
//! How it links (README, Content): when the original has a `translation_key`, the new file
//! gets the same key; otherwise it takes the original's file name under the other language's
//! folder (files at one path under different `content/<lang>/` are translations), with
//! `slug:` set so its URL still comes from its own title.
//!
//! [`plan_briefing`] is pure (it works on loaded sources); [`write_briefing`] creates the file
//! exclusively, so nothing is ever overwritten. Nothing here prints.

use crate::config::SiteConfig;
use crate::dates::PartialDate;
use crate::error::{Diagnostic, Location};
use crate::front_matter::{Document, parse_document, yaml_quote};
use crate::lang::Lang;
use crate::load::{CONTENT_DIR, SourceFile};
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
}

/// The most words of a title a briefing's file name keeps: enough to tell briefings apart,
/// short enough to read in a file list and a URL.
pub const FILE_SLUG_WORDS: usize = 8;
/// The most bytes a file name's slug takes: file systems allow 255 bytes for a name (`.md`
/// and an editor's swap-file affixes come on top), and an Arabic letter takes two.
pub const MAX_FILE_SLUG_BYTES: usize = 200;

/// A briefing's file name (without `.md`) from its title: the one rule of `marsad new` and
/// `marsad ingest`. The title's slug in its own script ([`crate::names::slug`]), its first
/// [`FILE_SLUG_WORDS`] words, cut at a word (or, for one very long word, a character)
/// boundary to fit [`MAX_FILE_SLUG_BYTES`]. A slug that an index page owns (`search`,
/// `archive`, ...) gets `-briefing` appended rather than a briefing that breaks the build.
pub fn file_slug(title: &str) -> Result<String, String> {
    let full = crate::names::slug(title);
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

/// Works out the new briefing's path and text from the site's sources.
pub fn plan_briefing(
    config: &SiteConfig,
    content: &[SourceFile],
    request: &NewRequest,
) -> Result<NewBriefing, Diagnostic> {
    let here = Location::nowhere;
    let lang = Lang::parse(&request.lang).map_err(|m| Diagnostic::error(here(), m))?;
    if config.language(&lang).is_none() {
        return Err(Diagnostic::error(
            here(),
            format!(
                "`{lang}` is not an interface language of this site (site.toml has: {})",
                config.language_codes()
            ),
        ));
    }
    if request.title.trim().is_empty() {
        return Err(Diagnostic::error(
            here(),
            format!(
                "the title is empty: give the briefing's title in quotes, e.g. marsad new --lang {lang} \"Morocco and Spain renew their security dialogue\""
            ),
        ));
    }
    let slug = file_slug(&request.title).map_err(|m| Diagnostic::error(here(), m))?;
    let mut front = Front {
        title: request.title.trim().to_string(),
        date: Some(request.date),
        lang: lang.clone(),
        slug: None,
        translation_key: None,
        terms: Default::default(),
    };
    let mut path = Path::new(CONTENT_DIR)
        .join(lang.as_str())
        .join(format!("{slug}.md"));
    if let Some(original) = &request.translation_of {
        let doc = find_original(content, original)?;
        let original_lang = document_lang(config, &doc);
        if original_lang.as_ref() == Some(&lang) {
            return Err(Diagnostic::error(
                Location::file(&doc.path),
                format!(
                    "this briefing is already in `{lang}`; a translation needs another language"
                ),
            ));
        }
        front.date = doc.front.date;
        front.terms = [
            doc.front.topics.clone(),
            doc.front.actors.clone(),
            doc.front.places.clone(),
        ];
        if let Some(key) = &doc.front.translation_key {
            front.translation_key = Some(key.trim().to_string());
        } else if let Some(rest) = original_lang
            .as_ref()
            .and_then(|l| doc.content_path.strip_prefix(&format!("{l}/")))
        {
            // Same file name in the other language's folder: that is what links them.
            path = Path::new(CONTENT_DIR).join(lang.as_str()).join(rest);
            front.slug = Some(slug);
        } else {
            return Err(Diagnostic::error(
                Location::file(&doc.path),
                "this briefing is not under content/<lang>/ and has no `translation_key`, so nothing can link a translation to it: add `translation_key:` to it first",
            ));
        }
        if let Some(other) = existing_version(config, content, &front, &path) {
            return Err(Diagnostic::error(
                Location::file(other),
                format!("is already the `{lang}` version of {}", doc.path.display()),
            ));
        }
    }
    Ok(NewBriefing {
        text: front.render(),
        path,
    })
}

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

/// Creates the file under `root`; an existing file is never replaced.
pub fn write_briefing(root: &Path, briefing: &NewBriefing) -> Result<(), Diagnostic> {
    let target = root.join(&briefing.path);
    if let Some(folder) = target.parent() {
        crate::fs::create_dir_all(folder)?;
    }
    if crate::fs::write_new_file(&target, briefing.text.as_bytes())? {
        Ok(())
    } else {
        Err(Diagnostic::error(
            Location::file(&briefing.path),
            "already exists; `marsad new` never overwrites (choose another title, or edit that file)",
        ))
    }
}

/// The front matter of the new briefing.
struct Front {
    title: String,
    date: Option<PartialDate>,
    lang: Lang,
    slug: Option<String>,
    translation_key: Option<String>,
    /// Topics, actors, places.
    terms: [Vec<String>; 3],
}

impl Front {
    fn render(&self) -> String {
        let mut out = format!("---\ntitle: {}\n", yaml_quote(&self.title));
        if let Some(d) = self.date {
            out.push_str(&format!("date: {}\n", d.iso()));
        }
        out.push_str(&format!("lang: {}\n", self.lang));
        if let Some(slug) = &self.slug {
            out.push_str(&format!("slug: {}\n", yaml_quote(slug)));
        }
        if let Some(key) = &self.translation_key {
            out.push_str(&format!("translation_key: {}\n", yaml_quote(key)));
        }
        for (field, names) in ["topics", "actors", "places"].iter().zip(&self.terms) {
            let list: Vec<String> = names.iter().map(|n| yaml_quote(n)).collect();
            out.push_str(&format!("{field}: [{}]\n", list.join(", ")));
        }
        out.push_str("---\n\n");
        out
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

/// A briefing that already is the new one's language version: the file at the new path, or
/// one in that language sharing the translation key. (A file that cannot be parsed is left
/// to the build to report.)
fn existing_version(
    config: &SiteConfig,
    content: &[SourceFile],
    front: &Front,
    path: &Path,
) -> Option<PathBuf> {
    if let Some(f) = content.iter().find(|f| f.path == path) {
        return Some(f.path.clone());
    }
    let key = front.translation_key.as_deref()?;
    content.iter().find_map(|f| {
        let doc = parse_document(f).ok()?;
        let same = doc.front.translation_key.as_deref().map(str::trim) == Some(key)
            && document_lang(config, &doc).as_ref() == Some(&front.lang);
        same.then(|| f.path.clone())
    })
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
