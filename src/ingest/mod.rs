//! `marsad ingest`: a raw article (scraped text, a saved web page, text copied from a PDF)
//! -> a briefing under `content/<lang>/`, with front matter worked out from the text and a
//! report of what an editor should review (issue 21).
//!
//! decode (bytes -> text) -> normalize (entities, NFKC) -> page (a saved page's metadata and
//! blocks) or lines (hard-wrapped text reflowed into paragraphs) -> detect (language) -> article (the classifier keeps the article's
//! lines; the masthead readers take date lines, bylines, datelines and credits) -> head (the
//! headline) -> dates (the date grammar, candidates ranked) -> source (evidence weighed
//! against the sources registry) -> tag (registry terms in the body) -> write.
//! Writing goes to a temporary file moved into place, so `content/` is never left with a
//! half-written briefing.

mod article;
mod chrome;
mod classify;
pub mod date_text;
pub mod decode;
pub mod detect;
mod head;
mod html;
mod line;
mod masthead;
mod normalize;
mod reflow;
mod source;
mod stopwords;
pub mod tag;
mod write;

pub use source::Source;
pub use write::{escape_markdown, write_plan};

use crate::config::SiteConfig;
use crate::dates::PartialDate;
use crate::fold::match_key;
use crate::front_matter::parse_document;
use crate::load::SourceFile;
use crate::taxonomy::Registry;
use line::Line;
use rustc_hash::{FxHashMap, FxHashSet};
use sha2::{Digest, Sha256};
use std::path::PathBuf;

/// What ingesting one input will do.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Path of the briefing relative to the site root (`content/en/x.md`).
    pub path: PathBuf,
    pub status: Status,
    pub lang: String,
    pub title: String,
    pub date: Option<PartialDate>,
    pub source: Option<Source>,
    pub topics: Vec<String>,
    pub actors: Vec<String>,
    pub places: Vec<String>,
    /// Front-matter fields an editor should check (`title` when it was built from a sentence).
    pub review: Vec<String>,
    /// Names in the text that the registry does not know.
    pub candidates: Vec<String>,
    /// Unknown names that may be a registry actor: (name, closest actor id).
    pub suggestions: Vec<(String, String)>,
    /// Lines removed as boilerplate.
    pub removed: Vec<String>,
    /// The body's paragraphs as plain text (the headline, when there is one, is not among
    /// them), before Markdown escaping.
    pub body: Vec<String>,
    /// The encoding the input was read in.
    pub encoding: &'static str,
    /// The complete file to write.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    New,
    /// `--force` replaces an existing file at this path.
    Replace,
    /// The same article was ingested before, into this file.
    AlreadyIngested(PathBuf),
}

#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    pub lang: Option<String>,
    pub force: bool,
    /// The legacy encoding of non-UTF input, when the user named one.
    pub encoding: Option<decode::Legacy>,
}

/// What `content/` already holds (ingest hashes and taken paths), what this run has planned
/// so far (two inputs of one run that would land on one path must not replace each other,
/// even with `--force`), and the lines that repeat across the run's inputs (site chrome
/// repeats from page to page; articles do not).
pub struct Existing {
    hashes: Vec<(String, PathBuf)>,
    paths: Vec<PathBuf>,
    planned: Vec<PathBuf>,
    repeated: FxHashSet<String>,
}

impl Existing {
    pub fn scan(content: &[SourceFile]) -> Existing {
        let mut hashes = Vec::new();
        for file in content {
            if let Ok(doc) = parse_document(file)
                && let Some(h) = doc.front.ingest_hash
            {
                hashes.push((h, file.path.clone()));
            }
        }
        Existing {
            hashes,
            paths: content.iter().map(|f| f.path.clone()).collect(),
            planned: Vec::new(),
            repeated: FxHashSet::default(),
        }
    }

    /// Notes the inputs of the run, so that lines two or more of them share are known as
    /// chrome. Inputs that cannot be read are skipped here (their own plan reports why).
    pub fn note_inputs<'a>(&mut self, inputs: impl IntoIterator<Item = &'a [u8]>) {
        let mut counts: FxHashMap<String, usize> = FxHashMap::default();
        for bytes in inputs {
            let Ok(decoded) = decode::decode(bytes) else {
                continue;
            };
            let keys: FxHashSet<String> = read_lines(&decoded.text)
                .1
                .iter()
                .map(|l| match_key(&l.text))
                .filter(|k| !k.is_empty())
                .collect();
            for k in keys {
                *counts.entry(k).or_default() += 1;
            }
        }
        self.repeated
            .extend(counts.into_iter().filter(|(_, n)| *n >= 2).map(|(k, _)| k));
    }
}

/// The text's lines, through a saved page's markup when it is one, normalized.
fn read_lines(text: &str) -> (Option<html::PageMeta>, Vec<Line>) {
    if html::is_html(text) {
        let page = html::read_page(text);
        (Some(page.meta), page.lines)
    } else {
        let normalized: Vec<String> = normalize::normalize_text(text)
            .lines()
            .map(str::to_string)
            .collect();
        let lines = reflow::reflow(normalized)
            .into_iter()
            .filter(|l| !l.is_empty())
            .map(Line::plain)
            .collect();
        (None, lines)
    }
}

/// The article's paragraphs in any text (plain or a saved page), as ingest would keep them,
/// with no site: what the fuzz tests feed hostile text.
pub fn article_text(text: &str) -> Vec<String> {
    let (_, lines) = read_lines(text);
    let all: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    let lang = detect::detect_language(&all.join("\n")).unwrap_or("en");
    let repeated = FxHashSet::default();
    let article = article::read_article(
        lines,
        &classify::Context {
            lang,
            repeated: &repeated,
        },
    );
    article
        .text
        .iter()
        .map(|&i| article.lines[i].text.clone())
        .collect()
}

/// Works out the briefing for one input.
pub fn plan(
    bytes: &[u8],
    config: &SiteConfig,
    registry: &Registry,
    existing: &mut Existing,
    options: &IngestOptions,
) -> Result<Plan, String> {
    let hash = format!("sha256:{:x}", Sha256::digest(bytes));
    let decoded = decode::decode_as(bytes, options.encoding)?;
    let (meta, lines) = read_lines(&decoded.text);
    let meta = meta.unwrap_or_default();
    if lines.is_empty() {
        return Err("nothing is left once boilerplate is removed".into());
    }
    let all_text: String = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let lang = match &options.lang {
        Some(l) => l.clone(),
        None => match detect::detect_language(&all_text) {
            Ok(l) => l.to_string(),
            Err(_) if nothing_left(&lines, &existing.repeated) => {
                return Err("nothing is left once boilerplate is removed".into());
            }
            Err(e) => meta.lang.clone().ok_or(e)?,
        },
    };
    if !config.languages.iter().any(|l| l.lang.as_str() == lang) {
        return Err(format!(
            "language `{lang}` is not an interface language of this site"
        ));
    }
    let cx = classify::Context {
        lang: &lang,
        repeated: &existing.repeated,
    };
    let article = article::read_article(lines, &cx);
    if article.text.is_empty() && article.head.is_empty() {
        return Err("nothing is left once boilerplate is removed".into());
    }
    let lang_ix = config
        .languages
        .iter()
        .position(|l| l.lang.as_str() == lang)
        .unwrap_or(0);
    let outlets = source::Outlets::new(registry, lang_ix);
    // An outlet is one the registry knows, or one this very page names as itself elsewhere
    // (its site name, a credit, a copyright).
    let named: Vec<String> = meta
        .site_name
        .iter()
        .chain(article.credits.iter().map(|(_, n)| n))
        .map(|n| match_key(n))
        .collect();
    let is_outlet = |name: &str| outlets.find(name).is_some() || named.contains(&match_key(name));
    let headline = head::choose_headline(
        &article.head,
        &head::HeadContext {
            meta_title: meta.title.as_deref(),
            text_start: article.text.first().copied().unwrap_or(article.lines.len()),
            is_outlet: &is_outlet,
            repeated: &existing.repeated,
        },
    );
    let mut paragraphs: Vec<String> = article
        .text
        .iter()
        .filter(|i| headline.as_ref().is_none_or(|h| !h.lines.contains(i)))
        .map(|&i| article.lines[i].text.clone())
        .collect();
    let removed: Vec<String> = (0..article.lines.len())
        .filter(|i| !article.text.contains(i))
        .filter(|i| headline.as_ref().is_none_or(|h| !h.lines.contains(i)))
        .map(|i| article.lines[i].text.clone())
        .collect();
    let mut review = Vec::new();
    let title = match &headline {
        Some(h) => h.text.clone(),
        None if !paragraphs.is_empty() => {
            review.push("title".to_string());
            detect::title_from_sentence(&paragraphs[0])
        }
        None => return Err("nothing is left once boilerplate is removed".into()),
    };
    if paragraphs.is_empty() {
        paragraphs.push(title.clone());
    }
    let date = meta
        .published
        .or_else(|| pick_date(&article.dates, headline.as_ref()))
        .or_else(|| paragraphs.first().and_then(|lead| detect::find_date(lead)))
        .or_else(|| {
            // A date only in the page's URL, or in a URL line of the text.
            meta.url
                .iter()
                .chain(
                    article
                        .lines
                        .iter()
                        .map(|l| &l.text)
                        .filter(|t| t.contains("://")),
                )
                .find_map(|u| date_text::date_in_url(u))
        });
    let mut tags = tag::tag(&format!("{title}\n{}", paragraphs.join("\n")), registry);
    let found = source::find_source(
        &source::Evidence {
            article: &article,
            meta: &meta,
            headline_suffix: headline.as_ref().and_then(|h| h.suffix.as_deref()),
        },
        &outlets,
        registry,
    );
    // The dateline's place is where the article is from: it goes first, when the text
    // names it too (a reporter may file from elsewhere than the event).
    for p in found.dateline_places.into_iter().rev() {
        if let Some(i) = tags.places.iter().position(|q| *q == p) {
            tags.places.remove(i);
            tags.places.insert(0, p);
        }
    }
    for (spelling, id) in &tags.variants {
        review.push(format!("actor {id} spelled {spelling}"));
    }
    if let Some(s) = &found.source
        && s.id.is_none()
    {
        review.push(format!("source {} is not in the sources registry", s.name));
    }
    let slug = slug_for(&title);
    let path = PathBuf::from(crate::load::CONTENT_DIR)
        .join(&lang)
        .join(format!("{slug}.md"));
    let status = if let Some((_, at)) = existing.hashes.iter().find(|(h, _)| *h == hash) {
        Status::AlreadyIngested(at.clone())
    } else if existing.planned.contains(&path) {
        return Err(format!(
            "{} is where an earlier input of this run goes (same title); ingest this one on its own once that one has another title",
            path.display()
        ));
    } else if existing.paths.contains(&path) {
        if !options.force {
            return Err(format!(
                "{} already exists (another article, or an older version of this one); pass --force to replace it",
                path.display()
            ));
        }
        Status::Replace
    } else {
        Status::New
    };
    let mut plan = Plan {
        path,
        status,
        lang,
        title,
        date,
        source: found.source,
        topics: tags.topics,
        actors: tags.actors,
        places: tags.places,
        review,
        candidates: tags.candidates,
        suggestions: tags.suggestions,
        removed,
        body: paragraphs,
        encoding: decoded.encoding,
        text: String::new(),
    };
    plan.text = write::render_file(&plan, &hash);
    if !matches!(plan.status, Status::AlreadyIngested(_)) {
        existing.planned.push(plan.path.clone());
        existing.hashes.push((hash, plan.path.clone()));
    }
    Ok(plan)
}

/// Whether no line of the input reads as text at all (every one chrome), whatever its
/// language: then that, not the language, is what to report.
fn nothing_left(lines: &[Line], repeated: &FxHashSet<String>) -> bool {
    // Input without letters is no chrome either: its language is what cannot be told.
    if !lines
        .iter()
        .any(|l| l.text.chars().any(char::is_alphabetic))
    {
        return false;
    }
    let cx = classify::Context {
        lang: "en",
        repeated,
    };
    let article = article::read_article(lines.to_vec(), &cx);
    article.text.is_empty() && article.head.is_empty()
}

/// The masthead's date: the best rank first, and among dates of one rank those printed
/// after the headline (a page's header may print today's date above it).
fn pick_date(
    dates: &[(article::DateRank, usize, PartialDate)],
    headline: Option<&head::Headline>,
) -> Option<PartialDate> {
    let after = headline.and_then(|h| h.lines.first().copied()).unwrap_or(0);
    dates
        .iter()
        .min_by_key(|(rank, line, _)| (*rank, *line < after, *line))
        .map(|(_, _, d)| *d)
}

/// The briefing's file name: `marsad new`'s rule ([`crate::new::file_slug`]); a title with
/// no letters (never the case for a title ingest made) gives `briefing`.
fn slug_for(title: &str) -> String {
    crate::new::file_slug(title).unwrap_or_else(|_| "briefing".into())
}
