//! Lines of an input -> the article: which lines are its text (the classifier's call,
//! [`super::classify`]), which are its masthead (date lines, bylines, datelines, credits,
//! section labels, a press release's issuer: read by [`super::masthead`] where they may
//! stand), what those say, and the headline candidates above the text.
//!
//! The article's dense core runs from its first good line to its last. What comes before is
//! the head (headline, labels, byline, date, dateline); what comes after is the tail (credits,
//! related articles, footer). The masthead readers are tried only where their lines stand:
//! date lines and datelines in the head, labelled dates and signatures in the tail.

use super::chrome::is_related_header;
use super::classify::{Class, Context, classify, revise};
use super::line::{Line, ends_sentence, is_menu, words};
use super::masthead::{
    CreditKind, Dateline, credit_in, date_line, inline_dateline, is_byline, split_dateline,
};
use crate::dates::PartialDate;
use crate::fold::match_key;
use regex::Regex;
use std::sync::LazyLock;

/// How a date was given, best first: labelled as the publication ("Published", "Publié le",
/// "نشر في"), a date line without a label, labelled as an update ("Updated", "Mis à jour",
/// "آخر تحديث"), an inline dateline. (Page metadata and the lead are weighed by the caller.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DateRank {
    Published,
    Plain,
    Updated,
    Dateline,
}

/// The input, taken apart.
#[derive(Debug, Clone, Default)]
pub struct Article {
    /// Lines of the head that may be the headline, with their index in the input.
    pub head: Vec<(usize, Line)>,
    /// Indices of the article's lines (its text), in order.
    pub text: Vec<usize>,
    /// Every line, normalized.
    pub lines: Vec<Line>,
    /// Dates the masthead gives, with how each was given and the line it was read from.
    pub dates: Vec<(DateRank, usize, PartialDate)>,
    /// The words of a dateline, without its date: `["رصد المغرب", "أكادير"]`.
    pub dateline: Option<Dateline>,
    /// The agency of an inline dateline: `MAP` in `Rabat (MAP) –`.
    pub agency: Option<String>,
    /// Source and credit lines (`Source : Médias24`, `LNT avec MAP`, `© EFE`) and the issuer
    /// heading a press release, in order.
    pub credits: Vec<(CreditKind, String)>,
    /// Short lines standing alone above or after the article (`Médias24`): weak source
    /// evidence.
    pub signatures: Vec<String>,
    /// Bylines (`Par Le360 (avec MAP)`): an outlet may sign as the author.
    pub bylines: Vec<String>,
}

/// Reads the article out of its lines.
pub fn read_article(mut lines: Vec<Line>, cx: &Context) -> Article {
    let mut out = Article::default();
    if let Some(first) = lines.first_mut()
        && let Some(c) = METADATA_DATE.captures(&first.text.clone())
    {
        if let Some(d) = c.get(1).and_then(|m| PartialDate::parse(m.as_str()).ok()) {
            out.dates.push((DateRank::Published, 0, d));
        }
        first.text = first.text[c.get(0).map_or(0, |m| m.end())..].to_string();
    }
    let mut classes = classify(&lines, cx);
    // A text with no line good by the absolute marks (a site that writes no full stops, a
    // PDF copy) still has an article: its near-good lines, and its long short ones.
    if !classes.contains(&Class::Good) {
        for (class, line) in classes.iter_mut().zip(&lines) {
            let long =
                words(&line.text) >= 10 && !super::chrome::is_chrome_phrase(&match_key(&line.text));
            if *class == Class::NearGood || (*class == Class::Short && long) {
                *class = Class::Good;
            }
        }
    }
    mark_related_lists(&lines, &mut classes);
    let first_good = classes.iter().position(|c| *c == Class::Good);
    let last_good = classes.iter().rposition(|c| *c == Class::Good);
    let (start, end) = match (first_good, last_good) {
        (Some(a), Some(b)) => (a, b),
        _ => {
            let near = classes.iter().position(|c| *c >= Class::NearGood);
            (near.unwrap_or(0), classes.len().saturating_sub(1))
        }
    };
    let mut aside = vec![false; lines.len()];
    for (i, line) in lines.iter().enumerate() {
        let text = line.text.as_str();
        aside[i] = if i < start {
            head_line(text, i, i + 1 < start, &mut out)
        } else {
            other_line(text, i, i > end, &mut out)
        };
    }
    for (i, a) in aside.iter().enumerate() {
        if *a {
            classes[i] = Class::Bad;
        }
    }
    let kept = revise(&classes);
    if let Some(first) = (0..lines.len()).find(|&i| kept[i] && i >= start)
        && let Some(inline) = inline_dateline(&lines[first].text)
    {
        if let Some(d) = inline.date {
            out.dates.push((DateRank::Dateline, first, d));
        }
        if inline.agency.is_some() {
            out.agency = inline.agency;
        }
        if out.dateline.is_none()
            && let Some(place) = inline.place
        {
            out.dateline = Some(Dateline {
                parts: vec![place],
                source_first: false,
            });
        }
    }
    for (i, line) in lines.iter().enumerate() {
        if i < start && !aside[i] && headline_shaped(&line.text) {
            out.head.push((i, line.clone()));
        }
    }
    out.text = (0..lines.len()).filter(|&i| kept[i]).collect();
    out.lines = lines;
    out
}

/// A line that may be a headline: a few words, no menu, not a sentence's end.
fn headline_shaped(line: &str) -> bool {
    let n = words(line);
    (1..=30).contains(&n)
        && !super::line::starts_lowercase(line)
        && line.chars().count() <= 250
        && !line.trim_end().ends_with([',', ';', ':'])
        && !is_menu(line)
}

/// The lines under a bare "related articles" header are other articles' headlines, up to the
/// next good line.
fn mark_related_lists(lines: &[Line], classes: &mut [Class]) {
    let mut in_related = false;
    for (i, line) in lines.iter().enumerate() {
        if is_related_header(&match_key(&line.text)) {
            in_related = true;
            classes[i] = Class::Bad;
        } else if in_related && classes[i] != Class::Good && words(&line.text) <= 20 {
            classes[i] = Class::Bad;
        } else {
            in_related = false;
        }
    }
}

/// A line of the head; true when it is set aside as masthead.
fn head_line(line: &str, position: usize, more_head_follows: bool, out: &mut Article) -> bool {
    // A menu or breadcrumb trail says nothing about the article.
    if is_menu(line) {
        return false;
    }
    // The first line is where a headline usually is: it is a date line only when labelled so.
    if let Some(found) = date_line(line, position == 0) {
        out.dates
            .extend(found.dates.into_iter().map(|(r, d)| (rank(r), position, d)));
        if out.dateline.is_none() && !found.rest.is_empty() {
            out.dateline = Some(Dateline {
                parts: found.rest,
                source_first: false,
            });
        }
        return true;
    }
    if is_byline(line) {
        out.bylines.push(line.to_string());
        return true;
    }
    if position > 0
        && out.dateline.is_none()
        && let Some(d) = split_dateline(line)
    {
        out.dateline = Some(d);
        return true;
    }
    // A short name in the head may be the outlet's masthead ("Hespress"): weak evidence,
    // which counts only when the registry knows the outlet.
    if words(line) <= 4 && !ends_sentence(line) {
        out.signatures.push(line.to_string());
    }
    // The issuer heading a press release, above its headline.
    if more_head_follows
        && ISSUER.is_match(&match_key(line))
        && !ends_sentence(line)
        && words(line) <= 16
    {
        out.credits.push((CreditKind::Issuer, line.to_string()));
        return true;
    }
    // A section label ("Politique", "PRESS RELEASE", "بلاغ صحفي") above the headline.
    if more_head_follows && words(line) <= 2 && !ends_sentence(line) {
        return true;
    }
    if let Some(credit) = credit_in(line) {
        out.credits.push(credit);
        return true;
    }
    false
}

fn rank(r: u8) -> DateRank {
    match r {
        0 => DateRank::Published,
        1 => DateRank::Plain,
        _ => DateRank::Updated,
    }
}

/// A line of the body or the tail; true when it is set aside.
fn other_line(line: &str, position: usize, in_tail: bool, out: &mut Article) -> bool {
    if is_byline(line) {
        out.bylines.push(line.to_string());
        return true;
    }
    if let Some(credit) = credit_in(line) {
        out.credits.push(credit);
        return true;
    }
    if in_tail {
        if let Some(found) = date_line(line, true) {
            out.dates
                .extend(found.dates.into_iter().map(|(r, d)| (rank(r), position, d)));
            return true;
        }
        // A short name alone after the article ("Médias24") may credit it.
        let first = line.chars().next().unwrap_or(' ');
        if words(line) <= 4 && !ends_sentence(line) && !first.is_lowercase() {
            out.signatures.push(line.to_string());
            return true;
        }
    }
    false
}

/// ` date 2024-09 ` (any case, optional colon) glued to the very start of the text.
static METADATA_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?i:date)\s*:?\s*(\d{4}(?:-\d{2}){0,2})\s+").expect("constant pattern")
});

/// Words that open a press release's issuer line, matched on the line's `match_key` (the
/// pattern is folded the same way when compiled).
static ISSUER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&crate::fold::pattern(
        r"^(ministry|ministère|embassy|ambassade|office of|cabinet|وزارة|سفارة|ديوان)\b",
    ))
    .expect("constant pattern")
});
