//! A linear pass over YAML text before the YAML parser sees it: the nesting depth of lists and
//! mappings, quotes and brackets left open. libyaml's scanner takes quadratic time on deep
//! flow nesting (`[[[[…` 100,000 levels deep: 35 s) before serde_yaml's own depth limit
//! applies, and it reports an unclosed quote at the end of the stream, lines away from where
//! the editor opened it. This pass answers both in one walk of the text, in time linear in
//! its length, with the location of the construct that is wrong.
//!
//! It reads only what it needs of YAML's syntax: quoted scalars (with their escapes),
//! comments, flow collections, block scalars (`|`, `>`), block indentation and the `- `
//! sequence indicator. Anything it lets through is then parsed, and judged, by the YAML
//! crate.

/// The deepest nesting of lists and mappings accepted (serde_yaml refuses past 128). Front
/// matter and registries hold plain values and short lists, a few levels deep.
pub const MAX_DEPTH: usize = 64;

/// What is wrong, and where: a 0-based byte offset in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeError {
    pub offset: usize,
    pub message: String,
}

/// Checks the nesting depth and that every quote and bracket opened is closed.
pub fn check_shape(text: &str) -> Result<(), ShapeError> {
    let mut scan = Scan::default();
    let bytes = text.as_bytes();
    let mut line_start = 0;
    while line_start < bytes.len() {
        let line_end = memchr_newline(bytes, line_start);
        scan.line(text, line_start, line_end)?;
        line_start = line_end + 1;
    }
    scan.finish()
}

fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| from + i)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    Double,
    Single,
}

#[derive(Default)]
struct Scan {
    /// Offsets of the open `[` and `{`.
    flow: Vec<usize>,
    /// An open quoted scalar: its kind and the offset of its opening quote.
    quote: Option<(Quote, usize)>,
    /// Inside a block scalar (`|`, `>`) whose header line had this indentation: lines
    /// indented deeper (and blank lines) are its text.
    block_scalar: Option<usize>,
    /// Indentation of the enclosing block nodes.
    indents: Vec<usize>,
}

impl Scan {
    fn line(&mut self, text: &str, start: usize, end: usize) -> Result<(), ShapeError> {
        let line = &text.as_bytes()[start..end];
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        let blank = line[indent..]
            .iter()
            .all(|&b| b == b' ' || b == b'\t' || b == b'\r');
        if let Some(header_indent) = self.block_scalar {
            if blank || indent > header_indent {
                return Ok(());
            }
            self.block_scalar = None;
        }
        let mut at_value = true;
        let mut i = indent;
        if self.quote.is_none() && self.flow.is_empty() && !blank && line[indent] != b'#' {
            // Block structure: the nodes this line sits in, plus the `- ` (and `? `) that open
            // nested sequences on the line itself (`- - - x`).
            while self.indents.last().is_some_and(|&top| top >= indent) {
                self.indents.pop();
            }
            self.indents.push(indent);
            let mut dashes = 0;
            while i + 1 < line.len() && matches!(line[i], b'-' | b'?') && line[i + 1] == b' ' {
                dashes += 1;
                i += 2;
                while i < line.len() && line[i] == b' ' {
                    i += 1;
                }
            }
            if self.indents.len() + dashes > MAX_DEPTH {
                return Err(too_deep(start + indent));
            }
        }
        let depth_base = self.indents.len();
        while i < line.len() {
            let b = line[i];
            let at = start + i;
            if let Some((kind, _)) = self.quote {
                match (kind, b) {
                    (Quote::Double, b'\\') => i += 1,
                    (Quote::Double, b'"') => {
                        self.quote = None;
                        at_value = false;
                    }
                    (Quote::Single, b'\'') => {
                        if line.get(i + 1) == Some(&b'\'') {
                            i += 1;
                        } else {
                            self.quote = None;
                            at_value = false;
                        }
                    }
                    _ => {}
                }
                i += 1;
                continue;
            }
            match b {
                b' ' | b'\t' | b'\r' => {}
                b'#' if i == 0 || matches!(line[i - 1], b' ' | b'\t') => break,
                b'"' if at_value => self.quote = Some((Quote::Double, at)),
                b'\'' if at_value => self.quote = Some((Quote::Single, at)),
                b'[' | b'{' if at_value || !self.flow.is_empty() => {
                    self.flow.push(at);
                    if depth_base + self.flow.len() > MAX_DEPTH {
                        return Err(too_deep(at));
                    }
                    at_value = true;
                }
                b']' | b'}' if !self.flow.is_empty() => {
                    self.flow.pop();
                    at_value = false;
                }
                b',' if !self.flow.is_empty() => at_value = true,
                b':' if line
                    .get(i + 1)
                    .is_none_or(|c| matches!(c, b' ' | b'\t' | b'\r')) =>
                {
                    at_value = true;
                }
                b'-' | b'?' if at_value && line.get(i + 1).is_none_or(|&c| c == b' ') => {}
                b'&' | b'!' if at_value => {
                    // An anchor or a tag before the value: the value starts after it.
                    while i + 1 < line.len() && !matches!(line[i + 1], b' ' | b'\t') {
                        i += 1;
                    }
                }
                b'|' | b'>' if at_value && self.flow.is_empty() => {
                    self.block_scalar = Some(indent);
                    return Ok(());
                }
                _ => at_value = false,
            }
            i += 1;
        }
        Ok(())
    }

    fn finish(self) -> Result<(), ShapeError> {
        if let Some((kind, offset)) = self.quote {
            let (q, name) = match kind {
                Quote::Double => ('"', "double"),
                Quote::Single => ('\'', "single"),
            };
            return Err(ShapeError {
                offset,
                message: format!(
                    "the {name} quote `{q}` opened here is never closed: end the value with `{q}` on the same line (to put a `{q}` inside it, write {})",
                    if kind == Quote::Double {
                        "`\\\"`"
                    } else {
                        "`''`"
                    }
                ),
            });
        }
        if let Some(&offset) = self.flow.last() {
            return Err(ShapeError {
                offset,
                message: "the list or mapping opened here is never closed: close `[` with `]` and `{` with `}`".to_string(),
            });
        }
        Ok(())
    }
}

fn too_deep(offset: usize) -> ShapeError {
    ShapeError {
        offset,
        message: format!(
            "lists and mappings nest more than {MAX_DEPTH} levels deep here; front matter and registries hold plain values and short lists"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offset_of(text: &str, needle: &str) -> usize {
        text.find(needle).unwrap()
    }

    #[test]
    fn ordinary_front_matter_passes() {
        for text in [
            "title: \"A: b\"\ntopics: [a, b]\nsource: { name: MAP, url: \"https://x/\" }\n",
            "title: l'ONU au Sahel\nsummary: 'It''s fine'\n",
            "title: Morocco [MAP] and {x}\nplaces:\n  - Rabat\n  - [a, [b, c]]\n",
            "summary: |\n  \"an open quote in a block scalar\n  [ and a bracket\ntitle: T\n",
            "title: T # a comment with \" and [\n",
            "a: &x [1, 2]\nb: *x\nc: !!str x\n",
        ] {
            assert_eq!(check_shape(text), Ok(()), "{text}");
        }
    }

    #[test]
    fn deep_flow_nesting_is_refused_where_it_passes_the_limit() {
        let text = format!("topics: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let e = check_shape(&text).unwrap_err();
        assert_eq!(e.offset, "topics: ".len() + MAX_DEPTH - 1, "{e:?}");
        assert!(e.message.contains("nest more than"), "{e:?}");
        let ok = format!("topics: {}{}\n", "[".repeat(20), "]".repeat(20));
        assert_eq!(check_shape(&ok), Ok(()));
    }

    #[test]
    fn deep_block_nesting_is_refused() {
        let text = format!("topics:\n  {}x\n", "- ".repeat(200));
        assert!(check_shape(&text).is_err());
        let mut nested = String::new();
        for d in 0..100 {
            nested.push_str(&" ".repeat(d));
            nested.push_str("k:\n");
        }
        assert!(check_shape(&nested).is_err());
    }

    #[test]
    fn unclosed_quote_points_at_its_opening() {
        let text = "title: \"Open\ndate: 2024\ntopics: [a]\nsummary: x\n";
        let e = check_shape(text).unwrap_err();
        assert_eq!(e.offset, offset_of(text, "\"Open"));
        assert!(e.message.contains("never closed"), "{e:?}");
        let text = "title: T\nsummary: 'it is\n";
        assert_eq!(
            check_shape(text).unwrap_err().offset,
            offset_of(text, "'it")
        );
    }

    #[test]
    fn unclosed_list_points_at_its_bracket() {
        let text = "title: T\ntopics: [a, b\nplaces: [c]\n";
        let e = check_shape(text).unwrap_err();
        assert_eq!(e.offset, offset_of(text, "[a"));
    }

    #[test]
    fn escapes_do_not_close_quotes() {
        assert_eq!(check_shape("title: \"a \\\" b\"\n"), Ok(()));
        assert!(check_shape("title: \"a \\\"\n").is_err());
    }
}
