//! The search index: briefings in, a sharded static index out, read by `search.js` in the
//! browser with no server (GitHub Pages).
//!
//! Layout (under `/search/`):
//! - `index.json`: the shard keys that exist, the document count and chunk size;
//! - `t/<hex of a 2-character prefix>.json`: postings of every indexed form with that prefix,
//!   `{form: [doc delta, weight, doc delta, weight, ...]}`;
//! - `d/<n>.json`: the documents `n*CHUNK ..`: title, URL, language, direction, date,
//!   dates per interface language, summary, language name.
//!
//! A query downloads the manifest, one shard per query word and the document chunks of its
//! results, never the whole index. Words are folded and split by [`crate::names`]; the JS
//! client folds queries the same way.

use crate::names::{fold_word, search_forms, words};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Documents per chunk file.
pub const CHUNK: usize = 200;
/// Characters of a form that pick its shard.
pub const SHARD_PREFIX: usize = 2;

/// Field weights: a match in the title counts most.
pub const WEIGHT_TITLE: u8 = 8;
pub const WEIGHT_TERMS: u8 = 6;
pub const WEIGHT_SUMMARY: u8 = 3;
pub const WEIGHT_BODY: u8 = 1;

/// What the index knows of one briefing. Documents are numbered in site order (newest
/// first), so ties rank the newer briefing first.
#[derive(Debug, Clone, Serialize)]
pub struct SearchDoc {
    pub title: String,
    pub url: String,
    pub lang: String,
    pub dir: &'static str,
    pub date: Option<String>,
    /// The date as each interface language writes it (site language order).
    pub dates: Vec<String>,
    pub summary: String,
    pub language_name: String,
    /// Not written to the document files: only indexed.
    #[serde(skip)]
    pub terms: Vec<String>,
    #[serde(skip)]
    pub body: String,
}

#[derive(Serialize)]
struct Manifest<'a> {
    version: u32,
    docs: usize,
    chunk: usize,
    prefix: usize,
    shards: Vec<&'a str>,
}

/// One index file, relative to the search folder.
pub struct IndexFile {
    pub path: String,
    pub json: String,
}

/// Builds the index files.
pub fn build_index(docs: &[SearchDoc]) -> Vec<IndexFile> {
    // Fold each distinct word once: real text repeats its vocabulary.
    let distinct: HashSet<&str> = docs
        .par_iter()
        .fold(HashSet::new, |mut set, d| {
            for field in [d.title.as_str(), d.summary.as_str(), d.body.as_str()] {
                set.extend(words(field));
            }
            for t in &d.terms {
                set.extend(words(t));
            }
            set
        })
        .reduce(HashSet::new, |mut a, b| {
            a.extend(b);
            a
        });
    let forms: HashMap<&str, Vec<String>> = distinct
        .into_par_iter()
        .map(|w| (w, search_forms(&fold_word(w))))
        .collect();

    // form -> [(doc, weight)], docs ascending.
    let per_doc: Vec<HashMap<&str, u8>> = docs
        .par_iter()
        .map(|d| {
            let mut best: HashMap<&str, u8> = HashMap::new();
            let mut add = |text: &str, weight: u8| {
                for w in words(text) {
                    for f in forms.get(w).map(Vec::as_slice).unwrap_or_default() {
                        let e = best.entry(f.as_str()).or_insert(0);
                        *e = (*e).max(weight);
                    }
                }
            };
            add(&d.body, WEIGHT_BODY);
            add(&d.summary, WEIGHT_SUMMARY);
            for t in &d.terms {
                add(t, WEIGHT_TERMS);
            }
            add(&d.title, WEIGHT_TITLE);
            best
        })
        .collect();
    let mut postings: BTreeMap<&str, Vec<(usize, u8)>> = BTreeMap::new();
    for (doc, best) in per_doc.iter().enumerate() {
        for (&form, &w) in best {
            postings.entry(form).or_default().push((doc, w));
        }
    }
    let mut shards: BTreeMap<String, BTreeMap<&str, Vec<usize>>> = BTreeMap::new();
    for (form, list) in &postings {
        let key: String = form.chars().take(SHARD_PREFIX).collect();
        let mut flat = Vec::with_capacity(list.len() * 2);
        let mut prev = 0;
        for &(doc, w) in list {
            flat.push(doc - prev);
            flat.push(w as usize);
            prev = doc;
        }
        shards.entry(key).or_default().insert(form, flat);
    }
    let mut files: Vec<IndexFile> = shards
        .par_iter()
        .map(|(key, map)| IndexFile {
            path: format!("t/{}.json", hex(key)),
            json: serde_json::to_string(map).unwrap_or_default(),
        })
        .collect();
    files.extend(docs.chunks(CHUNK).enumerate().map(|(i, chunk)| IndexFile {
        path: format!("d/{i}.json"),
        json: serde_json::to_string(chunk).unwrap_or_default(),
    }));
    let keys: Vec<&str> = shards.keys().map(String::as_str).collect();
    let manifest = Manifest {
        version: 1,
        docs: docs.len(),
        chunk: CHUNK,
        prefix: SHARD_PREFIX,
        shards: keys,
    };
    files.push(IndexFile {
        path: "index.json".into(),
        json: serde_json::to_string(&manifest).unwrap_or_default(),
    });
    files
}

/// Lowercase hex of the UTF-8 bytes: a file name any host serves, for any script.
pub fn hex(s: &str) -> String {
    s.bytes().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, body: &str, terms: &[&str]) -> SearchDoc {
        SearchDoc {
            title: title.into(),
            url: "/x/".into(),
            lang: "ar".into(),
            dir: "rtl",
            date: None,
            dates: vec![],
            summary: String::new(),
            language_name: String::new(),
            terms: terms.iter().map(|t| t.to_string()).collect(),
            body: body.into(),
        }
    }

    fn shard(files: &[IndexFile], form: &str) -> serde_json::Value {
        let key: String = form.chars().take(SHARD_PREFIX).collect();
        let f = files
            .iter()
            .find(|f| f.path == format!("t/{}.json", hex(&key)))
            .expect("shard");
        let v: serde_json::Value = serde_json::from_str(&f.json).expect("json");
        v[form].clone()
    }

    #[test]
    fn arabic_words_are_indexed_without_their_clitics() {
        let files = build_index(&[
            doc("عنوان", "اجتماع لمكافحة الإرهاب", &[]),
            doc("الرباط", "", &[]),
        ]);
        assert_eq!(shard(&files, "ارهاب"), serde_json::json!([0, WEIGHT_BODY]));
        assert_eq!(shard(&files, "مكافحه"), serde_json::json!([0, WEIGHT_BODY]));
        assert_eq!(shard(&files, "رباط"), serde_json::json!([1, WEIGHT_TITLE]));
    }

    #[test]
    fn doc_ids_are_delta_encoded_with_the_best_weight() {
        let files = build_index(&[
            doc("Sahel", "sahel", &[]),
            doc("x", "y", &[]),
            doc("y", "", &["Sahel security"]),
        ]);
        assert_eq!(
            shard(&files, "sahel"),
            serde_json::json!([0, WEIGHT_TITLE, 2, WEIGHT_TERMS])
        );
    }

    #[test]
    fn documents_escape_any_title_as_json() {
        let files = build_index(&[doc("</script><b>\"x\"", "", &[])]);
        let d = files.iter().find(|f| f.path == "d/0.json").expect("chunk");
        let v: serde_json::Value = serde_json::from_str(&d.json).expect("valid JSON");
        assert_eq!(v[0]["title"], "</script><b>\"x\"");
    }
}
