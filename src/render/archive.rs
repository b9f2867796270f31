//! The archive (issue 13): `/<lang>/archive/` lists the years with their counts, and
//! `/<lang>/archive/<year>/` (then `page/2/`...) a year's briefings by month, newest first, under the locale's
//! month names; undated briefings have their own page, `/<lang>/archive/undated/`.
//!
//! Like the home page, the archive lists briefings of every language in every interface
//! language, so each archive page exists in all of them. Years and their briefings come from
//! `RenderContext::archive`; this module only builds views.

use super::views::ListView;
use super::{
    ChromeSpec, Page, RenderContext, View, chrome, list_path, list_view, message, page_of,
    page_title, page_view,
};
use crate::error::Diagnostic;
use crate::resolve::BriefingId;
use serde::Serialize;

/// The path segment of the undated briefings' page, in place of a year.
pub const UNDATED: &str = "undated";

/// What the archive templates receive.
#[derive(Debug, Clone, Serialize)]
pub struct ArchiveView {
    /// Root-relative URL of the archive's first page (the list of years).
    pub index: String,
    /// Every year (newest first) and the undated entry, as links with counts.
    pub years: Vec<YearLink>,
    /// On a year's page: its heading, and its briefings by month (ranges of `items`).
    pub year: Option<String>,
    pub months: Vec<MonthGroup>,
}

#[derive(Debug, Clone, Serialize)]
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
#[derive(Debug, Clone, Serialize)]
pub struct MonthGroup {
    /// The month's name in the interface language, or "month not given".
    pub name: String,
    /// `2023-07`, for `<time datetime>`; none for the briefings dated by their year only.
    pub iso: Option<String>,
    pub start: usize,
    pub end: usize,
}

/// Site path of the archive (`year: None`) or of one of its pages (`Some(None)`: undated).
pub fn site_path(code: &str, year: Option<Option<i32>>) -> String {
    match year {
        None => format!("{code}/archive/"),
        Some(Some(y)) => format!("{code}/archive/{y}/"),
        Some(None) => format!("{code}/archive/{UNDATED}/"),
    }
}

/// The archive's list of years in interface language `lang`.
pub(super) fn archive_index_view(ctx: &RenderContext, lang: usize) -> Result<View, Diagnostic> {
    let heading = message(ctx, lang, "nav-archive", &[])?;
    let title = page_title(ctx, lang, std::slice::from_ref(&heading));
    let page = archive_page(ctx, lang, None, title, Vec::new(), None)?;
    let path = site_path(ctx.config.languages[lang].lang.as_str(), None);
    Ok(page_view("archive.html", &path, page, None, None))
}

/// Page `page` of one year's (or the undated briefings') list in interface language `lang`:
/// paginated like every list, since a year of a big portal holds thousands of briefings.
pub(super) fn archive_year_view(
    ctx: &RenderContext,
    lang: usize,
    year: Option<i32>,
    page: usize,
) -> Result<View, Diagnostic> {
    let ids: &[BriefingId] = ctx
        .archive
        .iter()
        .find(|(y, _)| *y == year)
        .map_or(&[], |(_, ids)| ids);
    let code = ctx.config.languages[lang].lang.as_str();
    let first = site_path(code, Some(year));
    let label = year_label(ctx, lang, year)?;
    let (list, items) = list_view(ctx, lang, "archive", label.clone(), ids, &first, page);
    let months = month_groups(ctx, lang, &items.1)?;
    let mut parts = vec![label];
    parts.extend(page_of(ctx, lang, &list.pagination)?);
    parts.push(message(ctx, lang, "nav-archive", &[])?);
    let title = page_title(ctx, lang, &parts);
    let path = list_path(&first, page);
    let view = archive_page(ctx, lang, Some(year), title, months, Some((list, page)))?;
    Ok(page_view("archive.html", &path, view, None, Some(items)))
}

fn archive_page(
    ctx: &RenderContext,
    lang: usize,
    year: Option<Option<i32>>,
    title: String,
    months: Vec<MonthGroup>,
    list: Option<(ListView, usize)>,
) -> Result<Page, Diagnostic> {
    let code = ctx.config.languages[lang].lang.to_string();
    let years = ctx
        .archive
        .iter()
        .map(|(y, ids)| {
            Ok(YearLink {
                label: year_label(ctx, lang, *y)?,
                iso: y.map(|y| format!("{y:04}")),
                href: ctx.urls.path(&site_path(&code, Some(*y))),
                count: ids.len(),
                current: year == Some(*y),
                undated: y.is_none(),
            })
        })
        .collect::<Result<Vec<_>, Diagnostic>>()?;
    let page = list.as_ref().map_or(1, |(_, p)| *p);
    let path = list_path(&site_path(&code, year), page);
    let mut spec = ChromeSpec::other("archive", &title, &path);
    spec.versions = ctx
        .config
        .languages
        .iter()
        .enumerate()
        .map(|(j, l)| (j, list_path(&site_path(l.lang.as_str(), year), page)))
        .collect();
    if let Some((l, _)) = &list {
        spec.prev = l.pagination.prev.clone();
        spec.next = l.pagination.next.clone();
    }
    let view = ArchiveView {
        index: ctx.urls.path(&site_path(&code, None)),
        year: match year {
            Some(y) => Some(year_label(ctx, lang, y)?),
            None => None,
        },
        years,
        months,
    };
    Ok(Page {
        archive: Some(view),
        list: list.map(|(l, _)| l),
        ..Page::new(chrome(ctx, lang, spec), code)
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
