//! Names beyond folding: how alike two transliterations of one name are (`name_likeness`,
//! for ingest's suggestions and `marsad status`). A name's URL slug is `crate::urls::slug`.
//!
//! How two spellings fold to one key is not defined here but in [`crate::fold`], the one
//! definition shared with search and ingest.

use crate::fold::match_key;

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
    /// Each word's sounds (Latin names only), worked out once: a name is compared with every
    /// registry spelling of its kind.
    sounds: Vec<Vec<Sound>>,
    latin: bool,
    joined: String,
    /// How many times each of `joined`'s characters occurs, by `char as u32 % 64`: a cheap
    /// lower bound on the edit distance, so most look-alike checks never run it.
    letters: [u8; 64],
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
        let sounds = if latin {
            words.iter().map(|w| sounds(w)).collect()
        } else {
            Vec::new()
        };
        let mut letters = [0u8; 64];
        for c in joined.chars() {
            let slot = &mut letters[(c as u32 % 64) as usize];
            *slot = slot.saturating_add(1);
        }
        NameForm {
            words,
            sounds,
            latin,
            joined,
            letters,
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
        if wa.len() == wb.len()
            && self
                .sounds
                .iter()
                .zip(&other.sounds)
                .all(|(x, y)| same_sounds(x, y))
        {
            return Likeness::Strong;
        }
        let (ja, jb) = (&self.joined, &other.joined);
        let (la, lb) = (ja.chars().count(), jb.chars().count());
        let limit = 2.max(la.min(lb) / 5);
        // The edit distance is at least the difference in length, and at least the larger
        // of the characters one has more of and those the other has more of (one edit
        // changes at most one of each; folding characters into 64 slots only lowers the
        // bound): skip what cannot be close.
        if la.abs_diff(lb) > limit {
            return Likeness::None;
        }
        let (mut more, mut fewer) = (0usize, 0usize);
        for (x, y) in self.letters.iter().zip(&other.letters) {
            if x > y {
                more += usize::from(x - y);
            } else {
                fewer += usize::from(y - x);
            }
        }
        if more.max(fewer) > limit {
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
fn same_sounds(sa: &[Sound], sb: &[Sound]) -> bool {
    sa.len() == sb.len()
        && sa.iter().zip(sb).all(|(x, y)| match (x, y) {
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
}
