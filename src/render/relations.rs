//! The relations page of a kind (`/<lang>/actors/relations/`, issue 26): who appears with
//! whom, as an adjacency matrix of the most present terms and a table of the strongest pairs.
//!
//! Why a matrix and not a network: a force-directed network reads well at 30 nodes and is a
//! hairball at 3,000, its layout moves with every edit (a build must be byte-identical), and
//! its labels collide. A matrix of the 20 most present terms has a fixed, readable layout at
//! any size of site, every pair has one cell, and its rows are the same names as the table
//! beside it. The matrix is a picture (hidden from screen readers); the table is the page's
//! content for screen readers and print. In Arabic the matrix is mirrored: names on the
//! right, the first column at the right.

use super::views::TermLink;
use super::{ChromeSpec, Page, PageContent, PageJob, RenderContext, View, chrome, message};
use super::{page_title, page_view};
use crate::error::Diagnostic;
use crate::ids::LangIx;
use crate::kind::TaxonomyKind;
use crate::lang::Direction;
use serde::Serialize;

/// A cell's side, the width kept for names and the height of the column numbers.
const CELL: u32 = 28;
const NAMES: u32 = 210;
const HEAD: u32 = 26;
/// Longest name drawn whole; longer ones end in "…" (the table has them whole).
const NAME_CHARS: usize = 26;

#[derive(Debug, Clone, Hash, Serialize)]
pub struct RelationsView {
    pub kind: &'static str,
    pub width: u32,
    pub height: u32,
    pub cell: u32,
    /// Column numbers along the top.
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// The strongest pairs, strongest first.
    pub pairs: Vec<Pair>,
    /// The kind's index page.
    pub index: String,
}

#[derive(Debug, Clone, Hash, Serialize)]
pub struct Column {
    pub x: u32,
    pub label: String,
}

#[derive(Debug, Clone, Hash, Serialize)]
pub struct Row {
    pub link: TermLink,
    /// The name as drawn (shortened), its number, and where both go.
    pub short: String,
    pub number: String,
    pub y: u32,
    pub name_x: u32,
    pub number_x: u32,
    pub anchor: &'static str,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Hash, Serialize)]
pub struct Cell {
    pub x: u32,
    pub count: usize,
    pub count_label: String,
    /// Shade, from 0.15 (one shared briefing) to 1 (the most).
    pub opacity: String,
    /// "A and B: 3 briefings", for a pointer's tooltip.
    pub title: String,
    pub diagonal: bool,
}

#[derive(Debug, Clone, Hash, Serialize)]
pub struct Pair {
    pub a: TermLink,
    pub b: TermLink,
    pub count: usize,
    pub count_label: String,
}

pub(super) fn relations_view(
    ctx: &RenderContext,
    lang: LangIx,
    kind: TaxonomyKind,
) -> Result<View, Diagnostic> {
    let job = PageJob::Relations { lang, kind };
    let model = &ctx.model;
    let rel = model.relations(kind);
    let rtl = model.language(lang).direction == Direction::Rtl;
    let n = rel.terms.len() as u32;
    let width = NAMES + n * CELL;
    let height = HEAD + n * CELL;
    // Column j's left edge: after the names in a left-to-right page; from the right in Arabic.
    let col_x = |j: u32| {
        if rtl {
            (n - 1 - j) * CELL
        } else {
            NAMES + j * CELL
        }
    };
    let max = rel
        .counts
        .iter()
        .flatten()
        .copied()
        .max()
        .unwrap_or(1)
        .max(1);
    let columns = (0..n)
        .map(|j| Column {
            x: col_x(j) + CELL / 2,
            label: ctx.number(lang, j as usize + 1),
        })
        .collect();
    let mut rows = Vec::with_capacity(rel.terms.len());
    for (i, &t) in rel.terms.iter().enumerate() {
        let link = ctx.term_link(lang, t).clone();
        let short = if link.name.chars().count() > NAME_CHARS {
            let cut: String = link.name.chars().take(NAME_CHARS - 1).collect();
            format!("{}…", cut.trim_end())
        } else {
            link.name.clone()
        };
        let mut cells = Vec::with_capacity(rel.terms.len());
        for (j, &o) in rel.terms.iter().enumerate() {
            let count = rel.counts[i][j];
            let other = &ctx.term_link(lang, o).name;
            let shared = message(ctx, lang, "shared-briefings", &[("count", count)])?;
            cells.push(Cell {
                x: col_x(j as u32),
                count,
                count_label: ctx.number(lang, count),
                opacity: format!("{:.2}", 0.15 + 0.85 * (count as f64 / max as f64)),
                title: format!("{} · {}: {shared}", link.name, other),
                diagonal: i == j,
            });
        }
        let (name_x, number_x, anchor) = if rtl {
            (n * CELL + 30, n * CELL + 6, "start")
        } else {
            (NAMES - 30, NAMES - 6, "end")
        };
        rows.push(Row {
            short,
            number: ctx.number(lang, i + 1),
            y: HEAD + i as u32 * CELL,
            name_x,
            number_x,
            anchor,
            cells,
            link,
        });
    }
    let pairs = rel
        .strongest
        .iter()
        .map(|&(a, b, count)| Pair {
            a: ctx.term_link(lang, a).clone(),
            b: ctx.term_link(lang, b).clone(),
            count,
            count_label: ctx.number(lang, count),
        })
        .collect();
    let heading = message(ctx, lang, &format!("relations-{}", kind.as_str()), &[])?;
    let title = page_title(ctx, lang, &[heading]);
    let chrome = chrome(ctx, lang, ChromeSpec::other(&title, job));
    let view = RelationsView {
        kind: kind.as_str(),
        width,
        height,
        cell: CELL,
        columns,
        rows,
        pairs,
        index: ctx
            .urls
            .path(&PageJob::TermIndex { lang, kind }.site_path(model)),
    };
    let page = Page::new(chrome, ctx, lang, PageContent::Relations(view));
    Ok(page_view(ctx, "relations.html", job, page, None, None))
}
