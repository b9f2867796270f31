//! The model after an edit of some briefing files, worked out from the model before it:
//! only the briefings edited are placed and classified again, and each part that depends on
//! them (site order, translations, the terms they carry, related briefings, lists, archive,
//! feeds) is updated; [`Update::facts`] says which facts changed, so `serve` rebuilds only the
//! views that read one.
//!
//! Ids are positions in site order, so an edit that moves a briefing renumbers others:
//! every table of ids is carried over through the renumbering ([`Update::old_briefing`]),
//! never rebuilt from the documents. What the update cannot do piecewise (an edit that
//! makes an error: a slug or a translation taken twice, a name with no letters) it
//! [`Refused`]: the caller works the site out again, which reports the error as a build
//! would. The randomized model test (`tests/it/serve_model.rs`) holds this module to what a
//! clean build makes.

use super::{ArchiveBucket, Fact, ListFact, ListKey, Model, TermKey};
use crate::config::SiteConfig;
use crate::front_matter::Document;
use crate::ids::{BriefingId, TermId};
use crate::kind::{PerKind, TaxonomyKind};
use crate::resolve::{
    Briefing, BriefingKey, MarkdownCache, ResolveOptions, Site, briefing_of, place, sort_key,
};
use crate::taxonomy::{Taxonomies, Term};
use crate::urls::Urls;
use rustc_hash::{FxHashMap, FxHashSet};
use std::path::PathBuf;
use std::sync::Arc;

/// One edited briefing file: its path from the site root and what it parses to now (`None`:
/// gone).
pub struct FileEdit {
    pub path: PathBuf,
    pub doc: Option<Document>,
}

/// The edit cannot be applied piecewise: the site must be worked out again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused;

/// The model after an edit, and how it relates to the one before.
pub struct Update {
    pub model: Model,
    pub changes: Changes,
}

/// How the model after an edit relates to the one before.
pub struct Changes {
    /// `old_briefing[new id]`: the same briefing's id before the edit; `None` for a
    /// briefing the edit added or whose record it changed.
    pub old_briefing: Vec<Option<BriefingId>>,
    /// `old_term[new id]`: the same term's id before the edit; `None` for a new term.
    pub old_term: Vec<Option<TermId>>,
    /// Briefings whose record the edit changed, added or removed.
    pub changed: FxHashSet<BriefingKey>,
    /// Every fact whose value the edit changed.
    pub facts: FxHashSet<Fact>,
}

/// What the edit needs besides the model.
pub struct Context<'a> {
    pub options: ResolveOptions,
    pub markdown: Option<&'a MarkdownCache>,
}

/// Applies `edits` to `old`.
pub fn apply(old: &Model, edits: Vec<FileEdit>, cx: &Context) -> Result<Update, Refused> {
    let clock = std::time::Instant::now();
    let lap = |what: &str| log::debug!("update: {what} at {:.1?}", clock.elapsed());
    let config = old.config();
    let urls = Urls::new(&config.base_url);
    let old_site = old.whole_site();
    let old_tax = old.whole_taxonomies();
    let edited: FxHashSet<PathBuf> = edits.iter().map(|e| e.path.clone()).collect();

    // The edited files' new records, placed as a build places them.
    let mut added: Vec<Briefing> = Vec::new();
    let options = cx.options.on_day(config);
    for e in edits {
        let Some(doc) = e.doc else { continue };
        if !options.publishes(&doc) {
            continue;
        }
        let placed = place(config, doc).map_err(|_| Refused)?;
        added.push(briefing_of(placed, &urls, cx.markdown, options.today));
    }
    let removed: Vec<BriefingId> = old_site
        .ids()
        .filter(|&id| edited.contains(&old_site.briefings[id].source_path))
        .collect();
    // A file saved as it was leaves its briefing as it was.
    let mut changed: FxHashSet<BriefingKey> = FxHashSet::default();
    let mut unchanged: FxHashSet<BriefingKey> = FxHashSet::default();
    for &id in &removed {
        let before = &old_site.briefings[id];
        match added.iter().find(|b| b.key == before.key) {
            Some(now) if **before == *now => {
                unchanged.insert(before.key);
            }
            _ => {
                changed.insert(before.key);
            }
        }
    }
    added.retain(|b| !unchanged.contains(&b.key));
    changed.extend(added.iter().map(|b| b.key));
    let removed: Vec<BriefingId> = removed
        .into_iter()
        .filter(|&id| !unchanged.contains(&old_site.briefings[id].key))
        .collect();

    lap("placed");
    let (site, old_briefing) = merge_site(config, old_site, &removed, added)?;
    lap("merged");
    let new_of_old = inverse(&old_briefing, old_site.briefings.len());
    let touched_groups: FxHashSet<&str> = removed
        .iter()
        .map(|&id| old_site.briefings[id].group.as_str())
        .chain(
            old_briefing
                .iter()
                .enumerate()
                .filter(|(_, o)| o.is_none())
                .map(|(i, _)| site.briefings[i].group.as_str()),
        )
        .collect();
    let translations = translations(
        config,
        &site,
        old_site,
        &old_briefing,
        &new_of_old,
        &touched_groups,
    )?;
    let site = Site {
        briefings: site.briefings,
        translations,
    };

    lap("translations");
    // Every briefing where it was: an edit of text, a summary or a source. Then the terms may
    // well be as they were too, and what is counted over the whole site is carried over.
    let same_order = site.briefings.len() == old_site.briefings.len()
        && site
            .briefings
            .iter()
            .zip(&old_site.briefings)
            .all(|(a, b)| a.key == b.key);
    let (taxonomies, old_term, touched_terms, same_terms) = update_taxonomies(
        config,
        old_tax,
        &site,
        &old_briefing,
        &new_of_old,
        &removed,
        same_order,
    )?;
    lap("taxonomies");

    // Related briefings: a briefing's list can change only if it shares a term with an edited
    // briefing (before or after), unless the number of briefings changed, which changes
    // every term's weight.
    let related = if site.briefings.len() != old_site.briefings.len() {
        crate::related::related_briefings(&site, &taxonomies)
    } else {
        let mut again: FxHashSet<BriefingId> = old_briefing
            .iter()
            .enumerate()
            .filter(|(_, o)| o.is_none())
            .map(|(i, _)| BriefingId::new(i))
            .collect();
        for &t in &touched_terms {
            again.extend(taxonomies.terms[t].briefings.iter().copied());
        }
        let again: Vec<BriefingId> = {
            let mut v: Vec<BriefingId> = again.into_iter().collect();
            v.sort_unstable();
            v
        };
        let fresh = crate::related::related_of(&site, &taxonomies, &again);
        let mut related: Vec<Vec<BriefingId>> = old_briefing
            .iter()
            .map(|o| match o {
                Some(o) => old.related[*o]
                    .iter()
                    .filter_map(|&r| new_of_old[r])
                    .collect(),
                None => Vec::new(),
            })
            .collect();
        for (id, list) in again.into_iter().zip(fresh) {
            related[id] = list;
        }
        related
    };

    lap("related");
    let model = Model::build(
        Arc::clone(old.config_arc()),
        Arc::new(site),
        Arc::new(taxonomies),
        Arc::new(related),
        same_terms.then_some(old),
    );
    lap("model");
    let facts = changed_facts(old, &model, &changed, &old_briefing, &old_term);
    lap("facts");
    Ok(Update {
        model,
        changes: Changes {
            old_briefing,
            old_term,
            changed,
            facts,
        },
    })
}

/// The site's briefings after the edit, in site order: those kept (in their order) merged
/// with those added (each placed by its sort key), with each one's old id.
fn merge_site(
    config: &SiteConfig,
    old: &Site,
    removed: &[BriefingId],
    mut added: Vec<Briefing>,
) -> Result<(Site, Vec<Option<BriefingId>>), Refused> {
    let gone: FxHashSet<BriefingId> = removed.iter().copied().collect();
    added.sort_by(|a, b| sort_key(config, a).cmp(&sort_key(config, b)));
    let mut added = added.into_iter().map(Arc::new).peekable();
    let n = old.briefings.len() - removed.len() + added.len();
    let mut briefings = Vec::with_capacity(n);
    let mut old_of = Vec::with_capacity(n);
    for id in old.ids().filter(|id| !gone.contains(id)) {
        let kept = &old.briefings[id];
        while let Some(next) = added.next_if(|a| sort_key(config, a) < sort_key(config, kept)) {
            briefings.push(next);
            old_of.push(None);
        }
        briefings.push(Arc::clone(kept));
        old_of.push(Some(id));
    }
    for next in added {
        briefings.push(next);
        old_of.push(None);
    }
    // Two briefings of one language with one slug: an error the full build reports.
    let mut seen: FxHashSet<(&str, &str)> = FxHashSet::default();
    if !briefings
        .iter()
        .all(|b| seen.insert((b.lang.as_str(), b.slug.as_str())))
    {
        return Err(Refused);
    }
    Ok((
        Site {
            briefings,
            translations: Vec::new(),
        },
        old_of,
    ))
}

/// `new_of_old[old id]`: the briefing's id after the edit (`None`: gone or changed).
fn inverse(old_of_new: &[Option<BriefingId>], old_len: usize) -> Vec<Option<BriefingId>> {
    let mut out = vec![None; old_len];
    for (new, old) in old_of_new.iter().enumerate() {
        if let Some(o) = old {
            out[o.index()] = Some(BriefingId::new(new));
        }
    }
    out
}

/// Every briefing's translations after the edit: worked out again for the groups an edit
/// touched, carried over (renumbered) for the others.
fn translations(
    config: &SiteConfig,
    site: &Site,
    old: &Site,
    old_of_new: &[Option<BriefingId>],
    new_of_old: &[Option<BriefingId>],
    touched: &FxHashSet<&str>,
) -> Result<Vec<Vec<BriefingId>>, Refused> {
    let mut out: Vec<Vec<BriefingId>> = old_of_new
        .iter()
        .map(|o| match o {
            Some(o) => old.translations[*o]
                .iter()
                .filter_map(|&t| new_of_old[t])
                .collect(),
            None => Vec::new(),
        })
        .collect();
    if touched.is_empty() {
        return Ok(out);
    }
    let mut members: FxHashMap<&str, Vec<BriefingId>> = FxHashMap::default();
    for (id, b) in site.ids().zip(&site.briefings) {
        if touched.contains(b.group.as_str()) {
            members.entry(b.group.as_str()).or_default().push(id);
        }
    }
    let rank = |id: BriefingId| {
        config
            .languages
            .iter()
            .position(|c| c.lang == site.briefings[id].lang)
    };
    for ids in members.values() {
        // Two versions of one briefing in one language: an error the full build reports.
        let mut langs: FxHashSet<&str> = FxHashSet::default();
        if !ids
            .iter()
            .all(|&id| langs.insert(site.briefings[id].lang.as_str()))
        {
            return Err(Refused);
        }
        for &id in ids {
            let mut others: Vec<BriefingId> = ids.iter().copied().filter(|&o| o != id).collect();
            others.sort_by_key(|&o| rank(o));
            out[id] = others;
        }
    }
    Ok(out)
}

/// The taxonomies after an edit, each term's id before it (`None`: new), the terms whose
/// briefings the edit changed, and whether every term and every briefing's terms are as
/// they were, in the same site order (then the site-wide counts are carried over).
type NewTaxonomies = (Taxonomies, Vec<Option<TermId>>, Vec<TermId>, bool);

/// The taxonomies after the edit: terms' lists renumbered, the edited briefings' names
/// classified (new unregistered names become terms, unregistered terms left without a
/// briefing go), unregistered terms named after their first briefing. Returns them with
/// `old_term` (each term's id before) and the terms whose briefings changed.
fn update_taxonomies(
    config: &SiteConfig,
    old: &Taxonomies,
    site: &Site,
    old_of_new: &[Option<BriefingId>],
    new_of_old: &[Option<BriefingId>],
    removed: &[BriefingId],
    same_order: bool,
) -> Result<NewTaxonomies, Refused> {
    let mut terms: Vec<Term> = old.terms.clone();
    let mut unregistered = old.unregistered.clone();
    let mut slugs = old.slugs.clone();
    // Terms an edit touched (before renumbering of terms): those of removed briefings...
    let mut touched: FxHashSet<TermId> = FxHashSet::default();
    for &id in removed {
        touched.extend(old.of_briefing[id].values().flatten().copied());
    }
    // ... and those of added ones, classified now.
    let mut of_briefing: Vec<PerKind<Vec<TermId>>> = Vec::with_capacity(site.briefings.len());
    for (new, old_id) in old_of_new.iter().enumerate() {
        match old_id {
            Some(o) => of_briefing.push(old.of_briefing[*o].clone()),
            None => {
                let b = &site.briefings[new];
                let mut mine: PerKind<Vec<TermId>> = PerKind::default();
                for (kind, names) in b.names.iter() {
                    for name in names {
                        let t = term_of(
                            config,
                            &old.registry,
                            &mut terms,
                            &mut unregistered,
                            &mut slugs,
                            kind,
                            name,
                        )?;
                        if !mine[kind].contains(&t) {
                            mine[kind].push(t);
                        }
                    }
                }
                touched.extend(mine.values().flatten().copied());
                of_briefing.push(mine);
            }
        }
    }
    // Every term's list renumbered; the touched ones made again from `of_briefing`.
    for t in &mut terms {
        t.briefings = t.briefings.iter().filter_map(|&b| new_of_old[b]).collect();
    }
    for (i, mine) in of_briefing.iter().enumerate() {
        if old_of_new[i].is_none() {
            for &t in mine.values().flatten() {
                terms[t].briefings.push(BriefingId::new(i));
            }
        }
    }
    for &t in &touched {
        terms[t].briefings.sort_unstable();
        terms[t].briefings.dedup();
    }
    // Unregistered terms are named by their first briefing in site order, and exist only
    // while a briefing carries them.
    for &t in &touched {
        let term = &terms[t];
        if term.registered {
            continue;
        }
        let Some(&first) = term.briefings.first() else {
            continue;
        };
        let key = crate::fold::match_key(&term.spellings[0]);
        let name = site.briefings[first].names[term.kind]
            .iter()
            .find(|n| crate::fold::match_key(n) == key)
            .cloned()
            .unwrap_or_else(|| term.spellings[0].clone());
        if name.trim() != term.spellings[0] {
            let slug = crate::urls::slug(&name);
            if slug != term.id {
                if slugs
                    .get(&(term.kind, slug.clone()))
                    .is_some_and(|&o| o != t)
                    || term.kind.reserved_ids().any(|r| r == slug)
                {
                    return Err(Refused);
                }
                slugs.remove(&(term.kind, term.id.clone()));
                slugs.insert((term.kind, slug.clone()), t);
            }
            let mut renamed = Term::unregistered(config, term.kind, &name, slug);
            renamed.briefings = std::mem::take(&mut terms[t].briefings);
            terms[t] = renamed;
        }
    }
    // Terms left without a briefing and not in the registry go; the rest are renumbered.
    let keep: Vec<bool> = terms
        .iter()
        .map(|t| t.registered || !t.briefings.is_empty())
        .collect();
    let mut new_of_old_term: Vec<Option<TermId>> = Vec::with_capacity(terms.len());
    let mut old_term: Vec<Option<TermId>> = Vec::new();
    let mut kept_terms = Vec::with_capacity(terms.len());
    for (i, (t, k)) in terms.into_iter().zip(&keep).enumerate() {
        if *k {
            new_of_old_term.push(Some(TermId::new(kept_terms.len())));
            old_term.push((i < old.terms.len()).then(|| TermId::new(i)));
            kept_terms.push(t);
        } else {
            new_of_old_term.push(None);
        }
    }
    // A term renamed (a new first briefing spelled it otherwise) is another term to the
    // pages: it counts as new.
    for (new, o) in old_term.iter_mut().enumerate() {
        if let Some(i) = *o
            && old.terms[i].id != kept_terms[new].id
        {
            *o = None;
        }
    }
    let map = |t: &TermId| new_of_old_term[t.index()];
    let of_briefing = of_briefing
        .into_iter()
        .map(|mine| mine.map(|_, ts| ts.iter().filter_map(map).collect()))
        .collect();
    let unregistered = unregistered
        .into_iter()
        .filter_map(|(k, t)| map(&t).map(|t| (k, t)))
        .collect();
    let slugs = slugs
        .into_iter()
        .filter_map(|(k, t)| map(&t).map(|t| (k, t)))
        .collect();
    let touched: Vec<TermId> = touched.iter().filter_map(map).collect();
    let mut tax = Taxonomies {
        terms: kept_terms,
        of_briefing,
        order: Vec::new(),
        related: Vec::new(),
        registry: Arc::clone(&old.registry),
        unregistered,
        slugs,
    };
    let same_terms = same_order
        && tax.terms.len() == old.terms.len()
        && old_term
            .iter()
            .enumerate()
            .all(|(i, o)| *o == Some(TermId::new(i)))
        && tax
            .terms
            .iter()
            .zip(&old.terms)
            .all(|(a, b)| a.names == b.names && a.briefings == b.briefings)
        && tax.of_briefing == old.of_briefing;
    if same_terms {
        tax.order = old.order.clone();
        tax.related = old.related.clone();
    } else {
        tax.order = crate::taxonomy::sort_terms(config, &tax);
        tax.related = crate::taxonomy::related_terms(&tax);
    }
    Ok((tax, old_term, touched, same_terms))
}

/// The term a name of `kind` stands for, as the build classifies it: a registry entry, an
/// unregistered term met before, or a new unregistered term.
fn term_of(
    config: &SiteConfig,
    registry: &crate::taxonomy::Registry,
    terms: &mut Vec<Term>,
    unregistered: &mut FxHashMap<(TaxonomyKind, String), TermId>,
    slugs: &mut FxHashMap<(TaxonomyKind, String), TermId>,
    kind: TaxonomyKind,
    name: &str,
) -> Result<TermId, Refused> {
    let key = crate::fold::match_key(name);
    if let Some(t) = registry.entry_of(kind, &key) {
        return Ok(t);
    }
    if let Some(&t) = unregistered.get(&(kind, key.clone())) {
        return Ok(t);
    }
    let slug = crate::urls::slug(name);
    if slug.is_empty()
        || key.is_empty()
        || slugs.contains_key(&(kind, slug.clone()))
        || kind.reserved_ids().any(|r| r == slug)
    {
        return Err(Refused);
    }
    let t = TermId::new(terms.len());
    terms.push(Term::unregistered(config, kind, name, slug.clone()));
    unregistered.insert((kind, key), t);
    slugs.insert((kind, slug), t);
    Ok(t)
}

/// Every fact whose value differs between `old` and `new`.
fn changed_facts(
    old: &Model,
    new: &Model,
    changed: &FxHashSet<BriefingKey>,
    old_briefing: &[Option<BriefingId>],
    old_term: &[Option<TermId>],
) -> FxHashSet<Fact> {
    let mut facts: FxHashSet<Fact> = changed.iter().map(|&k| Fact::Briefing(k)).collect();
    let old_site = old.whole_site();
    let new_site = new.whole_site();
    let bkeys = |site: &Site, ids: &[BriefingId]| -> Vec<BriefingKey> {
        ids.iter().map(|&i| site.briefings[i].key).collect()
    };
    // Translations and related lists, compared by keys.
    for (id, b) in new_site.ids().zip(&new_site.briefings) {
        let (now_t, now_r) = (
            bkeys(new_site, &new_site.translations[id]),
            bkeys(new_site, &new.related[id]),
        );
        match old_briefing[id.index()] {
            Some(o) => {
                if bkeys(old_site, &old_site.translations[o]) != now_t {
                    facts.insert(Fact::Translations(b.key));
                }
                if bkeys(old_site, &old.related[o]) != now_r {
                    facts.insert(Fact::Related(b.key));
                }
            }
            None => {
                facts.insert(Fact::Translations(b.key));
                facts.insert(Fact::Related(b.key));
            }
        }
    }
    for &k in changed {
        facts.insert(Fact::Translations(k));
        facts.insert(Fact::Related(k));
    }
    // Lists: the home list, every term's, every archive bucket's, compared page by page by
    // keys, a page showing a changed briefing counting as changed.
    let per = new.config().paginate;
    let old_home = bkeys(old_site, &old.home);
    let new_home = bkeys(new_site, &new.home);
    compare_list(
        &mut facts,
        changed,
        per,
        ListFact::Home,
        &old_home,
        &new_home,
    );
    // Terms, by key; a term that appeared or went changes its Term fact.
    let old_terms: FxHashMap<TermKey, TermId> =
        old.term_ids().map(|t| (old.term_key(t), t)).collect();
    let mut seen: FxHashSet<TermKey> = FxHashSet::default();
    for t in new.term_ids() {
        let key = new.term_key(t);
        seen.insert(key);
        let after = bkeys(new_site, &new.whole_taxonomies().terms[t].briefings);
        match old_terms.get(&key) {
            Some(&o) if old_term[t.index()] == Some(o) => {
                let before = bkeys(old_site, &old.whole_taxonomies().terms[o].briefings);
                compare_list(
                    &mut facts,
                    changed,
                    per,
                    ListFact::Term(key),
                    &before,
                    &after,
                );
            }
            _ => {
                facts.insert(Fact::Term(key));
                compare_list(&mut facts, changed, per, ListFact::Term(key), &[], &after);
            }
        }
    }
    for (&key, _) in old_terms.iter().filter(|(k, _)| !seen.contains(k)) {
        facts.insert(Fact::Term(key));
    }
    // Archive buckets.
    let buckets = |m: &Model| -> FxHashMap<ArchiveBucket, Vec<BriefingKey>> {
        m.archive
            .iter()
            .map(|(b, ids)| (*b, bkeys(m.whole_site(), ids)))
            .collect()
    };
    let (old_buckets, new_buckets) = (buckets(old), buckets(new));
    let counts = |m: &Model| -> Vec<(ArchiveBucket, usize)> {
        m.archive.iter().map(|(b, ids)| (*b, ids.len())).collect()
    };
    if counts(old) != counts(new) {
        facts.insert(Fact::Archive);
    }
    let all_buckets: FxHashSet<ArchiveBucket> = old_buckets
        .keys()
        .chain(new_buckets.keys())
        .copied()
        .collect();
    for bucket in all_buckets {
        let before = old_buckets.get(&bucket).map_or(&[][..], Vec::as_slice);
        let after = new_buckets.get(&bucket).map_or(&[][..], Vec::as_slice);
        compare_list(
            &mut facts,
            changed,
            per,
            ListFact::Archive(bucket),
            before,
            after,
        );
    }
    // Term records, co-occurring terms, years and each kind's index (names, order, counts).
    let tkeys = |m: &Model, ts: &[(TermId, usize)]| -> Vec<(TermKey, usize)> {
        ts.iter().map(|&(t, n)| (m.term_key(t), n)).collect()
    };
    for t in new.term_ids() {
        let key = new.term_key(t);
        match old_term[t.index()] {
            Some(o) if old.term_key(o) == key => {
                let (ot, nt) = (
                    &old.whole_taxonomies().terms[o],
                    &new.whole_taxonomies().terms[t],
                );
                if ot.names != nt.names || ot.spellings != nt.spellings {
                    facts.insert(Fact::Term(key));
                }
                let related = |m: &Model, t: TermId| {
                    tkeys(
                        m,
                        m.whole_taxonomies()
                            .related
                            .get(t.index())
                            .map_or(&[], Vec::as_slice),
                    )
                };
                if related(old, o) != related(new, t) {
                    facts.insert(Fact::TermRelated(key));
                }
                if old.term_years[o] != new.term_years[t] {
                    facts.insert(Fact::TermYears(key));
                }
            }
            _ => {
                facts.insert(Fact::TermRelated(key));
                facts.insert(Fact::TermYears(key));
            }
        }
    }
    let drawn = |m: &Model| {
        let p = &m.places_map;
        (
            p.drawn
                .iter()
                .map(|&(t, n, g)| (m.term_key(t), n, format!("{g:?}")))
                .collect::<Vec<_>>(),
            p.undrawn,
            format!("{:?}", p.bounds),
        )
    };
    if drawn(old) != drawn(new) {
        facts.insert(Fact::PlacesMap);
    }
    for kind in TaxonomyKind::ALL
        .into_iter()
        .filter(|k| k.has_relations_page())
    {
        let keyed = |m: &Model| {
            let r = m.relations.iter().find(|(k, _)| *k == kind).map(|(_, r)| r);
            r.map(|r| {
                (
                    r.terms.iter().map(|&t| m.term_key(t)).collect::<Vec<_>>(),
                    r.counts.clone(),
                    r.strongest
                        .iter()
                        .map(|&(a, b, n)| (m.term_key(a), m.term_key(b), n))
                        .collect::<Vec<_>>(),
                )
            })
        };
        if keyed(old) != keyed(new) {
            facts.insert(Fact::Relations(kind));
        }
    }
    for kind in TaxonomyKind::ALL {
        let index = |m: &Model| -> Vec<Vec<(TermKey, usize)>> {
            m.languages()
                .map(|l| {
                    m.whole_taxonomies().order[l.index()][kind]
                        .iter()
                        .map(|&t| (m.term_key(t), m.whole_taxonomies().terms[t].briefings.len()))
                        .collect()
                })
                .collect()
        };
        if index(old) != index(new) {
            facts.insert(Fact::TermIndex(kind));
        }
    }
    // Feeds: their entries (the newest dated briefings of the list) and whether they exist.
    let scopes = std::iter::once((ListFact::Home, ListKey::Home, ListKey::Home)).chain(
        new.term_ids().filter_map(|t| {
            old_term[t.index()].map(|o| {
                (
                    ListFact::Term(new.term_key(t)),
                    ListKey::Term(o),
                    ListKey::Term(t),
                )
            })
        }),
    );
    for (fact, before, after) in scopes {
        let entries = |m: &Model, list: ListKey| -> Vec<BriefingKey> {
            m.dated(list)
                .take(super::FEED_ENTRIES)
                .map(|id| m.briefing_key(id))
                .collect()
        };
        let (a, b) = (entries(old, before), entries(new, after));
        if a.is_empty() != b.is_empty() {
            facts.insert(Fact::FeedExists(fact));
        }
        if a != b || a.iter().chain(&b).any(|k| changed.contains(k)) {
            facts.insert(Fact::FeedEntries(fact));
        }
    }
    for t in new.term_ids().filter(|t| old_term[t.index()].is_none()) {
        let fact = ListFact::Term(new.term_key(t));
        facts.insert(Fact::FeedExists(fact));
        facts.insert(Fact::FeedEntries(fact));
    }
    facts
}

/// The facts of a list that differ between `before` and `after` (its briefings by key): its
/// length, and each page whose briefings differ or show a changed briefing.
fn compare_list(
    facts: &mut FxHashSet<Fact>,
    changed: &FxHashSet<BriefingKey>,
    per: usize,
    fact: ListFact,
    before: &[BriefingKey],
    after: &[BriefingKey],
) {
    if before.len() != after.len() {
        facts.insert(Fact::ListLen(fact));
    }
    let pages = before.len().max(after.len()).div_ceil(per).max(1);
    fn page(v: &[BriefingKey], p: usize, per: usize) -> &[BriefingKey] {
        let start = (p * per).min(v.len());
        &v[start..(start + per).min(v.len())]
    }
    for p in 0..pages {
        let (a, b) = (page(before, p, per), page(after, p, per));
        if a != b || a.iter().chain(b).any(|k| changed.contains(k)) {
            facts.insert(Fact::ListPage(fact, p as u32 + 1));
        }
    }
}
