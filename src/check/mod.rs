//! `marsad check`: every internal link, image, stylesheet and `#fragment` of a generated site
//! must point at something that exists; external links are listed (and fetched only when
//! asked, by the CLI). It checks what was written ([`Written`]): the output folder a build
//! wrote (what a deploy publishes, so CI checks exactly that and never builds twice), the
//! pages `serve` holds, or a site generated in memory (`status`, tests).

mod external;
mod written;
pub use external::{ExternalOptions, ExternalReport, check_external};
pub use written::{Written, briefing_pages};

use scraper::{Html, Selector};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

/// What the check found.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    pub pages: usize,
    pub internal: usize,
    pub broken: Vec<Problem>,
    /// External URLs with the first page that links them.
    pub external: BTreeMap<String, Reference>,
}

/// Where a URL is referenced from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Output file of the page (`en/x/index.html`).
    pub page: String,
    /// The briefing file the page was rendered from, when it is a briefing.
    pub source: Option<PathBuf>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: Reference,
    pub url: String,
    pub reason: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.at.source {
            Some(src) => write!(
                f,
                "{}: {} (in {}): {}",
                src.display(),
                self.url,
                self.at.page,
                self.reason
            ),
            None => write!(f, "{}: {}: {}", self.at.page, self.url, self.reason),
        }
    }
}

/// Attributes that reference other resources.
const REFERENCES: &[(&str, &str)] = &[
    ("a[href]", "href"),
    ("area[href]", "href"),
    ("link[href]", "href"),
    ("img[src]", "src"),
    ("script[src]", "src"),
    ("iframe[src]", "src"),
    ("source[src]", "src"),
    ("video[src]", "src"),
    ("audio[src]", "src"),
    ("track[src]", "src"),
    ("img[srcset]", "srcset"),
    ("source[srcset]", "srcset"),
];

/// Checks every reference in every HTML page of a written site.
pub fn check_site(written: &Written, base_url: &url::Url) -> CheckReport {
    let files: BTreeSet<&str> = written.paths.iter().map(String::as_str).collect();
    let pages: Vec<(&str, Html)> = written
        .pages
        .iter()
        .map(|(path, bytes)| {
            (
                path.as_str(),
                Html::parse_document(&String::from_utf8_lossy(bytes)),
            )
        })
        .collect();
    let id_sel = selector("[id], a[name]");
    let ids: HashMap<&str, BTreeSet<String>> = pages
        .iter()
        .map(|(path, html)| {
            let set = html
                .select(&id_sel)
                .filter_map(|e| e.value().attr("id").or_else(|| e.value().attr("name")))
                .map(str::to_string)
                .collect();
            (*path, set)
        })
        .collect();
    let mut checker = Checker {
        base_url,
        files: &files,
        ids: &ids,
        report: CheckReport {
            pages: pages.len(),
            ..CheckReport::default()
        },
        seen: BTreeSet::new(),
    };
    for (path, html) in &pages {
        let at = Reference {
            page: path.to_string(),
            source: written.sources.get(*path).cloned(),
        };
        let page_url =
            match base_url.join(&crate::urls::encode_path(crate::urls::site_path_of(path))) {
                Ok(u) => u,
                Err(_) => continue,
            };
        for (css, attr) in REFERENCES {
            for el in html.select(&selector(css)) {
                let Some(value) = el.value().attr(attr) else {
                    continue;
                };
                let urls: Vec<&str> = if *attr == "srcset" {
                    value
                        .split(',')
                        .filter_map(|c| c.split_whitespace().next())
                        .collect()
                } else {
                    vec![value.trim()]
                };
                for raw in urls {
                    checker.check(raw, &page_url, &at);
                }
            }
        }
    }
    checker.report.internal = checker.seen.len();
    checker.report
}

/// What one reference is checked against, and what was found so far.
struct Checker<'a> {
    base_url: &'a url::Url,
    files: &'a BTreeSet<&'a str>,
    ids: &'a HashMap<&'a str, BTreeSet<String>>,
    report: CheckReport,
    seen: BTreeSet<String>,
}

impl Checker<'_> {
    fn check(&mut self, raw: &str, page_url: &url::Url, at: &Reference) {
        let lower = raw.to_ascii_lowercase();
        if raw.is_empty()
            || ["mailto:", "tel:", "javascript:", "data:"]
                .iter()
                .any(|p| lower.starts_with(p))
        {
            return;
        }
        let problem = |reason: &str| Problem {
            at: at.clone(),
            url: raw.to_string(),
            reason: reason.to_string(),
        };
        let Ok(url) = page_url.join(raw) else {
            self.report.broken.push(problem("not a valid URL"));
            return;
        };
        if url.scheme() != "http" && url.scheme() != "https" {
            return;
        }
        let inside =
            url.origin() == self.base_url.origin() && url.path().starts_with(self.base_url.path());
        if !inside {
            if url.origin() == self.base_url.origin()
                || (raw.starts_with('/') && !raw.starts_with("//"))
            {
                self.report.broken.push(problem(&format!(
                    "leaves the site's base path {}",
                    self.base_url.path()
                )));
            } else {
                // `page#a` and `page#b` are one fetch: the fragment never reaches the server.
                let mut url = url;
                url.set_fragment(None);
                self.report
                    .external
                    .entry(url.to_string())
                    .or_insert_with(|| at.clone());
            }
            return;
        }
        let rel = &url.path()[self.base_url.path().len()..];
        let decoded = percent_encoding::percent_decode_str(rel)
            .decode_utf8_lossy()
            .into_owned();
        // GitHub Pages redirects a folder asked for without its slash: that link works.
        let target = match crate::urls::file_for(&decoded, |p| self.files.contains(p)) {
            crate::urls::Target::File(f) => Some(f),
            crate::urls::Target::Folder(f) => Some(crate::urls::output_file(&f)),
            crate::urls::Target::Missing(_) => None,
        };
        let Some(target) = target else {
            self.report
                .broken
                .push(problem("points to no page or file of the site"));
            return;
        };
        self.seen.insert(target.clone());
        if let Some(fragment) = url.fragment() {
            let fragment = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
            let known = self
                .ids
                .get(target.as_str())
                .is_some_and(|set| set.contains(fragment.as_ref()));
            if !fragment.is_empty() && target.ends_with(".html") && !known {
                self.report.broken.push(problem(&format!(
                    "{target} has no element with id `{fragment}`"
                )));
            }
        }
    }
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("the selectors are constants of this module")
}
