//! Markdown body -> [`RenderedBody`]: HTML with tables, footnotes and strikethrough, the first
//! paragraph as plain text (the summary when front matter gives none), and root-relative links
//! moved under the base path. Only this module knows pulldown-cmark.

use crate::urls::Urls;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedBody {
    pub html: String,
    /// Plain text of the first paragraph, whitespace collapsed.
    pub first_paragraph: String,
    /// Plain text of the whole body, words separated by spaces (for the search index).
    pub text: String,
}

pub fn render_markdown(body: &str, urls: &Urls) -> RenderedBody {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut first_paragraph = String::new();
    let mut text = String::with_capacity(body.len());
    let mut paragraph_state = ParagraphState::Before;
    let events = Parser::new_ext(body, options).map(|event| {
        if let Event::Text(t) | Event::Code(t) = &event {
            text.push_str(t);
            text.push(' ');
        }
        match &event {
            Event::Start(Tag::Paragraph) if paragraph_state == ParagraphState::Before => {
                paragraph_state = ParagraphState::Inside;
            }
            Event::End(TagEnd::Paragraph) if paragraph_state == ParagraphState::Inside => {
                paragraph_state = ParagraphState::Done;
            }
            Event::Text(t) | Event::Code(t) if paragraph_state == ParagraphState::Inside => {
                first_paragraph.push_str(t);
            }
            Event::SoftBreak | Event::HardBreak if paragraph_state == ParagraphState::Inside => {
                first_paragraph.push(' ');
            }
            _ => {}
        }
        rewrite_links(event, urls)
    });
    let mut events: Vec<Event> = events.collect();
    add_heading_ids(&mut events);
    let mut out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    // Kept for the whole build: no spare capacity (a third of the HTML's, a tenth of the
    // text's, times every briefing).
    out.shrink_to_fit();
    text.shrink_to_fit();
    RenderedBody {
        html: out,
        first_paragraph: collapse_whitespace(&first_paragraph),
        text,
    }
}

/// Gives every heading without an explicit id one made from its text (unique in the page),
/// so `#fragment` links to sections work and `marsad check` can verify them.
fn add_heading_ids(events: &mut [Event]) {
    let mut used: Vec<String> = Vec::new();
    for i in 0..events.len() {
        let Event::Start(Tag::Heading { id: None, .. }) = &events[i] else {
            continue;
        };
        let mut text = String::new();
        for e in &events[i + 1..] {
            match e {
                Event::End(TagEnd::Heading(_)) => break,
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                _ => {}
            }
        }
        let base = match crate::urls::slug(&text) {
            s if s.is_empty() => "section".to_string(),
            s => s,
        };
        let mut candidate = base.clone();
        let mut n = 1;
        while used.contains(&candidate) {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        used.push(candidate.clone());
        if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
            *id = Some(CowStr::from(candidate));
        }
    }
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum ParagraphState {
    Before,
    Inside,
    Done,
}

fn rewrite_links<'a>(event: Event<'a>, urls: &Urls) -> Event<'a> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = match urls.rewrite_root_relative(&dest_url) {
                Some(u) => CowStr::from(u),
                None => dest_url,
            };
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = match urls.rewrite_root_relative(&dest_url) {
                Some(u) => CowStr::from(u),
                None => dest_url,
            };
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        other => other,
    }
}

/// Collapses runs of whitespace to one space and drops control characters, which are never
/// wanted in a title or summary and are invalid in HTML and XML.
///
/// One pass into one buffer of the input's size: called for every title, summary and first
/// paragraph while parsing runs on every core, where each growing `String` (a `realloc`) and
/// each word's own `String` took glibc's arena lock; the other thread freeing into the same
/// arena made most of the parse stage's context switches.
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        let before = out.len();
        if before > 0 {
            out.push(' ');
        }
        let start = out.len();
        out.extend(word.chars().filter(|c| !c.is_control()));
        if out.len() == start {
            out.truncate(before); // a word of control characters only
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(base: &str) -> Urls {
        Urls::new(&url::Url::parse(base).unwrap())
    }

    #[test]
    fn whitespace_collapses_and_control_characters_go() {
        assert_eq!(
            collapse_whitespace("  a\u{7}b \u{1}\u{2}  c\n\td  "),
            "ab c d"
        );
        assert_eq!(collapse_whitespace("\u{1} x"), "x");
        assert_eq!(collapse_whitespace("x \u{1}"), "x");
        assert_eq!(collapse_whitespace(" \u{0} \t "), "");
        assert_eq!(
            collapse_whitespace("Rabat\u{a0}et  Dakar"),
            "Rabat et Dakar"
        );
    }

    #[test]
    fn first_paragraph_is_plain_text() {
        let r = render_markdown(
            "# H\n\nFirst *para*\nline.\n\nSecond.",
            &urls("https://e.org/"),
        );
        assert_eq!(r.first_paragraph, "First para line.");
        assert!(r.html.contains("<em>para</em>"));
    }

    #[test]
    fn tables_footnotes_and_strikethrough_render() {
        let md = "a[^1] ~~b~~\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n[^1]: note\n";
        let r = render_markdown(md, &urls("https://e.org/"));
        assert!(r.html.contains("<table>"), "{}", r.html);
        assert!(r.html.contains("<del>b</del>"), "{}", r.html);
        assert!(r.html.contains("footnote-definition"), "{}", r.html);
    }

    #[test]
    fn headings_get_unique_ids_from_their_text() {
        let r = render_markdown(
            "## Sahel security\n\n## Sahel security\n\n## الأمن",
            &urls("https://e.org/"),
        );
        assert!(r.html.contains(r#"<h2 id="sahel-security">"#), "{}", r.html);
        assert!(
            r.html.contains(r#"<h2 id="sahel-security-2">"#),
            "{}",
            r.html
        );
        assert!(r.html.contains(r#"<h2 id="الأمن">"#), "{}", r.html);
    }

    #[test]
    fn root_relative_links_follow_the_base_path() {
        let r = render_markdown(
            "[x](/en/topics/sahel/) [y](https://a.org/)",
            &urls("https://e.org/b/"),
        );
        assert!(
            r.html.contains("href=\"/b/en/topics/sahel/\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("href=\"https://a.org/\""), "{}", r.html);
    }
}
