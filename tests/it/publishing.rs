//! Publishing: feeds, sitemap, robots, metadata, GitHub Pages files, and `marsad check`.

use crate::support::*;

/// A title with markup, quotes, a CDATA end and a control character (YAML's `\x01`).
const NASTY_YAML: &str = r#""Tricky <script>alert('x')</script> & \"quotes\" ]]> \x01bell""#;

fn nasty_site() -> TestSite {
    let site = TestSite::fixture("mixed");
    site.write(
        "content/en/nasty.md",
        &format!("---\ntitle: {NASTY_YAML}\ndate: 2020-01-02\ntopics: [counter-terrorism]\nsummary: \"</script><b>bold</b>\"\n---\nx\n"),
    );
    site
}

fn xml(site: &TestSite, rel: &str) -> String {
    std::fs::read_to_string(site.public().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

const ATOM: &str = "http://www.w3.org/2005/Atom";

fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children().find(|c| c.has_tag_name((ATOM, name)))
}

#[test]
fn language_feed_is_atom_newest_first_with_per_entry_language() {
    let site = nasty_site();
    site.build_with(|o| o.base_url = Some("https://example.github.io/briefings/".into()))
        .expect("build");
    let text = xml(&site, "en/atom.xml");
    let doc = roxmltree::Document::parse(&text).expect("well-formed Atom");
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().namespace(), Some(ATOM));
    assert_eq!(feed.tag_name().name(), "feed");
    assert!(child(feed, "updated").is_some());
    let self_link = feed
        .children()
        .find(|c| c.has_tag_name((ATOM, "link")) && c.attribute("rel") == Some("self"))
        .expect("self link");
    assert_eq!(
        self_link.attribute("href"),
        Some("https://example.github.io/briefings/en/atom.xml")
    );
    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .collect();
    // Dated briefings only (fr 2024-09, en 2023-07-20, en 2021, en 2020-01-02), newest first.
    let updated: Vec<&str> = entries
        .iter()
        .map(|e| child(*e, "updated").and_then(|u| u.text()).unwrap_or(""))
        .collect();
    assert_eq!(
        updated,
        [
            "2024-09-01T00:00:00Z",
            "2023-07-20T00:00:00Z",
            "2021-01-01T00:00:00Z",
            "2020-01-02T00:00:00Z"
        ]
    );
    let langs: Vec<&str> = entries
        .iter()
        .map(|e| {
            e.attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
                .unwrap_or("")
        })
        .collect();
    assert_eq!(langs, ["fr", "en", "en", "en"]);
    for e in &entries {
        let href = child(*e, "link")
            .and_then(|l| l.attribute("href"))
            .expect("link");
        let local = href
            .strip_prefix("https://example.github.io")
            .expect("absolute");
        assert!(
            resolve_href(&site.public(), "/briefings/", local).is_some(),
            "{href}"
        );
    }
    // Any title survives: markup escaped, control characters dropped.
    let nasty = entries.last().expect("entry");
    assert_eq!(
        child(*nasty, "title").and_then(|t| t.text()),
        Some("Tricky <script>alert('x')</script> & \"quotes\" ]]> bell")
    );
    // Pages announce the feed.
    let home = site.page("en/index.html");
    assert_eq!(
        home.attrs(
            r#"link[rel="alternate"][type="application/atom+xml"]"#,
            "href"
        ),
        ["/briefings/en/atom.xml"]
    );
}

#[test]
fn term_pages_have_their_own_feed() {
    let site = TestSite::fixture("mixed");
    site.write(
        "content/ar/undated.md",
        "---\ntitle: بلا تاريخ\nplaces: [Nowhere Land]\n---\nx\n",
    );
    site.build_ok();
    let text = xml(&site, "ar/topics/counter-terrorism/atom.xml");
    let doc = roxmltree::Document::parse(&text).expect("well-formed");
    let entries = doc
        .root_element()
        .children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .count();
    assert_eq!(entries, 2, "the undated Arabic briefing is not in the feed");
    let page = site.page("ar/topics/counter-terrorism/index.html");
    assert_eq!(
        page.attrs(r#"link[type="application/atom+xml"]"#, "href"),
        ["/ar/topics/counter-terrorism/atom.xml"]
    );
    // A term with only undated briefings has no feed (Atom needs dates; none is invented),
    // and its page points to none.
    assert!(
        site.public()
            .join("en/places/nowhere-land/index.html")
            .is_file()
    );
    assert!(
        !site
            .public()
            .join("en/places/nowhere-land/atom.xml")
            .exists()
    );
    let nowhere = site.page("en/places/nowhere-land/index.html");
    assert!(
        nowhere
            .select(r#"link[type="application/atom+xml"]"#)
            .is_empty()
    );
}

#[test]
fn sitemap_lists_every_canonical_page_with_hreflang_alternates() {
    let site = TestSite::fixture("mixed");
    site.build_with(|o| o.base_url = Some("https://example.github.io/briefings/".into()))
        .expect("build");
    let text = xml(&site, "sitemap.xml");
    let doc = roxmltree::Document::parse(&text).expect("well-formed");
    const SM: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
    const XHTML: &str = "http://www.w3.org/1999/xhtml";
    let urls: Vec<_> = doc
        .root_element()
        .children()
        .filter(|c| c.has_tag_name((SM, "url")))
        .collect();
    let mut locs = Vec::new();
    for u in &urls {
        let loc = u
            .children()
            .find(|c| c.has_tag_name((SM, "loc")))
            .and_then(|l| l.text())
            .expect("loc");
        let local = loc
            .strip_prefix("https://example.github.io")
            .expect("absolute, same host");
        assert!(
            resolve_href(&site.public(), "/briefings/", local).is_some(),
            "{loc} has no file"
        );
        locs.push(loc.to_string());
    }
    // Every HTML page but the root chooser and 404 is listed, once.
    let pages = html_files(&site.public()).len();
    assert_eq!(urls.len(), pages - 2);
    let mut unique = locs.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), locs.len());
    let en = urls
        .iter()
        .find(|u| {
            u.children()
                .any(|c| c.text() == Some("https://example.github.io/briefings/en/dialogue/"))
        })
        .expect("en/dialogue listed");
    let mut alternates: Vec<(String, String)> = en
        .children()
        .filter(|c| c.has_tag_name((XHTML, "link")))
        .map(|l| {
            (
                l.attribute("hreflang").unwrap_or("").into(),
                l.attribute("href").unwrap_or("").into(),
            )
        })
        .collect();
    alternates.sort();
    assert_eq!(alternates.len(), 4);
    assert_eq!(
        alternates[3],
        (
            "x-default".into(),
            "https://example.github.io/briefings/en/dialogue/".into()
        )
    );
    let lastmod = en
        .children()
        .find(|c| c.has_tag_name((SM, "lastmod")))
        .and_then(|l| l.text());
    assert_eq!(lastmod, Some("2023-07-20"));
    let robots = xml(&site, "robots.txt");
    assert!(
        robots
            .lines()
            .any(|l| l == "Sitemap: https://example.github.io/briefings/sitemap.xml"),
        "{robots}"
    );
}

#[test]
fn briefing_json_ld_is_valid_and_cannot_close_its_script() {
    let site = nasty_site();
    site.build_ok();
    let page = site.page("en/nasty/index.html");
    let scripts = page.select(r#"script[type="application/ld+json"]"#);
    assert_eq!(scripts.len(), 1);
    let json: serde_json::Value =
        serde_json::from_str(&scripts[0].text().collect::<String>()).expect("valid JSON");
    assert_eq!(json["@type"], "NewsArticle");
    assert_eq!(
        json["headline"],
        "Tricky <script>alert('x')</script> & \"quotes\" ]]> bell"
    );
    assert_eq!(json["description"], "</script><b>bold</b>");
    assert_eq!(json["datePublished"], "2020-01-02");
    assert_eq!(json["inLanguage"], "en");
    assert_eq!(json["about"][0]["name"], "Counter-terrorism");
    let dialogue = site.page("en/dialogue/index.html");
    let json: serde_json::Value = serde_json::from_str(
        &dialogue
            .one(r#"script[type="application/ld+json"]"#)
            .text()
            .collect::<String>(),
    )
    .expect("json");
    assert_eq!(json["mentions"][0]["name"], "Mounir Lymouri");
    assert_eq!(json["author"]["name"], "Wire <script>alert(1)</script>");
}

#[test]
fn pages_carry_canonical_and_social_metadata_in_their_language() {
    let site = TestSite::fixture("mixed");
    site.build_ok();
    let ar = site.page("ar/dialogue/index.html");
    assert_eq!(
        ar.attrs(r#"link[rel="canonical"]"#, "href"),
        ["https://example.org/ar/dialogue/"]
    );
    assert_eq!(
        ar.attrs(r#"meta[property="og:locale"]"#, "content"),
        ["ar_MA"]
    );
    assert_eq!(
        ar.attrs(r#"meta[property="og:type"]"#, "content"),
        ["article"]
    );
    assert_eq!(
        ar.attrs(r#"meta[property="og:title"]"#, "content"),
        [ar.text("title")]
    );
    let terms = site.page("fr/topics/index.html");
    assert_eq!(terms.text("title"), "Thèmes | Fixture FR");
    assert_eq!(
        terms.attrs(r#"meta[property="og:title"]"#, "content"),
        ["Thèmes | Fixture FR"]
    );
}

#[test]
fn github_pages_files_are_written() {
    let site = TestSite::fixture("mixed");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).expect("read");
    site.write(
        "site.toml",
        &toml.replace(
            "paginate = 2",
            "paginate = 2\ncustom_domain = \"briefings.example.org\"",
        ),
    );
    site.build_ok();
    assert!(site.public().join(".nojekyll").is_file());
    assert_eq!(xml(&site, "CNAME"), "briefings.example.org\n");
    let not_found = site.page("404.html");
    assert_eq!(
        not_found.attrs(".not-found-languages li", "lang"),
        ["en", "fr", "ar"]
    );
    assert_eq!(
        not_found.attrs(".not-found-languages a", "href"),
        ["/en/", "/fr/", "/ar/"]
    );
}

#[test]
fn check_passes_on_a_good_site_and_names_the_file_of_a_broken_link() {
    let site = TestSite::fixture("mixed");
    let (config, sources) = site.load();
    let generated = marsad::generate(&config, &sources, Default::default()).expect("generate");
    let report = marsad::check::check_site(
        &marsad::check::Written::from_generated(&generated, &sources.static_files),
        &config.base_url,
    );
    assert!(report.broken.is_empty(), "{:?}", report.broken);
    assert!(report.internal > 20);
    assert_eq!(
        report.external.keys().collect::<Vec<_>>(),
        ["https://wire.example.org/1"]
    );

    site.write(
        "content/en/broken.md",
        "---\ntitle: Broken\n---\n## Real section\n\n[gone](/en/nope/) [frag](#missing) [ok](#real-section) [img](../missing.png) ![x](/static-missing.png)\n",
    );
    let (config, sources) = site.load();
    let generated = marsad::generate(&config, &sources, Default::default()).expect("generate");
    let report = marsad::check::check_site(
        &marsad::check::Written::from_generated(&generated, &sources.static_files),
        &config.base_url,
    );
    let lines: Vec<String> = report.broken.iter().map(ToString::to_string).collect();
    assert_eq!(lines.len(), 4, "{lines:#?}");
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with("content/en/broken.md: ")),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("/en/nope/") && l.contains("points to no page")),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("#missing") && l.contains("no element with id `missing`")),
        "{lines:#?}"
    );
}
