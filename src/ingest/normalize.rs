//! Decoded text -> normalized text, before anything reads it: HTML entities decoded, the odd
//! quote characters scrapers leave normalized, Unicode NFKC applied (so Arabic copied from a
//! PDF in presentation forms, U+FB50–U+FEFF, and Latin ligatures such as `ﬁ` read as ordinary
//! letters in language detection, tagging and the written body), control characters dropped
//! and spaces collapsed within each line. Line breaks are kept: they are the paragraphs.

use icu_normalizer::ComposingNormalizerBorrowed;

/// The text normalized, line by line.
pub fn normalize_text(raw: &str) -> String {
    let decoded = html_escape::decode_html_entities(raw);
    // Before NFKC, which would turn `¨` into a space and a combining mark.
    let quoted: String = decoded
        .chars()
        .map(|c| match c {
            '¨' => '”',
            '„' | '‟' => '“',
            other => other,
        })
        .collect();
    let nfkc = ComposingNormalizerBorrowed::new_nfkc().normalize(&quoted);
    let mut out = String::with_capacity(nfkc.len());
    for line in nfkc.lines() {
        out.push_str(&normalize_line(line));
        out.push('\n');
    }
    out
}

/// One line: control characters out (a tab is a space), spaces collapsed.
pub fn normalize_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for word in line
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        // Zero-width and bidi marks that PDF and web copies scatter inside words.
        out.extend(word.chars().filter(|c| {
            !matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presentation_forms_and_ligatures_read_as_letters() {
        // "لنا" in presentation forms, and the `ﬁ` ligature.
        let t = normalize_text("\u{FEDF}\u{FEE7}\u{FE8E} \u{FB01}nancement");
        assert_eq!(t, "لنا financement\n");
        assert_eq!(normalize_text("ﻻ"), "لا\n");
    }

    #[test]
    fn entities_and_odd_quotes_are_normalized() {
        assert_eq!(
            normalize_text("He said &#8220;yes&#8221; &amp; left,¨ they\u{00A0}wrote."),
            "He said “yes” & left,” they wrote.\n"
        );
    }
}
