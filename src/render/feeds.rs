//! Atom feeds: one per interface language (`/<lang>/atom.xml`, every briefing whatever its
//! language, like the home page) and one per term (`/<lang>/<kind>/<id>/atom.xml`).
//!
//! Atom requires a date on every entry; marsad never invents one, so undated briefings are
//! left out of feeds (they stay on every list page), and a feed with no dated entry is not
//! written at all.

use super::xml::escape;
use super::{Output, RenderContext};
use crate::resolve::BriefingId;
use crate::taxonomy::{TaxonomyKind, TermId};
use std::fmt::Write;

/// Entries per feed: the newest ones.
pub const FEED_ENTRIES: usize = 50;

/// Site path of a feed.
pub fn feed_path(ctx: &RenderContext, lang: usize, term: Option<TermId>) -> String {
    match term {
        None => format!("{}/atom.xml", ctx.config.languages[lang].lang),
        Some(t) => format!("{}atom.xml", super::term_pages::site_path(ctx, lang, t)),
    }
}

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

/// A feed before rendering: its head (title, links, dates: already XML) and its entries by
/// briefing. Each entry is a function of (briefing, interface language) alone, so the view's
/// hash uses [`RenderContext::entry_hash`] instead of writing every entry again.
pub struct FeedView {
    pub path: String,
    pub head: String,
    pub lang: usize,
    pub entries: Vec<BriefingId>,
}

pub fn feed_view(ctx: &RenderContext, lang: usize, term: Option<TermId>) -> FeedView {
    let lc = &ctx.config.languages[lang];
    let (title, page_path) = match term {
        None => (lc.title.clone(), format!("{}/", lc.lang)),
        Some(t) => (
            format!("{} | {}", ctx.term_links[lang][t].name, lc.title),
            super::term_pages::site_path(ctx, lang, t),
        ),
    };
    let self_url = ctx.urls.absolute(&feed_path(ctx, lang, term));
    let ids: Vec<BriefingId> = entries(ctx, term).take(FEED_ENTRIES).collect();
    let updated = ids
        .iter()
        .filter_map(|&id| ctx.site.briefings[id].date)
        .max()
        .map_or_else(String::new, |d| d.rfc3339());
    let mut x = String::with_capacity(1024);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        x,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        escape(lc.lang.as_str())
    );
    let _ = writeln!(x, "<title>{}</title>", escape(&title));
    if !lc.description.is_empty() {
        let _ = writeln!(x, "<subtitle>{}</subtitle>", escape(&lc.description));
    }
    let _ = writeln!(
        x,
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape(&self_url)
    );
    let _ = writeln!(
        x,
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(&ctx.urls.absolute(&page_path))
    );
    let _ = writeln!(x, "<id>{}</id>", escape(&self_url));
    let _ = writeln!(x, "<updated>{updated}</updated>");
    let _ = writeln!(
        x,
        "<author><name>{}</name><uri>{}</uri></author>",
        escape(&lc.title),
        escape(&ctx.urls.absolute(&format!("{}/", lc.lang)))
    );
    let _ = writeln!(x, "<generator>marsad</generator>");
    FeedView {
        path: feed_path(ctx, lang, term),
        head: x,
        lang,
        entries: ids,
    }
}

pub fn render_feed(ctx: &RenderContext, view: FeedView) -> Output {
    let mut x = view.head;
    x.reserve(view.entries.len() * 600 + 8);
    for id in view.entries {
        write_entry(ctx, view.lang, id, &mut x);
    }
    x.push_str("</feed>\n");
    Output {
        path: view.path,
        bytes: x.into_bytes(),
    }
}

/// Writes briefing `id`'s entry as feeds in interface language `lang` show it.
pub(super) fn write_entry(ctx: &RenderContext, lang: usize, id: BriefingId, x: &mut String) {
    let b = &ctx.site.briefings[id];
    let url = &ctx.absolute[id];
    let date = b.date.map_or_else(String::new, |d| d.rfc3339());
    let _ = writeln!(x, "<entry xml:lang=\"{}\">", escape(b.lang.as_str()));
    let _ = writeln!(x, "<title>{}</title>", escape(&b.title));
    let _ = writeln!(
        x,
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(url)
    );
    let _ = writeln!(x, "<id>{}</id>", escape(url));
    let _ = writeln!(x, "<published>{date}</published>");
    let _ = writeln!(x, "<updated>{date}</updated>");
    if !b.summary.is_empty() {
        let _ = writeln!(x, "<summary>{}</summary>", escape(&b.summary));
    }
    for &t in &ctx.taxonomies.of_briefing[id][TaxonomyKind::Topics.index()] {
        let _ = writeln!(
            x,
            "<category term=\"{}\" label=\"{}\"/>",
            escape(&ctx.taxonomies.terms[t].id),
            escape(&ctx.term_links[lang][t].name)
        );
    }
    x.push_str("</entry>\n");
}
