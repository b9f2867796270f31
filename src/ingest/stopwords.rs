//! Stop words (function words) of English, French and Arabic, from the `stop-words` crate's
//! NLTK lists, folded as text is folded (`fold::fold`). Their share of a line's words is the
//! jusText feature that tells running prose from page chrome, and their counts tell the
//! three languages apart. An Arabic word counts when any of its forms without clitics is a
//! stop word (`وفي` is `في`).

use crate::fold::{fold, search_forms};
use rustc_hash::FxHashSet;
use std::sync::LazyLock;

/// The languages ingest reads, with their stop words.
pub const LANGUAGES: [&str; 3] = ["en", "fr", "ar"];

static LISTS: LazyLock<[FxHashSet<String>; 3]> = LazyLock::new(|| {
    LANGUAGES.map(|lang| {
        stop_words::lookup(lang)
            .unwrap_or_default()
            .iter()
            .map(|w| fold(w))
            .filter(|w| !w.is_empty())
            .collect()
    })
});

fn list(lang: &str) -> Option<&'static FxHashSet<String>> {
    LANGUAGES.iter().position(|l| *l == lang).map(|i| &LISTS[i])
}

/// Whether a word (as written) is a stop word of the language.
pub fn is_stop_word(word: &str, lang: &str) -> bool {
    let Some(list) = list(lang) else {
        return false;
    };
    let folded = fold(word.trim_matches(|c: char| !c.is_alphanumeric()));
    if folded.is_empty() {
        return false;
    }
    // "l'accord", "d’un": the French elided article is a stop word of its own.
    list.contains(&folded)
        || (lang == "ar" && search_forms(&folded).iter().any(|f| list.contains(f)))
        || folded
            .split(['\'', '’'])
            .next()
            .is_some_and(|e| e.len() <= 2 && e != folded && list.contains(e))
}

/// The share of a line's words that are stop words of the language (0 for no words).
pub fn density(line: &str, lang: &str) -> f32 {
    let (mut n, mut stops) = (0usize, 0usize);
    for w in line.split_whitespace() {
        n += 1;
        stops += usize::from(is_stop_word(w, lang));
    }
    if n == 0 { 0.0 } else { stops as f32 / n as f32 }
}

/// How many words of the text are stop words of each language, in [`LANGUAGES`] order.
pub fn counts(text: &str) -> [usize; 3] {
    let mut out = [0; 3];
    for w in text.split_whitespace() {
        for (i, lang) in LANGUAGES.iter().enumerate() {
            out[i] += usize::from(is_stop_word(w, lang));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_is_dense_in_stop_words_chrome_is_not() {
        assert!(
            density(
                "The two ministers met in Rabat on Tuesday for the talks.",
                "en"
            ) > 0.3
        );
        assert!(density("Le ministre a reçu l'ambassadeur dans son bureau.", "fr") > 0.3);
        assert!(density("وأكد أن التعاون في هذا المجال مهم.", "ar") > 0.3);
        assert!(density("Politics Economy Sport Culture", "en") < 0.1);
    }
}
