//! Raw article text -> clean paragraphs: entities decoded, quotes normalized, boilerplate
//! removed (see `boilerplate`), and the lines around the article (read by `masthead`) set
//! aside with what they say: date lines ("Published 12/03/2024 at 14:05", "Mis à jour le
//! 22 octobre 2024", "الأربعاء 13 مارس 2024 - 11:20"), bylines, datelines ("الرباط - هسبريس",
//! "رصد المغرب / أكادير", "Rabat (MAP) –"), source and credit lines ("Source : Médias24",
//! "LNT avec MAP", "© EFE 2023"), section labels and a press release's issuer.
//!
//! The article is located first: its body lines are the ones that read as sentences. What
//! comes before the first of them is the head (headline, labels, byline, date, dateline);
//! what comes after the last is the tail (credits, related articles). Rules key on that
//! shape, never on one site's strings. Whether a dateline word is a place is the registry's
//! call, made by the caller.

use super::boilerplate::{is_boilerplate, is_related_header};
use super::masthead::{credit_in, date_line, inline_dateline, is_byline, split_dateline};
use crate::dates::PartialDate;
use crate::fold::match_key;
use regex::Regex;
use std::sync::LazyLock;

/// The text, taken apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// The publication date given by a date line, a metadata fragment or the dateline.
    pub date: Option<PartialDate>,
    /// Paragraphs in order (the first may be the headline).
    pub paragraphs: Vec<String>,
    /// The words of a dateline, without its date: `["رصد المغرب", "أكادير"]`.
    pub dateline: Option<Dateline>,
    /// The agency of an inline dateline: `MAP` in `Rabat (MAP) –`.
    pub agency: Option<String>,
    /// A source or credit line (`Source : Médias24`, `LNT avec MAP`, `© EFE`), or the issuer
    /// heading a press release.
    pub credit: Option<String>,
    /// A short name standing alone after the article (`Médias24`): a weaker credit, used
    /// when no line says it is one.
    pub signature: Option<String>,
    /// The lines removed, for the report.
    pub removed: Vec<String>,
}

/// A dateline's parts: a place and a source, in an order the separator suggests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    pub parts: Vec<String>,
    /// `Source / Place` puts the source first; `Place - Source` and date lines put it last.
    pub source_first: bool,
}

pub fn clean(raw: &str) -> Cleaned {
    let mut out = Cleaned::default();
    let decoded = html_escape::decode_html_entities(raw);
    let mut text: &str = &decoded;
    let mut dates: Vec<(u8, PartialDate)> = Vec::new();
    if let Some(c) = METADATA_DATE.captures(text) {
        if let Some(d) = c.get(1).and_then(|m| PartialDate::parse(m.as_str()).ok()) {
            dates.push((0, d));
        }
        out.removed.push(c[0].trim().to_string());
        text = &text[c.get(0).map_or(0, |m| m.end())..];
    }
    let lines = drop_boilerplate(text, &mut out.removed);
    let first_body = lines.iter().position(|l| is_body_line(l));
    let last_body = lines.iter().rposition(|l| is_body_line(l));
    let head_end = first_body.unwrap_or(0);
    for (i, line) in lines.iter().enumerate() {
        let set_aside = if i < head_end {
            head_line(line, i, i + 1 < head_end, &mut out, &mut dates)
        } else {
            let in_tail = last_body.is_some_and(|last| i > last);
            other_line(line, in_tail, &mut out, &mut dates)
        };
        if set_aside {
            out.removed.push(line.clone());
            continue;
        }
        if Some(i) == first_body {
            inline_dateline(line, &mut out, &mut dates);
        }
        out.paragraphs.push(line.clone());
    }
    dates.sort_by_key(|(rank, _)| *rank);
    out.date = dates.first().map(|(_, d)| *d);
    out
}

/// Normalized non-empty lines without boilerplate; the short lines under a bare "related
/// articles" header go too (they are other articles' headlines), up to the next body line.
fn drop_boilerplate(text: &str, removed: &mut Vec<String>) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_related = false;
    for line in text.lines().map(normalize_line).filter(|l| !l.is_empty()) {
        let folded = match_key(&line);
        if is_related_header(&folded) {
            in_related = true;
            removed.push(line);
            continue;
        }
        if in_related && !is_body_line(&line) && words(&line) <= 20 {
            removed.push(line);
            continue;
        }
        in_related = false;
        if is_boilerplate(&folded) {
            removed.push(line);
            continue;
        }
        lines.push(line);
    }
    lines
}

/// A line that reads as running text: a sentence of some length, or a long paragraph.
fn is_body_line(line: &str) -> bool {
    let n = words(line);
    (n >= 8 && ends_sentence(line)) || n >= 35
}

pub(super) fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['»', '”', '"', '’', '\'', ')', ' '])
        .ends_with(['.', '!', '?', '؟', '…'])
}

fn words(line: &str) -> usize {
    line.split_whitespace().count()
}

/// A line of the head; true when it is set aside (the headline and a standfirst stay).
fn head_line(
    line: &str,
    position: usize,
    more_head_follows: bool,
    out: &mut Cleaned,
    dates: &mut Vec<(u8, PartialDate)>,
) -> bool {
    // The first line is where the headline is: it is a date line only when labelled so.
    if let Some(found) = date_line(line, position == 0) {
        dates.extend(found.dates);
        if out.dateline.is_none() && !found.rest.is_empty() {
            out.dateline = Some(Dateline {
                parts: found.rest,
                source_first: false,
            });
        }
        return true;
    }
    if is_byline(line) {
        return true;
    }
    if position > 0
        && out.dateline.is_none()
        && let Some(d) = split_dateline(line)
    {
        out.dateline = Some(d);
        return true;
    }
    if more_head_follows {
        // A section label ("Politique", "PRESS RELEASE", "بلاغ صحفي") above the headline.
        if words(line) <= 2 && !ends_sentence(line) {
            return true;
        }
        // The issuer heading a press release, above its headline.
        if ISSUER.is_match(&match_key(line)) && !ends_sentence(line) {
            out.credit.get_or_insert_with(|| line.to_string());
            return true;
        }
    }
    false
}

/// A line of the body or the tail; true when it is set aside.
fn other_line(
    line: &str,
    in_tail: bool,
    out: &mut Cleaned,
    dates: &mut Vec<(u8, PartialDate)>,
) -> bool {
    if is_byline(line) {
        return true;
    }
    if let Some(name) = credit_in(line) {
        out.credit.get_or_insert(name);
        return true;
    }
    if in_tail {
        if let Some(found) = date_line(line, true) {
            dates.extend(found.dates);
            return true;
        }
        // A short name alone after the article ("Médias24", "LNT avec MAP") credits it.
        let first = line.chars().next().unwrap_or(' ');
        if words(line) <= 4 && !ends_sentence(line) && !first.is_lowercase() {
            out.signature.get_or_insert_with(|| line.to_string());
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

/// Collapses spaces and normalizes the odd quote characters scrapers leave behind.
fn normalize_line(line: &str) -> String {
    let line: String = line
        .chars()
        .map(|c| match c {
            '¨' => '”',
            '„' | '‟' => '“',
            '\u{00A0}' | '\u{2007}' | '\u{202F}' => ' ',
            other => other,
        })
        .filter(|c| !c.is_control() || *c == '\t')
        .collect();
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_in_three_languages_is_removed() {
        let text = "Body one is a sentence of the article, long enough to read as one.\nBack to top button\nShare this article\nRead also: Another story\nLaissez un commentaire\nÀ lire aussi : autre chose\nأضف تعليقا\nاقرأ أيضا: خبر آخر\nerror: Content is protected !!\nBody two is another sentence of the article, also long enough.";
        let c = clean(text);
        assert_eq!(c.paragraphs.len(), 2, "{:?}", c.paragraphs);
        assert_eq!(c.removed.len(), 8, "{:?}", c.removed);
    }

    #[test]
    fn metadata_dateline_and_credit_are_set_aside() {
        let c = clean(
            " date 2024-09 Le Maroc a conclu un accord important avec ses partenaires africains.\n\nLNT avec MAP\n\nPartagez cet article :",
        );
        assert_eq!(c.date.map(|d| d.iso()).as_deref(), Some("2024-09"));
        assert_eq!(c.paragraphs.len(), 1);
        assert_eq!(c.credit.as_deref(), Some("LNT avec MAP"));
        let c = clean(
            "\nعنوان الخبر هنا\nرصد المغرب / أكادير\nنص الخبر الطويل الذي يروي ما حدث في المدينة أمس.",
        );
        let d = c.dateline.expect("dateline");
        assert_eq!(
            (d.parts, d.source_first),
            (vec!["رصد المغرب".to_string(), "أكادير".to_string()], true)
        );
        assert_eq!(c.paragraphs[0], "عنوان الخبر هنا");
    }

    /// Issue 14: a headline with a slash was taken for a dateline and lost.
    #[test]
    fn a_headline_with_a_slash_stays_a_headline() {
        let c = clean(
            "Maroc/Espagne : accord sécuritaire renforcé à Rabat\nLe ministre a signé mardi à Rabat un accord renforçant la coopération.",
        );
        assert_eq!(
            c.paragraphs[0],
            "Maroc/Espagne : accord sécuritaire renforcé à Rabat"
        );
        assert_eq!(c.dateline, None);
    }

    #[test]
    fn date_lines_anywhere_in_the_head_and_published_before_updated() {
        let c = clean(
            "Un titre d’article assez long\nPar Salma Idrissi\nPublié le 12/03/2024 à 14h05 | Mis à jour le 13/03/2024 à 09h12\nLe texte de l’article commence ici et continue longtemps.",
        );
        assert_eq!(c.date.map(|d| d.iso()).as_deref(), Some("2024-03-12"));
        assert_eq!(c.removed.len(), 2);
        let c = clean(
            "A headline of some words\nHespress English - Tuesday 2 July 2024 - 10:12\nThe body of the article starts here and goes on for a while.",
        );
        assert_eq!(c.date.map(|d| d.iso()).as_deref(), Some("2024-07-02"));
        assert_eq!(
            c.dateline.map(|d| d.parts),
            Some(vec!["Hespress English".to_string()])
        );
    }

    #[test]
    fn inline_datelines_give_agency_and_date() {
        let c = clean(
            "Headline here for the test\nParis, 7 October 2023 (Reuters) - Officials met in Paris on Saturday to discuss things.",
        );
        assert_eq!(c.agency.as_deref(), Some("Reuters"));
        assert_eq!(c.date.map(|d| d.iso()).as_deref(), Some("2023-10-07"));
    }

    /// Found on the held-out articles: a copyright line with both markers, and a footer link
    /// that must not pass for the outlet's name.
    #[test]
    fn explicit_credits_outrank_a_short_line_after_the_article() {
        let c = clean(
            "A headline of a few words\nThe body of the article is a sentence of some length here.\nCopyright © 2024 Morocco World News. All rights reserved.\nSite Map",
        );
        assert_eq!(c.credit.as_deref(), Some("Morocco World News"));
        assert_eq!(c.signature.as_deref(), Some("Site Map"));
        let c = clean(
            "Un titre assez court ici\nDernière mise à jour : 20 mars 2024 à 12:30\nLe corps de l’article est une phrase d’une certaine longueur.",
        );
        assert_eq!(c.date.map(|d| d.iso()).as_deref(), Some("2024-03-20"));
        assert_eq!(c.paragraphs.len(), 2);
    }

    #[test]
    fn entities_and_odd_quotes_are_normalized() {
        let c = clean("He said &#8220;yes&#8221; &amp; left,¨ they wrote.");
        assert_eq!(c.paragraphs, ["He said “yes” & left,” they wrote."]);
    }
}
