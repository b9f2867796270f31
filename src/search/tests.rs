//! The index's files as the client reads them, from small documents.

use super::postings::{CLASS_BODY, CLASS_TERMS, CLASS_TITLE, decode_postings, decode_varints};
use super::*;
use std::io::Read;

fn doc<'a>(title: &'a str, body: &'a str, lang: usize, year: Option<i32>) -> SearchDoc<'a> {
    SearchDoc {
        title,
        url: "/x/",
        lang,
        date: year.map(|y| format!("{y}")),
        year,
        dates: &[],
        summary: "",
        terms: Vec::new(),
        body,
    }
}

fn site<'a>(docs: Vec<SearchDoc<'a>>, terms: Vec<SearchTerm<'a>>) -> SearchSite<'a> {
    let lang = |code: &str, dir| SearchLanguage {
        code: code.into(),
        dir,
        name: code.into(),
    };
    SearchSite {
        docs,
        terms,
        languages: vec![lang("en", "ltr"), lang("ar", "rtl")],
        year_labels: BTreeMap::new(),
    }
}

fn manifest(files: &[IndexFile]) -> serde_json::Value {
    serde_json::from_slice(&file(files, "index.json").bytes).expect("manifest")
}

fn file<'f>(files: &'f [IndexFile], path: &str) -> &'f IndexFile {
    files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} not among {:?}", paths(files)))
}

fn paths(files: &[IndexFile]) -> Vec<&str> {
    files.iter().map(|f| f.path.as_str()).collect()
}

/// The file of the index folder at `path`.
fn in_index<'f>(files: &'f [IndexFile], path: &str) -> &'f IndexFile {
    let id = manifest(files)["id"].as_str().expect("id").to_string();
    file(files, &format!("{id}/{path}"))
}

/// A form's entry in its shard (the longest key that prefixes it, as the client picks it),
/// decoded: (document, class) pairs, and the terms it names.
fn postings(files: &[IndexFile], form: &str) -> (Vec<(u64, u64)>, Vec<String>) {
    let m = manifest(files);
    let key = m["keys"]
        .as_str()
        .expect("keys")
        .split(' ')
        .filter(|k| form.starts_with(k))
        .max_by_key(|k| k.len())
        .expect("shard")
        .to_string();
    let shard: serde_json::Value =
        serde_json::from_slice(&in_index(files, &format!("t/{}.json", hex(&key))).bytes)
            .expect("json");
    let entry = &shard[form];
    let (enc, terms) = match entry {
        serde_json::Value::String(s) => (s.clone(), Vec::new()),
        serde_json::Value::Array(a) => (
            a[0].as_str().expect("postings").to_string(),
            a[1..]
                .iter()
                .map(|t| t.as_str().expect("term").to_string())
                .collect(),
        ),
        _ => panic!("{form}: no entry"),
    };
    (decode_postings(&enc), terms)
}

fn card(files: &[IndexFile], n: usize) -> serde_json::Value {
    let bytes = &in_index(files, &format!("d/{}.bin", n / files::DOC_GROUP)).bytes;
    let mut json = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut json)
        .expect("gzip");
    let group: serde_json::Value = serde_json::from_str(&json).expect("card json");
    group[n % files::DOC_GROUP].clone()
}

#[test]
fn big_shards_split_by_one_more_character() {
    let body: String = (0..2_000).map(|i| format!("ala{i} alb{i} ")).collect();
    let files = build_index(
        &site(
            vec![doc("x", &body, 0, None), doc("y", &body, 0, None)],
            vec![],
        ),
        "c.js",
    );
    let keys: Vec<String> = manifest(&files)["keys"]
        .as_str()
        .expect("keys")
        .split(' ')
        .map(String::from)
        .collect();
    assert!(
        keys.iter().any(|k| k.starts_with("ala") && k.len() > 3),
        "{keys:?}"
    );
    assert!(!keys.contains(&"al".to_string()), "{keys:?}");
    assert_eq!(
        postings(&files, "ala7").0,
        [(0, CLASS_BODY.into()), (1, CLASS_BODY.into())]
    );
}

#[test]
fn arabic_words_are_indexed_without_their_clitics() {
    let files = build_index(
        &site(
            vec![
                doc("عنوان", "اجتماع لمكافحة الإرهاب", 1, None),
                doc("الرباط", "", 1, None),
            ],
            vec![],
        ),
        "c.js",
    );
    assert_eq!(postings(&files, "ارهاب").0, [(0, CLASS_BODY.into())]);
    assert_eq!(postings(&files, "مكافحه").0, [(0, CLASS_BODY.into())]);
    assert_eq!(postings(&files, "رباط").0, [(1, CLASS_TITLE.into())]);
}

/// Languages and years are runs of document numbers: the filters need no data for them.
#[test]
fn documents_are_numbered_by_language_then_site_order_with_year_runs() {
    let files = build_index(
        &site(
            vec![
                doc("a", "", 1, Some(2024)),
                doc("b", "", 0, Some(2024)),
                doc("c", "", 1, Some(2023)),
                doc("d", "", 0, None),
            ],
            vec![],
        ),
        "c.js",
    );
    let m = manifest(&files);
    let langs = &m["languages"];
    assert_eq!(langs[0]["code"], "en");
    assert_eq!(
        (langs[0]["start"].clone(), langs[0]["end"].clone()),
        (0.into(), 2.into())
    );
    assert_eq!(langs[0]["years"], serde_json::json!([[2024, 0], [null, 1]]));
    assert_eq!(langs[1]["years"], serde_json::json!([[2024, 2], [2023, 3]]));
    assert_eq!(langs[1]["dir"], "rtl");
    assert_eq!(card(&files, 0)["t"], "b");
    assert_eq!(card(&files, 3)["t"], "c");
}

/// A form that is a word of a term's name says which terms: the client names the term when
/// it, not the text, matched.
#[test]
fn term_names_are_indexed_and_name_their_terms() {
    let names = [
        "Abdellatif Hammouchi".to_string(),
        "عبد اللطيف الحموشي".to_string(),
    ];
    let spellings = ["Abdellatif Hamouchi".to_string()];
    let terms = vec![SearchTerm {
        kind: 1,
        id: "abdellatif-hammouchi",
        names: &names,
        spellings: &spellings,
    }];
    let mut d = doc("Sahel", "sahel", 0, None);
    d.terms = vec![0];
    let files = build_index(&site(vec![doc("x", "y", 0, None), d], terms), "c.js");
    let handle = "1:abdellatif-hammouchi".to_string();
    assert_eq!(
        postings(&files, "hamouchi"),
        (vec![(1, CLASS_TERMS.into())], vec![handle.clone()])
    );
    assert_eq!(postings(&files, "حموشي").1, std::slice::from_ref(&handle));
    assert_eq!(postings(&files, "sahel").1, Vec::<String>::new());
    let path = format!("f/1/{}.json", hex("abdellatif-hammouchi"));
    let term: serde_json::Value =
        serde_json::from_slice(&in_index(&files, &path).bytes).expect("term");
    assert_eq!(term["i"], "abdellatif-hammouchi");
    assert_eq!(term["k"], 1);
    assert_eq!(decode_varints(term["p"].as_str().expect("p")), [1]);
    assert_eq!(card(&files, 1)["m"], serde_json::json!([handle]));
}

#[test]
fn typo_vocabulary_is_keyed_by_both_ends() {
    let files = build_index(&site(vec![doc("Agadir", "", 0, None)], vec![]), "c.js");
    let m = manifest(&files);
    assert_eq!(m["prefixes"], "ag");
    assert_eq!(m["suffixes"], "ir");
    let by_end: Vec<String> =
        serde_json::from_slice(&in_index(&files, &format!("v/s{}.json", hex("ir"))).bytes)
            .expect("vocabulary");
    assert_eq!(by_end, ["agadir"]);
}

#[test]
fn documents_escape_any_title_as_json() {
    let files = build_index(
        &site(vec![doc("</script><b>\"x\"", "body", 0, None)], vec![]),
        "c.js",
    );
    assert_eq!(card(&files, 0)["t"], "</script><b>\"x\"");
    assert_eq!(card(&files, 0)["b"], "body");
}

#[test]
fn the_index_folder_is_named_by_content_and_builds_repeat_bytes() {
    let a = build_index(
        &site(vec![doc("Sahel", "", 0, None)], vec![]),
        "search.1.js",
    );
    let again = build_index(
        &site(vec![doc("Sahel", "", 0, None)], vec![]),
        "search.1.js",
    );
    let b = build_index(
        &site(vec![doc("Rabat", "", 0, None)], vec![]),
        "search.1.js",
    );
    let (ma, mb) = (manifest(&a), manifest(&b));
    assert_eq!(ma["client"], "search.1.js");
    assert_eq!(ma["version"], FORMAT);
    assert_ne!(ma["id"], mb["id"]);
    let id = ma["id"].as_str().expect("id");
    assert!(
        a.iter()
            .all(|f| f.path == "index.json" || f.path.starts_with(&format!("{id}/")))
    );
    assert_eq!(paths(&a), paths(&again));
    assert!(a.iter().zip(&again).all(|(x, y)| x.bytes == y.bytes));
}
