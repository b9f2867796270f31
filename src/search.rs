//! The search index: briefings in, a sharded static index out, read by `search.js` in the
//! browser with no server (GitHub Pages).
//!
//! Layout (under `/search/`):
//! - `index.json`: the manifest: format version, the client file it was built for, the
//!   document count and chunk size, and the file of every shard and chunk;
//! - `t/<hex of a 2-character prefix>.<hash>.json`: postings of every indexed form with that
//!   prefix, `{form: [doc delta, weight, doc delta, weight, ...]}`;
//! - `d/<n>.<hash>.json`: the documents `n*CHUNK ..`: title, URL, language, direction, date,
//!   dates per interface language, summary, language name.
//!
//! Shard and chunk files are named by content hash (issue 13): a manifest names exactly the
//! files it was built with, never a later version of them, and the client checks that the
//! manifest was built for it. The manifest's own URL is fixed (pages need not change when
//! the index does) and the client revalidates it on every load.
//!
//! A query downloads the manifest, one shard per query word and the document chunks of its
//! results, never the whole index. Words are folded and split by [`crate::fold`]; the JS
//! client folds queries the same way.

use crate::fingerprint::hashed_name;
use crate::fold::{fold, search_forms, words};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::BTreeMap;

/// Documents per chunk file.
pub const CHUNK: usize = 100;
/// Characters of a form that pick its shard, at first.
pub const SHARD_PREFIX: usize = 2;
/// Past this many postings a shard is split by one more character, up to [`MAX_PREFIX`].
pub const SHARD_POSTINGS: usize = 20_000;
pub const MAX_PREFIX: usize = 4;

/// Field weights: a match in the title counts most.
pub const WEIGHT_TITLE: u8 = 8;
pub const WEIGHT_TERMS: u8 = 6;
pub const WEIGHT_SUMMARY: u8 = 3;
pub const WEIGHT_BODY: u8 = 1;
// A posting keeps its weight in 4 bits.
const _: () = assert!(WEIGHT_TITLE < 16 && WEIGHT_TERMS < 16 && WEIGHT_SUMMARY < 16);

/// What the index knows of one briefing. Documents are numbered in site order (newest
/// first), so ties rank the newer briefing first.
#[derive(Debug, Clone, Serialize)]
pub struct SearchDoc<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub lang: &'a str,
    pub dir: &'static str,
    pub date: Option<String>,
    /// The date as each interface language writes it (site language order).
    pub dates: &'a [String],
    pub summary: &'a str,
    pub language_name: &'a str,
    /// Not written to the document files: only indexed.
    #[serde(skip)]
    pub terms: Vec<&'a str>,
    #[serde(skip)]
    pub body: &'a str,
}

/// The index format; `search.js` refuses a manifest of another version.
pub const FORMAT: u32 = 2;

#[derive(Serialize)]
struct Manifest<'a> {
    version: u32,
    /// The client file (`search.<hash>.js`) this index was built with.
    client: &'a str,
    docs: usize,
    chunk: usize,
    /// Shard key -> its file, relative to the search folder.
    shards: BTreeMap<&'a str, String>,
    /// Chunk `n`'s file.
    chunks: Vec<String>,
}

/// One index file, relative to the search folder.
pub struct IndexFile {
    pub path: String,
    pub json: String,
}

/// Documents whose words are worked out at once (in parallel) before they are posted: the
/// words of every document at once would be the biggest thing a large build holds.
const BATCH: usize = 1024;

/// Builds the index files for the client file `client` (see [`crate::fingerprint`]).
pub fn build_index(docs: &[SearchDoc<'_>], client: &str) -> Vec<IndexFile> {
    build_index_until(docs, client, &|| false).unwrap_or_default()
}

/// [`build_index`], given up (`None`) as soon as `stop` says so between batches: `serve`
/// builds the index after an edit and gives way to a newer edit.
pub fn build_index_until(
    docs: &[SearchDoc<'_>],
    client: &str,
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<IndexFile>> {
    let mut vocabulary = Vocabulary::default();
    for (b, batch) in docs.chunks(BATCH).enumerate() {
        if stop() {
            return None;
        }
        // Each document's distinct words with the weight of the best field they appear in,
        // and those the vocabulary has not met yet (looked up in parallel).
        let batch_words: Vec<(DocWords, Vec<&str>)> = batch
            .par_iter()
            .map(|d| {
                let words = doc_words(d);
                let new = vocabulary.unknown(&words);
                (words, new)
            })
            .collect();
        vocabulary.learn(batch_words.iter().flat_map(|(_, new)| new.iter().copied()));
        // Each document's forms with their best weight, worked out in parallel; only the
        // appending to the postings lists is serial.
        let batch_forms: Vec<Vec<(u32, u8)>> = batch_words
            .par_iter()
            .map(|(words, _)| vocabulary.forms_of(words))
            .collect();
        drop(batch_words);
        for (i, forms) in batch_forms.into_iter().enumerate() {
            vocabulary.post((b * BATCH + i) as u32, &forms);
        }
    }
    let Vocabulary {
        forms, postings, ..
    } = vocabulary;
    let forms: Vec<&str> = forms.iter().map(String::as_str).collect();
    let mut order: Vec<u32> = (0..forms.len() as u32).collect();
    order.sort_unstable_by_key(|&f| forms[f as usize]);
    let shards = shard(&order, &forms, &postings);
    let shard_files: Vec<(&str, IndexFile)> = shards
        .par_iter()
        .map(|(key, members)| {
            let json = shard_json(members, &forms, &postings);
            let name = hashed_name(&format!("t/{}.json", hex(key)), json.as_bytes());
            (key.as_str(), IndexFile { path: name, json })
        })
        .collect();
    let chunk_files: Vec<IndexFile> = docs
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(i, chunk)| {
            let json = serde_json::to_string(chunk).unwrap_or_default();
            let name = hashed_name(&format!("d/{i}.json"), json.as_bytes());
            IndexFile { path: name, json }
        })
        .collect();
    let manifest = Manifest {
        version: FORMAT,
        client,
        docs: docs.len(),
        chunk: CHUNK,
        shards: shard_files
            .iter()
            .map(|(k, f)| (*k, f.path.clone()))
            .collect(),
        chunks: chunk_files.iter().map(|f| f.path.clone()).collect(),
    };
    let manifest = serde_json::to_string(&manifest).unwrap_or_default();
    let mut files: Vec<IndexFile> = shard_files.into_iter().map(|(_, f)| f).collect();
    files.extend(chunk_files);
    files.push(IndexFile {
        path: "index.json".into(),
        json: manifest,
    });
    Some(files)
}

/// A document's distinct words, each with the weight of the best field it appears in.
type DocWords<'a> = Vec<(&'a str, u8)>;

/// Every distinct word met so far, folded once into its search forms, and each form's
/// postings (documents ascending, since documents are posted in order).
#[derive(Default)]
struct Vocabulary<'a> {
    word_ids: FxHashMap<&'a str, u32>,
    /// `word_forms[word]`: the forms a word is indexed under.
    word_forms: Vec<Vec<u32>>,
    form_ids: FxHashMap<String, u32>,
    forms: Vec<String>,
    postings: Vec<Vec<Posting>>,
}

impl<'a> Vocabulary<'a> {
    /// The words of a document not met before.
    fn unknown(&self, words: &[(&'a str, u8)]) -> Vec<&'a str> {
        words
            .iter()
            .filter(|(w, _)| !self.word_ids.contains_key(w))
            .map(|&(w, _)| w)
            .collect()
    }

    /// Folds the given words, once each, if not met before (in parallel: real text repeats
    /// its vocabulary, so each word is folded once per build).
    fn learn(&mut self, words: impl Iterator<Item = &'a str>) {
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
            let ids = fs
                .into_iter()
                .map(|f| {
                    if let Some(&id) = self.form_ids.get(&f) {
                        return id;
                    }
                    let id = self.forms.len() as u32;
                    self.forms.push(f.clone());
                    self.postings.push(Vec::new());
                    self.form_ids.insert(f, id);
                    id
                })
                .collect();
            self.word_forms.push(ids);
        }
    }

    /// Every form of a document's words, once, with its best weight, in form order. The
    /// words must have been learnt.
    fn forms_of(&self, words: &[(&'a str, u8)]) -> Vec<(u32, u8)> {
        let mut best: Vec<(u32, u8)> = words
            .iter()
            .flat_map(|&(w, weight)| {
                let id = self.word_ids[w] as usize;
                self.word_forms[id].iter().map(move |&f| (f, weight))
            })
            .collect();
        best.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        best.dedup_by_key(|p| p.0);
        best
    }

    /// Posts document `doc` under its forms (from [`Vocabulary::forms_of`]).
    fn post(&mut self, doc: u32, forms: &[(u32, u8)]) {
        for &(f, weight) in forms {
            self.postings[f as usize].push(Posting::new(doc, weight));
        }
    }
}

/// A document and a weight in one `u32` (the weight in the low 4 bits): an index holds one
/// per distinct word of every document, the most numerous thing in a large build.
#[derive(Debug, Clone, Copy)]
struct Posting(u32);

impl Posting {
    fn new(doc: u32, weight: u8) -> Posting {
        debug_assert!(weight < 16 && doc < 1 << 28);
        Posting(doc << 4 | u32::from(weight))
    }
    fn doc(self) -> u32 {
        self.0 >> 4
    }
    fn weight(self) -> u8 {
        (self.0 & 15) as u8
    }
}

/// A document's distinct words, each with the weight of the best field it appears in.
fn doc_words<'a>(d: &SearchDoc<'a>) -> DocWords<'a> {
    let fields = [
        (d.body, WEIGHT_BODY),
        (d.summary, WEIGHT_SUMMARY),
        (d.title, WEIGHT_TITLE),
    ]
    .into_iter()
    .chain(d.terms.iter().map(|t| (*t, WEIGHT_TERMS)));
    // A map, not a sort of every occurrence: a body repeats its words, and sorting them all
    // was a tenth of a build's CPU time. The order of the result matters to nothing (forms
    // are sorted before they are written), and Fx hashing has no random seed.
    let mut best: FxHashMap<&str, u8> = FxHashMap::default();
    for (text, weight) in fields {
        for w in words(text) {
            let b = best.entry(w).or_insert(weight);
            *b = (*b).max(weight);
        }
    }
    best.into_iter().collect()
}

/// Groups forms (sorted) into shards by prefix: two characters, and a shard that would hold
/// more than [`SHARD_POSTINGS`] postings is split by one more character (Arabic's `ال`
/// starts half of all words). A form goes to the longest key that prefixes it; the client
/// reads the keys from the manifest and does the same.
fn shard(order: &[u32], forms: &[&str], postings: &[Vec<Posting>]) -> BTreeMap<String, Vec<u32>> {
    let mut out: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut pending: Vec<(usize, Vec<u32>)> = vec![(SHARD_PREFIX, order.to_vec())];
    while let Some((len, members)) = pending.pop() {
        let mut groups: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for f in members {
            let key: String = forms[f as usize].chars().take(len).collect();
            groups.entry(key).or_default().push(f);
        }
        for (key, group) in groups {
            let size: usize = group.iter().map(|&f| postings[f as usize].len()).sum();
            let splittable = group
                .iter()
                .any(|&f| forms[f as usize].chars().count() > len);
            if size > SHARD_POSTINGS && splittable && len < MAX_PREFIX {
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

/// `{form: [doc delta, weight, ...]}` for the forms of one shard, written directly: a
/// `serde_json::Value` per number would cost more than the rest of the index.
fn shard_json(members: &[u32], forms: &[&str], postings: &[Vec<Posting>]) -> String {
    use std::fmt::Write;
    let mut out = String::from("{");
    for (i, &f) in members.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(forms[f as usize]).unwrap_or_default());
        out.push_str(":[");
        let mut prev = 0;
        for (k, p) in postings[f as usize].iter().enumerate() {
            let (doc, w) = (p.doc(), p.weight());
            if k > 0 {
                out.push(',');
            }
            let _ = write!(out, "{},{w}", doc - prev);
            prev = doc;
        }
        out.push(']');
    }
    out.push('}');
    out
}

/// Lowercase hex of the UTF-8 bytes: a file name any host serves, for any script.
pub fn hex(s: &str) -> String {
    s.bytes().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc<'a>(title: &'a str, body: &'a str, terms: &[&'a str]) -> SearchDoc<'a> {
        SearchDoc {
            title,
            url: "/x/",
            lang: "ar",
            dir: "rtl",
            date: None,
            dates: &[],
            summary: "",
            language_name: "",
            terms: terms.to_vec(),
            body,
        }
    }

    fn shard(files: &[IndexFile], form: &str) -> serde_json::Value {
        // The longest shard key that prefixes the form, as the client picks it, and the file
        // the manifest names for it.
        let m = manifest(files);
        let key = m["shards"]
            .as_object()
            .expect("shards")
            .keys()
            .filter(|k| form.starts_with(k.as_str()))
            .max_by_key(|k| k.len())
            .expect("shard")
            .clone();
        let f = file(files, m["shards"][&key].as_str().expect("file"));
        let v: serde_json::Value = serde_json::from_str(&f.json).expect("json");
        v[form].clone()
    }

    fn manifest(files: &[IndexFile]) -> serde_json::Value {
        serde_json::from_str(&file(files, "index.json").json).expect("manifest")
    }

    fn file<'f>(files: &'f [IndexFile], path: &str) -> &'f IndexFile {
        files.iter().find(|f| f.path == path).expect(path)
    }

    fn shard_keys(files: &[IndexFile]) -> Vec<String> {
        manifest(files)["shards"]
            .as_object()
            .expect("shards")
            .keys()
            .cloned()
            .collect()
    }

    #[test]
    fn big_shards_split_by_one_more_character() {
        let body: String = (0..SHARD_POSTINGS / 2)
            .map(|i| format!("ala{i} alb{i} "))
            .collect();
        let files = build_index(&[doc("x", &body, &[]), doc("y", &body, &[])], "c.js");
        let keys = shard_keys(&files);
        assert!(
            keys.contains(&"ala".to_string()) && keys.contains(&"alb".to_string()),
            "{keys:?}"
        );
        assert!(!keys.contains(&"al".to_string()), "{keys:?}");
        assert_eq!(
            shard(&files, "ala7"),
            serde_json::json!([0, WEIGHT_BODY, 1, WEIGHT_BODY])
        );
    }

    #[test]
    fn arabic_words_are_indexed_without_their_clitics() {
        let files = build_index(
            &[
                doc("عنوان", "اجتماع لمكافحة الإرهاب", &[]),
                doc("الرباط", "", &[]),
            ],
            "c.js",
        );
        assert_eq!(shard(&files, "ارهاب"), serde_json::json!([0, WEIGHT_BODY]));
        assert_eq!(shard(&files, "مكافحه"), serde_json::json!([0, WEIGHT_BODY]));
        assert_eq!(shard(&files, "رباط"), serde_json::json!([1, WEIGHT_TITLE]));
    }

    #[test]
    fn doc_ids_are_delta_encoded_with_the_best_weight() {
        let files = build_index(
            &[
                doc("Sahel", "sahel", &[]),
                doc("x", "y", &[]),
                doc("y", "", &["Sahel security"]),
            ],
            "c.js",
        );
        assert_eq!(
            shard(&files, "sahel"),
            serde_json::json!([0, WEIGHT_TITLE, 2, WEIGHT_TERMS])
        );
    }

    #[test]
    fn documents_escape_any_title_as_json() {
        let files = build_index(&[doc("</script><b>\"x\"", "", &[])], "c.js");
        let d = file(
            &files,
            manifest(&files)["chunks"][0].as_str().expect("chunk"),
        );
        let v: serde_json::Value = serde_json::from_str(&d.json).expect("valid JSON");
        assert_eq!(v[0]["title"], "</script><b>\"x\"");
    }

    #[test]
    fn the_manifest_names_content_hashed_files_and_its_client() {
        let a = build_index(&[doc("Sahel", "", &[])], "search.1.js");
        let b = build_index(&[doc("Rabat", "", &[])], "search.1.js");
        let (ma, mb) = (manifest(&a), manifest(&b));
        assert_eq!(ma["client"], "search.1.js");
        assert_eq!(ma["version"], FORMAT);
        // Another text, another chunk file: an old manifest can never read the new chunk.
        assert_ne!(ma["chunks"][0], mb["chunks"][0]);
        for f in a.iter().filter(|f| f.path != "index.json") {
            let hash = crate::fingerprint::content_hash(f.json.as_bytes());
            assert!(f.path.ends_with(&format!(".{hash}.json")), "{}", f.path);
        }
    }
}
