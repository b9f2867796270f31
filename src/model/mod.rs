//! The site model: every fact a page can be built from, below the plan and the views.
//!
//! Input: the configuration, the resolved site, its taxonomies and related briefings (the
//! stages before). Output: [`Model`], which adds what the pages share (the lists: the home
//! list, each term's, each archive bucket's; the archive's buckets; each term's briefings per
//! year; feed membership; page counts) and hands every part out through accessors that note
//! the [`Fact`] it belongs to ([`facts`]), so `serve` knows what each view read.
//!
//! `serve` keeps one model and updates it per edit ([`update`]); a build makes one and
//! renders it. Nothing here renders, builds a URL or touches the disk.

pub mod facts;
pub mod relations;
pub mod update;

pub use facts::{Fact, ListFact, TermKey, recording};

use crate::config::{LanguageConfig, SiteConfig};
use crate::ids::{BriefingId, LangIx, TermId};
use crate::kind::TaxonomyKind;
use crate::lang::Lang;
use crate::resolve::{Briefing, BriefingKey, Site};
use crate::taxonomy::{Taxonomies, Term};
use facts::note;
use rayon::prelude::*;
use std::sync::Arc;

/// Entries per feed: the newest dated ones.
pub const FEED_ENTRIES: usize = 50;

/// One bucket of the archive: a year, or the briefings without a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ArchiveBucket {
    Year(i32),
    Undated,
}

/// Whose feed: a language's (every briefing) or a term's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FeedScope {
    Language,
    Term(TermId),
}

impl FeedScope {
    /// The list the feed takes its entries from.
    pub fn list(self) -> ListKey {
        match self {
            FeedScope::Language => ListKey::Home,
            FeedScope::Term(t) => ListKey::Term(t),
        }
    }
}

/// A list of briefings in site order, shown paginated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ListKey {
    /// Every briefing (the home pages).
    Home,
    /// A term's briefings.
    Term(TermId),
    /// An archive bucket's briefings.
    Archive(ArchiveBucket),
}

/// One page of a list, as a list page shows it.
#[derive(Debug, Clone, Copy)]
pub struct ListPage<'m> {
    /// The briefings on the page.
    pub ids: &'m [BriefingId],
    /// The list's length.
    pub total: usize,
    /// Its number of pages (at least one).
    pub pages: usize,
}

/// The site model. Cheap to clone: its parts are shared, and an edit replaces only the
/// parts it changes.
#[derive(Clone)]
pub struct Model {
    config: Arc<SiteConfig>,
    site: Arc<Site>,
    taxonomies: Arc<Taxonomies>,
    /// `related[briefing]`: related briefings, best first (see `crate::related`).
    related: Arc<Vec<Vec<BriefingId>>>,
    /// Every briefing in site order: the home list.
    home: Arc<Vec<BriefingId>>,
    /// The archive's buckets, newest year first, then the undated briefings if any.
    archive: Arc<Vec<(ArchiveBucket, Vec<BriefingId>)>>,
    /// `term_years[term]`: (year, briefings of the term dated that year), oldest first.
    term_years: Arc<Vec<Vec<(i32, usize)>>>,
    /// `term_keys[term]`: the term's key, for facts.
    term_keys: Arc<Vec<TermKey>>,
    /// Who appears with whom, for the kinds that have a relations page.
    relations: Arc<Vec<(TaxonomyKind, relations::Relations)>>,
    /// What the map of places draws.
    places_map: Arc<PlacesMap>,
}

/// What the map of places draws, worked out once: every page's map is then bounded work.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlacesMap {
    /// The area holding every registered place with coordinates, as (west, east, south,
    /// north) in degrees; `None` when no place has coordinates (no map).
    pub bounds: Option<(f64, f64, f64, f64)>,
    /// The places drawn: those with coordinates and briefings, most briefings first (ties
    /// by id), at most [`MAP_PLACES`], with their counts.
    pub drawn: Vec<(TermId, usize, crate::taxonomy::Geo)>,
    /// Places with briefings that are not drawn (no coordinates, or past [`MAP_PLACES`]).
    pub undrawn: usize,
}

/// The most places a map draws: a page stays small whatever the registry holds.
pub const MAP_PLACES: usize = 60;

fn places_map(taxonomies: &Taxonomies) -> PlacesMap {
    let places = TaxonomyKind::Places;
    let mut bounds: Option<(f64, f64, f64, f64)> = None;
    for (id, _) in taxonomies.of_kind(places) {
        if let Some(g) = taxonomies.registry.geo(id) {
            let (w, e, s, n) = bounds.unwrap_or((g.lon, g.lon, g.lat, g.lat));
            bounds = Some((w.min(g.lon), e.max(g.lon), s.min(g.lat), n.max(g.lat)));
        }
    }
    let with_briefings = taxonomies
        .of_kind(places)
        .filter(|(_, t)| !t.briefings.is_empty())
        .count();
    let mut drawn: Vec<(TermId, usize, crate::taxonomy::Geo)> = taxonomies
        .of_kind(places)
        .filter(|(_, t)| !t.briefings.is_empty())
        .filter_map(|(id, t)| {
            taxonomies
                .registry
                .geo(id)
                .map(|g| (id, t.briefings.len(), g))
        })
        .collect();
    drawn.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| taxonomies.terms[a.0].id.cmp(&taxonomies.terms[b.0].id))
    });
    drawn.truncate(MAP_PLACES);
    PlacesMap {
        bounds,
        undrawn: with_briefings - drawn.len(),
        drawn,
    }
}

impl Model {
    /// The model of a site: what its pages share, worked out once.
    pub fn new(
        config: Arc<SiteConfig>,
        site: Arc<Site>,
        taxonomies: Arc<Taxonomies>,
        related: Arc<Vec<Vec<BriefingId>>>,
    ) -> Model {
        Model::build(config, site, taxonomies, related, None)
    }

    /// [`Model::new`], carrying over from `same` what is counted over the whole site (the
    /// relations, the map's places) when the edit left every term's briefings as they were.
    pub fn build(
        config: Arc<SiteConfig>,
        site: Arc<Site>,
        taxonomies: Arc<Taxonomies>,
        related: Arc<Vec<Vec<BriefingId>>>,
        same: Option<&Model>,
    ) -> Model {
        let term_years = taxonomies
            .terms
            .par_iter()
            .map(|t| years_of(&site, &t.briefings))
            .collect();
        let term_keys = taxonomies.terms.iter().map(term_key).collect();
        let relations = match same {
            Some(m) => Arc::clone(&m.relations),
            None => Arc::new(
                TaxonomyKind::ALL
                    .into_iter()
                    .filter(|k| k.has_relations_page())
                    .map(|k| (k, relations::relations(&taxonomies, k)))
                    .collect(),
            ),
        };
        let places_map = match same {
            Some(m) => Arc::clone(&m.places_map),
            None => Arc::new(places_map(&taxonomies)),
        };
        Model {
            relations,
            places_map,
            home: Arc::new(site.ids().collect()),
            archive: Arc::new(archive_of(&site)),
            term_years: Arc::new(term_years),
            term_keys: Arc::new(term_keys),
            config,
            site,
            taxonomies,
            related,
        }
    }

    // The configuration: every page reads it, and a change of it renders every page.

    pub fn config(&self) -> &SiteConfig {
        &self.config
    }

    pub fn config_arc(&self) -> &Arc<SiteConfig> {
        &self.config
    }

    /// Every interface language, in the site's order.
    pub fn languages(&self) -> impl DoubleEndedIterator<Item = LangIx> + ExactSizeIterator {
        crate::ids::ids_of(self.config.languages.len())
    }

    pub fn language(&self, lang: LangIx) -> &LanguageConfig {
        &self.config.languages[lang]
    }

    /// The interface language a briefing written in `lang` is shown in.
    pub fn lang_ix(&self, lang: &Lang) -> LangIx {
        LangIx::new(self.config.index_of(lang))
    }

    pub fn default_language(&self) -> LangIx {
        LangIx::new(self.config.default_language)
    }

    /// Pages of a list of `items` (at least one).
    pub fn page_count(&self, items: usize) -> usize {
        items.div_ceil(self.config.paginate).max(1)
    }

    // The site's shape, for the plan and for work that reads all of it: no fact is noted
    // (a change of shape adds or removes pages, which `serve` sees from the plan).

    pub fn briefing_ids(&self) -> impl DoubleEndedIterator<Item = BriefingId> + ExactSizeIterator {
        self.site.ids()
    }

    pub fn term_ids(&self) -> impl DoubleEndedIterator<Item = TermId> + ExactSizeIterator {
        self.taxonomies.ids()
    }

    /// The whole site, for work that reads every briefing (the search index, reports). A
    /// view reads through the accessors below, which note what it read.
    pub fn whole_site(&self) -> &Arc<Site> {
        &self.site
    }

    /// The whole taxonomies, as [`Model::whole_site`].
    pub fn whole_taxonomies(&self) -> &Arc<Taxonomies> {
        &self.taxonomies
    }

    pub fn briefing_key(&self, id: BriefingId) -> BriefingKey {
        self.site.briefings[id].key
    }

    pub fn term_key(&self, term: TermId) -> TermKey {
        self.term_keys[term]
    }

    /// The archive's buckets in order, for the plan (no fact: see [`Model::archive`]).
    pub fn archive_buckets(&self) -> impl Iterator<Item = ArchiveBucket> + '_ {
        self.archive.iter().map(|(b, _)| *b)
    }

    /// A list's length, for the plan's page counts.
    pub fn list_len_unnoted(&self, list: ListKey) -> usize {
        self.list_ids(list).len()
    }

    // What views read: each accessor notes its fact.

    /// A briefing's record.
    pub fn briefing(&self, id: BriefingId) -> &Briefing {
        let b = &self.site.briefings[id];
        note(Fact::Briefing(b.key));
        b
    }

    /// A briefing's other-language versions, in the site's language order.
    pub fn translations(&self, id: BriefingId) -> &[BriefingId] {
        note(Fact::Translations(self.briefing_key(id)));
        &self.site.translations[id]
    }

    /// A briefing's related briefings, best first.
    pub fn related(&self, id: BriefingId) -> &[BriefingId] {
        note(Fact::Related(self.briefing_key(id)));
        &self.related[id]
    }

    /// A briefing's terms of one kind, in front-matter order.
    pub fn terms_of(&self, id: BriefingId, kind: TaxonomyKind) -> &[TermId] {
        note(Fact::Briefing(self.briefing_key(id)));
        &self.taxonomies.of_briefing[id][kind]
    }

    /// Page `page` (1-based) of a list.
    pub fn list_page(&self, list: ListKey, page: usize) -> ListPage<'_> {
        let fact = self.list_fact(list);
        note(Fact::ListPage(fact, page as u32));
        note(Fact::ListLen(fact));
        let ids = self.list_ids(list);
        let per = self.config.paginate;
        let start = ((page.max(1) - 1) * per).min(ids.len());
        ListPage {
            ids: &ids[start..(start + per).min(ids.len())],
            total: ids.len(),
            pages: self.page_count(ids.len()),
        }
    }

    /// How many briefings a list holds.
    pub fn list_len(&self, list: ListKey) -> usize {
        note(Fact::ListLen(self.list_fact(list)));
        self.list_ids(list).len()
    }

    /// A term's record: its kind, id and names (its briefings through [`Model::list_page`]).
    pub fn term(&self, term: TermId) -> &Term {
        note(Fact::Term(self.term_key(term)));
        &self.taxonomies.terms[term]
    }

    /// The terms that appear with `term` most often, with their counts.
    pub fn term_related(&self, term: TermId) -> &[(TermId, usize)] {
        note(Fact::TermRelated(self.term_key(term)));
        self.taxonomies
            .related
            .get(term.index())
            .map_or(&[], Vec::as_slice)
    }

    /// Who appears with whom among the terms of `kind` (empty for a kind without a
    /// relations page).
    pub fn relations(&self, kind: TaxonomyKind) -> &relations::Relations {
        static NONE: std::sync::OnceLock<relations::Relations> = std::sync::OnceLock::new();
        note(Fact::Relations(kind));
        self.relations
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or_else(|| NONE.get_or_init(Default::default), |(_, r)| r)
    }

    /// Where a place is, if the registry says (`coords:`). Registry edits work the whole
    /// site out again, so no fact is noted.
    pub fn geo(&self, term: TermId) -> Option<crate::taxonomy::Geo> {
        self.taxonomies.registry.geo(term)
    }

    /// What the map of places draws.
    pub fn places_map(&self) -> &PlacesMap {
        note(Fact::PlacesMap);
        &self.places_map
    }

    /// A term's dated briefings per year, oldest first.
    pub fn term_years(&self, term: TermId) -> &[(i32, usize)] {
        note(Fact::TermYears(self.term_key(term)));
        &self.term_years[term]
    }

    /// The terms of a kind in interface language `lang`'s order (its collation).
    pub fn terms_in_order(&self, lang: LangIx, kind: TaxonomyKind) -> &[TermId] {
        note(Fact::TermIndex(kind));
        &self.taxonomies.order[lang][kind]
    }

    /// How many briefings carry a term, as its kind's index lists it.
    pub fn term_count_in_index(&self, term: TermId) -> usize {
        let t = &self.taxonomies.terms[term];
        note(Fact::TermIndex(t.kind));
        t.briefings.len()
    }

    /// The archive: each bucket with its briefings (counts through `.1.len()`).
    pub fn archive(&self) -> &[(ArchiveBucket, Vec<BriefingId>)] {
        note(Fact::Archive);
        &self.archive
    }

    /// Whether the feed exists: Atom needs a date on every entry and marsad never invents
    /// one, so a feed whose list has no dated briefing is not written.
    pub fn has_feed(&self, scope: FeedScope) -> bool {
        note(Fact::FeedExists(self.list_fact(scope.list())));
        self.has_feed_unnoted(scope)
    }

    /// [`Model::has_feed`] for the plan.
    pub fn has_feed_unnoted(&self, scope: FeedScope) -> bool {
        self.dated(scope.list()).next().is_some()
    }

    /// The feed's entries: the newest [`FEED_ENTRIES`] dated briefings of its list.
    pub fn feed_entries(&self, scope: FeedScope) -> Vec<BriefingId> {
        note(Fact::FeedEntries(self.list_fact(scope.list())));
        self.dated(scope.list()).take(FEED_ENTRIES).collect()
    }

    fn dated(&self, list: ListKey) -> impl Iterator<Item = BriefingId> + '_ {
        self.list_ids(list)
            .iter()
            .copied()
            .filter(|&id| self.site.briefings[id].date.is_some())
    }

    fn list_ids(&self, list: ListKey) -> &[BriefingId] {
        match list {
            ListKey::Home => &self.home,
            ListKey::Term(t) => &self.taxonomies.terms[t].briefings,
            ListKey::Archive(bucket) => self
                .archive
                .iter()
                .find(|(b, _)| *b == bucket)
                .map_or(&[], |(_, ids)| ids.as_slice()),
        }
    }

    pub fn list_fact(&self, list: ListKey) -> ListFact {
        ListFact::of(list, |t| self.term_key(t))
    }
}

/// A term's key: its kind and id, which no edit of a briefing changes.
fn term_key(t: &Term) -> TermKey {
    TermKey(crate::fingerprint::hash_of(&(t.kind, &t.id)))
}

/// (year, count) of the dated briefings among `ids`, oldest year first.
fn years_of(site: &Site, ids: &[BriefingId]) -> Vec<(i32, usize)> {
    let mut years: std::collections::BTreeMap<i32, usize> = Default::default();
    for &id in ids {
        if let Some(d) = site.briefings[id].date {
            *years.entry(d.year).or_default() += 1;
        }
    }
    years.into_iter().collect()
}

/// Briefings by year. The site is sorted newest first with undated last, so consecutive
/// runs are the years, newest first, each newest first.
fn archive_of(site: &Site) -> Vec<(ArchiveBucket, Vec<BriefingId>)> {
    let mut out: Vec<(ArchiveBucket, Vec<BriefingId>)> = Vec::new();
    for (id, b) in site.ids().zip(&site.briefings) {
        let bucket = b
            .date
            .map_or(ArchiveBucket::Undated, |d| ArchiveBucket::Year(d.year));
        match out.last_mut() {
            Some((last, ids)) if *last == bucket => ids.push(id),
            _ => out.push((bucket, vec![id])),
        }
    }
    out
}
