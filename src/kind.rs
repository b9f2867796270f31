//! The kinds of terms a briefing is tagged with (topics, actors, places, and the source it
//! comes from), defined once: the URL segment, the registry file and what each kind does
//! (relate briefings, name them in JSON-LD, ...) come from here, and every stage iterates
//! [`TaxonomyKind::ALL`] or keeps one value per kind in a [`PerKind`], never a hand-written
//! list of the kinds. A kind of term is a kind of page: its index (`/<lang>/<kind>/`), a page
//! per term, paginated, with its feed, in the sitemap and every interface language.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TaxonomyKind {
    Topics,
    Actors,
    Places,
    /// The outlets and agencies briefings come from (front matter `source.name`).
    Sources,
}

impl TaxonomyKind {
    /// Every kind, in the order pages and front matter list them.
    pub const ALL: [TaxonomyKind; 4] = [
        TaxonomyKind::Topics,
        TaxonomyKind::Actors,
        TaxonomyKind::Places,
        TaxonomyKind::Sources,
    ];

    /// The URL segment, registry file stem and front-matter field.
    pub const fn as_str(self) -> &'static str {
        match self {
            TaxonomyKind::Topics => "topics",
            TaxonomyKind::Actors => "actors",
            TaxonomyKind::Places => "places",
            TaxonomyKind::Sources => "sources",
        }
    }

    /// Its position in [`TaxonomyKind::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }

    /// Whether a term page of this kind lists the term's name in every script (a person or
    /// an institution is written differently in each).
    pub const fn shows_names(self) -> bool {
        matches!(self, TaxonomyKind::Actors)
    }

    /// The kinds of terms a term page of this kind lists as appearing with it (most often in
    /// the same briefings), its own kind first: who appears with an actor, which places
    /// with a place, what topics with a topic. A source is not a tag, so none.
    pub const fn co_occurring(self) -> &'static [TaxonomyKind] {
        match self {
            TaxonomyKind::Topics => &[
                TaxonomyKind::Topics,
                TaxonomyKind::Actors,
                TaxonomyKind::Places,
            ],
            TaxonomyKind::Actors => &[
                TaxonomyKind::Actors,
                TaxonomyKind::Topics,
                TaxonomyKind::Places,
            ],
            TaxonomyKind::Places => &[
                TaxonomyKind::Places,
                TaxonomyKind::Actors,
                TaxonomyKind::Topics,
            ],
            TaxonomyKind::Sources => &[],
        }
    }

    /// How schema.org JSON-LD names a briefing's terms of this kind: the property and the
    /// type of each term (none: the kind is not listed so).
    pub const fn json_ld(self) -> Option<(&'static str, &'static str)> {
        match self {
            TaxonomyKind::Topics => Some(("about", "Thing")),
            TaxonomyKind::Actors => Some(("mentions", "Thing")),
            TaxonomyKind::Places => Some(("contentLocation", "Place")),
            // The source is the article's `author` (briefing_page::json_ld).
            TaxonomyKind::Sources => None,
        }
    }

    /// Whether an editor tags briefings with terms of this kind (a briefing's source is not a
    /// tag: `status` lists briefings without any tag).
    pub const fn is_tag(self) -> bool {
        !matches!(self, TaxonomyKind::Sources)
    }

    /// Whether two briefings sharing a term of this kind are related (`crate::related`): two
    /// reports from one agency are not related for that.
    pub const fn relates(self) -> bool {
        !matches!(self, TaxonomyKind::Sources)
    }

    /// Whether the search index finds a briefing by the names of its terms of this kind.
    pub const fn searched(self) -> bool {
        !matches!(self, TaxonomyKind::Sources)
    }

    /// Whether the registry's entries of this kind may carry web domains and a wire flag
    /// (`domains:`, `wire:`), which ingest reads to recognise an outlet.
    pub const fn has_outlet_fields(self) -> bool {
        matches!(self, TaxonomyKind::Sources)
    }

    /// Whether the kind has a relations page (`/<lang>/<kind>/relations/`): who appears with
    /// whom, as a matrix and a table.
    pub const fn has_relations_page(self) -> bool {
        matches!(self, TaxonomyKind::Actors)
    }

    /// The URL segment of a kind's relations page, which no term of the kind may take as
    /// its id.
    pub const RELATIONS: &'static str = "relations";

    /// Term ids the kind's own pages take.
    pub fn reserved_ids(self) -> impl Iterator<Item = &'static str> {
        self.has_relations_page()
            .then_some(TaxonomyKind::RELATIONS)
            .into_iter()
    }

    /// Whether the registry's entries of this kind may say where they are (`coords:`,
    /// `region:`), which the map draws.
    pub const fn has_geometry(self) -> bool {
        matches!(self, TaxonomyKind::Places)
    }

    /// The kind whose terms a feed entry lists as its categories.
    pub const FEED_CATEGORIES: TaxonomyKind = TaxonomyKind::Topics;
}

/// One value per kind, indexed by the kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct PerKind<T>(pub [T; 4]);

impl<T> PerKind<T> {
    /// A value for every kind, made by `f`.
    pub fn from_fn(mut f: impl FnMut(TaxonomyKind) -> T) -> Self {
        PerKind(TaxonomyKind::ALL.map(&mut f))
    }

    /// (kind, value) for every kind, in order.
    pub fn iter(&self) -> impl Iterator<Item = (TaxonomyKind, &T)> {
        TaxonomyKind::ALL.into_iter().zip(self.0.iter())
    }

    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.0.iter()
    }

    pub fn map<U>(&self, mut f: impl FnMut(TaxonomyKind, &T) -> U) -> PerKind<U> {
        PerKind::from_fn(|k| f(k, &self[k]))
    }
}

impl<T> std::ops::Index<TaxonomyKind> for PerKind<T> {
    type Output = T;
    fn index(&self, kind: TaxonomyKind) -> &T {
        &self.0[kind.index()]
    }
}

impl<T> std::ops::IndexMut<TaxonomyKind> for PerKind<T> {
    fn index_mut(&mut self, kind: TaxonomyKind) -> &mut T {
        &mut self.0[kind.index()]
    }
}

/// Templates see one key per kind (`briefing.topics`, ...), in kind order.
impl<T: Serialize> Serialize for PerKind<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(TaxonomyKind::ALL.len()))?;
        for (kind, value) in self.iter() {
            map.serialize_entry(kind.as_str(), value)?;
        }
        map.end()
    }
}
