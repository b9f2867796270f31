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
