//! [`Site`] -> [`Output`]s: one job per page, rendered in parallel with templates compiled once.
//!
//! Jobs are values, so `serve` can re-render only the pages an edit touches.

mod feeds;
pub mod fingerprint;
mod sitemap;
mod templates;
pub mod views;
mod xml;

pub use templates::Templates;

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
}

/// Everything rendering reads; immutable and shared by all jobs.
pub struct RenderContext {
    pub config: Arc<SiteConfig>,
    pub site: Arc<Site>,
    pub taxonomies: Arc<Taxonomies>,
    pub templates: Arc<Templates>,
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
    /// Absolute URL of each briefing (feeds, sitemap), built once.
    pub absolute: Vec<String>,
}

impl RenderContext {
    /// Owns its inputs (shared), so `serve` can keep a context between edits and update it.
    pub fn new(
        config: Arc<SiteConfig>,
        site: Arc<Site>,
        taxonomies: Arc<Taxonomies>,
        templates: Arc<Templates>,
    ) -> Result<RenderContext, Diagnostics> {
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
        let absolute: Vec<String> = site
            .briefings
            .par_iter()
            .map(|b| urls.absolute(&b.site_path))
            .collect();
        let (briefing_count, language_count, term_count) = (
            site.briefings.len(),
            config.languages.len(),
            taxonomies.terms.len(),
        );
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
            absolute,
        };
        ctx.items = (0..briefing_count)
            .into_par_iter()
            .map(|id| ctx.item_values(id))
            .collect();
        ctx.term_links = (0..language_count)
            .map(|lang| {
                (0..term_count)
                    .map(|term| term_pages::term_link(&ctx, lang, term))
                    .collect()
            })
            .collect();
        Ok(ctx)
    }

    /// Replaces briefing `id`'s text (an edit that changed nothing else) and returns the
    /// pages that show it. The search index shows it too: see [`render_search_index`].
    pub fn update_text(
        &mut self,
        id: BriefingId,
        text: crate::resolve::BriefingText,
    ) -> Vec<PageJob> {
        let site = Arc::make_mut(&mut self.site);
        let b = &mut site.briefings[id];
        b.title = text.title;
        b.summary = text.summary;
        b.body = text.body;
        b.source = text.source;
        self.items[id] = self.item_values(id);
        self.jobs_showing(id)
    }

    /// Every page that shows briefing `id`'s text: its page, its translations' pages, the
    /// home and term list pages it is on, the root, and the feeds that carry it.
    pub fn jobs_showing(&self, id: BriefingId) -> Vec<PageJob> {
        let per_page = self.config.paginate;
        let b = &self.site.briefings[id];
        let mut jobs = vec![PageJob::Briefing(id)];
        jobs.extend(b.translations.iter().map(|&t| PageJob::Briefing(t)));
        if id < per_page {
            jobs.push(PageJob::Root);
        }
        let dated_rank = |ids: &mut dyn Iterator<Item = BriefingId>| {
            ids.filter(|&i| self.site.briefings[i].date.is_some())
                .position(|i| i == id)
        };
        for lang in 0..self.config.languages.len() {
            jobs.push(PageJob::Home {
                lang,
                page: id / per_page + 1,
            });
            if b.date.is_some()
                && dated_rank(&mut (0..self.site.briefings.len()))
                    .is_some_and(|r| r < feeds::FEED_ENTRIES)
            {
                jobs.push(PageJob::Feed { lang, term: None });
            }
            for &term in self.taxonomies.of_briefing[id].iter().flatten() {
                let list = &self.taxonomies.terms[term].briefings;
                if let Some(pos) = list.iter().position(|&i| i == id) {
                    jobs.push(PageJob::Term {
                        lang,
                        term,
                        page: pos / per_page + 1,
                    });
                }
                if b.date.is_some()
                    && dated_rank(&mut list.iter().copied())
                        .is_some_and(|r| r < feeds::FEED_ENTRIES)
                {
                    jobs.push(PageJob::Feed {
                        lang,
                        term: Some(term),
                    });
                }
            }
        }
        jobs.sort();
        jobs.dedup();
        jobs
    }

    /// Briefing `id` as a list item, in every interface language.
    fn item_values(&self, id: BriefingId) -> Vec<tera::Value> {
        (0..self.config.languages.len())
            .map(|lang| tera::Value::from_serializable(&item_view(self, lang, id)))
            .collect()
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
        jobs.push(PageJob::Search { lang });
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

/// Renders the given jobs in parallel into `sink`; every failing page is reported.
pub fn render_pages_to(
    ctx: &RenderContext,
    jobs: &[PageJob],
    sink: Sink,
) -> Result<(), Diagnostics> {
    let results: Vec<Diagnostic> = jobs
        .par_iter()
        .filter_map(|job| render_job(ctx, *job).and_then(sink).err())
        .collect();
    Diagnostics::from(results).into_result().map(|_| ())
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
            let (page, items) = home_page(ctx, lang, 1, "")?;
            render(ctx, "root.html", "", &page, None, Some(items))
        }
        PageJob::NotFound => {
            let lang = ctx.config.default_language;
            let title = page_title(ctx, lang, &[message(ctx, lang, "not-found-title", &[])?]);
            let chrome = chrome(
                ctx,
                lang,
                ChromeSpec::other("not-found", &title, "404.html"),
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
            let (view, items) = home_page(ctx, lang, page, &path)?;
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
        PageJob::Feed { lang, term } => Ok(feeds::render_feed(ctx, lang, term)),
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
            let page = Page {
                chrome: chrome(ctx, lang, spec),
                lang: ctx.config.languages[lang].lang.to_string(),
                briefing: None,
                list: None,
                terms: None,
                term: None,
            };
            render(ctx, "search.html", &path, &page, None, None)
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
    let mut out: Vec<Output> = crate::search::build_index(&docs)
        .into_iter()
        .map(|f| Output {
            path: format!("search/{}", f.path),
            bytes: f.json.into_bytes(),
        })
        .collect();
    out.push(Output {
        path: "search/search.js".into(),
        bytes: include_str!("search.js").as_bytes().to_vec(),
    });
    out
}

/// Files that are not pages: sitemap, robots.txt, and what GitHub Pages needs.
pub fn render_site_files(ctx: &RenderContext) -> Vec<Output> {
    let mut out = sitemap::render_sitemaps(ctx);
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
    out
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
    /// The feed to announce: the language's (`None`) or a term's.
    pub feed: Option<TermId>,
    /// schema.org JSON-LD for the page, already serialized and escaped for `<script>`.
    pub json_ld: Option<String>,
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
            feed: None,
            json_ld: None,
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
    let feed = if feeds::has_feed(ctx, spec.feed) {
        Some(ctx.urls.path(&feeds::feed_path(ctx, lang, spec.feed)))
    } else {
        None
    };
    Chrome {
        lang: code.to_string(),
        lang_index: lang,
        dir: lc.direction.as_str(),
        locale: lc.locale.to_string(),
        og_locale: og_locale(&lc.locale),
        og_locale_alternates: ctx
            .config
            .languages
            .iter()
            .filter(|l| l.lang != lc.lang)
            .map(|l| og_locale(&l.locale))
            .collect(),
        og_type: if spec.kind == "briefing" {
            "article"
        } else {
            "website"
        },
        feed,
        json_ld: spec.json_ld,
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
        search: ctx.urls.path(&format!("{code}/search/")),
        search_script: ctx.urls.path("search/search.js"),
        search_index: ctx.urls.path("search/"),
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

/// A Fluent message in interface language `lang`; a missing one is a build error.
pub(crate) fn message(
    ctx: &RenderContext,
    lang: usize,
    key: &str,
    args: &[(&str, usize)],
) -> Result<String, Diagnostic> {
    let args: Vec<(String, crate::i18n::Arg)> = args
        .iter()
        .map(|(k, v)| (k.to_string(), crate::i18n::Arg::Number(*v as f64)))
        .collect();
    ctx.templates
        .message(&ctx.config.languages[lang].lang, key, &args)
        .map_err(|m| Diagnostic::error(Location::file("templates/i18n"), m))
}

/// `<title>`: the page's own parts, then the site title, joined by ` | `.
pub(crate) fn page_title(ctx: &RenderContext, lang: usize, parts: &[String]) -> String {
    let mut all: Vec<&str> = parts
        .iter()
        .map(String::as_str)
        .filter(|p| !p.is_empty())
        .collect();
    all.push(&ctx.config.languages[lang].title);
    all.join(" | ")
}

/// "Page 2 of 5" past the first page of a list, nothing on the first.
pub(crate) fn page_of(
    ctx: &RenderContext,
    lang: usize,
    p: &Pagination,
) -> Result<Vec<String>, Diagnostic> {
    if p.current <= 1 {
        return Ok(Vec::new());
    }
    Ok(vec![message(
        ctx,
        lang,
        "page-of",
        &[("current", p.current), ("total", p.total)],
    )?])
}

/// Open Graph writes locales with an underscore (`ar_MA`).
fn og_locale(locale: &icu_locale_core::Locale) -> String {
    locale.to_string().replace('-', "_")
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
) -> Result<(Page, Vec<tera::Value>), Diagnostic> {
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
            chrome,
            lang: code,
            briefing: None,
            list: Some(list),
            terms: None,
            term: None,
        },
        items,
    ))
}

fn briefing_page(ctx: &RenderContext, id: BriefingId, b: &Briefing) -> Page {
    let lang = ctx.config.index_of(&b.lang);
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
            title: page_title(ctx, lang, std::slice::from_ref(&b.title)),
            description: b.summary.clone(),
            site_path: b.site_path.clone(),
            versions,
            prev: None,
            next: None,
            feed: None,
            json_ld: Some(json_ld(ctx, id, b)),
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

/// schema.org `NewsArticle` for a briefing. Serialized with serde_json, then `<`, `>` and `&`
/// escaped as `\u003c`… so no title can close the surrounding `<script>`.
fn json_ld(ctx: &RenderContext, id: BriefingId, b: &Briefing) -> String {
    let lang = ctx.config.index_of(&b.lang);
    let lc = &ctx.config.languages[lang];
    let things = |kind: TaxonomyKind, ty: &str| -> Vec<serde_json::Value> {
        ctx.taxonomies.of_briefing[id][kind.index()]
            .iter()
            .map(|&t| {
                serde_json::json!({
                    "@type": ty,
                    "name": ctx.term_links[lang][t].name,
                    "url": ctx.urls.absolute(&term_pages::site_path(ctx, lang, t)),
                })
            })
            .collect()
    };
    let publisher = serde_json::json!({
        "@type": "Organization",
        "name": lc.title,
        "url": ctx.urls.absolute(&format!("{}/", lc.lang)),
    });
    let mut doc = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": b.title,
        "description": b.summary,
        "inLanguage": b.lang.as_str(),
        "url": ctx.urls.absolute(&b.site_path),
        "mainEntityOfPage": ctx.urls.absolute(&b.site_path),
        "publisher": publisher,
        "about": things(TaxonomyKind::Topics, "Thing"),
        "mentions": things(TaxonomyKind::Actors, "Thing"),
        "contentLocation": things(TaxonomyKind::Places, "Place"),
    });
    if let Some(map) = doc.as_object_mut() {
        if let Some(d) = b.date {
            map.insert("datePublished".into(), d.iso().into());
        }
        if let Some(src) = &b.source {
            let mut org = serde_json::json!({ "@type": "Organization", "name": src.name });
            if let (Some(url), Some(o)) = (&src.url, org.as_object_mut()) {
                o.insert("url".into(), url.clone().into());
            }
            map.insert("author".into(), org);
        }
    }
    let text = serde_json::to_string(&doc).unwrap_or_default();
    text.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
