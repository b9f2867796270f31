//! Pages: language and direction, localized chrome and dates, mixed-language lists,
//! translations, pagination and links.

use crate::support::*;

#[test]
fn every_page_declares_lang_and_matching_dir() {
    let site = TestSite::fixture("mixed");
    site.build_ok();
    let files = html_files(&site.public());
    assert!(files.len() > 20, "{files:?}");
    for f in files {
        let page = site.page(&f);
        let html = page.one("html");
        let lang = html
            .value()
            .attr("lang")
            .unwrap_or_else(|| panic!("{f}: no lang"));
        let dir = html
            .value()
            .attr("dir")
            .unwrap_or_else(|| panic!("{f}: no dir"));
        let expected_dir = if lang == "ar" { "rtl" } else { "ltr" };
        assert_eq!(dir, expected_dir, "{f}");
        // Pages under /<lang>/ are in that language.
        if let Some(folder) = ["en/", "fr/", "ar/"].iter().find(|p| f.starts_with(**p)) {
            assert_eq!(format!("{lang}/"), *folder, "{f}");
        }
    }
}

#[test]
fn arabic_briefing_has_arabic_chrome_and_moroccan_month_names() {
    let site = TestSite::fixture("mixed");
    site.write(
        "content/ar/dated.md",
        "---\ntitle: \"موجز مؤرخ\"\ndate: 2023-07-20\n---\n\nنص.\n",
    );
    site.build_ok();
    let page = site.page("ar/dated/index.html");
    page.one(r#"html[lang="ar"][dir="rtl"]"#);
    assert_eq!(
        page.texts(".site-nav a"),
        [
            "الرئيسية",
            "المواضيع",
            "الفاعلون",
            "الأماكن",
            "المصادر",
            "الأرشيف",
            "البحث"
        ]
    );
    assert_eq!(page.text(".skip-link"), "انتقل إلى المحتوى");
    let time = page.one("dl.meta time");
    assert_eq!(time.value().attr("datetime"), Some("2023-07-20"));
    assert_eq!(page.text("dl.meta time"), "20 يوليوز 2023");
}

#[test]
fn partial_and_missing_dates_print_only_what_is_known() {
    let site = TestSite::fixture("mixed");
    site.build_ok();
    let fr = site.page("fr/dialogue/index.html");
    assert_eq!(fr.text("dl.meta time"), "septembre 2024");
    assert_eq!(fr.attrs("dl.meta time", "datetime"), ["2024-09"]);
    let year = site.page("en/year-only/index.html");
    assert_eq!(year.text("dl.meta time"), "2021");
    let ar = site.page("ar/dialogue/index.html");
    assert!(ar.select("dl.meta time").is_empty());
    assert_eq!(ar.text("dl.meta dd"), "غير مؤرخ");
    let en = site.page("en/dialogue/index.html");
    assert_eq!(en.text("dl.meta time"), "20 July 2023");
}

#[test]
fn home_lists_mix_languages_with_each_item_isolated() {
    let site = TestSite::fixture("mixed");
    site.build_ok();
    // Newest first, undated last: en 2024-09 (fr), 2023-07-20 (en), 2021 (en), undated (ar).
    let p1 = site.page("en/index.html");
    assert_eq!(p1.attrs(".briefing-list > li", "lang"), ["fr", "en"]);
    let p2 = site.page("en/page/2/index.html");
    assert_eq!(p2.attrs(".briefing-list > li", "lang"), ["en", "ar"]);
    let ar_item = p2.one(r#".briefing-list > li[lang="ar"][dir="rtl"]"#);
    assert!(
        ar_item
            .text()
            .collect::<String>()
            .contains("حوار استراتيجي")
    );
    // The date and "undated" are chrome: in the list's language, isolated from the item.
    let chrome_span =
        p2.select(r#".briefing-list > li[lang="ar"] .meta > span[lang="en"][dir="ltr"]"#);
    assert_eq!(chrome_span.len(), 1);
    assert_eq!(
        p2.texts(r#".briefing-list > li[lang="ar"] .meta > span[lang="en"]"#),
        ["Undated"]
    );
    // And the other way round: an English item in the Arabic list.
    let ar_home = site.page("ar/page/2/index.html");
    ar_home.one(r#".briefing-list > li[lang="en"][dir="ltr"]"#);
}

#[test]
fn pagination_links_resolve_and_use_rel() {
    let site = TestSite::fixture("mixed");
    site.build_ok();
    let p1 = site.page("en/index.html");
    assert_eq!(p1.attrs(r#"link[rel="next"]"#, "href"), ["/en/page/2/"]);
    assert_eq!(
        p1.attrs(r#".pagination a[rel="next"]"#, "href"),
        ["/en/page/2/"]
    );
    let p2 = site.page("en/page/2/index.html");
    assert_eq!(p2.attrs(r#"link[rel="prev"]"#, "href"), ["/en/"]);
    assert!(p2.select(r#"link[rel="next"]"#).is_empty());
}

#[test]
fn translations_are_linked_with_hreflang_and_the_switcher() {
    let site = TestSite::fixture("mixed");
    site.build_ok();
    let en = site.page("en/dialogue/index.html");
    let mut alternates: Vec<(String, String)> = en
        .select(r#"link[rel="alternate"][hreflang]"#)
        .iter()
        .map(|e| {
            (
                e.value().attr("hreflang").unwrap_or("").to_string(),
                e.value().attr("href").unwrap_or("").to_string(),
            )
        })
        .collect();
    alternates.sort();
    assert_eq!(
        alternates,
        [
            ("ar".into(), "https://example.org/ar/dialogue/".into()),
            ("en".into(), "https://example.org/en/dialogue/".into()),
            ("fr".into(), "https://example.org/fr/dialogue/".into()),
            (
                "x-default".into(),
                "https://example.org/en/dialogue/".into()
            ),
        ]
    );
    assert_eq!(
        en.attrs(".language-switcher a", "href"),
        ["/en/dialogue/", "/fr/dialogue/", "/ar/dialogue/"]
    );
    assert_eq!(en.attrs(".language-switcher a", "lang"), ["en", "fr", "ar"]);
    en.one(r#".translations li[lang="ar"][dir="rtl"] a[hreflang="ar"]"#);
    // A briefing without translations offers the other languages' homes, and no alternates.
    let solo = site.page("en/year-only/index.html");
    assert!(solo.select(r#"link[rel="alternate"][hreflang]"#).is_empty());
    assert_eq!(
        solo.attrs(".language-switcher a", "href"),
        ["/en/year-only/", "/fr/", "/ar/"]
    );
}

#[test]
fn root_index_offers_every_language_without_redirecting() {
    let site = TestSite::fixture("mixed");
    site.build_ok();
    let root = site.page("index.html");
    assert!(root.select(r#"meta[http-equiv="refresh"]"#).is_empty());
    assert!(root.select("script").is_empty());
    assert_eq!(
        root.attrs(".language-chooser li", "lang"),
        ["en", "fr", "ar"]
    );
    assert_eq!(
        root.attrs(".language-chooser a", "href"),
        ["/en/", "/fr/", "/ar/"]
    );
    // Issue 25: a sentence per language, so Arabic joins its preposition (not "بـ العربية").
    assert_eq!(
        root.texts(".language-chooser a"),
        [
            "Read Marsad in English",
            "Lire Marsad en français",
            "اقرأ مرصد بالعربية"
        ]
    );
    // It doubles as the default language's home.
    assert_eq!(root.select(".briefing-list > li").len(), 2);
}

#[test]
fn every_internal_link_resolves_at_root_and_under_a_sub_path() {
    for (base, prefix) in [
        ("https://example.org/", "/"),
        ("https://example.github.io/briefings/", "/briefings/"),
    ] {
        let site = TestSite::fixture("mixed");
        site.build_with(|o| o.base_url = Some(base.into()))
            .expect("build");
        for f in html_files(&site.public()) {
            let page = site.page(&f);
            for attr in ["href", "src"] {
                for url in page.attrs(&format!("[{attr}]"), attr) {
                    if url.starts_with("https://") && !url.starts_with(base) || url.starts_with('#')
                    {
                        continue;
                    }
                    let local = url
                        .strip_prefix(base.trim_end_matches(prefix))
                        .unwrap_or(&url)
                        .to_string();
                    assert!(local.starts_with(prefix), "{f}: {url} escapes {prefix}");
                    assert!(
                        resolve_href(&site.public(), prefix, &local).is_some(),
                        "{f}: {url} points nowhere"
                    );
                }
            }
        }
    }
}

/// Issue 25: the favicon (SVG, with a PNG for browsers and home screens without SVG icons)
/// is linked through the base path, so a project site under /repo/ finds it; and like any
/// theme file a site's own replaces it.
#[test]
fn the_favicon_is_linked_under_the_base_path_and_a_site_may_replace_it() {
    let site = TestSite::bare("mixed");
    site.write(
        "static/favicon.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
    );
    site.build_with(|o| o.base_url = Some("https://example.github.io/briefings/".into()))
        .expect("build");
    for f in ["index.html", "ar/dialogue/index.html", "404.html"] {
        let page = site.page(f);
        assert_eq!(
            page.attrs(r#"link[rel="icon"]"#, "href"),
            ["/briefings/favicon.svg", "/briefings/favicon.png"],
            "{f}"
        );
        assert_eq!(
            page.attrs(r#"link[rel="apple-touch-icon"]"#, "href"),
            ["/briefings/favicon.png"],
            "{f}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(site.public().join("favicon.svg")).expect("svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n"
    );
    let png = std::fs::read(site.public().join("favicon.png")).expect("png");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(
        png,
        std::fs::read(repo().join("static/favicon.png")).expect("theme png")
    );
}

/// The page plan gives every page its versions once: so each page's hreflang alternates
/// name pages in that language that announce the very same set back, its canonical URL is
/// among them, and its language switcher links to the same pages.
#[test]
fn hreflang_alternates_are_reciprocal_and_match_the_switcher() {
    let base = "https://example.org/";
    let site = TestSite::fixture("mixed");
    site.build_ok();
    let alternates = |page: &Page| -> Vec<(String, String)> {
        let mut a: Vec<(String, String)> = page
            .select(r#"link[rel="alternate"][hreflang]"#)
            .iter()
            .map(|e| {
                let v = e.value();
                let attr = |name| v.attr(name).unwrap_or("").to_string();
                (attr("hreflang"), attr("href"))
            })
            .collect();
        a.sort();
        a
    };
    let mut checked = 0;
    for f in html_files(&site.public()) {
        let page = site.page(&f);
        let mine = alternates(&page);
        if mine.is_empty() {
            continue;
        }
        let canonical = page.attrs(r#"link[rel="canonical"]"#, "href");
        assert!(
            mine.iter().any(|(_, href)| canonical.contains(href)),
            "{f}: its canonical {canonical:?} is not among its alternates"
        );
        for (lang, href) in mine.iter().filter(|(l, _)| l != "x-default") {
            let local = href.strip_prefix(base).expect("absolute under the base");
            let target = resolve_href(&site.public(), "/", &format!("/{local}"))
                .unwrap_or_else(|| panic!("{f}: alternate {href} points nowhere"));
            let rel = target
                .strip_prefix(site.public())
                .expect("inside the output");
            let other = site.page(&rel.to_string_lossy());
            assert_eq!(other.attrs("html", "lang"), [lang.as_str()], "{f}: {href}");
            assert_eq!(alternates(&other), mine, "{f} and {href} disagree");
            let switcher = format!("/{local}");
            assert!(
                page.attrs(".language-switcher a", "href")
                    .contains(&switcher),
                "{f}: the switcher does not offer {switcher}"
            );
        }
        checked += 1;
    }
    assert!(checked > 10, "only {checked} pages have alternates");
}

#[test]
fn front_matter_text_is_escaped() {
    let site = TestSite::fixture("mixed");
    site.build_ok();
    let en = site.page("en/dialogue/index.html");
    assert!(en.select("dl.meta script").is_empty());
    assert_eq!(en.text("dl.meta bdi a"), "Wire <script>alert(1)</script>");
}

#[test]
fn root_relative_markdown_links_follow_the_base_path() {
    let site = TestSite::fixture("mixed");
    site.build_with(|o| o.base_url = Some("https://example.github.io/briefings/".into()))
        .expect("build");
    let en = site.page("en/dialogue/index.html");
    assert_eq!(
        en.attrs(".body a", "href"),
        ["/briefings/en/topics/counter-terrorism/"]
    );
    let css = en.attrs(r#"link[rel="stylesheet"]"#, "href");
    assert_eq!(css.len(), 1);
    assert!(css[0].starts_with("/briefings/style.css?h="), "{css:?}");
}

#[test]
fn drafts_are_hidden_unless_asked_for() {
    let site = TestSite::fixture("mixed");
    site.write(
        "content/en/draft.md",
        "---\ntitle: Draft\ndraft: true\n---\nx\n",
    );
    site.build_ok();
    assert!(!site.public().join("en/draft/index.html").exists());
    site.build_with(|o| o.publishing.include_drafts = true)
        .expect("build");
    assert!(site.public().join("en/draft/index.html").exists());
}

#[test]
fn bundled_portal_builds_with_every_seed_briefing() {
    let site = TestSite::portal();
    let report = site.build_ok();
    assert!(report.warnings.is_empty(), "{}", report.warnings);
    let en = site.page("en/index.html");
    assert_eq!(en.select(".briefing-list > li").len(), 5);
    let mut langs = en.attrs(".briefing-list > li", "lang");
    langs.sort();
    assert_eq!(langs, ["ar", "en", "en", "en", "fr"]);
    // No scraper leftovers reach a page.
    for f in html_files(&site.public()) {
        let text: String = site.page(&f).html.root_element().text().collect();
        for junk in [
            "Content is protected",
            "Back to top",
            "Leave a Reply",
            "Partagez cet article",
            "إرسال التعليق",
            "date 2024-09",
        ] {
            assert!(!text.contains(junk), "{f} contains {junk}");
        }
    }
}
