//! `marsad ingest`: a raw scraped article -> a briefing under `content/<lang>/`, with front
//! matter worked out from the text and a report of what an editor should review.
//!
//! decode (bytes -> text) -> clean (boilerplate out, dateline and credit aside) -> detect
//! (language, headline, date) -> tag (registry terms, candidate names) -> plan -> write.
//! Writing goes to a temporary file renamed into place, so `content/` is never left with a
//! half-written briefing.

mod boilerplate;
pub mod clean;
pub mod date_text;
pub mod decode;
pub mod detect;
mod masthead;
pub mod tag;

use crate::config::SiteConfig;
use crate::dates::PartialDate;
use crate::front_matter::parse_document;
use crate::load::SourceFile;
use crate::taxonomy::Registry;
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
    pub source: Option<String>,
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

/// What `content/` already holds (ingest hashes and taken paths), and what this run has
/// planned so far: two inputs of one run that would land on one path must not replace each
/// other, even with `--force`.
pub struct Existing {
    hashes: Vec<(String, PathBuf)>,
    paths: Vec<PathBuf>,
    planned: Vec<PathBuf>,
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
        }
    }
}

/// Works out the briefing for one input. `name` is how errors name the input.
pub fn plan(
    bytes: &[u8],
    config: &SiteConfig,
    registry: &Registry,
    existing: &mut Existing,
    options: &IngestOptions,
) -> Result<Plan, String> {
    let hash = format!("sha256:{:x}", Sha256::digest(bytes));
    let decoded = decode::decode_as(bytes, options.encoding)?;
    let cleaned = clean::clean(&decoded.text);
    if cleaned.paragraphs.is_empty() {
        return Err("nothing is left once boilerplate is removed".into());
    }
    let all_text = cleaned.paragraphs.join("\n");
    let lang = match &options.lang {
        Some(l) => l.clone(),
        None => detect::detect_language(&all_text)?.to_string(),
    };
    if !config.languages.iter().any(|l| l.lang.as_str() == lang) {
        return Err(format!(
            "language `{lang}` is not an interface language of this site"
        ));
    }
    let mut paragraphs = cleaned.paragraphs.clone();
    let mut review = Vec::new();
    let title = if paragraphs.len() > 1 && detect::is_headline(&paragraphs[0]) {
        paragraphs.remove(0)
    } else {
        review.push("title".to_string());
        detect::title_from_sentence(&paragraphs[0])
    };
    let date = cleaned
        .date
        .or_else(|| paragraphs.first().and_then(|lead| detect::find_date(lead)));
    let mut tags = tag::tag(&format!("{title}\n{}", paragraphs.join("\n")), registry);
    let (dateline_source, dateline_places) = match &cleaned.dateline {
        Some(d) => read_dateline(d, registry),
        None => (None, Vec::new()),
    };
    // The dateline's place is where the article is from: it goes first, when the text
    // names it too (a reporter may file from elsewhere than the event).
    for p in dateline_places.into_iter().rev() {
        if let Some(i) = tags.places.iter().position(|q| *q == p) {
            tags.places.remove(i);
            tags.places.insert(0, p);
        }
    }
    for (spelling, id) in &tags.variants {
        review.push(format!("actor {id} spelled {spelling}"));
    }
    let source = cleaned
        .agency
        .clone()
        .or(dateline_source)
        .or_else(|| cleaned.credit.clone())
        .or_else(|| cleaned.signature.clone());
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
        source,
        topics: tags.topics,
        actors: tags.actors,
        places: tags.places,
        review,
        candidates: tags.candidates,
        suggestions: tags.suggestions,
        removed: cleaned.removed,
        body: paragraphs,
        encoding: decoded.encoding,
        text: String::new(),
    };
    plan.text = render_file(&plan, &hash);
    if !matches!(plan.status, Status::AlreadyIngested(_)) {
        existing.planned.push(plan.path.clone());
        existing.hashes.push((hash, plan.path.clone()));
    }
    Ok(plan)
}

/// A dateline's source and places. A part the registry knows as a place is a place; of the
/// others, the source is the one the separator puts in the source's seat (`Source / Place`,
/// `Place - Source`). A newsroom's generic credit (`متابعة`, "staff") names no source.
fn read_dateline(d: &clean::Dateline, registry: &Registry) -> (Option<String>, Vec<String>) {
    // In natural spelling, compared by their keys.
    const GENERIC: &[&str] = &[
        "متابعة",
        "staff",
        "staff writer",
        "rédaction",
        "la rédaction",
    ];
    let mut places = Vec::new();
    let mut others = Vec::new();
    for part in &d.parts {
        let found = tag::tag(part, registry).places;
        if found.is_empty() {
            others.push(part.clone());
        } else {
            places.extend(found);
        }
    }
    let pick = if d.source_first {
        others.first()
    } else {
        others.last()
    };
    let source = pick
        .filter(|s| {
            let key = crate::fold::match_key(s);
            !GENERIC.iter().any(|g| crate::fold::match_key(g) == key)
        })
        .cloned();
    (source, places)
}

/// The briefing's file name: `marsad new`'s rule ([`crate::new::file_slug`]); a title with
/// no letters (never the case for a title ingest made) gives `briefing`.
fn slug_for(title: &str) -> String {
    crate::new::file_slug(title).unwrap_or_else(|_| "briefing".into())
}

fn render_file(plan: &Plan, hash: &str) -> String {
    let front = crate::front_matter::FrontMatter {
        title: plan.title.clone(),
        date: plan.date,
        lang: Some(plan.lang.clone()),
        source: plan
            .source
            .as_ref()
            .map(|name| crate::front_matter::SourceRef {
                name: name.clone(),
                url: None,
            }),
        topics: plan.topics.clone(),
        actors: plan.actors.clone(),
        places: plan.places.clone(),
        review: plan.review.clone(),
        ingest_hash: Some(hash.to_string()),
        ..Default::default()
    };
    let mut out =
        crate::front_matter::write_front_matter(&front, crate::front_matter::EmptyLists::Omitted);
    out.push('\n');
    for p in &plan.body {
        out.push_str(&escape_markdown(p));
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// Plain text as Markdown that renders as the same text: markup characters escaped, and
/// line starts that Markdown would read as headings, lists or quotes neutralized.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    let starts_block = out.starts_with(['-', '+', '='])
        || out.split_once(['.', ')']).is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 9 && n.bytes().all(|b| b.is_ascii_digit())
        });
    if starts_block {
        out.insert(0, '\\');
    }
    out
}

/// Writes the planned file: a temporary file beside it, then moved into place whole. Only
/// [`Status::Replace`] (`--force`) may replace a file; otherwise the move is a hard link,
/// which fails if the name was taken meanwhile (by another run, or an editor), so the check
/// and the write are one step and nothing is overwritten by a race.
pub fn write_plan(root: &std::path::Path, plan: &Plan) -> Result<(), String> {
    let target = root.join(&plan.path);
    let dir = target.parent().ok_or("no folder for the briefing")?;
    crate::fs::create_dir_all(dir).map_err(|d| d.message)?;
    if plan.status == Status::Replace {
        return crate::fs::replace_file(&target, plan.text.as_bytes()).map_err(|d| d.message);
    }
    crate::fs::write_new_file(&target, plan.text.as_bytes())
        .map_err(|d| d.message)?
        .then_some(())
        .ok_or_else(|| {
            format!(
                "{} already exists (written since this run began); pass --force to replace it",
                plan.path.display()
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping_keeps_text_as_text() {
        assert_eq!(escape_markdown("# not a heading"), "\\# not a heading");
        assert_eq!(escape_markdown("1. not a list"), "\\1. not a list");
        assert_eq!(escape_markdown("- dash"), "\\- dash");
        assert_eq!(
            escape_markdown("a <b> *c* [d]"),
            "a \\<b\\> \\*c\\* \\[d\\]"
        );
    }
}
