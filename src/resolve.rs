//! [`Document`]s -> [`Site`]: decides each briefing's language and slug, renders its
//! Markdown, links translations, sorts newest first, and rejects collisions.
//!
//! Routes are the plan's (a later stage): nothing here builds a URL path, and the slugs the
//! plan's own pages need are checked there. Everything here is pure: the same documents give
//! the same site, whatever the thread count.

use crate::config::SiteConfig;
use crate::dates::PartialDate;
use crate::error::{Diagnostic, Diagnostics, Location};
use crate::front_matter::{Document, SourceRef};
use crate::lang::Lang;
use crate::markdown::{RenderedBody, render_markdown};
use crate::urls::Urls;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::path::PathBuf;
use std::sync::Arc;

pub use crate::ids::BriefingId;
use crate::kind::PerKind;

/// A briefing's identity across edits: a hash of its file's path. A [`BriefingId`] is a
/// position in site order and changes when a briefing moves; the key does not (`serve`
/// records what each page read by keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BriefingKey(pub u64);

impl BriefingKey {
    pub fn of(source_path: &std::path::Path) -> BriefingKey {
        BriefingKey(crate::fingerprint::hash_of(&source_path))
    }
}

/// All published briefings, newest first (undated last).
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// The briefings' records, which hold no ids: a briefing that moves in site order keeps
    /// its record, and only the tables of ids ([`Site::translations`] here, the taxonomies'
    /// and related lists later) change.
    pub briefings: Vec<Arc<Briefing>>,
    /// `translations[id]`: the other-language versions, in the site's language order.
    pub translations: Vec<Vec<BriefingId>>,
}

impl Briefing {
    /// When the briefing last changed after it was published: `updated:` or its latest
    /// correction, whichever is later; none if neither is given.
    pub fn modified(&self) -> Option<PartialDate> {
        self.corrections
            .iter()
            .map(|c| c.date)
            .chain(self.updated)
            .max()
    }
}

impl Site {
    pub fn ids(&self) -> impl DoubleEndedIterator<Item = BriefingId> + ExactSizeIterator {
        crate::ids::ids_of(self.briefings.len())
    }
}

/// A briefing ready to render. Compared whole (`PartialEq`) by `serve` to tell an edit
/// that changed nothing: a field added here is compared without anyone listing it.
#[derive(Debug, Clone, PartialEq)]
pub struct Briefing {
    pub source_path: PathBuf,
    pub key: BriefingKey,
    pub lang: Lang,
    pub slug: String,
    /// The line of `slug:` when the slug is written in the front matter (not made from the
    /// file name), for errors about it found later.
    pub slug_line: Option<u32>,
    /// Its translation group: briefings of one group are versions of one another.
    pub group: String,
    pub title: String,
    pub date: Option<PartialDate>,
    /// When the briefing was last updated, if it was (front matter `updated:`).
    pub updated: Option<PartialDate>,
    /// Dated corrections, in the briefing's language, oldest first.
    pub corrections: Vec<crate::front_matter::Correction>,
    /// From front matter, else the first paragraph.
    pub summary: String,
    /// Shared with `serve`'s Markdown cache, which holds every body already.
    pub body: Arc<RenderedBody>,
    /// The names of its topics, actors and places as written.
    pub names: PerKind<Vec<String>>,
    /// The line of each of those names in the file, for warnings.
    pub name_lines: PerKind<Vec<u32>>,
    pub source: Option<SourceRef>,
    pub draft: bool,
    /// The day it goes out, while that day is still to come (it is in the site only when
    /// future briefings are asked for: `--future`, the preview).
    pub scheduled: Option<PartialDate>,
    /// The day it comes down (front matter `expiry_date:`).
    pub expires: Option<PartialDate>,
    /// The version of the original a translation was made from (`translated_from:`).
    pub translated_from: Option<String>,
    /// This briefing's own version ([`crate::translated::version_of`]), which its
    /// translations record.
    pub version: String,
}

/// Options that change which documents are published.
#[derive(Debug, Clone, Copy, Default)]
pub struct ResolveOptions {
    pub include_drafts: bool,
    /// Briefings whose `publish_date:` is still to come (`--future`).
    pub include_future: bool,
    /// Briefings whose `expiry_date:` has passed (`--expired`).
    pub include_expired: bool,
    /// The day the build is for; `None`: today in the site's time zone
    /// ([`SiteConfig::today`]).
    pub today: Option<PartialDate>,
}

/// Rendered Markdown kept across rebuilds by `serve`, keyed by a hash of the body (the base
/// URL is fixed for a cache's life: a `site.toml` change starts a new one).
#[derive(Debug, Default)]
pub struct MarkdownCache(std::sync::RwLock<std::collections::HashMap<u64, Arc<RenderedBody>>>);

impl MarkdownCache {
    fn render(&self, body: &str, urls: &Urls) -> Arc<RenderedBody> {
        let key = crate::fingerprint::hash_of(body);
        if let Some(hit) = self.0.read().ok().and_then(|m| m.get(&key).cloned()) {
            return hit;
        }
        let rendered = Arc::new(render_markdown(body, urls));
        if let Ok(mut m) = self.0.write() {
            m.insert(key, rendered.clone());
        }
        rendered
    }
}

/// Documents -> the site: drafts left out (unless asked), language and slug decided,
/// translations and the site order worked out, Markdown rendered (reused from `cache` when
/// `serve` gives one).
pub fn resolve_site(
    config: &SiteConfig,
    documents: Vec<Document>,
    options: ResolveOptions,
    cache: Option<&MarkdownCache>,
) -> Result<Site, Diagnostics> {
    let urls = Urls::new(&config.base_url);
    let options = options.on_day(config);
    let mut diags = Diagnostics::new();
    // Placed in parallel (a slug is worked out from each file name), reported in file order.
    let mut placed: Vec<Placed> = Vec::with_capacity(documents.len());
    let outcomes: Vec<Result<Placed, Diagnostic>> = documents
        .into_par_iter()
        .filter(|doc| options.publishes(doc))
        .map(|doc| place(config, doc))
        .collect();
    for outcome in outcomes {
        match outcome {
            Ok(p) => placed.push(p),
            Err(d) => diags.push(d),
        }
    }
    check_collisions(&placed, &mut diags);
    check_translation_groups(&placed, &mut diags);
    if diags.has_errors() {
        return Err(diags);
    }
    // Each document is dropped as soon as its briefing exists: a large build never holds
    // every Markdown source and every rendered body at once.
    let briefings: Vec<Briefing> = placed
        .into_par_iter()
        .map(|p| briefing_of(p, &urls, cache, options.today))
        .collect();
    // Newest first, undated last; sorted as compact keys (see `SortKey`): comparing through
    // the briefings themselves read a few hundred bytes apart per comparison, which at
    // 100,000 briefings made this sort grow faster than the site.
    let mut keys: Vec<(SortKey<'_>, usize)> = briefings
        .par_iter()
        .enumerate()
        .map(|(i, b)| (sort_key(config, b), i))
        .collect();
    // Unstable and parallel, yet always the same order: no two briefings share a language
    // and a slug (check_collisions).
    keys.par_sort_unstable();
    let order: Vec<usize> = keys.into_iter().map(|(_, i)| i).collect();
    let mut taken: Vec<Option<Briefing>> = briefings.into_iter().map(Some).collect();
    let sorted: Vec<Arc<Briefing>> = order
        .into_iter()
        .filter_map(|i| taken[i].take().map(Arc::new))
        .collect();
    let translations = translations_of(config, &sorted);
    Ok(Site {
        briefings: sorted,
        translations,
    })
}

/// Where a briefing sorts: newest first, undated last; ties broken by language order then
/// slug, so the order never depends on the file system.
pub type SortKey<'b> = (
    std::cmp::Reverse<Option<PartialDate>>,
    Option<usize>,
    &'b str,
);

pub fn sort_key<'b>(config: &SiteConfig, b: &'b Briefing) -> SortKey<'b> {
    (
        std::cmp::Reverse(b.date),
        config.languages.iter().position(|c| c.lang == b.lang),
        b.slug.as_str(),
    )
}

/// Every briefing's translations (the other members of its translation group, in the
/// site's language order), for briefings in site order.
pub fn translations_of(config: &SiteConfig, briefings: &[Arc<Briefing>]) -> Vec<Vec<BriefingId>> {
    let mut by_group: FxHashMap<&str, Vec<BriefingId>> = FxHashMap::default();
    for (i, b) in briefings.iter().enumerate() {
        by_group
            .entry(b.group.as_str())
            .or_default()
            .push(BriefingId::new(i));
    }
    let lang_rank = |id: BriefingId| {
        config
            .languages
            .iter()
            .position(|c| c.lang == briefings[id].lang)
    };
    let mut translations = vec![Vec::new(); briefings.len()];
    for members in by_group.values() {
        for &id in members {
            let mut others: Vec<BriefingId> =
                members.iter().copied().filter(|&o| o != id).collect();
            others.sort_by_key(|&o| lang_rank(o));
            translations[id] = others;
        }
    }
    translations
}

/// A placed document's briefing record, its Markdown rendered (through `cache` when given).
pub fn briefing_of(
    placed: Placed,
    urls: &Urls,
    cache: Option<&MarkdownCache>,
    today: Option<PartialDate>,
) -> Briefing {
    // `today` is set by `ResolveOptions::on_day` before any briefing is made.
    let Placed {
        doc,
        lang,
        slug,
        group,
    } = placed;
    let text = briefing_text(&doc, urls, cache);
    let slug_line = doc
        .front
        .slug
        .as_ref()
        .and_then(|_| doc.key_location("slug").line)
        .map(|l| l as u32);
    Briefing {
        key: BriefingKey::of(&doc.path),
        source_path: doc.path,
        lang,
        slug,
        slug_line,
        group,
        title: text.title,
        date: doc.front.date,
        updated: doc.front.updated,
        corrections: {
            let mut c = doc.front.corrections.clone();
            c.sort_by_key(|c| c.date);
            c
        },
        summary: text.summary,
        body: text.body,
        names: doc.front.names(),
        name_lines: doc.name_lines,
        source: text.source,
        draft: doc.front.draft,
        scheduled: doc
            .front
            .publish_date
            .filter(|&d| today.is_some_and(|t| is_after(d, t))),
        expires: doc.front.expiry_date,
        translated_from: doc.front.translated_from.clone(),
        version: crate::translated::version_of(&doc.front.title, &doc.body),
    }
}

/// Whether `date` (its first day, for a year or a month) is later than the day `today`.
fn is_after(date: PartialDate, today: PartialDate) -> bool {
    date.days_since_epoch() > today.days_since_epoch()
}

impl ResolveOptions {
    /// Every briefing whatever its state (drafts, scheduled, expired): what links versions
    /// of a briefing to each other for the editor's commands (`new`, `translated`).
    pub const EVERY_VERSION: ResolveOptions = ResolveOptions {
        include_drafts: true,
        include_future: true,
        include_expired: true,
        today: None,
    };

    /// These options with `today` set: the clock's day in the site's time zone unless a day
    /// was given.
    pub fn on_day(self, config: &SiteConfig) -> ResolveOptions {
        ResolveOptions {
            today: Some(self.today.unwrap_or_else(|| config.today())),
            ..self
        }
    }

    /// Whether a document is published: drafts only when asked; a scheduled briefing from
    /// its `publish_date:` on, an expiring one until the day before its `expiry_date:`
    /// (as Hugo's `publishDate` and `expiryDate`), unless asked for anyway.
    pub fn publishes(&self, doc: &Document) -> bool {
        let front = &doc.front;
        let today = self.today;
        let future = || {
            front
                .publish_date
                .is_some_and(|d| today.is_some_and(|t| is_after(d, t)))
        };
        let expired = || {
            front
                .expiry_date
                .is_some_and(|d| today.is_some_and(|t| !is_after(d, t)))
        };
        (!front.draft || self.include_drafts)
            && (self.include_future || !future())
            && (self.include_expired || !expired())
    }
}

/// What readers read of a briefing: everything that changes when only its text is edited.
#[derive(Debug, Clone)]
pub struct BriefingText {
    pub title: String,
    pub summary: String,
    /// Shared with `serve`'s Markdown cache, which holds every body already.
    pub body: Arc<RenderedBody>,
    pub source: Option<SourceRef>,
}

/// A document's text fields, rendered; used by the full resolve and by `serve`'s edits.
pub fn briefing_text(doc: &Document, urls: &Urls, cache: Option<&MarkdownCache>) -> BriefingText {
    let body = match cache {
        Some(c) => c.render(&doc.body, urls),
        None => Arc::new(render_markdown(&doc.body, urls)),
    };
    let summary = match &doc.front.summary {
        Some(s) if !s.trim().is_empty() => crate::markdown::collapse_whitespace(s),
        _ => body.first_paragraph.clone(),
    };
    BriefingText {
        title: crate::markdown::collapse_whitespace(&doc.front.title),
        summary,
        body,
        source: doc.front.source.as_ref().map(|s| SourceRef {
            name: crate::markdown::collapse_whitespace(&s.name),
            url: s.url.clone(),
        }),
    }
}

/// The language comes from `lang:` or from the `content/<lang>/` folder; both must agree.
fn decide_lang(config: &SiteConfig, doc: &Document) -> Result<Lang, Diagnostic> {
    let folder = folder_lang(config, &doc.content_path);
    let declared = match &doc.front.lang {
        Some(code) => {
            let lang =
                Lang::parse(code).map_err(|m| Diagnostic::error(doc.key_location("lang"), m))?;
            if config.language(&lang).is_none() {
                return Err(Diagnostic::error(
                    doc.key_location("lang"),
                    format!(
                        "`lang: {lang}` is not an interface language of this site (expected one of: {})",
                        config.language_codes()
                    ),
                ));
            }
            Some(lang)
        }
        None => None,
    };
    match (declared, folder) {
        (Some(d), Some(f)) if d != f => Err(Diagnostic::error(
            doc.key_location("lang"),
            format!("`lang: {d}` contradicts the folder content/{f}/ this file is in"),
        )),
        (Some(d), _) => Ok(d),
        (None, Some(f)) => Ok(f),
        (None, None) => Err(Diagnostic::error(
            Location::file(&doc.path),
            format!(
                "cannot tell this briefing's language: add `lang:` ({}) or move it under content/<lang>/",
                config.language_codes()
            ),
        )),
    }
}

fn folder_lang(config: &SiteConfig, content_path: &str) -> Option<Lang> {
    let (first, _) = content_path.split_once('/')?;
    config
        .languages
        .iter()
        .find(|l| l.lang.as_str() == first)
        .map(|l| l.lang.clone())
}

/// An explicit slug must already be safe; a slug taken from the file name is made safe.
fn decide_slug(doc: &Document) -> Result<String, Diagnostic> {
    match &doc.front.slug {
        Some(slug) => {
            check_slug(slug).map_err(|m| Diagnostic::error(doc.key_location("slug"), m))?;
            Ok(slug.clone())
        }
        None => {
            let stem = doc
                .content_path
                .rsplit('/')
                .next()
                .unwrap_or("")
                .trim_end_matches(".md");
            let slug = crate::urls::slug(stem);
            check_slug(&slug).map_err(|m| {
                Diagnostic::error(
                    Location::file(&doc.path),
                    format!(
                        "the file name gives no usable slug ({m}); set `slug:` in the front matter"
                    ),
                )
            })?;
            Ok(slug)
        }
    }
}

/// A slug is one URL segment: letters and digits of any script, `-` and `_`, and the marks
/// folding drops (Arabic harakat are marks, not letters; `urls::slug` keeps them). That
/// also guarantees no slug can climb out of the output folder. (The segments the plan's own
/// pages take, such as `search`, are refused by the plan: `plan::check_briefing_slugs`.)
pub fn check_slug(slug: &str) -> Result<(), String> {
    if slug.is_empty() {
        return Err("a slug must not be empty".into());
    }
    if let Some(c) = slug
        .chars()
        .find(|c| !(c.is_alphanumeric() || *c == '-' || *c == '_' || crate::fold::is_mark(*c)))
    {
        return Err(format!(
            "slug `{slug}` contains `{c}`: only letters, digits, `-` and `_` are allowed"
        ));
    }
    Ok(())
}

fn translation_group(config: &SiteConfig, doc: &Document) -> String {
    if let Some(key) = &doc.front.translation_key {
        return format!("key:{}", key.trim());
    }
    match folder_lang(config, &doc.content_path) {
        Some(lang) => format!("path:{}", &doc.content_path[lang.as_str().len() + 1..]),
        None => format!("file:{}", doc.content_path),
    }
}

/// Where a document to publish goes, or why it cannot be placed.
pub fn place(config: &SiteConfig, doc: Document) -> Result<Placed, Diagnostic> {
    let lang = decide_lang(config, &doc)?;
    let slug = decide_slug(&doc)?;
    let group = translation_group(config, &doc);
    Ok(Placed {
        doc,
        lang,
        slug,
        group,
    })
}

/// A document that will be published, with where it goes: its language, slug and
/// translation group (the briefings that are one another's translations share one).
pub struct Placed {
    pub doc: Document,
    pub lang: Lang,
    pub slug: String,
    pub group: String,
}

fn check_collisions(placed: &[Placed], diags: &mut Diagnostics) {
    let mut seen: FxHashMap<(&Lang, &str), &Document> = FxHashMap::default();
    for Placed {
        doc, lang, slug, ..
    } in placed
    {
        if let Some(first) = seen.insert((lang, slug.as_str()), doc) {
            diags.push(Diagnostic::error(
                doc.key_location("slug"),
                format!(
                    "slug `{slug}` is already used by {}, also in `{lang}`: both would be written to the same page",
                    first.path.display(),
                ),
            ));
        }
    }
}

fn check_translation_groups(placed: &[Placed], diags: &mut Diagnostics) {
    let mut seen: FxHashMap<(&str, &Lang), &Document> = FxHashMap::default();
    for Placed {
        doc, lang, group, ..
    } in placed
    {
        if let Some(first) = seen.insert((group.as_str(), lang), doc) {
            diags.push(Diagnostic::error(
                doc.key_location("translation_key"),
                format!(
                    "{} and this file are both the `{lang}` version of one briefing (same translation_key or path); give one of them another translation_key",
                    first.path.display()
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_cannot_escape_or_shadow_index_pages() {
        assert!(check_slug("../etc").is_err());
        assert!(check_slug("a/b").is_err());
        assert!(check_slug("").is_err());
        assert!(check_slug("منصة-مراكش").is_ok());
    }
}
