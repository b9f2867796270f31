//! Atom feeds: one per interface language (`/<lang>/atom.xml`, every briefing whatever its
//! language, like the home page) and one per term (`/<lang>/<kind>/<id>/atom.xml`).
//!
//! Atom requires a date on every entry; marsad never invents one, so undated briefings are
//! left out of feeds (they stay on every list page), and a feed with no dated entry is not
//! written at all.

use super::xml::xml_text;
use super::{Output, PageJob, RenderContext};
use crate::error::Diagnostic;
use crate::resolve::BriefingId;
use crate::taxonomy::{TaxonomyKind, TermId};
use serde::Serialize;

/// Entries per feed: the newest ones.
pub const FEED_ENTRIES: usize = 50;

/// True if the feed has at least one dated entry (and is therefore written).
pub fn has_feed(ctx: &RenderContext, term: Option<TermId>) -> bool {
    entries(ctx, term).next().is_some()
}

fn entries<'c>(
    ctx: &'c RenderContext,
    term: Option<TermId>,
) -> Box<dyn Iterator<Item = BriefingId> + 'c> {
    let dated = |&id: &BriefingId| ctx.site.briefings[id].date.is_some();
    match term {
        None => Box::new((0..ctx.site.briefings.len()).filter(dated)),
        Some(t) => Box::new(
            ctx.taxonomies.terms[t]
                .briefings
                .iter()
                .copied()
                .filter(dated),
        ),
    }
}

/// A feed before rendering: its head and its entries by briefing. Each entry is a function
/// of (briefing, interface language) alone ([`feed_entry`]), so each is built once per build
/// ([`RenderContext::entry_value`]) and the view's hash uses [`RenderContext::entry_hash`].
pub struct FeedView {
    /// The output file.
    pub path: String,
    pub head: FeedHead,
    pub lang: usize,
    pub entries: Vec<BriefingId>,
}

/// What `templates/atom.xml` gets as `feed`. Text is XML-safe already ([`xml_text`]): the
/// template's autoescaping does the rest, so an overriding template cannot break the XML.
#[derive(Serialize)]
pub struct FeedHead {
    pub lang: String,
    pub title: String,
    pub subtitle: String,
    pub self_url: String,
    pub alternate: String,
    pub updated: String,
    pub author_name: String,
    pub author_uri: String,
}

/// What `templates/atom.xml` gets for each of `entries`.
#[derive(Serialize)]
pub struct FeedEntry {
    pub lang: String,
    pub title: String,
    pub url: String,
    pub date: String,
    pub summary: String,
    pub categories: Vec<FeedCategory>,
}

#[derive(Serialize)]
pub struct FeedCategory {
    pub term: String,
    pub label: String,
}

pub fn feed_view(ctx: &RenderContext, lang: usize, term: Option<TermId>) -> FeedView {
    let lc = &ctx.config.languages[lang];
    let (title, page) = match term {
        None => (lc.title.clone(), PageJob::Home { lang, page: 1 }),
        Some(t) => (
            format!("{} | {}", ctx.term_links[lang][t].name, lc.title),
            PageJob::Term {
                lang,
                term: t,
                page: 1,
            },
        ),
    };
    let feed = PageJob::Feed { lang, term };
    let ids: Vec<BriefingId> = entries(ctx, term).take(FEED_ENTRIES).collect();
    let updated = ids
        .iter()
        .filter_map(|&id| ctx.site.briefings[id].date)
        .max()
        .map_or_else(String::new, |d| d.rfc3339());
    FeedView {
        path: feed.output_file(ctx),
        head: FeedHead {
            lang: lc.lang.to_string(),
            title: xml_text(&title),
            subtitle: xml_text(&lc.description),
            self_url: ctx.urls.absolute(&feed.site_path(ctx)),
            alternate: ctx.urls.absolute(&page.site_path(ctx)),
            updated,
            author_name: xml_text(&lc.title),
            author_uri: ctx.frames[lang].home_absolute.clone(),
        },
        lang,
        entries: ids,
    }
}

/// Renders a feed with the site's `atom.xml` template (the built-in one by default).
pub fn render_feed(ctx: &RenderContext, view: FeedView) -> Result<Output, Diagnostic> {
    let entries: Vec<tera::Value> = view
        .entries
        .iter()
        .map(|&id| ctx.entry_value(id, view.lang).clone())
        .collect();
    let mut context = tera::Context::new();
    context.insert("feed", &view.head);
    context.insert_value("entries", tera::Value::from(entries));
    let bytes = ctx
        .templates
        .render_bytes(FEED_TEMPLATE, &context)
        .map_err(|e| super::templates::template_diagnostic(&e, None))?;
    Ok(Output {
        path: view.path,
        bytes,
    })
}

/// The template every feed is written with.
pub const FEED_TEMPLATE: &str = "atom.xml";

/// Briefing `id`'s entry as feeds in interface language `lang` show it.
pub fn feed_entry(ctx: &RenderContext, lang: usize, id: BriefingId) -> FeedEntry {
    let b = &ctx.site.briefings[id];
    FeedEntry {
        lang: b.lang.to_string(),
        title: xml_text(&b.title),
        url: ctx.absolute[id].clone(),
        date: b.date.map_or_else(String::new, |d| d.rfc3339()),
        summary: xml_text(&b.summary),
        categories: ctx.taxonomies.of_briefing[id][TaxonomyKind::Topics.index()]
            .iter()
            .map(|&t| FeedCategory {
                term: xml_text(&ctx.taxonomies.terms[t].id),
                label: xml_text(&ctx.term_links[lang][t].name),
            })
            .collect(),
    }
}
