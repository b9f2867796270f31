//! Who appears with whom (issue 26): for one kind of term, the pairs of terms that share
//! briefings, counted once per build by `taxonomy::shared_with` (as the term pages' "appears
//! with" lists are: linear in the pairs of terms per briefing), and the most present terms'
//! counts with each other for the matrix.
//!
//! A pair's strength is the number of briefings carrying both, across every language; ties
//! go to the pair that appeared together most recently (the site's order is newest first),
//! then to the terms' ids, so the ranking never depends on the order of a hash map.

use crate::ids::TermId;
use crate::kind::TaxonomyKind;
use crate::taxonomy::{Shared, Taxonomies, shared_with};
use rustc_hash::FxHashMap;

/// How many terms the matrix shows: at 30 actors nearly all, at 3,000 the 20 most present,
/// each row still readable on a phone.
pub const MATRIX_TERMS: usize = 20;
/// How many of the strongest pairs the table lists.
pub const STRONGEST_PAIRS: usize = 50;

/// The relations of one kind's terms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Relations {
    /// The matrix's terms: the most present (most briefings; ties by id), at most
    /// [`MATRIX_TERMS`].
    pub terms: Vec<TermId>,
    /// `counts[i][j]`: briefings carrying both `terms[i]` and `terms[j]` (0 when i == j).
    pub counts: Vec<Vec<usize>>,
    /// The strongest pairs of the whole kind, strongest first: (a, b, briefings), a the
    /// more present of the two.
    pub strongest: Vec<(TermId, TermId, usize)>,
}

/// The relations of `kind`'s terms.
pub fn relations(tax: &Taxonomies, kind: TaxonomyKind) -> Relations {
    // Each pair once (a < b), counted by `taxonomy::shared_with`, as the term pages count.
    let mut ranked: Vec<((TermId, TermId), Shared)> = tax
        .of_kind(kind)
        .filter(|(_, t)| !t.briefings.is_empty())
        .flat_map(|(a, _)| {
            shared_with(tax, a, &[kind])
                .into_iter()
                .filter(move |&(b, _)| a < b)
                .map(move |(b, s)| ((a, b), s))
        })
        .collect();
    let presence = |t: TermId| tax.terms[t].briefings.len();
    let by_presence = |a: TermId, b: TermId| {
        presence(b)
            .cmp(&presence(a))
            .then_with(|| tax.terms[a].id.cmp(&tax.terms[b].id))
    };
    ranked.sort_by(|x, y| {
        x.1.stronger_first(&y.1)
            .then_with(|| tax.terms[x.0.0].id.cmp(&tax.terms[y.0.0].id))
            .then_with(|| tax.terms[x.0.1].id.cmp(&tax.terms[y.0.1].id))
    });
    let mut terms: Vec<TermId> = tax
        .of_kind(kind)
        .filter(|(_, t)| !t.briefings.is_empty())
        .map(|(id, _)| id)
        .collect();
    terms.sort_by(|&a, &b| by_presence(a, b));
    terms.truncate(MATRIX_TERMS);
    let at: FxHashMap<TermId, usize> = terms.iter().enumerate().map(|(i, &t)| (t, i)).collect();
    let mut counts = vec![vec![0; terms.len()]; terms.len()];
    for &((a, b), s) in &ranked {
        if let (Some(&i), Some(&j)) = (at.get(&a), at.get(&b)) {
            counts[i][j] = s.briefings;
            counts[j][i] = s.briefings;
        }
    }
    let strongest = ranked
        .into_iter()
        .take(STRONGEST_PAIRS)
        .map(|((a, b), s)| {
            if by_presence(a, b).is_le() {
                (a, b, s.briefings)
            } else {
                (b, a, s.briefings)
            }
        })
        .collect();
    Relations {
        terms,
        counts,
        strongest,
    }
}
