//! The lines around an article's text that say when, where and by whom: date lines
//! ("Published 12/03/2024 at 14:05", "Hespress English - Tuesday 2 July 2024 - 10:12",
//! "الرباط في ٢٣ شتنبر ٢٠٢٤"), datelines (`رصد المغرب / أكادير`, `Rabat (MAP) –`), bylines,
//! and source, credit and copyright lines. Each reader takes one line and says what it holds;
//! `article` decides where in the article a line may be read so.

use super::date_text::dates_in;
use super::line::{ends_sentence, words};
use crate::dates::PartialDate;
use crate::fold::match_key;
use regex::Regex;
use std::sync::LazyLock;

/// A dateline's parts: a place and a source, in an order the separator suggests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    pub parts: Vec<String>,
    /// `Source / Place` puts the source first; `Place - Source` and date lines put it last.
    pub source_first: bool,
}

/// What an inline dateline opening the body says: its agency, date and place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline {
    pub agency: Option<String>,
    pub date: Option<PartialDate>,
    /// The place, when the dateline also gives a date (`Paris, 7 October 2023 (Reuters) -`).
    pub place: Option<String>,
}

/// What a date line holds: its dates, ranked (0 labelled as published, 1 unlabelled,
/// 2 labelled as an update), and the words left
/// once dates, times, weekdays, labels and authors are taken out.
pub(super) struct DateLine {
    pub dates: Vec<(u8, PartialDate)>,
    pub rest: Vec<String>,
}

/// The words of `data/date-words.txt`, folded by `match_key`: (published, updated, every
/// label word).
struct DateWords {
    published: Vec<String>,
    updated: Vec<String>,
    all: Vec<String>,
}

static DATE_WORDS: LazyLock<DateWords> = LazyLock::new(|| {
    let mut w = DateWords {
        published: Vec::new(),
        updated: Vec::new(),
        all: Vec::new(),
    };
    for line in include_str!("data/date-words.txt").lines() {
        let Some((kind, words)) = line.split_once(':') else {
            continue;
        };
        for word in words
            .split_whitespace()
            .map(match_key)
            .filter(|k| !k.is_empty())
        {
            match kind.trim() {
                "published" => w.published.push(word.clone()),
                "updated" => w.updated.push(word.clone()),
                _ => {}
            }
            w.all.push(word);
        }
    }
    w
});

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
        let updated = label
            .split(' ')
            .any(|w| DATE_WORDS.updated.iter().any(|u| u == w));
        let published = label
            .split(' ')
            .any(|w| DATE_WORDS.published.iter().any(|u| u == w));
        let rank = if published {
            0
        } else if updated {
            2
        } else {
            1
        };
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
                .any(|w| DATE_WORDS.all.iter().any(|d| d == w) && w.chars().count() > 2)
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
                !k.is_empty()
                    && !DATE_WORDS.all.contains(&k)
                    && !TIME.is_match(w)
                    && !k.chars().all(|c| c.is_numeric() || c == ' ')
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
    let separators = [" / ", " - ", " – ", " — "];
    if separators
        .iter()
        .map(|s| line.matches(s).count())
        .sum::<usize>()
        > 1
    {
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
pub(super) fn inline_dateline(line: &str) -> Option<Inline> {
    static INLINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?P<pre>[^!?:;()]{2,70}?)\s*(?:\((?P<agency>[^()]{2,24})\))?\s+[-–—]\s+\S")
            .expect("constant pattern")
    });
    let c = INLINE.captures(line)?;
    let pre = c.name("pre").map_or("", |m| m.as_str());
    let starts_upper = pre.chars().next().is_some_and(|ch| !ch.is_lowercase());
    if !starts_upper || words(pre) > 8 {
        return None;
    }
    let date = dates_in(pre).into_iter().next();
    let place = date
        .as_ref()
        .filter(|f| f.span.start > 0)
        .map(|_| pre[..pre.find(',').unwrap_or(pre.len())].trim())
        .filter(|p| !p.is_empty() && words(p) <= 3)
        .map(str::to_string);
    Some(Inline {
        agency: c.name("agency").map(|a| a.as_str().trim().to_string()),
        date: date.map(|f| f.date),
        place,
    })
}

/// What kind of credit a line gives, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CreditKind {
    /// `Source : Médias24`, `المصدر: وكالات`.
    Labelled,
    /// An agency's dispatch carried by an outlet: `LNT avec MAP`, `(MAP)`, `Avec AFP`.
    Wire,
    /// The ministry or embassy heading its press release.
    Issuer,
    /// `© EFE 2023`, `Copyright AFP. All rights reserved.`
    Copyright,
}

/// A credit or source line: `Source : Médias24`, `المصدر: وكالات`, `© EFE 2023`,
/// `Copyright AFP. All rights reserved.`, `LNT avec MAP`, `(MAP)`. Returns its kind and the
/// name, without its label.
pub(super) fn credit_in(line: &str) -> Option<(CreditKind, String)> {
    static SOURCE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?i:source|sources|المصدر|مصدر|via|ذكرت|نقلا عن)\s*:\s*(?P<name>[^.]{2,60}?)\.?$",
        )
        .expect("constant pattern")
    });
    static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?i:copyright\s*)?(?:©|\((?i:c)\))?\s*(?i:copyright\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<name>\p{L}[\p{L}\d .&'’-]{0,50}?)\s*(?:\d{4})?\s*[.,|-]?\s*(?i:all rights reserved|tous droits réservés|جميع الحقوق محفوظة)?\.?$")
            .expect("constant pattern")
    });
    static WIRE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\(?(?P<name>[\p{L}\d .&'’-]{0,40}?\s*(?:\b(?i:avec|with|et|and|via)\s+)?\b(?:MAP|AFP|APS|Reuters|AP|ANSA|EFE|dpa|Xinhua|TAP|WAM|SPA|QNA|KUNA|MENA|APA|AA))\)?\.?$")
            .expect("constant pattern")
    });
    if words(line) > 12 {
        return None;
    }
    if let Some(c) = SOURCE.captures(line) {
        return Some((CreditKind::Labelled, c["name"].trim().to_string()));
    }
    let lower = line.to_lowercase();
    let marked = line.starts_with('©')
        || lower.starts_with("copyright")
        || lower.starts_with("(c)")
        || lower.contains("all rights reserved")
        || lower.contains("tous droits réservés")
        || line.contains("جميع الحقوق محفوظة");
    // "© 2025 The Sahel Observer. Powered by WordPress": the name ends with its sentence.
    let line = match line.find(". ").or_else(|| line.find(" | ")) {
        Some(end) if marked && !lower.starts_with("copyright .") => &line[..end],
        _ => line,
    };
    if marked && let Some(c) = COPYRIGHT.captures(line) {
        let name = c["name"]
            .trim()
            .trim_end_matches(['.', ',', '-', '|'])
            .trim();
        if !name.is_empty() {
            return Some((CreditKind::Copyright, name.to_string()));
        }
    }
    if words(line) <= 6
        && let Some(c) = WIRE.captures(line)
    {
        let name = c["name"].trim();
        let name = name
            .strip_prefix("Avec ")
            .or_else(|| name.strip_prefix("avec "))
            .or_else(|| name.strip_prefix("With "))
            .or_else(|| name.strip_prefix("with "))
            .unwrap_or(name);
        return Some((CreditKind::Wire, name.trim().to_string()));
    }
    None
}
