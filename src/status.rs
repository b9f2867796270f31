//! `marsad status`: the editor's morning report on the portal's state: briefings missing a
//! translation (per language), undated briefings, briefings still as `marsad new` left them
//! (no body; no topics, actors or places), names the registry does not know (with the
//! closest registry entries), terms used by a single briefing, drafts, and broken internal
//! links (by [`crate::check::check_site`]).
//!
//! Loaded sources in, a [`StatusReport`] out (serializable for `--json`); [`format_text`]
//! makes the grouped terminal form. The editorial part covers drafts too (they are work in
//! progress); the links are those of the site a build would publish. Nothing here prints.

use crate::check::check_site;
use crate::config::SiteConfig;
use crate::error::Diagnostics;
use crate::fs::slash_path;
use crate::ids::BriefingId;
use crate::load::Sources;
use crate::paint::Paint;
use crate::resolve::{ResolveOptions, Site};
use crate::suggest::{Suggestion, closest_entries};
use crate::taxonomy::{Registry, Taxonomies, TaxonomyKind};
use serde::Serialize;
use std::path::Path;

/// How many suggestions an unknown name gets.
const SUGGESTIONS: usize = 3;

/// Everything an editor should look at, each list sorted.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StatusReport {
    /// Briefings per interface language (drafts included), in site order.
    pub briefings: Vec<LanguageCount>,
    /// Per language: briefings that have no version in it (one file per briefing: its version
    /// in the earliest site language).
    pub missing_translations: Vec<MissingIn>,
    pub undated: Vec<String>,
    /// Briefings with nothing below their front matter (what `marsad new` writes).
    pub no_body: Vec<String>,
    /// Briefings with no topic, actor or place: no term page lists them.
    pub no_terms: Vec<String>,
    /// Briefings updated or corrected in the last seven days (the site's time zone), for the
    /// desk's corrections log.
    pub recently_updated: Vec<String>,
    pub unknown_names: Vec<UnknownName>,
    pub single_use_terms: Vec<SingleUse>,
    pub drafts: Vec<String>,
    /// Briefings that go out in the next seven days (`publish_date:`), soonest first.
    pub scheduled: Vec<Scheduled>,
    /// Briefings that come down in the next seven days (`expiry_date:`), soonest first.
    pub expiring: Vec<Scheduled>,
    /// Translations whose original changed after they were made.
    pub outdated_translations: Vec<crate::outdated::OutdatedTranslation>,
    /// Places the map cannot draw: the registry gives them no `coords:`.
    pub places_without_coords: Vec<String>,
    pub broken_links: Vec<BrokenLink>,
    /// When the site does not build, why (and links were not checked).
    pub build_errors: Vec<String>,
}

/// A briefing and the day it goes out (or comes down).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Scheduled {
    /// `YYYY-MM-DD` (or the year or month given).
    pub date: String,
    pub file: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LanguageCount {
    pub lang: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct MissingIn {
    pub lang: String,
    pub briefings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnknownName {
    pub kind: TaxonomyKind,
    pub name: String,
    pub files: Vec<String>,
    pub suggestions: Vec<Suggestion>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SingleUse {
    pub kind: TaxonomyKind,
    pub id: String,
    pub name: String,
    pub registered: bool,
    pub file: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BrokenLink {
    /// The briefing file the link is in, when the page is a briefing's.
    pub file: Option<String>,
    pub page: String,
    pub url: String,
    pub reason: String,
}

impl StatusReport {
    /// True when there is nothing to look at.
    pub fn is_clear(&self) -> bool {
        self.missing_translations.is_empty()
            && self.undated.is_empty()
            && self.no_body.is_empty()
            && self.no_terms.is_empty()
            && self.recently_updated.is_empty()
            && self.unknown_names.is_empty()
            && self.single_use_terms.is_empty()
            && self.drafts.is_empty()
            && self.scheduled.is_empty()
            && self.expiring.is_empty()
            && self.outdated_translations.is_empty()
            && self.places_without_coords.is_empty()
            && self.broken_links.is_empty()
            && self.build_errors.is_empty()
    }
}

impl StatusReport {
    /// The same report with every briefing file shown through `show` (the CLI makes them
    /// relative to where the editor stands). Diagnostics in `build_errors` keep their paths
    /// from the site root, as every diagnostic does.
    pub fn with_paths(mut self, show: impl Fn(&str) -> String) -> StatusReport {
        let each = |list: &mut Vec<String>| list.iter_mut().for_each(|p| *p = show(p));
        for m in &mut self.missing_translations {
            each(&mut m.briefings);
        }
        each(&mut self.undated);
        each(&mut self.no_body);
        each(&mut self.no_terms);
        each(&mut self.recently_updated);
        for u in &mut self.unknown_names {
            each(&mut u.files);
        }
        for t in &mut self.single_use_terms {
            t.file = show(&t.file);
        }
        each(&mut self.drafts);
        for s in self.scheduled.iter_mut().chain(&mut self.expiring) {
            s.file = show(&s.file);
        }
        for t in &mut self.outdated_translations {
            t.file = show(&t.file);
            t.original = show(&t.original);
        }
        for l in &mut self.broken_links {
            if let Some(f) = &mut l.file {
                *f = show(f);
            }
        }
        self
    }
}

/// Builds the report. `Err` only when the site does not load: the registry is malformed,
/// or the briefings cannot be placed (slug collisions and the like). A briefing whose front
/// matter does not parse is left out of the editorial lists and named in `build_errors`.
pub fn status_report(
    root: &Path,
    config: &SiteConfig,
    sources: &Sources,
    links: ResolveOptions,
) -> Result<StatusReport, Diagnostics> {
    let documents: Vec<_> = sources
        .content
        .iter()
        .filter_map(|f| crate::front_matter::parse_document(f).ok())
        .collect();
    let registry =
        std::sync::Arc::new(crate::taxonomy::parse_registry(config, &sources.registries)?.0);
    // Work in progress counts: drafts and what is still to go out (not what came down).
    let everything = ResolveOptions {
        include_drafts: true,
        include_future: true,
        ..links
    }
    .on_day(config);
    let today = everything.today.unwrap_or_else(|| config.today());
    let site = crate::resolve::resolve_site(config, documents, everything, None)?;
    let (taxonomies, _) = crate::taxonomy::build_taxonomies(config, &site, &registry)?;

    let mut report = StatusReport {
        briefings: config
            .languages
            .iter()
            .map(|l| LanguageCount {
                lang: l.lang.to_string(),
                count: site.briefings.iter().filter(|b| b.lang == l.lang).count(),
            })
            .collect(),
        missing_translations: missing_translations(config, &site),
        undated: sorted_paths(
            site.briefings
                .iter()
                .filter(|b| b.date.is_none())
                .map(|b| &**b),
        ),
        no_body: sorted_paths(
            site.briefings
                .iter()
                .filter(|b| b.body.text.trim().is_empty())
                .map(|b| &**b),
        ),
        no_terms: sorted_paths(
            site.briefings
                .iter()
                .filter(|b| {
                    b.names
                        .iter()
                        .filter(|(kind, _)| kind.is_tag())
                        .all(|(_, names)| names.is_empty())
                })
                .map(|b| &**b),
        ),
        recently_updated: {
            // The last seven days and today, as calendar dates in the site's time zone (the
            // day scheduled briefings are measured against).
            let recent: std::collections::HashSet<crate::dates::PartialDate> = (0..=7)
                .map(|k| crate::dates::PartialDate::days_before(today, k))
                .collect();
            sorted_paths(
                site.briefings
                    .iter()
                    .filter(|b| b.modified().is_some_and(|d| recent.contains(&d)))
                    .map(|b| &**b),
            )
        },
        unknown_names: unknown_names(&site, &taxonomies, &registry),
        single_use_terms: single_use_terms(config, &site, &taxonomies),
        drafts: sorted_paths(site.briefings.iter().filter(|b| b.draft).map(|b| &**b)),
        scheduled: within_a_week(today, site.briefings.iter().map(|b| (b.scheduled, &**b))),
        expiring: within_a_week(today, site.briefings.iter().map(|b| (b.expires, &**b))),
        outdated_translations: crate::outdated::outdated_translations(
            root,
            &sources.content,
            &site,
        ),
        places_without_coords: {
            let mut ids: Vec<String> = taxonomies
                .of_kind(TaxonomyKind::Places)
                .filter(|(_, t)| t.registered && !t.briefings.is_empty())
                .filter(|(id, _)| registry.geo(*id).is_none())
                .map(|(_, t)| t.id.clone())
                .collect();
            ids.sort();
            ids
        },
        ..StatusReport::default()
    };
    match crate::generate(config, sources, links) {
        Ok(generated) => {
            let written = crate::check::Written::from_generated(&generated, &sources.static_files);
            let checked = check_site(&written, &config.base_url);
            report.broken_links = checked
                .broken
                .into_iter()
                .map(|p| BrokenLink {
                    file: p.at.source.as_deref().map(slash_path),
                    page: p.at.page,
                    url: p.url,
                    reason: p.reason,
                })
                .collect();
        }
        Err(diags) => report.build_errors = diags.errors().map(|d| d.to_string()).collect(),
    }
    Ok(report)
}

/// The briefings whose `day` (a publish or expiry date) falls after `today` and at most
/// seven days later, soonest first.
fn within_a_week<'a>(
    today: crate::dates::PartialDate,
    days: impl Iterator<
        Item = (
            Option<crate::dates::PartialDate>,
            &'a crate::resolve::Briefing,
        ),
    >,
) -> Vec<Scheduled> {
    let from = today.days_since_epoch();
    let mut out: Vec<(crate::dates::PartialDate, String)> = days
        .filter_map(|(d, b)| {
            let d = d?;
            let n = d.days_since_epoch();
            (n > from && n <= from + 7).then(|| (d, slash_path(&b.source_path)))
        })
        .collect();
    out.sort();
    out.into_iter()
        .map(|(d, file)| Scheduled {
            date: d.iso(),
            file,
        })
        .collect()
}

/// For each language, the briefings with no version in it.
fn missing_translations(config: &SiteConfig, site: &Site) -> Vec<MissingIn> {
    let rank = |b: BriefingId| config.index_of(&site.briefings[b].lang);
    config
        .languages
        .iter()
        .filter_map(|l| {
            let mut files: Vec<String> = site
                .ids()
                .zip(&site.briefings)
                .filter(|(id, b)| {
                    // One entry per briefing: only its earliest-language version speaks.
                    let translations = &site.translations[*id];
                    b.lang != l.lang
                        && !translations
                            .iter()
                            .any(|&t| site.briefings[t].lang == l.lang)
                        && translations.iter().all(|&t| rank(t) > rank(*id))
                })
                .map(|(_, b)| slash_path(&b.source_path))
                .collect();
            files.sort();
            (!files.is_empty()).then(|| MissingIn {
                lang: l.lang.to_string(),
                briefings: files,
            })
        })
        .collect()
}

fn unknown_names(site: &Site, taxonomies: &Taxonomies, registry: &Registry) -> Vec<UnknownName> {
    let mut names: Vec<UnknownName> = taxonomies
        .terms
        .iter()
        .filter(|t| !t.registered && !t.briefings.is_empty())
        .map(|t| {
            let name = t.spellings.first().cloned().unwrap_or_else(|| t.id.clone());
            UnknownName {
                kind: t.kind,
                suggestions: closest_entries(registry, t.kind, &name, SUGGESTIONS),
                files: sorted_paths(t.briefings.iter().map(|&b| &*site.briefings[b])),
                name,
            }
        })
        .collect();
    names.sort_by(|a, b| (a.kind, &a.name).cmp(&(b.kind, &b.name)));
    names
}

fn single_use_terms(config: &SiteConfig, site: &Site, taxonomies: &Taxonomies) -> Vec<SingleUse> {
    let mut terms: Vec<SingleUse> = taxonomies
        .terms
        .iter()
        .filter(|t| t.briefings.len() == 1)
        .map(|t| SingleUse {
            kind: t.kind,
            id: t.id.clone(),
            name: t.names[config.default_language].clone(),
            registered: t.registered,
            file: slash_path(&site.briefings[t.briefings[0]].source_path),
        })
        .collect();
    terms.sort_by(|a, b| (a.kind, &a.id).cmp(&(b.kind, &b.id)));
    terms
}

fn sorted_paths<'a>(briefings: impl Iterator<Item = &'a crate::resolve::Briefing>) -> Vec<String> {
    let mut paths: Vec<String> = briefings.map(|b| slash_path(&b.source_path)).collect();
    paths.sort();
    paths.dedup();
    paths
}

/// How many lines a group shows on a terminal before "… N more".
pub const SHORT_GROUP: usize = 5;

/// The report as grouped text: a summary line, then only the groups that have something.
/// `short` (a terminal) keeps each group to [`SHORT_GROUP`] lines.
pub fn format_text(report: &StatusReport, paint: Paint, short: bool) -> String {
    let counts: Vec<String> = report
        .briefings
        .iter()
        .map(|c| format!("{} {}", c.lang, c.count))
        .collect();
    let total: usize = report.briefings.iter().map(|c| c.count).sum();
    let mut out = format!(
        "{} {total} briefings ({})\n",
        paint.bold("status:"),
        counts.join(", ")
    );
    let mut group = |title: &str, lines: Vec<String>| {
        if lines.is_empty() {
            return;
        }
        out.push_str(&format!(
            "\n{} {}\n",
            paint.bold(title),
            paint.yellow(&format!("({})", lines.len()))
        ));
        let shown_lines = if short { SHORT_GROUP } else { lines.len() };
        for line in lines.iter().take(shown_lines) {
            out.push_str(&format!("  {line}\n"));
        }
        if lines.len() > shown_lines {
            out.push_str(&format!(
                "  {}\n",
                paint.dim(&format!(
                    "… and {} more (marsad status --json lists all)",
                    lines.len() - shown_lines
                ))
            ));
        }
    };
    group(
        "Missing translations",
        report
            .missing_translations
            .iter()
            .flat_map(|m| m.briefings.iter().map(move |f| format!("{}: {f}", m.lang)))
            .collect(),
    );
    group("Undated", report.undated.clone());
    group("No body yet", report.no_body.clone());
    group("No topics, actors or places", report.no_terms.clone());
    group(
        "Updated or corrected in the last 7 days",
        report.recently_updated.clone(),
    );
    group(
        "Names the registry does not know",
        report
            .unknown_names
            .iter()
            .map(|u| {
                let hint = if u.suggestions.is_empty() {
                    String::new()
                } else {
                    let close: Vec<String> = u
                        .suggestions
                        .iter()
                        .map(|s| format!("{} ({})", s.id, s.spelling))
                        .collect();
                    format!("; {} {}", paint.green("closest:"), close.join(", "))
                };
                format!(
                    "{} `{}` in {}{hint}",
                    u.kind.as_str(),
                    u.name,
                    u.files.join(", ")
                )
            })
            .collect(),
    );
    group(
        "Terms used by one briefing",
        report
            .single_use_terms
            .iter()
            .map(|t| format!("{}/{} ({}): {}", t.kind.as_str(), t.id, t.name, t.file))
            .collect(),
    );
    group("Drafts", report.drafts.clone());
    group(
        "Going out in the next 7 days",
        report
            .scheduled
            .iter()
            .map(|s| format!("{}: {}", s.date, s.file))
            .collect(),
    );
    group(
        "Coming down in the next 7 days",
        report
            .expiring
            .iter()
            .map(|s| format!("{}: {}", s.date, s.file))
            .collect(),
    );
    group(
        "Translations whose original changed since",
        report
            .outdated_translations
            .iter()
            .map(|t| {
                let what = t.changes.map_or_else(
                    || "no earlier version in git to compare".to_string(),
                    |c| c.to_string(),
                );
                format!(
                    "{} (original {}: {what}; `marsad translated {}` once caught up)",
                    t.file, t.original, t.file
                )
            })
            .collect(),
    );
    group(
        "Places the map cannot draw (no `coords:` in the registry)",
        report.places_without_coords.clone(),
    );
    group(
        "Broken internal links",
        report
            .broken_links
            .iter()
            .map(|l| {
                let at = l.file.as_deref().unwrap_or(&l.page);
                format!("{at}: {} ({})", l.url, l.reason)
            })
            .collect(),
    );
    group(
        "The site does not build (links not checked)",
        report.build_errors.clone(),
    );
    if report.is_clear() {
        out.push_str(&format!("\n{}\n", paint.green("Nothing to look at.")));
    }
    out
}
