//! The stylesheet, the search client and the search index are referenced by content hash
//! (issue 13): a changed file gets a new URL, so browsers never keep a stale stylesheet, and
//! the manifest names exactly the client and the index files it was built with.

use crate::support::*;
use sha2::{Digest, Sha256};

/// The first 12 hex characters of the SHA-256 of `bytes`, computed here independently.
fn sha12(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>()[..12]
        .to_string()
}

#[test]
fn the_stylesheet_link_carries_the_hash_of_the_stylesheet() {
    let site = TestSite::fixture("mixed");
    site.write("static/style.css", "body { color: teal }\n");
    site.build_ok();
    let expected = format!("/style.css?h={}", sha12(b"body { color: teal }\n"));
    for page in [
        "en/index.html",
        "ar/dialogue/index.html",
        "fr/archive/index.html",
    ] {
        assert_eq!(
            site.page(page).attrs(r#"link[rel="stylesheet"]"#, "href"),
            [expected.as_str()],
            "{page}"
        );
    }
    // Another stylesheet, another URL; the file itself keeps its name.
    site.write("static/style.css", "body { color: navy }\n");
    site.build_ok();
    assert_eq!(
        site.page("en/index.html")
            .attrs(r#"link[rel="stylesheet"]"#, "href"),
        [format!("/style.css?h={}", sha12(b"body { color: navy }\n"))]
    );
    assert!(site.public().join("style.css").is_file());
}

#[test]
fn the_search_page_loads_the_client_the_manifest_was_built_for() {
    let site = TestSite::fixture("mixed");
    site.build_with(|o| o.base_url = Some("https://example.github.io/briefings/".into()))
        .expect("build");
    let page = site.page("ar/search/index.html");
    let src = page.attrs("script[src]", "src");
    assert_eq!(src.len(), 1);
    let name = src[0]
        .strip_prefix("/briefings/search/")
        .expect("the client lives in the search folder, under the base path");
    let client = std::fs::read(site.public().join("search").join(name)).expect("the client");
    assert_eq!(name, format!("search.{}.js", sha12(&client)));
    let manifest: serde_json::Value = serde_json::from_slice(
        &std::fs::read(site.public().join("search/index.json")).expect("manifest"),
    )
    .expect("json");
    assert_eq!(manifest["client"], name);
}

/// Issue 24: every index file lives in one folder named by the hash of the list of its
/// files' paths and hashes, which the manifest names: a manifest can never read a file of
/// another version, and nothing else sits beside the manifest but the client.
#[test]
fn every_index_file_is_in_the_folder_named_by_their_hashes() {
    let site = TestSite::fixture("reading");
    site.build_ok();
    let search = site.public().join("search");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(search.join("index.json")).expect("manifest"))
            .expect("json");
    let id = manifest["id"].as_str().expect("id");
    let client = manifest["client"].as_str().expect("client");
    let files = files_under(&search);
    let (inside, outside): (Vec<&String>, Vec<&String>) =
        files.iter().partition(|p| p.starts_with(&format!("{id}/")));
    let mut expected_outside = ["index.json".to_string(), client.to_string()];
    expected_outside.sort();
    assert_eq!(outside, expected_outside.iter().collect::<Vec<_>>());
    let mut lines: Vec<String> = inside
        .iter()
        .map(|p| {
            let bytes = std::fs::read(search.join(p)).expect("index file");
            format!("{} {}\n", &p[id.len() + 1..], sha12(&bytes))
        })
        .collect();
    lines.sort();
    assert_eq!(id, sha12(lines.concat().as_bytes()));
    // Eight briefings, two to a card file.
    assert_eq!(manifest["docs"], 8);
    assert_eq!(inside.iter().filter(|p| p.contains("/d/")).count(), 4);
}
