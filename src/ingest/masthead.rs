//! The lines around an article's text that say when, where and by whom: date lines
//! ("Published 12/03/2024 at 14:05", "Hespress English - Tuesday 2 July 2024 - 10:12",
//! "الرباط في ٢٣ شتنبر ٢٠٢٤"), datelines (`رصد المغرب / أكادير`, `Rabat (MAP) –`), bylines,
//! and source, credit and copyright lines. Each reader takes one line and says what it holds;
//! `clean` decides where in the article a line may be read so.

use super::clean::{Cleaned, Dateline};
use super::date_text::dates_in;
use crate::dates::PartialDate;
use crate::fold::match_key;
use regex::Regex;
use std::sync::LazyLock;

/// What a date line holds: its dates, ranked (0 published, 1 updated), and the words left
/// once dates, times, weekdays, labels and authors are taken out.
pub(super) struct DateLine {
    pub dates: Vec<(u8, PartialDate)>,
    pub rest: Vec<String>,
}

/// Label words around dates in date lines, and weekday names, in their natural spelling:
/// compared by their `match_key` ([`DATE_KEYS`]).
const DATE_WORDS: &[&str] = &[
    "published",
    "posted",
    "updated",
    "last",
    "on",
    "at",
    "date",
    "publié",
    "le",
    "à",
    "mis",
    "mise",
    "jour",
    "maj",
    "dernière",
    "du",
    "en",
    "ligne",
    "modifié",
    "نشر",
    "في",
    "بتاريخ",
    "آخر",
    "تحديث",
    "تاريخ",
    "يوم",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "الأحد",
];
/// Labels that say a date is an update, not the publication.
const UPDATED: &[&str] = &[
    "updated",
    "mise à jour",
    "mis à jour",
    "maj",
    "modifié",
    "تحديث",
];

/// [`DATE_WORDS`] and [`UPDATED`] folded as the lines they are compared with.
static DATE_KEYS: LazyLock<Vec<String>> =
    LazyLock::new(|| DATE_WORDS.iter().map(|w| match_key(w)).collect());
static UPDATED_KEYS: LazyLock<Vec<String>> =
    LazyLock::new(|| UPDATED.iter().map(|w| match_key(w)).collect());

/// Reads a line as a date line: a date, with at most a place or an outlet name besides its
/// labels ("Hespress English - Tuesday 2 July 2024 - 10:12", "Rabat, March 5th, 2024").
/// `needs_label`: only lines that say they are a date ("Date :", "Published") count.
pub(super) fn date_line(line: &str, needs_label: bool) -> Option<DateLine> {
    if words(line) > 16 {
        return None;
    }
    let found = dates_in(line);
    if found.is_empty() {
        return None;
    }
    let mut rest_text = String::new();
    let mut dates = Vec::new();
    let mut last = 0;
    for f in &found {
        let before = &line[last..f.span.start];
        let label = match_key(before.rsplit('|').next().unwrap_or(before));
        let rank = u8::from(UPDATED_KEYS.iter().any(|u| label.contains(u.as_str())));
        dates.push((rank, f.date));
        rest_text.push_str(before);
        rest_text.push('|');
        last = f.span.end;
    }
    rest_text.push_str(&line[last..]);
    let labelled = found.iter().any(|f| {
        let key = match_key(&line[..f.span.start]);
        !key.is_empty()
            && key
                .split(' ')
                .any(|w| DATE_KEYS.iter().any(|d| d == w) && w.len() > 2)
    });
    if needs_label && !labelled {
        return None;
    }
    let mut rest = Vec::new();
    for part in rest_text.split(['|', '-', '–', '—', ',', '،', ';']) {
        // "… by Staff Writer", "Par Salma Idrissi": an author, not a place or a source.
        let part = BY.split(part).next().unwrap_or("");
        let kept: Vec<&str> = part
            .split_whitespace()
            .filter(|w| {
                let k = match_key(w);
                !k.is_empty() && !DATE_KEYS.contains(&k) && !TIME.is_match(w)
            })
            .collect();
        if !kept.is_empty() {
            rest.push(kept.join(" "));
        }
    }
    let rest_words: usize = rest.iter().map(|r| words(r)).sum();
    let name_like = rest
        .iter()
        .flat_map(|r| r.split_whitespace())
        .all(|w| !w.chars().next().is_some_and(char::is_lowercase));
    (rest_words <= 3 && name_like).then_some(DateLine { dates, rest })
}

static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{1,2}[:hH]\d{2}([:]\d{2})?$|^(GMT|UTC)([+-]\d+)?$|^:$")
        .expect("constant pattern")
});

/// Where an author's name starts inside a date line.
static BY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(^|\s)(by|par|بقلم)\s").expect("constant pattern"));

/// "By Yassine Benali", "Par la rédaction", "بقلم محمد": a short line naming an author.
pub(super) fn is_byline(line: &str) -> bool {
    static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?i:by|par|written by|text by|بقلم)\s+\S+(\s+\S+){0,5}$")
            .expect("constant pattern")
    });
    BYLINE.is_match(line) && !ends_sentence(line)
}

/// `Source / Place` or `Place - Source`: two short sides, nothing like a sentence or a
/// headline (no colon; `Maroc/Espagne` without spaces is a headline's word, not a dateline).
pub(super) fn split_dateline(line: &str) -> Option<Dateline> {
    if words(line) > 6 || ends_sentence(line) || line.contains([':', '،', ',']) {
        return None;
    }
    let (parts, source_first) = if let Some((a, b)) = line.split_once(" / ") {
        (vec![a, b], true)
    } else {
        let (a, b) = line
            .split_once(" - ")
            .or_else(|| line.split_once(" – "))
            .or_else(|| line.split_once(" — "))?;
        (vec![a, b], false)
    };
    let parts: Vec<String> = parts.iter().map(|p| p.trim().to_string()).collect();
    if parts.iter().any(|p| p.is_empty() || words(p) > 3) {
        return None;
    }
    Some(Dateline {
        parts,
        source_first,
    })
}

/// An inline dateline opening the first body line: `Rabat (MAP) –`, `NIAMEY, Niger (AFP) -`,
/// `Paris, 7 October 2023 (Reuters) -`, `Washington, 19 November 2024 –`. Its agency is the
/// source and its date the article's; the paragraph itself is kept whole.
pub(super) fn inline_dateline(line: &str, out: &mut Cleaned, dates: &mut Vec<(u8, PartialDate)>) {
    static INLINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?P<pre>[^!?:;()]{2,70}?)\s*(?:\((?P<agency>[^()]{2,24})\))?\s+[-–—]\s+\S")
            .expect("constant pattern")
    });
    let Some(c) = INLINE.captures(line) else {
        return;
    };
    let pre = c.name("pre").map_or("", |m| m.as_str());
    let starts_upper = pre.chars().next().is_some_and(|ch| !ch.is_lowercase());
    if !starts_upper || words(pre) > 8 {
        return;
    }
    let date = dates_in(pre).into_iter().next();
    if let Some(f) = &date {
        dates.push((2, f.date));
    }
    if let Some(agency) = c.name("agency") {
        out.agency = Some(agency.as_str().trim().to_string());
    }
    if out.dateline.is_none() && date.is_some_and(|f| f.span.start > 0) {
        let place = pre[..pre.find(',').unwrap_or(pre.len())].trim();
        if !place.is_empty() && words(place) <= 3 {
            out.dateline = Some(Dateline {
                parts: vec![place.to_string()],
                source_first: false,
            });
        }
    }
}

/// A credit or source line: `Source : Médias24`, `المصدر: وكالات`, `© EFE 2023`,
/// `Copyright AFP. All rights reserved.`, `LNT avec MAP`, `(MAP)`. Returns the name.
pub(super) fn credit_in(line: &str) -> Option<String> {
    static SOURCE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?i:source|sources|المصدر|مصدر)\s*:\s*(?P<name>[^.]{2,60})$")
            .expect("constant pattern")
    });
    static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?i:copyright\s*)?(?:©|\((?i:c)\))?\s*(?:\d{4}\s+)?(?P<name>\p{L}[\p{L} .&-]{0,40}?)\s*(?:\d{4})?\s*[.,]?\s*(?i:all rights reserved|tous droits réservés|جميع الحقوق محفوظة)?\.?$")
            .expect("constant pattern")
    });
    static AGENCY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\(?[\p{L} .&'’-]{0,40}\b(MAP|AFP|APS|Reuters|AP|ANSA|EFE|dpa|Xinhua|TAP|WAM|SPA|QNA|KUNA)\)?\.?$")
            .expect("constant pattern")
    });
    if words(line) > 10 {
        return None;
    }
    if let Some(c) = SOURCE.captures(line) {
        return Some(c["name"].trim().to_string());
    }
    let marked = line.starts_with('©') || line.to_lowercase().starts_with("copyright");
    if marked && let Some(c) = COPYRIGHT.captures(line) {
        return Some(c["name"].trim().to_string());
    }
    (words(line) <= 6 && AGENCY.is_match(line))
        .then(|| line.trim_matches(['(', ')', '.']).to_string())
}

fn words(line: &str) -> usize {
    line.split_whitespace().count()
}

fn ends_sentence(line: &str) -> bool {
    super::clean::ends_sentence(line)
}
