//! [`Site`] -> [`Output`]s: one job per page, rendered in parallel with templates compiled once.
//!
//! Jobs are values, so `serve` can re-render only the pages an edit touches.

mod templates;
pub mod views;

pub use templates::Templates;

use crate::config::SiteConfig;
use crate::dates::DateFormatter;
use crate::error::{Diagnostic, Diagnostics, Location};
use crate::resolve::{Briefing, BriefingId, Site};
use crate::taxonomy::{Taxonomies, TaxonomyKind, TermId};
use crate::urls::{Urls, output_file};
use rayon::prelude::*;
use serde::Serialize;
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
}

/// Everything rendering reads; immutable and shared by all jobs.
pub struct RenderContext<'a> {
    pub config: &'a SiteConfig,
    pub site: &'a Site,
    pub taxonomies: &'a Taxonomies,
    pub templates: &'a Templates,
    pub urls: Urls,
    /// `dates[briefing][interface language]`: each date written the way that language writes it.
    pub dates: Vec<Vec<String>>,
    /// `items[briefing][interface language]`: the list item, built once per build. Lists are
    /// most of the pages (home and term pages), and a tera map clones in O(1).
    pub items: Vec<Vec<tera::Value>>,
    /// `term_links[interface language][term]`, built once per build.
    pub term_links: Vec<Vec<TermLink>>,
    /// Root-relative URL of each briefing, percent-encoded once.
    pub hrefs: Vec<String>,
}

impl<'a> RenderContext<'a> {
    pub fn new(
        config: &'a SiteConfig,
        site: &'a Site,
        taxonomies: &'a Taxonomies,
        templates: &'a Templates,
    ) -> Result<RenderContext<'a>, Diagnostics> {
        let mut formatters = Vec::new();
        for l in &config.languages {
            let f = DateFormatter::new(&l.locale)
                .map_err(|m| Diagnostic::error(Location::file(crate::config::CONFIG_FILE), m))?;
            formatters.push(f);
        }
        let dates = site
            .briefings
            .iter()
            .map(|b| {
                formatters
                    .iter()
                    .map(|f| b.date.as_ref().map_or(String::new(), |d| f.format(d)))
                    .collect()
            })
            .collect();
        let urls = Urls::new(&config.base_url);
        let hrefs: Vec<String> = site
            .briefings
            .par_iter()
            .map(|b| urls.path(&b.site_path))
            .collect();
        let mut ctx = RenderContext {
            config,
            site,
            taxonomies,
            templates,
            urls,
            dates,
            items: Vec::new(),
            term_links: Vec::new(),
            hrefs,
        };
        ctx.items = (0..site.briefings.len())
            .into_par_iter()
            .map(|id| {
                (0..config.languages.len())
                    .map(|lang| tera::Value::from_serializable(&item_view(&ctx, lang, id)))
                    .collect()
            })
            .collect();
        ctx.term_links = (0..config.languages.len())
            .map(|lang| {
                (0..taxonomies.terms.len())
                    .map(|term| term_pages::term_link(&ctx, lang, term))
                    .collect()
            })
            .collect();
        Ok(ctx)
    }

    /// Number of home-list pages for the site.
    fn page_count(&self, items: usize) -> usize {
        items.div_ceil(self.config.paginate).max(1)
    }
}

/// Every page of the site, in a stable order.
pub fn page_jobs(ctx: &RenderContext) -> Vec<PageJob> {
    let mut jobs = vec![PageJob::Root, PageJob::NotFound];
    for lang in 0..ctx.config.languages.len() {
        for page in 1..=ctx.page_count(ctx.site.briefings.len()) {
            jobs.push(PageJob::Home { lang, page });
        }
        for kind in TaxonomyKind::ALL {
            jobs.push(PageJob::TermIndex { lang, kind });
        }
        for (term, t) in ctx.taxonomies.terms.iter().enumerate() {
            for page in 1..=ctx.page_count(t.briefings.len()) {
                jobs.push(PageJob::Term { lang, term, page });
            }
        }
    }
    jobs.extend((0..ctx.site.briefings.len()).map(PageJob::Briefing));
    jobs
}

/// Renders the given jobs in parallel; every failing page is reported.
pub fn render_pages(ctx: &RenderContext, jobs: &[PageJob]) -> Result<Vec<Output>, Diagnostics> {
    let results: Vec<Result<Output, Diagnostic>> =
        jobs.par_iter().map(|job| render_job(ctx, *job)).collect();
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

fn render_job(ctx: &RenderContext, job: PageJob) -> Result<Output, Diagnostic> {
    match job {
        PageJob::Root => {
            let lang = ctx.config.default_language;
            let (page, items) = home_page(ctx, lang, 1, "", "home");
            render(ctx, "root.html", "", &page, None, Some(items))
        }
        PageJob::NotFound => {
            let lang = ctx.config.default_language;
            let chrome = chrome(
                ctx,
                lang,
                ChromeSpec::other("not-found", "404.html", "404.html"),
            );
            let page = Page {
                chrome,
                lang: ctx.config.languages[lang].lang.to_string(),
                briefing: None,
                list: None,
                terms: None,
                term: None,
            };
            render(ctx, "404.html", "404.html", &page, None, None)
        }
        PageJob::Home { lang, page } => {
            let path = list_path(&format!("{}/", ctx.config.languages[lang].lang), page);
            let (view, items) = home_page(ctx, lang, page, &path, "home");
            render(ctx, "list.html", &path, &view, None, Some(items))
        }
        PageJob::Briefing(id) => {
            let b = &ctx.site.briefings[id];
            let view = briefing_page(ctx, id, b);
            render(
                ctx,
                "briefing.html",
                &b.site_path,
                &view,
                Some(&b.source_path),
                None,
            )
        }
        PageJob::TermIndex { lang, kind } => term_pages::render_term_index(ctx, lang, kind),
        PageJob::Term { lang, term, page } => term_pages::render_term(ctx, lang, term, page),
    }
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
}

pub(crate) fn render(
    ctx: &RenderContext,
    template: &str,
    site_path: &str,
    page: &Page,
    source: Option<&std::path::Path>,
    items: Option<Vec<tera::Value>>,
) -> Result<Output, Diagnostic> {
    let mut context = tera::Context::from_serialize(page)
        .map_err(|e| templates::template_diagnostic(&e, source))?;
    context.insert_value(
        "items",
        items.map_or(tera::Value::none(), tera::Value::from),
    );
    let html = ctx
        .templates
        .render(template, &context)
        .map_err(|e| templates::template_diagnostic(&e, source))?;
    Ok(Output {
        path: output_file(site_path),
        bytes: html.into_bytes(),
    })
}

/// Site path of page `page` of a list whose first page is at `first`.
pub(crate) fn list_path(first: &str, page: usize) -> String {
    if page <= 1 {
        first.to_string()
    } else {
        format!("{first}page/{page}/")
    }
}

/// What varies between pages' chrome.
pub(crate) struct ChromeSpec {
    pub kind: &'static str,
    pub title: String,
    pub description: String,
    /// The page's own site path.
    pub site_path: String,
    /// The same page in other languages: (language index, site path); includes this page.
    pub versions: Vec<(usize, String)>,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl ChromeSpec {
    fn other(kind: &'static str, title: &str, site_path: &str) -> Self {
        ChromeSpec {
            kind,
            title: title.to_string(),
            description: String::new(),
            site_path: site_path.to_string(),
            versions: Vec::new(),
            prev: None,
            next: None,
        }
    }
}

pub(crate) fn chrome(ctx: &RenderContext, lang: usize, spec: ChromeSpec) -> Chrome {
    let lc = &ctx.config.languages[lang];
    let code = lc.lang.as_str();
    let languages = ctx
        .config
        .languages
        .iter()
        .enumerate()
        .map(|(j, other)| {
            let version = spec.versions.iter().find(|(l, _)| *l == j);
            LanguageLink {
                lang: other.lang.to_string(),
                dir: other.direction.as_str(),
                name: other.name.clone(),
                href: ctx
                    .urls
                    .path(version.map_or(&format!("{}/", other.lang), |(_, p)| p)),
                current: j == lang,
                same_page: version.is_some(),
            }
        })
        .collect();
    let alternates = if spec.versions.len() > 1 {
        let mut a: Vec<Alternate> = spec
            .versions
            .iter()
            .map(|(j, p)| Alternate {
                hreflang: ctx.config.languages[*j].lang.to_string(),
                href: ctx.urls.absolute(p),
            })
            .collect();
        if let Some((_, p)) = spec
            .versions
            .iter()
            .find(|(j, _)| *j == ctx.config.default_language)
        {
            a.push(Alternate {
                hreflang: "x-default".into(),
                href: ctx.urls.absolute(p),
            });
        }
        a
    } else {
        Vec::new()
    };
    Chrome {
        lang: code.to_string(),
        dir: lc.direction.as_str(),
        locale: lc.locale.to_string(),
        site_title: lc.title.clone(),
        site_description: lc.description.clone(),
        title: spec.title,
        description: if spec.description.is_empty() {
            lc.description.clone()
        } else {
            spec.description
        },
        canonical: ctx.urls.absolute(&spec.site_path),
        root: ctx.urls.path(""),
        home: ctx.urls.path(&format!("{code}/")),
        stylesheet: ctx.urls.path("style.css"),
        kind: spec.kind,
        nav: Nav {
            home: ctx.urls.path(&format!("{code}/")),
            topics: ctx.urls.path(&format!("{code}/topics/")),
            actors: ctx.urls.path(&format!("{code}/actors/")),
            places: ctx.urls.path(&format!("{code}/places/")),
        },
        languages,
        alternates,
        prev: spec.prev,
        next: spec.next,
    }
}

/// A list item for briefing `id`, shown in interface language `lang`.
pub(crate) fn item_view(ctx: &RenderContext, lang: usize, id: BriefingId) -> ItemView {
    let b = &ctx.site.briefings[id];
    let bl = ctx.config.language(&b.lang);
    ItemView {
        title: b.title.clone(),
        href: ctx.hrefs[id].clone(),
        lang: b.lang.to_string(),
        dir: bl.map_or("ltr", |l| l.direction.as_str()),
        date_iso: b.date.map(|d| d.iso()),
        date: ctx.dates[id][lang].clone(),
        summary: b.summary.clone(),
        language_name: bl.map_or(String::new(), |l| l.name.clone()),
    }
}

/// A paginated list of briefings, page `page` (1-based); `first` is the list's first page.
/// Returns the view and the page's items.
pub(crate) fn list_view(
    ctx: &RenderContext,
    lang: usize,
    kind: &'static str,
    heading: String,
    ids: &[BriefingId],
    first: &str,
    page: usize,
) -> (ListView, Vec<tera::Value>) {
    let total_pages = ctx.page_count(ids.len());
    let start = (page - 1) * ctx.config.paginate;
    let items = ids
        .iter()
        .skip(start)
        .take(ctx.config.paginate)
        .map(|&id| ctx.items[id][lang].clone())
        .collect();
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
    kind: &'static str,
) -> (Page, Vec<tera::Value>) {
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
            title: ctx.config.languages[lang].title.clone(),
            description: String::new(),
            site_path: canonical_path,
            versions,
            prev: list.pagination.prev.clone(),
            next: list.pagination.next.clone(),
        },
    );
    (
        Page {
            chrome,
            lang: code,
            briefing: None,
            list: Some(list),
            terms: None,
            term: None,
        },
        items,
    )
}

fn briefing_page(ctx: &RenderContext, id: BriefingId, b: &Briefing) -> Page {
    let lang = ctx
        .config
        .languages
        .iter()
        .position(|l| l.lang == b.lang)
        .unwrap_or(ctx.config.default_language);
    let mut versions = vec![(lang, b.site_path.clone())];
    let translations = b
        .translations
        .iter()
        .filter_map(|&t| {
            let tb = &ctx.site.briefings[t];
            let j = ctx
                .config
                .languages
                .iter()
                .position(|l| l.lang == tb.lang)?;
            versions.push((j, tb.site_path.clone()));
            let lc = &ctx.config.languages[j];
            Some(TranslationLink {
                lang: lc.lang.to_string(),
                dir: lc.direction.as_str(),
                language_name: lc.name.clone(),
                title: tb.title.clone(),
                href: ctx.urls.path(&tb.site_path),
            })
        })
        .collect();
    versions.sort();
    let terms = |kind: TaxonomyKind| term_pages::term_links(ctx, lang, id, kind);
    let view = BriefingView {
        title: b.title.clone(),
        date_iso: b.date.map(|d| d.iso()),
        date: ctx.dates[id][lang].clone(),
        summary: b.summary.clone(),
        body: b.body.html.clone(),
        source: b.source.as_ref().map(|s| SourceView {
            name: s.name.clone(),
            url: s.url.clone(),
        }),
        topics: terms(TaxonomyKind::Topics),
        actors: terms(TaxonomyKind::Actors),
        places: terms(TaxonomyKind::Places),
        translations,
    };
    let chrome = chrome(
        ctx,
        lang,
        ChromeSpec {
            kind: "briefing",
            title: format!("{} | {}", b.title, ctx.config.languages[lang].title),
            description: b.summary.clone(),
            site_path: b.site_path.clone(),
            versions,
            prev: None,
            next: None,
        },
    );
    Page {
        chrome,
        lang: b.lang.to_string(),
        briefing: Some(view),
        list: None,
        terms: None,
        term: None,
    }
}
