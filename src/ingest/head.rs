//! The headline: the best-scored candidate above the article's text. A candidate is a head
//! line of headline shape that no masthead reader took (not a menu, breadcrumb, banner, date
//! line or byline); it scores for being a page's `<h1>`, for agreeing with the page's own
//! title, for being printed twice, for its length, and for standing close to the text. An
//! " | Outlet" or " - Outlet" suffix is split off and handed on as source evidence.

use super::chrome::is_chrome_phrase;
use super::line::{Line, ends_sentence, words};
use crate::fold::match_key;

/// The chosen headline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headline {
    pub text: String,
    /// The lines it was read from (two when the page prints it twice); none for a page's
    /// metadata title.
    pub lines: Vec<usize>,
    /// The outlet a suffix named (`… | Hespress`).
    pub suffix: Option<String>,
}

/// What the choice reads besides the candidates.
pub struct HeadContext<'a> {
    /// The page's own title (`og:title`, JSON-LD `headline`, `<title>`), when it is a page.
    pub meta_title: Option<&'a str>,
    /// Index of the first line of the article's text.
    pub text_start: usize,
    /// Whether a name is a known outlet (the sources registry).
    pub is_outlet: &'a dyn Fn(&str) -> bool,
    /// Lines (as `match_key`s) repeated across the inputs of the run: site chrome.
    pub repeated: &'a rustc_hash::FxHashSet<String>,
}

/// The best headline among the candidates, or the page's own title when no line is one.
pub fn choose_headline(candidates: &[(usize, Line)], cx: &HeadContext) -> Option<Headline> {
    let meta = cx.meta_title.map(|t| split_suffix(t, cx.is_outlet));
    let meta_key = meta.as_ref().map(|(t, _)| match_key(t));
    let mut best: Option<(i32, usize)> = None;
    for (k, (i, line)) in candidates.iter().enumerate() {
        let (text, _) = split_suffix(&line.text, cx.is_outlet);
        let key = match_key(&text);
        if key.is_empty() || cx.repeated.contains(&match_key(&line.text)) {
            continue;
        }
        let n = words(&text);
        let mut score = 0;
        if is_chrome_phrase(&key) {
            score -= 6;
        }
        if ends_sentence(&text) && !text.trim_end().ends_with(['?', '!', '؟']) {
            score -= 2;
        }
        score += match n {
            0..=2 => -3,
            3 => -1,
            4..=20 => 2,
            // A standfirst is longer than a headline.
            21..=25 => 1,
            _ => -1,
        };
        // A full date is a date line's, not a headline's.
        if super::date_text::dates_in(&text)
            .iter()
            .any(|f| f.date.day.is_some())
        {
            score -= 4;
        }
        // The outlet's own name printed above its article is its masthead, not a headline.
        if (cx.is_outlet)(&text) {
            score -= 6;
        }
        score += match line.markup.heading {
            1 => 4,
            2 | 3 => 1,
            _ => 0,
        };
        if line.markup.chrome && !line.markup.main {
            score -= 2;
        }
        if let Some(m) = &meta_key
            && !m.is_empty()
            && (*m == key || m.contains(&key) && n >= 4 || key.contains(m.as_str()))
        {
            score += 5;
        }
        if candidates
            .iter()
            .any(|(j, other)| j != i && match_key(&other.text) == match_key(&line.text))
        {
            score += 2;
        }
        // Nearer the text is likelier: one point lost per line between.
        score -= (cx.text_start.saturating_sub(*i + 1)).min(6) as i32 / 2;
        if best.is_none_or(|(s, _)| score >= s) {
            best = Some((score, k));
        }
    }
    // Plain text that opens with one line above its first paragraph opens with its headline,
    // whatever that line says ("Search" is a headline there, chrome elsewhere).
    let opening = match candidates {
        [(0, _)] if cx.text_start == 1 && cx.meta_title.is_none() => Some((1, 0)),
        _ => None,
    };
    match best.filter(|(score, _)| *score > 0).or(opening) {
        Some((_, k)) => {
            let (i, line) = &candidates[k];
            let (text, suffix) = split_suffix(&line.text, cx.is_outlet);
            let key = match_key(&line.text);
            let lines = candidates
                .iter()
                .filter(|(_, l)| match_key(&l.text) == key)
                .map(|(j, _)| *j)
                .chain(std::iter::once(*i))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            Some(Headline {
                text,
                lines,
                suffix: suffix.or_else(|| meta.and_then(|(_, s)| s)),
            })
        }
        _ => meta
            .filter(|(t, _)| words(t) >= 3)
            .map(|(text, suffix)| Headline {
                text,
                lines: Vec::new(),
                suffix,
            }),
    }
}

/// Separators between a headline and the outlet that pages append to it.
const SUFFIX_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · "];

/// A headline and the outlet after it: `Morocco, Spain agree | Hespress`. After ` | `, `::`
/// or `·` any short name is an outlet; after a dash only a known one (`Rabat - Madrid` is a
/// headline's own dash).
pub fn split_suffix(title: &str, is_outlet: &dyn Fn(&str) -> bool) -> (String, Option<String>) {
    for sep in SUFFIX_SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let (head, tail) = (head.trim(), tail.trim());
            let plausible =
                words(head) >= 3 && (1..=4).contains(&words(tail)) && !ends_sentence(tail);
            let dash = matches!(*sep, " - " | " – " | " — ");
            if plausible && (!dash || is_outlet(tail) || tail.contains('.')) {
                return (head.to_string(), Some(tail.to_string()));
            }
        }
    }
    (title.trim().to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choose(lines: &[&str], start: usize, meta: Option<&str>) -> Option<Headline> {
        let candidates: Vec<(usize, Line)> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| (i, Line::plain(*l)))
            .collect();
        let repeated = Default::default();
        let is_outlet = |s: &str| s == "Hespress";
        choose_headline(
            &candidates,
            &HeadContext {
                meta_title: meta,
                text_start: start,
                is_outlet: &is_outlet,
                repeated: &repeated,
            },
        )
    }

    #[test]
    fn chrome_above_the_headline_is_not_the_headline() {
        let h = choose(
            &[
                "Skip to content",
                "Morocco and Spain agree to step up cooperation",
            ],
            2,
            None,
        )
        .expect("headline");
        assert_eq!(h.text, "Morocco and Spain agree to step up cooperation");
    }

    #[test]
    fn suffixes_are_split_off_as_the_outlet() {
        let (t, s) = split_suffix("Morocco and Spain agree on security | Le Desk", &|_| false);
        assert_eq!(
            (t.as_str(), s.as_deref()),
            ("Morocco and Spain agree on security", Some("Le Desk"))
        );
        let (t, s) = split_suffix("Morocco hosts talks on the Sahel - Hespress", &|n| {
            n == "Hespress"
        });
        assert_eq!(
            (t.as_str(), s.as_deref()),
            ("Morocco hosts talks on the Sahel", Some("Hespress"))
        );
        let (t, s) = split_suffix("Talks between Rabat and Nouakchott - Sahel", &|_| false);
        assert_eq!(
            (t.as_str(), s),
            ("Talks between Rabat and Nouakchott - Sahel", None)
        );
    }

    #[test]
    fn a_title_printed_twice_and_the_page_title_win() {
        let h = choose(
            &[
                "Morocco hosts a Sahel security forum",
                "Newsletter of the week in brief",
                "Morocco hosts a Sahel security forum",
            ],
            3,
            None,
        )
        .expect("headline");
        assert_eq!(h.lines, [0, 2]);
        let h = choose(
            &[
                "Latest news from the region today",
                "Morocco hosts a Sahel security forum",
                "Around the web",
            ],
            3,
            Some("Morocco hosts a Sahel security forum | Hespress"),
        )
        .expect("headline");
        assert_eq!(h.text, "Morocco hosts a Sahel security forum");
    }
}
