//! `marsad init`: a new site builds at once with the built-in theme, and nothing that is
//! already there is ever overwritten.

use crate::support::*;
use std::path::Path;

fn build(root: &Path) -> marsad::BuildReport {
    let options = marsad::BuildOptions {
        root: root.to_path_buf(),
        ..Default::default()
    };
    marsad::build(&options).unwrap_or_else(|d| panic!("build failed:\n{d}"))
}

fn page(root: &Path, rel: &str) -> Page {
    let text = std::fs::read_to_string(root.join("public").join(rel)).expect("page");
    Page {
        html: scraper::Html::parse_document(&text),
    }
}

#[test]
fn init_makes_a_site_of_config_registry_and_three_linked_samples_that_builds_cleanly() {
    let tmp = TestSite::empty();
    let root = tmp.root().join("portal");
    let out = init(&root);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        files_under(&root),
        [
            "content/_registry/actors.yaml",
            "content/_registry/places.yaml",
            "content/_registry/topics.yaml",
            "content/ar/مرحبا.md",
            "content/en/translating-a-briefing.md",
            "content/en/welcome.md",
            "content/fr/bienvenue.md",
            "site.toml",
        ]
    );
    let topics = std::fs::read_to_string(root.join("content/_registry/topics.yaml")).expect("yaml");
    assert!(topics.contains("# - id: "), "a commented example: {topics}");

    let report = build(&root);
    assert!(report.warnings.is_empty(), "{}", report.warnings);
    let counts: Vec<(String, usize)> = report.pages_per_language.clone();
    assert_eq!(
        counts.iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>(),
        ["en", "fr", "ar"]
    );
    let en = page(&root, "en/welcome/index.html");
    en.one(r#"html[lang="en"][dir="ltr"]"#);
    assert_eq!(
        en.attrs(".translations a[hreflang]", "href"),
        ["/fr/bienvenue/", "/ar/%D9%85%D8%B1%D8%AD%D8%A8%D8%A7/"]
    );
    let ar = page(&root, "ar/مرحبا/index.html");
    ar.one(r#"html[lang="ar"][dir="rtl"]"#);
    assert_eq!(ar.text("h1"), "مرحبا بكم في بوابة الموجزات");
    // Its links all resolve: check, run as an editor would, finds nothing broken.
    let check = run_marsad(&["check"], &root);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn init_never_overwrites_and_accepts_a_folder_that_is_not_a_site_yet() {
    let tmp = TestSite::empty();
    tmp.write("README.md", "mine\n");
    assert!(init(tmp.root()).status.success());
    assert_eq!(
        std::fs::read_to_string(tmp.root().join("README.md")).expect("readme"),
        "mine\n"
    );

    for taken in ["site.toml", "content/en/x.md"] {
        let other = TestSite::empty();
        other.write(taken, "keep\n");
        let out = init(other.root());
        assert_eq!(out.status.code(), Some(1), "{taken}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("never overwrites"), "{err}");
        assert_eq!(files_under(other.root()), [taken], "nothing added");
        assert_eq!(
            std::fs::read_to_string(other.root().join(taken)).expect("kept"),
            "keep\n"
        );
    }
}

/// Issue 25: `-q` keeps the one line that says where the site went; without it, the next
/// step is a `cd` into it and `marsad serve`.
#[test]
fn init_says_where_the_site_went_even_when_quiet() {
    let tmp = TestSite::empty();
    let quiet = std::process::Command::new(env!("CARGO_BIN_EXE_marsad"))
        .current_dir(tmp.root())
        .args(["init", "-q", "my-portal"])
        .output()
        .expect("run marsad init");
    assert!(quiet.status.success());
    assert_eq!(
        String::from_utf8_lossy(&quiet.stdout),
        "created a site in my-portal\n"
    );
    let loud = std::process::Command::new(env!("CARGO_BIN_EXE_marsad"))
        .current_dir(tmp.root())
        .args(["init", "second portal"])
        .output()
        .expect("run marsad init");
    let text = String::from_utf8_lossy(&loud.stdout);
    assert!(
        text.starts_with("created a site in second portal:\n  site.toml\n"),
        "{text}"
    );
    assert!(
        text.ends_with("next: cd 'second portal' && marsad serve (or marsad build)\n"),
        "{text}"
    );
}

/// The README's walkthrough, on a fresh site: the untranslated sample it names exists, its
/// French version is named from its own title, and the two are linked.
#[test]
fn the_readme_walkthrough_translates_the_untranslated_sample() {
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README");
    let command = format!(
        "marsad new --lang fr --translation-of {} \"Traduire une note\"",
        marsad::init::UNTRANSLATED_SAMPLE
    );
    assert!(readme.contains(&command), "README lacks: {command}");
    let tmp = TestSite::empty();
    let root = tmp.root().join("my-portal");
    assert!(init(&root).status.success());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_marsad"))
        .current_dir(&root)
        .args([
            "new",
            "--lang",
            "fr",
            "--translation-of",
            marsad::init::UNTRANSLATED_SAMPLE,
            "Traduire une note",
        ])
        .output()
        .expect("run marsad new");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "content/fr/traduire-une-note.md\n"
    );
    build(&root);
    let en = page(&root, "en/translating-a-briefing/index.html");
    assert_eq!(
        en.attrs(".translations a[hreflang]", "href"),
        ["/fr/traduire-une-note/"]
    );
}
