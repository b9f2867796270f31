//! Topics, actors and places for an ingested article: every registry spelling found in the
//! text, with the registry's tolerance (diacritics, hamza forms, the Arabic article and the
//! clitics و ب ل ف ك), and the capitalized Latin-script names the registry does not know,
//! listed for an editor rather than invented as terms.

use crate::names::{fold_word, match_key, search_forms, words};
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
    /// Capitalized names in the text that no registry entry matches.
    pub candidates: Vec<String>,
}

pub fn tag(text: &str, registry: &Registry) -> Tags {
    // Every word of the text as the set of forms it may stand for.
    let text_words: Vec<Vec<String>> = words(text).map(|w| search_forms(&fold_word(w))).collect();
    let mut found: Vec<(usize, TaxonomyKind, String)> = Vec::new();
    let mut covered: BTreeSet<String> = BTreeSet::new();
    for (kind, id, spellings) in registry.entries() {
        let mut first: Option<usize> = None;
        for spelling in &spellings {
            let folded = match_key(spelling);
            // One-letter words (initials) are not words of the text either.
            let alias: Vec<&str> = folded
                .split(' ')
                .filter(|w| w.chars().count() > 1)
                .collect();
            if alias.is_empty() || (alias.len() == 1 && alias[0].chars().count() < 3) {
                continue; // two-letter aliases (AU, UN) match too much running text
            }
            if let Some(at) = find_sequence(&text_words, &alias) {
                first = Some(first.map_or(at, |f| f.min(at)));
                covered.insert(alias.join(" "));
            }
        }
        if let Some(at) = first {
            found.push((at, kind, id.to_string()));
        }
    }
    found.sort();
    let mut tags = Tags::default();
    for (_, kind, id) in found {
        match kind {
            TaxonomyKind::Topics => tags.topics.push(id),
            TaxonomyKind::Actors => tags.actors.push(id),
            TaxonomyKind::Places => tags.places.push(id),
        }
    }
    tags.candidates = candidate_names(text)
        .into_iter()
        .filter(|name| {
            let folded = match_key(name);
            let words: Vec<&str> = folded
                .split(' ')
                .filter(|w| w.chars().count() > 1)
                .collect();
            let joined = format!(" {} ", words.join(" "));
            !covered
                .iter()
                .any(|c| joined.contains(&format!(" {c} ")) || c.contains(words.join(" ").as_str()))
        })
        .collect();
    tags
}

/// Index of the first place where the alias words appear in a row.
fn find_sequence(text: &[Vec<String>], alias: &[&str]) -> Option<usize> {
    if alias.len() > text.len() {
        return None;
    }
    (0..=text.len() - alias.len()).find(|&i| {
        alias
            .iter()
            .enumerate()
            .all(|(k, a)| text[i + k].iter().any(|f| f == a))
    })
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

/// Capitalized words that start sentences or titles rather than names.
const NOT_NAMES: &[&str] = &[
    "the", "a", "an", "in", "on", "at", "this", "that", "these", "mr", "mrs", "ms", "dr", "he",
    "le", "la", "les", "un", "une", "ce", "cette", "m", "mme",
];

fn candidate_names(text: &str) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for m in NAME.find_iter(text) {
        let mut words: Vec<&str> = m.as_str().split(' ').collect();
        // Drop leading articles and honorifics ("The", "Mr.").
        while words.len() > 1
            && NOT_NAMES.contains(&words[0].trim_end_matches('.').to_lowercase().as_str())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_alias_with_clitics_and_article_is_found() {
        let words: Vec<Vec<String>> =
            crate::names::words("وأكد السيد عبد اللطيف الحموشي، والأمم المتحدة")
                .map(|w| search_forms(&fold_word(w)))
                .collect();
        let alias = match_key("عبد اللطيف الحموشي");
        assert_eq!(
            find_sequence(&words, &alias.split(' ').collect::<Vec<_>>()),
            Some(2)
        );
        let un = match_key("الأمم المتحدة");
        assert_eq!(
            find_sequence(&words, &un.split(' ').collect::<Vec<_>>()),
            Some(5)
        );
    }

    #[test]
    fn capitalized_names_are_candidates() {
        let names = candidate_names(
            "The meeting, chaired by Mr. Nathan A. Sales and Eric Rosand,\nmet Abd al-Salam al-Bakari. Others attended.",
        );
        assert_eq!(
            names,
            ["Nathan A. Sales", "Eric Rosand", "Abd al-Salam al-Bakari"]
        );
    }
}
