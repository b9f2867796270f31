//! Name folding: the key under which two spellings of one name meet.
//!
//! `Mounir Lemouri`, `mounir lemouri` and `Mounîr Lemouri` fold to one key; so do
//! `الرباط`, `رباط` and `الربـاط`. Used to match front-matter names against registry aliases
//! (and by search and ingest, which need the same tolerance).

use icu_normalizer::DecomposingNormalizerBorrowed;

/// Honorifics that a name may carry or not (`Mr. X` is `X`). Compared after folding.
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "he",
    "m",
    "mme",
    "mlle",
    "sr",
    "prof",
    "السيد",
    "السيده",
    "سيد",
];

/// Folds a name for matching: case, Latin diacritics, typographic apostrophes, punctuation,
/// Arabic harakat, tatweel, alef/hamza variants, taa marbuta, alif maqsura, the definite
/// article, and leading honorifics.
pub fn match_key(name: &str) -> String {
    let decomposed = DecomposingNormalizerBorrowed::new_nfd().normalize(name);
    let mut folded = String::with_capacity(decomposed.len());
    for c in decomposed.chars() {
        if is_mark(c) || c == '\u{0640}' {
            continue; // diacritics and tatweel
        }
        if is_apostrophe(c) {
            continue; // "d'Agadir" and "d’Agadir" and "dAgadir" meet
        }
        folded.extend(fold_arabic_letter(c).to_lowercase());
    }
    let words: Vec<String> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(strip_arabic_article)
        .collect();
    let start = words
        .iter()
        .take_while(|w| HONORIFICS.contains(&w.as_str()))
        .count()
        .min(words.len().saturating_sub(1));
    words[start..].join(" ")
}

fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'   // combining diacritics (after NFD)
        | '\u{0610}'..='\u{061A}' // Arabic signs
        | '\u{064B}'..='\u{065F}' // harakat
        | '\u{0670}'              // superscript alef
        | '\u{06D6}'..='\u{06ED}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{02BB}' | '`' | '\u{00B4}'
    )
}

/// Alef and hamza forms to bare alef, hamza carriers to their letter, taa marbuta to haa,
/// alif maqsura to yaa: the spellings Arabic writers use interchangeably.
fn fold_arabic_letter(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ؤ' => 'و',
        'ئ' => 'ي',
        'ة' => 'ه',
        'ى' => 'ي',
        other => other,
    }
}

/// `الرباط` and `رباط` are one name; short words keep their letters (`الى` stays).
fn strip_arabic_article(word: &str) -> String {
    match word.strip_prefix("ال") {
        Some(rest) if rest.chars().count() >= 2 => rest.to_string(),
        _ => word.to_string(),
    }
}

/// A readable URL segment for a name: lowercase words joined by `-`, letters of every script
/// kept as they are (never transliterated, so different Arabic names stay different).
pub fn slug(name: &str) -> String {
    let decomposed = DecomposingNormalizerBorrowed::new_nfd().normalize(name);
    let mut out = String::new();
    let mut dash = false;
    for c in decomposed.chars() {
        if ('\u{0300}'..='\u{036F}').contains(&c) || c == '\u{0640}' || is_apostrophe(c) {
            continue; // Latin accents dropped ("Genève" -> "geneve"), tatweel, apostrophes
        }
        if c.is_alphanumeric() || is_mark(c) {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    // Recompose what is left (Arabic marks) so the slug is in NFC like the rest of the site.
    icu_normalizer::ComposingNormalizerBorrowed::new_nfc()
        .normalize(&out)
        .into_owned()
}

/// Folds one word for search: NFD, marks and tatweel dropped, Arabic letters folded as in
/// [`match_key`], Arabic-Indic digits to ASCII, lowercase. `search.js` does exactly this.
pub fn fold_word(word: &str) -> String {
    let decomposed = DecomposingNormalizerBorrowed::new_nfd().normalize(word);
    let mut out = String::with_capacity(decomposed.len());
    for c in decomposed.chars() {
        if is_mark(c) || c == '\u{0640}' {
            continue;
        }
        let c = match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            other => fold_arabic_letter(other),
        };
        out.extend(c.to_lowercase());
    }
    out
}

/// Splits text into words: runs of letters and digits. Apostrophes split too, so French
/// `l'ONUCT` gives `l` and `ONUCT`. Words of one character are dropped.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| w.chars().nth(1).is_some())
}

/// Letters, digits, marks and tatweel. Same answer as `is_alphanumeric() || is_mark()`, with
/// fast paths for ASCII and the Arabic letters: the general lookup is slow, and the index
/// asks it for every character of every briefing.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    matches!(c, '\u{0621}'..='\u{064A}') || is_mark(c) || c.is_alphanumeric()
}

/// The forms under which a folded word is indexed and searched: itself, and for Arabic the
/// word without its clitics (و ف, then ب ك ل, then the article ال or لل), so `والإرهاب`,
/// `الإرهاب` and `ارهاب` meet. Both the index and the query use every form; a match of any
/// form of a query word with any form of a text word counts.
pub fn search_forms(folded: &str) -> Vec<String> {
    let mut forms = vec![folded.to_string()];
    if !folded
        .chars()
        .any(|c| ('\u{0621}'..='\u{064A}').contains(&c))
    {
        return forms;
    }
    let strip = |w: &str, prefixes: &[&str], min: usize| -> Option<String> {
        prefixes.iter().find_map(|p| {
            w.strip_prefix(p)
                .filter(|rest| rest.chars().count() >= min)
                .map(str::to_string)
        })
    };
    let mut stage: Vec<String> = forms.clone();
    for (prefixes, min) in [
        (&["و", "ف"][..], 3),
        (&["ب", "ك", "ل"][..], 3),
        (&["ال", "لل"][..], 2),
    ] {
        let mut next = stage.clone();
        for w in &stage {
            if let Some(s) = strip(w, prefixes, min) {
                next.push(s);
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

/// How close two spellings of a Latin-script personal name are, as transliterations of one
/// Arabic or Amazigh name: `Strong` when every word sounds the same under the spellings that
/// write one Arabic sound (`Mounir Lemouri` ~ `Mounir Lymouri`, `Abdellatif Hamouchy` ~
/// `Abdellatif Hammouchi`), `Weak` when the folded names are a few edits apart, else `None`.
/// Look-alikes of different people differ in a consonant (`Bourita` / `Bouriqa`), a syllable
/// (`Mohamed` / `Mahmoud`, `Amine` / `Amina`) or a vowel that is not a spelling choice
/// (`Said` / `Saad`, `Omar` / `Amar`), and are never `Strong`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Likeness {
    None,
    Weak,
    Strong,
}

pub fn name_likeness(a: &str, b: &str) -> Likeness {
    NameForm::new(a).likeness(&NameForm::new(b))
}

/// A name folded once for [`name_likeness`]: comparing one name with every spelling of a
/// registry folds each side once, not once per pair (at 10,000 briefings with 500 names the
/// registry does not know, folding per pair was a third of a build).
#[derive(Debug, Clone)]
pub struct NameForm {
    words: Vec<String>,
    latin: bool,
    joined: String,
}

impl NameForm {
    pub fn new(s: &str) -> NameForm {
        let words: Vec<String> = match_key(s)
            .split(' ')
            .filter(|w| !matches!(*w, "el" | "al" | ""))
            .map(str::to_string)
            .collect();
        let latin = words
            .iter()
            .all(|x| x.chars().all(|c| c.is_ascii_alphanumeric()));
        let joined = words.join(" ");
        NameForm {
            words,
            latin,
            joined,
        }
    }

    pub fn likeness(&self, other: &NameForm) -> Likeness {
        let (wa, wb) = (&self.words, &other.words);
        if wa.is_empty() || wb.is_empty() {
            return Likeness::None;
        }
        if wa == wb {
            return Likeness::Strong;
        }
        if !self.latin || !other.latin {
            return Likeness::None;
        }
        if wa.len() == wb.len() && wa.iter().zip(wb).all(|(x, y)| same_sounds(x, y)) {
            return Likeness::Strong;
        }
        let (ja, jb) = (&self.joined, &other.joined);
        let (la, lb) = (ja.chars().count(), jb.chars().count());
        let limit = 2.max(la.min(lb) / 5);
        // The edit distance is at least the difference in length: skip what cannot be close.
        if la.abs_diff(lb) > limit {
            return Likeness::None;
        }
        if edit_distance(ja, jb) <= limit {
            Likeness::Weak
        } else {
            Likeness::None
        }
    }
}

/// One sound of a transliterated word: a consonant, or a run of vowel letters as the set of
/// vowel qualities it writes (a, e, i, u).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sound {
    Consonant(char),
    Vowels(u8),
}

const A: u8 = 1;
const E: u8 = 2;
const I: u8 = 4;
const U: u8 = 8;

/// Whether two words write the same sounds: same consonants in the same order, and vowel
/// runs of the same qualities, where an `e` (the French spelling of an unstressed vowel) may
/// stand for one other quality: Chekkori / Chakouri, Lemouri / Limouri, Abdel / Abdul,
/// Youssef / Yusuf, Ismail / Ismael. Without an `e`, a different vowel is a different name
/// (Said / Saad, Omar / Amar).
fn same_sounds(a: &str, b: &str) -> bool {
    let (sa, sb) = (sounds(a), sounds(b));
    sa.len() == sb.len()
        && sa.iter().zip(&sb).all(|(x, y)| match (x, y) {
            (Sound::Consonant(p), Sound::Consonant(q)) => p == q,
            (Sound::Vowels(p), Sound::Vowels(q)) => same_vowels(*p, *q) || same_vowels(*q, *p),
            _ => false,
        })
}

/// `p`'s `e`, if it has one, stands for at most one quality `q` has and `p` lacks.
fn same_vowels(p: u8, q: u8) -> bool {
    let (p0, q0) = (p & !E, q & !E);
    if p0 == q0 {
        return true;
    }
    let extra = q0 & !p0;
    p & E != 0 && q0 & p0 == p0 && extra.count_ones() == 1
}

/// The sounds of a word, with the spellings that write one Arabic sound folded together:
/// ch/sh, kh/k, gh/g, dj/j, th/t, dh/d, ph/f, q/k, soft c/s and hard c/k, doubled letters,
/// ou/u/o/w, y/i, and a silent final `e` (Benkirane / Benkiran).
fn sounds(word: &str) -> Vec<Sound> {
    let w = word
        .replace("sh", "x")
        .replace("ch", "x")
        .replace("kh", "k")
        .replace("gh", "g")
        .replace("dj", "j")
        .replace("th", "t")
        .replace("dh", "d")
        .replace("ph", "f")
        .replace('q', "k");
    let mut chars: Vec<char> = w.chars().collect();
    if chars.len() > 3
        && chars.last() == Some(&'e')
        && !matches!(chars[chars.len() - 2], 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
    {
        chars.pop();
    }
    let mut out: Vec<Sound> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let c = match (c, chars.get(i + 1)) {
            ('c', Some('e' | 'i' | 'y')) => 's',
            ('c', _) => 'k',
            (c, _) => c,
        };
        let quality = match c {
            'a' => A,
            'e' => E,
            'i' | 'y' => I,
            'o' | 'u' | 'w' => U,
            _ => 0,
        };
        match (quality, out.last_mut()) {
            (0, Some(Sound::Consonant(p))) if *p == c => {}
            (0, _) => out.push(Sound::Consonant(c)),
            (q, Some(Sound::Vowels(v))) => *v |= q,
            (q, _) => out.push(Sound::Vowels(q)),
        }
    }
    out
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_ne!(match_key("Mounir Lymouri"), match_key("Mounir Lemouri"));
    }

    #[test]
    fn transliterations_are_strong_look_alikes_are_not() {
        use Likeness::*;
        for (a, b) in [
            ("Mounir Lemoury", "Mounir Lymouri"),
            ("Youssef Idrissi", "Yusuf Idrisi"),
            ("Ismael El Fassi", "Ismail Al Fasi"),
            ("Mounir Limouri", "Mounir Lemouri"),
            ("Abdellatif Hamouchy", "Abdellatif Hammouchi"),
            ("Nacer Bourita", "Nasser Bourita"),
            ("Ismail Chakouri", "Ismail Chekkori"),
            ("Abdelouafi Laftit", "Abdelwafi Laftit"),
        ] {
            assert_eq!(name_likeness(a, b), Strong, "{a} / {b}");
        }
        for (a, b) in [
            ("Nasser Bouriqa", "Nasser Bourita"),
            ("Abdellatif Hamid", "Abdellatif Hammouchi"),
            ("Mounir Lamrani", "Mounir Lymouri"),
            ("Omar Hilale", "Oumar Ba"),
            ("Mohamed Alaoui", "Mahmoud Alaoui"),
            ("Said Tazi", "Saad Tazi"),
            ("Amine Berrada", "Amina Berrada"),
        ] {
            assert_ne!(name_likeness(a, b), Strong, "{a} / {b}");
        }
        assert_eq!(edit_distance("kitten", "sitting"), 3);
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
    }

    #[test]
    fn search_forms_drop_arabic_clitics_and_fold_letters() {
        let forms = |w: &str| search_forms(&fold_word(w));
        assert!(
            forms("والإرهاب").contains(&"ارهاب".to_string()),
            "{:?}",
            forms("والإرهاب")
        );
        assert!(forms("الإرهاب").contains(&"ارهاب".to_string()));
        assert!(forms("بالرباط").contains(&"رباط".to_string()));
        assert_eq!(forms("إرهاب"), ["ارهاب"]);
        assert_eq!(forms("Stratégique"), ["strategique"]);
        assert_eq!(fold_word("٢٠٢٠"), "2020");
        assert_eq!(words("l'ONUCT a-t-il").collect::<Vec<_>>(), ["ONUCT", "il"]);
    }

    #[test]
    fn word_char_fast_paths_agree_with_the_unicode_tables() {
        for c in ('\u{0}'..='\u{07FF}').chain('\u{1E00}'..='\u{1EFF}') {
            let slow = c.is_alphanumeric() || is_mark(c) || c == '\u{0640}';
            assert_eq!(is_word_char(c), slow, "{c:?}");
        }
    }

    #[test]
    fn slugs_keep_scripts_apart() {
        assert_eq!(slug("Genève"), "geneve");
        assert_eq!(slug("Counter-terrorism"), "counter-terrorism");
        assert_eq!(slug("علي"), "علي");
        assert_ne!(slug("علي"), slug("عالي"));
        assert_ne!(slug("لي"), slug("علي"));
        assert_eq!(slug("منصة مراكش"), "منصة-مراكش");
        assert_eq!(slug("!!"), "");
    }
}
