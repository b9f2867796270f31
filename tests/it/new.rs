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
    // Printed from where the command ran (the test's folder, which shares nothing with the
    // temporary site but the root of the file system: so an absolute path).
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "{}\n",
            site.root()
                .join("content/fr/titre-du-briefing.md")
                .display()
        )
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
    assert!(
        String::from_utf8_lossy(&ar.stdout).ends_with("/content/ar/اجتماع-منصة-مراكش.md\n"),
        "{}",
        String::from_utf8_lossy(&ar.stdout)
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

/// Issue 25: a translation is named from its own title (not the original's file name) and
/// linked through `translation_key`, which a keyless original gets as one inserted line.
#[test]
fn a_translation_is_named_from_its_own_title_and_linked_by_translation_key() {
    let site = TestSite::bare("mixed");
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
    let new = site
        .root()
        .join("content/fr/une-note-datee-de-son-annee.md");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("{}\n", new.display())
    );
    let text = std::fs::read_to_string(&new).expect("new");
    // It records which version of the original it translates (issue 26): the original's
    // title and body as they are now.
    let original =
        std::fs::read_to_string(site.root().join("content/en/year-only.md")).expect("original");
    let title = original
        .lines()
        .find_map(|l| l.strip_prefix("title: "))
        .expect("title")
        .trim_matches('"');
    let version = marsad::translated::version_of(title, marsad::front_matter::body_of(&original));
    assert_eq!(
        text,
        format!(
            "---\ntitle: \"Une note datée de son année\"\ndate: 2021\nlang: fr\ntranslation_key: \"year-only\"\ntranslated_from: \"{version}\"\ntopics: [\"Unlisted Topic\"]\nactors: []\nplaces: []\n---\n\n"
        )
    );
    // The original: one line added at the end of its front matter, nothing else touched.
    assert_eq!(
        std::fs::read_to_string(site.root().join("content/en/year-only.md")).expect("original"),
        "---\ntitle: \"A briefing dated only by its year\"\ndate: 2021\ntopics: [Unlisted Topic]\ntranslation_key: \"year-only\"\n---\n\nBody.\n"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("added `translation_key: year-only` to "),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // By key: the Arabic version of a keyed briefing gets the key and a file named from
    // its Arabic title; the original is left as it was.
    let keyed = "---\ntitle: Keyed\ndate: 2022-03-04\ntranslation_key: k1\nactors: [Mounir Lymouri]\nplaces: [Rabat]\n---\nBody.\n";
    site.write("content/en/keyed.md", keyed);
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
    let text = std::fs::read_to_string(site.root().join("content/ar/موجز-بمفتاح.md")).expect("new");
    assert!(text.contains("date: 2022-03-04\n"), "{text}");
    assert!(text.contains("translation_key: \"k1\"\n"), "{text}");
    assert!(text.contains("actors: [\"Mounir Lymouri\"]\n"), "{text}");
    assert!(text.contains("places: [\"Rabat\"]\n"), "{text}");
    assert_eq!(
        std::fs::read_to_string(site.root().join("content/en/keyed.md")).expect("kept"),
        keyed
    );

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

/// A French translation of an Arabic briefing gets a French file name; the English version
/// linked to the Arabic one by their shared file name gets the key too, or the key on the
/// Arabic file alone would cut it off.
#[test]
fn a_key_added_to_an_original_is_added_to_the_versions_linked_to_it_by_path() {
    let site = TestSite::bare("mixed");
    let arabic =
        "---\ntitle: \"الأمن في الساحل\"\r\ndate: 2024-02-03\r\nplaces: [Rabat]\r\n---\r\nنص.\r\n";
    site.write("content/ar/sahel.md", arabic);
    site.write(
        "content/en/sahel.md",
        "---\ntitle: Security in the Sahel\n# a comment the editor left\n---\nText.\n",
    );
    // Another briefing already uses the key the file name would give.
    site.write(
        "content/en/other.md",
        "---\ntitle: Other\ntranslation_key: sahel\n---\nText.\n",
    );
    let out = run_marsad(
        &[
            "new",
            "--lang",
            "fr",
            "--translation-of",
            "content/ar/sahel.md",
            "La sécurité au Sahel",
        ],
        site.root(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let new = site.root().join("content/fr/la-securite-au-sahel.md");
    let text = std::fs::read_to_string(&new).expect("a French file name");
    assert!(text.contains("\ntranslation_key: \"sahel-2\"\n"), "{text}");
    assert!(text.contains("\nplaces: [\"Rabat\"]\n"), "{text}");
    assert_eq!(
        std::fs::read_to_string(site.root().join("content/ar/sahel.md")).expect("ar"),
        arabic.replace(
            "places: [Rabat]\r\n",
            "places: [Rabat]\r\ntranslation_key: \"sahel-2\"\r\n"
        )
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join("content/en/sahel.md")).expect("en"),
        "---\ntitle: Security in the Sahel\n# a comment the editor left\ntranslation_key: \"sahel-2\"\n---\nText.\n"
    );
    site.build_ok();
    let fr = site.page("fr/la-securite-au-sahel/index.html");
    assert_eq!(
        fr.attrs(".translations a[hreflang]", "hreflang"),
        ["en", "ar"]
    );
    assert!(
        site.page("en/other/index.html")
            .select(".translations a[hreflang]")
            .is_empty()
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
    // A `translation_key:` line with nothing in it is not filled in behind the editor's back.
    let empty = "---\ntitle: Empty key\ntranslation_key:\n---\n";
    site.write("content/en/empty-key.md", empty);
    let out = run_marsad(
        &[
            "new",
            "--lang",
            "fr",
            "--translation-of",
            "content/en/empty-key.md",
            "Clé vide",
        ],
        site.root(),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("content/en/empty-key.md: error: cannot add `translation_key: empty-key`: its front matter already has a `translation_key:` line"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join("content/en/empty-key.md")).expect("kept"),
        empty
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
    // Standing in content/, with the site one folder up: the path printed is from there.
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
    assert_eq!(String::from_utf8_lossy(&out.stdout), "ar/موجز-سنوي.md\n");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("to en/year-only.md"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(site.root().join("content/ar/موجز-سنوي.md").is_file());
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

/// Issue 25: `new --root q2` run from the parent prints `q2/content/...`, and without
/// `--root` the site is found above the current folder and the path printed from there.
#[test]
fn the_new_file_is_printed_from_where_the_editor_stands() {
    let tmp = TestSite::empty();
    assert!(init(&tmp.root().join("q2")).status.success());
    let from_parent = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .current_dir(tmp.root())
        .args(["new", "--root", "q2", "--lang", "en", "From the parent"])
        .output()
        .expect("run marsad");
    assert!(from_parent.status.success());
    assert_eq!(
        String::from_utf8_lossy(&from_parent.stdout),
        "q2/content/en/from-the-parent.md\n"
    );
    let from_inside = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .current_dir(tmp.root().join("q2/content/en"))
        .args(["new", "--lang", "fr", "Depuis le dossier anglais"])
        .output()
        .expect("run marsad");
    assert!(
        from_inside.status.success(),
        "{}",
        String::from_utf8_lossy(&from_inside.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&from_inside.stdout),
        "../fr/depuis-le-dossier-anglais.md\n"
    );
    assert!(
        tmp.root()
            .join("q2/content/fr/depuis-le-dossier-anglais.md")
            .is_file()
    );
}
