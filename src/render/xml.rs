//! XML text escaping for feeds and sitemaps: escapes markup characters and drops the code
//! points XML 1.0 forbids (control characters, lone surrogates cannot occur in Rust strings),
//! so any title from front matter yields a well-formed document.

/// Escapes `text` for use in XML character data or a double-quoted attribute.
pub fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    // Most text needs nothing: check once, copy never.
    let clean = text.chars().all(|c| {
        !matches!(c, '&' | '<' | '>' | '"' | '\'')
            && (c >= ' ' || c == '\t' || c == '\n' || c == '\r')
            && is_xml_char(c)
    });
    if clean {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Text without the code points XML 1.0 forbids, markup left as it is: for values handed to
/// XML templates, whose autoescaping then takes care of markup.
pub fn xml_text(text: &str) -> String {
    // Nearly always nothing to drop: one copy, not a push per character.
    if text.chars().all(is_xml_char) {
        return text.to_string();
    }
    text.chars().filter(|&c| is_xml_char(c)).collect()
}

/// XML 1.0 `Char`: tab, newline, carriage return, and everything from U+0020 except the
/// non-characters U+FFFE and U+FFFF.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            escape("a < b & \"c\" 'd' >"),
            "a &lt; b &amp; &quot;c&quot; &apos;d&apos; &gt;"
        );
        assert_eq!(escape("bell\u{7}\u{0}ok\u{FFFE}"), "bellok");
        assert_eq!(escape("مرصد"), "مرصد");
        assert_eq!(xml_text("a\u{1}<b>\u{FFFF}"), "a<b>");
    }
}
