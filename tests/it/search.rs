//! The search files a build writes: the client carries the folding tables generated from
//! `src/fold.rs` (issue 10), never a hand-kept copy.

use crate::support::*;

/// If the placeholder stayed, the client would fold nothing and every search would fail.
#[test]
fn the_served_search_client_carries_the_generated_fold_tables() {
    let site = TestSite::fixture("mixed");
    site.build_ok();
    let js = std::fs::read_to_string(site.public().join("search/search.js")).expect("search.js");
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
