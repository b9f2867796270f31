//! The page plan: every page of a build as a [`PageJob`], and the one definition of every
//! route, so no other module builds a site path.
//!
//! Input: the render context (site, taxonomies, the archive's years, which feeds have
//! entries). Output: [`page_jobs`], the list of every page, and for each job its site path
//! ([`PageJob::site_path`]), output file, canonical page and versions in the other
//! interface languages ([`PageJob::versions`]: what the language switcher, hreflang
//! alternates and the sitemap show). Rendering, the sitemap, `serve` and `check` read routes
//! here; [`crate::urls`] then applies the base path and percent-encoding. This module builds
//! no views and touches no disk.

use crate::lang::Lang;
use crate::render::RenderContext;
use crate::resolve::BriefingId;
use crate::taxonomy::{TaxonomyKind, TermId};

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
            if crate::render::feeds::has_feed(ctx, term) {
                jobs.push(PageJob::Feed { lang, term });
            }
        }
    }
    jobs.extend((0..ctx.site.briefings.len()).map(PageJob::Briefing));
    jobs
}

/// Site path of a briefing's page: `en/some-slug/`. `resolve` stores it on the briefing.
pub fn briefing_path(lang: &Lang, slug: &str) -> String {
    format!("{lang}/{slug}/")
}

/// First path segments under a language that index pages own: no briefing slug may take one.
pub const RESERVED_SLUGS: &[&str] = &[
    PAGE,
    TaxonomyKind::Topics.as_str(),
    TaxonomyKind::Actors.as_str(),
    TaxonomyKind::Places.as_str(),
    SEARCH,
    ARCHIVE,
];

/// The segment of list pages past the first (`en/page/2/`).
const PAGE: &str = "page";
const SEARCH: &str = "search";
const ARCHIVE: &str = "archive";
/// The archive's segment of the undated briefings' page, in place of a year.
const UNDATED: &str = "undated";
const FEED_FILE: &str = "atom.xml";

/// The 404 page's output file (hosts serve it for missing paths).
pub const NOT_FOUND_FILE: &str = "404.html";

/// The folder every page of interface language `code` lives under, its home's route (`en/`).
pub fn language_root(code: &str) -> String {
    format!("{code}/")
}

/// The folder of the search index's files and the search client.
pub const SEARCH_INDEX: &str = "search/";

/// Site path of one file of the search index (or the client script), `name` inside
/// [`SEARCH_INDEX`].
pub fn search_file(name: &str) -> String {
    format!("{SEARCH_INDEX}{name}")
}

/// The sitemap, or past 50,000 URLs the sitemap index pointing at its parts.
pub const SITEMAP_FILE: &str = "sitemap.xml";

/// Part `n` (1-based) of a sitemap split into parts.
pub fn sitemap_part(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

pub const ROBOTS_FILE: &str = "robots.txt";

/// Tells GitHub Pages not to run Jekyll, which hides folders starting with `_`.
pub const NOJEKYLL_FILE: &str = ".nojekyll";

/// GitHub Pages' custom domain file.
pub const CNAME_FILE: &str = "CNAME";

impl PageJob {
    /// The interface language the page is shown in: the default language's for the root and
    /// the 404 page, a briefing's own language for its page.
    pub fn lang(&self, ctx: &RenderContext) -> usize {
        match *self {
            PageJob::Root | PageJob::NotFound => ctx.config.default_language,
            PageJob::Briefing(id) => ctx.config.index_of(&ctx.site.briefings[id].lang),
            PageJob::Home { lang, .. }
            | PageJob::TermIndex { lang, .. }
            | PageJob::Term { lang, .. }
            | PageJob::Feed { lang, .. }
            | PageJob::Search { lang }
            | PageJob::ArchiveIndex { lang }
            | PageJob::ArchiveYear { lang, .. } => lang,
        }
    }

    /// The page's route: its site path, relative to the base path (`en/page/2/`,
    /// `fr/topics/sahel-security/atom.xml`, `` for the root).
    pub fn site_path(&self, ctx: &RenderContext) -> String {
        let code = |lang: usize| ctx.config.languages[lang].lang.as_str();
        match *self {
            PageJob::Root => String::new(),
            PageJob::NotFound => NOT_FOUND_FILE.to_string(),
            PageJob::Home { lang, page } => paginated(language_root(code(lang)), page),
            PageJob::Briefing(id) => ctx.site.briefings[id].site_path.clone(),
            PageJob::TermIndex { lang, kind } => format!("{}/{}/", code(lang), kind.as_str()),
            PageJob::Term { lang, term, page } => {
                let t = &ctx.taxonomies.terms[term];
                paginated(
                    format!("{}/{}/{}/", code(lang), t.kind.as_str(), t.id),
                    page,
                )
            }
            PageJob::Feed { lang, term } => {
                let page = match term {
                    None => PageJob::Home { lang, page: 1 },
                    Some(term) => PageJob::Term {
                        lang,
                        term,
                        page: 1,
                    },
                };
                format!("{}{FEED_FILE}", page.site_path(ctx))
            }
            PageJob::Search { lang } => format!("{}/{SEARCH}/", code(lang)),
            PageJob::ArchiveIndex { lang } => format!("{}/{ARCHIVE}/", code(lang)),
            PageJob::ArchiveYear { lang, year, page } => {
                let first = match year {
                    Some(y) => format!("{}/{ARCHIVE}/{y}/", code(lang)),
                    None => format!("{}/{ARCHIVE}/{UNDATED}/", code(lang)),
                };
                paginated(first, page)
            }
        }
    }

    /// The file the page is written to (`en/page/2/index.html`).
    pub fn output_file(&self, ctx: &RenderContext) -> String {
        crate::urls::output_file(&self.site_path(ctx))
    }

    /// Page `page` of the same list (homes, term pages, archive years); other pages have a
    /// single page and stay as they are.
    pub fn with_page(self, page: usize) -> PageJob {
        match self {
            PageJob::Home { lang, .. } => PageJob::Home { lang, page },
            PageJob::Term { lang, term, .. } => PageJob::Term { lang, term, page },
            PageJob::ArchiveYear { lang, year, .. } => PageJob::ArchiveYear { lang, year, page },
            other => other,
        }
    }

    /// The page search engines should index instead of this one: the root stands for the
    /// default language's home; every other page for itself.
    pub fn canonical(self, ctx: &RenderContext) -> PageJob {
        match self {
            PageJob::Root => PageJob::Home {
                lang: ctx.config.default_language,
                page: 1,
            },
            other => other,
        }
    }

    /// True for the pages the sitemap lists: HTML pages that are their own canonical page
    /// (not the root, not the 404 page, not feeds).
    pub fn in_sitemap(&self) -> bool {
        !matches!(
            self,
            PageJob::Root | PageJob::NotFound | PageJob::Feed { .. }
        )
    }

    /// The same page in interface language `lang`, if it exists in it: a briefing's
    /// translation, the same page of a list, the same index. The root and the 404 page have
    /// no versions of their own.
    pub fn in_language(self, ctx: &RenderContext, lang: usize) -> Option<PageJob> {
        match self {
            PageJob::Root | PageJob::NotFound => None,
            PageJob::Briefing(id) => {
                let b = &ctx.site.briefings[id];
                let code = &ctx.config.languages[lang].lang;
                if &b.lang == code {
                    return Some(self);
                }
                b.translations
                    .iter()
                    .find(|&&t| &ctx.site.briefings[t].lang == code)
                    .map(|&t| PageJob::Briefing(t))
            }
            PageJob::Home { page, .. } => Some(PageJob::Home { lang, page }),
            PageJob::TermIndex { kind, .. } => Some(PageJob::TermIndex { lang, kind }),
            PageJob::Term { term, page, .. } => Some(PageJob::Term { lang, term, page }),
            PageJob::Feed { term, .. } => Some(PageJob::Feed { lang, term }),
            PageJob::Search { .. } => Some(PageJob::Search { lang }),
            PageJob::ArchiveIndex { .. } => Some(PageJob::ArchiveIndex { lang }),
            PageJob::ArchiveYear { year, page, .. } => {
                Some(PageJob::ArchiveYear { lang, year, page })
            }
        }
    }

    /// Every version of the page (of its canonical page, for the root), itself included, in
    /// the site's language order, as (interface language, site path): what the language
    /// switcher links to, the hreflang alternates announce and the sitemap lists.
    pub fn versions(self, ctx: &RenderContext) -> Vec<(usize, String)> {
        let page = self.canonical(ctx);
        (0..ctx.config.languages.len())
            .filter_map(|j| page.in_language(ctx, j).map(|p| (j, p.site_path(ctx))))
            .collect()
    }
}

/// Page `page` of a list whose first page is at `first`.
fn paginated(first: String, page: usize) -> String {
    if page <= 1 {
        first
    } else {
        format!("{first}{PAGE}/{page}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A two-language site, one briefing a page: four English briefings on one topic (three
    /// dated, one not) and an Arabic translation of the newest.
    fn context() -> RenderContext {
        let dir = tempfile::tempdir().expect("temp dir");
        let write = |path: &str, text: &str| {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        };
        write(
            "site.toml",
            r#"base_url = "https://example.org/"
default_language = "en"
paginate = 1
[[languages]]
code = "en"
name = "English"
locale = "en-GB"
direction = "ltr"
title = "T"
description = "D"
[[languages]]
code = "ar"
name = "العربية"
locale = "ar-MA"
direction = "rtl"
title = "T"
description = "D"
"#,
        );
        for (file, date) in [("a", "2024-03"), ("b", "2023-05"), ("c", "2022"), ("d", "")] {
            let date = if date.is_empty() {
                String::new()
            } else {
                format!("date: {date}\n")
            };
            let text = format!("---\ntitle: {file}\n{date}topics: [sahel-security]\n---\nText.\n");
            write(&format!("content/en/{file}.md"), &text);
        }
        write("content/ar/a.md", "---\ntitle: أ\n---\nنص.\n");
        let (config, sources) =
            crate::load::load_site(dir.path(), &Default::default()).expect("loads");
        let content = crate::Content::Borrowed(&sources.content, None);
        crate::prepare(&config, &sources, content, Default::default(), None)
            .expect("prepares")
            .context
    }

    #[test]
    fn routes_are_what_a_reader_expects() {
        let ctx = context();
        let jobs = page_jobs(&ctx);
        let topic = ctx
            .taxonomies
            .terms
            .iter()
            .position(|t| t.id == "sahel-security")
            .expect("the topic has a page");
        let path = |job: PageJob| {
            assert!(jobs.contains(&job), "{job:?} is in the plan");
            job.site_path(&ctx)
        };
        assert_eq!(path(PageJob::Root), "");
        assert_eq!(path(PageJob::NotFound), "404.html");
        assert_eq!(path(PageJob::Home { lang: 0, page: 1 }), "en/");
        assert_eq!(path(PageJob::Home { lang: 0, page: 2 }), "en/page/2/");
        let term_page_3 = PageJob::Term {
            lang: 0,
            term: topic,
            page: 3,
        };
        assert_eq!(path(term_page_3), "en/topics/sahel-security/page/3/");
        assert_eq!(
            term_page_3.output_file(&ctx),
            "en/topics/sahel-security/page/3/index.html"
        );
        let undated = PageJob::ArchiveYear {
            lang: 1,
            year: None,
            page: 1,
        };
        assert_eq!(path(undated), "ar/archive/undated/");
        let year = PageJob::ArchiveYear {
            lang: 0,
            year: Some(2023),
            page: 1,
        };
        assert_eq!(path(year), "en/archive/2023/");
        let term_feed = PageJob::Feed {
            lang: 0,
            term: Some(topic),
        };
        assert_eq!(path(term_feed), "en/topics/sahel-security/atom.xml");
        assert_eq!(
            path(PageJob::Feed {
                lang: 1,
                term: None
            }),
            "ar/atom.xml"
        );
        assert_eq!(path(PageJob::Search { lang: 1 }), "ar/search/");
    }

    #[test]
    fn versions_and_canonical_pages() {
        let ctx = context();
        // The root stands for the English home, in both languages.
        assert_eq!(
            PageJob::Root.canonical(&ctx).site_path(&ctx),
            "en/",
            "the root's canonical page"
        );
        assert_eq!(
            PageJob::Root.versions(&ctx),
            vec![(0, "en/".to_string()), (1, "ar/".to_string())]
        );
        assert!(PageJob::NotFound.versions(&ctx).is_empty());
        // A briefing's versions are its translations; one without any has only itself.
        let a = ctx
            .site
            .briefings
            .iter()
            .position(|b| b.site_path == "en/a/")
            .expect("briefing a");
        assert_eq!(
            PageJob::Briefing(a).versions(&ctx),
            vec![(0, "en/a/".to_string()), (1, "ar/a/".to_string())]
        );
        let d = ctx
            .site
            .briefings
            .iter()
            .position(|b| b.site_path == "en/d/")
            .expect("briefing d");
        assert_eq!(
            PageJob::Briefing(d).versions(&ctx),
            vec![(0, "en/d/".to_string())]
        );
        // Pagination keeps the page across languages.
        assert_eq!(
            PageJob::Home { lang: 1, page: 2 }.versions(&ctx),
            vec![(0, "en/page/2/".to_string()), (1, "ar/page/2/".to_string())]
        );
    }
}
