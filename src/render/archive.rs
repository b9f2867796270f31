//! The archive (issue 13): `/<lang>/archive/` lists the years with their counts, and
//! `/<lang>/archive/<year>/` (then `page/2/`...) a year's briefings by month, newest first, under the locale's
//! month names; undated briefings have their own page, `/<lang>/archive/undated/`.
//!
//! Like the home page, the archive lists briefings of every language in every interface
//! language, so each archive page exists in all of them. Years and their briefings come from
//! the model's archive buckets; this module only builds views.

use super::{
    ChromeSpec, Page, PageContent, PageJob, RenderContext, View, chrome, list_view, message,
    page_of, page_title, page_view,
};
use crate::error::Diagnostic;
use crate::ids::{BriefingId, LangIx};
use crate::model::{ArchiveBucket, ListKey};
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
pub(super) fn archive_index_view(ctx: &RenderContext, lang: LangIx) -> Result<View, Diagnostic> {
    let job = PageJob::ArchiveIndex { lang };
    let heading = message(ctx, lang, "nav-archive", &[])?;
    let title = page_title(ctx, lang, std::slice::from_ref(&heading));
    let view = archive_view(ctx, lang, None)?;
    let chrome = chrome(ctx, lang, ChromeSpec::other(&title, job));
    let page = Page::new(chrome, ctx, lang, PageContent::ArchiveIndex(view));
    Ok(page_view(ctx, "archive.html", job, page, None, None))
}

/// Page `page` of one bucket's list (a year's, or the undated briefings') in interface
/// language `lang`: paginated like every list, since a year of a big portal holds thousands
/// of briefings.
pub(super) fn archive_year_view(
    ctx: &RenderContext,
    lang: LangIx,
    bucket: ArchiveBucket,
    page: usize,
) -> Result<View, Diagnostic> {
    let job = PageJob::List {
        lang,
        list: ListKey::Archive(bucket),
        page,
    };
    let label = bucket_label(ctx, lang, bucket)?;
    let (list, items) = list_view(ctx, job, label.clone());
    let months = month_groups(ctx, lang, &items.1)?;
    let mut parts = vec![label];
    parts.extend(page_of(ctx, lang, &list.pagination)?);
    parts.push(message(ctx, lang, "nav-archive", &[])?);
    let title = page_title(ctx, lang, &parts);
    let mut archive = archive_view(ctx, lang, Some(bucket))?;
    archive.months = months;
    let mut spec = ChromeSpec::other(&title, job);
    spec.prev = list.pagination.prev.clone();
    spec.next = list.pagination.next.clone();
    let kind = PageContent::ArchiveYear { archive, list };
    let page = Page::new(chrome(ctx, lang, spec), ctx, lang, kind);
    Ok(page_view(ctx, "archive.html", job, page, None, Some(items)))
}

/// The archive's part of a page: the list of years, and on a bucket's page (`current`) its
/// heading; months are left to the bucket's page.
fn archive_view(
    ctx: &RenderContext,
    lang: LangIx,
    current: Option<ArchiveBucket>,
) -> Result<ArchiveView, Diagnostic> {
    let href = |job: PageJob| ctx.urls.path(&job.site_path(&ctx.model));
    let years = ctx
        .model
        .archive()
        .iter()
        .map(|(bucket, ids)| {
            Ok(YearLink {
                label: bucket_label(ctx, lang, *bucket)?,
                iso: match bucket {
                    ArchiveBucket::Year(y) => Some(format!("{y:04}")),
                    ArchiveBucket::Undated => None,
                },
                href: href(PageJob::List {
                    lang,
                    list: ListKey::Archive(*bucket),
                    page: 1,
                }),
                count: ids.len(),
                current: current == Some(*bucket),
                undated: *bucket == ArchiveBucket::Undated,
            })
        })
        .collect::<Result<Vec<_>, Diagnostic>>()?;
    Ok(ArchiveView {
        index: href(PageJob::ArchiveIndex { lang }),
        year: match current {
            Some(b) => Some(bucket_label(ctx, lang, b)?),
            None => None,
        },
        years,
        months: Vec::new(),
    })
}

/// "2023" as the locale writes a year, or "Undated".
fn bucket_label(
    ctx: &RenderContext,
    lang: LangIx,
    bucket: ArchiveBucket,
) -> Result<String, Diagnostic> {
    match bucket {
        ArchiveBucket::Year(y) => Ok(ctx.year_label(lang, y)),
        ArchiveBucket::Undated => message(ctx, lang, "undated", &[]),
    }
}

/// A briefing's (year, month), if its month is known.
type MonthKey = Option<(i32, u8)>;

/// Consecutive runs of one month among `ids` (newest first, so months come newest first and
/// briefings dated by their year only, which sort as the year's start, come last).
fn month_groups(
    ctx: &RenderContext,
    lang: LangIx,
    ids: &[BriefingId],
) -> Result<Vec<MonthGroup>, Diagnostic> {
    // (year and month, or none for "month not given"; first index; end index)
    let mut groups: Vec<(MonthKey, usize, usize)> = Vec::new();
    for (i, &id) in ids.iter().enumerate() {
        let key = ctx
            .model
            .briefing(id)
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
        .is_some_and(|&id| ctx.model.briefing(id).date.is_none())
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
