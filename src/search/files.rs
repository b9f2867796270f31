//! The index's files other than the manifest: shards of postings, one file per document
//! (its card and the text its excerpt is cut from), one per term (facets), and the typo
//! vocabulary. Input: the vocabulary and documents of [`super::build_index_until`]; output:
//! [`IndexFile`]s with paths relative to the index folder. Pure; no I/O.

use super::postings::{Vocabulary, encode_docs};
use super::{IndexFile, SearchDoc, SearchTerm, hex};
use crate::fold::{fold, search_forms, words};
use flate2::Compression;
use flate2::write::GzEncoder;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

/// Form id -> the terms (ascending) one of whose names or aliases has that word: the client
/// says "matched: actor …" when a query word found a briefing only through one of them.
pub fn term_forms(
    terms: &[SearchTerm<'_>],
    vocabulary: &Vocabulary<'_>,
) -> FxHashMap<u32, Vec<u32>> {
    let mut out: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for (t, term) in terms.iter().enumerate() {
        for name in term.names.iter().chain(term.spellings) {
            for w in words(name) {
                for f in search_forms(&fold(w)) {
                    // A term no briefing carries left no form in the vocabulary.
                    if let Some(id) = vocabulary.known_form(&f) {
                        let list = out.entry(id).or_default();
                        if list.last() != Some(&(t as u32)) {
                            list.push(t as u32);
                        }
                    }
                }
            }
        }
    }
    out
}

/// A term as cards, shards and filters name it: `<kind>:<id>` (ids are unique within a kind).
pub fn term_handle(term: &SearchTerm<'_>) -> String {
    format!("{}:{}", term.kind, term.id)
}

/// `{form: "postings"}` for the forms of one shard (`["postings", "kind:id", ...]` for words
/// of term names), written directly: a `serde_json::Value` per entry would cost more.
pub fn shard_json(
    members: &[u32],
    forms: &[&str],
    encoded: &[String],
    term_forms: &FxHashMap<u32, Vec<u32>>,
    handles: &[String],
) -> String {
    let size: usize = members
        .iter()
        .map(|&f| forms[f as usize].len() + encoded[f as usize].len() + 8)
        .sum();
    let mut out = String::with_capacity(size + 2);
    out.push('{');
    for (i, &f) in members.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(forms[f as usize]).unwrap_or_default());
        out.push(':');
        match term_forms.get(&f) {
            None => {
                out.push('"');
                out.push_str(&encoded[f as usize]);
                out.push('"');
            }
            Some(terms) => {
                out.push_str("[\"");
                out.push_str(&encoded[f as usize]);
                out.push('"');
                for &t in terms {
                    out.push(',');
                    out.push_str(&serde_json::to_string(&handles[t as usize]).unwrap_or_default());
                }
                out.push(']');
            }
        }
    }
    out.push('}');
    out
}

/// Letters a form needs to be a typo candidate: a query word of five letters may lose one.
pub const TYPO_MIN_LETTERS: usize = 4;

/// The forms of [`TYPO_MIN_LETTERS`] or more, by their first two letters (`v/p<hex>.json`)
/// and by their last two (`v/s<hex>.json`): one edit leaves one end of a word of five
/// letters or more as it was, so a typo's candidates are in one of its two files. Returns
/// the files and the two lists of keys.
pub fn vocabulary_files(
    sorted: &[u32],
    forms: &[&str],
) -> (Vec<IndexFile>, Vec<String>, Vec<String>) {
    let mut by_prefix: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    let mut by_suffix: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for &f in sorted {
        let form = forms[f as usize];
        let chars: Vec<char> = form.chars().collect();
        if chars.len() < TYPO_MIN_LETTERS {
            continue;
        }
        by_prefix
            .entry(chars[..2].iter().collect())
            .or_default()
            .push(form);
        by_suffix
            .entry(chars[chars.len() - 2..].iter().collect())
            .or_default()
            .push(form);
    }
    let mut files = Vec::new();
    for (tag, groups) in [("p", &by_prefix), ("s", &by_suffix)] {
        for (key, list) in groups {
            files.push(IndexFile {
                path: format!("v/{tag}{}.json", hex(key)),
                bytes: serde_json::to_vec(list).unwrap_or_default(),
            });
        }
    }
    let keys = |m: &BTreeMap<String, Vec<&str>>| m.keys().cloned().collect();
    (files, keys(&by_prefix), keys(&by_suffix))
}

/// What a result shows of a briefing, and the text its excerpt is cut from.
#[derive(Serialize)]
struct Card<'a> {
    t: &'a str,
    u: &'a str,
    s: &'a str,
    d: &'a Option<String>,
    ds: &'a [String],
    m: Vec<&'a str>,
    b: &'a str,
}

/// Documents per document file: two compress a sixth smaller than one each (their words
/// repeat), and a result costs its pair's file (issue 24: 1.6x the index's earlier size
/// with one per file, 1.35x with two).
pub const DOC_GROUP: usize = 2;

/// `d/<n>.bin`: documents `n * DOC_GROUP ..` as a gzipped JSON array of cards. The bodies
/// are most of it, and gzip keeps the index within half again its size before excerpts;
/// the client inflates it with `DecompressionStream`.
pub fn document_files(docs: &[&SearchDoc<'_>], handles: &[String]) -> Vec<IndexFile> {
    docs.par_chunks(DOC_GROUP)
        .enumerate()
        .map(|(n, group)| {
            let cards: Vec<Card> = group
                .iter()
                .map(|d| Card {
                    t: d.title,
                    u: d.url,
                    s: d.summary,
                    d: &d.date,
                    ds: d.dates,
                    m: d.terms
                        .iter()
                        .map(|&t| handles[t as usize].as_str())
                        .collect(),
                    b: d.body.trim_end(),
                })
                .collect();
            let json = serde_json::to_vec(&cards).unwrap_or_default();
            IndexFile {
                path: format!("d/{n}.bin"),
                bytes: gzip(&json),
            }
        })
        .collect()
}

/// Gzip with a zero timestamp: two builds write the same bytes.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::with_capacity(bytes.len() / 2), Compression::default());
    let _ = e.write_all(bytes);
    e.finish().unwrap_or_default()
}

/// A term's file: what a facet shows of it and the documents carrying it.
#[derive(Serialize)]
struct TermFile<'a> {
    k: usize,
    i: &'a str,
    n: &'a [String],
    p: String,
}

/// `f/<kind>/<hex of id>.json` for every term some document carries: named by what a URL's
/// filter says (`?actor=<id>`).
pub fn term_files(terms: &[SearchTerm<'_>], docs: &[&SearchDoc<'_>]) -> Vec<IndexFile> {
    let mut carried: Vec<Vec<u32>> = vec![Vec::new(); terms.len()];
    for (n, d) in docs.iter().enumerate() {
        for &t in &d.terms {
            let list = &mut carried[t as usize];
            if list.last() != Some(&(n as u32)) {
                list.push(n as u32);
            }
        }
    }
    carried
        .par_iter()
        .enumerate()
        .filter(|(_, docs)| !docs.is_empty())
        .map(|(t, docs)| {
            let term = &terms[t];
            let file = TermFile {
                k: term.kind,
                i: term.id,
                n: term.names,
                p: encode_docs(docs),
            };
            IndexFile {
                path: format!("f/{}/{}.json", term.kind, hex(term.id)),
                bytes: serde_json::to_vec(&file).unwrap_or_default(),
            }
        })
        .collect()
}
