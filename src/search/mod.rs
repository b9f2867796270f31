//! The search index: briefings in, a static index out, read by `search.js` in the browser
//! with no server (GitHub Pages).
//!
//! Layout (under `/search/`; every file but the manifest inside a folder named by the
//! content hash of the whole index, so a manifest names exactly the files it was built
//! with, issue 13):
//! - `index.json`: the manifest: format version, the client file it was built for, the
//!   index folder, the documents' languages (each language a contiguous run of document
//!   numbers, each year a contiguous run inside it, so the language and year filters need no
//!   data), the year labels, and the keys of the shards and of the typo vocabulary;
//! - `<id>/t/<hex of a prefix>.json`: postings of every form with that prefix,
//!   `{form: "postings"}`, or `{form: ["postings", "kind:id", ...]}` for a form that is a
//!   word of the names of those terms (see [`postings`] for the encoding);
//! - `<id>/d/<n>.bin`: documents `2n` and `2n + 1`, gzip of `[{t, u, s, d, ds, m, b}, …]`:
//!   title, URL, summary, ISO date, the date in each interface language, its terms, the
//!   body's plain text (for excerpts). A query fetches the cards it shows, no more (issue
//!   24);
//! - `<id>/f/<kind>/<hex of id>.json`: a term: kind, id, names per interface language and
//!   the documents carrying it (facet counts and filters);
//! - `<id>/v/{p,s}<hex>.json`: the forms of four or more letters that start (`p`) or end
//!   (`s`) with two letters: where typo matches are looked for.
//!
//! A query downloads the manifest, one shard per query word and the documents it shows;
//! typo candidates and facet terms only when used. Words are folded and split by
//! [`crate::fold`]; the JS client folds queries the same way, from generated tables.

mod files;
pub mod postings;

use crate::fingerprint::content_hash;
use crate::fold::words;
use postings::{
    CLASS_BODY, CLASS_SUMMARY, CLASS_TERMS, CLASS_TITLE, DocWords, Vocabulary, encode_postings,
};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::BTreeMap;

/// Characters of a form that pick its shard, at first.
pub const SHARD_PREFIX: usize = 2;
/// Past this many bytes a shard is split by one more character, up to [`MAX_PREFIX`]: a
/// query word costs at most about this much unless one form alone is bigger.
pub const SHARD_BYTES: usize = 12_000;
pub const MAX_PREFIX: usize = 5;

/// The index format; `search.js` refuses a manifest of another version.
pub const FORMAT: u32 = 3;

/// A language of the documents: its documents are numbered together.
#[derive(Debug, Clone, Serialize)]
pub struct SearchLanguage {
    pub code: String,
    pub dir: &'static str,
    /// Its name in itself.
    pub name: String,
}

/// A topic, actor or place, as search needs it.
#[derive(Debug, Clone)]
pub struct SearchTerm<'a> {
    /// 0 topics, 1 actors, 2 places ([`crate::taxonomy::TaxonomyKind::index`]).
    pub kind: usize,
    pub id: &'a str,
    /// Display name per interface language.
    pub names: &'a [String],
    /// Every spelling that names it (names and aliases): all indexed with its briefings.
    pub spellings: &'a [String],
}

/// What the index knows of one briefing.
#[derive(Debug, Clone)]
pub struct SearchDoc<'a> {
    pub title: &'a str,
    pub url: &'a str,
    /// Index into [`SearchSite::languages`].
    pub lang: usize,
    pub date: Option<String>,
    pub year: Option<i32>,
    /// The date as each interface language writes it (site language order).
    pub dates: &'a [String],
    pub summary: &'a str,
    /// Its terms, as indexes into [`SearchSite::terms`].
    pub terms: Vec<u32>,
    /// The body's plain text.
    pub body: &'a str,
}

/// Everything the index is built from. Documents in site order: newest first, undated last.
#[derive(Debug, Clone)]
pub struct SearchSite<'a> {
    pub docs: Vec<SearchDoc<'a>>,
    pub terms: Vec<SearchTerm<'a>>,
    pub languages: Vec<SearchLanguage>,
    /// Each year as each interface language writes it.
    pub year_labels: BTreeMap<i32, Vec<String>>,
}

/// One index file, relative to the search folder.
pub struct IndexFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Documents whose words are worked out at once (in parallel) before they are posted: the
/// words of every document at once would be the biggest thing a large build holds.
const BATCH: usize = 1024;

/// Builds the index files for the client file `client` (see [`crate::fingerprint`]).
pub fn build_index(site: &SearchSite<'_>, client: &str) -> Vec<IndexFile> {
    build_index_until(site, client, &|| false).unwrap_or_default()
}

/// [`build_index`], given up (`None`) as soon as `stop` says so between batches: `serve`
/// builds the index after an edit and gives way to a newer edit.
pub fn build_index_until(
    site: &SearchSite<'_>,
    client: &str,
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<IndexFile>> {
    // Document numbers run language by language, each in site order: a language is then a
    // range of numbers, and so is each year inside it.
    let mut order: Vec<usize> = (0..site.docs.len()).collect();
    order.sort_by_key(|&i| site.docs[i].lang);
    let docs: Vec<&SearchDoc> = order.iter().map(|&i| &site.docs[i]).collect();

    let mut vocabulary = Vocabulary::default();
    for (b, batch) in docs.chunks(BATCH).enumerate() {
        if stop() {
            return None;
        }
        // Each document's distinct words with the best field they appear in, and those the
        // vocabulary has not met yet (looked up in parallel).
        let batch_words: Vec<(DocWords, Vec<&str>)> = batch
            .par_iter()
            .map(|d| {
                let words = doc_words(d, &site.terms);
                let new = vocabulary.unknown(&words);
                (words, new)
            })
            .collect();
        vocabulary.learn(batch_words.iter().flat_map(|(_, new)| new.iter().copied()));
        let batch_forms: Vec<Vec<(u32, u8)>> = batch_words
            .par_iter()
            .map(|(words, _)| vocabulary.forms_of(words))
            .collect();
        drop(batch_words);
        for (i, forms) in batch_forms.into_iter().enumerate() {
            vocabulary.post((b * BATCH + i) as u32, &forms);
        }
    }
    if stop() {
        return None;
    }
    let term_forms = files::term_forms(&site.terms, &vocabulary);
    let handles: Vec<String> = site.terms.iter().map(files::term_handle).collect();
    let Vocabulary {
        forms, postings, ..
    } = vocabulary;
    let forms: Vec<&str> = forms.iter().map(String::as_str).collect();
    let encoded: Vec<String> = postings.par_iter().map(|p| encode_postings(p)).collect();
    drop(postings);
    let sizes: Vec<usize> = forms
        .iter()
        .zip(&encoded)
        .map(|(f, e)| f.len() + e.len() + 8)
        .collect();
    let mut sorted: Vec<u32> = (0..forms.len() as u32).collect();
    sorted.sort_unstable_by_key(|&f| forms[f as usize]);
    let shards = postings::shard(&sorted, &forms, &sizes, SHARD_BYTES, MAX_PREFIX);
    let mut files: Vec<IndexFile> = shards
        .par_iter()
        .map(|(key, members)| IndexFile {
            path: format!("t/{}.json", hex(key)),
            bytes: files::shard_json(members, &forms, &encoded, &term_forms, &handles).into_bytes(),
        })
        .collect();
    drop(encoded);
    let (vocab_files, prefixes, suffixes) = files::vocabulary_files(&sorted, &forms);
    files.extend(vocab_files);
    if stop() {
        return None;
    }
    files.extend(files::document_files(&docs, &handles));
    files.extend(files::term_files(&site.terms, &docs));

    // The folder: the hash of a list of every file's path and hash, one `path hash` line
    // each, sorted by path.
    let mut hashes: Vec<String> = files
        .par_iter()
        .map(|f| format!("{} {}\n", f.path, content_hash(&f.bytes)))
        .collect();
    hashes.par_sort_unstable();
    let id = content_hash(hashes.concat().as_bytes());
    for f in &mut files {
        f.path = format!("{id}/{}", f.path);
    }
    let manifest = Manifest {
        version: FORMAT,
        client,
        id: &id,
        docs: docs.len(),
        group: files::DOC_GROUP,
        languages: languages(site, &docs),
        years: &site.year_labels,
        keys: shards
            .keys()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" "),
        prefixes: prefixes.join(" "),
        suffixes: suffixes.join(" "),
    };
    files.push(IndexFile {
        path: "index.json".into(),
        bytes: serde_json::to_vec(&manifest).unwrap_or_default(),
    });
    Some(files)
}

#[derive(Serialize)]
struct Manifest<'a> {
    version: u32,
    /// The client file (`search.<hash>.js`) this index was built with.
    client: &'a str,
    /// The folder holding every other file.
    id: &'a str,
    docs: usize,
    /// Documents per document file.
    group: usize,
    languages: Vec<LanguageRun>,
    /// Year -> its label in each interface language.
    years: &'a BTreeMap<i32, Vec<String>>,
    /// Shard keys, space-separated.
    keys: String,
    /// Keys of the typo vocabulary by first and by last two letters, space-separated.
    prefixes: String,
    suffixes: String,
}

/// A language's documents: `start..end`, and its years as runs `[year, first document]`
/// (newest first, `null` for the undated ones at the end).
#[derive(Serialize)]
struct LanguageRun {
    #[serde(flatten)]
    language: SearchLanguage,
    start: usize,
    end: usize,
    years: Vec<(Option<i32>, usize)>,
}

/// Each language's run of document numbers and its years.
fn languages(site: &SearchSite<'_>, docs: &[&SearchDoc]) -> Vec<LanguageRun> {
    let mut out: Vec<LanguageRun> = site
        .languages
        .iter()
        .map(|l| LanguageRun {
            language: l.clone(),
            start: 0,
            end: 0,
            years: Vec::new(),
        })
        .collect();
    let mut seen = vec![false; out.len()];
    for (n, d) in docs.iter().enumerate() {
        let run = &mut out[d.lang];
        if !seen[d.lang] {
            seen[d.lang] = true;
            run.start = n;
        }
        run.end = n + 1;
        if run.years.last().is_none_or(|&(y, _)| y != d.year) {
            run.years.push((d.year, n));
        }
    }
    for (run, seen) in out.iter_mut().zip(seen) {
        if !seen {
            (run.start, run.end) = (0, 0);
        }
    }
    out
}

/// A document's distinct words, each with the best field it appears in: its own text, and
/// every name and alias of its terms.
fn doc_words<'a>(d: &SearchDoc<'a>, terms: &[SearchTerm<'a>]) -> DocWords<'a> {
    let fields = [
        (d.body, CLASS_BODY),
        (d.summary, CLASS_SUMMARY),
        (d.title, CLASS_TITLE),
    ]
    .into_iter()
    .chain(d.terms.iter().flat_map(|&t| {
        let t = &terms[t as usize];
        t.names
            .iter()
            .chain(t.spellings)
            .map(|s| (s.as_str(), CLASS_TERMS))
    }));
    // A map, not a sort of every occurrence: a body repeats its words. The order of the
    // result matters to nothing (forms are sorted before they are written), and Fx hashing
    // has no random seed.
    let mut best: FxHashMap<&str, u8> = FxHashMap::default();
    for (text, class) in fields {
        for w in words(text) {
            let b = best.entry(w).or_insert(class);
            *b = (*b).max(class);
        }
    }
    best.into_iter().collect()
}

/// Lowercase hex of the UTF-8 bytes: a file name any host serves, for any script.
pub fn hex(s: &str) -> String {
    s.bytes().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests;
