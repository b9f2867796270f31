//! Related briefings on a briefing page (issue 13): up to five others sharing the most
//! topics, actors and places, rarer terms weighing more, ties broken by date then site
//! order, in any language with their own `lang`/`dir`, translations left out.
//!
//! From `tests/fixtures/reading/` (8 briefings). Document frequencies: Rare Actor 3, Rabat 3,
//! Common Actor 4, Security 5. For `en/a` (all four terms; `fr/a` is its translation):
//! `ar/e` shares Common Actor and Rabat, `en/c` Rare Actor, `en/b` Common Actor, and `en/d`,
//! `en/f`, `en/u` Security only, which ties them: newest first, so undated `en/u` is sixth.

use crate::support::*;

const EXPECTED: [&str; 5] = ["/ar/e/", "/en/c/", "/en/b/", "/en/d/", "/en/f/"];

#[test]
fn related_briefings_rank_rarer_shared_terms_first_and_break_ties_by_date() {
    let site = TestSite::fixture("reading");
    site.build_ok();
    let en = site.page("en/a/index.html");
    assert_eq!(en.attrs(".related-briefings li > a", "href"), EXPECTED);
    assert_eq!(
        en.attrs(".related-briefings li", "lang"),
        ["ar", "en", "en", "en", "en"]
    );
    assert_eq!(
        en.attrs(".related-briefings li", "dir"),
        ["rtl", "ltr", "ltr", "ltr", "ltr"]
    );
    // Dates in the page's language, whatever the briefing's.
    assert_eq!(
        en.attrs(".related-briefings .meta > span[lang]", "lang"),
        ["en", "en", "en", "en", "en"]
    );
    assert_eq!(
        en.text(".related-briefings li:first-child time"),
        "2 November 2022"
    );
    // The translation has the same terms, so the same list, without the English original.
    let fr = site.page("fr/a/index.html");
    assert_eq!(fr.attrs(".related-briefings li > a", "href"), EXPECTED);
}

#[test]
fn an_arabic_page_lists_related_briefings_in_their_own_direction() {
    let site = TestSite::fixture("reading");
    site.build_ok();
    // `ar/e` shares Common Actor with en/a, fr/a, en/b and Rabat with en/a, fr/a: the two
    // versions of A first (English before French in site order), then B.
    let ar = site.page("ar/e/index.html");
    assert_eq!(
        ar.attrs(".related-briefings li > a", "href"),
        ["/en/a/", "/fr/a/", "/en/b/"]
    );
    assert_eq!(
        ar.attrs(".related-briefings li", "dir"),
        ["ltr", "ltr", "ltr"]
    );
    assert_eq!(
        ar.attrs(".related-briefings .meta > span[dir]", "dir"),
        ["rtl", "rtl", "rtl"]
    );
}

#[test]
fn a_briefing_sharing_no_term_has_no_related_section() {
    let site = TestSite::fixture("reading");
    site.write(
        "content/en/alone.md",
        "---\ntitle: Alone\ndate: 2020-01-01\ntopics: [Something else]\n---\nx\n",
    );
    site.build_ok();
    assert!(
        site.page("en/alone/index.html")
            .select(".related-briefings")
            .is_empty()
    );
}
