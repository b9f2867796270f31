//! A term's timeline (issue 13): its briefings per year, drawn by the template as inline SVG
//! from the geometry computed here, with the same figures in a table for screen readers and
//! readers without CSS. No JavaScript.
//!
//! Time runs in the page's reading direction: oldest year at the left in English and French,
//! at the right in Arabic, so the chart reads like the text around it. Years between the
//! first and the last with no briefing are drawn as empty slots, so gaps are not hidden.
//! Numbers are written in the locale's digits ([`crate::dates::DateFormatter`]).

use super::RenderContext;
use crate::ids::{LangIx, TermId};
use crate::lang::Direction;
use serde::Serialize;

/// Width of one year's slot and of its bar, in SVG units.
const SLOT: u32 = 44;
const BAR: u32 = 28;
/// Height of the tallest bar; room above for counts and below for years.
const PLOT: u32 = 120;
const TOP: u32 = 20;
const BOTTOM: u32 = 26;

#[derive(Debug, Clone, Hash, Serialize)]
pub struct TimelineView {
    /// The SVG's size (`viewBox="0 0 width height"`).
    pub width: u32,
    pub height: u32,
    /// The baseline's height.
    pub baseline: u32,
    /// Every bar's width.
    pub bar: u32,
    /// Years in time order, oldest first (the table's order; the SVG places them by `x`).
    pub years: Vec<YearBar>,
    /// How many of the term's briefings have no date, and so no bar (a page that counts
    /// two briefings and draws one says why).
    pub undated: usize,
}

#[derive(Debug, Clone, Hash, Serialize)]
pub struct YearBar {
    pub year: i32,
    /// `2023`, for `<time datetime>`.
    pub iso: String,
    /// The year and the count as the interface language writes them.
    pub label: String,
    pub count: usize,
    pub count_label: String,
    /// The bar's box; `center` is where both labels are anchored, the count at `count_y`.
    pub x: u32,
    pub y: u32,
    pub height: u32,
    pub center: u32,
    pub count_y: u32,
}

/// The timeline of `term` in interface language `lang`; none when no briefing is dated.
pub(super) fn timeline(ctx: &RenderContext, lang: LangIx, term: TermId) -> Option<TimelineView> {
    let counts = ctx.model.term_years(term);
    let (first, last) = (counts.first()?.0, counts.last()?.0);
    let max = counts.iter().map(|&(_, n)| n).max().unwrap_or(1).max(1);
    let slots = (last - first + 1) as u32;
    let rtl = ctx.model.language(lang).direction == Direction::Rtl;
    let years = (first..=last)
        .enumerate()
        .map(|(i, year)| {
            let count = counts
                .binary_search_by_key(&year, |&(y, _)| y)
                .map_or(0, |k| counts[k].1);
            let slot = if rtl { slots - 1 - i as u32 } else { i as u32 };
            // Rounded up so a year with one briefing among hundreds still shows a bar.
            let height = (count as u32 * PLOT).div_ceil(max as u32);
            YearBar {
                year,
                iso: format!("{year:04}"),
                label: ctx.year_label(lang, year),
                count,
                count_label: ctx.number(lang, count),
                x: slot * SLOT + (SLOT - BAR) / 2,
                y: TOP + PLOT - height,
                height,
                center: slot * SLOT + SLOT / 2,
                count_y: TOP + PLOT - height - 5,
            }
        })
        .collect();
    let dated: usize = counts.iter().map(|&(_, n)| n).sum();
    let undated = ctx
        .model
        .list_len(crate::model::ListKey::Term(term))
        .saturating_sub(dated);
    Some(TimelineView {
        width: slots * SLOT,
        height: TOP + PLOT + BOTTOM,
        baseline: TOP + PLOT,
        bar: BAR,
        years,
        undated,
    })
}
