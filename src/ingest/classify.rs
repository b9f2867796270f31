//! Which lines are the article: the jusText method (Pomikálek, 2011) on lines of text or
//! blocks of a saved page. Each line is first classed from its own features (length in
//! words, sentence punctuation, the density of the language's stop words, menu and
//! breadcrumb shape, what the page's markup says, whether it repeats across the inputs of the
//! run, and the weak evidence of chrome phrases); short and near-good lines are then decided
//! by their neighbours, so a short sentence between paragraphs stays and a short line among
//! menus goes. Nothing here names a site or a phrase: those are data (`data/chrome.txt`).

use super::chrome::is_chrome_phrase;
use super::line::{Line, ends_sentence, is_menu, starts_lowercase, words};
use super::stopwords::density;
use crate::fold::match_key;
use rustc_hash::FxHashSet;

/// A line's class, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    /// Chrome: a menu, a link list, a banner, a line the masthead readers set aside.
    Bad,
    /// Too short to judge alone: its neighbours decide.
    Short,
    /// Reads as prose but is short or thin: kept unless it stands among chrome.
    NearGood,
    /// Running text.
    Good,
}

/// Stop-word density from which a line reads as prose, per language: Arabic writes its
/// articles, prepositions and conjunctions as clitics, so a sentence of Arabic news may hold
/// no stop word of its own; there only the higher mark counts.
fn thresholds(lang: &str) -> (f32, f32) {
    match lang {
        "ar" => (0.0, 0.12),
        _ => (0.15, 0.25),
    }
}

/// What the classifier knows besides the lines: the language and the lines (as
/// `match_key`s) that appear in more than one input of the run.
pub struct Context<'a> {
    pub lang: &'a str,
    pub repeated: &'a FxHashSet<String>,
}

/// Each line's class from its own features.
pub fn classify(lines: &[Line], cx: &Context) -> Vec<Class> {
    lines.iter().map(|l| class_of(l, cx)).collect()
}

fn class_of(line: &Line, cx: &Context) -> Class {
    let text = line.text.as_str();
    let n = words(text);
    let m = &line.markup;
    // No letters (a page number, a time), a bare web address, a menu, a list of links.
    let no_letters = !text.chars().any(char::is_alphabetic);
    let address = n == 1 && (text.contains("://") || text.starts_with("www."));
    if n == 0
        || no_letters
        || address
        || is_menu(text)
        || m.link_density > 0.5
        || text.starts_with(['©', '|', '»'])
    {
        return Class::Bad;
    }
    let (low, high) = thresholds(cx.lang);
    let stops = density(text, cx.lang);
    let sentence = ends_sentence(text) && !starts_lowercase(text);
    let mut class = if (n >= 8 && sentence && stops >= low) || (n >= 30 && stops >= high) {
        Class::Good
    } else if (n >= 4 && sentence && stops >= low)
        || (n >= 15 && stops >= high)
        || (n >= 20 && stops >= low)
    {
        Class::NearGood
    } else if n < 12 || stops >= low {
        Class::Short
    } else {
        // A long line of few function words: a tag list, a keyword dump.
        Class::Bad
    };
    let key = match_key(text);
    // Weak evidence: each lowers the class; none alone removes a paragraph of prose.
    if is_chrome_phrase(&key) {
        // With a line's own shape (short, no sentence) the evidence decides; on a sentence it
        // only lowers it.
        class = if n <= 12 && !sentence {
            Class::Bad
        } else {
            class.min(Class::Short)
        };
    }
    if cx.repeated.contains(&key) {
        class = if class == Class::Good {
            Class::NearGood
        } else {
            Class::Bad
        };
    }
    if m.chrome && !m.main {
        class = class.min(Class::Short);
    }
    if m.link_density > 0.25 {
        class = class.min(Class::NearGood);
    }
    class
}

/// Short and near-good lines decided by their neighbours (jusText's context rules): the
/// nearest lines that are neither short nor near-good on each side, the ends of the text
/// counting as chrome. A short line between two good ones is good; a near-good line is good
/// unless chrome stands on both sides. Returns whether each line is the article's.
pub fn revise(classes: &[Class]) -> Vec<bool> {
    let neighbour = |from: usize, forward: bool, skip_near: bool| -> Class {
        let mut i = from;
        loop {
            if forward {
                i += 1;
                if i >= classes.len() {
                    return Class::Bad;
                }
            } else {
                if i == 0 {
                    return Class::Bad;
                }
                i -= 1;
            }
            match classes[i] {
                Class::Short => continue,
                Class::NearGood if skip_near => continue,
                c => return c,
            }
        }
    };
    classes
        .iter()
        .enumerate()
        .map(|(i, c)| match c {
            Class::Good => true,
            Class::Bad => false,
            Class::Short => {
                let (prev, next) = (neighbour(i, false, true), neighbour(i, true, true));
                match (prev, next) {
                    (Class::Good, Class::Good) => true,
                    (Class::Bad, Class::Bad) => false,
                    (Class::Bad, _) => neighbour(i, false, false) == Class::NearGood,
                    (_, Class::Bad) => neighbour(i, true, false) == Class::NearGood,
                    _ => false,
                }
            }
            Class::NearGood => {
                let (prev, next) = (neighbour(i, false, true), neighbour(i, true, true));
                !(prev == Class::Bad && next == Class::Bad)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(lang: &str, text: &str) -> Vec<bool> {
        let lines: Vec<Line> = text.lines().map(Line::plain).collect();
        let repeated = FxHashSet::default();
        revise(&classify(
            &lines,
            &Context {
                lang,
                repeated: &repeated,
            },
        ))
    }

    #[test]
    fn chrome_around_an_article_goes_short_sentences_inside_stay() {
        let kept = run(
            "en",
            "Skip to content\nHome > World > Africa\nMorocco and Spain agreed on Tuesday to step up their cooperation against terrorism.\nThe talks will resume in Madrid.\nThe two ministers also discussed the situation in the Sahel and irregular migration.\nEnter your email address\nSubscribe",
        );
        assert_eq!(kept, [false, false, true, true, true, false, false]);
    }

    #[test]
    fn a_short_last_sentence_stays() {
        let kept = run(
            "fr",
            "Le Maroc et l'Espagne ont convenu mardi de renforcer leur coopération contre le terrorisme.\nLes discussions reprendront à Madrid.\nPartager\nFacebook",
        );
        assert_eq!(kept, [true, true, false, false]);
    }
}
