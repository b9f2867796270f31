//! Archive pages (issue 13): years with counts, a year's briefings by month newest first
//! under the locale's month names, undated briefings on their own page, in every interface
//! language, linked from the navigation and listed in the sitemap with hreflang alternates.
//! Expected values come from `tests/fixtures/reading/`.

use crate::support::*;

fn built() -> TestSite {
    let site = TestSite::fixture("reading");
    site.build_ok();
    site
}

#[test]
fn the_archive_lists_years_newest_first_with_counts_and_the_undated_entry() {
    let site = built();
    let en = site.page("en/archive/index.html");
    assert_eq!(
        en.attrs(".archive-years a", "href"),
        [
            "/en/archive/2024/",
            "/en/archive/2023/",
            "/en/archive/2022/",
            "/en/archive/2021/",
            "/en/archive/undated/"
        ]
    );
    assert_eq!(
        en.texts(".archive-years li"),
        [
            "2024 4 briefings",
            "2023 1 briefing",
            "2022 1 briefing",
            "2021 1 briefing",
            "Undated 1 briefing"
        ]
    );
    // Arabic counts follow the Arabic plural categories (4 is "few", 1 is "one").
    let ar = site.page("ar/archive/index.html");
    assert_eq!(ar.one("html").value().attr("dir"), Some("rtl"));
    assert_eq!(
        ar.texts(".archive-years li .count"),
        [
            "4 موجزات",
            "موجز واحد",
            "موجز واحد",
            "موجز واحد",
            "موجز واحد"
        ]
    );
    assert_eq!(ar.text(".archive-years li:last-child a"), "غير مؤرخ");
}

#[test]
fn a_year_lists_its_briefings_by_month_newest_first_in_every_language() {
    let site = built();
    let en = site.page("en/archive/2024/index.html");
    assert_eq!(en.text("h1"), "2024");
    assert_eq!(en.texts(".archive-month > h2"), ["March", "January"]);
    assert_eq!(
        en.attrs(".archive-month > h2 time", "datetime"),
        ["2024-03", "2024-01"]
    );
    // March: the day-dated briefing (English, then its French translation) before the one
    // dated by its month only, which sorts as the month's start.
    assert_eq!(
        en.attrs(".archive-month:nth-of-type(1) h3 a", "href"),
        ["/en/a/", "/fr/a/", "/en/b/"]
    );
    assert_eq!(
        en.attrs(".archive-month:nth-of-type(2) h3 a", "href"),
        ["/en/c/"]
    );
    // Every item carries its own language and direction.
    assert_eq!(
        en.attrs(".archive-month:nth-of-type(1) li", "lang"),
        ["en", "fr", "en"]
    );
    let fr = site.page("fr/archive/2024/index.html");
    assert_eq!(fr.texts(".archive-month > h2"), ["mars", "janvier"]);
    let ar = site.page("ar/archive/2024/index.html");
    assert_eq!(ar.texts(".archive-month > h2"), ["مارس", "يناير"]);
    assert_eq!(
        ar.attrs(".archive-years a[aria-current=page]", "href"),
        ["/ar/archive/2024/"]
    );
    let ar22 = site.page("ar/archive/2022/index.html");
    assert_eq!(ar22.attrs("h3 a", "href"), ["/ar/e/"]);
    assert_eq!(ar22.attrs(".briefing-list li", "dir"), ["rtl"]);
}

#[test]
fn briefings_dated_by_their_year_only_and_undated_ones_have_their_place() {
    let site = built();
    let en = site.page("en/archive/2023/index.html");
    assert_eq!(en.texts(".archive-month > h2"), ["Month not given"]);
    assert_eq!(en.attrs(".archive-month h3 a", "href"), ["/en/d/"]);
    let undated = site.page("fr/archive/undated/index.html");
    assert_eq!(undated.text("h1"), "Non datée");
    assert_eq!(undated.attrs(".briefing-list h2 a", "href"), ["/en/u/"]);
}

#[test]
fn the_archive_is_in_the_navigation_and_its_pages_link_their_translations() {
    let site = built();
    let home = site.page("fr/index.html");
    // The archive is the last section; the phone's search link comes after it.
    assert_eq!(
        home.attrs(".site-nav li:not(.nav-search) a", "href")
            .last()
            .map(String::as_str),
        Some("/fr/archive/")
    );
    let page = site.page("en/archive/2021/index.html");
    assert_eq!(
        page.attrs(".site-nav a[aria-current=page]", "href"),
        ["/en/archive/"]
    );
    assert_eq!(
        page.attrs(r#"link[rel="alternate"][hreflang]"#, "href"),
        [
            "https://example.org/en/archive/2021/",
            "https://example.org/fr/archive/2021/",
            "https://example.org/ar/archive/2021/",
            "https://example.org/en/archive/2021/"
        ]
    );
}

#[test]
fn archive_pages_are_in_the_sitemap_with_their_alternates() {
    let site = built();
    let xml = std::fs::read_to_string(site.public().join("sitemap.xml")).expect("sitemap");
    let doc = roxmltree::Document::parse(&xml).expect("xml");
    let url_of = |loc: &str| {
        doc.descendants()
            .find(|n| n.has_tag_name("url") && n.children().any(|c| c.text() == Some(loc)))
            .unwrap_or_else(|| panic!("{loc} not in the sitemap"))
    };
    for year in ["", "2024/", "2023/", "2022/", "2021/", "undated/"] {
        for lang in ["en", "fr", "ar"] {
            url_of(&format!("https://example.org/{lang}/archive/{year}"));
        }
    }
    let alternates: Vec<(&str, &str)> = url_of("https://example.org/ar/archive/undated/")
        .children()
        .filter(|c| c.has_tag_name("link"))
        .map(|c| {
            (
                c.attribute("hreflang").expect("hreflang"),
                c.attribute("href").expect("href"),
            )
        })
        .collect();
    assert_eq!(
        alternates,
        [
            ("en", "https://example.org/en/archive/undated/"),
            ("fr", "https://example.org/fr/archive/undated/"),
            ("ar", "https://example.org/ar/archive/undated/"),
            ("x-default", "https://example.org/en/archive/undated/")
        ]
    );
}

#[test]
fn a_long_year_is_paginated_and_months_continue_on_the_next_page() {
    let site = TestSite::fixture("reading");
    let config = std::fs::read_to_string(site.root().join("site.toml")).expect("site.toml");
    site.write(
        "site.toml",
        &config.replace("paginate = 10", "paginate = 2"),
    );
    site.build_ok();
    // 2024 holds en/a, fr/a (2024-03-05), en/b (2024-03) and en/c (2024-01-10).
    let first = site.page("ar/archive/2024/index.html");
    assert_eq!(
        first.attrs(".archive-month h3 a", "href"),
        ["/en/a/", "/fr/a/"]
    );
    assert_eq!(first.text("main > p.count"), "4 موجزات");
    assert_eq!(
        first.attrs(r#"link[rel="next"]"#, "href"),
        ["/ar/archive/2024/page/2/"]
    );
    let second = site.page("ar/archive/2024/page/2/index.html");
    assert_eq!(second.texts(".archive-month > h2"), ["مارس", "يناير"]);
    assert_eq!(
        second.attrs(".archive-month h3 a", "href"),
        ["/en/b/", "/en/c/"]
    );
    assert_eq!(
        second.attrs(r#"link[rel="prev"]"#, "href"),
        ["/ar/archive/2024/"]
    );
    assert_eq!(
        second.attrs(r#"link[rel="alternate"][hreflang="fr"]"#, "href"),
        ["https://example.org/fr/archive/2024/page/2/"]
    );
    assert_eq!(
        second.attrs(".archive-years a[aria-current]", "aria-current"),
        ["true"]
    );
    // A year that fits on one page has no second page.
    assert!(!site.public().join("ar/archive/2023/page/2").exists());
}

#[test]
fn a_briefing_cannot_take_the_archive_slug() {
    let site = TestSite::fixture("reading");
    site.write("content/en/archive.md", "---\ntitle: Archive\n---\nx\n");
    assert!(site.build_err().contains("slug `archive` is reserved"));
}
