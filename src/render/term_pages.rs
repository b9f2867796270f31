//! Term index pages (`/<lang>/topics/`) and term pages (`/<lang>/topics/<id>/`), and the term
//! links shown on briefing pages.

use super::views::{ListView, TermLink};
use super::{
    ChromeSpec, Page, PageContent, PageJob, RenderContext, View, chrome, list_view, message,
    page_of, page_title, page_view,
};
use crate::error::Diagnostic;
use crate::ids::{BriefingId, LangIx, TermId};
use crate::model::{FeedScope, ListKey};
use crate::taxonomy::TaxonomyKind;
use serde::Serialize;

/// Every term of one kind, for one interface language.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct TermIndexView {
    pub kind: &'static str,
    pub terms: Vec<TermEntry>,
    /// The map of places (the places index).
    pub map: Option<super::map::MapView>,
    /// The kind's relations page, if it has one.
    pub relations: Option<String>,
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

/// One term's page: its names, the terms that appear with it, and its briefings.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct TermView {
    pub kind: &'static str,
    pub name: String,
    pub id: String,
    /// The term's name in every interface language (shown on actor pages).
    pub names: Vec<TermLink>,
    /// The terms that appear with it most often, one list per kind its page lists
    /// ([`TaxonomyKind::co_occurring`]), kinds with none left out.
    pub appears_with: Vec<AppearsWith>,
    /// Briefings per year; none when none of the term's briefings is dated.
    pub timeline: Option<super::timeline::TimelineView>,
    /// The map of places (place pages).
    pub map: Option<super::map::MapView>,
    /// The kind's relations page, if it has one.
    pub relations: Option<String>,
}

/// The terms of one kind that appear with a term, most often first.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct AppearsWith {
    pub kind: &'static str,
    pub terms: Vec<CountedLink>,
}

/// A term as a link with how many briefings it shares with the page's term.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct CountedLink {
    #[serde(flatten)]
    pub link: TermLink,
    pub count: usize,
    /// The count in the interface language's digits.
    pub count_label: String,
}

/// Root-relative URL of a kind's relations page, if it has one.
fn relations_href(ctx: &RenderContext, lang: LangIx, kind: TaxonomyKind) -> Option<String> {
    kind.has_relations_page().then(|| {
        ctx.urls
            .path(&PageJob::Relations { lang, kind }.site_path(&ctx.model))
    })
}

/// Root-relative URL of term `term`'s first page in interface language `lang`.
fn term_href(ctx: &RenderContext, lang: LangIx, term: TermId) -> String {
    let page = PageJob::List {
        lang,
        list: ListKey::Term(term),
        page: 1,
    };
    ctx.urls.path(&page.site_path(&ctx.model))
}

/// A term as a link in interface language `lang`.
pub(super) fn term_link(ctx: &RenderContext, lang: LangIx, term: TermId) -> TermLink {
    let t = ctx.model.term(term);
    let name = t.names[lang.index()].clone();
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
fn name_language(ctx: &RenderContext, lang: LangIx, name: &str) -> (String, &'static str) {
    let lc = ctx.model.language(lang);
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
                .model
                .config()
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
    lang: LangIx,
    briefing: BriefingId,
    kind: TaxonomyKind,
) -> Vec<TermLink> {
    ctx.model
        .terms_of(briefing, kind)
        .iter()
        .map(|&t| ctx.term_link(lang, t).clone())
        .collect()
}

pub(super) fn term_index_view(
    ctx: &RenderContext,
    lang: LangIx,
    kind: TaxonomyKind,
) -> Result<View, Diagnostic> {
    let job = PageJob::TermIndex { lang, kind };
    let terms = ctx
        .model
        .terms_in_order(lang, kind)
        .iter()
        .map(|&t| {
            let link = ctx.term_link(lang, t).clone();
            TermEntry {
                name: link.name,
                href: link.href,
                count: ctx.model.term_count_in_index(t),
                lang: link.lang,
                dir: link.dir,
            }
        })
        .collect();
    let chrome = chrome(
        ctx,
        lang,
        ChromeSpec {
            title: page_title(
                ctx,
                lang,
                &[message(ctx, lang, &format!("nav-{}", kind.as_str()), &[])?],
            ),
            description: String::new(),
            job,
            prev: None,
            next: None,
            feed: FeedScope::Language,
            json_ld: None,
        },
    );
    let view = TermIndexView {
        kind: kind.as_str(),
        terms,
        map: if kind.has_geometry() {
            super::map::place_map(ctx, lang, None)
        } else {
            None
        },
        relations: relations_href(ctx, lang, kind),
    };
    let page = Page::new(chrome, ctx, lang, PageContent::TermIndex(view));
    Ok(page_view(ctx, "terms.html", job, page, None, None))
}

pub(super) fn term_view(
    ctx: &RenderContext,
    lang: LangIx,
    term: TermId,
    page: usize,
) -> Result<View, Diagnostic> {
    let model = &ctx.model;
    let t = model.term(term);
    let job = PageJob::List {
        lang,
        list: ListKey::Term(term),
        page,
    };
    let link = ctx.term_link(lang, term).clone();
    let (list, items): (ListView, _) = list_view(ctx, job, link.name.clone());
    // What appears with the term and the map are the term's portrait: its first page shows
    // them, the later pages of its list only continue the list (a term with 400 briefings
    // would otherwise repeat them on 20 pages in every language).
    let first_page = page <= 1;
    let co_occurring: &[(TermId, usize)] = if first_page {
        model.term_related(term)
    } else {
        &[]
    };
    let appears_with = t
        .kind
        .co_occurring()
        .iter()
        .map(|&kind| AppearsWith {
            kind: kind.as_str(),
            terms: co_occurring
                .iter()
                .filter(|(o, _)| model.term(*o).kind == kind)
                .map(|&(o, count)| CountedLink {
                    link: ctx.term_link(lang, o).clone(),
                    count,
                    count_label: ctx.number(lang, count),
                })
                .collect(),
        })
        .filter(|a| !a.terms.is_empty())
        .collect();
    // The term's name in each script; languages that write it the same way share one entry.
    let mut names: Vec<TermLink> = Vec::new();
    if t.kind.shows_names() && t.registered {
        for j in model.languages() {
            let l = model.language(j);
            if names.iter().any(|n| n.name == t.names[j.index()]) {
                continue;
            }
            names.push(TermLink {
                name: t.names[j.index()].clone(),
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
        appears_with,
        timeline: super::timeline::timeline(ctx, lang, term),
        map: if first_page {
            super::map::place_map(ctx, lang, Some(term))
        } else {
            None
        },
        relations: relations_href(ctx, lang, t.kind).filter(|_| first_page),
    };
    let chrome = chrome(
        ctx,
        lang,
        ChromeSpec {
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
            feed: FeedScope::Term(term),
            json_ld: None,
        },
    );
    let page = Page::new(chrome, ctx, lang, PageContent::Term { list, term: view });
    Ok(page_view(ctx, "term.html", job, page, None, Some(items)))
}
