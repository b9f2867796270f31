//! `marsad status`: what an editor should look at, as JSON for scripts and grouped text.

use crate::support::*;
use std::process::{Command, Output};

/// `marsad status` run at the site's root (so the text names files from there).
fn status(site: &TestSite, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_marsad"))
        .current_dir(site.root())
        .arg("status")
        .args(extra)
        .arg("--root")
        .arg(site.root())
        .output()
        .expect("run marsad status")
}

/// The `mixed` fixture plus a French draft (undated, a misspelled actor, no other version)
/// and an English briefing (undated, a misspelled place, a link to nowhere).
fn site_with_work_to_do() -> TestSite {
    let site = TestSite::bare("mixed");
    site.write(
        "content/fr/brouillon.md",
        "---\ntitle: Brouillon\ndraft: true\nactors: [Mounir Limouri]\n---\nEn cours.\n",
    );
    site.write(
        "content/en/links.md",
        "---\ntitle: Links\nplaces: [Rabatt]\n---\n[gone](/en/nowhere/)\n",
    );
    site
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("status --json prints JSON")
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|s| s.as_str().expect("a string").to_string())
        .collect()
}

#[test]
fn status_json_lists_translations_dates_names_terms_drafts_and_links() {
    let site = site_with_work_to_do();
    let report = json(&status(&site, &["--json"]));

    let counts: Vec<(String, u64)> = report["briefings"]
        .as_array()
        .expect("counts")
        .iter()
        .map(|c| {
            (
                c["lang"].as_str().expect("lang").into(),
                c["count"].as_u64().expect("n"),
            )
        })
        .collect();
    assert_eq!(
        counts,
        [("en".into(), 3), ("fr".into(), 2), ("ar".into(), 1)]
    );

    let missing: Vec<(String, Vec<String>)> = report["missing_translations"]
        .as_array()
        .expect("missing")
        .iter()
        .map(|m| {
            (
                m["lang"].as_str().expect("lang").into(),
                strings(&m["briefings"]),
            )
        })
        .collect();
    assert_eq!(
        missing,
        [
            ("en".into(), vec!["content/fr/brouillon.md".to_string()]),
            (
                "fr".into(),
                vec![
                    "content/en/links.md".into(),
                    "content/en/year-only.md".into()
                ]
            ),
            (
                "ar".into(),
                vec![
                    "content/en/links.md".into(),
                    "content/en/year-only.md".into(),
                    "content/fr/brouillon.md".into()
                ]
            ),
        ]
    );
    // ar/dialogue.md has no date in the fixture.
    assert_eq!(
        strings(&report["undated"]),
        [
            "content/ar/dialogue.md",
            "content/en/links.md",
            "content/fr/brouillon.md"
        ]
    );

    let unknown = report["unknown_names"].as_array().expect("unknown");
    let summary: Vec<(String, String, Vec<String>, Vec<String>)> = unknown
        .iter()
        .map(|u| {
            (
                u["kind"].as_str().expect("kind").into(),
                u["name"].as_str().expect("name").into(),
                strings(&u["files"]),
                u["suggestions"]
                    .as_array()
                    .expect("suggestions")
                    .iter()
                    .map(|s| s["id"].as_str().expect("id").to_string())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "topics".into(),
                "Unlisted Topic".into(),
                vec!["content/en/year-only.md".into()],
                vec![]
            ),
            (
                "actors".into(),
                "Mounir Limouri".into(),
                vec!["content/fr/brouillon.md".into()],
                vec!["mounir-lymouri".into()]
            ),
            (
                "places".into(),
                "Rabatt".into(),
                vec!["content/en/links.md".into()],
                vec!["rabat".into()]
            ),
            // The fixture has no sources registry: its one source is a name to add.
            (
                "sources".into(),
                "Wire <script>alert(1)</script>".into(),
                vec!["content/en/dialogue.md".into()],
                vec![]
            ),
        ]
    );

    // counter-terrorism, mounir-lymouri and rabat are on the three dialogue files; the
    // unregistered names are used once each; empty-topic by none.
    let single: Vec<(String, String, String)> = report["single_use_terms"]
        .as_array()
        .expect("single")
        .iter()
        .map(|t| {
            (
                t["kind"].as_str().expect("kind").into(),
                t["id"].as_str().expect("id").into(),
                t["file"].as_str().expect("file").into(),
            )
        })
        .collect();
    assert_eq!(
        single,
        [
            (
                "topics".into(),
                "unlisted-topic".into(),
                "content/en/year-only.md".into()
            ),
            (
                "actors".into(),
                "mounir-limouri".into(),
                "content/fr/brouillon.md".into()
            ),
            (
                "places".into(),
                "rabatt".into(),
                "content/en/links.md".into()
            ),
            (
                "sources".into(),
                "wire-script-alert-1-script".into(),
                "content/en/dialogue.md".into()
            ),
        ]
    );
    assert_eq!(strings(&report["drafts"]), ["content/fr/brouillon.md"]);

    let broken = report["broken_links"].as_array().expect("broken");
    assert_eq!(broken.len(), 1, "{broken:?}");
    assert_eq!(broken[0]["file"], "content/en/links.md");
    assert_eq!(broken[0]["url"], "/en/nowhere/");
    assert_eq!(strings(&report["build_errors"]), Vec::<String>::new());
}

#[test]
fn status_text_is_grouped_and_plain_when_piped() {
    let site = site_with_work_to_do();
    let out = status(&site, &[]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(!text.contains('\x1b'), "no colour when piped: {text:?}");
    assert!(
        text.starts_with("status: 6 briefings (en 3, fr 2, ar 1)\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "\nMissing translations (6)\n  en: content/fr/brouillon.md\n  fr: content/en/links.md\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("\nDrafts (1)\n  content/fr/brouillon.md\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "  actors `Mounir Limouri` in content/fr/brouillon.md; closest: mounir-lymouri ("
        ),
        "{text}"
    );
    assert!(
        text.contains("\nBroken internal links (1)\n  content/en/links.md: /en/nowhere/ ("),
        "{text}"
    );
    assert!(!text.contains("Nothing to look at"), "{text}");
}

#[test]
fn status_on_a_terminal_keeps_each_group_short() {
    let report = marsad::status::StatusReport {
        undated: (1..=7).map(|i| format!("content/en/{i}.md")).collect(),
        ..Default::default()
    };
    let short = marsad::status::format_text(&report, marsad::paint::Paint::PLAIN, true);
    let lines: Vec<&str> = short.lines().collect();
    assert_eq!(
        lines,
        [
            "status: 0 briefings ()",
            "",
            "Undated (7)",
            "  content/en/1.md",
            "  content/en/2.md",
            "  content/en/3.md",
            "  content/en/4.md",
            "  content/en/5.md",
            "  … and 2 more (marsad status --json lists all)",
        ]
    );
    let full = marsad::status::format_text(&report, marsad::paint::Paint::PLAIN, false);
    assert!(
        full.contains("  content/en/7.md\n") && !full.contains("more"),
        "{full}"
    );
}

#[test]
fn status_exits_zero_with_a_broken_briefing_and_one_without_a_loadable_site() {
    let site = TestSite::bare("mixed");
    site.write("content/en/bad.md", "---\ntitle: T\nwhen: 2020\n---\n");
    let report = json(&status(&site, &["--json"]));
    let errors = strings(&report["build_errors"]);
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("content/en/bad.md:3:1: error: unknown field `when`")),
        "{errors:?}"
    );

    site.write("content/_registry/actors.yaml", "- id: [not, an, id]\n");
    let out = status(&site, &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("content/_registry/actors.yaml:1:"), "{err}");
}

/// Issue 25: what `marsad new` leaves (no body, no topics, actors or places) is work to
/// do, not "Nothing to look at.".
#[test]
fn status_lists_briefings_without_a_body_or_without_terms() {
    let tmp = TestSite::empty();
    assert!(init(tmp.root()).status.success());
    let new = run_marsad(&["new", "--lang", "en", "Fresh from new"], tmp.root());
    assert!(new.status.success());
    tmp.write(
        "content/fr/avec-corps.md",
        "---\ntitle: Avec un corps\ndate: 2024-01-02\nplaces: [Rabat]\n---\nDu texte.\n",
    );
    let report = json(&status(&tmp, &["--json"]));
    assert_eq!(
        strings(&report["no_body"]),
        ["content/en/fresh-from-new.md"]
    );
    assert_eq!(
        strings(&report["no_terms"]),
        [
            "content/ar/مرحبا.md",
            "content/en/fresh-from-new.md",
            "content/en/translating-a-briefing.md",
            "content/en/welcome.md",
            "content/fr/bienvenue.md",
        ]
    );
    let out = status(&tmp, &[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("\nNo body yet (1)\n  ") && text.contains("content/en/fresh-from-new.md\n"),
        "{text}"
    );
    assert!(
        text.contains("\nNo topics, actors or places (5)\n"),
        "{text}"
    );
    assert!(!text.contains("Nothing to look at"), "{text}");
}

/// Status text names files from where the editor stands; `--json` from the site root.
#[test]
fn status_text_names_files_from_the_current_folder() {
    let tmp = TestSite::empty();
    assert!(init(tmp.root()).status.success());
    let out = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .arg("status")
        .current_dir(tmp.root().join("content/en"))
        .output()
        .expect("run marsad status");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("\nMissing translations (2)\n  fr: translating-a-briefing.md\n  ar: translating-a-briefing.md\n"),
        "{text}"
    );
    assert!(text.contains("\n  ../fr/bienvenue.md\n"), "{text}");
}

#[test]
fn a_clean_site_says_there_is_nothing_to_look_at() {
    let tmp = TestSite::empty();
    assert!(init(tmp.root()).status.success());
    // Every sample translated, dated, with a body, and a registered place used more than once
    // that the map can draw.
    tmp.remove("content/en/translating-a-briefing.md");
    tmp.write(
        "content/_registry/places.yaml",
        "- id: rabat\n  names: { en: Rabat, fr: Rabat, ar: الرباط }\n  coords: [34.02, -6.84]\n",
    );
    for file in [
        "content/en/welcome.md",
        "content/fr/bienvenue.md",
        "content/ar/مرحبا.md",
    ] {
        let text = std::fs::read_to_string(tmp.root().join(file)).expect("sample");
        tmp.write(file, &text.replace("places: []", "places: [rabat]"));
    }
    let out = status(&tmp, &[]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "status: 3 briefings (en 1, fr 1, ar 1)\n\nNothing to look at.\n"
    );
}
