//! What a page can read of the model, as [`Fact`]s, and the recorder that notes which facts
//! a page read while its view was built.
//!
//! Every accessor of [`super::Model`] that hands out a part of the site notes the fact it
//! belongs to. `serve` builds each view inside [`recording`], keeps the facts it read, and
//! after an edit rebuilds only the views that read a fact the edit changed: what a page
//! depends on is never listed by hand, it is whatever its view asked for. Outside
//! `recording` (a build) noting a fact costs one thread-local check.
//!
//! Facts name briefings and terms by their keys, which survive an edit, not by ids, which
//! are positions and move when a briefing does.

use super::{ArchiveBucket, ListKey};
use crate::kind::TaxonomyKind;
use crate::resolve::BriefingKey;
use std::cell::RefCell;

/// A term's identity across edits: its kind and id (the URL segment).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TermKey(pub u64);

/// A list of briefings named by keys: which one survives an edit whatever ids change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ListFact {
    Home,
    Term(TermKey),
    Archive(ArchiveBucket),
}

/// A part of the model a page can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fact {
    /// A briefing's own record (text, date, language, slug, source, terms) and whether it
    /// exists.
    Briefing(BriefingKey),
    /// A briefing's translations.
    Translations(BriefingKey),
    /// A briefing's related briefings.
    Related(BriefingKey),
    /// The briefings on page `.1` (1-based) of a list, and what each of them shows.
    ListPage(ListFact, u32),
    /// A list's length (its total and its number of pages).
    ListLen(ListFact),
    /// A term's names and whether it exists.
    Term(TermKey),
    /// The terms that appear with a term most often.
    TermRelated(TermKey),
    /// A term's briefings per year.
    TermYears(TermKey),
    /// The terms of a kind, in every language's order, with their counts.
    TermIndex(TaxonomyKind),
    /// Who appears with whom among the terms of a kind (its relations page).
    Relations(TaxonomyKind),
    /// What the map of places draws (the places drawn, their counts, how many are not).
    PlacesMap,
    /// The archive's buckets and their counts.
    Archive,
    /// The entries of a feed, and what each shows.
    FeedEntries(ListFact),
    /// Whether a feed exists.
    FeedExists(ListFact),
}

impl ListFact {
    pub(super) fn of(key: ListKey, term_key: impl Fn(crate::ids::TermId) -> TermKey) -> Self {
        match key {
            ListKey::Home => ListFact::Home,
            ListKey::Term(t) => ListFact::Term(term_key(t)),
            ListKey::Archive(b) => ListFact::Archive(b),
        }
    }
}

thread_local! {
    static READS: RefCell<Option<Vec<Fact>>> = const { RefCell::new(None) };
}

/// Runs `f`, noting every fact the model hands out meanwhile on this thread; returns its
/// result and the facts, sorted and without repeats. Not nested: a recording inside another
/// would hand the inner facts to the inner call only.
pub fn recording<R>(f: impl FnOnce() -> R) -> (R, Vec<Fact>) {
    let outer = READS.with(|r| r.borrow_mut().replace(Vec::new()));
    let out = f();
    let mut facts = READS
        .with(|r| std::mem::replace(&mut *r.borrow_mut(), outer))
        .unwrap_or_default();
    facts.sort_unstable();
    facts.dedup();
    (out, facts)
}

/// Notes that the current view read `fact` (nothing outside [`recording`]).
pub(crate) fn note(fact: Fact) {
    READS.with(|r| {
        if let Some(reads) = r.borrow_mut().as_mut() {
            reads.push(fact);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_are_noted_only_while_recording() {
        note(Fact::Archive);
        let ((), facts) = recording(|| {
            note(Fact::Archive);
            note(Fact::TermIndex(TaxonomyKind::Places));
            note(Fact::Archive);
        });
        assert_eq!(
            facts,
            vec![Fact::TermIndex(TaxonomyKind::Places), Fact::Archive]
        );
        let ((), none) = recording(|| {});
        assert!(none.is_empty());
    }
}
