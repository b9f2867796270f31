//! The page plan: every page of a build as a [`PageJob`], and the one definition of every
//! route, so no other module builds a site path.
//!
//! Input: the site model (its briefings, terms, lists, archive buckets, which feeds have
//! entries). Output: [`page_jobs`], the list of every page, and for each job its site path
//! ([`PageJob::site_path`]), output file, canonical page and versions in the other
//! interface languages ([`PageJob::versions`]: what the language switcher, hreflang
//! alternates and the sitemap show). Rendering, the sitemap, `serve` and `check` read routes
//! here; [`crate::urls`] then applies the base path and percent-encoding. The plan also
//! refuses briefing slugs that its own pages take ([`check_briefing_slugs`]). This module
//! builds no views and touches no disk.

use crate::error::{Diagnostic, Diagnostics, Location};
use crate::ids::{BriefingId, LangIx};
use crate::kind::TaxonomyKind;
use crate::lang::Lang;
use crate::model::{ArchiveBucket, FeedScope, ListKey, Model};
use serde::Serialize;

/// One page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageJob {
    /// `/index.html`: the language chooser, also the default language's home.
    Root,
    NotFound,
    Briefing(BriefingId),
    /// Page `page` (1-based) of a list in one interface language: the home list, a term's
    /// briefings, an archive bucket's.
    List {
        lang: LangIx,
        list: ListKey,
        page: usize,
    },
    /// The list of all terms of one kind in one interface language.
    TermIndex {
        lang: LangIx,
        kind: TaxonomyKind,
    },
    /// The Atom feed of a language or of one term, in one interface language.
    Feed {
        lang: LangIx,
        scope: FeedScope,
    },
    /// The search page of one interface language.
    Search {
        lang: LangIx,
    },
    /// The archive's list of years in one interface language.
    ArchiveIndex {
        lang: LangIx,
    },
    /// Who appears with whom among the terms of a kind that has such a page
    /// ([`TaxonomyKind::has_relations_page`]).
    Relations {
        lang: LangIx,
        kind: TaxonomyKind,
    },
}

/// What kind of page a job is, as templates see it (`chrome.kind`, the body's class).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageKind {
    Home,
    Briefing,
    Term,
    TermIndex,
    Archive,
    Search,
    NotFound,
    Feed,
    Relations,
}

/// Every page of the site, in a stable order.
pub fn page_jobs(model: &Model) -> Vec<PageJob> {
    let mut jobs = vec![PageJob::Root, PageJob::NotFound];
    for lang in model.languages() {
        let lists = std::iter::once(ListKey::Home)
            .chain(model.archive_buckets().map(ListKey::Archive))
            .chain(model.term_ids().map(ListKey::Term));
        for list in lists {
            for page in 1..=model.page_count(model.list_len_unnoted(list)) {
                jobs.push(PageJob::List { lang, list, page });
            }
        }
        jobs.push(PageJob::Search { lang });
        jobs.push(PageJob::ArchiveIndex { lang });
        for kind in TaxonomyKind::ALL {
            jobs.push(PageJob::TermIndex { lang, kind });
            if kind.has_relations_page() {
                jobs.push(PageJob::Relations { lang, kind });
            }
        }
        let scopes =
            std::iter::once(FeedScope::Language).chain(model.term_ids().map(FeedScope::Term));
        for scope in scopes {
            if model.has_feed_unnoted(scope) {
                jobs.push(PageJob::Feed { lang, scope });
            }
        }
    }
    jobs.extend(model.briefing_ids().map(PageJob::Briefing));
    jobs
}

/// Site path of a briefing's page: `en/some-slug/`.
pub fn briefing_path(lang: &Lang, slug: &str) -> String {
    format!("{lang}/{slug}/")
}

/// First path segments under a language that the plan's own pages take: no briefing slug
/// may take one.
pub fn reserved_slugs() -> impl Iterator<Item = &'static str> {
    [PAGE, SEARCH, ARCHIVE]
        .into_iter()
        .chain(TaxonomyKind::ALL.map(TaxonomyKind::as_str))
}

/// A briefing whose slug is one of [`reserved_slugs`] would shadow an index page: an error
/// on its `slug:` line (or its file, when the slug comes from the file name).
pub fn check_briefing_slugs(model: &Model) -> Diagnostics {
    let mut diags = Diagnostics::new();
    for b in model.whole_site().briefings.iter() {
        if reserved_slugs().any(|r| r == b.slug) {
            let loc = match b.slug_line {
                Some(line) => Location::at(&b.source_path, line as usize, 1),
                None => Location::file(&b.source_path),
            };
            diags.push(Diagnostic::error(
                loc,
                format!(
                    "slug `{}` is reserved for index pages ({}); set another `slug:`",
                    b.slug,
                    reserved_slugs().collect::<Vec<_>>().join(", ")
                ),
            ));
        }
    }
    diags
}

/// A term whose id the plan's pages take (`actors/relations/`) would shadow that page: an
/// error, pointing at the briefings that name it.
pub fn check_term_ids(model: &Model) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let tax = model.whole_taxonomies();
    for term in &tax.terms {
        if term.kind.reserved_ids().any(|r| r == term.id) {
            let at = term
                .briefings
                .first()
                .map(|&b| Location::file(&model.whole_site().briefings[b].source_path))
                .unwrap_or_else(Location::nowhere);
            diags.push(Diagnostic::error(
                at,
                format!(
                    "the {} `{}` would take the address of the page `{}/{}/`; give it another name or a registry entry with another id",
                    term.kind.as_str(),
                    term.id,
                    term.kind.as_str(),
                    term.id
                ),
            ));
        }
    }
    diags
}

/// The segment of list pages past the first (`en/page/2/`).
const PAGE: &str = "page";
const SEARCH: &str = "search";
const ARCHIVE: &str = "archive";

/// The base map of the site's places (coastlines and borders; one for every language).
pub const MAP_FILE: &str = "map.svg";
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
    pub fn lang(&self, model: &Model) -> LangIx {
        match *self {
            PageJob::Root | PageJob::NotFound => model.default_language(),
            PageJob::Briefing(id) => model.lang_ix(&model.briefing(id).lang),
            PageJob::List { lang, .. }
            | PageJob::TermIndex { lang, .. }
            | PageJob::Feed { lang, .. }
            | PageJob::Search { lang }
            | PageJob::ArchiveIndex { lang }
            | PageJob::Relations { lang, .. } => lang,
        }
    }

    /// What kind of page this is, for templates.
    pub fn kind(&self) -> PageKind {
        match self {
            PageJob::Root
            | PageJob::List {
                list: ListKey::Home,
                ..
            } => PageKind::Home,
            PageJob::NotFound => PageKind::NotFound,
            PageJob::Briefing(_) => PageKind::Briefing,
            PageJob::List {
                list: ListKey::Term(_),
                ..
            } => PageKind::Term,
            PageJob::List {
                list: ListKey::Archive(_),
                ..
            }
            | PageJob::ArchiveIndex { .. } => PageKind::Archive,
            PageJob::TermIndex { .. } => PageKind::TermIndex,
            PageJob::Feed { .. } => PageKind::Feed,
            PageJob::Search { .. } => PageKind::Search,
            PageJob::Relations { .. } => PageKind::Relations,
        }
    }

    /// The page's route: its site path, relative to the base path (`en/page/2/`,
    /// `fr/topics/sahel-security/atom.xml`, `` for the root).
    pub fn site_path(&self, model: &Model) -> String {
        let code = |lang: LangIx| model.language(lang).lang.as_str();
        match *self {
            PageJob::Root => String::new(),
            PageJob::NotFound => NOT_FOUND_FILE.to_string(),
            PageJob::Briefing(id) => {
                let b = model.briefing(id);
                briefing_path(&b.lang, &b.slug)
            }
            PageJob::List { lang, list, page } => {
                let first = match list {
                    ListKey::Home => language_root(code(lang)),
                    ListKey::Term(term) => {
                        let t = model.term(term);
                        format!("{}/{}/{}/", code(lang), t.kind.as_str(), t.id)
                    }
                    ListKey::Archive(ArchiveBucket::Year(y)) => {
                        format!("{}/{ARCHIVE}/{y}/", code(lang))
                    }
                    ListKey::Archive(ArchiveBucket::Undated) => {
                        format!("{}/{ARCHIVE}/{UNDATED}/", code(lang))
                    }
                };
                paginated(first, page)
            }
            PageJob::TermIndex { lang, kind } => format!("{}/{}/", code(lang), kind.as_str()),
            PageJob::Feed { lang, scope } => {
                let first = PageJob::List {
                    lang,
                    list: scope.list(),
                    page: 1,
                };
                format!("{}{FEED_FILE}", first.site_path(model))
            }
            PageJob::Search { lang } => format!("{}/{SEARCH}/", code(lang)),
            PageJob::ArchiveIndex { lang } => format!("{}/{ARCHIVE}/", code(lang)),
            PageJob::Relations { lang, kind } => {
                format!(
                    "{}/{}/{}/",
                    code(lang),
                    kind.as_str(),
                    TaxonomyKind::RELATIONS
                )
            }
        }
    }

    /// The file the page is written to (`en/page/2/index.html`).
    pub fn output_file(&self, model: &Model) -> String {
        crate::urls::output_file(&self.site_path(model))
    }

    /// Whether this is a home page's first page (the root stands for one).
    pub fn is_home(&self) -> bool {
        matches!(
            self,
            PageJob::List {
                list: ListKey::Home,
                page: 1,
                ..
            }
        )
    }

    /// The page's list and page number, for list pages.
    pub fn list(&self) -> Option<(LangIx, ListKey, usize)> {
        match *self {
            PageJob::List { lang, list, page } => Some((lang, list, page)),
            _ => None,
        }
    }

    /// The page search engines should index instead of this one: the root stands for the
    /// default language's home; every other page for itself.
    pub fn canonical(self, model: &Model) -> PageJob {
        match self {
            PageJob::Root => PageJob::List {
                lang: model.default_language(),
                list: ListKey::Home,
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
    pub fn in_language(self, model: &Model, lang: LangIx) -> Option<PageJob> {
        match self {
            PageJob::Root | PageJob::NotFound => None,
            PageJob::Briefing(id) => {
                let code = &model.language(lang).lang;
                if &model.briefing(id).lang == code {
                    return Some(self);
                }
                model
                    .translations(id)
                    .iter()
                    .find(|&&t| &model.briefing(t).lang == code)
                    .map(|&t| PageJob::Briefing(t))
            }
            PageJob::List { list, page, .. } => Some(PageJob::List { lang, list, page }),
            PageJob::TermIndex { kind, .. } => Some(PageJob::TermIndex { lang, kind }),
            PageJob::Feed { scope, .. } => Some(PageJob::Feed { lang, scope }),
            PageJob::Search { .. } => Some(PageJob::Search { lang }),
            PageJob::ArchiveIndex { .. } => Some(PageJob::ArchiveIndex { lang }),
            PageJob::Relations { kind, .. } => Some(PageJob::Relations { lang, kind }),
        }
    }

    /// Every version of the page (of its canonical page, for the root), itself included, in
    /// the site's language order, as (interface language, site path): what the language
    /// switcher links to, the hreflang alternates announce and the sitemap lists.
    pub fn versions(self, model: &Model) -> Vec<(LangIx, String)> {
        let page = self.canonical(model);
        model
            .languages()
            .filter_map(|j| page.in_language(model, j).map(|p| (j, p.site_path(model))))
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
    fn model() -> Model {
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
            .model
    }

    const EN: LangIx = LangIx::new(0);
    const AR: LangIx = LangIx::new(1);

    fn briefing(model: &Model, lang: &str, slug: &str) -> BriefingId {
        model
            .briefing_ids()
            .find(|&id| {
                let b = model.briefing(id);
                b.lang.as_str() == lang && b.slug == slug
            })
            .expect("briefing")
    }

    #[test]
    fn routes_are_what_a_reader_expects() {
        let model = model();
        let jobs = page_jobs(&model);
        let topic = model
            .term_ids()
            .find(|&t| model.term(t).id == "sahel-security")
            .expect("the topic has a page");
        let path = |job: PageJob| {
            assert!(jobs.contains(&job), "{job:?} is in the plan");
            job.site_path(&model)
        };
        let list = |lang, list, page| PageJob::List { lang, list, page };
        assert_eq!(path(PageJob::Root), "");
        assert_eq!(path(PageJob::NotFound), "404.html");
        assert_eq!(path(list(EN, ListKey::Home, 1)), "en/");
        assert_eq!(path(list(EN, ListKey::Home, 2)), "en/page/2/");
        let term_page_3 = list(EN, ListKey::Term(topic), 3);
        assert_eq!(path(term_page_3), "en/topics/sahel-security/page/3/");
        assert_eq!(
            term_page_3.output_file(&model),
            "en/topics/sahel-security/page/3/index.html"
        );
        let undated = list(AR, ListKey::Archive(ArchiveBucket::Undated), 1);
        assert_eq!(path(undated), "ar/archive/undated/");
        let year = list(EN, ListKey::Archive(ArchiveBucket::Year(2023)), 1);
        assert_eq!(path(year), "en/archive/2023/");
        let term_feed = PageJob::Feed {
            lang: EN,
            scope: FeedScope::Term(topic),
        };
        assert_eq!(path(term_feed), "en/topics/sahel-security/atom.xml");
        let feed = PageJob::Feed {
            lang: AR,
            scope: FeedScope::Language,
        };
        assert_eq!(path(feed), "ar/atom.xml");
        assert_eq!(path(PageJob::Search { lang: AR }), "ar/search/");
        assert_eq!(
            path(PageJob::Briefing(briefing(&model, "ar", "a"))),
            "ar/a/"
        );
    }

    #[test]
    fn versions_and_canonical_pages() {
        let model = model();
        // The root stands for the English home, in both languages.
        assert_eq!(
            PageJob::Root.canonical(&model).site_path(&model),
            "en/",
            "the root's canonical page"
        );
        assert_eq!(
            PageJob::Root.versions(&model),
            vec![(EN, "en/".to_string()), (AR, "ar/".to_string())]
        );
        assert!(PageJob::NotFound.versions(&model).is_empty());
        // A briefing's versions are its translations; one without any has only itself.
        assert_eq!(
            PageJob::Briefing(briefing(&model, "en", "a")).versions(&model),
            vec![(EN, "en/a/".to_string()), (AR, "ar/a/".to_string())]
        );
        assert_eq!(
            PageJob::Briefing(briefing(&model, "en", "d")).versions(&model),
            vec![(EN, "en/d/".to_string())]
        );
        // Pagination keeps the page across languages.
        let home_2 = PageJob::List {
            lang: AR,
            list: ListKey::Home,
            page: 2,
        };
        assert_eq!(
            home_2.versions(&model),
            vec![
                (EN, "en/page/2/".to_string()),
                (AR, "ar/page/2/".to_string())
            ]
        );
    }

    #[test]
    fn a_briefing_slug_an_index_page_takes_is_refused() {
        let reserved: Vec<&str> = reserved_slugs().collect();
        for segment in [
            "page", "search", "archive", "topics", "actors", "places", "sources",
        ] {
            assert!(reserved.contains(&segment), "{segment}");
        }
    }
}
