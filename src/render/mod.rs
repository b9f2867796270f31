//! [`Site`] -> [`Output`]s: one job per page, rendered in parallel with templates compiled once.
//!
//! Jobs are values, so `serve` can re-render only the pages an edit touches.
//!
//! `context` prepares what all pages share, `chrome` builds every page's frame, `assets` the
//! hashed URLs of the stylesheet and search client, and one file per kind of page builds its
//! view (`briefing_page`, `term_pages` with `timeline`, `archive`, `feeds`, `sitemap`; home
//! lists here). A page is first a [`View`], everything its template receives, then bytes:
//! `serve` compares views' hashes to know which pages an edit changed. `templates` is the only
//! user of tera.

pub mod archive;
pub mod assets;
mod briefing_page;
mod chrome;
mod context;
mod feeds;
pub mod sitemap;
mod templates;
mod timeline;
pub mod views;
mod xml;

pub use assets::Assets;
pub use context::RenderContext;
pub use templates::Templates;

use briefing_page::briefing_page;
use chrome::{ChromeSpec, chrome, message, page_of, page_title};

use crate::config::SiteConfig;
use crate::dates::DateFormatter;
use crate::error::{Diagnostic, Diagnostics, Location};
use crate::resolve::{Briefing, BriefingId, Site};
use crate::taxonomy::{Taxonomies, TaxonomyKind, TermId};
use crate::urls::{Urls, output_file};
use rayon::prelude::*;
use serde::Serialize;
use std::sync::Arc;
use views::*;

/// A file to write, relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// One page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageJob {
    /// `/index.html`: the language chooser, also the default language's home.
    Root,
    NotFound,
    /// Page `page` (1-based) of language `lang`'s home list.
    Home {
        lang: usize,
        page: usize,
    },
    Briefing(BriefingId),
    /// The list of all terms of one kind in one interface language.
    TermIndex {
        lang: usize,
        kind: TaxonomyKind,
    },
    /// Page `page` of one term's briefings in one interface language.
    Term {
        lang: usize,
        term: TermId,
        page: usize,
    },
    /// The Atom feed of a language (`term: None`) or of one term, in one interface language.
    Feed {
        lang: usize,
        term: Option<TermId>,
    },
    /// The search page of one interface language.
    Search {
        lang: usize,
    },
    /// The archive's list of years in one interface language.
    ArchiveIndex {
        lang: usize,
    },
    /// Page `page` of one year of the archive (`year: None`: the undated briefings) in one
    /// interface language.
    ArchiveYear {
        lang: usize,
        year: Option<i32>,
        page: usize,
    },
}

/// Every page of the site, in a stable order.
pub fn page_jobs(ctx: &RenderContext) -> Vec<PageJob> {
    let mut jobs = vec![PageJob::Root, PageJob::NotFound];
    for lang in 0..ctx.config.languages.len() {
        for page in 1..=ctx.page_count(ctx.site.briefings.len()) {
            jobs.push(PageJob::Home { lang, page });
        }
        jobs.push(PageJob::Search { lang });
        jobs.push(PageJob::ArchiveIndex { lang });
        for (year, ids) in &ctx.archive {
            for page in 1..=ctx.page_count(ids.len()) {
                let year = *year;
                jobs.push(PageJob::ArchiveYear { lang, year, page });
            }
        }
        for kind in TaxonomyKind::ALL {
            jobs.push(PageJob::TermIndex { lang, kind });
        }
        for (term, t) in ctx.taxonomies.terms.iter().enumerate() {
            for page in 1..=ctx.page_count(t.briefings.len()) {
                jobs.push(PageJob::Term { lang, term, page });
            }
        }
        for term in std::iter::once(None).chain((0..ctx.taxonomies.terms.len()).map(Some)) {
            if feeds::has_feed(ctx, term) {
                jobs.push(PageJob::Feed { lang, term });
            }
        }
    }
    jobs.extend((0..ctx.site.briefings.len()).map(PageJob::Briefing));
    jobs
}

/// Where rendered files go: a collection in memory, or the build's staging folder, so a big
/// site never holds all its pages at once.
pub type Sink<'s> = &'s (dyn Fn(Output) -> Result<(), Diagnostic> + Sync);

/// Renders the given jobs in parallel into `sink`; every failing page is reported. Returns
/// the pages' sitemap entries.
pub fn render_pages_to(
    ctx: &RenderContext,
    jobs: &[PageJob],
    sink: Sink,
) -> Result<Vec<sitemap::SitemapEntry>, Diagnostics> {
    let results: Vec<Result<Option<sitemap::SitemapEntry>, Diagnostic>> = jobs
        .par_iter()
        .map(|job| {
            let view = view_of(ctx, *job)?;
            let entry = view.sitemap_entry(ctx);
            sink(render_view(ctx, view)?)?;
            Ok(entry)
        })
        .collect();
    let mut entries = Vec::new();
    let mut diags = Diagnostics::new();
    for r in results {
        match r {
            Ok(e) => entries.extend(e),
            Err(d) => diags.push(d),
        }
    }
    diags.into_result()?;
    Ok(entries)
}

/// Renders the given jobs in parallel; every failing page is reported.
pub fn render_pages(ctx: &RenderContext, jobs: &[PageJob]) -> Result<Vec<Output>, Diagnostics> {
    let results: Vec<Result<Output, Diagnostic>> = jobs
        .par_iter()
        .map(|job| view_of(ctx, *job).and_then(|v| render_view(ctx, v)))
        .collect();
    let mut outputs = Vec::with_capacity(results.len());
    let mut diags = Diagnostics::new();
    for r in results {
        match r {
            Ok(o) => outputs.push(o),
            Err(d) => diags.push(d),
        }
    }
    diags.into_result()?;
    Ok(outputs)
}

/// Everything a page's render receives, before rendering: a template's whole context, or a
/// feed's head and entries. Two views that hash
/// the same render the same bytes, so `serve` renders only pages whose view changed: what
/// decides is what the template receives, never a hand-kept list of a page's inputs.
pub enum View {
    Page(Box<PageView>),
    Feed(Box<feeds::FeedView>),
}

/// A template and its context.
pub struct PageView {
    template: &'static str,
    /// The output file.
    file: String,
    page: Page,
    /// The list items, by briefing, in interface language `.0`.
    items: Option<(usize, Vec<BriefingId>)>,
    /// The briefing file the page is rendered from, for template errors.
    source: Option<std::path::PathBuf>,
}

impl View {
    /// The output file this view becomes.
    pub fn file(&self) -> &str {
        match self {
            View::Page(p) => &p.file,
            View::Feed(f) => &f.path,
        }
    }

    /// The page's sitemap entry: its canonical URL and alternates as its `<head>` has them,
    /// and the newest date it shows. `None` for feeds and for pages that are not canonical
    /// (the root, whose canonical is the default language's home, and the 404 page).
    pub fn sitemap_entry(&self, ctx: &RenderContext) -> Option<sitemap::SitemapEntry> {
        let View::Page(p) = self else {
            return None;
        };
        if matches!(p.template, "root.html" | "404.html") {
            return None;
        }
        let lastmod = match (&p.items, &p.page.briefing) {
            (Some((_, ids)), _) => ids
                .iter()
                .find_map(|&id| ctx.site.briefings[id].date.map(|d| d.iso())),
            (None, Some(b)) => b.date_iso.clone(),
            (None, None) => None,
        };
        Some(sitemap::SitemapEntry {
            loc: p.page.chrome.canonical.clone(),
            lastmod,
            alternates: p
                .page
                .chrome
                .alternates
                .iter()
                .map(|a| sitemap::Alternate {
                    hreflang: a.hreflang.clone(),
                    href: a.href.clone(),
                })
                .collect(),
        })
    }

    /// A hash of everything the render receives (list items by their hash, computed once per
    /// build in [`RenderContext`]).
    pub fn hash(&self, ctx: &RenderContext) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        match self {
            View::Feed(f) => {
                f.path.hash(&mut h);
                let _ = serde_json::to_writer(HashWriter(&mut h), &f.head);
                f.entries.len().hash(&mut h);
                for &id in &f.entries {
                    ctx.entry_hash(id, f.lang).hash(&mut h);
                }
            }
            View::Page(p) => {
                p.template.hash(&mut h);
                p.file.hash(&mut h);
                p.source.hash(&mut h);
                let _ = serde_json::to_writer(HashWriter(&mut h), &p.page);
                if let Some((lang, ids)) = &p.items {
                    ids.len().hash(&mut h);
                    for &id in ids {
                        ctx.item_hashes[id][*lang].hash(&mut h);
                    }
                }
            }
        }
        h.finish()
    }
}

/// Feeds serialized bytes to a hasher, so a view is hashed without being kept as text.
struct HashWriter<'h, H: std::hash::Hasher>(&'h mut H);

impl<H: std::hash::Hasher> std::io::Write for HashWriter<'_, H> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Renders a view into its output file.
pub fn render_view(ctx: &RenderContext, view: View) -> Result<Output, Diagnostic> {
    let p = match view {
        View::Feed(f) => return feeds::render_feed(ctx, *f),
        View::Page(p) => p,
    };
    let source = p.source.as_deref();
    let mut context = tera::Context::from_serialize(&p.page)
        .map_err(|e| templates::template_diagnostic(&e, source))?;
    let items = p.items.map_or(tera::Value::none(), |(lang, ids)| {
        tera::Value::from(
            ids.iter()
                .map(|&id| ctx.items[id][lang].clone())
                .collect::<Vec<_>>(),
        )
    });
    context.insert_value("items", items);
    let html = ctx
        .templates
        .render(p.template, &context)
        .map_err(|e| templates::template_diagnostic(&e, source))?;
    Ok(Output {
        path: p.file,
        bytes: html.into_bytes(),
    })
}

/// The view of one page of the plan.
pub fn view_of(ctx: &RenderContext, job: PageJob) -> Result<View, Diagnostic> {
    match job {
        PageJob::Root => {
            let lang = ctx.config.default_language;
            let (page, items) = home_page(ctx, lang, 1, "")?;
            Ok(page_view("root.html", "", page, None, Some(items)))
        }
        PageJob::NotFound => {
            let lang = ctx.config.default_language;
            let title = page_title(ctx, lang, &[message(ctx, lang, "not-found-title", &[])?]);
            let chrome = chrome(
                ctx,
                lang,
                ChromeSpec::other("not-found", &title, "404.html"),
            );
            let page = Page::new(chrome, ctx.config.languages[lang].lang.to_string());
            Ok(page_view("404.html", "404.html", page, None, None))
        }
        PageJob::Home { lang, page } => {
            let path = list_path(&format!("{}/", ctx.config.languages[lang].lang), page);
            let (view, items) = home_page(ctx, lang, page, &path)?;
            Ok(page_view("list.html", &path, view, None, Some(items)))
        }
        PageJob::Briefing(id) => {
            let b = &ctx.site.briefings[id];
            let view = briefing_page(ctx, id, b);
            Ok(page_view(
                "briefing.html",
                &b.site_path,
                view,
                Some(&b.source_path),
                None,
            ))
        }
        PageJob::TermIndex { lang, kind } => term_pages::term_index_view(ctx, lang, kind),
        PageJob::Term { lang, term, page } => term_pages::term_view(ctx, lang, term, page),
        PageJob::Feed { lang, term } => Ok(View::Feed(Box::new(feeds::feed_view(ctx, lang, term)))),
        PageJob::Search { lang } => {
            let path = format!("{}/search/", ctx.config.languages[lang].lang);
            let versions = ctx
                .config
                .languages
                .iter()
                .enumerate()
                .map(|(j, l)| (j, format!("{}/search/", l.lang)))
                .collect();
            let title = page_title(ctx, lang, &[message(ctx, lang, "search-heading", &[])?]);
            let mut spec = ChromeSpec::other("search", &title, &path);
            spec.versions = versions;
            let page = Page::new(
                chrome(ctx, lang, spec),
                ctx.config.languages[lang].lang.to_string(),
            );
            Ok(page_view("search.html", &path, page, None, None))
        }
        PageJob::ArchiveIndex { lang } => archive::archive_index_view(ctx, lang),
        PageJob::ArchiveYear { lang, year, page } => {
            archive::archive_year_view(ctx, lang, year, page)
        }
    }
}

/// The search index (`/search/`) and its client script.
pub fn render_search_index(ctx: &RenderContext) -> Vec<Output> {
    let docs: Vec<crate::search::SearchDoc> = ctx
        .site
        .briefings
        .par_iter()
        .enumerate()
        .map(|(id, b)| {
            let lc = ctx.config.language(&b.lang);
            let terms = ctx.taxonomies.of_briefing[id]
                .iter()
                .flatten()
                .flat_map(|&t| {
                    let term = &ctx.taxonomies.terms[t];
                    term.names.iter().chain(&term.spellings).map(String::as_str)
                })
                .collect();
            crate::search::SearchDoc {
                title: &b.title,
                url: &ctx.hrefs[id],
                lang: b.lang.as_str(),
                dir: lc.map_or("ltr", |l| l.direction.as_str()),
                date: b.date.map(|d| d.iso()),
                dates: &ctx.dates[id],
                summary: &b.summary,
                language_name: lc.map_or("", |l| l.name.as_str()),
                terms,
                body: &b.body.text,
            }
        })
        .collect();
    let client = &ctx.assets.search_client;
    let mut out: Vec<Output> = crate::search::build_index(&docs, client)
        .into_iter()
        .map(|f| Output {
            path: format!("search/{}", f.path),
            bytes: f.json.into_bytes(),
        })
        .collect();
    out.push(Output {
        path: format!("search/{client}"),
        bytes: ctx.assets.search_client_text.clone().into_bytes(),
    });
    out
}

/// Files that are not pages: the sitemap of the pages whose entries are given, robots.txt,
/// and what GitHub Pages needs.
pub fn render_site_files(
    ctx: &RenderContext,
    pages: Vec<sitemap::SitemapEntry>,
) -> Result<Vec<Output>, Diagnostic> {
    let mut out = sitemap::render_sitemaps(ctx, pages)?;
    out.push(sitemap::render_robots(ctx));
    // Pages would otherwise run Jekyll, which hides folders starting with `_`.
    out.push(Output {
        path: ".nojekyll".into(),
        bytes: Vec::new(),
    });
    if let Some(domain) = &ctx.config.custom_domain {
        out.push(Output {
            path: "CNAME".into(),
            bytes: format!("{domain}\n").into_bytes(),
        });
    }
    Ok(out)
}

mod term_pages;

/// The whole context of one template render.
#[derive(Serialize)]
pub(crate) struct Page {
    pub chrome: Chrome,
    /// Duplicated from the chrome so `t()` finds it without arguments.
    pub lang: String,
    pub briefing: Option<BriefingView>,
    pub list: Option<ListView>,
    pub terms: Option<term_pages::TermIndexView>,
    pub term: Option<term_pages::TermView>,
    pub archive: Option<archive::ArchiveView>,
}

impl Page {
    /// A page with its frame and nothing else; each kind of page fills in its own part.
    pub(crate) fn new(chrome: Chrome, lang: String) -> Page {
        Page {
            chrome,
            lang,
            briefing: None,
            list: None,
            terms: None,
            term: None,
            archive: None,
        }
    }
}

pub(crate) fn page_view(
    template: &'static str,
    site_path: &str,
    page: Page,
    source: Option<&std::path::Path>,
    items: Option<(usize, Vec<BriefingId>)>,
) -> View {
    View::Page(Box::new(PageView {
        template,
        file: output_file(site_path),
        page,
        items,
        source: source.map(std::path::Path::to_path_buf),
    }))
}

/// Site path of page `page` of a list whose first page is at `first`.
pub(crate) fn list_path(first: &str, page: usize) -> String {
    if page <= 1 {
        first.to_string()
    } else {
        format!("{first}page/{page}/")
    }
}

/// A paginated list of briefings, page `page` (1-based); `first` is the list's first page.
/// Returns the view and the page's items (by briefing).
pub(crate) fn list_view(
    ctx: &RenderContext,
    lang: usize,
    kind: &'static str,
    heading: String,
    ids: &[BriefingId],
    first: &str,
    page: usize,
) -> (ListView, (usize, Vec<BriefingId>)) {
    let total_pages = ctx.page_count(ids.len());
    let start = (page - 1) * ctx.config.paginate;
    let items = (
        lang,
        ids.iter()
            .skip(start)
            .take(ctx.config.paginate)
            .copied()
            .collect(),
    );
    let view = ListView {
        kind,
        heading,
        total: ids.len(),
        pagination: Pagination {
            current: page,
            total: total_pages,
            prev: (page > 1).then(|| ctx.urls.path(&list_path(first, page - 1))),
            next: (page < total_pages).then(|| ctx.urls.path(&list_path(first, page + 1))),
            first: ctx.urls.path(first),
            last: ctx.urls.path(&list_path(first, total_pages)),
        },
    };
    (view, items)
}

fn home_page(
    ctx: &RenderContext,
    lang: usize,
    page: usize,
    site_path: &str,
) -> Result<(Page, (usize, Vec<BriefingId>)), Diagnostic> {
    let kind = "home";
    let code = ctx.config.languages[lang].lang.to_string();
    let first = format!("{code}/");
    let all: Vec<BriefingId> = (0..ctx.site.briefings.len()).collect();
    let (list, items) = list_view(
        ctx,
        lang,
        kind,
        ctx.config.languages[lang].title.clone(),
        &all,
        &first,
        page,
    );
    let versions = ctx
        .config
        .languages
        .iter()
        .enumerate()
        .map(|(j, l)| (j, list_path(&format!("{}/", l.lang), page)))
        .collect();
    let canonical_path = if site_path.is_empty() {
        first.clone()
    } else {
        site_path.to_string()
    };
    let chrome = chrome(
        ctx,
        lang,
        ChromeSpec {
            kind,
            title: page_title(ctx, lang, &page_of(ctx, lang, &list.pagination)?),
            description: String::new(),
            site_path: canonical_path,
            versions,
            prev: list.pagination.prev.clone(),
            next: list.pagination.next.clone(),
            feed: None,
            json_ld: None,
        },
    );
    Ok((
        Page {
            list: Some(list),
            ..Page::new(chrome, code)
        },
        items,
    ))
}
