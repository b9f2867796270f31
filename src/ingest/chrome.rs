//! Phrases of page chrome (share and comment prompts, "back to top", newsletter and cookie
//! banners, "read also" headers, photo credits, tag lists) in English, French and Arabic, read
//! from `data/chrome.txt`. They are weak evidence for the line classifier
//! ([`super::classify`]), never the decision: a line that matches is read as at most a short
//! line. Lines are compared folded by `match_key`; the patterns are folded the same way by
//! `fold::pattern` when compiled, so no one folds them by hand.

use crate::fold::pattern;
use regex::Regex;
use std::sync::LazyLock;

/// Whether a folded line reads like page chrome.
pub fn is_chrome_phrase(folded: &str) -> bool {
    let words = folded.split(' ').count();
    // Banners name what they are about; a news sentence about cookies or newsletters is rare
    // in this domain and would be longer.
    let banner = (folded.contains("cookie") && words <= 40)
        || (folded.contains("newsletter") && words <= 15);
    banner || PHRASES.lines.iter().any(|re| re.is_match(folded))
}

/// Whether a folded line announces a list of other articles ("Related posts", "اقرأ أيضا").
pub fn is_related_header(folded: &str) -> bool {
    PHRASES.related.iter().any(|re| re.is_match(folded))
}

struct Phrases {
    lines: Vec<Regex>,
    related: Vec<Regex>,
}

static PHRASES: LazyLock<Phrases> = LazyLock::new(|| {
    let mut p = Phrases {
        lines: Vec::new(),
        related: Vec::new(),
    };
    for line in include_str!("data/chrome.txt").lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (list, source) = match line.strip_prefix("related:") {
            Some(rest) => (&mut p.related, rest.trim()),
            None => (&mut p.lines, line),
        };
        list.push(Regex::new(&pattern(source)).expect("data/chrome.txt holds valid patterns"));
    }
    p
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::match_key;

    #[test]
    fn prompts_banners_credits_and_tags_in_three_languages() {
        for line in [
            "Share via Email",
            "Comments (0)",
            "Photo: Ministry of the Interior",
            "Tags: Morocco, Spain, security",
            "We use cookies to improve your experience. Accept all",
            "Abonnez-vous à notre newsletter",
            "Réagissez à cet article",
            "Plus d'articles",
            "تابعونا على فيسبوك",
            "تعليقات الزوار",
            "كلمات مفتاحية: المغرب، الأمن",
            "Reporting by Jane Doe; editing by John Smith",
            "Skip to content",
        ] {
            assert!(is_chrome_phrase(&match_key(line)), "{line}");
        }
        for line in [
            "The ministers shared their views on the Sahel.",
            "Photographs of the suspects were released by the police on Monday after the raid.",
        ] {
            assert!(!is_chrome_phrase(&match_key(line)), "{line}");
        }
        assert!(is_related_header(&match_key("À lire également")));
        assert!(is_related_header(&match_key("مقالات ذات صلة")));
        assert!(!is_related_header(&match_key("Lire aussi : autre chose")));
    }
}
