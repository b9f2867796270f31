//! Timelines on topic, actor and place pages (issue 13): briefings per year as inline SVG,
//! time running in the reading direction, with a visually hidden table of the same figures.
//!
//! From `tests/fixtures/reading/`: Security is carried by en/a and fr/a (2024), en/d (2023),
//! en/f (2021) and the undated en/u, so 2021: 1, 2022: 0, 2023: 1, 2024: 2.

use crate::support::*;

fn bars(page: &Page) -> Vec<(String, f64)> {
    page.select("svg .timeline-year")
        .iter()
        .map(|t| {
            let x = t.value().attr("x").expect("x").parse().expect("number");
            (t.text().collect(), x)
        })
        .collect()
}

#[test]
fn the_table_gives_every_year_from_the_first_to_the_last_with_its_count() {
    let site = TestSite::fixture("reading");
    site.build_ok();
    let en = site.page("en/topics/security/index.html");
    assert_eq!(
        en.texts(".timeline table tbody th"),
        ["2021", "2022", "2023", "2024"]
    );
    assert_eq!(en.texts(".timeline table tbody td"), ["1", "0", "1", "2"]);
    assert_eq!(
        en.attrs(".timeline table.visually-hidden tbody time", "datetime"),
        ["2021", "2022", "2023", "2024"]
    );
    assert_eq!(en.text(".timeline figcaption"), "Briefings per year");
    // The drawing repeats the table, so assistive technology reads only the table.
    assert_eq!(en.attrs(".timeline svg", "aria-hidden"), ["true"]);
    // A bar per year that has briefings, the tallest for 2024; none for 2022.
    assert_eq!(en.texts("svg .timeline-count"), ["1", "1", "2"]);
    let heights: Vec<String> = en.attrs("svg .timeline-bar", "height");
    assert_eq!(heights.len(), 3);
    assert!(heights[2].parse::<u32>().expect("h") > heights[0].parse::<u32>().expect("h"));
}

#[test]
fn time_runs_in_the_reading_direction() {
    let site = TestSite::fixture("reading");
    site.build_ok();
    let en = bars(&site.page("en/topics/security/index.html"));
    let years: Vec<&str> = en.iter().map(|(y, _)| y.as_str()).collect();
    assert_eq!(years, ["2021", "2022", "2023", "2024"]);
    assert!(
        en.windows(2).all(|w| w[0].1 < w[1].1),
        "left to right: {en:?}"
    );
    let ar_page = site.page("ar/topics/security/index.html");
    assert_eq!(ar_page.one("html").value().attr("dir"), Some("rtl"));
    let ar = bars(&ar_page);
    assert!(
        ar.windows(2).all(|w| w[0].1 > w[1].1),
        "right to left: {ar:?}"
    );
    assert_eq!(ar_page.text(".timeline figcaption"), "الموجزات حسب السنة");
}

#[test]
fn actor_and_place_pages_have_timelines_and_undated_terms_none() {
    let site = TestSite::fixture("reading");
    site.write(
        "content/en/g.md",
        "---\ntitle: G\nplaces: [Nowhere dated]\n---\nx\n",
    );
    site.build_ok();
    let actor = site.page("fr/actors/rare-actor/index.html");
    assert_eq!(actor.texts(".timeline tbody th"), ["2024"]);
    assert_eq!(actor.texts(".timeline tbody td"), ["3"]);
    let place = site.page("ar/places/rabat/index.html");
    assert_eq!(place.texts(".timeline tbody th"), ["2022", "2023", "2024"]);
    assert_eq!(place.texts(".timeline tbody td"), ["1", "0", "2"]);
    // A term none of whose briefings is dated has nothing to draw.
    let undated = site.page("en/places/nowhere-dated/index.html");
    assert!(undated.select(".timeline").is_empty());
}
