//! Dates as news sites write them, found in running text: "Thursday, March 16, 2023",
//! "March 5th, 2024", "Jan 15, 2025", "16 mars 2023", "1er juillet", "8 fevrier 2024" (no
//! accents), "27 sept 2023", "12/03/2024" (day first, as in Morocco and Europe), ISO
//! "2024-05-16", and Arabic month names of the Maghreb, the Mashriq and the Levant with
//! Western, Arabic-Indic or Eastern Arabic-Indic digits. A date without a year is no date: nothing is invented.

use crate::dates::PartialDate;
use crate::fold::fold;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Latin-script month spellings (English, French, abbreviations) and their month numbers.
/// Spellings without accents (`fevrier`, `aout`) are not listed: [`with_folded`] adds them.
const LATIN_MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("jan", 1),
    ("janvier", 1),
    ("janv", 1),
    ("february", 2),
    ("feb", 2),
    ("février", 2),
    ("févr", 2),
    ("fév", 2),
    ("march", 3),
    ("mar", 3),
    ("mars", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("avr", 4),
    ("may", 5),
    ("mai", 5),
    ("june", 6),
    ("jun", 6),
    ("juin", 6),
    ("july", 7),
    ("jul", 7),
    ("juillet", 7),
    ("juil", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("septembre", 9),
    ("october", 10),
    ("oct", 10),
    ("octobre", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("december", 12),
    ("dec", 12),
    ("décembre", 12),
    ("déc", 12),
];

/// Arabic month names: Maghreb (Morocco), Mashriq, Levant and Algeria/Tunisia, January first.
/// Each is read as written and as folded ([`with_folded`]: `أكتوبر` and `اكتوبر`); another
/// spelling that raw text may carry (`إبريل` beside `أبريل`) is listed.
const AR_MONTHS: [&[&str]; 12] = [
    &["يناير", "كانون الثاني", "جانفي"],
    &["فبراير", "شباط", "فيفري"],
    &["مارس", "آذار"],
    &["أبريل", "إبريل", "نيسان", "أفريل"],
    &["ماي", "مايو", "أيار"],
    &["يونيو", "يونيه", "حزيران", "جوان"],
    &["يوليوز", "يوليو", "تموز", "جويلية"],
    &["غشت", "أغسطس", "آب", "أوت"],
    &["شتنبر", "سبتمبر", "أيلول"],
    &["أكتوبر", "تشرين الأول"],
    &["نونبر", "نوفمبر", "تشرين الثاني"],
    &["دجنبر", "ديسمبر", "كانون الأول"],
];

/// A date found in text: where it is and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub span: Range<usize>,
    pub date: PartialDate,
}

/// Every date in the text, in order, overlapping readings resolved to the longest.
pub fn dates_in(text: &str) -> Vec<Found> {
    let mut all: Vec<Found> = Vec::new();
    for (re, read) in PATTERNS.iter() {
        for c in re.captures_iter(text) {
            let Some(whole) = c.get(0) else { continue };
            if let Some(date) = read(&c) {
                all.push(Found {
                    span: whole.range(),
                    date,
                });
            }
        }
    }
    all.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end)));
    let mut out: Vec<Found> = Vec::new();
    for f in all {
        if out.last().is_none_or(|last| f.span.start >= last.span.end) {
            out.push(f);
        }
    }
    out
}

/// The first date in the text.
pub fn date_in(text: &str) -> Option<PartialDate> {
    dates_in(text).into_iter().next().map(|f| f.date)
}

/// The date in a URL's path (`/2025/02/18/`, `/2025-02-18-`): year, month and day only, in
/// that order, as sites write them.
pub fn date_in_url(url: &str) -> Option<PartialDate> {
    static PATH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[/_-]((?:19|20)\d{2})[/_-](\d{2})[/_-](\d{2})(?:[/_.-]|$)")
            .expect("constant pattern")
    });
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = &path[path.find('/')?..];
    PATH.captures(path)
        .and_then(|c| build(&c[1], c[2].parse().ok(), Some(&c[3])))
}

type Reader = fn(&regex::Captures) -> Option<PartialDate>;

static PATTERNS: LazyLock<Vec<(Regex, Reader)>> = LazyLock::new(|| {
    let mut names = with_folded(LATIN_MONTHS.iter().map(|(m, _)| *m));
    // Longest first, so `mars` is not read as `mar` followed by a stray `s`.
    names.sort_by_key(|m| std::cmp::Reverse(m.chars().count()));
    let month = format!(r"({})\.?", names.join("|"));
    let day = r"(\d{1,2})(?:er|st|nd|rd|th)?";
    let year = r"((?:19|20|١٩|٢٠|۱۹|۲۰)\d{2})";
    let ar_names = with_folded(AR_MONTHS.iter().flat_map(|m| m.iter()).copied());
    let ar_digit = crate::fold::digit_class();
    let re = |p: String| Regex::new(&p).expect("constant pattern");
    vec![
        (
            re(format!(r"(?i)\b{day}\s+{month}\s*,?\s+{year}\b")),
            read_dmy as Reader,
        ),
        (re(format!(r"(?i)\b{month}\s+{day},?\s+{year}\b")), read_mdy),
        (re(format!(r"(?i)\b{month}\s+{year}\b")), read_my),
        (
            re(format!(r"\b(\d{{1,2}})([/.-])(\d{{1,2}})[/.-]{year}\b")),
            read_numeric,
        ),
        // ISO dates and machine timestamps (`2025-02-18T09:30:00+01:00`), `2025/02/18`.
        (
            re(format!(r"\b{year}([-/.])(\d{{2}})[-/.](\d{{2}})(?:\b|T)")),
            read_iso,
        ),
        (
            re(format!(
                r"(?:({ar_digit}{{1,2}})\s+)?({})\s+({ar_digit}{{4}})",
                ar_names.join("|")
            )),
            read_arabic,
        ),
    ]
});

/// Each spelling as written and as folded (`février`, `fevrier`): text may carry either, and
/// the patterns read raw text (their spans point into it), so they list both.
fn with_folded<'a>(spellings: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in spellings {
        for v in [s.to_string(), fold(s)] {
            if !out.contains(&v) {
                out.push(v);
            }
        }
    }
    out
}

fn month_number(name: &str) -> Option<u8> {
    let name = fold(name);
    LATIN_MONTHS
        .iter()
        .find(|(m, _)| fold(m) == name)
        .map(|(_, n)| *n)
}

fn build(year: &str, month: Option<u8>, day: Option<&str>) -> Option<PartialDate> {
    let year: i32 = ascii_digits(year).parse().ok()?;
    let iso = match (month, day) {
        (Some(m), Some(d)) => format!(
            "{year:04}-{m:02}-{:02}",
            ascii_digits(d).parse::<u8>().ok()?
        ),
        (Some(m), None) => format!("{year:04}-{m:02}"),
        _ => format!("{year:04}"),
    };
    PartialDate::parse(&iso).ok()
}

fn read_dmy(c: &regex::Captures) -> Option<PartialDate> {
    build(&c[3], month_number(&c[2]), Some(&c[1]))
}

fn read_mdy(c: &regex::Captures) -> Option<PartialDate> {
    build(&c[3], month_number(&c[1]), Some(&c[2]))
}

fn read_my(c: &regex::Captures) -> Option<PartialDate> {
    build(&c[2], month_number(&c[1]), None)
}

/// `12/03/2024` and `18.02.2025` are day first, as the portal's sources (Moroccan, French,
/// Arabic, European) write them; only a second number over 12 makes the first the month
/// (`02/18/2025`, an American page).
fn read_numeric(c: &regex::Captures) -> Option<PartialDate> {
    let a: u8 = ascii_digits(&c[1]).parse().ok()?;
    let b: u8 = ascii_digits(&c[3]).parse().ok()?;
    let (day, month) = if b > 12 && a <= 12 { (b, a) } else { (a, b) };
    build(&c[4], Some(month), Some(&day.to_string()))
}

fn read_iso(c: &regex::Captures) -> Option<PartialDate> {
    build(&c[1], ascii_digits(&c[3]).parse().ok(), Some(&c[4]))
}

fn read_arabic(c: &regex::Captures) -> Option<PartialDate> {
    let key = fold(&c[2]);
    let month = AR_MONTHS
        .iter()
        .position(|names| names.iter().any(|n| fold(n) == key))? as u8
        + 1;
    build(&c[3], Some(month), c.get(1).map(|d| d.as_str()))
}

/// Digits of any series as ASCII, so they parse (`٢٠٢٤` is 2024).
fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| crate::fold::ascii_digit(c).unwrap_or(c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        date_in(s).map(|d| d.iso())
    }

    #[test]
    fn dates_in_three_languages() {
        assert_eq!(
            d("On Thursday, March 16, 2023, Rabat held"),
            Some("2023-03-16".into())
        );
        assert_eq!(d("le 16 mars 2023 à Rabat"), Some("2023-03-16".into()));
        assert_eq!(d("jeudi 1er février 2024"), Some("2024-02-01".into()));
        assert_eq!(d("في 20 يوليوز 2023 بالرباط"), Some("2023-07-20".into()));
        assert_eq!(d("في ٣ شتنبر ٢٠٢٤"), Some("2024-09-03".into()));
        assert_eq!(d("خلال تموز 2022"), Some("2022-07".into()));
        assert_eq!(d("in September 2012"), Some("2012-09".into()));
        assert_eq!(d("on July 20 in Dakar"), None, "no year: no date");
    }

    #[test]
    fn abbreviations_ordinals_numbers_and_missing_accents() {
        assert_eq!(d("Rabat, March 5th, 2024"), Some("2024-03-05".into()));
        assert_eq!(d("NEW YORK, June 21st 2023 –"), Some("2023-06-21".into()));
        assert_eq!(d("Jan 15, 2025"), Some("2025-01-15".into()));
        assert_eq!(d("MADRID, 27 sept 2023 (EFE)"), Some("2023-09-27".into()));
        assert_eq!(d("le 8 fevrier 2024"), Some("2024-02-08".into()));
        assert_eq!(d("Publié le 12/03/2024 à 14h05"), Some("2024-03-12".into()));
        assert_eq!(d("Updated: 2024-05-16 18:40"), Some("2024-05-16".into()));
        assert_eq!(d("5 آذار 2024"), Some("2024-03-05".into()));
        assert_eq!(d("32/13/2024"), None, "not a day of the calendar");
        assert_eq!(d("Saturday 08/02/2025"), Some("2025-02-08".into()));
        assert_eq!(d("18.02.2025"), Some("2025-02-18".into()));
        assert_eq!(
            d("02/18/2025"),
            Some("2025-02-18".into()),
            "a day over 12 is the day"
        );
        assert_eq!(
            d("datePublished: 2025-02-18T09:30:00+01:00"),
            Some("2025-02-18".into())
        );
        assert_eq!(d("٢٣/٠٩/٢٠٢٤"), Some("2024-09-23".into()));
        assert_eq!(
            d("الأحد 15 شعبان 1446 هـ الموافق 16 فبراير 2025 م"),
            Some("2025-02-16".into())
        );
        assert_eq!(d("2 days ago"), None);
        assert_eq!(d("منذ ساعتين"), None);
    }

    /// Spellings without hamza or accents are not listed by hand: folding adds them.
    #[test]
    fn folded_spellings_of_month_names_are_read() {
        assert_eq!(d("في 5 اكتوبر 2023"), Some("2023-10-05".into()));
        assert_eq!(d("في ٥ أكتوبر ۲۰۲۳"), Some("2023-10-05".into()));
        assert_eq!(d("خلال تشرين الاول 2022"), Some("2022-10".into()));
        assert_eq!(d("le 15 aout 2024"), Some("2024-08-15".into()));
        assert_eq!(d("le 15 AOÛT 2024"), Some("2024-08-15".into()));
    }
}
