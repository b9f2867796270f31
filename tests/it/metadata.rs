//! What a reader or a crawler notices in a page's head and notes (issue 25): the feed link's
//! name, descriptions of a sensible length, Open Graph locales that exist, a 404 page kept
//! out of indexes, `x-default` at the language chooser, JSON-LD's dates and logo, timelines
//! that say what they leave out, and a newsroom's updates and corrections.

use crate::support::*;

/// The mixed fixture (site.toml: example.org, paginate 2) plus a briefing updated and
/// corrected, with a summary longer than a description.
fn site() -> TestSite {
    let site = TestSite::fixture("mixed");
    site.write(
        "content/en/corrected.md",
        "---\ntitle: Corrected briefing\ndate: 2024-05-02\nupdated: 2024-05-09\nsummary: \"Morocco and Spain agreed on Tuesday to step up their cooperation against terrorism, organised crime and irregular migration, the two ministers said in a joint statement issued in Rabat after the talks.\"\ntopics: [counter-terrorism]\ncorrections:\n  - date: 2024-05-06\n    note: \"An earlier version named the wrong ministry.\"\n  - date: 2024-05-03\n    note: \"The meeting was on Tuesday, not Monday.\"\n---\nBody.\n",
    );
    site
}

fn json_ld(page: &Page) -> serde_json::Value {
    let script = page.one(r#"script[type="application/ld+json"]"#);
    serde_json::from_str(&script.text().collect::<String>()).expect("JSON-LD parses")
}

#[test]
fn a_page_names_its_feed_and_describes_itself_in_at_most_160_characters() {
    let site = site();
    site.build_ok();
    let term = site.page("en/topics/counter-terrorism/index.html");
    let feed = term.one(r#"link[type="application/atom+xml"]"#);
    assert_eq!(
        feed.value().attr("title"),
        Some("Counter-terrorism | Fixture")
    );
    let home = site.page("en/index.html");
    let feed = home.one(r#"link[type="application/atom+xml"]"#);
    assert_eq!(feed.value().attr("title"), Some("Fixture"));

    let page = site.page("en/corrected/index.html");
    let description = page.attrs(r#"meta[name="description"]"#, "content");
    let d = &description[0];
    assert!(d.chars().count() <= 160, "{d}");
    assert!(d.ends_with('…'), "{d}");
    // Cut at a word: what is left is a start of the summary ending before a space.
    let kept = d.trim_end_matches('…');
    assert!(
        "Morocco and Spain agreed on Tuesday to step up their cooperation against terrorism, organised crime and irregular migration, the two ministers said in a joint statement"
            .starts_with(kept),
        "{d}"
    );
    assert_eq!(
        page.attrs(r#"meta[property="og:description"]"#, "content"),
        description
    );
}

#[test]
fn open_graph_names_only_the_languages_a_page_exists_in() {
    let site = site();
    site.build_ok();
    // The English dialogue has a French and an Arabic version.
    let dialogue = site.page("en/dialogue/index.html");
    assert_eq!(
        dialogue.attrs(r#"meta[property="og:locale:alternate"]"#, "content"),
        ["fr_MA", "ar_MA"]
    );
    // The corrected briefing has none.
    let alone = site.page("en/corrected/index.html");
    assert!(
        alone
            .select(r#"meta[property="og:locale:alternate"]"#)
            .is_empty()
    );
    // A list page exists in every language.
    assert_eq!(
        site.page("ar/index.html")
            .attrs(r#"meta[property="og:locale:alternate"]"#, "content"),
        ["en_GB", "fr_MA"]
    );
}

#[test]
fn the_404_page_is_kept_out_of_indexes() {
    let site = site();
    site.build_ok();
    let page = site.page("404.html");
    assert_eq!(page.attrs(r#"meta[name="robots"]"#, "content"), ["noindex"]);
    assert!(page.select(r#"link[rel="canonical"]"#).is_empty());
    assert!(page.select(r#"meta[property="og:url"]"#).is_empty());
    // Every other page has its canonical link and no noindex.
    let home = site.page("en/index.html");
    assert_eq!(
        home.attrs(r#"link[rel="canonical"]"#, "href"),
        ["https://example.org/en/"]
    );
    assert!(home.select(r#"meta[name="robots"]"#).is_empty());
}

#[test]
fn x_default_sends_the_home_to_the_language_chooser() {
    let site = site();
    site.build_ok();
    let x_default =
        |page: &Page| page.attrs(r#"link[rel="alternate"][hreflang="x-default"]"#, "href");
    for home in ["en/index.html", "fr/index.html", "index.html"] {
        assert_eq!(
            x_default(&site.page(home)),
            ["https://example.org/"],
            "{home}"
        );
    }
    // A briefing's x-default is its version in the default language.
    assert_eq!(
        x_default(&site.page("ar/dialogue/index.html")),
        ["https://example.org/en/dialogue/"]
    );
    let sitemap = std::fs::read_to_string(site.public().join("sitemap.xml")).expect("sitemap");
    assert!(sitemap.contains(
        r#"<xhtml:link rel="alternate" hreflang="x-default" href="https://example.org/"/>"#
    ));
}

#[test]
fn updates_and_corrections_reach_the_page_json_ld_the_feed_and_the_sitemap() {
    let site = site();
    site.build_ok();
    let page = site.page("en/corrected/index.html");
    // The note, in the page's language, oldest correction first.
    assert_eq!(
        page.attrs("dl.meta time", "datetime"),
        ["2024-05-02", "2024-05-09"]
    );
    assert!(page.text("dl.meta").contains("Updated"));
    assert_eq!(page.text(".corrections h2"), "Corrections");
    assert_eq!(
        page.texts(".corrections li"),
        [
            "3 May 2024: The meeting was on Tuesday, not Monday.",
            "6 May 2024: An earlier version named the wrong ministry."
        ]
    );
    let ld = json_ld(&page);
    assert_eq!(ld["datePublished"], "2024-05-02");
    assert_eq!(ld["dateModified"], "2024-05-09");
    assert_eq!(
        ld["publisher"]["logo"]["url"],
        "https://example.org/favicon.png"
    );
    // A briefing never updated: modified when published.
    let ld = json_ld(&site.page("en/dialogue/index.html"));
    assert_eq!(ld["dateModified"], ld["datePublished"]);
    // The feed entry's <updated> and the sitemap's lastmod follow the update.
    let feed = std::fs::read_to_string(site.public().join("en/atom.xml")).expect("feed");
    let doc = roxmltree::Document::parse(&feed).expect("feed parses");
    let entry = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("entry")
                && n.children().any(|c| {
                    c.has_tag_name("id") && c.text() == Some("https://example.org/en/corrected/")
                })
        })
        .expect("the entry");
    let child = |name: &str| {
        entry
            .children()
            .find(|c| c.has_tag_name(name))
            .and_then(|c| c.text())
            .unwrap_or("")
            .to_string()
    };
    assert!(child("published").starts_with("2024-05-02"));
    assert!(child("updated").starts_with("2024-05-09"));
    let sitemap = std::fs::read_to_string(site.public().join("sitemap.xml")).expect("sitemap");
    assert!(
        sitemap
            .contains("<loc>https://example.org/en/corrected/</loc><lastmod>2024-05-09</lastmod>")
    );
}

#[test]
fn a_timeline_says_how_many_briefings_it_does_not_draw() {
    // The fixture's Arabic dialogue (on counter-terrorism) has no date; one more here.
    let site = site();
    site.write(
        "content/en/undated-sahel.md",
        "---\ntitle: Undated\ntopics: [counter-terrorism]\n---\nx\n",
    );
    site.write(
        "content/en/harbour.md",
        "---\ntitle: Harbour\ndate: 2024-02-02\ntopics: [Harbour Watch]\n---\nx\n",
    );
    site.build_ok();
    let page = site.page("en/topics/counter-terrorism/index.html");
    assert_eq!(
        page.text(".timeline-undated"),
        "2 briefings have no date and are not drawn."
    );
    let ar = site.page("ar/topics/counter-terrorism/index.html");
    assert_eq!(
        ar.text(".timeline-undated"),
        "موجزان غير مؤرخين لا يظهران في الرسم."
    );
    // A term whose briefings are all dated says nothing.
    let dated = site.page("en/topics/harbour-watch/index.html");
    assert!(dated.select(".timeline").len() == 1);
    assert!(dated.select(".timeline-undated").is_empty());
}

#[test]
fn status_lists_briefings_updated_in_the_last_seven_days() {
    let site = TestSite::bare("mixed");
    let day = |ago: i64| {
        let out = std::process::Command::new("date")
            .args(["-u", "-d", &format!("{ago} days ago"), "+%Y-%m-%d"])
            .output()
            .expect("date");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    site.write(
        "content/en/fresh.md",
        &format!("---\ntitle: Fresh\nupdated: {}\n---\nx\n", day(2)),
    );
    site.write(
        "content/en/stale.md",
        &format!("---\ntitle: Stale\nupdated: {}\n---\nx\n", day(30)),
    );
    site.write(
        "content/en/corrected-today.md",
        &format!(
            "---\ntitle: Corrected\ncorrections:\n  - date: {}\n    note: Fixed.\n---\nx\n",
            day(0)
        ),
    );
    let out = run_marsad(&["status", "--json"], site.root());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        report["recently_updated"],
        serde_json::json!(["content/en/corrected-today.md", "content/en/fresh.md"])
    );
}
