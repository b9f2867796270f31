//! Topic, actor and place pages: one registry, every language, variants merged.

use crate::support::*;

#[test]
fn alias_variants_land_on_one_term_page_in_every_language() {
    let site = TestSite::fixture("mixed");
    site.build_ok();
    // `Mounir Lymouri` (en), `Mounir Lemouri` (fr) and `منير ليموري` (ar) are one actor.
    for lang in ["en", "fr", "ar"] {
        let mut langs = all_item_langs(&site, &format!("{lang}/actors/mounir-lymouri/"));
        langs.sort();
        assert_eq!(langs, ["ar", "en", "fr"], "{lang}");
    }
    assert!(!site.public().join("en/actors/mounir-lemouri").exists());
    let ar = site.page("ar/actors/mounir-lymouri/index.html");
    assert_eq!(ar.text("h1"), "منير ليموري");
    // The actor's names in the three scripts, each marked with its language.
    // (en and fr write it alike, so it is listed once for both).
    assert_eq!(ar.attrs(".term-names li", "lang"), ["en", "ar"]);
}

#[test]
fn briefing_pages_link_terms_in_their_own_language() {
    let site = TestSite::fixture("mixed");
    site.build_ok();
    let fr = site.page("fr/dialogue/index.html");
    assert_eq!(
        fr.texts(".terms .term-list a"),
        ["Lutte contre le terrorisme", "Mounir Lymouri", "Rabat"]
    );
    assert_eq!(
        fr.attrs(".terms .term-list a", "href"),
        [
            "/fr/topics/counter-terrorism/",
            "/fr/actors/mounir-lymouri/",
            "/fr/places/rabat/"
        ]
    );
    let ar = site.page("ar/dialogue/index.html");
    assert_eq!(
        ar.texts(".terms .term-list a"),
        ["مكافحة الإرهاب", "منير ليموري", "الرباط"]
    );
}

#[test]
fn term_indexes_count_with_the_languages_plural_rules() {
    let site = TestSite::fixture("mixed");
    // Topic tN is carried by exactly N briefings; `empty-topic` by none.
    let mut registry =
        String::from("- id: empty-topic\n  names: { en: Empty, fr: Vide, ar: فارغ }\n");
    for n in [1, 2, 3, 11, 100] {
        registry.push_str(&format!(
            "- id: t{n}\n  names: {{ en: T{n}, fr: T{n}, ar: T{n} }}\n"
        ));
    }
    site.write("content/_registry/topics.yaml", &registry);
    for i in 0..100 {
        let topics: Vec<String> = [1, 2, 3, 11, 100]
            .iter()
            .filter(|&&n| i < n)
            .map(|n| format!("t{n}"))
            .collect();
        site.write(
            &format!("content/en/gen-{i:03}.md"),
            &format!(
                "---\ntitle: Generated {i}\ntopics: [{}]\n---\nx\n",
                topics.join(", ")
            ),
        );
    }
    for f in [
        "en/dialogue.md",
        "fr/dialogue.md",
        "ar/dialogue.md",
        "en/year-only.md",
    ] {
        site.remove(&format!("content/{f}"));
    }
    site.build_ok();
    let counts = |lang: &str| -> Vec<(String, String)> {
        let page = site.page(&format!("{lang}/topics/index.html"));
        page.select(".term-index li")
            .iter()
            .map(|li| {
                let name = li
                    .select(&scraper::Selector::parse("a").expect("sel"))
                    .next()
                    .expect("a")
                    .text()
                    .collect::<String>();
                let count = li
                    .select(&scraper::Selector::parse(".count").expect("sel"))
                    .next()
                    .expect("count")
                    .text()
                    .collect::<String>();
                (name, count)
            })
            .collect()
    };
    let ar: std::collections::BTreeMap<_, _> = counts("ar").into_iter().collect();
    assert_eq!(ar["فارغ"], "لا توجد موجزات");
    assert_eq!(ar["T1"], "موجز واحد");
    assert_eq!(ar["T2"], "موجزان");
    assert_eq!(ar["T3"], "3 موجزات");
    assert_eq!(ar["T11"], "11 موجزًا");
    assert_eq!(ar["T100"], "100 موجز");
    let en: std::collections::BTreeMap<_, _> = counts("en").into_iter().collect();
    assert_eq!(en["Empty"], "0 briefings");
    assert_eq!(en["T1"], "1 briefing");
    let fr: std::collections::BTreeMap<_, _> = counts("fr").into_iter().collect();
    assert_eq!(fr["Vide"], "0 note");
    assert_eq!(fr["T2"], "2 notes");
    // Term pages paginate (page size 2 in the fixture) with rel links that resolve.
    let t3 = site.page("en/topics/t3/index.html");
    assert_eq!(
        t3.attrs(r#"link[rel="next"]"#, "href"),
        ["/en/topics/t3/page/2/"]
    );
    assert!(
        site.public()
            .join("en/topics/t3/page/2/index.html")
            .is_file()
    );
    assert!(!site.public().join("en/topics/t3/page/3").exists());
}

#[test]
fn term_index_sorts_with_the_locale_collation() {
    let site = TestSite::fixture("mixed");
    site.write(
        "content/_registry/places.yaml",
        "- id: e\n  names: { en: Zurich, fr: Zurich, ar: أبوظبي }\n- id: a\n  names: { en: Écija, fr: Écija, ar: الرباط }\n- id: b\n  names: { en: Eden, fr: Eden, ar: تونس }\n- id: rabat\n  names: { en: Rabat, fr: Rabat, ar: بيروت }\n",
    );
    site.build_ok();
    // Byte order would put "Écija" after "Zurich"; French collation puts it before "Eden".
    assert_eq!(
        site.page("fr/places/index.html").texts(".term-index a"),
        ["Écija", "Eden", "Rabat", "Zurich"]
    );
    assert_eq!(
        site.page("ar/places/index.html").texts(".term-index a"),
        ["أبوظبي", "الرباط", "بيروت", "تونس"]
    );
}

#[test]
fn unregistered_names_warn_and_keep_their_script() {
    let site = TestSite::fixture("mixed");
    site.write(
        "content/ar/extra.md",
        "---\ntitle: س\nactors: [علي, لي, عالي]\n---\nx\n",
    );
    let report = site.build_ok();
    let warnings = report.warnings.to_string();
    assert!(warnings.contains("content/en/year-only.md:4:1: warning: topics name `Unlisted Topic` is not in content/_registry/topics.yaml"), "{warnings}");
    assert!(warnings.contains("actors name `علي`"), "{warnings}");
    // Three different Arabic names: three pages, never merged into one ASCII slug.
    for slug in ["علي", "لي", "عالي"] {
        assert!(
            site.public()
                .join(format!("en/actors/{slug}/index.html"))
                .is_file(),
            "{slug}"
        );
    }
    // In the English index the Arabic name keeps its direction.
    let idx = site.page("en/actors/index.html");
    assert_eq!(
        idx.select(r#".term-index a[lang="ar"][dir="rtl"]"#).len(),
        3
    );
}

#[test]
fn two_registry_entries_claiming_one_alias_is_an_error() {
    let site = TestSite::fixture("mixed");
    site.write(
        "content/_registry/actors.yaml",
        "- id: a\n  names: { en: A, fr: A, ar: أ }\n  aliases: [Shared Name]\n- id: b\n  names: { en: B, fr: B, ar: ب }\n  aliases: [shared name]\n",
    );
    let err = site.build_err();
    assert!(err.contains("content/_registry/actors.yaml:4:1"), "{err}");
    assert!(err.contains("also claimed by term `a`"), "{err}");
}

#[test]
fn malformed_registry_names_file_and_line() {
    let site = TestSite::fixture("mixed");
    site.write(
        "content/_registry/places.yaml",
        "- id: x\n  names: { en: X\n",
    );
    let err = site.build_err();
    assert!(err.contains("content/_registry/places.yaml:"), "{err}");
}

#[test]
fn no_registry_at_all_is_fine() {
    let site = TestSite::fixture("mixed");
    std::fs::remove_dir_all(site.root().join("content/_registry")).expect("rm");
    site.build_ok();
    assert!(
        site.public()
            .join("en/actors/mounir-lymouri/index.html")
            .is_file()
    );
    assert!(
        site.public()
            .join("en/actors/mounir-lemouri/index.html")
            .is_file()
    );
}

#[test]
fn cross_language_topic_lists_all_three_languages_and_related_terms() {
    let site = TestSite::fixture("mixed");
    site.build_ok();
    let mut langs = all_item_langs(&site, "en/topics/counter-terrorism/");
    langs.sort();
    assert_eq!(langs, ["ar", "en", "fr"]);
    let actor = site.page("en/actors/mounir-lymouri/index.html");
    assert_eq!(actor.texts(".appears-with h3"), ["Topics", "Places"]);
    assert_eq!(
        actor.texts(".appears-with .term-list a")[0],
        "Counter-terrorism"
    );
}

/// The `lang` of every item of a paginated list, following its rel=next links.
fn all_item_langs(site: &TestSite, first: &str) -> Vec<String> {
    let mut langs = Vec::new();
    let mut next = Some(format!("/{first}"));
    while let Some(href) = next {
        let page = site.page(&format!("{}index.html", href.trim_start_matches('/')));
        langs.extend(page.attrs(".briefing-list > li", "lang"));
        next = page.attrs(r#"link[rel="next"]"#, "href").into_iter().next();
    }
    langs
}

/// Issue 14: an unregistered spelling of a registry actor names the entry it may be.
#[test]
fn an_unregistered_transliteration_suggests_the_closest_actor() {
    let site = TestSite::portal();
    site.write(
        "content/fr/variante.md",
        "---\ntitle: Variante\nlang: fr\nactors: [Mounir Laymouri, Jean Dupont]\n---\nx\n",
    );
    let warnings = site.build_ok().warnings.to_string();
    assert!(
        warnings.contains("`Mounir Laymouri` is not in content/_registry/actors.yaml; it gets its own page (closest entry: `mounir-lymouri`"),
        "{warnings}"
    );
    let dupont = warnings
        .lines()
        .find(|l| l.contains("Jean Dupont"))
        .expect("a warning for Jean Dupont");
    assert!(!dupont.contains("closest"), "{dupont}");
}

/// Issue 10: a front-matter name copied from a PDF comes in Arabic presentation forms
/// (`ﻣﻨﻴﺮ ﻟﻴﻤﻮﺭﻱ` is منير ليموري letter by letter); it must land on the registry's entry,
/// not on a page of its own.
#[test]
fn a_name_in_arabic_presentation_forms_lands_on_the_registry_entry() {
    let site = TestSite::fixture("mixed");
    site.write(
        "content/ar/pdf.md",
        "---\ntitle: نص منسوخ من ملف\nactors: [ﻣﻨﻴﺮ ﻟﻴﻤﻮﺭﻱ]\nplaces: [ﺍﻟﺮﺑﺎﻁ]\n---\nنص.\n",
    );
    let warnings = site.build_ok().warnings.to_string();
    assert!(!warnings.contains("ﻣﻨﻴﺮ"), "{warnings}");
    assert!(!warnings.contains("ﺍﻟﺮﺑﺎﻁ"), "{warnings}");
    let page = site.page("ar/pdf/index.html");
    assert_eq!(
        page.attrs(".terms .term-list a", "href"),
        ["/ar/actors/mounir-lymouri/", "/ar/places/rabat/"]
    );
    assert_eq!(page.texts(".terms .term-list a"), ["منير ليموري", "الرباط"]);
    // The actor page lists it beside the three briefings that name him in plain letters.
    let mut hrefs = Vec::new();
    let mut next = Some("/ar/actors/mounir-lymouri/".to_string());
    while let Some(href) = next {
        let list = site.page(&format!("{}index.html", href.trim_start_matches('/')));
        hrefs.extend(list.attrs(".briefing-list > li h2 a", "href"));
        next = list.attrs(r#"link[rel="next"]"#, "href").into_iter().next();
    }
    assert!(hrefs.contains(&"/ar/pdf/".to_string()), "{hrefs:?}");
    assert_eq!(hrefs.len(), 4, "{hrefs:?}");
}
