//! Briefings by outlet (issue 23: a page kind added in a handful of files): `/<lang>/sources/`
//! lists every outlet with its count, `/<lang>/sources/<outlet>/` its briefings, paginated,
//! with a feed, in the sitemap and every interface language; a briefing page names its
//! source by the registry's name in the page's language and links to the outlet's page.

use crate::support::*;

/// The mixed fixture with a sources registry and two more briefings from one agency.
fn site() -> TestSite {
    let site = TestSite::fixture("mixed");
    site.write(
        "content/_registry/sources.yaml",
        "- id: map\n  names: { en: Maghreb Arab Press, fr: Maghreb Arabe Presse, ar: وكالة المغرب العربي للأنباء }\n  aliases: [MAP, و م ع]\n  domains: [mapexpress.ma]\n  wire: true\n",
    );
    for (file, date) in [
        ("a", "2024-01-02"),
        ("b", "2024-03-04"),
        ("c", "2022-05-06"),
    ] {
        site.write(
            &format!("content/fr/map-{file}.md"),
            &format!(
                "---\ntitle: \"Dépêche {file}\"\ndate: {date}\nsource:\n  name: MAP\n---\nCorps.\n"
            ),
        );
    }
    site.write(
        "content/ar/map-d.md",
        "---\ntitle: \"برقية\"\ndate: 2023-02-01\nsource:\n  name: \"و م ع\"\n  url: \"https://www.mapexpress.ma/ar/1\"\n---\nنص.\n",
    );
    site
}

#[test]
fn each_outlet_has_an_index_entry_and_a_page_of_its_briefings_in_every_language() {
    let site = site();
    site.build_ok();
    // The index: the registered agency under its name in each language, with its count, and
    // the unregistered wire of the English dialogue as written (escaped, never markup).
    let en = site.page("en/sources/index.html");
    let names = en.texts(".term-index a");
    assert!(
        names.contains(&"Maghreb Arab Press".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"Wire <script>alert(1)</script>".to_string()),
        "{names:?}"
    );
    assert!(en.select(".term-index script").is_empty());
    let ar = site.page("ar/sources/index.html");
    assert!(
        ar.texts(".term-index a")
            .contains(&"وكالة المغرب العربي للأنباء".to_string())
    );
    assert_eq!(ar.one("html").value().attr("dir"), Some("rtl"));
    // The agency's page: its four briefings, newest first, two a page (site.toml: paginate 2).
    let first = site.page("fr/sources/map/index.html");
    assert_eq!(first.text("h1"), "Maghreb Arabe Presse");
    assert_eq!(
        first.attrs(".briefing-list h2 a", "href"),
        ["/fr/map-b/", "/fr/map-a/"]
    );
    let second = site.page("fr/sources/map/page/2/index.html");
    assert_eq!(
        second.attrs(".briefing-list h2 a", "href"),
        ["/ar/map-d/", "/fr/map-c/"]
    );
    // Its feed, announced by its pages, with the agency's dated briefings.
    assert_eq!(
        first.attrs("link[type='application/atom+xml']", "href"),
        ["/fr/sources/map/atom.xml"]
    );
    let feed =
        std::fs::read_to_string(site.public().join("fr/sources/map/atom.xml")).expect("feed");
    let doc = roxmltree::Document::parse(&feed).expect("the feed parses");
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("entry"))
            .count(),
        4
    );
    // In the sitemap, with its other-language versions.
    let sitemap = std::fs::read_to_string(site.public().join("sitemap.xml")).expect("sitemap");
    for lang in ["en", "fr", "ar"] {
        assert!(sitemap.contains(&format!(
            "<loc>https://example.org/{lang}/sources/map/</loc>"
        )));
    }
    // The navigation links the index in every language.
    assert!(
        site.page("ar/index.html")
            .attrs(".site-nav a", "href")
            .contains(&"/ar/sources/".to_string())
    );
}

#[test]
fn a_briefing_names_its_source_in_the_page_language_and_keeps_the_original_link() {
    let site = site();
    site.build_ok();
    let page = site.page("ar/map-d/index.html");
    let dd: Vec<String> = page.texts(".meta dd a");
    assert!(
        dd.contains(&"وكالة المغرب العربي للأنباء".to_string()),
        "{dd:?}"
    );
    let hrefs = page.attrs(".meta dd a", "href");
    assert!(hrefs.contains(&"/ar/sources/map/".to_string()), "{hrefs:?}");
    assert!(
        hrefs.contains(&"https://www.mapexpress.ma/ar/1".to_string()),
        "{hrefs:?}"
    );
    // Shared sources do not make briefings related: the French dispatches share nothing else.
    let fr = site.page("fr/map-a/index.html");
    assert!(fr.select(".related-briefings").is_empty());
}

#[test]
fn outlet_fields_belong_to_the_sources_registry_and_domains_are_host_names() {
    let site = TestSite::fixture("mixed");
    let actors =
        std::fs::read_to_string(site.root().join("content/_registry/actors.yaml")).expect("actors");
    site.write(
        "content/_registry/actors.yaml",
        &format!(
            "{actors}- id: someone\n  names: {{ en: Someone }}\n  domains: [someone.example]\n"
        ),
    );
    site.write(
        "content/_registry/sources.yaml",
        "- id: bad\n  names: { en: Bad }\n  domains: [\"bad.example/path\"]\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("they belong in sources.yaml, not actors.yaml"),
        "{err}"
    );
    assert!(err.contains("content/_registry/sources.yaml:1:1: error: term `bad`: domain `bad.example/path` is not a host name"), "{err}");
}
