//! Bad input: located, complete, never a panic.

use crate::support::*;

#[test]
fn unknown_field_is_reported_with_file_line_and_name() {
    let site = TestSite::fixture("mixed");
    site.write(
        "content/en/bad.md",
        "---\ntitle: T\ndate: 2023\nauthor: someone\n---\nx\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("content/en/bad.md:4:1: error: unknown field `author`"),
        "{err}"
    );
}

#[test]
fn yaml_syntax_error_points_at_the_line_of_the_file() {
    let site = TestSite::fixture("mixed");
    site.write(
        "content/en/bad.md",
        "---\ntitle: T\ntopics: [a, b\nplaces: []\n---\nx\n",
    );
    let err = site.build_err();
    let line = err
        .lines()
        .find(|l| l.starts_with("content/en/bad.md:"))
        .unwrap_or_else(|| panic!("{err}"));
    let n: usize = line
        .split(':')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("line number");
    assert!((3..=5).contains(&n), "{line}");
}

#[test]
fn several_broken_files_are_reported_in_one_run() {
    let site = TestSite::fixture("mixed");
    site.write("content/en/a.md", "---\ntitle: A\ndate: 2023-02-30\n---\n");
    site.write("content/en/b.md", "no front matter\n");
    site.write(
        "templates/i18n/fr.ftl",
        &std::fs::read_to_string(site.root().join("templates/i18n/fr.ftl"))
            .expect("read")
            .replace("nav-home = Accueil\n", ""),
    );
    let err = site.build_err();
    assert!(err.contains("content/en/a.md:3:"), "{err}");
    assert!(err.contains("content/en/b.md:1:1"), "{err}");
    assert!(
        err.contains("message `nav-home` is missing for language `fr`"),
        "{err}"
    );
}

#[test]
fn template_error_names_the_template_line_and_column() {
    let site = TestSite::fixture("mixed");
    site.write(
        "templates/terms.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ nope }}\n{% endblock main %}\n",
    );
    let err = site.build_err();
    assert!(err.contains("templates/terms.html:3:"), "{err}");
}

#[test]
fn slug_collision_names_both_files() {
    let site = TestSite::fixture("mixed");
    site.write(
        "content/en/other.md",
        "---\ntitle: O\nslug: dialogue\n---\nx\n",
    );
    let err = site.build_err();
    assert!(err.contains("content/en/other.md:3:1"), "{err}");
    assert!(
        err.contains("already used by content/en/dialogue.md"),
        "{err}"
    );
}

#[test]
fn unsafe_or_reserved_slugs_are_refused() {
    for slug in ["../../etc", "page", "a/b"] {
        let site = TestSite::fixture("mixed");
        site.write(
            "content/en/x.md",
            &format!("---\ntitle: X\nslug: \"{slug}\"\n---\n"),
        );
        let err = site.build_err();
        assert!(err.contains("content/en/x.md:3:1"), "{slug}: {err}");
        assert!(!site.root().join("etc").exists());
    }
}

#[test]
fn language_must_be_known() {
    let site = TestSite::fixture("mixed");
    site.write("content/de.md", "---\ntitle: X\nlang: de\n---\n");
    let err = site.build_err();
    assert!(err.contains("content/de.md:3:1"), "{err}");
    assert!(err.contains("expected one of: en, fr, ar"), "{err}");
    let site = TestSite::fixture("mixed");
    site.write("content/loose.md", "---\ntitle: X\n---\n");
    assert!(
        site.build_err()
            .contains("cannot tell this briefing's language")
    );
}

#[test]
fn arabic_plural_gap_in_fluent_is_a_build_error() {
    let site = TestSite::fixture("mixed");
    let ar = std::fs::read_to_string(site.root().join("templates/i18n/ar.ftl")).expect("read");
    site.write(
        "templates/i18n/ar.ftl",
        &ar.replace("    [two] موجزان\n", ""),
    );
    let err = site.build_err();
    assert!(err.contains("templates/i18n/ar.ftl:"), "{err}");
    assert!(err.contains("lacks the categories two"), "{err}");
}

#[test]
fn unknown_site_toml_key_is_named() {
    let site = TestSite::fixture("mixed");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).expect("read");
    site.write(
        "site.toml",
        &toml.replace("paginate = 2", "paginate = 2\ntheme = \"dark\""),
    );
    let err = site.build_err();
    assert!(err.contains("site.toml:4:1"), "{err}");
    assert!(err.contains("theme"), "{err}");
}
