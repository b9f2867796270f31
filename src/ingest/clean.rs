//! Raw article text -> clean paragraphs: entities decoded, quotes normalized, boilerplate
//! removed (share and comment prompts, "back to top", "read also", related posts, scraper
//! errors, in English, French and Arabic), and source/dateline/credit lines set aside.
//!
//! Boilerplate is recognized by patterns over whole lines, not by the seeds' exact strings:
//! other sites say the same things differently.

use crate::names::match_key;
use regex::Regex;
use std::sync::LazyLock;

/// The text, taken apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// A metadata fragment such as ` date 2024-09` glued to the start, if any.
    pub metadata_date: Option<String>,
    /// Paragraphs in order (the first may be the headline).
    pub paragraphs: Vec<String>,
    /// `رصد المغرب / أكادير`: source and place.
    pub dateline: Option<(String, String)>,
    /// A credit line such as `LNT avec MAP`.
    pub credit: Option<String>,
    /// The lines removed as boilerplate, for the report.
    pub removed: Vec<String>,
}

/// Whole-line boilerplate, matched against the line folded by `match_key` (lowercase, no
/// diacritics, no punctuation, Arabic article and hamza forms folded).
static BOILERPLATE: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        // English
        r"^(scroll )?back to (the )?top( button)?$",
        r"^leave (a|your) (reply|comment)( cancel reply)?$",
        r"^you must be (logged|signed) in to (post|leave) a comment$",
        r"^(share|share this( article| story| post)?|share on \w+( and \w+)*)$",
        r"^(related|similar|more) (posts|articles|stories|news)$",
        r"^(read|see) (also|more)( \w+){0,12}$",
        r"^(error )?content is protected$",
        r"^click (here )?to (share|print|email|tweet)( \w+){0,6}$",
        r"^(tweet|print|email|whatsapp|facebook|twitter|linkedin|telegram)( \w+){0,4}$",
        r"^(sign up|subscribe)( \w+){0,4} newsletter( \w+){0,6}$",
        r"^(\d+ )?comments?( \d+)?$",
        r"^(no comments yet|be the first to comment)$",
        r"^follow us( on \w+)*$",
        r"^(advertisement|sponsored)$",
        // French
        r"^(partagez|partager)( cet article| sur \w+( et \w+)*| la publication)?$",
        r"^((a|à) )?lire (aussi|egalement|la suite|plus)( \w+){0,12}$",
        r"^retour (en|vers le) haut( de (la )?page)?$",
        r"^(laisser|laissez|ajouter) un commentaire$",
        r"^vous devez (etre|vous) connecte(e)?( \w+){0,8}$",
        r"^articles? (similaires|lies|connexes|recommandes)$",
        r"^(publicite|imprimer|envoyer par e ?mail)$",
        r"^suivez( nous)?( sur \w+)*$",
        // Arabic (already folded: no hamza on alef, taa marbuta as haa, article stripped)
        r"^(ارسال|اضف|اضافه|اكتب|اترك) (تعليق|تعليقا|تعليقك)$",
        r"^(اقرا|إقرا) (ايضا|كذلك)( \S+){0,12}$",
        r"^(مقالات|اخبار|مواضيع) (ذات صله|مشابهه|متعلقه)$",
        r"^(شارك|شاركوا|مشاركه)( \S+){0,3}$",
        r"^(عوده|رجوع) (الى|إلى) (اعلى|اعلي)( صفحه)?$",
        r"^تابعونا( على \S+)*$",
        r"^(تعليقات|تعليق|اعلان)$",
    ]
    .iter()
    .map(|p| Regex::new(p).expect("boilerplate patterns are constants"))
    .collect()
});

/// ` date 2024-09 ` (any case, optional colon) at the very start of the text.
static METADATA_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?i:date)\s*:?\s*(\d{4}(?:-\d{2}){0,2})\s+").expect("constant pattern")
});

/// A credit line: a short line naming a news agency (`LNT avec MAP`, `With AFP`, `(MAP)`).
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(?[\p{L} .&'’-]{0,40}\b(MAP|AFP|APS|Reuters|AP|ANSA|EFE|dpa|Xinhua|TAP|WAM|SPA|QNA|KUNA)\)?\.?$")
        .expect("constant pattern")
});

pub fn clean(raw: &str) -> Cleaned {
    let mut out = Cleaned::default();
    let decoded = html_escape::decode_html_entities(raw);
    let mut text: &str = &decoded;
    if let Some(c) = METADATA_DATE.captures(text) {
        out.metadata_date = c.get(1).map(|m| m.as_str().to_string());
        text = &text[c.get(0).map_or(0, |m| m.end())..];
    }
    let lines: Vec<String> = text
        .lines()
        .map(normalize_line)
        .filter(|l| !l.is_empty())
        .collect();
    for (i, line) in lines.iter().enumerate() {
        let folded = match_key(line);
        if BOILERPLATE.iter().any(|re| re.is_match(&folded)) {
            out.removed.push(line.clone());
            continue;
        }
        let words = line.split_whitespace().count();
        let sentence_end = line.ends_with(['.', '!', '?', '؟', '»', '”', '"', ':']);
        // `Source / Place` near the top, short and without sentence punctuation.
        if i <= 2
            && out.dateline.is_none()
            && words <= 8
            && !sentence_end
            && let Some((source, place)) = line.split_once(" / ").or_else(|| line.split_once('/'))
            && !source.trim().is_empty()
            && !place.trim().is_empty()
        {
            out.dateline = Some((source.trim().to_string(), place.trim().to_string()));
            continue;
        }
        if words <= 6 && out.credit.is_none() && CREDIT.is_match(line) && i + 3 >= lines.len() {
            out.credit = Some(line.trim_matches(['(', ')', '.']).to_string());
            continue;
        }
        out.paragraphs.push(line.clone());
    }
    out
}

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
        let text = "Body one.\nBack to top button\nShare this article\nRead also: Another story\nLaissez un commentaire\nÀ lire aussi : autre chose\nأضف تعليقا\nاقرأ أيضا: خبر آخر\nerror: Content is protected !!\nBody two.";
        let c = clean(text);
        assert_eq!(c.paragraphs, ["Body one.", "Body two."]);
        assert_eq!(c.removed.len(), 8, "{:?}", c.removed);
    }

    #[test]
    fn metadata_dateline_and_credit_are_set_aside() {
        let c = clean(" date 2024-09 Le Maroc a conclu.\n\nLNT avec MAP\n\nPartagez cet article :");
        assert_eq!(c.metadata_date.as_deref(), Some("2024-09"));
        assert_eq!(c.paragraphs, ["Le Maroc a conclu."]);
        assert_eq!(c.credit.as_deref(), Some("LNT avec MAP"));
        let c = clean("\nعنوان الخبر هنا\nرصد المغرب / أكادير\nنص الخبر.");
        assert_eq!(c.dateline, Some(("رصد المغرب".into(), "أكادير".into())));
        assert_eq!(c.paragraphs, ["عنوان الخبر هنا", "نص الخبر."]);
    }

    #[test]
    fn entities_and_odd_quotes_are_normalized() {
        let c = clean("He said &#8220;yes&#8221; &amp; left,¨ they wrote.");
        assert_eq!(c.paragraphs, ["He said “yes” & left,” they wrote."]);
    }
}
