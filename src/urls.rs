//! The one place that turns a site path into a URL, so that a base URL with a path (a GitHub
//! Pages project site at `/repo/`) is honoured by every link, asset, feed and sitemap entry.

use crate::fold::{is_mark, without_apostrophes};
use icu_normalizer::DecomposingNormalizerBorrowed;
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// Characters escaped in a path segment: everything outside RFC 3986's unreserved and
/// sub-delims, so Arabic slugs become `%D8%...` and the URL is valid in HTML, XML and JSON.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The schemes a link taken from input (front matter, the registry, `site.toml`) may use.
/// Markdown links in a body follow CommonMark's own rules and are not checked here.
pub const LINK_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// The one rule for an `href` that comes from input: an absolute URL with one of
/// [`LINK_SCHEMES`], or a relative reference. Anything else (`javascript:`, `data:`,
/// `vbscript:`, a scheme hidden behind a tab or a newline, which browsers drop) is refused
/// with a sentence that says what is allowed.
pub fn check_link(href: &str) -> Result<(), String> {
    if let Some(c) = href.chars().find(|c| c.is_control()) {
        return Err(format!(
            "the link `{}` contains a control character (U+{:04X}); links are written on one line",
            href.escape_debug(),
            c as u32
        ));
    }
    let trimmed = href.trim();
    // RFC 3986: a scheme is a letter, then letters, digits, `+`, `-` or `.`, then `:`. A
    // relative reference has no `:` before its first `/`, `?` or `#`.
    let before = trimmed.split(['/', '?', '#']).next().unwrap_or("");
    let Some((scheme, _)) = before.split_once(':') else {
        return Ok(());
    };
    let lower = scheme.to_ascii_lowercase();
    if LINK_SCHEMES.contains(&lower.as_str()) {
        return Ok(());
    }
    Err(format!(
        "the link `{href}` uses the scheme `{scheme}:`; a link may only be http, https, mailto or relative"
    ))
}

/// A readable URL segment for a name: lowercase words joined by `-`, letters of every script
/// kept as they are (never transliterated, so different Arabic names stay different), but
/// compatibility forms decomposed (NFKD), so a name copied from a PDF in Arabic presentation
/// forms gets the slug of its letters.
pub fn slug(name: &str) -> String {
    // Apostrophes first: NFKD would make `´` a space and an accent.
    let without = without_apostrophes(name);
    let decomposed = DecomposingNormalizerBorrowed::new_nfkd().normalize(&without);
    // Sized up front: growing strings on every core contend for the allocator.
    let mut out = String::with_capacity(decomposed.len());
    let mut dash = false;
    for c in decomposed.chars() {
        if ('\u{0300}'..='\u{036F}').contains(&c) || c == '\u{0640}' {
            continue; // Latin accents dropped ("Genève" -> "geneve"), tatweel
        }
        if c.is_alphanumeric() || is_mark(c) {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    // Recompose what is left (Arabic marks) so the slug is in NFC like the rest of the site.
    icu_normalizer::ComposingNormalizerBorrowed::new_nfc()
        .normalize(&out)
        .into_owned()
}

/// Builds URLs under the site's base URL.
#[derive(Debug, Clone)]
pub struct Urls {
    /// `https://host` without a trailing slash.
    origin: String,
    /// The base path, starting and ending with `/`.
    base_path: String,
}

impl Urls {
    pub fn new(base_url: &url::Url) -> Urls {
        let origin = base_url.origin().ascii_serialization();
        let mut base_path = base_url.path().to_string();
        if !base_path.ends_with('/') {
            base_path.push('/');
        }
        Urls { origin, base_path }
    }

    /// Root-relative URL of a site path: `en/x/` -> `/repo/en/x/`. Site paths use `/` and
    /// end in `/` for pages served as a folder's `index.html`.
    pub fn path(&self, site_path: &str) -> String {
        path_under(&self.base_path, site_path)
    }

    /// Absolute URL of a site path, for canonical links, feeds and sitemaps.
    pub fn absolute(&self, site_path: &str) -> String {
        format!("{}{}", self.origin, self.path(site_path))
    }

    /// Rewrites a root-relative link written in Markdown (`/en/topics/x/`) to live under the
    /// base path. Other links (absolute, relative, fragments, protocol-relative) are left as
    /// they are; a link that already starts with the base path is not prefixed twice.
    pub fn rewrite_root_relative(&self, href: &str) -> Option<String> {
        if !href.starts_with('/') || href.starts_with("//") || self.base_path == "/" {
            return None;
        }
        if href.starts_with(&self.base_path) {
            return None;
        }
        Some(format!("{}{}", self.base_path, &href[1..]))
    }
}

/// What a request path names: the inverse of [`Urls::path`], shared by `serve` (which
/// answers it) and `marsad check` (which verifies links), so both agree on what exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// This output file.
    File(String),
    /// A folder asked for without its slash (`en/x`): it exists as `en/x/`.
    Folder(String),
    /// Nothing: the output file it would have been.
    Missing(String),
}

/// Maps a decoded path relative to the base path (`en/x/`, `style.css`, ``) to the output
/// file that serves it, given which files exist.
pub fn file_for(rel: &str, exists: impl Fn(&str) -> bool) -> Target {
    if rel.is_empty() || rel.ends_with('/') {
        let index = format!("{rel}index.html");
        return if exists(&index) {
            Target::File(index)
        } else {
            Target::Missing(index)
        };
    }
    if exists(rel) {
        return Target::File(rel.to_string());
    }
    if exists(&format!("{rel}/index.html")) {
        return Target::Folder(format!("{rel}/"));
    }
    Target::Missing(rel.to_string())
}

/// Percent-encodes each segment of a `/`-separated path, keeping the separators (`/` is not
/// in [`SEGMENT`], so the whole path is encoded in one pass). Borrowed when nothing needs
/// escaping, as for most Latin slugs: URLs are built for every link of every page.
pub fn encode_path(path: &str) -> std::borrow::Cow<'_, str> {
    utf8_percent_encode(path, SEGMENT).into()
}

/// Root-relative URL of a site path under base path `base_path` (`/` or `/repo/`), for
/// callers that keep the base path alone (`serve`).
pub fn path_under(base_path: &str, site_path: &str) -> String {
    let encoded = encode_path(site_path);
    let mut out = String::with_capacity(base_path.len() + encoded.len());
    out.push_str(base_path);
    out.push_str(&encoded);
    out
}

/// The site path an output file is served at, the inverse of [`output_file`]:
/// `en/x/index.html` -> `en/x/`, `index.html` -> ``, `en/atom.xml` stays.
pub fn site_path_of(output_file: &str) -> &str {
    output_file
        .strip_suffix("index.html")
        .unwrap_or(output_file)
}

/// The output file of a site path: folders get `index.html`.
pub fn output_file(site_path: &str) -> String {
    if site_path.is_empty() || site_path.ends_with('/') {
        format!("{site_path}index.html")
    } else {
        site_path.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(base: &str) -> Urls {
        Urls::new(&url::Url::parse(base).unwrap())
    }

    #[test]
    fn paths_at_domain_root_and_under_a_sub_path() {
        assert_eq!(urls("https://e.org/").path("en/x/"), "/en/x/");
        assert_eq!(urls("https://e.org/repo/").path("en/x/"), "/repo/en/x/");
        assert_eq!(urls("https://e.org/repo/").path(""), "/repo/");
        assert_eq!(
            urls("https://e.org/repo/").absolute("en/atom.xml"),
            "https://e.org/repo/en/atom.xml"
        );
    }

    #[test]
    fn arabic_segments_are_percent_encoded() {
        assert_eq!(
            urls("https://e.org/").path("ar/مراكش/"),
            "/ar/%D9%85%D8%B1%D8%A7%D9%83%D8%B4/"
        );
    }

    #[test]
    fn root_relative_markdown_links_move_under_the_base_path() {
        let u = urls("https://e.org/briefings/");
        assert_eq!(
            u.rewrite_root_relative("/en/topics/sahel/").as_deref(),
            Some("/briefings/en/topics/sahel/")
        );
        assert_eq!(u.rewrite_root_relative("/briefings/en/").as_deref(), None);
        assert_eq!(u.rewrite_root_relative("//cdn.example/x").as_deref(), None);
        assert_eq!(u.rewrite_root_relative("https://x.org/").as_deref(), None);
        assert_eq!(u.rewrite_root_relative("../x").as_deref(), None);
        assert_eq!(
            urls("https://e.org/")
                .rewrite_root_relative("/en/")
                .as_deref(),
            None
        );
    }

    #[test]
    fn request_paths_map_to_files_folders_or_nothing() {
        let exists = |p: &str| ["index.html", "en/x/index.html", "style.css"].contains(&p);
        assert_eq!(file_for("", exists), Target::File("index.html".into()));
        assert_eq!(
            file_for("en/x/", exists),
            Target::File("en/x/index.html".into())
        );
        assert_eq!(file_for("en/x", exists), Target::Folder("en/x/".into()));
        assert_eq!(
            file_for("style.css", exists),
            Target::File("style.css".into())
        );
        assert_eq!(
            file_for("en/y/", exists),
            Target::Missing("en/y/index.html".into())
        );
    }

    #[test]
    fn folders_are_written_as_index_html() {
        assert_eq!(output_file(""), "index.html");
        for p in ["", "en/x/", "en/atom.xml", "404.html"] {
            assert_eq!(site_path_of(&output_file(p)), p);
        }
        assert_eq!(output_file("en/x/"), "en/x/index.html");
        assert_eq!(output_file("en/atom.xml"), "en/atom.xml");
    }

    #[test]
    fn links_from_input_are_http_https_mailto_or_relative() {
        for ok in [
            "https://www.mapexpress.ma/x",
            "http://x.example/",
            "HTTPS://X.EXAMPLE/",
            "mailto:desk@example.org",
            "/en/topics/sahel/",
            "../x/",
            "page.html?a=b:c",
            "#top",
            "//cdn.example/x",
        ] {
            assert_eq!(check_link(ok), Ok(()), "{ok}");
        }
        for bad in [
            "javascript:alert(document.domain)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            assert!(check_link(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn slugs_keep_scripts_apart() {
        assert_eq!(slug("Genève"), "geneve");
        assert_eq!(slug("Counter-terrorism"), "counter-terrorism");
        assert_eq!(slug("علي"), "علي");
        assert_ne!(slug("علي"), slug("عالي"));
        assert_ne!(slug("لي"), slug("علي"));
        assert_eq!(slug("منصة مراكش"), "منصة-مراكش");
        assert_eq!(slug("ﻣﻨﺼﺔ ﻣﺮﺍﻛﺶ"), "منصة-مراكش");
        assert_eq!(slug("الأمم"), "الأمم");
        assert_eq!(slug("Office d´Agadir"), "office-dagadir");
        assert_eq!(slug("!!"), "");
    }
}
