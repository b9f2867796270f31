//! Front matter as marsad's own commands write it (`new`, `init`, `ingest`): one field order,
//! one quoting rule, from the same [`FrontMatter`] the build reads, so what a command writes
//! always parses back to what it meant.
//!
//! Text is written as YAML double-quoted scalars in JSON's syntax (a subset of YAML's), so
//! quotes, backslashes, `: ` and `#` in a title stay text; dates, languages and plain words
//! are written bare.

use super::{FrontMatter, yaml_quote};
use crate::kind::TaxonomyKind;

/// How lists of names are written when empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmptyLists {
    /// `topics: []`, so an editor sees where to fill in (`new`, `init`).
    Shown,
    /// Left out (`ingest`, which tags what it found).
    Omitted,
}

/// `front` as the text between and including the `---` lines.
pub fn write_front_matter(front: &FrontMatter, empty: EmptyLists) -> String {
    let mut out = String::from("---\n");
    let mut line = |key: &str, value: String| {
        out.push_str(key);
        out.push_str(": ");
        out.push_str(&value);
        out.push('\n');
    };
    line("title", yaml_quote(&front.title));
    if let Some(d) = front.date {
        line("date", d.iso());
    }
    if let Some(lang) = &front.lang {
        line("lang", lang.clone());
    }
    if let Some(s) = &front.summary {
        line("summary", yaml_quote(s));
    }
    if let Some(slug) = &front.slug {
        line("slug", yaml_quote(slug));
    }
    if let Some(key) = &front.translation_key {
        line("translation_key", yaml_quote(key));
    }
    if let Some(version) = &front.translated_from {
        line("translated_from", yaml_quote(version));
    }
    if let Some(source) = &front.source {
        let url = source
            .url
            .as_ref()
            .map(|u| format!(", url: {}", yaml_quote(u)))
            .unwrap_or_default();
        line(
            "source",
            format!("{{ name: {}{url} }}", yaml_quote(&source.name)),
        );
    }
    for kind in TaxonomyKind::ALL.into_iter().filter(|k| k.is_tag()) {
        let names = front.names_of(kind);
        if names.is_empty() && empty == EmptyLists::Omitted {
            continue;
        }
        let items: Vec<String> = names.iter().map(|n| yaml_quote(n)).collect();
        line(kind.as_str(), format!("[{}]", items.join(", ")));
    }
    if let Some(d) = front.updated {
        line("updated", d.iso());
    }
    if front.draft {
        line("draft", "true".into());
    }
    if let Some(d) = front.publish_date {
        line("publish_date", d.iso());
    }
    if let Some(d) = front.expiry_date {
        line("expiry_date", d.iso());
    }
    if !front.review.is_empty() {
        let items: Vec<String> = front
            .review
            .iter()
            .map(|r| {
                if r.chars().all(|c| c.is_alphanumeric() || c == '_') {
                    r.clone()
                } else {
                    yaml_quote(r)
                }
            })
            .collect();
        line("review", format!("[{}]", items.join(", ")));
    }
    if let Some(h) = &front.ingest_hash {
        line("ingest_hash", yaml_quote(h));
    }
    out.push_str("---\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::SourceFile;

    /// What is written parses back to the same front matter, whatever the text holds.
    #[test]
    fn what_is_written_parses_back() {
        let front = FrontMatter {
            title: "Morocco: \"a\" #dialogue \\ test".into(),
            date: crate::dates::PartialDate::parse("2024-09").ok(),
            lang: Some("fr".into()),
            topics: vec!["counter-terrorism".into(), "Sécurité: frontières".into()],
            source: Some(super::super::SourceRef {
                name: "LNT avec MAP".into(),
                url: Some("https://lnt.ma/x?a=b#c".into()),
            }),
            translation_key: Some("dialogue".into()),
            review: vec!["title".into(), "actor x spelled y".into()],
            ingest_hash: Some("abc123".into()),
            publish_date: crate::dates::PartialDate::parse("2030-01-02").ok(),
            expiry_date: crate::dates::PartialDate::parse("2031-05-06").ok(),
            translated_from: Some("0123456789ab".into()),
            ..FrontMatter::default()
        };
        let text = format!("{}\nBody.\n", write_front_matter(&front, EmptyLists::Shown));
        let file = SourceFile::new("content/fr/x.md".into(), "fr/x.md".into(), text.clone());
        let back = super::super::parse_document(&file).expect(&text);
        assert_eq!(back.front, front, "{text}");
        assert!(text.contains("actors: []\n"), "{text}");
        let omitted = write_front_matter(&front, EmptyLists::Omitted);
        assert!(!omitted.contains("actors:"), "{omitted}");
    }
}
