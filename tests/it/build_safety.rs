//! Nothing is lost: failed builds keep the previous output, output folders are checked,
//! and builds are deterministic.

use crate::support::*;

#[test]
fn failed_build_leaves_previous_output_byte_for_byte() {
    let site = TestSite::fixture("mixed");
    site.build_ok();
    let before = site.snapshot();
    site.write("content/en/dialogue.md", "---\ntitle: [unclosed\n---\n");
    site.build_err();
    assert_eq!(site.snapshot(), before);
    // No staging folder is left behind either.
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .expect("read")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("marsad-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn two_builds_are_byte_identical() {
    let a = TestSite::portal();
    a.build_ok();
    let first = a.snapshot();
    std::fs::remove_dir_all(a.public()).expect("rm");
    a.build_ok();
    assert_eq!(a.snapshot(), first);
    assert!(first.len() > 100);
}

#[test]
fn output_folder_may_not_be_the_root_or_hold_sources() {
    let site = TestSite::fixture("mixed");
    for bad in [".", "content", "templates", "static", "content/en", ".."] {
        let out = site.root().join(bad);
        let err = match site.build_with(|o| o.output_dir = Some(out.clone())) {
            Ok(_) => panic!("{bad}: build accepted the output folder"),
            Err(d) => d.to_string(),
        };
        assert!(err.contains("output folder cannot"), "{bad}: {err}");
    }
    assert!(site.root().join("content/en/dialogue.md").is_file());
}

#[test]
fn a_folder_marsad_did_not_create_is_never_replaced() {
    let site = TestSite::fixture("mixed");
    site.write("mine/notes.txt", "precious");
    let err = match site.build_with(|o| o.output_dir = Some(site.root().join("mine"))) {
        Ok(_) => panic!("build replaced a foreign folder"),
        Err(d) => d.to_string(),
    };
    assert!(err.contains("was not created by marsad"), "{err}");
    assert_eq!(
        std::fs::read_to_string(site.root().join("mine/notes.txt")).expect("read"),
        "precious"
    );
    // An empty folder is fine, and is marked as ours afterwards.
    std::fs::create_dir(site.root().join("empty")).expect("mkdir");
    site.build_with(|o| o.output_dir = Some(site.root().join("empty")))
        .expect("build");
    assert!(
        site.root()
            .join("empty")
            .join(marsad::write::MARKER)
            .is_file()
    );
}

/// A crash between the swap's two renames left the previous output only under its
/// temporary name, and the next build deleted it: if that build failed, nothing was left.
#[test]
fn output_left_aside_by_a_crash_is_put_back_even_when_the_next_build_fails() {
    let site = TestSite::fixture("mixed");
    site.build_ok();
    let before = site.snapshot();
    // The state a crash after the first rename leaves.
    std::fs::rename(site.public(), site.root().join(".public.marsad-old")).expect("rename");
    site.write("content/en/dialogue.md", "---\ntitle: [unclosed\n---\n");
    site.build_err();
    assert_eq!(site.snapshot(), before);
    assert!(!site.root().join(".public.marsad-old").exists());
}

/// CommonMark turns U+0000 into U+FFFD; a NUL in a briefing reached the meta description
/// raw. No output file may carry one.
#[test]
fn a_nul_byte_in_a_briefing_reaches_no_output() {
    let site = TestSite::fixture("mixed");
    site.write(
        "content/en/nul.md",
        // A raw NUL in the file, and NULs made by YAML escapes (found by tests/it/fuzz.rs).
        "---\ntitle: \"Null\u{0}title\"\nsummary: \"sum\\u0000mary\"\ntopics: [\"Sahel\\0\"]\n---\nBody with a \u{0} NUL byte.\n",
    );
    site.build_ok();
    let mut checked = 0;
    // Every file the build made; static files copied as they are (the favicon's PNG has NUL
    // bytes of its own) come from no briefing.
    let copied = snapshot(&site.root().join("static"));
    for (path, bytes) in site.snapshot() {
        if copied.get(&path) == Some(&bytes) {
            continue;
        }
        assert!(
            !inflated(&path, &bytes).contains(&0),
            "{path} holds a NUL byte"
        );
        checked += 1;
    }
    assert!(checked > 10);
    let page = site.page("en/nul/index.html");
    assert_eq!(page.text("h1"), "Null\u{FFFD}title");
    let description = page.one("meta[name=description]").value().attr("content");
    assert_eq!(description, Some("sum\u{FFFD}mary"));
}
