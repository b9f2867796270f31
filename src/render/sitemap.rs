//! `sitemap.xml` with `xhtml:link` hreflang alternates (and `x-default`) between the language
//! versions of every page, and `robots.txt` pointing at it. Past 50,000 URLs the sitemap is
//! split into parts under a sitemap index, as the protocol requires.
//!
//! The entries come from the pages' own views (see [`super::View::sitemap_entry`]): every
//! page of the plan with a canonical URL is listed, with the alternates its `<head>` has.

use super::xml::escape;
use super::{Output, RenderContext};
use crate::error::Diagnostic;
use serde::Serialize;
use std::fmt::Write;

const MAX_URLS: usize = 50_000;

/// One page in the sitemap, as its view says: the canonical URL and the hreflang alternates
/// its `<head>` announces (the same list, so the two can never disagree). What
/// `templates/sitemap.xml` gets for each of `entries`.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct SitemapEntry {
    pub loc: String,
    pub lastmod: Option<String>,
    /// Every version of the page, itself included; empty when it has no other version.
    pub alternates: Vec<Alternate>,
}

#[derive(Debug, Clone, Hash, Serialize)]
pub struct Alternate {
    pub hreflang: String,
    pub href: String,
}

/// The template each sitemap (or part of one) is written with.
pub const SITEMAP_TEMPLATE: &str = "sitemap.xml";

/// The sitemap of the pages whose entries are given, in URL order, written with the site's
/// `sitemap.xml` template (the built-in one by default).
pub fn render_sitemaps(
    ctx: &RenderContext,
    mut entries: Vec<SitemapEntry>,
) -> Result<Vec<Output>, Diagnostic> {
    use rayon::prelude::*;
    // In parallel and unstable, yet always the same order: no two pages of the plan share a
    // canonical URL (and two entries of one URL would be of one page, the same bytes).
    entries.par_sort_unstable_by(|a, b| a.loc.cmp(&b.loc).then_with(|| a.lastmod.cmp(&b.lastmod)));
    if entries.len() <= MAX_URLS {
        return Ok(vec![Output {
            path: crate::plan::SITEMAP_FILE.into(),
            bytes: urlset(ctx, &entries)?.into_bytes(),
        }]);
    }
    // The parts are independent: rendered in parallel, listed in order.
    let parts: Vec<(String, Result<String, Diagnostic>)> = entries
        .par_chunks(MAX_URLS)
        .enumerate()
        .map(|(i, chunk)| (crate::plan::sitemap_part(i + 1), urlset(ctx, chunk)))
        .collect();
    let mut outputs = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, xml) in parts {
        let _ = writeln!(
            index,
            "<sitemap><loc>{}</loc></sitemap>",
            escape(&ctx.urls.absolute(&path))
        );
        outputs.push(Output {
            path,
            bytes: xml?.into_bytes(),
        });
    }
    index.push_str("</sitemapindex>\n");
    outputs.push(Output {
        path: "sitemap.xml".into(),
        bytes: index.into_bytes(),
    });
    Ok(outputs)
}

pub fn render_robots(ctx: &RenderContext) -> Output {
    Output {
        path: crate::plan::ROBOTS_FILE.into(),
        bytes: format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            ctx.urls.absolute(crate::plan::SITEMAP_FILE)
        )
        .into_bytes(),
    }
}

fn urlset(ctx: &RenderContext, entries: &[SitemapEntry]) -> Result<String, Diagnostic> {
    let mut context = tera::Context::new();
    context.insert("entries", entries);
    ctx.templates
        .render(SITEMAP_TEMPLATE, &context)
        .map_err(|e| super::templates::template_diagnostic(&e, None))
}
