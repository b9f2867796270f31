//! Site + taxonomies -> related briefings: for each briefing, up to [`MAX_RELATED`] others
//! that share the most topics, actors and places (issue 13), in any language.
//!
//! A shared term counts by its inverse document frequency, so two briefings that name the
//! same rare actor are closer than two that share "Counter-terrorism". Ties go to the newer
//! briefing, then the lower id (site order), so the output never depends on thread count.
//!
//! Work stays near-linear at 100,000 briefings: candidates come from the term -> briefings
//! index, and a very common term contributes only the [`COMMON_TERM_CAP`] briefings nearest
//! in site order (its weight is low anyway). Pure: no I/O, no rendering.

use crate::resolve::{BriefingId, Site};
use crate::taxonomy::Taxonomies;
use rayon::prelude::*;

/// Related briefings shown on a briefing page.
pub const MAX_RELATED: usize = 5;
/// Past this many briefings, a term offers only this many neighbours (half newer, half
/// older) as candidates, so a term carried by every briefing does not make the work quadratic.
pub const COMMON_TERM_CAP: usize = 64;

/// `related[briefing]`: the most related briefings, best first. A briefing's translations
/// are left out: they share every term and the page already lists them.
pub fn related_briefings(site: &Site, taxonomies: &Taxonomies) -> Vec<Vec<BriefingId>> {
    let ids: Vec<BriefingId> = site.ids().collect();
    related_of(site, taxonomies, &ids)
}

/// The related briefings of `ids` alone (in that order), as [`related_briefings`] gives
/// them: `serve` works out again only the briefings an edit can have changed.
pub fn related_of(
    site: &Site,
    taxonomies: &Taxonomies,
    ids: &[BriefingId],
) -> Vec<Vec<BriefingId>> {
    let n = site.briefings.len();
    // Integer weights (IDF in thousandths) make sums exact, so equal scores are equal.
    let weights: Vec<u64> = taxonomies
        .terms
        .iter()
        .map(|t| idf_weight(n, t.briefings.len()))
        .collect();
    // Ties compare dates: a compact copy, not a walk through every briefing's record.
    let dates: Vec<_> = site.briefings.iter().map(|b| b.date).collect();
    // One set of scratch lists per block of briefings, reused for each: lists grown afresh
    // for each briefing were most of this stage's allocator traffic, and the score table has
    // a slot per briefing. Blocks, not rayon's `map_init`, which may make one per split.
    ids.par_chunks(RELATED_BLOCK)
        .flat_map_iter(|block| {
            let mut scratch = Scratch::new(n);
            block
                .iter()
                .map(|&id| related_to(site, taxonomies, &weights, &dates, &mut scratch, id))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Briefings per block of [`related_briefings`]: enough that a block's score table (one slot
/// per briefing of the site) costs little next to its work, few enough to share two cores.
const RELATED_BLOCK: usize = 2048;

/// A block's lists for [`related_to`], left empty (scores zero) after each use.
struct Scratch {
    /// The briefing's distinct terms.
    terms: Vec<crate::ids::TermId>,
    /// `score[other]`: the summed weight of the terms `other` shares with the briefing; zero
    /// for a briefing that shares none (every weight is at least 1).
    score: Vec<u64>,
    /// The briefings whose score is not zero, in the order first met.
    touched: Vec<BriefingId>,
    /// (summed weight, other briefing).
    ranked: Vec<(u64, BriefingId)>,
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        Scratch {
            terms: Vec::new(),
            score: vec![0; n],
            touched: Vec::new(),
            ranked: Vec::new(),
        }
    }
}

/// IDF of a term carried by `df` of `n` briefings, in thousandths, at least 1 so any shared
/// term counts for something.
fn idf_weight(n: usize, df: usize) -> u64 {
    let idf = ((n as f64 + 1.0) / (df as f64 + 1.0)).ln() + 1.0;
    ((idf * 1000.0).round() as u64).max(1)
}

fn related_to(
    site: &Site,
    taxonomies: &Taxonomies,
    weights: &[u64],
    dates: &[Option<crate::dates::PartialDate>],
    scratch: &mut Scratch,
    id: BriefingId,
) -> Vec<BriefingId> {
    let translations = &site.translations[id];
    let Scratch {
        terms,
        score,
        touched,
        ranked,
    } = scratch;
    terms.clear();
    terms.extend(
        taxonomies.of_briefing[id]
            .iter()
            .filter(|(kind, _)| kind.relates())
            .flat_map(|(_, ts)| ts.iter().copied()),
    );
    terms.sort_unstable();
    terms.dedup();
    // Each shared term's weight added to the other briefing's slot: a briefing meets a few
    // hundred candidates at 100,000 briefings, and sorting them to sum per briefing was most
    // of this stage (it grew faster than the site: more terms reach the cap).
    for &t in terms.iter() {
        for &other in candidates(&taxonomies.terms[t].briefings, id) {
            if other != id && !translations.contains(&other) {
                if score[other] == 0 {
                    touched.push(other);
                }
                score[other] += weights[t];
            }
        }
    }
    ranked.clear();
    ranked.extend(
        touched
            .drain(..)
            .map(|o| (std::mem::take(&mut score[o]), o)),
    );
    let newer_first = |a: &(u64, BriefingId), c: &(u64, BriefingId)| {
        c.0.cmp(&a.0)
            .then_with(|| dates[c.1].cmp(&dates[a.1]))
            .then_with(|| a.1.cmp(&c.1))
    };
    if ranked.len() > MAX_RELATED {
        ranked.select_nth_unstable_by(MAX_RELATED - 1, newer_first);
        ranked.truncate(MAX_RELATED);
    }
    ranked.sort_unstable_by(newer_first);
    // Allocated at its size (a few ids per briefing, kept for the whole build); the scratch
    // keeps its capacity for the next briefing.
    ranked.iter().map(|&(_, o)| o).collect()
}

/// The briefings of a term (site order, so sorted by id) worth scoring against `id`: all of
/// them, or for a common term the [`COMMON_TERM_CAP`] nearest to `id` in site order.
fn candidates(briefings: &[BriefingId], id: BriefingId) -> &[BriefingId] {
    if briefings.len() <= COMMON_TERM_CAP {
        return briefings;
    }
    let at = briefings.partition_point(|&b| b < id);
    let start = at
        .saturating_sub(COMMON_TERM_CAP / 2)
        .min(briefings.len() - COMMON_TERM_CAP);
    &briefings[start..start + COMMON_TERM_CAP]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rarer_terms_weigh_more() {
        assert!(idf_weight(100, 1) > idf_weight(100, 50));
        assert!(idf_weight(100, 100) >= 1);
    }

    #[test]
    fn a_common_term_offers_a_window_around_the_briefing() {
        let b = BriefingId::new;
        let all: Vec<BriefingId> = crate::ids::ids_of(1000).collect();
        let w = candidates(&all, b(500));
        assert_eq!(w.len(), COMMON_TERM_CAP);
        assert!(w.contains(&b(499)) && w.contains(&b(501)));
        // At the edges the window slides inwards instead of shrinking.
        assert_eq!(candidates(&all, b(0)), &all[..COMMON_TERM_CAP]);
        assert_eq!(candidates(&all, b(999)), &all[1000 - COMMON_TERM_CAP..]);
        let few: Vec<BriefingId> = vec![b(3), b(9)];
        assert_eq!(candidates(&few, b(9)), &[b(3), b(9)]);
    }
}
