//! For the analyst and the desk (issue 26): who appears with whom (term pages and the
//! relations page), the map of places, scheduled publishing, and translations that know
//! their original changed. Every expected value below is worked out from the briefings the
//! test writes, before the build ran.

use crate::support::*;
use std::process::Command;

/// Three briefings naming three actors: Alpha with Beta in January and February, Alpha with
/// Gamma in February and March, Beta with Gamma in February.
fn three_actors(site: &TestSite) {
    for (file, date, actors, places) in [
        ("a", "2024-01-10", "[Alpha Actor, Beta Actor]", "[Rabat]"),
        (
            "b",
            "2024-02-10",
            "[Alpha Actor, Beta Actor, Gamma Actor]",
            "[Rabat, Dakar]",
        ),
        ("c", "2024-03-10", "[Alpha Actor, Gamma Actor]", "[Dakar]"),
    ] {
        site.write(
            &format!("content/en/{file}.md"),
            &format!(
                "---\ntitle: Briefing {file}\ndate: {date}\nactors: {actors}\nplaces: {places}\n---\nText {file}.\n"
            ),
        );
    }
}

#[test]
fn an_actor_page_lists_who_appears_with_it_most_often_ties_to_the_most_recent() {
    let site = TestSite::fixture("mixed");
    three_actors(&site);
    site.build_ok();
    let alpha = site.page("en/actors/alpha-actor/index.html");
    // Beta and Gamma each share two briefings with Alpha; Gamma's last one (March) is newer
    // than Beta's (February), so Gamma comes first.
    let actors = &alpha.select(".appears-with .term-list")[0];
    let names: Vec<String> = actors
        .select(&scraper::Selector::parse("li > a").expect("selector"))
        .map(|a| a.text().collect::<String>())
        .collect();
    assert_eq!(names, ["Gamma Actor", "Beta Actor"]);
    // Each with its count: in words for screen readers, in figures for the eye.
    assert_eq!(
        alpha.texts(".appears-with .term-list:first-of-type .visually-hidden"),
        ["2 briefings together", "2 briefings together"]
    );
    assert_eq!(
        alpha.texts(".appears-with .term-list:first-of-type .shared [aria-hidden]"),
        ["2", "2"]
    );
    assert_eq!(alpha.texts(".appears-with h3"), ["Actors", "Places"]);
    // Places appear with places too: Rabat with Dakar once.
    let rabat = site.page("en/places/rabat/index.html");
    assert_eq!(rabat.texts(".appears-with h3")[0], "Places");
    assert_eq!(
        rabat.texts(".appears-with .term-list:first-of-type li > a"),
        ["Dakar"]
    );
    assert_eq!(
        rabat.texts(".appears-with .term-list:first-of-type .visually-hidden"),
        ["1 briefing together"]
    );
    // The actor page links to the relations page.
    assert_eq!(
        alpha.attrs(".relations-link a", "href"),
        ["/en/actors/relations/"]
    );
}

#[test]
fn the_relations_page_draws_a_matrix_and_lists_the_strongest_pairs() {
    let site = TestSite::fixture("mixed");
    three_actors(&site);
    site.build_ok();
    let page = site.page("en/actors/relations/index.html");
    page.one(r#"html[lang="en"][dir="ltr"]"#);
    let rows: Vec<Vec<String>> = page
        .select(".relations-pairs tbody tr")
        .iter()
        .map(|tr| {
            tr.select(&scraper::Selector::parse("td").expect("selector"))
                .map(|td| td.text().collect::<String>())
                .collect()
        })
        .collect();
    assert_eq!(
        rows,
        [
            ["Alpha Actor", "Gamma Actor", "2"],
            ["Alpha Actor", "Beta Actor", "2"],
            ["Beta Actor", "Gamma Actor", "1"],
        ]
    );
    // The matrix: a picture for sighted readers (the table is the content), one row per
    // actor with briefings, most present first, ties by id: Alpha (3) and Mounir Lymouri
    // (the fixture's English, French and Arabic dialogue: 3), then Beta (2) and Gamma (2).
    let svg = page.one(".relations-matrix svg");
    assert_eq!(svg.value().attr("aria-hidden"), Some("true"));
    assert_eq!(
        page.texts(".relations-matrix .matrix-name"),
        ["Alpha Actor", "Mounir Lymouri", "Beta Actor", "Gamma Actor"]
    );
    // Alpha's row: itself, Mounir none, Beta 2, Gamma 2.
    let counts = page.texts(".relations-matrix g:first-of-type .matrix-count");
    assert_eq!(counts, ["2", "2"]);
    // In Arabic the matrix is mirrored: the first column is the rightmost.
    let ar = site.page("ar/actors/relations/index.html");
    ar.one(r#"html[lang="ar"][dir="rtl"]"#);
    let xs: Vec<u32> = ar
        .attrs(".relations-matrix g:first-of-type rect", "x")
        .iter()
        .map(|x| x.parse().expect("x"))
        .collect();
    assert!(xs.windows(2).all(|w| w[0] > w[1]), "{xs:?}");
    let en_xs: Vec<u32> = page
        .attrs(".relations-matrix g:first-of-type rect", "x")
        .iter()
        .map(|x| x.parse().expect("x"))
        .collect();
    assert!(en_xs.windows(2).all(|w| w[0] < w[1]), "{en_xs:?}");
    // It is in the sitemap, in every language.
    let sitemap = std::fs::read_to_string(site.public().join("sitemap.xml")).expect("sitemap");
    for lang in ["en", "fr", "ar"] {
        assert!(
            sitemap.contains(&format!("https://example.org/{lang}/actors/relations/")),
            "{lang}"
        );
    }
}

#[test]
fn an_actor_named_relations_is_refused_as_it_would_take_the_relations_page() {
    let site = TestSite::fixture("mixed");
    site.write(
        "content/en/x.md",
        "---\ntitle: X\nactors: [Relations]\n---\nText.\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("content/en/x.md") && err.contains("actors/relations/"),
        "{err}"
    );
}

#[test]
fn place_pages_draw_the_places_with_coordinates_and_list_the_rest() {
    let site = TestSite::fixture("mixed");
    three_actors(&site);
    site.write(
        "content/_registry/places.yaml",
        "- id: rabat\n  names: { en: Rabat, fr: Rabat, ar: الرباط }\n  coords: [34.02, -6.84]\n- id: dakar\n  names: { en: Dakar, fr: Dakar, ar: داكار }\n  coords: [14.69, -17.45]\n- id: sahel\n  names: { en: Sahel, fr: Sahel, ar: الساحل }\n  coords: [15.0, 3.0]\n  region: true\n",
    );
    site.write(
        "content/en/d.md",
        "---\ntitle: D\nplaces: [Sahel, Agadir]\n---\nText.\n",
    );
    site.build_ok();
    // The base map: one SVG for the whole site, coastlines inside its viewBox.
    let base = std::fs::read_to_string(site.public().join("map.svg")).expect("map.svg");
    let doc = roxmltree::Document::parse(&base).expect("the base map is XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    assert!(doc.descendants().filter(|n| n.has_tag_name("path")).count() >= 1);
    let rabat = site.page("en/places/rabat/index.html");
    let map = rabat.one("figure.place-map");
    assert_eq!(
        rabat.attrs("figure.place-map image", "href"),
        ["/map.svg"],
        "{}",
        map.html()
    );
    // Rabat (5 briefings: the fixture's English, French and Arabic dialogue, a and b) and
    // Dakar (b, c) are drawn; Rabat is this page's place; Dakar lies west and south of it.
    let circles = rabat.select(".map-marker");
    assert_eq!(circles.len(), 2);
    let at = |class: &str| -> (f64, f64) {
        let c = rabat.one(class);
        let num = |a: &str| c.value().attr(a).expect(a).parse::<f64>().expect("number");
        (num("cx"), num("cy"))
    };
    let here = at(".map-marker.current");
    let other = at(".map-marker:not(.current)");
    assert!(other.0 < here.0 && other.1 > here.1, "{here:?} {other:?}");
    assert_eq!(rabat.texts(".map-label.current"), ["Rabat"]);
    // The Sahel is a region: a label, no point.
    assert_eq!(rabat.texts(".map-region"), ["Sahel"]);
    // The list names the places drawn, biggest first, with their counts (the Sahel marked as
    // a region), and says how many places are not drawn (Agadir: no coordinates), linking
    // the places index, which lists them all.
    assert_eq!(
        rabat.texts(".map-places li"),
        ["Rabat 5", "Dakar 2", "Sahel 1 (region)"]
    );
    assert_eq!(
        rabat.text(".map-places p.not-drawn"),
        "1 more place is not on the map. All places"
    );
    assert_eq!(rabat.attrs(".map-places p a", "href"), ["/en/places/"]);
    // Agadir's own page says why it is not drawn.
    let agadir = site.page("en/places/agadir/index.html");
    assert_eq!(
        agadir.text(".place-map > p.not-drawn"),
        "This place is not on the map: the registry gives no coordinates for it."
    );
    assert!(agadir.select(".map-marker.current").is_empty());
    // The places index shows the same map, no place marked.
    let index = site.page("en/places/index.html");
    assert_eq!(index.select(".map-marker").len(), 2);
    assert!(index.select(".map-marker.current").is_empty());
    // Geography is not mirrored in Arabic: the same positions.
    let ar = site.page("ar/places/rabat/index.html");
    assert_eq!(
        ar.attrs(".map-marker.current", "cx"),
        rabat.attrs(".map-marker.current", "cx")
    );
    // `status` names the registered place the map cannot draw (none here: Agadir is not
    // registered; the three registered places all have coordinates).
    let out = run_marsad(&["status", "--json"], site.root());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["places_without_coords"], serde_json::json!([]));
}

#[test]
fn a_place_without_coordinates_is_reported_and_coordinates_off_the_earth_are_refused() {
    let site = TestSite::fixture("mixed");
    // The fixture's Rabat has no coordinates and two briefings.
    let out = run_marsad(&["status", "--json"], site.root());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        report["places_without_coords"],
        serde_json::json!(["rabat"])
    );
    site.write(
        "content/_registry/places.yaml",
        "- id: rabat\n  names: { en: Rabat, fr: Rabat, ar: الرباط }\n  coords: [-6.84, 234.02]\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("content/_registry/places.yaml:1") && err.contains("[latitude, longitude]"),
        "{err}"
    );
}

/// `marsad <args>` in `root` with `MARSAD_TODAY` set.
fn on_day(day: &str, args: &[&str], root: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env("NO_COLOR", "1")
        .env("MARSAD_TODAY", day)
        .output()
        .expect("run marsad")
}

#[test]
fn a_scheduled_briefing_stays_out_of_every_output_until_its_day() {
    let site = TestSite::fixture("mixed");
    site.write(
        "content/en/later.md",
        "---\ntitle: Goes out later\ndate: 2030-03-01\npublish_date: 2030-03-02\ntopics: [counter-terrorism]\n---\nScheduledword text.\n",
    );
    site.write(
        "content/en/gone.md",
        "---\ntitle: Came down\ndate: 2029-01-01\nexpiry_date: 2030-03-02\n---\nExpiredword text.\n",
    );
    let everything = |root: &std::path::Path| -> String {
        files_under(&root.join("public"))
            .iter()
            .filter(|f| !f.ends_with(".bin"))
            .map(|f| std::fs::read_to_string(root.join("public").join(f)).unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n")
    };
    // The day before: the scheduled one is nowhere (page, home, topic, feeds, sitemap,
    // search index); the expiring one is still up.
    let out = on_day("2030-03-01", &["build"], site.root());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!site.public().join("en/later/index.html").exists());
    let all = everything(site.root());
    assert!(!all.contains("Goes out later") && !all.contains("en/later/"));
    assert!(!all.to_lowercase().contains("scheduledword"));
    assert!(site.public().join("en/gone/index.html").exists());
    // On its day it is out everywhere, and the expired one is gone.
    let out = on_day("2030-03-02", &["build"], site.root());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = site.page("en/later/index.html");
    assert!(page.select(".notice.scheduled").is_empty());
    let feed = std::fs::read_to_string(site.public().join("en/atom.xml")).expect("feed");
    assert!(feed.contains("Goes out later"));
    let sitemap = std::fs::read_to_string(site.public().join("sitemap.xml")).expect("sitemap");
    assert!(sitemap.contains("/en/later/") && !sitemap.contains("/en/gone/"));
    assert!(!site.public().join("en/gone/index.html").exists());
    // --future builds it the day before, marked as scheduled; --expired keeps the other.
    let out = on_day(
        "2030-03-01",
        &["build", "--future", "--expired"],
        site.root(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = site.page("en/later/index.html");
    assert_eq!(
        page.text(".notice.scheduled"),
        "Scheduled Scheduled: this briefing goes out on 2 March 2030. Until then a build leaves it out."
    );
    assert!(site.public().join("en/gone/index.html").exists());
    // status lists what goes out and what comes down in the next seven days.
    let out = on_day("2030-02-25", &["status", "--json"], site.root());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        report["scheduled"],
        serde_json::json!([{"date": "2030-03-02", "file": "content/en/later.md"}])
    );
    assert_eq!(
        report["expiring"],
        serde_json::json!([{"date": "2030-03-02", "file": "content/en/gone.md"}])
    );
    let out = on_day("2030-02-20", &["status", "--json"], site.root());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["scheduled"], serde_json::json!([]));
}

#[test]
fn a_time_zone_or_a_day_that_does_not_exist_is_a_clear_error() {
    let site = TestSite::fixture("mixed");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).expect("toml");
    site.write(
        "site.toml",
        &toml.replacen(
            "paginate = 2",
            "paginate = 2\ntimezone = \"Africa/Rabatt\"",
            1,
        ),
    );
    let out = run_marsad(&["build"], site.root());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("site.toml:4") && err.contains("Africa/Casablanca"),
        "{err}"
    );
    site.write(
        "site.toml",
        &toml.replacen(
            "paginate = 2",
            "paginate = 2\ntimezone = \"Africa/Casablanca\"",
            1,
        ),
    );
    let out = on_day("2030-02-30", &["build"], site.root());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("MARSAD_TODAY") && err.contains("2030-02-30"),
        "{err}"
    );
    let out = run_marsad(&["build"], site.root());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A briefing goes out on a day, not in a month.
    site.write(
        "content/en/month.md",
        "---\ntitle: M\npublish_date: 2030-09\n---\nText.\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("content/en/month.md:3:1") && err.contains("whole day, YYYY-MM-DD"),
        "{err}"
    );
}

fn git(root: &std::path::Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.email=desk@example.org", "-c", "user.name=Desk"])
        .args(args)
        .current_dir(root)
        .output()
        .expect("git (the test suite needs git)");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_translation_knows_when_its_original_changed_and_catches_up() {
    let site = TestSite::fixture("mixed");
    site.write(
        "content/en/talks.md",
        "---\ntitle: Talks in Rabat\ndate: 2024-05-02\n---\nFirst paragraph.\n\nSecond paragraph.\n",
    );
    let out = run_marsad(
        &[
            "new",
            "--lang",
            "fr",
            "--translation-of",
            "content/en/talks.md",
            "Pourparlers à Rabat",
        ],
        site.root(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fr = "content/fr/pourparlers-a-rabat.md";
    git(site.root(), &["init", "-q"]);
    git(site.root(), &["add", "-A"]);
    git(site.root(), &["commit", "-q", "-m", "translated"]);
    site.build_ok();
    assert!(
        site.page("fr/pourparlers-a-rabat/index.html")
            .select(".notice.outdated")
            .is_empty()
    );
    // The original moves on: one paragraph edited, one added (its front matter, which
    // `new` gave a translation_key, as it is).
    let original = std::fs::read_to_string(site.root().join("content/en/talks.md")).expect("en");
    site.write(
        "content/en/talks.md",
        &original.replace(
            "First paragraph.\n\nSecond paragraph.\n",
            "First paragraph, now longer.\n\nSecond paragraph.\n\nThird paragraph.\n",
        ),
    );
    site.build_ok();
    let page = site.page("fr/pourparlers-a-rabat/index.html");
    assert_eq!(
        page.text(".notice.outdated"),
        "L’original de cette traduction a été modifié depuis qu’elle a été faite. Lire l’original (English)"
    );
    assert_eq!(page.attrs(".notice.outdated a", "href"), ["/en/talks/"]);
    // The original itself says nothing.
    assert!(
        site.page("en/talks/index.html")
            .select(".notice.outdated")
            .is_empty()
    );
    let out = run_marsad(&["status", "--json"], site.root());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        report["outdated_translations"],
        serde_json::json!([{
            "file": fr,
            "original": "content/en/talks.md",
            "changes": {
                "paragraphs_added": 1,
                "paragraphs_changed": 1,
                "paragraphs_removed": 0,
                "words_added": 5,
                "words_removed": 1,
                "title_changed": false
            }
        }])
    );
    let text = run_marsad(&["status"], site.root());
    assert!(
        String::from_utf8_lossy(&text.stdout)
            .contains("1 paragraph changed, 1 paragraph added (+5 / -1 words)"),
        "{}",
        String::from_utf8_lossy(&text.stdout)
    );
    // site.toml can hide the note.
    let toml = std::fs::read_to_string(site.root().join("site.toml")).expect("toml");
    site.write(
        "site.toml",
        &toml.replacen(
            "paginate = 2",
            "paginate = 2\noutdated_translation_notice = false",
            1,
        ),
    );
    site.build_ok();
    assert!(
        site.page("fr/pourparlers-a-rabat/index.html")
            .select(".notice.outdated")
            .is_empty()
    );
    site.write("site.toml", &toml);
    // The translator catches up: one line of the translation changes, and all is quiet.
    let before = std::fs::read_to_string(site.root().join(fr)).expect("fr");
    let out = run_marsad(&["translated", fr], site.root());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = std::fs::read_to_string(site.root().join(fr)).expect("fr");
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed.len(), 1, "{before}\n{after}");
    assert!(changed[0].1.starts_with("translated_from: \""));
    assert_eq!(before.lines().count(), after.lines().count());
    site.build_ok();
    assert!(
        site.page("fr/pourparlers-a-rabat/index.html")
            .select(".notice.outdated")
            .is_empty()
    );
    let out = run_marsad(&["status", "--json"], site.root());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["outdated_translations"], serde_json::json!([]));
    // An original has nothing to catch up with.
    let out = run_marsad(&["translated", "content/en/talks.md"], site.root());
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("every other version of it is a translation")
            || String::from_utf8_lossy(&out.stderr).contains("translates nothing"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
