//! A page of the plan ([`crate::plan`]) -> its [`View`] -> [`Output`] bytes, rendered in
//! parallel with templates compiled once.
//!
//! Jobs are values, so `serve` can re-render only the pages an edit touches. Every route
//! comes from the plan: nothing here builds a site path. Every fact comes from the model
//! ([`crate::model`]), read through accessors that note what each view read.
//!
//! `context` holds what all pages share, `chrome` builds every page's frame (canonical
//! URL, hreflang alternates and language switcher, from the job's versions), `assets` the
//! hashed URLs of the stylesheet and search client, and one file per kind of page builds its
//! view (`briefing_page`, `term_pages` with `timeline`, `archive`, `feeds`, `sitemap`; home
//! lists and the search and 404 pages here). A page is first a [`View`], everything its
//! template receives (`Page` and its `PageContent`), then bytes: `serve` compares views'
//! hashes to know which pages an edit changed. tera stays inside this folder: `templates`
//! compiles and renders, the others only build its context values.

pub mod archive;
pub mod assets;
mod briefing_page;
mod chrome;
mod context;
pub(crate) mod feeds;
pub mod map;
mod relations;
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

use crate::dates::DateFormatter;
use crate::error::{Diagnostic, Diagnostics, Location};
use crate::ids::{BriefingId, LangIx};
use crate::kind::TaxonomyKind;
use crate::model::{FeedScope, ListKey, ListPage};
use crate::plan::{PageJob, PageKind};
use crate::resolve::Briefing;
use crate::urls::Urls;
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
    /// The page of the plan this view is of.
    job: PageJob,
    /// The output file.
    file: String,
    page: Page,
    /// The list items, by briefing, in interface language `.0`.
    items: Option<(LangIx, Vec<BriefingId>)>,
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
        if !p.job.in_sitemap() {
            return None;
        }
        let lastmod = match (&p.items, p.page.briefing()) {
            (Some((_, ids)), _) => ids
                .iter()
                .find_map(|&id| ctx.model.briefing(id).date.map(|d| d.iso())),
            // A briefing updated or corrected since it was published: when it last changed.
            (None, Some(b)) => b
                .updated
                .as_ref()
                .map(|u| u.iso.clone())
                .or_else(|| b.date_iso.clone()),
            (None, None) => None,
        };
        Some(sitemap::SitemapEntry {
            loc: p.page.chrome.canonical.clone()?,
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
                f.head.hash(&mut h);
                f.entries.len().hash(&mut h);
                for &id in &f.entries {
                    ctx.feed_entry(id, f.lang).1.hash(&mut h);
                }
            }
            View::Page(p) => {
                p.template.hash(&mut h);
                p.file.hash(&mut h);
                p.source.hash(&mut h);
                // Every field of the page, by its derived `Hash`: a field added to a view is
                // in its hash without anyone listing it.
                p.page.hash(&mut h);
                if let Some((lang, ids)) = &p.items {
                    ids.len().hash(&mut h);
                    for &id in ids {
                        ctx.item_hash(id, *lang).hash(&mut h);
                    }
                }
            }
        }
        h.finish()
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
                .map(|&id| ctx.item(id, lang).clone())
                .collect::<Vec<_>>(),
        )
    });
    context.insert_value("items", items);
    let bytes = ctx
        .templates
        .render_bytes(p.template, &context)
        .map_err(|e| templates::template_diagnostic(&e, source))?;
    Ok(Output {
        path: p.file,
        bytes,
    })
}

/// The view of one page of the plan.
pub fn view_of(ctx: &RenderContext, job: PageJob) -> Result<View, Diagnostic> {
    match job {
        PageJob::Root => {
            let (page, items) = home_page(ctx, job)?;
            Ok(page_view(ctx, "root.html", job, page, None, Some(items)))
        }
        PageJob::NotFound => {
            let lang = job.lang(&ctx.model);
            let title = page_title(ctx, lang, &[message(ctx, lang, "not-found-title", &[])?]);
            let chrome = chrome(ctx, lang, ChromeSpec::other(&title, job));
            let page = Page::new(chrome, ctx, lang, PageContent::Frame);
            Ok(page_view(ctx, "404.html", job, page, None, None))
        }
        PageJob::List {
            list: ListKey::Home,
            ..
        } => {
            let (view, items) = home_page(ctx, job)?;
            Ok(page_view(ctx, "list.html", job, view, None, Some(items)))
        }
        PageJob::Briefing(id) => {
            let view = briefing_page(ctx, id);
            let source = ctx.model.briefing(id).source_path.clone();
            Ok(page_view(
                ctx,
                "briefing.html",
                job,
                view,
                Some(&source),
                None,
            ))
        }
        PageJob::TermIndex { lang, kind } => term_pages::term_index_view(ctx, lang, kind),
        PageJob::List {
            lang,
            list: ListKey::Term(term),
            page,
        } => term_pages::term_view(ctx, lang, term, page),
        PageJob::Feed { lang, scope } => {
            Ok(View::Feed(Box::new(feeds::feed_view(ctx, lang, scope))))
        }
        PageJob::Search { lang } => {
            let title = page_title(ctx, lang, &[message(ctx, lang, "search-heading", &[])?]);
            let page = Page::new(
                chrome(ctx, lang, ChromeSpec::other(&title, job)),
                ctx,
                lang,
                PageContent::Frame,
            );
            Ok(page_view(ctx, "search.html", job, page, None, None))
        }
        PageJob::ArchiveIndex { lang } => archive::archive_index_view(ctx, lang),
        PageJob::Relations { lang, kind } => relations::relations_view(ctx, lang, kind),
        PageJob::List {
            lang,
            list: ListKey::Archive(bucket),
            page,
        } => archive::archive_year_view(ctx, lang, bucket, page),
    }
}

/// Files that are not pages: the sitemap of the pages whose entries are given, robots.txt,
/// and what GitHub Pages needs.
pub fn render_site_files(
    ctx: &RenderContext,
    pages: Vec<sitemap::SitemapEntry>,
) -> Result<Vec<Output>, Diagnostic> {
    let mut out = sitemap::render_sitemaps(ctx, pages)?;
    out.push(sitemap::render_robots(ctx));
    out.push(Output {
        path: crate::plan::NOJEKYLL_FILE.into(),
        bytes: Vec::new(),
    });
    if let Some(frame) = map::site_frame(ctx) {
        out.push(Output {
            path: crate::plan::MAP_FILE.into(),
            bytes: map::render_base_map(&frame).into_bytes(),
        });
    }
    if let Some(domain) = &ctx.model.config().custom_domain {
        out.push(Output {
            path: crate::plan::CNAME_FILE.into(),
            bytes: format!("{domain}\n").into_bytes(),
        });
    }
    Ok(out)
}

mod search_index;
mod term_pages;
pub use search_index::{render_search_index, render_search_index_until};

/// The whole context of one template render: the frame, and what the kind of page shows.
#[derive(Hash)]
pub(crate) struct Page {
    pub chrome: Chrome,
    /// Duplicated from the chrome so `t()` finds it without arguments.
    pub lang: String,
    pub kind: PageContent,
}

/// What each kind of page shows besides its frame. Templates see it as the top-level
/// `briefing`, `list`, `terms`, `term` and `archive`, each null on pages that lack it.
#[derive(Hash)]
pub(crate) enum PageContent {
    /// The frame alone: the search page and the 404 page.
    Frame,
    Briefing(BriefingView),
    /// A home page (and the root).
    List(ListView),
    TermIndex(term_pages::TermIndexView),
    Term {
        list: ListView,
        term: term_pages::TermView,
    },
    ArchiveIndex(archive::ArchiveView),
    ArchiveYear {
        archive: archive::ArchiveView,
        list: ListView,
    },
    Relations(relations::RelationsView),
}

impl Page {
    /// A page in interface language `lang`.
    pub(crate) fn new(
        chrome: Chrome,
        ctx: &RenderContext,
        lang: LangIx,
        kind: PageContent,
    ) -> Page {
        Page::in_language(chrome, ctx.model.language(lang).lang.to_string(), kind)
    }

    /// A page whose `lang` is given as a code (a briefing's own language).
    pub(crate) fn in_language(chrome: Chrome, lang: String, kind: PageContent) -> Page {
        Page { chrome, lang, kind }
    }

    fn briefing(&self) -> Option<&BriefingView> {
        match &self.kind {
            PageContent::Briefing(b) => Some(b),
            _ => None,
        }
    }

    fn list(&self) -> Option<&ListView> {
        match &self.kind {
            PageContent::List(list)
            | PageContent::Term { list, .. }
            | PageContent::ArchiveYear { list, .. } => Some(list),
            _ => None,
        }
    }

    fn terms(&self) -> Option<&term_pages::TermIndexView> {
        match &self.kind {
            PageContent::TermIndex(terms) => Some(terms),
            _ => None,
        }
    }

    fn term(&self) -> Option<&term_pages::TermView> {
        match &self.kind {
            PageContent::Term { term, .. } => Some(term),
            _ => None,
        }
    }

    fn relations(&self) -> Option<&relations::RelationsView> {
        match &self.kind {
            PageContent::Relations(r) => Some(r),
            _ => None,
        }
    }

    fn archive(&self) -> Option<&archive::ArchiveView> {
        match &self.kind {
            PageContent::ArchiveIndex(archive) | PageContent::ArchiveYear { archive, .. } => {
                Some(archive)
            }
            _ => None,
        }
    }
}

/// Every key is always there (null when the kind lacks it), so templates written for one
/// kind can test another's key.
impl Serialize for Page {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Page", 8)?;
        s.serialize_field("chrome", &self.chrome)?;
        s.serialize_field("lang", &self.lang)?;
        s.serialize_field("briefing", &self.briefing())?;
        s.serialize_field("list", &self.list())?;
        s.serialize_field("terms", &self.terms())?;
        s.serialize_field("term", &self.term())?;
        s.serialize_field("archive", &self.archive())?;
        s.serialize_field("relations", &self.relations())?;
        s.end()
    }
}

/// Job `job`'s view: its template, with the page and list items it receives.
pub(crate) fn page_view(
    ctx: &RenderContext,
    template: &'static str,
    job: PageJob,
    page: Page,
    source: Option<&std::path::Path>,
    items: Option<(LangIx, Vec<BriefingId>)>,
) -> View {
    View::Page(Box::new(PageView {
        template,
        job,
        file: job.output_file(&ctx.model),
        page,
        items,
        source: source.map(std::path::Path::to_path_buf),
    }))
}

/// The list page `job` (a home, term or archive bucket page): its view and items (by
/// briefing), from the model's page of its list.
pub(crate) fn list_view(
    ctx: &RenderContext,
    job: PageJob,
    heading: String,
) -> (ListView, (LangIx, Vec<BriefingId>)) {
    let lang = job.lang(&ctx.model);
    let (_, list, page) = job.list().unwrap_or((lang, ListKey::Home, 1));
    let ListPage { ids, total, pages } = ctx.model.list_page(list, page);
    let href = |page: usize| {
        let job = PageJob::List { lang, list, page };
        ctx.urls.path(&job.site_path(&ctx.model))
    };
    let view = ListView {
        kind: job.kind(),
        heading,
        total,
        pagination: Pagination {
            current: page,
            total: pages,
            prev: (page > 1).then(|| href(page - 1)),
            next: (page < pages).then(|| href(page + 1)),
            first: href(1),
            last: href(pages),
        },
    };
    (view, (lang, ids.to_vec()))
}

/// A home page, or the root (the default language's first home page).
fn home_page(
    ctx: &RenderContext,
    job: PageJob,
) -> Result<(Page, (LangIx, Vec<BriefingId>)), Diagnostic> {
    let lang = job.lang(&ctx.model);
    let home = job.canonical(&ctx.model);
    let (list, items) = list_view(ctx, home, ctx.model.language(lang).title.clone());
    let chrome = chrome(
        ctx,
        lang,
        ChromeSpec {
            title: page_title(ctx, lang, &page_of(ctx, lang, &list.pagination)?),
            description: String::new(),
            job,
            prev: list.pagination.prev.clone(),
            next: list.pagination.next.clone(),
            feed: FeedScope::Language,
            json_ld: None,
        },
    );
    Ok((Page::new(chrome, ctx, lang, PageContent::List(list)), items))
}
