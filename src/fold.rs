//! How text folds for matching: the one definition (issue 10, item 4).
//!
//! Two spellings that a reader takes for one word fold to one string: case, Latin
//! diacritics, Arabic harakat and tatweel, alef and hamza forms, taa marbuta, alif maqsura,
//! Arabic-Indic and Eastern Arabic-Indic digits, and compatibility forms through NFKD, so
//! Arabic presentation forms (`ﻣﺮﺍﻛﺶ`, common in text copied from PDFs) and ligatures (`ﬁ`,
//! `ﻻ`) fold to their base letters. On top of that:
//! - [`match_key`] (registry names, ingest's line rules) drops apostrophes, the Arabic
//!   article and leading honorifics, and keeps words only;
//! - [`words`] and [`search_forms`] (the search index, ingest's tagger) split text into
//!   words and list each word's forms without its Arabic clitics.
//!
//! The browser's search client must fold exactly so, so its tables are not written in
//! JavaScript: [`client_table`] serializes the ones below and `render` injects them into
//! `search.js`. `tests/fixtures/fold_cases.json` is asserted against both (the test below and
//! `tests/node/fold.test.mjs`). Regexes and word lists that match folded text are written in
//! their natural spelling and folded here ([`pattern`], [`match_key`]), never by hand.
//!
//! Pure functions of their input; no I/O.

use icu_normalizer::DecomposingNormalizerBorrowed;
use serde::Serialize;
use std::sync::LazyLock;

/// Letters writers use interchangeably, folded to one: alef forms to bare alef, hamza
/// carriers to their letter, taa marbuta to haa, alif maqsura to yaa. (After NFKD most hamza
/// forms arrive as letter + combining hamza, which is a mark; the table still says what they
/// fold to, whatever the normalizer does.)
pub const LETTERS: &[(char, char)] = &[
    ('أ', 'ا'),
    ('إ', 'ا'),
    ('آ', 'ا'),
    ('ٱ', 'ا'),
    ('ؤ', 'و'),
    ('ئ', 'ي'),
    ('ة', 'ه'),
    ('ى', 'ي'),
];

/// Characters dropped, as inclusive ranges: combining diacritics (Latin accents after
/// decomposition), Arabic signs, harakat, superscript alef, Quranic marks, and tatweel.
pub const DROPPED: &[(char, char)] = &[
    ('\u{0300}', '\u{036F}'),
    ('\u{0610}', '\u{061A}'),
    ('\u{0640}', '\u{0640}'),
    ('\u{064B}', '\u{065F}'),
    ('\u{0670}', '\u{0670}'),
    ('\u{06D6}', '\u{06ED}'),
];

/// The zero of each digit series that folds to ASCII: Arabic-Indic (`٠١٢`) and Eastern
/// Arabic-Indic (`۰۱۲`, Persian and Urdu). The nine digits follow each zero.
pub const DIGIT_ZEROS: &[char] = &['\u{0660}', '\u{06F0}'];

/// Apostrophes, typographic and ASCII: `d'Agadir`, `d’Agadir` and `dAgadir` meet in a key.
pub const APOSTROPHES: &[char] = &[
    '\'', '\u{2018}', '\u{2019}', '\u{02BC}', '\u{02BB}', '`', '\u{00B4}',
];

/// Honorifics a name may carry or not (`Mr. X` is `X`), in their natural spelling; compared
/// after folding with [`match_key`]'s rules, so `السيدة` is stripped as `السيده` would be.
pub const HONORIFICS: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "HE",
    "M",
    "Mme",
    "Mlle",
    "Sr",
    "Prof",
    "السيد",
    "السيدة",
    "سيد",
];

/// The Arabic definite article, dropped from a key's words that keep two letters after it.
pub const ARTICLE: &str = "ال";

/// The Arabic clitics peeled off a search word, stage by stage: the conjunctions و ف, then
/// the prepositions ب ك ل, then the article (or ل + article). Each stage keeps a form only
/// when at least that many letters remain.
pub const CLITIC_STAGES: &[(&[&str], usize)] = &[
    (&["و", "ف"], 3),
    (&["ب", "ك", "ل"], 3),
    (&[ARTICLE, "لل"], 2),
];

/// The Arabic letters proper (hamza to yaa): a word with one of them may carry clitics.
pub const ARABIC_LETTERS: (char, char) = ('\u{0621}', '\u{064A}');

/// Folds text for matching: NFKD, lowercase, dropped characters out, letters and digits
/// folded. Keeps everything else (spaces, punctuation, apostrophes) as NFKD gives it.
pub fn fold(text: &str) -> String {
    let decomposed = DecomposingNormalizerBorrowed::new_nfkd().normalize(text);
    let mut out = String::with_capacity(decomposed.len());
    for c in decomposed.chars() {
        if c.is_ascii() {
            // The common case, and ASCII never decomposes or folds further.
            out.push(c.to_ascii_lowercase());
            continue;
        }
        for c in c.to_lowercase() {
            if !is_dropped(c) {
                out.push(fold_letter(c));
            }
        }
    }
    out
}

/// The key under which two spellings of one name meet: [`fold`], apostrophes dropped, words
/// only (joined by one space), the Arabic article dropped, and leading honorifics dropped
/// (never the last word). `Mr. Mounîr LYMOURI` and `mounir lymouri` share one; so do
/// `الرباط`, `رباط` and `ﺍﻟﺮﺑﺎﻁ`.
pub fn match_key(name: &str) -> String {
    // Before NFKD, which turns `´` into a space and a combining accent.
    let name = without_apostrophes(name);
    let words: Vec<String> = key_words(&fold(&name));
    let start = words
        .iter()
        .take_while(|w| FOLDED_HONORIFICS.contains(w))
        .count()
        .min(words.len().saturating_sub(1));
    words[start..].join(" ")
}

/// Whether a word is an honorific (any spelling [`match_key`] would strip).
pub fn is_honorific(word: &str) -> bool {
    let name = without_apostrophes(word);
    matches!(key_words(&fold(&name)).as_slice(), [w] if FOLDED_HONORIFICS.contains(w))
}

/// `text` without [`APOSTROPHES`]: the first step of a match key or a slug, taken before
/// NFKD (which turns `´` into a space and a combining accent). One buffer sized up front: it
/// runs for every heading of every body while parsing runs on all cores.
pub fn without_apostrophes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    out.extend(text.chars().filter(|c| !APOSTROPHES.contains(c)));
    out
}

/// [`HONORIFICS`] as keys.
static FOLDED_HONORIFICS: LazyLock<Vec<String>> = LazyLock::new(|| {
    HONORIFICS
        .iter()
        .flat_map(|h| key_words(&fold(h)))
        .collect()
});

/// Folded text -> its words, each without the Arabic article.
fn key_words(folded: &str) -> Vec<String> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(strip_article)
        .collect()
}

/// `الرباط` and `رباط` are one name; short words keep their letters (`الى` stays).
fn strip_article(word: &str) -> String {
    match word.strip_prefix(ARTICLE) {
        Some(rest) if rest.chars().count() >= 2 => rest.to_string(),
        _ => word.to_string(),
    }
}

/// Splits text into words: runs of letters, digits and dropped characters. Apostrophes
/// split too, so French `l'ONUCT` gives `l` and `ONUCT`. Words of one character are dropped.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| w.chars().nth(1).is_some())
}

/// The forms under which a folded word is indexed and searched: itself, and for Arabic the
/// word without its clitics ([`CLITIC_STAGES`]), so `والإرهاب`, `الإرهاب` and `ارهاب` meet.
/// Both the index and the query use every form; a match of any form of a query word with
/// any form of a text word counts.
pub fn search_forms(folded: &str) -> Vec<String> {
    let mut forms = vec![folded.to_string()];
    let (lo, hi) = ARABIC_LETTERS;
    if !folded.chars().any(|c| (lo..=hi).contains(&c)) {
        return forms;
    }
    let mut stage: Vec<String> = forms.clone();
    for &(prefixes, min) in CLITIC_STAGES {
        let mut next = stage.clone();
        for w in &stage {
            let stripped = prefixes
                .iter()
                .find_map(|p| w.strip_prefix(p).filter(|rest| rest.chars().count() >= min));
            if let Some(s) = stripped {
                next.push(s.to_string());
            }
        }
        next.dedup();
        stage = next;
    }
    for f in stage {
        if !forms.contains(&f) {
            forms.push(f);
        }
    }
    forms
}

/// A regex written in natural spelling, folded as [`match_key`] folds the lines it is
/// matched against: non-ASCII characters and apostrophes folded, and runs of Arabic letters
/// (the pattern's Arabic words) without the article. ASCII regex syntax is left alone, so
/// patterns are written in lowercase.
pub fn pattern(natural: &str) -> String {
    let mut out = String::with_capacity(natural.len());
    let mut word = String::new();
    let (lo, hi) = ARABIC_LETTERS;
    for c in natural.chars().filter(|c| !APOSTROPHES.contains(c)) {
        if c.is_ascii() {
            out.push_str(&strip_article(&fold(&std::mem::take(&mut word))));
            out.push(c);
        } else {
            word.push(c);
            // A non-Arabic letter (an accented Latin one) ends no word; Arabic runs need the
            // article rule, applied when the run ends.
            if !(lo..=hi).contains(&c) && !is_dropped(c) {
                out.push_str(&fold(&std::mem::take(&mut word)));
            }
        }
    }
    out.push_str(&strip_article(&fold(&word)));
    out
}

/// Whether a character is dropped by [`fold`] ([`DROPPED`]).
pub fn is_dropped(c: char) -> bool {
    DROPPED.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// Whether a character is a combining mark [`fold`] drops (everything in [`DROPPED`] but
/// tatweel, which is a letter).
pub fn is_mark(c: char) -> bool {
    c != '\u{0640}' && is_dropped(c)
}

/// One character after NFKD and lowercasing: [`LETTERS`], then digits of [`DIGIT_ZEROS`].
fn fold_letter(c: char) -> char {
    if let Some(&(_, to)) = LETTERS.iter().find(|(from, _)| *from == c) {
        return to;
    }
    ascii_digit(c).unwrap_or(c)
}

/// The ASCII digit a digit of any series in [`DIGIT_ZEROS`] (or ASCII) stands for.
pub fn ascii_digit(c: char) -> Option<char> {
    if c.is_ascii_digit() {
        return Some(c);
    }
    DIGIT_ZEROS.iter().find_map(|&zero| {
        let n = (c as u32).checked_sub(zero as u32)?;
        char::from_digit(n, 10)
    })
}

/// A regex character class of every digit [`ascii_digit`] reads, for patterns over raw
/// (unfolded) text such as dates: `[0-9٠-٩۰-۹]`.
pub fn digit_class() -> String {
    let mut class = String::from("[0-9");
    for &zero in DIGIT_ZEROS {
        let nine = char::from_u32(zero as u32 + 9).unwrap_or(zero);
        class.push(zero);
        class.push('-');
        class.push(nine);
    }
    class.push(']');
    class
}

/// Letters, digits and dropped characters, but no apostrophe (`ʼ` U+02BC is a letter to
/// Unicode, yet splits `Oʼ Brien` as `'` does). Same answer as `(is_alphanumeric() ||
/// is_dropped()) && !apostrophe`, with fast paths for ASCII and the Arabic letters: the
/// general lookup is slow, and the index asks it for every character of every briefing.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let (lo, hi) = ARABIC_LETTERS;
    (lo..=hi).contains(&c) || is_dropped(c) || (c.is_alphanumeric() && !APOSTROPHES.contains(&c))
}

/// The tables above as the browser's search client reads them (`search.js` folds a query
/// with them after `String.prototype.normalize("NFKD")`): generated, never copied.
#[derive(Debug, Serialize)]
pub struct ClientTable {
    /// Code point ranges dropped, inclusive.
    pub dropped: Vec<(u32, u32)>,
    /// Apostrophes: they split words, even those Unicode calls letters.
    pub apostrophes: Vec<u32>,
    /// Character -> the character it folds to (letters and every non-ASCII digit).
    pub map: std::collections::BTreeMap<String, String>,
    /// The Arabic letters' code point range.
    pub arabic: (u32, u32),
    /// Clitic stages: prefixes and the letters that must remain.
    pub clitics: Vec<(Vec<String>, usize)>,
}

pub fn client_table() -> ClientTable {
    let mut map: std::collections::BTreeMap<String, String> = LETTERS
        .iter()
        .map(|(from, to)| (from.to_string(), to.to_string()))
        .collect();
    for &zero in DIGIT_ZEROS {
        for n in 0..10 {
            if let (Some(d), Some(a)) = (char::from_u32(zero as u32 + n), char::from_digit(n, 10)) {
                map.insert(d.to_string(), a.to_string());
            }
        }
    }
    ClientTable {
        dropped: DROPPED
            .iter()
            .map(|&(lo, hi)| (lo as u32, hi as u32))
            .collect(),
        apostrophes: APOSTROPHES.iter().map(|&c| c as u32).collect(),
        map,
        arabic: (ARABIC_LETTERS.0 as u32, ARABIC_LETTERS.1 as u32),
        clitics: CLITIC_STAGES
            .iter()
            .map(|(p, min)| (p.iter().map(|s| s.to_string()).collect(), *min))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One case of `tests/fixtures/fold_cases.json`, the table the Node test of the client
    /// asserts too.
    #[derive(serde::Deserialize)]
    struct Case {
        input: String,
        /// The folded words of the input, as search indexes and queries them.
        search: String,
        /// The input's [`match_key`].
        key: String,
        /// The search forms of a one-word input, when the case pins them.
        #[serde(default)]
        forms: Option<Vec<String>>,
    }

    #[test]
    fn the_shared_case_table_folds_as_written() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/fold_cases.json"
        );
        let text = std::fs::read_to_string(path).expect("case table");
        let cases: Vec<Case> = serde_json::from_str(&text).expect("case table is JSON");
        assert!(cases.len() >= 30, "{} cases", cases.len());
        for c in &cases {
            let search: Vec<String> = words(&c.input).map(fold).collect();
            assert_eq!(search.join(" "), c.search, "search words of {:?}", c.input);
            assert_eq!(match_key(&c.input), c.key, "match_key of {:?}", c.input);
            if let Some(forms) = &c.forms {
                assert_eq!(
                    &search_forms(&fold(&c.input)),
                    forms,
                    "forms of {:?}",
                    c.input
                );
            }
        }
    }

    #[test]
    fn latin_variants_meet() {
        assert_eq!(match_key("Mounir LYMOURI"), match_key("mounir lymouri"));
        assert_eq!(
            match_key("Aïssata Tall Sall"),
            match_key("Aissata Tall Sall")
        );
        assert_eq!(
            match_key("Mr. Ismail Chakouri"),
            match_key("Ismail Chakouri")
        );
        assert_eq!(match_key("Office d’Agadir"), match_key("Office d'Agadir"));
        assert_eq!(match_key("Office d´Agadir"), match_key("Office dAgadir"));
        assert_ne!(match_key("Mounir Lymouri"), match_key("Mounir Lemouri"));
    }

    #[test]
    fn arabic_variants_meet() {
        assert_eq!(match_key("الرباط"), match_key("رباط"));
        assert_eq!(match_key("الربـــاط"), match_key("الرباط"));
        assert_eq!(match_key("إفريقيا"), match_key("افريقيا"));
        assert_eq!(match_key("أكادير"), match_key("اكادير"));
        assert_eq!(match_key("مُنْصَّة"), match_key("منصة"));
        assert_eq!(match_key("منصة"), match_key("منصه"));
        assert_eq!(
            match_key("السيد عبد اللطيف الحموشي"),
            match_key("عبد اللطيف الحموشي")
        );
        // The hand-folded list said `السيده`, which the article rule had already made
        // `سيده`: the feminine honorific was never stripped.
        assert_eq!(match_key("السيدة أمينة بنخضرة"), match_key("أمينة بنخضرة"));
        assert_eq!(match_key("ﻣﺮﺍﻛﺶ"), match_key("مراكش"));
        assert!(is_honorific("Mr.") && is_honorific("السيدة") && !is_honorific("Mounir"));
    }

    #[test]
    fn search_forms_drop_arabic_clitics_and_fold_letters() {
        let forms = |w: &str| search_forms(&fold(w));
        assert!(
            forms("والإرهاب").contains(&"ارهاب".to_string()),
            "{:?}",
            forms("والإرهاب")
        );
        assert!(forms("الإرهاب").contains(&"ارهاب".to_string()));
        assert!(forms("بالرباط").contains(&"رباط".to_string()));
        assert_eq!(forms("إرهاب"), ["ارهاب"]);
        assert_eq!(forms("Stratégique"), ["strategique"]);
        assert_eq!(fold("٢٠٢٠"), "2020");
        assert_eq!(words("l'ONUCT a-t-il").collect::<Vec<_>>(), ["ONUCT", "il"]);
    }

    #[test]
    fn word_char_fast_paths_agree_with_the_unicode_tables() {
        for c in ('\u{0}'..='\u{07FF}').chain('\u{1E00}'..='\u{1EFF}') {
            let slow = (c.is_alphanumeric() || is_dropped(c)) && !APOSTROPHES.contains(&c);
            assert_eq!(is_word_char(c), slow, "{c:?}");
        }
    }

    #[test]
    fn patterns_are_folded_like_the_lines_they_match() {
        assert_eq!(
            pattern("^(mots clés|étiquettes)$"),
            "^(mots cles|etiquettes)$"
        );
        assert_eq!(
            pattern(r"^plus d'articles( \w+)?$"),
            r"^plus darticles( \w+)?$"
        );
        assert_eq!(
            pattern("^(عودة|رجوع) إلى أعلى الصفحة$"),
            "^(عوده|رجوع) الي اعلي صفحه$"
        );
        assert_eq!(pattern(r"(\S+ ){0,3}"), r"(\S+ ){0,3}");
    }

    #[test]
    fn digits_of_every_series_read_as_ascii() {
        assert_eq!(ascii_digit('٣'), Some('3'));
        assert_eq!(ascii_digit('۷'), Some('7'));
        assert_eq!(ascii_digit('x'), None);
        assert_eq!(digit_class(), "[0-9٠-٩۰-۹]");
    }

    #[test]
    fn the_client_table_carries_every_custom_mapping() {
        let t = client_table();
        assert_eq!(t.map.get("ة").map(String::as_str), Some("ه"));
        assert_eq!(t.map.get("۹").map(String::as_str), Some("9"));
        assert_eq!(t.map.len(), LETTERS.len() + 20);
        assert!(t.dropped.contains(&(0x0640, 0x0640)));
        assert_eq!(t.clitics[2].0, ["ال", "لل"]);
    }
}
