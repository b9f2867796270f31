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
