//! Postings: which documents hold each indexed form, and how a shard writes them.
//!
//! Every distinct word of the corpus is folded once into its search forms
//! ([`crate::fold::search_forms`]); each form keeps the documents holding it, in document
//! order, each with the field class it was best found in. A posting list is written as one
//! JSON string of base-64 variable-length numbers ([`encode_varints`]): `delta << 2 | class`
//! per posting, the delta from the previous document. A common word costs one character per
//! document, not the four to eight of `delta,weight,` in decimal (issue 24: the first query's
//! bytes are mostly postings).
//!
//! Input: each document's words with their best field; output: forms and posting lists,
//! grouped into shards by prefix. Pure; no I/O.

use crate::fold::{fold, search_forms};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// The field a word was found in, best last: what a posting's two low bits say.
pub const CLASS_BODY: u8 = 0;
pub const CLASS_SUMMARY: u8 = 1;
pub const CLASS_TERMS: u8 = 2;
pub const CLASS_TITLE: u8 = 3;

/// The 64 characters of the encoding, none of which JSON escapes.
pub const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends `n` as base-64 digits, five bits each, lowest first; a digit with its sixth bit
/// set says another digit follows.
pub fn push_varint(out: &mut String, mut n: u64) {
    while n >= 32 {
        out.push(ALPHABET[(32 | (n & 31)) as usize] as char);
        n >>= 5;
    }
    out.push(ALPHABET[n as usize] as char);
}

/// Numbers written by [`push_varint`], in order (for tests; the client decodes its own).
pub fn decode_varints(s: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let (mut n, mut shift) = (0u64, 0);
    for b in s.bytes() {
        let d = ALPHABET.iter().position(|&a| a == b).unwrap_or(0) as u64;
        n |= (d & 31) << shift;
        if d & 32 != 0 {
            shift += 5;
        } else {
            out.push(n);
            (n, shift) = (0, 0);
        }
    }
    out
}

/// Ascending document numbers as deltas (term files, which have no classes).
pub fn encode_docs(docs: &[u32]) -> String {
    let mut out = String::with_capacity(docs.len());
    let mut prev = 0;
    for &d in docs {
        push_varint(&mut out, u64::from(d - prev));
        prev = d;
    }
    out
}

/// A document and its class in one `u32` (the class in the low 2 bits): an index holds one
/// per distinct word of every document, the most numerous thing in a large build.
#[derive(Debug, Clone, Copy)]
pub struct Posting(u32);

impl Posting {
    pub fn new(doc: u32, class: u8) -> Posting {
        debug_assert!(class < 4 && doc < 1 << 30);
        Posting(doc << 2 | u32::from(class))
    }
    pub fn doc(self) -> u32 {
        self.0 >> 2
    }
    pub fn class(self) -> u8 {
        (self.0 & 3) as u8
    }
}

/// A posting list as the client reads it: `(delta << 2 | class)` per posting, the first
/// delta counted from -1 so every delta is at least 1. A delta of 0 starts a run: `0 << 2 |
/// class`, then `n`: the next `n` documents, each one after the last, all in that class. A
/// common word is in most documents of its language, which are numbered together, so runs
/// make its list a fraction of one character per document (issue 24: at 100,000 briefings a
/// word in every English briefing was 30 KB).
pub fn encode_postings(list: &[Posting]) -> String {
    let mut out = String::with_capacity(list.len() / 2 + 8);
    let mut prev: i64 = -1;
    let mut i = 0;
    while i < list.len() {
        let (doc, class) = (i64::from(list[i].doc()), list[i].class());
        // How many postings after this one continue it: next document, same class.
        let mut run = 0;
        while i + run + 1 < list.len()
            && i64::from(list[i + run + 1].doc()) == doc + run as i64 + 1
            && list[i + run + 1].class() == class
        {
            run += 1;
        }
        push_varint(&mut out, ((doc - prev) as u64) << 2 | u64::from(class));
        if run >= 2 {
            push_varint(&mut out, u64::from(class));
            push_varint(&mut out, run as u64);
            prev = doc + run as i64;
            i += run + 1;
        } else {
            prev = doc;
            i += 1;
        }
    }
    out
}

/// (document, class) pairs of an [`encode_postings`] list (for tests; the client decodes its
/// own).
pub fn decode_postings(s: &str) -> Vec<(u64, u64)> {
    let numbers = decode_varints(s);
    let mut out = Vec::new();
    let mut doc: i64 = -1;
    let mut k = 0;
    while k < numbers.len() {
        let (delta, class) = (numbers[k] >> 2, numbers[k] & 3);
        if delta == 0 {
            for _ in 0..numbers[k + 1] {
                doc += 1;
                out.push((doc as u64, class));
            }
            k += 2;
        } else {
            doc += delta as i64;
            out.push((doc as u64, class));
            k += 1;
        }
    }
    out
}

/// A document's distinct words, each with the best class it appears in.
pub type DocWords<'a> = Vec<(&'a str, u8)>;

/// Every distinct word met so far, folded once into its search forms, and each form's
/// postings (documents ascending, since documents are posted in order).
#[derive(Default)]
pub struct Vocabulary<'a> {
    word_ids: FxHashMap<&'a str, u32>,
    /// `word_forms[word]`: the forms a word is indexed under.
    word_forms: Vec<Vec<u32>>,
    form_ids: FxHashMap<String, u32>,
    pub forms: Vec<String>,
    pub postings: Vec<Vec<Posting>>,
}

impl<'a> Vocabulary<'a> {
    /// The words of a document not met before.
    pub fn unknown(&self, words: &[(&'a str, u8)]) -> Vec<&'a str> {
        words
            .iter()
            .filter(|(w, _)| !self.word_ids.contains_key(w))
            .map(|&(w, _)| w)
            .collect()
    }

    /// Folds the given words, once each, if not met before (in parallel: real text repeats
    /// its vocabulary, so each word is folded once per build).
    pub fn learn(&mut self, words: impl Iterator<Item = &'a str>) {
        let mut new: Vec<&'a str> = Vec::new();
        for w in words {
            if !self.word_ids.contains_key(w) {
                self.word_ids
                    .insert(w, (self.word_forms.len() + new.len()) as u32);
                new.push(w);
            }
        }
        let folded: Vec<Vec<String>> = new.par_iter().map(|w| search_forms(&fold(w))).collect();
        for fs in folded {
            let ids = fs.into_iter().map(|f| self.form_id(f)).collect();
            self.word_forms.push(ids);
        }
    }

    /// The id of a form, added if new.
    pub fn form_id(&mut self, f: String) -> u32 {
        if let Some(&id) = self.form_ids.get(&f) {
            return id;
        }
        let id = self.forms.len() as u32;
        self.forms.push(f.clone());
        self.postings.push(Vec::new());
        self.form_ids.insert(f, id);
        id
    }

    /// The id of a form already known.
    pub fn known_form(&self, f: &str) -> Option<u32> {
        self.form_ids.get(f).copied()
    }

    /// Every form of a document's words, once, with its best class, in form order. The
    /// words must have been learnt.
    pub fn forms_of(&self, words: &[(&'a str, u8)]) -> Vec<(u32, u8)> {
        let mut best: Vec<(u32, u8)> = words
            .iter()
            .flat_map(|&(w, class)| {
                let id = self.word_ids[w] as usize;
                self.word_forms[id].iter().map(move |&f| (f, class))
            })
            .collect();
        best.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        best.dedup_by_key(|p| p.0);
        best
    }

    /// Posts document `doc` under its forms (from [`Vocabulary::forms_of`]).
    pub fn post(&mut self, doc: u32, forms: &[(u32, u8)]) {
        for &(f, class) in forms {
            self.postings[f as usize].push(Posting::new(doc, class));
        }
    }
}

/// Groups forms (sorted) into shards by prefix: two characters, and a shard whose JSON would
/// pass `max_bytes` is split by one more character, up to `max_prefix` (Arabic's `ال` starts
/// half of all words). A form goes to the longest key that prefixes it; the client reads the
/// keys from the manifest and does the same.
pub fn shard(
    order: &[u32],
    forms: &[&str],
    sizes: &[usize],
    max_bytes: usize,
    max_prefix: usize,
) -> BTreeMap<String, Vec<u32>> {
    let mut out: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut pending: Vec<(usize, Vec<u32>)> = vec![(super::SHARD_PREFIX, order.to_vec())];
    while let Some((len, members)) = pending.pop() {
        let mut groups: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for f in members {
            let key: String = forms[f as usize].chars().take(len).collect();
            groups.entry(key).or_default().push(f);
        }
        for (key, group) in groups {
            let size: usize = group.iter().map(|&f| sizes[f as usize]).sum();
            let splittable = group
                .iter()
                .any(|&f| forms[f as usize].chars().count() > len);
            if size > max_bytes && splittable && len < max_prefix {
                let (short, long): (Vec<u32>, Vec<u32>) = group
                    .into_iter()
                    .partition(|&f| forms[f as usize].chars().count() <= len);
                if !short.is_empty() {
                    out.insert(key, short);
                }
                pending.push((len + 1, long));
            } else {
                out.insert(key, group);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word in every document of a run costs a few characters, not one per document.
    #[test]
    fn runs_of_consecutive_documents_are_written_once() {
        let mut list: Vec<Posting> = (0..1000).map(|d| Posting::new(d, CLASS_BODY)).collect();
        list[500] = Posting::new(500, CLASS_TITLE);
        list.push(Posting::new(2000, CLASS_SUMMARY));
        let encoded = encode_postings(&list);
        assert!(encoded.len() < 16, "{encoded}");
        let decoded = decode_postings(&encoded);
        let expected: Vec<(u64, u64)> = list
            .iter()
            .map(|p| (u64::from(p.doc()), u64::from(p.class())))
            .collect();
        assert_eq!(decoded, expected);
    }

    #[test]
    fn varints_round_trip_and_small_numbers_take_one_character() {
        let mut s = String::new();
        for n in [0, 1, 31, 32, 1023, 1024, 1 << 30] {
            push_varint(&mut s, n);
        }
        assert_eq!(decode_varints(&s), [0, 1, 31, 32, 1023, 1024, 1 << 30]);
        let mut one = String::new();
        push_varint(&mut one, 31);
        assert_eq!(one.len(), 1);
        assert!(!s.contains('"') && !s.contains('\\'));
    }

    #[test]
    fn postings_carry_deltas_and_classes() {
        let list = [
            Posting::new(3, CLASS_TITLE),
            Posting::new(4, CLASS_BODY),
            Posting::new(40, CLASS_TERMS),
        ];
        assert_eq!(
            decode_varints(&encode_postings(&list)),
            [4 << 2 | 3, 1 << 2, 36 << 2 | 2]
        );
        assert_eq!(
            decode_postings(&encode_postings(&[Posting::new(0, CLASS_BODY)])),
            [(0, 0)]
        );
        assert_eq!(decode_varints(&encode_docs(&[2, 5, 5 + 40])), [2, 3, 40]);
    }
}
