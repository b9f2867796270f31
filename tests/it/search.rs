//! The search files a build writes: the client carries the folding tables generated from
//! `src/fold.rs` (issue 10), never a hand-kept copy.

use crate::support::*;

/// If the placeholder stayed, the client would fold nothing and every search would fail.
#[test]
fn the_served_search_client_carries_the_generated_fold_tables() {
    let site = TestSite::fixture("mixed");
    site.build_ok();
    // The client's file is named by its hash; the manifest names the one it was built for.
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(site.public().join("search/index.json")).expect("manifest"),
    )
    .expect("json");
    let client = manifest["client"].as_str().expect("client");
    assert!(
        client.starts_with("search.") && client.ends_with(".js"),
        "{client}"
    );
    let js = std::fs::read_to_string(site.public().join("search").join(client)).expect("client");
    assert!(
        !js.contains("/*FOLD_TABLE*/"),
        "placeholder left in the client"
    );
    let table = serde_json::to_string(&marsad::fold::client_table()).expect("table");
    assert!(
        js.contains(&format!("var T = {table};")),
        "table not injected"
    );
    // One custom mapping, spelled out: taa marbuta folds to haa.
    assert!(table.contains(r#""ة":"ه""#), "{table}");
}

/// Issue 24: the search page has one search box (the header's is left out there, where it did
/// not search as you typed), a live region for the count, and the count's plural forms in the
/// page's language for the client to choose from.
#[test]
fn the_search_page_has_one_box_a_live_count_and_the_count_in_every_plural_form() {
    let site = TestSite::fixture("mixed");
    site.build_ok();
    for lang in ["en", "fr", "ar"] {
        let page = site.page(&format!("{lang}/search/index.html"));
        assert_eq!(page.select(r#"input[type="search"]"#).len(), 1, "{lang}");
        assert_eq!(page.attrs("#search-count", "role"), ["status"], "{lang}");
        let home = site.page(&format!("{lang}/index.html"));
        assert_eq!(home.select(r#"input[type="search"]"#).len(), 1, "{lang}");
    }
    let ar = site.page("ar/search/index.html");
    let root = ar.one("#search");
    let attr = |name: &str| root.value().attr(name).unwrap_or_default().to_string();
    assert_eq!(attr("data-locale"), "ar-MA");
    assert_eq!(attr("data-count-2"), "موجزان");
    assert_eq!(attr("data-count-11"), "11 موجزًا");
    assert_eq!(attr("data-kind-actor"), "الفاعل");
}

/// The manifest says where each language's documents and years are: the filters' counts for
/// them come from document numbers alone.
#[test]
fn the_manifest_gives_each_language_its_run_of_documents() {
    let site = TestSite::fixture("mixed");
    site.build_ok();
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(site.public().join("search/index.json")).expect("manifest"),
    )
    .expect("json");
    let langs = manifest["languages"].as_array().expect("languages");
    let mut next = 0;
    for l in langs {
        let (start, end) = (
            l["start"].as_u64().expect("start"),
            l["end"].as_u64().expect("end"),
        );
        if start == end {
            continue;
        }
        assert_eq!(start, next, "{l}");
        next = end;
        let years = l["years"].as_array().expect("years");
        assert_eq!(years[0][1].as_u64(), Some(start), "{l}");
    }
    assert_eq!(Some(next), manifest["docs"].as_u64());
    assert_eq!(langs[2]["code"], "ar");
    assert_eq!(langs[2]["dir"], "rtl");
}
