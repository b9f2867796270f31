//! A saved web page -> its metadata and its text as blocks. Only this module knows the HTML
//! parser (`scraper`, already the project's). The page's own statements come first: `og:title`,
//! `og:site_name`, `article:published_time`, JSON-LD `NewsArticle` (headline, datePublished,
//! publisher), `<time datetime>`, `<link rel=canonical>`, `<html lang>`. The text is every
//! block element's text, one line each, with what the markup says about it (heading level,
//! share of link text, inside navigation, header, footer or aside, inside <article> or
//! <main>), for the same line classifier as plain text: jusText is a readability-style
//! extraction over blocks, so no second HTML library is needed for it.

use super::date_text;
use super::line::{Line, Markup};
use super::normalize::normalize_text;
use crate::dates::PartialDate;
use scraper::{ElementRef, Html, Node, Selector};
use std::sync::LazyLock;

/// What a page says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    pub title: Option<String>,
    /// The outlet: `og:site_name`, or the JSON-LD publisher's name.
    pub site_name: Option<String>,
    pub published: Option<PartialDate>,
    /// The canonical URL.
    pub url: Option<String>,
    /// `<html lang>`, when it is one of the three languages.
    pub lang: Option<String>,
}

/// A page read: its metadata and its blocks.
pub struct Page {
    pub meta: PageMeta,
    pub lines: Vec<Line>,
}

/// Whether decoded text is a saved web page rather than plain text.
pub fn is_html(text: &str) -> bool {
    let head: String = text
        .trim_start_matches('\u{FEFF}')
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    let head = head
        .strip_prefix("<!--")
        .and_then(|c| c.split_once("-->"))
        .map_or(head.as_str(), |(_, rest)| rest.trim_start());
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with('<') && (head.contains("<head") || head.contains("<body")))
}

pub fn read_page(text: &str) -> Page {
    let doc = Html::parse_document(text);
    let mut meta = read_meta(&doc);
    if meta.url.is_none() {
        meta.url = saved_from(text);
    }
    let mut walker = Walker::default();
    walker.walk(doc.root_element(), Markup::default());
    walker.flush();
    Page {
        meta,
        lines: walker.lines,
    }
}

/// The address a browser noted when it saved the page: `<!-- saved from url=(0054)https://… -->`.
fn saved_from(text: &str) -> Option<String> {
    let end = (0..=text.len().min(1024))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let head = &text[..end];
    let rest = &head[head.find("saved from url=")? + "saved from url=".len()..];
    let rest = rest.trim_start_matches(|c: char| c == '(' || c == ')' || c.is_ascii_digit());
    let url: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
    let url = url.trim_end_matches("-->").to_string();
    (url.starts_with("http://") || url.starts_with("https://")).then_some(url)
}

fn selector(s: &str) -> Selector {
    Selector::parse(s).expect("constant selector")
}

fn first_attr(doc: &Html, css: &str, attr: &str) -> Option<String> {
    let sel = selector(css);
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr))
        .map(|v| normalize_text(v).trim().to_string())
        .find(|v| !v.is_empty())
}

fn read_meta(doc: &Html) -> PageMeta {
    let ld = json_ld_article(doc);
    let title = first_attr(doc, r#"meta[property="og:title"]"#, "content")
        .or_else(|| ld.as_ref().and_then(|a| str_at(a, "headline")))
        .or_else(|| first_attr(doc, r#"meta[name="twitter:title"]"#, "content"))
        .or_else(|| {
            let sel = selector("title");
            doc.select(&sel)
                .map(|e| {
                    normalize_text(&e.text().collect::<String>())
                        .trim()
                        .to_string()
                })
                .find(|t| !t.is_empty())
        });
    let site_name = first_attr(doc, r#"meta[property="og:site_name"]"#, "content").or_else(|| {
        ld.as_ref()
            .and_then(|a| a.get("publisher"))
            .and_then(|p| str_at(p, "name"))
    });
    let published = [
        first_attr(doc, r#"meta[property="article:published_time"]"#, "content"),
        ld.as_ref().and_then(|a| str_at(a, "datePublished")),
        first_attr(doc, r#"meta[itemprop="datePublished"]"#, "content"),
        first_attr(doc, r#"meta[name="date"], meta[name="pubdate"], meta[name="publish-date"], meta[name="dc.date"], meta[name="DC.date.issued"]"#, "content"),
        first_attr(doc, r#"time[itemprop="datePublished"], time[pubdate]"#, "datetime"),
        article_time(doc),
    ]
    .into_iter()
    .flatten()
    .find_map(|s| date_text::date_in(&s));
    let url = first_attr(doc, r#"link[rel="canonical"]"#, "href")
        .or_else(|| first_attr(doc, r#"meta[property="og:url"]"#, "content"))
        .or_else(|| ld.as_ref().and_then(|a| str_at(a, "url")))
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let lang = first_attr(doc, "html[lang]", "lang")
        .map(|l| l.to_ascii_lowercase().chars().take(2).collect::<String>())
        .filter(|l| ["en", "fr", "ar"].contains(&l.as_str()));
    PageMeta {
        title,
        site_name,
        published,
        url,
        lang,
    }
}

/// The first `<time datetime>` inside `<article>` or `<main>` and outside chrome: a header's
/// clock or a related article's date is not the article's.
fn article_time(doc: &Html) -> Option<String> {
    let sel = selector("time[datetime]");
    doc.select(&sel).find_map(|t| {
        let mut in_article = false;
        for a in t.ancestors().filter_map(ElementRef::wrap) {
            if marks_chrome(a.value()) {
                return None;
            }
            in_article |= matches!(a.value().name(), "article" | "main");
        }
        in_article
            .then(|| t.value().attr("datetime").map(str::to_string))
            .flatten()
    })
}

fn str_at(v: &serde_json::Value, key: &str) -> Option<String> {
    match v.get(key)? {
        serde_json::Value::String(s) => Some(normalize_text(s).trim().to_string()),
        serde_json::Value::Array(a) => a
            .iter()
            .find_map(|x| x.as_str().map(|s| normalize_text(s).trim().to_string())),
        serde_json::Value::Object(o) => o
            .get("@id")
            .or_else(|| o.get("name"))
            .and_then(|x| x.as_str())
            .map(str::to_string),
        _ => None,
    }
    .filter(|s| !s.is_empty())
}

/// The page's JSON-LD article object (`NewsArticle`, `Article`, `ReportageNewsArticle`,
/// `BlogPosting`), looked for in `@graph` lists too.
fn json_ld_article(doc: &Html) -> Option<serde_json::Value> {
    let sel = selector(r#"script[type="application/ld+json"]"#);
    for script in doc.select(&sel) {
        let text: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        let mut stack = vec![value];
        while let Some(v) = stack.pop() {
            match v {
                serde_json::Value::Array(items) => stack.extend(items),
                serde_json::Value::Object(ref o) => {
                    let is_article = match o.get("@type") {
                        Some(serde_json::Value::String(t)) => {
                            t.ends_with("Article") || t == "BlogPosting"
                        }
                        Some(serde_json::Value::Array(ts)) => ts
                            .iter()
                            .filter_map(|t| t.as_str())
                            .any(|t| t.ends_with("Article") || t == "BlogPosting"),
                        _ => false,
                    };
                    if is_article {
                        return Some(v);
                    }
                    if let Some(g) = o.get("@graph") {
                        stack.push(g.clone());
                    }
                }
                _ => {}
            }
        }
    }
    None
}

/// Elements whose text is never the article's.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "head", "select", "option",
    "button", "input", "textarea", "canvas", "video", "audio", "object", "embed", "map",
];

/// Elements that start a block of their own.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "blockquote",
    "figcaption",
    "figure",
    "td",
    "th",
    "dt",
    "dd",
    "pre",
    "address",
    "tr",
    "ul",
    "ol",
    "dl",
    "table",
    "form",
    "body",
    "center",
    "hr",
];

/// Class and id words of chrome (`data/chrome-markup.txt`): weak evidence.
static CHROME_WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    include_str!("data/chrome-markup.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

fn marks_chrome(e: &scraper::node::Element) -> bool {
    if matches!(e.name(), "nav" | "header" | "footer" | "aside" | "form") {
        return true;
    }
    if matches!(
        e.attr("role"),
        Some("navigation" | "banner" | "contentinfo" | "complementary" | "search" | "menu")
    ) {
        return true;
    }
    let attrs = format!(
        "{} {}",
        e.attr("class").unwrap_or(""),
        e.attr("id").unwrap_or("")
    )
    .to_ascii_lowercase();
    attrs
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| CHROME_WORDS.contains(&w))
}

#[derive(Default)]
struct Walker {
    lines: Vec<Line>,
    text: String,
    link_chars: usize,
    markup: Markup,
}

impl Walker {
    fn walk(&mut self, el: ElementRef, inherited: Markup) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => {
                    if self.text.is_empty() {
                        self.markup = inherited;
                    }
                    self.text.push_str(t);
                }
                Node::Element(e) => {
                    let name = e.name();
                    if SKIPPED.contains(&name) {
                        continue;
                    }
                    let Some(child_el) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if name == "br" {
                        self.flush();
                        continue;
                    }
                    let mut markup = inherited;
                    markup.chrome |= marks_chrome(e);
                    markup.main |= matches!(name, "article" | "main");
                    if let Some(level) = name
                        .strip_prefix('h')
                        .and_then(|n| n.parse::<u8>().ok())
                        .filter(|n| (1..=6).contains(n))
                    {
                        markup.heading = level;
                    }
                    let block = BLOCKS.contains(&name);
                    if block {
                        self.flush();
                    }
                    if name == "a" {
                        let before = self.text.chars().count();
                        if self.text.is_empty() {
                            self.markup = markup;
                        }
                        self.walk(child_el, markup);
                        self.link_chars += self.text.chars().count().saturating_sub(before);
                    } else {
                        self.walk(child_el, markup);
                    }
                    if block {
                        self.flush();
                    }
                }
                _ => {}
            }
        }
    }

    fn flush(&mut self) {
        let text = std::mem::take(&mut self.text);
        let links = std::mem::take(&mut self.link_chars);
        let total = text.chars().filter(|c| !c.is_whitespace()).count();
        if total == 0 {
            return;
        }
        let mut markup = self.markup;
        markup.link_density = (links as f32 / text.chars().count().max(1) as f32).min(1.0);
        for line in normalize_text(&text).lines().filter(|l| !l.is_empty()) {
            self.lines.push(Line {
                text: line.to_string(),
                markup,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html lang="fr"><head><title>Accord sécuritaire | Le Journal</title>
<meta property="og:title" content="Maroc-Espagne : accord sécuritaire renforcé">
<meta property="og:site_name" content="Le Journal">
<link rel="canonical" href="https://lejournal.example/2025/02/18/accord">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"Maroc-Espagne : accord","datePublished":"2025-02-18T09:30:00+01:00","publisher":{"@type":"Organization","name":"Le Journal"}}]}</script>
</head><body><nav><a href="/">Accueil</a> <a href="/maroc">Maroc</a></nav>
<article><h1>Maroc-Espagne : accord sécuritaire renforcé</h1>
<p>Le Maroc et l'Espagne ont signé mardi un accord de coopération sécuritaire.<br>Il entre en vigueur en mars.</p></article>
<footer class="site-footer">© 2025 Le Journal</footer></body></html>"#;

    #[test]
    fn a_page_gives_its_metadata_and_blocks() {
        assert!(is_html(PAGE));
        assert!(!is_html("Un titre\nLe texte <b>gras</b>."));
        let saved = "<!-- saved from url=(0040)https://example.ma/2025/03/04/accord-x -->\n<html><body><p>x</p></body></html>";
        assert!(is_html(saved));
        // Cut at 1024 bytes inside a letter: no panic.
        let arabic = format!("<html><body><p>{}</p></body></html>", "ا".repeat(600));
        assert!(!read_page(&arabic).lines.is_empty());
        assert_eq!(
            read_page(saved).meta.url.as_deref(),
            Some("https://example.ma/2025/03/04/accord-x")
        );
        let page = read_page(PAGE);
        assert_eq!(
            page.meta.title.as_deref(),
            Some("Maroc-Espagne : accord sécuritaire renforcé")
        );
        assert_eq!(page.meta.site_name.as_deref(), Some("Le Journal"));
        assert_eq!(
            page.meta.published.map(|d| d.iso()).as_deref(),
            Some("2025-02-18")
        );
        assert_eq!(page.meta.lang.as_deref(), Some("fr"));
        let texts: Vec<&str> = page.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Accueil Maroc",
                "Maroc-Espagne : accord sécuritaire renforcé",
                "Le Maroc et l'Espagne ont signé mardi un accord de coopération sécuritaire.",
                "Il entre en vigueur en mars.",
                "© 2025 Le Journal"
            ]
        );
        assert!(page.lines[0].markup.chrome && page.lines[0].markup.link_density > 0.9);
        assert_eq!(page.lines[1].markup.heading, 1);
        assert!(page.lines[2].markup.main);
        assert!(page.lines[4].markup.chrome);
    }
}
