//! Atom feeds: one per interface language (`/<lang>/atom.xml`, every briefing whatever its
//! language, like the home page) and one per term (`/<lang>/<kind>/<id>/atom.xml`).
//!
//! Atom requires a date on every entry; marsad never invents one, so undated briefings are
//! left out of feeds (they stay on every list page), and a feed with no dated entry is not
//! written at all (which feeds exist, and their entries, are the model's).

use super::xml::xml_text;
use super::{Output, PageJob, RenderContext};
use crate::error::Diagnostic;
use crate::ids::{BriefingId, LangIx, TermId};
use crate::kind::TaxonomyKind;
use crate::model::FeedScope;
use serde::Serialize;

/// A feed before rendering: its head and its entries by briefing. Each entry is a function
/// of (briefing, interface language) alone ([`feed_entry`]), made once per build as the
/// value the template receives and its hash ([`RenderContext::feed_entry`]): the view's hash
/// and the render read the same value.
pub struct FeedView {
    /// The output file.
    pub path: String,
    pub head: FeedHead,
    pub lang: LangIx,
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
    /// When it was published, and when it last changed (updated or corrected, else the
    /// same), as RFC 3339.
    pub date: String,
    pub updated: String,
    pub summary: String,
    pub categories: Vec<FeedCategory>,
}

#[derive(Hash, Serialize)]
pub struct FeedCategory {
    pub term: String,
    pub label: String,
}

/// A feed's name in interface language `lang`: the site's title, or the term's name and the
/// site's (also the title pages give their feed link).
pub fn feed_title(ctx: &RenderContext, lang: LangIx, scope: FeedScope) -> String {
    let site = &ctx.model.language(lang).title;
    match scope {
        FeedScope::Language => site.clone(),
        FeedScope::Term(t) => format!("{} | {site}", ctx.term_link(lang, t).name),
    }
}

pub fn feed_view(ctx: &RenderContext, lang: LangIx, scope: FeedScope) -> FeedView {
    let model = &ctx.model;
    let lc = model.language(lang);
    let title = feed_title(ctx, lang, scope);
    let page = PageJob::List {
        lang,
        list: scope.list(),
        page: 1,
    };
    let feed = PageJob::Feed { lang, scope };
    let ids = model.feed_entries(scope);
    let updated = ids
        .iter()
        .filter_map(|&id| {
            let b = model.briefing(id);
            b.modified().or(b.date)
        })
        .max()
        .map_or_else(String::new, |d| d.rfc3339());
    FeedView {
        path: feed.output_file(model),
        head: FeedHead {
            lang: lc.lang.to_string(),
            title: xml_text(&title),
            subtitle: xml_text(&lc.description),
            self_url: ctx.urls.absolute(&feed.site_path(model)),
            alternate: ctx.urls.absolute(&page.site_path(model)),
            updated,
            author_name: xml_text(&lc.title),
            author_uri: ctx.frame(lang).home_absolute.clone(),
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
        .map(|&id| ctx.feed_entry(id, view.lang).0.clone())
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

/// Briefing `id`'s entry as feeds in interface language `lang` show it: the one shape of an
/// entry, which [`RenderContext::feed_entry`] converts and hashes.
pub fn feed_entry(ctx: &RenderContext, lang: LangIx, id: BriefingId) -> FeedEntry {
    let model = &ctx.model;
    let b = model.briefing(id);
    FeedEntry {
        lang: b.lang.to_string(),
        title: xml_text(&b.title),
        url: ctx.absolute(id).to_string(),
        date: b.date.map_or_else(String::new, |d| d.rfc3339()),
        updated: b
            .modified()
            .or(b.date)
            .map_or_else(String::new, |d| d.rfc3339()),
        summary: xml_text(&b.summary),
        categories: model
            .terms_of(id, TaxonomyKind::FEED_CATEGORIES)
            .iter()
            .map(|&t| feed_category(ctx, lang, t))
            .collect(),
    }
}

/// Term `term` as a category of entries in interface language `lang`.
fn feed_category(ctx: &RenderContext, lang: LangIx, term: TermId) -> FeedCategory {
    FeedCategory {
        term: xml_text(&ctx.model.term(term).id),
        label: xml_text(&ctx.term_link(lang, term).name),
    }
}
