//! One line (a paragraph, or a block of a saved page) of an input and the features read from
//! its shape alone: words, sentence punctuation, menu and breadcrumb shape, and what a saved
//! page's markup says about it. Shared by every later step of ingest; imports nothing of them.

/// A line of the input, normalized, with what its markup said when it came from a page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Line {
    pub text: String,
    pub markup: Markup,
}

/// What a saved page's markup says about a block (all default for plain text).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Markup {
    /// 1 to 6 for `<h1>`..`<h6>`.
    pub heading: u8,
    /// The share of the block's letters inside links.
    pub link_density: f32,
    /// Inside `<nav>`, `<header>`, `<footer>`, `<aside>`, `<form>` or a `<button>`, or an
    /// element whose role says so.
    pub chrome: bool,
    /// Inside `<article>` or `<main>`.
    pub main: bool,
}

impl Line {
    pub fn plain(text: impl Into<String>) -> Line {
        Line {
            text: text.into(),
            markup: Markup::default(),
        }
    }
}

/// Words separated by white space.
pub fn words(line: &str) -> usize {
    line.split_whitespace().count()
}

/// Whether a line ends a sentence (closing quotes and brackets aside). Right-to-left text
/// copied from a PDF may carry its final stop at the start of the line (`.وأكد …`).
pub fn ends_sentence(line: &str) -> bool {
    const STOPS: [char; 6] = ['.', '!', '?', '؟', '…', '۔'];
    let stop_first = line.starts_with(STOPS)
        && line
            .chars()
            .nth(1)
            .is_some_and(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
    stop_first
        || line
            .trim_end_matches(['»', '”', '"', '’', '\'', ')', ' '])
            .ends_with(STOPS)
}

/// Whether a line starts with a lowercase letter: the rest of a sentence, not a line of its
/// own.
pub fn starts_lowercase(line: &str) -> bool {
    line.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_lowercase)
}

/// Separators of menus and breadcrumb trails.
const MENU_SEPARATORS: &[&str] = &[
    " | ", " > ", " / ", " · ", " » ", " › ", " • ", " ← ", " → ",
];

/// A menu or breadcrumb: short items joined by `|`, `>`, `/`, `·`, `»` ("Home > Politics",
/// "Accueil / Maroc / Société", "News | Sport | Culture"). One `>`, `»` or `›` is enough (a
/// trail); `|`, `/` and `·` need two, since a headline may hold one ("Maroc / Espagne : …").
pub fn is_menu(line: &str) -> bool {
    for sep in MENU_SEPARATORS {
        let parts: Vec<&str> = line.split(sep).map(str::trim).collect();
        let joins = parts.len() - 1;
        if joins == 0 {
            continue;
        }
        let trail = matches!(*sep, " > " | " » " | " › " | " → " | " ← ");
        let short = parts.iter().all(|p| !p.is_empty() && words(p) <= 4);
        let needed = if trail { 1 } else { 2 };
        if joins >= needed && short && !ends_sentence(line) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn menus_and_breadcrumbs_by_shape() {
        for line in [
            "Home > World > Africa",
            "Accueil / Maroc / Société",
            "News | Sport | Culture | Economy",
            "الرئيسية » أخبار » سياسة",
        ] {
            assert!(is_menu(line), "{line}");
        }
        for line in [
            "Maroc / Espagne : accord sécuritaire renforcé",
            "Morocco, Spain agree | Hespress",
            "Rabat - Madrid talks resume",
        ] {
            assert!(!is_menu(line), "{line}");
        }
    }
}
