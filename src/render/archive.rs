//! The archive (issue 13): `/<lang>/archive/` lists the years with their counts, and
//! `/<lang>/archive/<year>/` (then `page/2/`...) a year's briefings by month, newest first, under the locale's
//! month names; undated briefings have their own page, `/<lang>/archive/undated/`.
//!
//! Like the home page, the archive lists briefings of every language in every interface
//! language, so each archive page exists in all of them. Years and their briefings come from
//! `RenderContext::archive`; this module only builds views.

use super::{
    ChromeSpec, Page, PageJob, PageKind, RenderContext, View, chrome, list_view, message, page_of,
    page_title, page_view,
};
use crate::error::Diagnostic;
use crate::resolve::BriefingId;
use serde::Serialize;

/// What the archive templates receive.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct ArchiveView {
    /// Root-relative URL of the archive's first page (the list of years).
    pub index: String,
    /// Every year (newest first) and the undated entry, as links with counts.
    pub years: Vec<YearLink>,
    /// On a year's page: its heading, and its briefings by month (ranges of `items`).
    pub year: Option<String>,
    pub months: Vec<MonthGroup>,
}

#[derive(Debug, Clone, Hash, Serialize)]
pub struct YearLink {
    pub label: String,
    /// `2023`, for `<time datetime>`; none for the undated entry.
    pub iso: Option<String>,
    pub href: String,
    pub count: usize,
    pub current: bool,
    /// True for the undated briefings' entry.
    pub undated: bool,
}

/// One month of a year's page: `items[start..end]`.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct MonthGroup {
    /// The month's name in the interface language, or "month not given".
    pub name: String,
    /// `2023-07`, for `<time datetime>`; none for the briefings dated by their year only.
    pub iso: Option<String>,
    pub start: usize,
    pub end: usize,
}

/// The archive's list of years in interface language `lang`.
pub(super) fn archive_index_view(ctx: &RenderContext, lang: usize) -> Result<View, Diagnostic> {
    let job = PageJob::ArchiveIndex { lang };
    let heading = message(ctx, lang, "nav-archive", &[])?;
    let title = page_title(ctx, lang, std::slice::from_ref(&heading));
    let view = archive_view(ctx, lang, None)?;
    let chrome = chrome(ctx, lang, ChromeSpec::other("archive", &title, job));
    let page = Page::new(chrome, ctx, lang, PageKind::ArchiveIndex(view));
    Ok(page_view(ctx, "archive.html", job, page, None, None))
}

/// Page `page` of one year's (or the undated briefings') list in interface language `lang`:
/// paginated like every list, since a year of a big portal holds thousands of briefings.
pub(super) fn archive_year_view(
    ctx: &RenderContext,
    lang: usize,
    year: Option<i32>,
    page: usize,
) -> Result<View, Diagnostic> {
    let job = PageJob::ArchiveYear { lang, year, page };
    let ids: &[BriefingId] = ctx
        .archive
        .iter()
        .find(|(y, _)| *y == year)
        .map_or(&[], |(_, ids)| ids);
    let label = year_label(ctx, lang, year)?;
    let (list, items) = list_view(ctx, job, "archive", label.clone(), ids, page);
    let months = month_groups(ctx, lang, &items.1)?;
    let mut parts = vec![label];
    parts.extend(page_of(ctx, lang, &list.pagination)?);
    parts.push(message(ctx, lang, "nav-archive", &[])?);
    let title = page_title(ctx, lang, &parts);
    let mut archive = archive_view(ctx, lang, Some(year))?;
    archive.months = months;
    let mut spec = ChromeSpec::other("archive", &title, job);
    spec.prev = list.pagination.prev.clone();
    spec.next = list.pagination.next.clone();
    let kind = PageKind::ArchiveYear { archive, list };
    let page = Page::new(chrome(ctx, lang, spec), ctx, lang, kind);
    Ok(page_view(ctx, "archive.html", job, page, None, Some(items)))
}

/// The archive's part of a page: the list of years, and on a year's page (`year: Some`) its
/// heading; months are left to the year's page.
fn archive_view(
    ctx: &RenderContext,
    lang: usize,
    year: Option<Option<i32>>,
) -> Result<ArchiveView, Diagnostic> {
    let href = |job: PageJob| ctx.urls.path(&job.site_path(ctx));
    let years = ctx
        .archive
        .iter()
        .map(|(y, ids)| {
            Ok(YearLink {
                label: year_label(ctx, lang, *y)?,
                iso: y.map(|y| format!("{y:04}")),
                href: href(PageJob::ArchiveYear {
                    lang,
                    year: *y,
                    page: 1,
                }),
                count: ids.len(),
                current: year == Some(*y),
                undated: y.is_none(),
            })
        })
        .collect::<Result<Vec<_>, Diagnostic>>()?;
    Ok(ArchiveView {
        index: href(PageJob::ArchiveIndex { lang }),
        year: match year {
            Some(y) => Some(year_label(ctx, lang, y)?),
            None => None,
        },
        years,
        months: Vec::new(),
    })
}

/// "2023" as the locale writes a year, or "Undated".
fn year_label(ctx: &RenderContext, lang: usize, year: Option<i32>) -> Result<String, Diagnostic> {
    match year {
        Some(y) => Ok(ctx.year_label(lang, y)),
        None => message(ctx, lang, "undated", &[]),
    }
}

/// A briefing's (year, month), if its month is known.
type MonthKey = Option<(i32, u8)>;

/// Consecutive runs of one month among `ids` (newest first, so months come newest first and
/// briefings dated by their year only, which sort as the year's start, come last).
fn month_groups(
    ctx: &RenderContext,
    lang: usize,
    ids: &[BriefingId],
) -> Result<Vec<MonthGroup>, Diagnostic> {
    // (year and month, or none for "month not given"; first index; end index)
    let mut groups: Vec<(MonthKey, usize, usize)> = Vec::new();
    for (i, &id) in ids.iter().enumerate() {
        let key = ctx.site.briefings[id]
            .date
            .and_then(|d| d.month.map(|m| (d.year, m)));
        match groups.last_mut() {
            Some((k, _, end)) if *k == key => *end = i + 1,
            _ => groups.push((key, i, i + 1)),
        }
    }
    // The undated page is one group without a heading of its own: the page's is enough.
    if ids
        .first()
        .is_some_and(|&id| ctx.site.briefings[id].date.is_none())
    {
        return Ok(Vec::new());
    }
    groups
        .into_iter()
        .map(|(key, start, end)| {
            Ok(MonthGroup {
                name: match key {
                    Some((_, m)) => ctx.month_name(lang, m),
                    None => message(ctx, lang, "archive-no-month", &[])?,
                },
                iso: key.map(|(y, m)| format!("{y:04}-{m:02}")),
                start,
                end,
            })
        })
        .collect()
}
