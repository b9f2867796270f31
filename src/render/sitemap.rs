//! `sitemap.xml` with `xhtml:link` hreflang alternates (and `x-default`) between the language
//! versions of every page, and `robots.txt` pointing at it. Past 50,000 URLs the sitemap is
//! split into parts under a sitemap index, as the protocol requires.
//!
//! The entries come from the pages' own views (see [`super::View::sitemap_entry`]): every
//! page of the plan with a canonical URL is listed, with the alternates its `<head>` has.

use super::xml::escape;
use super::{Output, RenderContext};
use std::fmt::Write;

const MAX_URLS: usize = 50_000;

/// One page in the sitemap, as its view says: the canonical URL and the hreflang alternates
/// its `<head>` announces (the same list, so the two can never disagree).
#[derive(Debug, Clone)]
pub struct SitemapEntry {
    pub loc: String,
    pub lastmod: Option<String>,
    /// (hreflang, absolute URL), including the page itself; empty when it has no other version.
    pub alternates: Vec<(String, String)>,
}

/// The sitemap of the pages whose entries are given, in URL order.
pub fn render_sitemaps(ctx: &RenderContext, mut entries: Vec<SitemapEntry>) -> Vec<Output> {
    entries.sort_by(|a, b| a.loc.cmp(&b.loc));
    if entries.len() <= MAX_URLS {
        return vec![Output {
            path: "sitemap.xml".into(),
            bytes: urlset(&entries).into_bytes(),
        }];
    }
    let mut outputs = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (i, chunk) in entries.chunks(MAX_URLS).enumerate() {
        let path = format!("sitemap-{}.xml", i + 1);
        let _ = writeln!(
            index,
            "<sitemap><loc>{}</loc></sitemap>",
            escape(&ctx.urls.absolute(&path))
        );
        outputs.push(Output {
            path,
            bytes: urlset(chunk).into_bytes(),
        });
    }
    index.push_str("</sitemapindex>\n");
    outputs.push(Output {
        path: "sitemap.xml".into(),
        bytes: index.into_bytes(),
    });
    outputs
}

pub fn render_robots(ctx: &RenderContext) -> Output {
    Output {
        path: "robots.txt".into(),
        bytes: format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            ctx.urls.absolute("sitemap.xml")
        )
        .into_bytes(),
    }
}

fn urlset(entries: &[SitemapEntry]) -> String {
    let mut x = String::with_capacity(entries.len() * 400);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    for e in entries {
        let _ = write!(x, "<url><loc>{}</loc>", escape(&e.loc));
        if let Some(m) = &e.lastmod {
            let _ = write!(x, "<lastmod>{m}</lastmod>");
        }
        for (hreflang, href) in &e.alternates {
            let _ = write!(
                x,
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                escape(hreflang),
                escape(href)
            );
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}
