//! Topics, actors and places for an ingested article: every registry spelling found in the
//! text, with the registry's tolerance (diacritics, hamza forms, the Arabic article, the
//! clitics و ب ل ف ك and the case endings of the sound plural), and the capitalized
//! Latin-script names the registry does not know: a close transliteration of a registry
//! actor is tagged for review or suggested; people and organisations are listed for an
//! editor; institution phrases ("Foreign Affairs") are not.

use crate::fold::{fold, is_honorific, match_key, search_forms, words};
use crate::names::Likeness;
use crate::taxonomy::{Registry, TaxonomyKind};
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tags {
    /// Registry ids per kind, in the order they first appear in the text.
    pub topics: Vec<String>,
    pub actors: Vec<String>,
    pub places: Vec<String>,
    /// Actors tagged from a spelling the registry does not list: (spelling, id).
    pub variants: Vec<(String, String)>,
    /// Unknown names and the registry actor they may be: (name, id).
    pub suggestions: Vec<(String, String)>,
    /// Capitalized names in the text that no registry entry matches.
    pub candidates: Vec<String>,
}

/// One word of the text: the forms it may stand for, whether it was written in capitals,
/// whether it stands in a line written all in capitals (a shouted headline, where `UN` and
/// `AU` are French words), whether it carries the Arabic article, and whether a preposition of
/// place or a proclitic stands before it.
struct TextWord {
    forms: Vec<String>,
    capitals: bool,
    caps_line: bool,
    article: bool,
    after_preposition: bool,
}

/// Where one entry was found: its kind, id, and the word spans of its occurrences.
struct Hit {
    kind: TaxonomyKind,
    id: String,
    spans: Vec<(usize, usize)>,
}

/// Words before a place name that make it a place (`في مالي`, `دولة مالي`), and the data
/// file's Arabic words that are registry names and common nouns at once (`مالي`, financial).
static PLACE_WORDS: LazyLock<(Vec<String>, Vec<String>)> = LazyLock::new(|| {
    let mut prepositions = Vec::new();
    let mut nouns = Vec::new();
    for line in include_str!("data/ar-context.txt").lines() {
        if let Some(words) = line.strip_prefix("before:") {
            prepositions.extend(words.split_whitespace().map(fold));
        } else if let Some(words) = line.strip_prefix("common:") {
            nouns.extend(words.split_whitespace().map(match_key));
        }
    }
    (prepositions, nouns)
});

fn text_words(text: &str) -> Vec<TextWord> {
    let mut out = Vec::new();
    for line in text.lines() {
        let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
        let upper = letters.iter().filter(|c| c.is_uppercase()).count();
        let caps_line = letters.len() >= 12 && upper * 10 >= letters.len() * 8;
        let mut previous: Option<String> = None;
        for w in words(line) {
            let folded = fold(w);
            let after_preposition = previous.as_ref().is_some_and(|p| PLACE_WORDS.0.contains(p))
                || ["ب", "ل", "و", "ف", "وب", "ول", "فب", "وفي"]
                    .iter()
                    .any(|c| {
                        folded.starts_with(c)
                            && !folded.starts_with("ال")
                            && folded.chars().count() > 3
                    });
            out.push(TextWord {
                forms: search_forms(&folded),
                capitals: w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()),
                caps_line,
                article: has_article(&folded),
                after_preposition,
            });
            previous = Some(folded);
        }
    }
    out
}

/// Whether a folded Arabic word carries the article, after any proclitics (`والمالي`).
fn has_article(folded: &str) -> bool {
    [
        "ال", "وال", "بال", "فال", "كال", "لل", "ولل", "فبال", "وبال",
    ]
    .iter()
    .any(|p| folded.starts_with(p) && folded.chars().count() > p.chars().count() + 1)
}

pub fn tag(text: &str, registry: &Registry) -> Tags {
    let text_words = text_words(text);
    let mut hits: Vec<Hit> = Vec::new();
    let mut covered: BTreeSet<String> = BTreeSet::new();
    // An outlet is the article's source (`source`), not a tag. The hints come in the
    // entries' order.
    for ((kind, id, mut spellings), (_, _, not, keywords)) in registry
        .entries()
        .zip(registry.ingest_hints())
        .filter(|((k, _, _), _)| *k != TaxonomyKind::Sources)
    {
        let named = spellings.len();
        spellings.extend(keywords.iter().cloned());
        let excluded: Vec<(usize, usize)> = not
            .iter()
            .flat_map(|n| {
                let alias = alias_words(n);
                let refs: Vec<&str> = alias.iter().map(String::as_str).collect();
                find_sequences(&text_words, &refs, false)
                    .into_iter()
                    .map(move |at| (at, at + alias.len()))
            })
            .collect();
        let mut spans = Vec::new();
        let mut by_name = false;
        for (k, spelling) in spellings
            .iter()
            .enumerate()
            .flat_map(|(k, s)| with_parenthesis_split(s).into_iter().map(move |s| (k, s)))
        {
            let alias = alias_words(&spelling);
            if alias.is_empty() {
                continue;
            }
            // Two-letter aliases (AU, UN, EU) match running text only where it writes them
            // in capitals: `un` and `au` are French words.
            let acronym = alias.len() == 1 && alias[0].chars().count() < 3;
            if acronym && !spelling.chars().all(|c| c.is_uppercase()) {
                continue;
            }
            let alias_refs: Vec<&str> = alias.iter().map(String::as_str).collect();
            let found: Vec<usize> = find_sequences(&text_words, &alias_refs, acronym)
                .into_iter()
                .filter(|&at| !(acronym && text_words[at].caps_line))
                .filter(|&at| arabic_form_agrees(&spelling, &alias, &text_words, at))
                .filter(|&at| {
                    !excluded
                        .iter()
                        .any(|&(s, e)| s <= at && at + alias.len() <= e)
                })
                .collect();
            if !found.is_empty() {
                by_name |= k < named;
                covered.insert(alias.join(" "));
                spans.extend(found.into_iter().map(|at| (at, at + alias.len())));
            }
        }
        // A paraphrase is weaker than a name: a term found only by its keywords needs two
        // occurrences ("dismantled a terrorist cell … the cell's members").
        if !by_name && spans.len() < 2 {
            continue;
        }
        if !spans.is_empty() {
            hits.push(Hit {
                kind,
                id: id.to_string(),
                spans,
            });
        }
    }
    keep_common_nouns_in_context(&mut hits, &text_words);
    let mut found: Vec<(usize, TaxonomyKind, String)> = Vec::new();
    for hit in &hits {
        let first_free = hit
            .spans
            .iter()
            .filter(|s| !nested_in_an_entity(**s, hit, &hits))
            .map(|s| s.0)
            .min();
        if let Some(at) = first_free {
            found.push((at, hit.kind, hit.id.clone()));
        }
    }
    found.sort();
    let mut tags = Tags::default();
    for (_, kind, id) in found {
        match kind {
            TaxonomyKind::Topics => tags.topics.push(id),
            TaxonomyKind::Actors => tags.actors.push(id),
            TaxonomyKind::Places => tags.places.push(id),
            // An outlet is the article's source, found from its credits, not a tag.
            TaxonomyKind::Sources => {}
        }
    }
    let unknown = candidate_names(text).into_iter().filter(|name| {
        let folded = match_key(name);
        let words: Vec<&str> = folded
            .split(' ')
            .filter(|w| w.chars().count() > 1)
            .collect();
        let joined = format!(" {} ", words.join(" "));
        !covered
            .iter()
            .any(|c| joined.contains(&format!(" {c} ")) || c.contains(words.join(" ").as_str()))
    });
    for name in unknown {
        match registry.closest(TaxonomyKind::Actors, &name) {
            Some((id, Likeness::Strong)) if !tags.actors.iter().any(|a| a == id) => {
                tags.actors.push(id.to_string());
                tags.variants.push((name, id.to_string()));
            }
            // Already tagged under a registered spelling: nothing to add or suggest.
            Some((_, Likeness::Strong)) => {}
            Some((id, _)) => tags.suggestions.push((name, id.to_string())),
            None if worth_reading(&name) => tags.candidates.push(name),
            None => {}
        }
    }
    tags
}

/// A spelling's words as the text's are compared: `match_key`'s, without one-letter words
/// (initials, elided articles).
fn alias_words(spelling: &str) -> Vec<String> {
    // The text's words split at apostrophes (`l'Ouest` is `l` and `Ouest`); `match_key` would
    // join them (`louest`).
    let split: String = spelling
        .chars()
        .map(|c| {
            if crate::fold::APOSTROPHES.contains(&c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    match_key(&split)
        .split(' ')
        .filter(|w| w.chars().count() > 1)
        .map(str::to_string)
        .collect()
}

/// A one-word Arabic name matches only a word as definite as itself: the registry's الساحل
/// (the Sahel) is not the ساحل (a coast) of ساحل العاج, and its مالي (Mali) is not the
/// المالي (the financial) of الدعم المالي.
fn arabic_form_agrees(spelling: &str, alias: &[String], text: &[TextWord], at: usize) -> bool {
    let arabic = spelling
        .chars()
        .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
    if !arabic || alias.len() != 1 || spelling.split_whitespace().count() != 1 {
        return true;
    }
    has_article(&fold(spelling.trim())) == text[at].article
}

/// Registry names that are also common words (`data/ar-context.txt`) count only in context:
/// after a preposition or place word, or within three words of another registry place.
fn keep_common_nouns_in_context(hits: &mut [Hit], text: &[TextWord]) {
    let places: Vec<(usize, usize, String)> = hits
        .iter()
        .filter(|h| h.kind == TaxonomyKind::Places)
        .flat_map(|h| h.spans.iter().map(|&(s, e)| (s, e, h.id.clone())))
        .collect();
    for hit in hits.iter_mut() {
        let id = hit.id.clone();
        hit.spans.retain(|&(s, e)| {
            let common = e - s == 1 && text[s].forms.iter().any(|f| PLACE_WORDS.1.contains(f));
            if !common {
                return true;
            }
            text[s].after_preposition
                || places
                    .iter()
                    .any(|(ps, pe, pid)| *pid != id && (ps.abs_diff(e) <= 3 || pe.abs_diff(s) <= 3))
        });
    }
}

/// A spelling and, when it ends in a parenthesis (`UN Office of Counter-Terrorism (UNOCT)`),
/// the name before it and the acronym inside: texts write either.
fn with_parenthesis_split(spelling: &str) -> Vec<String> {
    let mut out = vec![spelling.to_string()];
    if let Some((name, rest)) = spelling.split_once('(')
        && let Some(inner) = rest.strip_suffix(')')
        && !name.trim().is_empty()
    {
        out.push(name.trim().to_string());
        out.push(inner.trim().to_string());
    }
    out
}

/// An actor or place named only inside the name of another actor or place is not mentioned:
/// `North Africa` in "Middle East and North Africa", the `Nations unies` of "Bureau des
/// Nations unies de lutte contre le terrorisme". Topics inside names still count: a forum
/// against terrorism is news about counter-terrorism.
fn nested_in_an_entity(span: (usize, usize), hit: &Hit, hits: &[Hit]) -> bool {
    if hit.kind == TaxonomyKind::Topics {
        return false;
    }
    hits.iter()
        .filter(|h| h.id != hit.id && h.kind != TaxonomyKind::Topics)
        .flat_map(|h| h.spans.iter())
        .any(|&(s, e)| s <= span.0 && span.1 <= e && e - s > span.1 - span.0)
}

/// Indices where the alias words appear in a row.
fn find_sequences(text: &[TextWord], alias: &[&str], capitals: bool) -> Vec<usize> {
    if alias.len() > text.len() {
        return Vec::new();
    }
    (0..=text.len() - alias.len())
        .filter(|&i| {
            alias.iter().enumerate().all(|(k, a)| {
                let w = &text[i + k];
                (!capitals || w.capitals) && w.forms.iter().any(|f| same_word(f, a))
            })
        })
        .collect()
}

/// Equal, or equal but for the case ending of the Arabic sound plural (`المقاتلين` is
/// `المقاتلون` in another case).
fn same_word(text: &str, alias: &str) -> bool {
    if text == alias {
        return true;
    }
    let stem = |w: &str| -> Option<String> {
        let n = w.chars().count();
        let s = w.strip_suffix("ين").or_else(|| w.strip_suffix("ون"))?;
        (n >= 5).then(|| s.to_string())
    };
    matches!((stem(text), stem(alias)), (Some(a), Some(b)) if a == b)
}

/// Two to four capitalized Latin-script words in a row on one line (initials such as `A.`
/// and particles such as `al-`, `de`, `ben` allowed inside).
static NAME: LazyLock<Regex> = LazyLock::new(|| {
    let word = r"\p{Lu}[\p{L}'’-]+";
    let initial = r"\p{Lu}\.";
    let particle = r"(?:al|el|de|du|da|ben|bin|ibn|van|von)[- ]";
    Regex::new(&format!(
        r"\b({word}(?:[ ](?:{particle})?(?:{word}|{initial})){{1,3}})"
    ))
    .expect("constant pattern")
});

/// Capitalized words that start sentences or titles rather than names (beside honorifics,
/// which `fold` defines).
const NOT_NAMES: &[&str] = &[
    "the", "a", "an", "in", "on", "at", "this", "that", "these", "le", "la", "les", "un", "une",
    "ce", "cette",
];

fn candidate_names(text: &str) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for m in NAME.find_iter(text) {
        let mut words: Vec<&str> = m.as_str().split(' ').collect();
        // Drop leading articles and honorifics ("The", "Mr.").
        while words.len() > 1
            && (NOT_NAMES.contains(&words[0].trim_end_matches('.').to_lowercase().as_str())
                || is_honorific(words[0]))
        {
            words.remove(0);
        }
        if words.len() < 2 {
            continue;
        }
        let name = words.join(" ");
        if seen.insert(name.clone()) {
            out.push(name);
        }
    }
    out
}

/// The common nouns and adjectives institutions are named with, in English and French
/// (folded). A capitalized phrase made only of them ("Foreign Affairs", "Technical
/// Assistance", "Programme Office") names no one an editor would add.
const INSTITUTION_WORDS: &[&str] = &[
    "foreign",
    "affairs",
    "ministry",
    "minister",
    "office",
    "programme",
    "program",
    "technical",
    "assistance",
    "cooperation",
    "department",
    "director",
    "directorate",
    "general",
    "national",
    "security",
    "interior",
    "council",
    "president",
    "presidents",
    "kingdom",
    "royal",
    "forces",
    "armed",
    "state",
    "states",
    "secretary",
    "agency",
    "bureau",
    "forum",
    "conference",
    "summit",
    "meeting",
    "working",
    "group",
    "session",
    "dialogue",
    "strategic",
    "high",
    "level",
    "human",
    "development",
    "initiative",
    "fund",
    "african",
    "international",
    "regional",
    "global",
    "public",
    "justice",
    "police",
    "committee",
    "commission",
    "affaires",
    "etrangeres",
    "ministere",
    "ministre",
    "cooperation",
    "direction",
    "generale",
    "surete",
    "nationale",
    "royaume",
    "interieur",
    "conseil",
    "forum",
    "dialogue",
    "strategique",
    "assemblee",
    "sommet",
    "reunion",
    "groupe",
    "travail",
    "of",
    "and",
    "for",
    "the",
    "de",
    "des",
    "du",
    "et",
    "la",
    "le",
    "les",
    "counter",
    "terrorism",
    "issues",
    "comprehensive",
    "expatriates",
    "moroccan",
    "marocain",
    "marocaine",
    "executive",
    "head",
    "chief",
    "deputy",
    "nations",
    "united",
    "union",
    "organisation",
    "organization",
    "world",
    "news",
    "press",
];

fn worth_reading(name: &str) -> bool {
    !match_key(name)
        .split(' ')
        .all(|w| INSTITUTION_WORDS.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(text: &str) -> Vec<TextWord> {
        text_words(text)
    }

    #[test]
    fn arabic_alias_with_clitics_article_and_plural_case_is_found() {
        let words =
            forms("وأكد السيد عبد اللطيف الحموشي، والأمم المتحدة وتتبع المقاتلين الإرهابيين الأجانب");
        let find =
            |a: &str| find_sequences(&words, &match_key(a).split(' ').collect::<Vec<_>>(), false);
        assert_eq!(find("عبد اللطيف الحموشي"), [2]);
        assert_eq!(find("الأمم المتحدة"), [5]);
        assert_eq!(find("المقاتلون الإرهابيون الأجانب"), [8]);
    }

    #[test]
    fn capitalized_names_are_candidates_institutions_are_not() {
        let names = candidate_names(
            "The meeting, chaired by Mr. Nathan A. Sales and Eric Rosand,\nmet Abd al-Salam al-Bakari. Others attended.",
        );
        assert_eq!(
            names,
            ["Nathan A. Sales", "Eric Rosand", "Abd al-Salam al-Bakari"]
        );
        for phrase in [
            "Foreign Affairs",
            "Technical Assistance",
            "Programme Office",
        ] {
            assert!(!worth_reading(phrase), "{phrase}");
        }
        assert!(worth_reading("Florence Lieu"));
    }

    #[test]
    fn parenthesised_acronyms_split() {
        assert_eq!(
            with_parenthesis_split("UN Office of Counter-Terrorism (UNOCT)"),
            [
                "UN Office of Counter-Terrorism (UNOCT)",
                "UN Office of Counter-Terrorism",
                "UNOCT"
            ]
        );
    }
}
