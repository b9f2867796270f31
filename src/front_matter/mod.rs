//! [`SourceFile`] -> [`Document`]: splits the YAML front matter from the Markdown body and
//! deserializes it, refusing unknown fields.
//!
//! serde_yaml counts lines from the start of the YAML block; every location reported here is
//! shifted so it points at the line of the file an editor opens. Only this module knows YAML.

use crate::dates::PartialDate;
use crate::error::{Diagnostic, Location};
use crate::kind::{PerKind, TaxonomyKind};
use crate::load::SourceFile;
use serde::Deserialize;
use std::path::PathBuf;

mod shape;
mod write;

pub use write::{EmptyLists, write_front_matter};

/// The most front matter a briefing may have. A briefing's fields are a title, a summary and
/// a few short lists; anything past this is a mistake (a body without its `---`) or an attack
/// on the build, refused before the YAML parser reads it.
pub const MAX_FRONT_MATTER_BYTES: usize = 256 * 1024;

/// A briefing's front matter, as written.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub date: Option<PartialDate>,
    /// When the briefing was last updated (a newsroom's "updated on").
    #[serde(default)]
    pub updated: Option<PartialDate>,
    /// Dated notes of what was corrected, in the briefing's language.
    #[serde(default)]
    pub corrections: Vec<Correction>,
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub actors: Vec<String>,
    #[serde(default)]
    pub places: Vec<String>,
    #[serde(default)]
    pub source: Option<SourceRef>,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: bool,
    /// The day a scheduled briefing goes out: until then builds leave it out (`--future`
    /// puts it in, and the preview shows it marked as scheduled).
    #[serde(default)]
    pub publish_date: Option<PartialDate>,
    /// The day a briefing comes down: from then on builds leave it out.
    #[serde(default)]
    pub expiry_date: Option<PartialDate>,
    /// Which version of its original a translation was made from: a short hash of the
    /// original's title and body (`marsad new --translation-of` writes it, `marsad
    /// translated` refreshes it).
    #[serde(default)]
    pub translated_from: Option<String>,
    #[serde(default)]
    pub translation_key: Option<String>,
    /// Fields an editor should still check (written by `marsad ingest`), e.g. `[title]`.
    #[serde(default)]
    pub review: Vec<String>,
    /// Hash of the raw article a briefing was ingested from, to recognise re-ingestion.
    #[serde(default)]
    pub ingest_hash: Option<String>,
}

impl FrontMatter {
    /// The names of each kind of term: the one place the kinds meet their fields.
    pub fn names(&self) -> PerKind<Vec<String>> {
        PerKind::from_fn(|kind| self.names_of(kind))
    }

    pub fn names_of(&self, kind: TaxonomyKind) -> Vec<String> {
        match kind {
            TaxonomyKind::Topics => self.topics.clone(),
            TaxonomyKind::Actors => self.actors.clone(),
            TaxonomyKind::Places => self.places.clone(),
            TaxonomyKind::Sources => self.source.iter().map(|s| s.name.clone()).collect(),
        }
    }

    /// Sets the names of a kind an editor tags with (topics, actors, places).
    pub fn set_names(&mut self, kind: TaxonomyKind, names: Vec<String>) {
        match kind {
            TaxonomyKind::Topics => self.topics = names,
            TaxonomyKind::Actors => self.actors = names,
            TaxonomyKind::Places => self.places = names,
            TaxonomyKind::Sources => {
                self.source = names
                    .into_iter()
                    .next()
                    .map(|name| SourceRef { name, url: None });
            }
        }
    }

    /// The front-matter key the names of `kind` are written under.
    pub fn key_of(kind: TaxonomyKind) -> &'static str {
        match kind {
            TaxonomyKind::Sources => "source",
            other => other.as_str(),
        }
    }
}

/// A dated correction of a published briefing.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    pub date: PartialDate,
    pub note: String,
}

/// Where a briefing comes from.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    pub name: String,
    #[serde(default)]
    pub url: Option<String>,
}

/// A parsed briefing file: typed front matter plus the raw Markdown body.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to the site root, for diagnostics.
    pub path: PathBuf,
    /// Path relative to `content/`, `/`-separated.
    pub content_path: String,
    pub front: FrontMatter,
    /// Line numbers in the file of each front-matter key, for errors found in later stages.
    pub key_lines: Vec<(String, usize)>,
    /// The line of each name of each kind, for warnings about a name found later (one the
    /// registry does not know).
    pub name_lines: PerKind<Vec<u32>>,
    pub body: String,
}

impl Document {
    /// The location of a front-matter key (or of the file, if the key is absent).
    pub fn key_location(&self, key: &str) -> Location {
        match self.key_lines.iter().find(|(k, _)| k == key) {
            Some((_, line)) => Location::at(&self.path, *line, 1),
            None => Location::file(&self.path),
        }
    }
}

/// Parses one briefing file.
pub fn parse_document(file: &SourceFile) -> Result<Document, Diagnostic> {
    let split = split_front_matter(&file.text)
        .map_err(|msg| Diagnostic::error(Location::at(&file.path, 1, 1), msg))?;
    if split.yaml.len() > MAX_FRONT_MATTER_BYTES {
        return Err(Diagnostic::error(
            Location::at(&file.path, 1, 1),
            format!(
                "the front matter is {} KiB long, more than the {} KiB a briefing's fields can need; is the closing `---` line missing?",
                split.yaml.len() / 1024,
                MAX_FRONT_MATTER_BYTES / 1024
            ),
        ));
    }
    let front: FrontMatter = from_yaml(split.yaml, &file.path, split.yaml_first_line)?;
    if front.title.trim().is_empty() {
        let line = key_lines(split.yaml, split.yaml_first_line)
            .into_iter()
            .find(|(k, _)| k == "title")
            .map_or(split.yaml_first_line, |(_, l)| l);
        return Err(Diagnostic::error(
            Location::at(&file.path, line, 1),
            "`title` must not be empty",
        ));
    }
    for (key, day) in [
        ("publish_date", front.publish_date),
        ("expiry_date", front.expiry_date),
    ] {
        if let Some(d) = day
            && d.day.is_none()
        {
            let line = key_lines(split.yaml, split.yaml_first_line)
                .into_iter()
                .find(|(k, _)| k == key)
                .map_or(split.yaml_first_line, |(_, l)| l);
            return Err(Diagnostic::error(
                Location::at(&file.path, line, 1),
                format!(
                    "`{key}` must be a whole day, YYYY-MM-DD (e.g. `{}-01`): a briefing goes out or comes down on a day",
                    d.iso()
                ),
            ));
        }
    }
    if let Some(url) = front.source.as_ref().and_then(|s| s.url.as_deref())
        && let Err(message) = crate::urls::check_link(url)
    {
        let line = split
            .yaml
            .lines()
            .position(|l| l.contains("url"))
            .map_or(split.yaml_first_line, |i| split.yaml_first_line + i);
        return Err(Diagnostic::error(
            Location::at(&file.path, line, 1),
            format!("`source.url`: {message}"),
        ));
    }
    let key_lines = key_lines(split.yaml, split.yaml_first_line);
    let name_lines = PerKind::from_fn(|kind| {
        item_lines(
            split.yaml,
            split.yaml_first_line,
            &key_lines,
            FrontMatter::key_of(kind),
            &front.names_of(kind),
        )
    });
    Ok(Document {
        path: file.path.clone(),
        content_path: file.content_path.clone(),
        key_lines,
        name_lines,
        front,
        body: split.body.to_string(),
    })
}

/// Deserializes YAML that starts on line `first_line` of the file at `path`; an error points
/// at the file's own line and column. The one place that calls the YAML crate (briefings'
/// front matter and the registry files both come through here).
pub fn from_yaml<T: serde::de::DeserializeOwned>(
    yaml: &str,
    path: &std::path::Path,
    first_line: usize,
) -> Result<T, Diagnostic> {
    // Depth and unclosed quotes first, in linear time (see `shape`): libyaml would take
    // quadratic time on deep nesting before any limit applied.
    if let Err(e) = shape::check_shape(yaml) {
        let (line, col) = crate::error::line_col(yaml, e.offset);
        return Err(Diagnostic::error(
            Location::at(path, line + first_line - 1, col),
            e.message,
        ));
    }
    let error = |e: serde_yaml::Error| {
        let (line, col) = match e.location() {
            Some(l) => (l.line(), l.column()),
            None => (1, 1),
        };
        let message = strip_yaml_position(&e.to_string());
        let hint = yaml_hint(&message, yaml.lines().nth(line.saturating_sub(1)));
        Diagnostic::error(
            Location::at(path, line + first_line - 1, col),
            format!("{message}{hint}"),
        )
    };
    let typed = serde_yaml::from_str(yaml).map_err(error)?;
    // The file's own NUL bytes are gone (fs::read_text), but a double-quoted YAML escape
    // (`"\0"`, `"\x00"`, `"\u0000"`) makes one. Only then: the same YAML again as a tree, NUL
    // replaced by U+FFFD in every string, typed from that (it has the shape that just parsed).
    if !["\\0", "\\x00", "\\u0000", "\\U00000000"]
        .iter()
        .any(|esc| yaml.contains(esc))
    {
        return Ok(typed);
    }
    let mut tree: serde_yaml::Value = serde_yaml::from_str(yaml).map_err(error)?;
    replace_nul(&mut tree);
    serde_yaml::from_value(tree).map_err(error)
}

/// A YAML file that is one top-level list (a registry), deserialized item by item on every
/// core: the text is cut at lines that start a top-level item (`- ` in the first column)
/// into pieces of at least [`LIST_PIECE_BYTES`], each parsed as a list of its own with its
/// own first line, so errors still name the file's lines. libyaml is most of a large
/// registry's load time, and a registry of 100,000 entries loads in under a second this way.
/// If any piece fails (an alias to an anchor in another piece, a second document), the
/// whole text is parsed as one, so the result and every error are exactly those of a plain
/// parse.
pub fn from_yaml_list<T: serde::de::DeserializeOwned + Send>(
    text: &str,
    path: &std::path::Path,
) -> Result<Vec<T>, Diagnostic> {
    use rayon::prelude::*;
    let whole = || from_yaml::<Option<Vec<T>>>(text, path, 1).map(Option::unwrap_or_default);
    if text.len() < 2 * LIST_PIECE_BYTES {
        return whole();
    }
    // Depth and quotes over the whole text first: a piece boundary inside an open quote or
    // bracket is then impossible, since both are refused.
    if let Err(e) = shape::check_shape(text) {
        let (line, col) = crate::error::line_col(text, e.offset);
        return Err(Diagnostic::error(Location::at(path, line, col), e.message));
    }
    let mut pieces: Vec<(usize, &str)> = Vec::new();
    let (mut start, mut start_line, mut line) = (0, 1, 1);
    let mut offset = 0;
    for l in text.split_inclusive('\n') {
        if l.starts_with("- ") && offset - start >= LIST_PIECE_BYTES {
            pieces.push((start_line, &text[start..offset]));
            (start, start_line) = (offset, line);
        }
        offset += l.len();
        line += 1;
    }
    pieces.push((start_line, &text[start..]));
    let parsed: Result<Vec<Vec<T>>, Diagnostic> = pieces
        .par_iter()
        .map(|&(first, piece)| {
            from_yaml::<Option<Vec<T>>>(piece, path, first).map(Option::unwrap_or_default)
        })
        .collect();
    match parsed {
        Ok(lists) => Ok(lists.into_iter().flatten().collect()),
        Err(_) => whole(),
    }
}

/// The least text [`from_yaml_list`] parses as one piece.
const LIST_PIECE_BYTES: usize = 256 * 1024;

/// What a newcomer should do about the YAML errors people meet most, given the message and
/// the line it points at. Empty when there is nothing to add.
fn yaml_hint(message: &str, line: Option<&str>) -> String {
    let line = line.unwrap_or("");
    let hint = if message.contains("mapping values are not allowed") {
        "a value that contains `: ` must be quoted, e.g. `title: \"Morocco: a new dialogue\"`"
    } else if line.contains('\t') && message.contains("cannot start any token")
        || message.contains("found a tab")
    {
        "YAML indents with spaces, not tabs: replace the tab at the start of the line with spaces"
    } else if message.contains("invalid type: sequence, expected a string") {
        "this field takes one value, not a list: write `field: value` rather than `[value]` or `- value` lines"
    } else if message.contains("invalid type: string") && message.contains("sequence") {
        "this field takes a list: write `[a, b]`, or one `- item` per line below it"
    } else if message.contains("did not find expected key")
        || message.contains("did not find expected '-'")
    {
        "the indentation of this line does not line up with the lines above it"
    } else {
        return String::new();
    };
    format!(" (hint: {hint})")
}

/// `text` as a YAML double-quoted scalar, for the commands that write front matter (`new`,
/// `init`): JSON's string syntax is a subset of YAML's, so quotes, backslashes, `: ` and `#`
/// in a title stay text.
pub fn yaml_quote(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

/// A briefing file's text with `key: "value"` added as the last field of its front matter,
/// and every other byte as it was (a byte-order mark, line endings, comments, field order),
/// so an editor's file changes by one line. `marsad new --translation-of` adds a
/// `translation_key` this way. Refused when the front matter already has a `key:` line
/// (even an empty one) or cannot be found.
pub fn with_field_added(text: &str, key: &str, value: &str) -> Result<String, String> {
    let split = split_front_matter(text)?;
    if key_lines(split.yaml, split.yaml_first_line)
        .iter()
        .any(|(k, _)| k == key)
    {
        return Err(format!("its front matter already has a `{key}:` line"));
    }
    // Where the YAML ends (the closing `---` line starts), as an offset into `text`: the
    // split borrows from it, after the byte-order mark if there is one.
    let end = split.yaml.as_ptr() as usize - text.as_ptr() as usize + split.yaml.len();
    // The line ending of the last field's line, so a CRLF file stays CRLF.
    let newline = if text[..end].ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    Ok(format!(
        "{}{key}: {}{newline}{}",
        &text[..end],
        yaml_quote(value),
        &text[end..]
    ))
}

/// A briefing file's text with top-level `key` set to `value`: its `key:` line replaced
/// (a one-line value; the line's ending kept), or the field added as
/// [`with_field_added`] does; every other byte as it was.
pub fn with_field_set(text: &str, key: &str, value: &str) -> Result<String, String> {
    let split = split_front_matter(text)?;
    let Some((_, line)) = key_lines(split.yaml, split.yaml_first_line)
        .into_iter()
        .find(|(k, _)| k == key)
    else {
        return with_field_added(text, key, value);
    };
    let start = split.yaml.as_ptr() as usize - text.as_ptr() as usize;
    let mut offset = start;
    for (i, l) in split.yaml.split_inclusive('\n').enumerate() {
        if split.yaml_first_line + i == line {
            let next = split.yaml[offset - start + l.len()..]
                .lines()
                .next()
                .unwrap_or("");
            if next.starts_with([' ', '\t', '-']) {
                return Err(format!(
                    "its `{key}:` value runs over several lines; write it on one line"
                ));
            }
            let ending = &l[l.trim_end_matches(['\r', '\n']).len()..];
            return Ok(format!(
                "{}{key}: {}{ending}{}",
                &text[..offset],
                yaml_quote(value),
                &text[offset + l.len()..]
            ));
        }
        offset += l.len();
    }
    Err(format!("its `{key}:` line was not found"))
}

/// U+0000 -> U+FFFD in every string of a YAML tree, keys included.
fn replace_nul(value: &mut serde_yaml::Value) {
    use serde_yaml::Value;
    match value {
        Value::String(s) if s.contains('\0') => *s = s.replace('\0', "\u{FFFD}"),
        Value::Sequence(items) => items.iter_mut().for_each(replace_nul),
        Value::Mapping(map) => {
            let entries: Vec<(Value, Value)> = std::mem::take(map).into_iter().collect();
            for (mut k, mut v) in entries {
                replace_nul(&mut k);
                replace_nul(&mut v);
                map.insert(k, v);
            }
        }
        Value::Tagged(tagged) => replace_nul(&mut tagged.value),
        _ => {}
    }
}

/// The Markdown body of a briefing file's text (what follows its front matter; the whole
/// text when it has none).
pub fn body_of(text: &str) -> &str {
    split_front_matter(text).map_or(text, |s| s.body)
}

struct Split<'a> {
    yaml: &'a str,
    /// 1-based line of the file on which the YAML starts.
    yaml_first_line: usize,
    body: &'a str,
}

fn split_front_matter(text: &str) -> Result<Split<'_>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let missing = "expected front matter: a first line `---`, YAML fields (at least `title:`), and a closing `---` line";
    let first_end = text.find('\n').ok_or(missing)?;
    if text[..first_end].trim_end() != "---" {
        return Err(missing.to_string());
    }
    let yaml_start = first_end + 1;
    let mut offset = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_first_line: 2,
                body: &text[offset + line.len()..],
            });
        }
        offset += line.len();
    }
    Err("front matter is not closed: expected a `---` line after the YAML fields".to_string())
}

/// serde_yaml appends "at line L column C" counted from the YAML block; the diagnostic carries
/// the file's own line and column instead.
fn strip_yaml_position(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let skip_digits = |s: &str| {
            s.trim_start_matches(|c: char| c.is_ascii_digit())
                .to_string()
        };
        let after_line = skip_digits(after);
        rest = match after_line.strip_prefix(" column ") {
            Some(col) => &rest[rest.len() - skip_digits(col).len()..],
            None => &rest[rest.len() - after_line.len()..],
        };
    }
    out.push_str(rest);
    out
}

/// The line of each item of the list under top-level `key`: in a block list, the `- ` lines
/// in order; in a flow list (`[a, b]`), the line where the item's text first appears from
/// the key on. The key's own line when nothing better is found.
fn item_lines(
    yaml: &str,
    first_line: usize,
    keys: &[(String, usize)],
    key: &str,
    items: &[String],
) -> Vec<u32> {
    let Some(&(_, key_line)) = keys.iter().find(|(k, _)| k == key) else {
        return vec![first_line as u32; items.len()];
    };
    let from = key_line - first_line;
    let lines: Vec<&str> = yaml
        .lines()
        .skip(from)
        .enumerate()
        .take_while(|(i, l)| *i == 0 || l.starts_with([' ', '-', '\t']) || l.trim().is_empty())
        .map(|(_, l)| l)
        .collect();
    let dashes: Vec<usize> = lines
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, l)| l.trim_start().starts_with("- ") || l.trim() == "-")
        .map(|(i, _)| i)
        .collect();
    items
        .iter()
        .enumerate()
        .map(|(n, item)| {
            let offset = if dashes.len() == items.len() {
                dashes[n]
            } else {
                lines
                    .iter()
                    .position(|l| l.contains(item.as_str()))
                    .unwrap_or(0)
            };
            (key_line + offset) as u32
        })
        .collect()
}

/// Top-level keys of the YAML block with their line in the file.
fn key_lines(yaml: &str, first_line: usize) -> Vec<(String, usize)> {
    yaml.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let first = line.chars().next()?;
            if first.is_whitespace() || first == '#' || first == '-' {
                return None;
            }
            let key = line.split(':').next()?.trim();
            Some((key.to_string(), first_line + i))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_field_is_added_as_one_line_leaving_every_other_byte() {
        let text = "---\ntitle: A # kept\ntopics:\n  - x\n---\nBody.\n---\nmore\n";
        assert_eq!(
            super::with_field_added(text, "translation_key", "a-b").unwrap(),
            "---\ntitle: A # kept\ntopics:\n  - x\ntranslation_key: \"a-b\"\n---\nBody.\n---\nmore\n"
        );
        let crlf = "\u{feff}---\r\ntitle: A\r\n---\r\nBody.\r\n";
        assert_eq!(
            super::with_field_added(crlf, "translation_key", "k").unwrap(),
            "\u{feff}---\r\ntitle: A\r\ntranslation_key: \"k\"\r\n---\r\nBody.\r\n"
        );
        let e = super::with_field_added(
            "---\ntitle: A\ntranslation_key:\n---\n",
            "translation_key",
            "k",
        )
        .unwrap_err();
        assert!(e.contains("already has a `translation_key:` line"), "{e}");
        assert!(super::with_field_added("no front matter\n", "k", "v").is_err());
    }

    #[test]
    fn a_field_is_set_in_place_or_added() {
        let text = "---\r\ntitle: A\r\ntranslated_from: \"old\"\r\ndate: 2024\r\n---\r\nBody.\r\n";
        assert_eq!(
            super::with_field_set(text, "translated_from", "new").unwrap(),
            "---\r\ntitle: A\r\ntranslated_from: \"new\"\r\ndate: 2024\r\n---\r\nBody.\r\n"
        );
        assert_eq!(
            super::with_field_set("---\ntitle: A\n---\nB\n", "translated_from", "v").unwrap(),
            "---\ntitle: A\ntranslated_from: \"v\"\n---\nB\n"
        );
    }

    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("content/en/x.md".into(), "en/x.md".into(), text.into())
    }

    #[test]
    fn parses_fields_and_body() {
        let d = parse_document(&file(
            "---\ntitle: T\ndate: 2024-09\ntopics: [a, b]\nsource:\n  name: MAP\n---\nBody\n",
        ))
        .unwrap();
        assert_eq!(d.front.title, "T");
        assert_eq!(d.front.date.unwrap().iso(), "2024-09");
        assert_eq!(d.front.topics, vec!["a", "b"]);
        assert_eq!(d.body, "Body\n");
        assert_eq!(d.key_location("date").line, Some(3));
        assert_eq!(d.name_lines[TaxonomyKind::Topics], vec![4, 4]);
    }

    #[test]
    fn each_name_of_a_block_list_knows_its_line() {
        let d = parse_document(&file(
            "---\ntitle: T\nactors:\n  - A\n  # a comment\n  - B\nplaces: [Rabat,\n  Dakar]\n---\n",
        ))
        .unwrap();
        assert_eq!(d.name_lines[TaxonomyKind::Actors], vec![4, 6]);
        assert_eq!(d.name_lines[TaxonomyKind::Places], vec![7, 8]);
    }

    #[test]
    fn year_only_date_is_read_from_a_yaml_number() {
        let d = parse_document(&file("---\ntitle: T\ndate: 2023\n---\n")).unwrap();
        assert_eq!(d.front.date.unwrap().iso(), "2023");
    }

    #[test]
    fn unknown_field_points_at_its_line_in_the_file() {
        let e = parse_document(&file("---\ntitle: T\n\nauthor: me\n---\n")).unwrap_err();
        assert_eq!(e.location.line, Some(4), "{e}");
        assert!(e.message.contains("unknown field `author`"), "{e}");
        assert!(!e.message.contains("at line"), "{e}");
    }

    #[test]
    fn bad_date_points_at_its_line() {
        let e = parse_document(&file("---\ntitle: T\ndate: 2023-02-30\n---\n")).unwrap_err();
        assert_eq!(e.location.line, Some(3), "{e}");
        assert!(e.message.contains("not a day of the calendar"), "{e}");
    }

    #[test]
    fn yaml_syntax_error_line_counts_from_file_start() {
        let e = parse_document(&file("---\ntitle: T\ntopics: [a\n---\n")).unwrap_err();
        assert!(e.location.line.unwrap() >= 3, "{e}");
    }

    #[test]
    fn missing_or_unclosed_front_matter_is_explained() {
        let e = parse_document(&file("# Just markdown\n")).unwrap_err();
        assert!(e.message.contains("expected front matter"), "{e}");
        let e = parse_document(&file("---\ntitle: T\n")).unwrap_err();
        assert!(e.message.contains("not closed"), "{e}");
    }

    #[test]
    fn crlf_and_bom_are_accepted() {
        let d = parse_document(&file("\u{feff}---\r\ntitle: T\r\n---\r\nBody")).unwrap();
        assert_eq!(d.front.title, "T");
    }
}

#[cfg(test)]
mod message_tests {
    use super::*;

    fn error_of(text: &str) -> Diagnostic {
        let f = SourceFile::new("content/en/x.md".into(), "en/x.md".into(), text.into());
        parse_document(&f).unwrap_err()
    }

    /// Issue 22: a quote opened on line 2 was reported at the end of the stream (line 5).
    #[test]
    fn an_unclosed_quote_is_reported_where_it_opens() {
        let e = error_of("---\ntitle: \"Open quote\ndate: 2024\ntopics: [a]\n---\nBody\n");
        assert_eq!(
            (e.location.line, e.location.column),
            (Some(2), Some(8)),
            "{e}"
        );
        assert!(e.message.contains("never closed"), "{e}");
    }

    #[test]
    fn an_unquoted_colon_gets_a_hint_to_quote() {
        let e = error_of("---\ntitle: Colon: inside\n---\n");
        assert_eq!(e.location.line, Some(2), "{e}");
        assert!(e.message.contains("must be quoted"), "{e}");
    }

    #[test]
    fn a_tab_gets_a_hint() {
        let e = error_of("---\ntitle: T\ntopics:\n\t- a\n---\n");
        assert!(e.message.contains("not tabs"), "{e}");
    }

    #[test]
    fn a_list_for_a_string_gets_a_hint() {
        let e = error_of("---\ntitle: [a, b]\n---\n");
        assert!(e.message.contains("one value, not a list"), "{e}");
        let e = error_of("---\ntitle: T\ntopics: sahel\n---\n");
        assert!(e.message.contains("takes a list"), "{e}");
    }

    /// Issue 22: `javascript:` in `source.url` became a link on the briefing page.
    #[test]
    fn a_source_url_with_a_script_scheme_is_refused_at_its_line() {
        let e = error_of(
            "---\ntitle: T\nsource:\n  name: X\n  url: \"javascript:alert(document.domain)\"\n---\n",
        );
        assert_eq!(e.location.line, Some(5), "{e}");
        assert!(e.message.contains("http, https, mailto or relative"), "{e}");
    }

    #[test]
    fn oversized_front_matter_is_refused_before_parsing() {
        let text = format!(
            "---\ntitle: T\nsummary: {}\n---\n",
            "x".repeat(MAX_FRONT_MATTER_BYTES)
        );
        let e = error_of(&text);
        assert!(e.message.contains("closing `---`"), "{e}");
    }
}

#[cfg(test)]
mod list_tests {
    use super::*;
    use std::path::Path;

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Item {
        id: String,
        n: u32,
    }

    fn big(entries: usize) -> String {
        let mut text = String::from("# a registry\n---\n");
        for i in 0..entries {
            text.push_str(&format!("- id: item-{i}\n  # note\n  n: {i}\n"));
        }
        text
    }

    #[test]
    fn a_list_parsed_in_pieces_is_the_list_parsed_whole() {
        let text = big(40_000);
        assert!(text.len() > 4 * LIST_PIECE_BYTES);
        let pieces: Vec<Item> = from_yaml_list(&text, Path::new("r.yaml")).unwrap();
        let whole: Vec<Item> = from_yaml::<Option<Vec<Item>>>(&text, Path::new("r.yaml"), 1)
            .unwrap()
            .unwrap();
        assert_eq!(pieces, whole);
        assert_eq!(pieces.len(), 40_000);
    }

    #[test]
    fn an_error_in_a_late_piece_names_the_file_s_line() {
        let mut text = big(40_000);
        let line = text.lines().count() + 2;
        text.push_str("- id: bad\n  n: not-a-number\n");
        let e = from_yaml_list::<Item>(&text, Path::new("r.yaml")).unwrap_err();
        assert_eq!(e.location.line, Some(line), "{e}");
        // An alias to an anchor in another piece: parsed whole, as a plain parse would.
        let mut text = String::from("- id: &first item-0\n  n: 0\n");
        text.push_str(&big(40_000).replacen("# a registry\n---\n", "", 1));
        text.push_str("- id: *first\n  n: 1\n");
        let items: Vec<Item> = from_yaml_list(&text, Path::new("r.yaml")).unwrap();
        assert_eq!(items.last().unwrap().id, "item-0");
    }
}
