//! Property-based fuzzing of every input marsad reads: front matter, Markdown bodies,
//! registries, site.toml and ingest's decoding and cleaning. Properties: nothing panics, a
//! build error always names a file, and markup typed into any text field never becomes
//! markup in any output (HTML, Atom, sitemap, JSON, JSON-LD).
//!
//! CI runs a bounded pass; a longer one by hand:
//! `MARSAD_FUZZ_CASES=2000 cargo test --release --test it fuzz`.

use crate::support::*;
use marsad::error::Diagnostics;
use proptest::prelude::*;
use proptest::test_runner::Config;

/// Cases per property: small in CI, as many as asked by hand.
fn cases(default: u32) -> Config {
    let cases = std::env::var("MARSAD_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// The canary: an element and an attribute no template writes. Finding either in an output
/// means input text became markup.
const CANARY_TAG: &str = "marsad-x";
const CANARY_ATTR: &str = "data-marsad";

/// Pieces hostile text is made of: markup and its escapes, template syntax, YAML and
/// Markdown syntax, bidi controls, NUL, Arabic in presentation forms, CDATA ends.
const PIECES: &[&str] = &[
    "<marsad-x data-marsad=1>",
    "</marsad-x>",
    "<img src=x data-marsad=2 onerror=alert(1)>",
    "<script>alert(3)</script>",
    "</script><marsad-x>",
    "</title>",
    "\"",
    "'",
    "&",
    "&amp;",
    "&lt;marsad-x&gt;",
    "]]>",
    "<!--",
    "-->",
    "{{ x }}",
    "{% raw %}",
    "---",
    ": ",
    "- ",
    "#",
    "*",
    "`",
    "[a](javascript:alert(4))",
    "\\",
    "\n",
    "\r\n",
    "\t",
    " ",
    "\u{0}",
    "\u{202E}",
    "\u{2067}",
    "\u{FEFF}",
    "Rabat",
    "Sahel",
    "é",
    "مراكش",
    "ﻣﺮﺍﻛﺶ",
    "الرباط",
    "١٢",
    "Lemouri",
];

fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(prop::sample::select(PIECES), 0..10).prop_map(|v| v.concat()),
        1 => any::<String>(),
    ]
}

/// Every output of a generated site, checked for the canary and for well-formedness.
fn assert_no_markup_from_input(generated: &marsad::Generated) {
    let tag = scraper::Selector::parse(&format!("{CANARY_TAG}, [{CANARY_ATTR}], [onerror]"))
        .expect("selector");
    let ld = scraper::Selector::parse("script[type=\"application/ld+json\"]").expect("selector");
    for out in &generated.outputs {
        assert!(
            !crate::support::inflated(&out.path, &out.bytes).contains(&0),
            "{} holds a NUL byte",
            out.path
        );
        if out.path.ends_with(".html") {
            let text = String::from_utf8_lossy(&out.bytes);
            let doc = scraper::Html::parse_document(&text);
            assert!(
                doc.select(&tag).next().is_none(),
                "{}: input became markup",
                out.path
            );
            for script in doc.select(&ld) {
                let json: String = script.text().collect();
                assert!(
                    serde_json::from_str::<serde_json::Value>(&json).is_ok(),
                    "{}: JSON-LD does not parse",
                    out.path
                );
            }
        } else if out.path.ends_with(".xml") {
            let text = String::from_utf8_lossy(&out.bytes);
            let doc = roxmltree::Document::parse(&text)
                .unwrap_or_else(|e| panic!("{}: not well-formed XML: {e}", out.path));
            assert!(
                !doc.descendants().any(|n| n.tag_name().name() == CANARY_TAG),
                "{}: input became an XML element",
                out.path
            );
        } else if out.path.ends_with(".json") {
            assert!(
                serde_json::from_slice::<serde_json::Value>(&out.bytes).is_ok(),
                "{}: not valid JSON",
                out.path
            );
        }
    }
}

fn assert_errors_name_files(diags: &Diagnostics) {
    assert!(diags.has_errors());
    for d in diags.errors() {
        assert!(
            !d.location.path.as_os_str().is_empty(),
            "an error names no file: {d}"
        );
    }
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("json")
}

proptest! {
    #![proptest_config(cases(24))]

    /// Text fields of front matter, quoted as YAML allows, through the whole pipeline.
    #[test]
    fn front_matter_text_never_becomes_markup(
        title in hostile(),
        summary in hostile(),
        topic in hostile(),
        actor in hostile(),
        place in hostile(),
        source in hostile(),
        body in hostile(),
    ) {
        let site = TestSite::fixture("mixed");
        site.write(
            "content/en/fuzz.md",
            &format!(
                "---\ntitle: {}\nsummary: {}\ndate: 2024-05-01\ntopics: [{}]\nactors: [{}]\nplaces: [{}]\nsource: {{ name: {}, url: \"https://example.org/a?b=1&c=2\" }}\n---\n{}\n",
                quoted(&title), quoted(&summary), quoted(&topic), quoted(&actor),
                quoted(&place), quoted(&source),
                marsad::ingest::escape_markdown(&body),
            ),
        );
        let (config, sources) = site.load();
        match marsad::generate(&config, &sources, Default::default()) {
            Ok(generated) => assert_no_markup_from_input(&generated),
            Err(diags) => assert_errors_name_files(&diags),
        }
    }
}

proptest! {
    #![proptest_config(cases(400))]

    /// Any text as a briefing file: parsed or refused with the file's name and a line
    /// inside it.
    #[test]
    fn any_briefing_file_parses_or_names_its_line(
        front in hostile(),
        body in hostile(),
        fence in prop::bool::ANY,
    ) {
        let text = if fence { format!("---\n{front}\n---\n{body}") } else { format!("{front}{body}") };
        let file = marsad::load::SourceFile::new(
            "content/en/x.md".into(),
            "en/x.md".into(),
            text.clone(),
        );
        if let Err(d) = marsad::front_matter::parse_document(&file) {
            prop_assert_eq!(d.location.path.to_string_lossy(), "content/en/x.md");
            if let Some(line) = d.location.line {
                prop_assert!(line >= 1 && line <= text.lines().count() + 1, "line {}", line);
            }
        }
    }

    /// Decoding and cleaning any bytes: an answer or a message, never a panic; and what
    /// ingest would write is Markdown that renders as text.
    #[test]
    fn ingest_reads_any_bytes_without_panicking(
        bytes in prop::collection::vec(any::<u8>(), 0..600),
        text in hostile(),
    ) {
        let _ = marsad::ingest::decode::decode(&bytes);
        let paragraphs = marsad::ingest::article_text(&text);
        let _ = marsad::ingest::article_text(&format!("<!-- saved from url=(9) {text} -->\n<html><body><article><h1>{text}</h1><p>{text}</p></article></body></html>"));
        let _ = marsad::ingest::detect::detect_language(&paragraphs.join("\n"));
        let _ = marsad::ingest::detect::find_date(&paragraphs.join("\n"));
        let escaped = marsad::ingest::escape_markdown(&text.replace(['\n', '\r'], " "));
        let urls = marsad::urls::Urls::new(&url::Url::parse("https://example.org/").expect("url"));
        let html = marsad::markdown::render_markdown(&escaped, &urls).html;
        let doc = scraper::Html::parse_fragment(&html);
        let canary = scraper::Selector::parse(&format!("{CANARY_TAG}, [{CANARY_ATTR}], script, img")).expect("selector");
        prop_assert!(doc.select(&canary).next().is_none(), "{}", html);
    }
}

proptest! {
    #![proptest_config(cases(48))]

    /// Any registry file or site.toml: the site loads, or every error names a file.
    #[test]
    fn any_registry_or_config_loads_or_names_the_file(
        registry in hostile(),
        config in hostile(),
        which in 0..4usize,
    ) {
        let site = TestSite::fixture("mixed");
        match which {
            0 => { site.write("content/_registry/actors.yaml", &registry); }
            1 => { site.write("content/_registry/places.yaml", &format!("- id: x\n  names: {{ en: {registry} }}\n")); }
            2 => { site.write("site.toml", &config); }
            _ => {
                let toml = std::fs::read_to_string(site.root().join("site.toml")).expect("toml");
                site.write("site.toml", &format!("{toml}\n{config}\n"));
            }
        }
        let loaded = marsad::load::load_site(site.root(), &Default::default())
            .and_then(|(config, sources)| {
                marsad::generate(&config, &sources, Default::default()).map(|g| (g, config))
            });
        match loaded {
            Ok((generated, _)) => assert_no_markup_from_input(&generated),
            Err(diags) => assert_errors_name_files(&diags),
        }
    }
}
