//! Registry + site -> [`Taxonomies`]: topics, actors and places as terms with stable ids,
//! display names per interface language, and the briefings that carry them.
//!
//! Front matter may name a term by its id, any display name or any alias; names meet through
//! [`crate::fold::match_key`], so transliteration and spelling variants land on one term.
//! A name no registry entry knows still becomes a term (with a warning), under a slug that
//! keeps its script, so different names never merge silently.

use crate::config::SiteConfig;
use crate::error::{Diagnostic, Diagnostics, Location};
use crate::fold::match_key;
use crate::load::TextFile;
use crate::names::{Likeness, NameForm};
use crate::resolve::{BriefingId, Site};
use crate::urls::slug;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

pub use crate::ids::TermId;
use crate::kind::PerKind;
pub use crate::kind::TaxonomyKind;

/// One topic, actor or place.
#[derive(Debug, Clone)]
pub struct Term {
    pub kind: TaxonomyKind,
    /// URL segment, unique within its kind.
    pub id: String,
    /// Display name per interface language (same order as `SiteConfig::languages`).
    pub names: Vec<String>,
    /// True if the registry knows this term.
    pub registered: bool,
    /// Every spelling that names this term (registry names and aliases, or the name as
    /// written), so search finds it whatever spelling a reader types.
    pub spellings: Vec<String>,
    /// Briefings carrying the term, in site order (newest first).
    pub briefings: Vec<BriefingId>,
}

/// All terms, and each briefing's terms by kind.
#[derive(Debug, Clone, Default)]
pub struct Taxonomies {
    pub terms: Vec<Term>,
    /// `of_briefing[briefing][kind]`: the briefing's terms in front-matter order.
    pub of_briefing: Vec<PerKind<Vec<TermId>>>,
    /// `order[language][kind]`: the terms of a kind sorted by that language's collation.
    pub order: Vec<PerKind<Vec<TermId>>>,
    /// `related[term]`: terms that co-occur most with it, most frequent first (for the kinds
    /// whose pages list them: [`TaxonomyKind::co_occurring`]).
    pub related: Vec<Vec<(TermId, usize)>>,
    /// The registry the terms come from (registered terms first: entry i is term i).
    pub registry: Arc<Registry>,
    /// Unregistered terms by (kind, match key) and by (kind, slug), so a name met later
    /// (`serve`, after an edit) finds its term as the build did.
    pub unregistered: FxHashMap<(TaxonomyKind, String), TermId>,
    pub slugs: FxHashMap<(TaxonomyKind, String), TermId>,
}

impl Taxonomies {
    pub fn ids(&self) -> impl DoubleEndedIterator<Item = TermId> + ExactSizeIterator {
        crate::ids::ids_of(self.terms.len())
    }

    pub fn of_kind(&self, kind: TaxonomyKind) -> impl Iterator<Item = (TermId, &Term)> {
        self.ids()
            .zip(&self.terms)
            .filter(move |(_, t)| t.kind == kind)
    }
}

/// A registry entry as written in `content/_registry/<kind>.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    id: String,
    names: BTreeMap<String, String>,
    #[serde(default)]
    aliases: Vec<String>,
    /// An outlet's web domains (`sources.yaml` only).
    #[serde(default)]
    domains: Vec<String>,
    /// Whether an outlet is a news agency whose wire others carry (`sources.yaml` only).
    #[serde(default)]
    wire: bool,
    /// Names that contain one of the entry's but name something else (an institution named
    /// after a person, a country whose name holds a place's): ingest does not tag the entry
    /// there. The build ignores it.
    #[serde(default)]
    not: Vec<String>,
    /// Phrases that name the term without its name (a topic's paraphrases): ingest tags the
    /// entry from them; front matter cannot name the term by them. The build ignores it.
    #[serde(default)]
    keywords: Vec<String>,
    /// Where a place is, `[latitude, longitude]` in degrees (places only), for the map.
    #[serde(default)]
    coords: Option<[f64; 2]>,
    /// Whether a place is a region (the Sahel, West Africa): the map names it at `coords`
    /// rather than drawing a point.
    #[serde(default)]
    region: bool,
}

/// Where a registered place is, for the map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geo {
    pub lat: f64,
    pub lon: f64,
    /// A region: labelled, not drawn as a point.
    pub region: bool,
}

/// An outlet of the registry, as ingest reads it.
#[derive(Debug, Clone, Copy)]
pub struct Outlet<'r> {
    pub id: &'r str,
    /// Its name in each interface language (site order).
    pub names: &'r [String],
    pub aliases: &'r [String],
    /// Host names, in ASCII (`hespress.com`).
    pub domains: &'r [String],
    pub wire: bool,
}

/// Registry entries of every kind, with the alias index.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    entries: Vec<Entry>,
    /// (kind, match key) -> entry index.
    index: FxHashMap<(TaxonomyKind, String), usize>,
}

#[derive(Debug, Clone)]
struct Entry {
    kind: TaxonomyKind,
    id: String,
    /// The registry file it is declared in (an index into the files parsed).
    file: usize,
    names: Vec<String>,
    aliases: Vec<String>,
    /// An outlet's web domains, as host names, and whether it is a wire agency.
    domains: Vec<String>,
    wire: bool,
    /// Ingest's hints (`not:`, `keywords:`), unread by the build.
    not: Vec<String>,
    keywords: Vec<String>,
    /// A place's position (`coords:`, `region:`).
    geo: Option<Geo>,
    /// Names and aliases folded for [`Registry::closest`], once per registry.
    /// (Worked out when first asked: a build whose names the registry all knows never asks.)
    forms: std::sync::OnceLock<Vec<NameForm>>,
}

impl Entry {
    fn forms(&self) -> &[NameForm] {
        self.forms.get_or_init(|| {
            self.names
                .iter()
                .chain(&self.aliases)
                .map(|s| NameForm::new(s))
                .collect()
        })
    }

    /// Which of the entry's spellings (its id's words, names, aliases) folds to `key`, for a
    /// message about a key two entries claim.
    fn spelling_of(&self, key: &str) -> String {
        std::iter::once(self.id.replace('-', " "))
            .chain(self.names.iter().cloned())
            .chain(self.aliases.iter().cloned())
            .find(|s| match_key(s) == key)
            .unwrap_or_else(|| self.id.clone())
    }
}

impl Term {
    /// A term for a name no registry entry knows: named as written, under `slug`.
    pub fn unregistered(config: &SiteConfig, kind: TaxonomyKind, name: &str, slug: String) -> Term {
        Term {
            kind,
            id: slug,
            names: vec![name.trim().to_string(); config.languages.len()],
            registered: false,
            spellings: vec![name.trim().to_string()],
            briefings: Vec::new(),
        }
    }
}

impl Registry {
    /// Where a registered term is, if it is a place with `coords:` (registered terms come
    /// first among the terms: entry i is term i).
    pub fn geo(&self, term: TermId) -> Option<Geo> {
        self.entries.get(term.index()).and_then(|e| e.geo)
    }

    /// The registered term a name's match key stands for (registered terms come first
    /// among the terms: entry i is term i).
    pub fn entry_of(&self, kind: TaxonomyKind, key: &str) -> Option<TermId> {
        self.index
            .get(&(kind, key.to_string()))
            .map(|&i| TermId::new(i))
    }

    /// The outlets of `sources.yaml`: (id, every spelling, web domains, wire agency?), for
    /// ingest to recognise an article's source.
    pub fn outlets(&self) -> impl Iterator<Item = Outlet<'_>> {
        self.entries
            .iter()
            .filter(|e| e.kind.has_outlet_fields())
            .map(|e| Outlet {
                id: &e.id,
                names: &e.names,
                aliases: &e.aliases,
                domains: &e.domains,
                wire: e.wire,
            })
    }

    /// The id of the registered term a front-matter name stands for, as the build resolves it.
    pub fn lookup(&self, kind: TaxonomyKind, name: &str) -> Option<&str> {
        self.index
            .get(&(kind, match_key(name)))
            .map(|&i| self.entries[i].id.as_str())
    }

    /// The entry of this kind whose spelling is closest to a name it does not list, as a
    /// transliteration (see `names::name_likeness`), and how close. Two entries equally
    /// close make the answer `Weak` at most: a suggestion, never a tag.
    pub fn closest(&self, kind: TaxonomyKind, name: &str) -> Option<(&str, Likeness)> {
        let mut best: Option<(Likeness, &str)> = None;
        let mut tied = false;
        let name = NameForm::new(name);
        for e in self.entries.iter().filter(|e| e.kind == kind) {
            let likeness = e
                .forms()
                .iter()
                .map(|f| name.likeness(f))
                .max()
                .unwrap_or(Likeness::None);
            if likeness == Likeness::None {
                continue;
            }
            match best {
                Some((l, _)) if l == likeness => tied = true,
                Some((l, _)) if l > likeness => {}
                _ => {
                    best = Some((likeness, e.id.as_str()));
                    tied = false;
                }
            }
        }
        let (likeness, id) = best?;
        Some((id, if tied { Likeness::Weak } else { likeness }))
    }

    /// Every entry as (kind, id, every spelling: id words, names and aliases).
    /// Each entry's ingest hints: (kind, id, names that are not it, paraphrases of it).
    pub fn ingest_hints(&self) -> impl Iterator<Item = (TaxonomyKind, &str, &[String], &[String])> {
        self.entries.iter().map(|e| {
            (
                e.kind,
                e.id.as_str(),
                e.not.as_slice(),
                e.keywords.as_slice(),
            )
        })
    }

    pub fn entries(&self) -> impl Iterator<Item = (TaxonomyKind, &str, Vec<String>)> {
        self.entries.iter().map(|e| {
            let mut spellings = vec![e.id.replace('-', " ")];
            spellings.extend(e.names.iter().cloned());
            spellings.extend(e.aliases.iter().cloned());
            (e.kind, e.id.as_str(), spellings)
        })
    }
}

/// Parses the registry files; malformed files and aliases claimed twice are errors.
/// Returns the registry and its warnings (display names missing for a language).
pub fn parse_registry(
    config: &SiteConfig,
    files: &[TextFile],
) -> Result<(Registry, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut registry = Registry::default();
    // Ids declared so far (a scan of the entries for each new one made loading quadratic).
    let mut declared: FxHashSet<(TaxonomyKind, String)> = FxHashSet::default();
    for (file_index, file) in files.iter().enumerate() {
        let stem = file
            .name
            .trim_start_matches("_registry/")
            .trim_end_matches(".yaml")
            .trim_end_matches(".yml");
        let Some(kind) = TaxonomyKind::ALL.into_iter().find(|k| k.as_str() == stem) else {
            diags.push(Diagnostic::error(
                Location::file(&file.path),
                format!(
                    "unknown registry file: expected one of {}",
                    TaxonomyKind::ALL
                        .map(|k| format!("{}.yaml", k.as_str()))
                        .join(", ")
                ),
            ));
            continue;
        };
        let raw: Vec<RawEntry> = match crate::front_matter::from_yaml_list(&file.text, &file.path) {
            Ok(v) => v,
            Err(mut d) => {
                d.message = format!("registry entry: {}", d.message);
                diags.push(d);
                continue;
            }
        };
        let lines = id_lines(&file.text);
        // Each entry's spellings folded on every core first; claiming them is in file order.
        let keyed: Vec<(RawEntry, Vec<(String, String)>)> = raw
            .into_par_iter()
            .map(|entry| {
                let id_words = entry.id.replace('-', " ");
                let keys = std::iter::once(id_words.as_str())
                    .chain(entry.names.values().map(String::as_str))
                    .chain(entry.aliases.iter().map(String::as_str))
                    .map(|written| (match_key(written), written.to_string()))
                    .filter(|(key, _)| !key.is_empty())
                    .collect();
                (entry, keys)
            })
            .collect();
        for (entry, keys) in keyed {
            let line = lines.get(entry.id.as_str()).copied().unwrap_or(1);
            let loc = Location::at(&file.path, line, 1);
            if let Err(m) = crate::resolve::check_slug(&entry.id) {
                diags.push(Diagnostic::error(loc, format!("term id: {m}")));
                continue;
            }
            if !declared.insert((kind, entry.id.clone())) {
                diags.push(Diagnostic::error(
                    loc,
                    format!("term id `{}` is declared twice", entry.id),
                ));
                continue;
            }
            let fallback = entry
                .names
                .get(config.default_lang().lang.as_str())
                .or_else(|| entry.names.values().next())
                .cloned()
                .unwrap_or_else(|| entry.id.clone());
            let names: Vec<String> = config
                .languages
                .iter()
                .map(|l| {
                    entry
                        .names
                        .get(l.lang.as_str())
                        .cloned()
                        .unwrap_or_else(|| fallback.clone())
                })
                .collect();
            for l in &config.languages {
                if !entry.names.contains_key(l.lang.as_str()) {
                    diags.push(Diagnostic::warning(
                        loc.clone(),
                        format!(
                            "term `{}` has no `{}` name; `{fallback}` is shown instead",
                            entry.id, l.lang
                        ),
                    ));
                }
            }
            let idx = registry.entries.len();
            for (key, written) in keys {
                match registry.index.entry((kind, key)) {
                    std::collections::hash_map::Entry::Vacant(v) => {
                        v.insert(idx);
                    }
                    // The entry's own spellings may share a key (`Person 0`, `person-0`).
                    std::collections::hash_map::Entry::Occupied(o) if *o.get() == idx => {}
                    std::collections::hash_map::Entry::Occupied(o) => {
                        let other = &registry.entries[*o.get()];
                        if other.id != entry.id {
                            let (_, key) = o.key();
                            diags.push(Diagnostic::error(
                                loc.clone(),
                                format!(
                                    "`{written}` of term `{}` is also claimed by term `{}` (as `{}`, in {})",
                                    entry.id,
                                    other.id,
                                    other.spelling_of(key),
                                    files[other.file].path.display()
                                ),
                            ));
                        }
                    }
                }
            }
            if !kind.has_outlet_fields() && (!entry.domains.is_empty() || entry.wire) {
                diags.push(Diagnostic::error(
                    loc.clone(),
                    format!(
                        "term `{}`: `domains` and `wire` describe an outlet; they belong in sources.yaml, not {}.yaml",
                        entry.id,
                        kind.as_str()
                    ),
                ));
            }
            if !kind.has_geometry() && (entry.coords.is_some() || entry.region) {
                diags.push(Diagnostic::error(
                    loc.clone(),
                    format!(
                        "term `{}`: `coords` and `region` say where a place is; they belong in places.yaml, not {}.yaml",
                        entry.id,
                        kind.as_str()
                    ),
                ));
            }
            let geo = match entry.coords {
                Some([lat, lon])
                    if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) =>
                {
                    Some(Geo {
                        lat,
                        lon,
                        region: entry.region,
                    })
                }
                Some([lat, lon]) => {
                    diags.push(Diagnostic::error(
                        loc.clone(),
                        format!(
                            "term `{}`: coords `[{lat}, {lon}]` are not a place on Earth: expected `[latitude, longitude]`, latitude from -90 to 90 and longitude from -180 to 180 (e.g. Rabat: `[34.02, -6.84]`)",
                            entry.id
                        ),
                    ));
                    None
                }
                None => {
                    if entry.region {
                        diags.push(Diagnostic::warning(
                            loc.clone(),
                            format!(
                                "term `{}` is a region without `coords`: the map cannot name it",
                                entry.id
                            ),
                        ));
                    }
                    None
                }
            };
            let mut domains = Vec::with_capacity(entry.domains.len());
            for d in &entry.domains {
                match crate::config::parse_host_name(d) {
                    Ok(host) => domains.push(host),
                    Err(m) => diags.push(Diagnostic::error(
                        loc.clone(),
                        format!(
                            "term `{}`: {}",
                            entry.id,
                            m.replacen("custom_domain", "domain", 1)
                        ),
                    )),
                }
            }
            registry.entries.push(Entry {
                kind,
                id: entry.id,
                file: file_index,
                names,
                aliases: entry.aliases,
                domains,
                wire: entry.wire,
                not: entry.not,
                keywords: entry.keywords,
                geo: geo.filter(|_| kind.has_geometry()),
                forms: std::sync::OnceLock::new(),
            });
        }
    }
    let warnings = diags.into_result()?;
    Ok((registry, warnings))
}

/// Builds every term from the briefings' front matter. Returns warnings for unregistered
/// names (one per name, naming the first file) and errors for slug collisions.
pub fn build_taxonomies(
    config: &SiteConfig,
    site: &Site,
    registry: &Arc<Registry>,
) -> Result<(Taxonomies, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut tax = Taxonomies {
        registry: Arc::clone(registry),
        ..Taxonomies::default()
    };
    // Registered terms first, in registry order, so their ids win: entry i is term i.
    // (kind, slug) -> term, for unregistered names; (kind, match key) -> term.
    let mut by_slug: HashMap<(TaxonomyKind, String), TermId> = HashMap::new();
    let mut by_key: HashMap<(TaxonomyKind, String), TermId> = HashMap::new();
    // An unregistered term's first use: (name, file, line), and how many more uses.
    let mut first_seen: HashMap<TermId, ((String, PathBuf, u32), usize)> = HashMap::new();
    for (i, e) in registry.entries.iter().enumerate() {
        by_slug.insert((e.kind, e.id.clone()), TermId::new(i));
        tax.terms.push(Term {
            kind: e.kind,
            id: e.id.clone(),
            names: e.names.clone(),
            registered: true,
            spellings: e.names.iter().chain(&e.aliases).cloned().collect(),
            briefings: Vec::new(),
        });
    }
    // Each distinct name folded once, in parallel: a name recurs on many briefings.
    // (A hash set, not a sort of every use: uses grow with the site, names much less.)
    let distinct: FxHashSet<&str> = site
        .briefings
        .iter()
        .flat_map(|b| b.names.values().flatten())
        .map(String::as_str)
        .collect();
    let keys: FxHashMap<&str, String> = distinct
        .into_iter()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|name| (name, match_key(name)))
        .collect();
    // Each (kind, name) resolved to its term once; later uses only look it up.
    let mut resolved: FxHashMap<(TaxonomyKind, &str), TermId> = FxHashMap::default();
    for (bid, b) in site.ids().zip(&site.briefings) {
        let mut mine: PerKind<Vec<TermId>> = PerKind::default();
        for (kind, names) in b.names.iter() {
            for (n, name) in names.iter().enumerate() {
                let line = b.name_lines[kind].get(n).copied().unwrap_or(1);
                if let Some(&t) = resolved.get(&(kind, name.as_str())) {
                    if let Some(seen) = first_seen.get_mut(&t) {
                        seen.1 += 1;
                    }
                    if !mine[kind].contains(&t) {
                        mine[kind].push(t);
                        tax.terms[t].briefings.push(bid);
                    }
                    continue;
                }
                let key = keys[name.as_str()].clone();
                let term = if let Some(entry) = registry.entry_of(kind, &key) {
                    entry
                } else if let Some(&t) = by_key.get(&(kind, key.clone())) {
                    if let Some(seen) = first_seen.get_mut(&t) {
                        seen.1 += 1;
                    }
                    t
                } else {
                    let s = slug(name);
                    if s.is_empty() || key.is_empty() {
                        diags.push(Diagnostic::error(
                            Location::at(&b.source_path, line as usize, 1),
                            format!(
                                "{} name `{name}` has no letters or digits to make a page of",
                                kind.as_str()
                            ),
                        ));
                        continue;
                    }
                    if let Some(&other) = by_slug.get(&(kind, s.clone())) {
                        let other_name = &tax.terms[other].names[config.default_language];
                        diags.push(Diagnostic::error(
                            Location::at(&b.source_path, line as usize, 1),
                            format!(
                                "{} name `{name}` and `{other_name}` would share the page /{}/{s}/; add one of them to content/_registry/{}.yaml (as an alias, or with its own id)",
                                kind.as_str(), kind.as_str(), kind.as_str()
                            ),
                        ));
                        continue;
                    }
                    let t = TermId::new(tax.terms.len());
                    tax.terms
                        .push(Term::unregistered(config, kind, name, s.clone()));
                    by_slug.insert((kind, s), t);
                    by_key.insert((kind, key), t);
                    first_seen.insert(t, ((name.clone(), b.source_path.clone(), line), 0));
                    t
                };
                resolved.insert((kind, name.as_str()), term);
                if !mine[kind].contains(&term) {
                    mine[kind].push(term);
                    tax.terms[term].briefings.push(bid);
                }
            }
        }
        tax.of_briefing.push(mine);
    }
    let mut unregistered: Vec<_> = first_seen.into_iter().collect();
    unregistered.sort_by(|a, b| (&a.1.0.1, a.1.0.2, &a.1.0.0).cmp(&(&b.1.0.1, b.1.0.2, &b.1.0.0)));
    for (t, ((name, path, line), more)) in unregistered {
        let kind = tax.terms[t].kind.as_str();
        let also = if more > 0 {
            format!(" (and {more} more uses)")
        } else {
            String::new()
        };
        let closest = registry
            .closest(tax.terms[t].kind, &name)
            .map(|(id, _)| {
                format!(
                    " (closest entry: `{id}`; add the spelling to its aliases if it is the same)"
                )
            })
            .unwrap_or_default();
        diags.push(Diagnostic::warning(
            Location::at(path, line as usize, 1),
            format!("{kind} name `{name}` is not in content/_registry/{kind}.yaml{also}; it gets its own page{closest}"),
        ));
    }
    if diags.has_errors() {
        diags.sort();
        return Err(diags);
    }
    tax.order = sort_terms(config, &tax);
    tax.related = related_terms(&tax);
    tax.unregistered = by_key.into_iter().collect();
    tax.slugs = by_slug
        .into_iter()
        .filter(|(_, t)| !tax.terms[*t].registered)
        .collect();
    Ok((tax, diags))
}

/// How many terms of each kind a term page lists as appearing with it.
pub const RELATED_PER_KIND: usize = 8;

/// Sorts each kind's terms by their display name with the language's CLDR collation, so
/// Arabic and French names sort the way their readers expect (not by code point).
pub(crate) fn sort_terms(config: &SiteConfig, tax: &Taxonomies) -> Vec<PerKind<Vec<TermId>>> {
    use icu_collator::{Collator, options::CollatorOptions};
    config
        .languages
        .iter()
        .enumerate()
        .map(|(li, l)| {
            let collator =
                Collator::try_new(l.locale.clone().into(), CollatorOptions::default()).ok();
            PerKind::from_fn(|kind| {
                let mut ids: Vec<TermId> = tax.of_kind(kind).map(|(id, _)| id).collect();
                // By each name's collation key, made once per name: comparing two keys
                // byte by byte orders as the collator's comparison does, without running
                // the collation algorithm on every comparison of the sort.
                ids.sort_by_cached_key(|&t| {
                    let name = &tax.terms[t].names[li];
                    let mut key: Vec<u8> = Vec::new();
                    if let Some(c) = &collator {
                        let _ = c.write_sort_key_to(name, &mut key);
                    }
                    (key, name.clone(), tax.terms[t].id.clone())
                });
                ids
            })
        })
        .collect()
}

/// Co-occurrence counts computed once per build: for each term of a kind whose pages list
/// them ([`TaxonomyKind::co_occurring`]), the terms of those kinds that appear with it in
/// the most briefings (all languages counted), at most [`RELATED_PER_KIND`] of each kind.
/// Linear in the (briefing, term) pairs times the terms per briefing.
pub(crate) fn related_terms(tax: &Taxonomies) -> Vec<Vec<(TermId, usize)>> {
    tax.ids()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|&id| co_occurring(tax, id, &tax.terms[id], RELATED_PER_KIND))
        .collect()
}

/// How a term appears with another: the briefings both carry, and the newest of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shared {
    pub briefings: usize,
    /// The newest shared briefing (ids are in site order, newest first).
    pub newest: BriefingId,
}

impl Shared {
    /// Stronger first: more shared briefings, then the more recent; callers break the
    /// remaining ties by the terms' ids, so no order comes from a hash map.
    pub fn stronger_first(&self, other: &Shared) -> std::cmp::Ordering {
        (other.briefings, self.newest).cmp(&(self.briefings, other.newest))
    }
}

/// The terms of `kinds` that share a briefing with term `id`, with how (one pass over the
/// term's briefings): the one count behind the pages' "appears with" lists and the
/// relations page.
pub fn shared_with(
    tax: &Taxonomies,
    id: TermId,
    kinds: &[TaxonomyKind],
) -> FxHashMap<TermId, Shared> {
    let mut shared: FxHashMap<TermId, Shared> = FxHashMap::default();
    // The term's briefings are in site order, newest first: the first met is the newest.
    for &b in &tax.terms[id].briefings {
        let of = &tax.of_briefing[b];
        for &other in kinds.iter().flat_map(|&k| &of[k]) {
            if other != id {
                shared
                    .entry(other)
                    .or_insert(Shared {
                        briefings: 0,
                        newest: b,
                    })
                    .briefings += 1;
            }
        }
    }
    shared
}

/// The terms that appear with `term` (id `id`), of the kinds its page lists: for each kind
/// the `per_kind` that share the most briefings with it; ties go to the one that appeared
/// with it most recently, then by id.
pub fn co_occurring(
    tax: &Taxonomies,
    id: TermId,
    term: &Term,
    per_kind: usize,
) -> Vec<(TermId, usize)> {
    let kinds = term.kind.co_occurring();
    if kinds.is_empty() {
        return Vec::new();
    }
    let mut ranked: Vec<(TermId, Shared)> = shared_with(tax, id, kinds).into_iter().collect();
    ranked.sort_by(|a, b| {
        a.1.stronger_first(&b.1)
            .then_with(|| tax.terms[a.0].id.cmp(&tax.terms[b.0].id))
    });
    let mut out = Vec::new();
    for &kind in kinds {
        out.extend(
            ranked
                .iter()
                .filter(|(t, _)| tax.terms[*t].kind == kind)
                .take(per_kind)
                .map(|&(t, s)| (t, s.briefings)),
        );
    }
    out
}

/// The line of each entry's `id:` in a registry file, found in one pass (searching the text
/// again for each entry made a 20,000-entry registry take half a minute to load).
fn id_lines(text: &str) -> HashMap<&str, usize> {
    let mut lines = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_start().trim_start_matches("- ").trim_start();
        let Some(value) = line.strip_prefix("id:") else {
            continue;
        };
        let value = value.split(" #").next().unwrap_or("").trim();
        let value = value.trim_matches(|c| c == '"' || c == '\'');
        lines.entry(value).or_insert(i + 1);
    }
    lines
}
