//! `sitemap.xml` with `xhtml:link` hreflang alternates (and `x-default`) between the language
//! versions of every page, and `robots.txt` pointing at it. Past 50,000 URLs the sitemap is
//! split into parts under a sitemap index, as the protocol requires.

use super::xml::escape;
use super::{Output, RenderContext, archive, list_path, term_pages};
use crate::taxonomy::TaxonomyKind;
use std::fmt::Write;

const MAX_URLS: usize = 50_000;

/// One page in the sitemap.
struct Entry {
    site_path: String,
    lastmod: Option<String>,
    /// (hreflang, site path), including the page itself; empty when it has no other version.
    alternates: Vec<(String, String)>,
}

pub fn render_sitemaps(ctx: &RenderContext) -> Vec<Output> {
    let entries = entries(ctx);
    if entries.len() <= MAX_URLS {
        return vec![Output {
            path: "sitemap.xml".into(),
            bytes: urlset(ctx, &entries).into_bytes(),
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
            bytes: urlset(ctx, chunk).into_bytes(),
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

fn urlset(ctx: &RenderContext, entries: &[Entry]) -> String {
    let mut x = String::with_capacity(entries.len() * 400);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    for e in entries {
        let _ = write!(
            x,
            "<url><loc>{}</loc>",
            escape(&ctx.urls.absolute(&e.site_path))
        );
        if let Some(m) = &e.lastmod {
            let _ = write!(x, "<lastmod>{m}</lastmod>");
        }
        for (hreflang, path) in &e.alternates {
            let _ = write!(
                x,
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                escape(hreflang),
                escape(&ctx.urls.absolute(path))
            );
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

/// Every canonical HTML page (the root and 404 pages are not canonical: the root's canonical
/// is the default language's home).
fn entries(ctx: &RenderContext) -> Vec<Entry> {
    let langs = &ctx.config.languages;
    let default = ctx.config.default_language;
    let mut out = Vec::new();
    // Pages that exist in every language under the same shape of path.
    let mut all_languages = |paths: Vec<String>, lastmod: Option<String>| {
        let alternates: Vec<(String, String)> = langs
            .iter()
            .zip(&paths)
            .map(|(l, p)| (l.lang.to_string(), p.clone()))
            .chain(std::iter::once((
                "x-default".to_string(),
                paths[default].clone(),
            )))
            .collect();
        for p in &paths {
            out.push(Entry {
                site_path: p.clone(),
                lastmod: lastmod.clone(),
                alternates: alternates.clone(),
            });
        }
    };
    let newest = |ids: &[usize], page: usize| -> Option<String> {
        ids.iter()
            .skip((page - 1) * ctx.config.paginate)
            .take(ctx.config.paginate)
            .find_map(|&id| ctx.site.briefings[id].date.map(|d| d.iso()))
    };
    let all: Vec<usize> = (0..ctx.site.briefings.len()).collect();
    for page in 1..=ctx.page_count(all.len()) {
        all_languages(
            langs
                .iter()
                .map(|l| list_path(&format!("{}/", l.lang), page))
                .collect(),
            newest(&all, page),
        );
    }
    all_languages(
        langs
            .iter()
            .map(|l| format!("{}/search/", l.lang))
            .collect(),
        None,
    );
    all_languages(
        langs
            .iter()
            .map(|l| archive::site_path(l.lang.as_str(), None))
            .collect(),
        None,
    );
    for (year, ids) in &ctx.archive {
        for page in 1..=ctx.page_count(ids.len()) {
            all_languages(
                langs
                    .iter()
                    .map(|l| list_path(&archive::site_path(l.lang.as_str(), Some(*year)), page))
                    .collect(),
                newest(ids, page),
            );
        }
    }
    for kind in TaxonomyKind::ALL {
        all_languages(
            langs
                .iter()
                .map(|l| format!("{}/{}/", l.lang, kind.as_str()))
                .collect(),
            None,
        );
    }
    for (term, t) in ctx.taxonomies.terms.iter().enumerate() {
        for page in 1..=ctx.page_count(t.briefings.len()) {
            all_languages(
                (0..langs.len())
                    .map(|j| list_path(&term_pages::site_path(ctx, j, term), page))
                    .collect(),
                newest(&t.briefings, page),
            );
        }
    }
    for b in &ctx.site.briefings {
        let mut alternates = Vec::new();
        if !b.translations.is_empty() {
            let mut versions: Vec<&crate::resolve::Briefing> = vec![b];
            versions.extend(b.translations.iter().map(|&t| &ctx.site.briefings[t]));
            alternates = versions
                .iter()
                .map(|v| (v.lang.to_string(), v.site_path.clone()))
                .collect();
            if let Some(d) = versions.iter().find(|v| v.lang == langs[default].lang) {
                alternates.push(("x-default".into(), d.site_path.clone()));
            }
        }
        out.push(Entry {
            site_path: b.site_path.clone(),
            lastmod: b.date.map(|d| d.iso()),
            alternates,
        });
    }
    out
}
