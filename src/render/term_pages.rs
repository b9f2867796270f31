//! Term index pages (`/<lang>/topics/`) and term pages (`/<lang>/topics/<id>/`), and the term
//! links shown on briefing pages.

use super::views::{ListView, TermLink};
use super::{
    ChromeSpec, Page, PageJob, PageKind, RenderContext, View, chrome, list_view, message, page_of,
    page_title, page_view,
};
use crate::error::Diagnostic;
use crate::resolve::BriefingId;
use crate::taxonomy::{TaxonomyKind, TermId};
use serde::Serialize;

/// Every term of one kind, for one interface language.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct TermIndexView {
    pub kind: &'static str,
    pub terms: Vec<TermEntry>,
}

#[derive(Debug, Clone, Hash, Serialize)]
pub struct TermEntry {
    pub name: String,
    pub href: String,
    pub count: usize,
    /// Language and direction of the name as shown: unregistered names keep the script they
    /// were written in, so an Arabic name in the English index still gets `dir="rtl"`.
    pub lang: String,
    pub dir: &'static str,
}

/// One term's page: its names, related terms (actors), and its briefings.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct TermView {
    pub kind: &'static str,
    pub name: String,
    pub id: String,
    /// The term's name in every interface language (shown on actor pages).
    pub names: Vec<TermLink>,
    pub related_topics: Vec<TermLink>,
    pub related_actors: Vec<TermLink>,
    /// Briefings per year; none when none of the term's briefings is dated.
    pub timeline: Option<super::timeline::TimelineView>,
}

/// Root-relative URL of term `term`'s first page in interface language `lang`.
fn term_href(ctx: &RenderContext, lang: usize, term: TermId) -> String {
    let page = PageJob::Term {
        lang,
        term,
        page: 1,
    };
    ctx.urls.path(&page.site_path(ctx))
}

/// A term as a link in interface language `lang`.
pub(super) fn term_link(ctx: &RenderContext, lang: usize, term: TermId) -> TermLink {
    let t = &ctx.taxonomies.terms[term];
    let name = t.names[lang].clone();
    let (name_lang, dir) = name_language(ctx, lang, &name);
    TermLink {
        name,
        href: term_href(ctx, lang, term),
        lang: name_lang,
        dir,
    }
}

/// Registered names are written in the interface language; an unregistered name may be in
/// any script, so its direction is guessed from its first strong letter.
fn name_language(ctx: &RenderContext, lang: usize, name: &str) -> (String, &'static str) {
    let lc = &ctx.config.languages[lang];
    let rtl_script = name
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(is_rtl_letter);
    match (lc.direction, rtl_script) {
        (crate::lang::Direction::Rtl, true) | (crate::lang::Direction::Ltr, false) => {
            (lc.lang.to_string(), lc.direction.as_str())
        }
        (_, true) => {
            let rtl = ctx
                .config
                .languages
                .iter()
                .find(|l| l.direction == crate::lang::Direction::Rtl);
            (rtl.map_or(String::new(), |l| l.lang.to_string()), "rtl")
        }
        (_, false) => (String::new(), "ltr"),
    }
}

fn is_rtl_letter(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

pub(super) fn term_links(
    ctx: &RenderContext,
    lang: usize,
    briefing: BriefingId,
    kind: TaxonomyKind,
) -> Vec<TermLink> {
    ctx.taxonomies.of_briefing[briefing][kind.index()]
        .iter()
        .map(|&t| ctx.term_links[lang][t].clone())
        .collect()
}

pub(super) fn term_index_view(
    ctx: &RenderContext,
    lang: usize,
    kind: TaxonomyKind,
) -> Result<View, Diagnostic> {
    let job = PageJob::TermIndex { lang, kind };
    let terms = ctx.taxonomies.order[lang][kind.index()]
        .iter()
        .map(|&t| {
            let link = ctx.term_links[lang][t].clone();
            TermEntry {
                name: link.name,
                href: link.href,
                count: ctx.taxonomies.terms[t].briefings.len(),
                lang: link.lang,
                dir: link.dir,
            }
        })
        .collect();
    let chrome = chrome(
        ctx,
        lang,
        ChromeSpec {
            kind: "term-index",
            title: page_title(
                ctx,
                lang,
                &[message(ctx, lang, &format!("nav-{}", kind.as_str()), &[])?],
            ),
            description: String::new(),
            job,
            prev: None,
            next: None,
            feed: None,
            json_ld: None,
        },
    );
    let view = TermIndexView {
        kind: kind.as_str(),
        terms,
    };
    let page = Page::new(chrome, ctx, lang, PageKind::TermIndex(view));
    Ok(page_view(ctx, "terms.html", job, page, None, None))
}

pub(super) fn term_view(
    ctx: &RenderContext,
    lang: usize,
    term: TermId,
    page: usize,
) -> Result<View, Diagnostic> {
    let t = &ctx.taxonomies.terms[term];
    let job = PageJob::Term { lang, term, page };
    let link = term_link(ctx, lang, term);
    let (list, items): (ListView, _) =
        list_view(ctx, job, "term", link.name.clone(), &t.briefings, page);
    let related = |kind: TaxonomyKind| -> Vec<TermLink> {
        ctx.taxonomies.related.get(term).map_or(Vec::new(), |r| {
            r.iter()
                .filter(|(o, _)| ctx.taxonomies.terms[*o].kind == kind)
                .map(|(o, _)| ctx.term_links[lang][*o].clone())
                .collect()
        })
    };
    // An actor's name in each script; languages that write it the same way share one entry.
    let mut names: Vec<TermLink> = Vec::new();
    if t.kind == TaxonomyKind::Actors && t.registered {
        for (j, l) in ctx.config.languages.iter().enumerate() {
            if names.iter().any(|n| n.name == t.names[j]) {
                continue;
            }
            names.push(TermLink {
                name: t.names[j].clone(),
                href: term_href(ctx, j, term),
                lang: l.lang.to_string(),
                dir: l.direction.as_str(),
            });
        }
    }
    let view = TermView {
        kind: t.kind.as_str(),
        name: link.name.clone(),
        id: t.id.clone(),
        names,
        related_topics: related(TaxonomyKind::Topics),
        related_actors: related(TaxonomyKind::Actors),
        timeline: super::timeline::timeline(ctx, lang, term),
    };
    let chrome = chrome(
        ctx,
        lang,
        ChromeSpec {
            kind: "term",
            title: {
                let mut parts = vec![link.name.clone()];
                parts.extend(page_of(ctx, lang, &list.pagination)?);
                parts.push(message(
                    ctx,
                    lang,
                    &format!("nav-{}", t.kind.as_str()),
                    &[],
                )?);
                page_title(ctx, lang, &parts)
            },
            description: String::new(),
            job,
            prev: list.pagination.prev.clone(),
            next: list.pagination.next.clone(),
            feed: Some(term),
            json_ld: None,
        },
    );
    let page = Page::new(chrome, ctx, lang, PageKind::Term { list, term: view });
    Ok(page_view(ctx, "term.html", job, page, None, Some(items)))
}
