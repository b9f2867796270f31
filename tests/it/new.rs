//! `marsad new`: briefings land where an editor expects, dated, linked to what they
//! translate, and never overwrite anything.

use crate::support::*;
use std::process::Command;

/// Today in UTC as `date` prints it: an oracle independent of marsad's calendar code.
fn today() -> String {
    let out = Command::new("date")
        .args(["-u", "+%Y-%m-%d"])
        .output()
        .expect("date");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn new_writes_a_dated_briefing_under_a_slug_in_its_own_script_and_never_overwrites() {
    let site = TestSite::bare("mixed");
    let out = run_marsad(&["new", "--lang", "fr", "Titre du briefing"], site.root());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "content/fr/titre-du-briefing.md\n"
    );
    let text =
        std::fs::read_to_string(site.root().join("content/fr/titre-du-briefing.md")).expect("new");
    assert_eq!(
        text,
        format!(
            "---\ntitle: \"Titre du briefing\"\ndate: {}\nlang: fr\ntopics: []\nactors: []\nplaces: []\n---\n\n",
            today()
        )
    );

    let ar = run_marsad(&["new", "--lang", "ar", "اجتماع منصة مراكش"], site.root());
    assert!(
        ar.status.success(),
        "{}",
        String::from_utf8_lossy(&ar.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&ar.stdout),
        "content/ar/اجتماع-منصة-مراكش.md\n"
    );
    site.build_ok();
    assert_eq!(
        site.page("ar/اجتماع-منصة-مراكش/index.html").text("h1"),
        "اجتماع منصة مراكش"
    );

    site.write("content/fr/titre-du-briefing.md", "edited\n");
    let again = run_marsad(&["new", "--lang", "fr", "Titre du briefing"], site.root());
    assert_eq!(again.status.code(), Some(1));
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(
        err.contains("content/fr/titre-du-briefing.md: error: already exists"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join("content/fr/titre-du-briefing.md")).expect("kept"),
        "edited\n"
    );

    let dated = run_marsad(
        &["new", "--lang", "en", "--date", "2024-09", "Dated by hand"],
        site.root(),
    );
    assert!(dated.status.success());
    let text =
        std::fs::read_to_string(site.root().join("content/en/dated-by-hand.md")).expect("new");
    assert!(text.contains("\ndate: 2024-09\n"), "{text}");

    let bad = run_marsad(&["new", "--lang", "es", "Título"], site.root());
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not an interface language"));
}

#[test]
fn a_translation_takes_the_original_path_or_key_and_copies_its_date_and_terms() {
    let site = TestSite::bare("mixed");
    // By path: year-only has no key, so the French version takes its file name, and its
    // own title gives its URL.
    let out = run_marsad(
        &[
            "new",
            "--lang",
            "fr",
            "--translation-of",
            "content/en/year-only.md",
            "Une note datée de son année",
        ],
        site.root(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "content/fr/year-only.md\n"
    );
    let text = std::fs::read_to_string(site.root().join("content/fr/year-only.md")).expect("new");
    assert_eq!(
        text,
        "---\ntitle: \"Une note datée de son année\"\ndate: 2021\nlang: fr\nslug: \"une-note-datee-de-son-annee\"\ntopics: [\"Unlisted Topic\"]\nactors: []\nplaces: []\n---\n\n"
    );

    // By key: the Arabic version of a keyed briefing gets the key and a file named from
    // its Arabic title.
    site.write(
        "content/en/keyed.md",
        "---\ntitle: Keyed\ndate: 2022-03-04\ntranslation_key: k1\nactors: [Mounir Lymouri]\nplaces: [Rabat]\n---\nBody.\n",
    );
    let out = run_marsad(
        &[
            "new",
            "--lang",
            "ar",
            "--translation-of",
            "./content/en/keyed.md",
            "موجز بمفتاح",
        ],
        site.root(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "content/ar/موجز-بمفتاح.md\n"
    );
    let text = std::fs::read_to_string(site.root().join("content/ar/موجز-بمفتاح.md")).expect("new");
    assert!(text.contains("date: 2022-03-04\n"), "{text}");
    assert!(text.contains("translation_key: \"k1\"\n"), "{text}");
    assert!(text.contains("actors: [\"Mounir Lymouri\"]\n"), "{text}");
    assert!(text.contains("places: [\"Rabat\"]\n"), "{text}");

    site.build_ok();
    let en = site.page("en/year-only/index.html");
    assert_eq!(
        en.attrs(".translations a[hreflang]", "href"),
        ["/fr/une-note-datee-de-son-annee/"]
    );
    let keyed = site.page("en/keyed/index.html");
    assert_eq!(
        keyed.attrs(".translations a[hreflang]", "href"),
        ["/ar/%D9%85%D9%88%D8%AC%D8%B2-%D8%A8%D9%85%D9%81%D8%AA%D8%A7%D8%AD/"]
    );
}

#[test]
fn a_translation_is_refused_when_that_language_has_one_or_is_the_original_s() {
    let site = TestSite::bare("mixed");
    let taken = run_marsad(
        &[
            "new",
            "--lang",
            "fr",
            "--translation-of",
            "content/en/dialogue.md",
            "Autre",
        ],
        site.root(),
    );
    assert_eq!(taken.status.code(), Some(1));
    let err = String::from_utf8_lossy(&taken.stderr);
    assert!(
        err.contains(
            "content/fr/dialogue.md: error: is already the `fr` version of content/en/dialogue.md"
        ),
        "{err}"
    );
    let same = run_marsad(
        &[
            "new",
            "--lang",
            "en",
            "--translation-of",
            "content/en/dialogue.md",
            "Other",
        ],
        site.root(),
    );
    assert_eq!(same.status.code(), Some(1));
    let missing = run_marsad(
        &[
            "new",
            "--lang",
            "fr",
            "--translation-of",
            "content/en/nope.md",
            "Rien",
        ],
        site.root(),
    );
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&missing.stderr)
            .contains("content/en/nope.md: error: no such briefing")
    );
    // Nothing was written by the refused commands.
    assert_eq!(
        files_under(&site.root().join("content/fr")),
        ["dialogue.md"]
    );
}

#[test]
fn translation_of_may_be_given_from_where_the_editor_stands() {
    let site = TestSite::bare("mixed");
    // Standing in content/, with the site one folder up.
    let out = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .current_dir(site.root().join("content"))
        .args(["new", "--lang", "ar", "--root", "..", "--translation-of"])
        .arg("en/year-only.md")
        .arg("موجز سنوي")
        .output()
        .expect("run marsad");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "content/ar/year-only.md\n"
    );
    // And by an absolute path.
    let abs = site.root().join("content/en/dialogue.md");
    let taken = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(["new", "--lang", "fr", "--root"])
        .arg(site.root())
        .arg("--translation-of")
        .arg(&abs)
        .arg("Autre")
        .output()
        .expect("run marsad");
    // Found (so refused for the right reason: French already has a version).
    let err = String::from_utf8_lossy(&taken.stderr);
    assert!(
        err.contains("is already the `fr` version of content/en/dialogue.md"),
        "{err}"
    );
}
