//! The search index's input, built from the render context: each briefing's text, terms,
//! URL, language and dates as the index needs them (issue 24: the body's plain text for
//! excerpts, term numbers for facets, languages and years as runs), handed to
//! [`crate::search`], whose files become outputs under `search/` with the client script.
//! Reads the context; adds nothing to it.

use super::*;

/// The search index ([`crate::plan::SEARCH_INDEX`]) and its client script.
pub fn render_search_index(ctx: &RenderContext) -> Vec<Output> {
    render_search_index_until(ctx, &|| false).unwrap_or_default()
}

/// [`render_search_index`], given up (`None`) when `stop` says so (`serve`, for a newer edit).
pub fn render_search_index_until(
    ctx: &RenderContext,
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Output>> {
    let site = search_site(ctx);
    let client = &ctx.assets.search_client;
    let mut out: Vec<Output> = crate::search::build_index_until(&site, client, stop)?
        .into_iter()
        .map(|f| Output {
            path: crate::plan::search_file(&f.path),
            bytes: f.bytes,
        })
        .collect();
    out.push(Output {
        path: crate::plan::search_file(client),
        bytes: ctx.assets.search_client_text.clone().into_bytes(),
    });
    Some(out)
}

/// What the search index is built from: every briefing with its terms, the terms with their
/// names and aliases, the briefings' languages (the interface languages, then any other in
/// code order) and each year as each interface language writes it.
fn search_site(ctx: &RenderContext) -> crate::search::SearchSite<'_> {
    use crate::search::{SearchDoc, SearchLanguage, SearchSite, SearchTerm};
    let model = &ctx.model;
    let site = model.whole_site();
    let tax = model.whole_taxonomies();
    let mut languages: Vec<SearchLanguage> = model
        .languages()
        .map(|l| {
            let l = model.language(l);
            SearchLanguage {
                code: l.lang.to_string(),
                dir: l.direction.as_str(),
                name: l.name.clone(),
            }
        })
        .collect();
    let mut others: Vec<String> = site
        .briefings
        .iter()
        .map(|b| b.lang.to_string())
        .filter(|c| !languages.iter().any(|l| &l.code == c))
        .collect();
    others.sort();
    others.dedup();
    languages.extend(others.into_iter().map(|code| SearchLanguage {
        name: code.clone(),
        code,
        dir: "ltr",
    }));
    // Terms numbered by (kind, id), those with briefings only: the preview's model keeps
    // terms in the order edits met them (and may keep one no briefing carries any more), and
    // the index must be the one a clean build writes.
    let mut numbered: Vec<crate::ids::TermId> = tax
        .ids()
        .filter(|&t| !tax.terms[t].briefings.is_empty())
        .collect();
    numbered.sort_by(|&a, &b| {
        let (ta, tb) = (&tax.terms[a], &tax.terms[b]);
        (ta.kind, &ta.id).cmp(&(tb.kind, &tb.id))
    });
    let mut number = vec![u32::MAX; tax.terms.len()];
    for (n, &t) in numbered.iter().enumerate() {
        number[t.index()] = n as u32;
    }
    let docs = site
        .ids()
        .zip(&site.briefings)
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(id, b)| {
            let code = b.lang.to_string();
            SearchDoc {
                title: &b.title,
                url: ctx.href(id),
                lang: languages.iter().position(|l| l.code == code).unwrap_or(0),
                date: b.date.map(|d| d.iso()),
                year: b.date.map(|d| d.year),
                dates: ctx.dates(id),
                summary: &b.summary,
                // Sources are not searched by name (their pages list what cites them).
                terms: tax.of_briefing[id]
                    .iter()
                    .filter(|(kind, _)| kind.searched())
                    .flat_map(|(_, terms)| terms.iter())
                    .map(|t| number[t.index()])
                    .collect(),
                body: &b.body.text,
            }
        })
        .collect();
    let terms = numbered
        .iter()
        .map(|&t| &tax.terms[t])
        .map(|t| SearchTerm {
            kind: t.kind.index(),
            id: &t.id,
            names: &t.names,
            spellings: &t.spellings,
        })
        .collect();
    let mut years: Vec<i32> = site
        .briefings
        .iter()
        .filter_map(|b| b.date.map(|d| d.year))
        .collect();
    years.sort_unstable();
    years.dedup();
    let year_labels = years
        .into_iter()
        .map(|y| {
            let labels = model.languages().map(|l| ctx.year_label(l, y)).collect();
            (y, labels)
        })
        .collect();
    SearchSite {
        docs,
        terms,
        languages,
        year_labels,
    }
}
