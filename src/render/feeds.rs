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
/// of (briefing, interface language) alone ([`feed_entry`]): its parts are converted once
/// per build ([`RenderContext::entry_values`], [`RenderContext::category_value`]) and the
/// view's hash uses [`RenderContext::entry_hash`].
pub struct FeedView {
    /// The output file.
    pub path: String,
    pub head: FeedHead,
    pub lang: usize,
    pub entries: Vec<BriefingId>,
}

/// What `templates/atom.xml` gets as `feed`. Text is XML-safe already ([`xml_text`]): the
/// template's autoescaping does the rest, so an overriding template cannot break the XML.
#[derive(Hash, Serialize)]
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
#[derive(Hash, Serialize)]
pub struct FeedEntry {
    pub lang: String,
    pub title: String,
    pub url: String,
    pub date: String,
    pub summary: String,
    pub categories: Vec<FeedCategory>,
}

#[derive(Hash, Serialize)]
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
        .map(|&id| entry_value(ctx, view.lang, id))
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
    let EntryText {
        lang: entry_lang,
        title,
        url,
        date,
        summary,
    } = entry_text(ctx, id);
    FeedEntry {
        lang: entry_lang,
        title,
        url,
        date,
        summary,
        categories: topics(ctx, id)
            .iter()
            .map(|&t| feed_category(ctx, lang, t))
            .collect(),
    }
}

/// The fields of briefing `id`'s entry that are the same in every interface language.
struct EntryText {
    lang: String,
    title: String,
    url: String,
    date: String,
    summary: String,
}

fn entry_text(ctx: &RenderContext, id: BriefingId) -> EntryText {
    let b = &ctx.site.briefings[id];
    EntryText {
        lang: b.lang.to_string(),
        title: xml_text(&b.title),
        url: ctx.absolute[id].clone(),
        date: b.date.map_or_else(String::new, |d| d.rfc3339()),
        summary: xml_text(&b.summary),
    }
}

/// The terms an entry lists as categories.
fn topics(ctx: &RenderContext, id: BriefingId) -> &[TermId] {
    &ctx.taxonomies.of_briefing[id][TaxonomyKind::Topics.index()]
}

/// Term `term` as a category of entries in interface language `lang`.
fn feed_category(ctx: &RenderContext, lang: usize, term: TermId) -> FeedCategory {
    FeedCategory {
        term: xml_text(&ctx.taxonomies.terms[term].id),
        label: xml_text(&ctx.term_links[lang][term].name),
    }
}

/// The fields of [`EntryText`] as tera values, converted once per build for each briefing
/// in a feed and shared by its entries in every interface language.
pub struct EntryValues {
    lang: tera::Value,
    title: tera::Value,
    url: tera::Value,
    date: tera::Value,
    summary: tera::Value,
}

pub fn entry_values(ctx: &RenderContext, id: BriefingId) -> EntryValues {
    let t = entry_text(ctx, id);
    EntryValues {
        lang: tera::Value::from_serializable(&t.lang),
        title: tera::Value::from_serializable(&t.title),
        url: tera::Value::from_serializable(&t.url),
        date: tera::Value::from_serializable(&t.date),
        summary: tera::Value::from_serializable(&t.summary),
    }
}

/// Term `term` as a category in each interface language, as tera values.
pub fn category_values(ctx: &RenderContext, term: TermId) -> Vec<tera::Value> {
    (0..ctx.config.languages.len())
        .map(|lang| tera::Value::from_serializable(&feed_category(ctx, lang, term)))
        .collect()
}

/// [`FeedEntry`] with its fields given as values converted already (tera clones them
/// instead of converting them again): the same map, field for field.
#[derive(Serialize)]
struct EntryForTemplate<'v> {
    lang: &'v tera::Value,
    title: &'v tera::Value,
    url: &'v tera::Value,
    date: &'v tera::Value,
    summary: &'v tera::Value,
    categories: tera::Value,
}

/// Briefing `id`'s entry in interface language `lang` as `templates/atom.xml` receives it:
/// the value of [`feed_entry`], made of values converted once.
fn entry_value(ctx: &RenderContext, lang: usize, id: BriefingId) -> tera::Value {
    let v = ctx.entry_values(id);
    let categories: Vec<tera::Value> = topics(ctx, id)
        .iter()
        .map(|&t| ctx.category_value(t, lang).clone())
        .collect();
    tera::Value::from_serializable(&EntryForTemplate {
        lang: &v.lang,
        title: &v.title,
        url: &v.url,
        date: &v.date,
        summary: &v.summary,
        categories: tera::Value::from(categories),
    })
}
