//! `site.toml` -> [`SiteConfig`]: the raw file is deserialized with unknown keys refused, then
//! checked field by field into a validated model that later stages can trust.

use crate::error::{Diagnostic, Diagnostics, Location, line_col};
use crate::lang::{Direction, Lang};
use serde::Deserialize;
use std::path::Path;

/// The name of the configuration file at the site root.
pub const CONFIG_FILE: &str = "site.toml";

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// Absolute base URL, always ending in `/` (`https://host/` or `https://host/repo/`).
    pub base_url: url::Url,
    /// Interface languages in the order the site shows them; the first is not special,
    /// `default_language` is.
    pub languages: Vec<LanguageConfig>,
    /// Index into `languages` of the language served at the site root.
    pub default_language: usize,
    /// Items per list page (home and term pages).
    pub paginate: usize,
    /// Custom domain for GitHub Pages, written to `CNAME`.
    pub custom_domain: Option<String>,
    /// Whether links in `content/`, `static/` and `templates/` may lead out of the site
    /// (off: such a link is an error, so a contributed branch cannot publish the builder's
    /// files).
    pub follow_external_links: bool,
    /// The time zone whose calendar day decides when a scheduled briefing goes out
    /// (`publish_date:`) or comes down (`expiry_date:`); UTC when `timezone` is not set.
    pub timezone: jiff::tz::TimeZone,
    /// Whether a translation's page says when its original changed after it was made.
    pub outdated_translation_notice: bool,
}

/// One interface language.
#[derive(Debug, Clone)]
pub struct LanguageConfig {
    pub lang: Lang,
    /// The language's name in itself (`Français`, `العربية`).
    pub name: String,
    /// CLDR locale used for dates, plurals and collation (`en-GB`, `fr-MA`, `ar-MA`).
    pub locale: icu_locale_core::Locale,
    pub direction: Direction,
    pub title: String,
    pub description: String,
}

impl SiteConfig {
    /// The interface languages' codes, for messages (`en, fr, ar`).
    pub fn language_codes(&self) -> String {
        self.languages
            .iter()
            .map(|l| l.lang.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn language(&self, lang: &Lang) -> Option<&LanguageConfig> {
        self.languages.iter().find(|l| &l.lang == lang)
    }

    /// The position of `lang` among the interface languages (the default language's for a
    /// language the site does not have, which resolve never lets through).
    pub fn index_of(&self, lang: &Lang) -> usize {
        self.languages
            .iter()
            .position(|l| &l.lang == lang)
            .unwrap_or(self.default_language)
    }

    pub fn default_lang(&self) -> &LanguageConfig {
        &self.languages[self.default_language]
    }

    /// Today's date in the site's time zone: the day scheduled briefings are measured
    /// against. `MARSAD_TODAY=YYYY-MM-DD` in the environment stands in for the clock, to see
    /// what a build on that day publishes (and for tests); [`check_today_override`] has
    /// refused a malformed one by the time a site is loaded.
    pub fn today(&self) -> crate::dates::PartialDate {
        if let Some(Ok(date)) = today_override() {
            return date;
        }
        let now = jiff::Timestamp::now()
            .to_zoned(self.timezone.clone())
            .date();
        crate::dates::PartialDate {
            year: i32::from(now.year()),
            month: Some(now.month() as u8),
            day: Some(now.day() as u8),
        }
    }

    /// The path part of the base URL (`/` or `/repo/`).
    pub fn base_path(&self) -> &str {
        self.base_url.path()
    }
}

/// The environment variable that stands in for today's date (see [`SiteConfig::today`]).
pub const TODAY_VARIABLE: &str = "MARSAD_TODAY";

fn today_override() -> Option<Result<crate::dates::PartialDate, String>> {
    let text = std::env::var(TODAY_VARIABLE).ok()?;
    Some(
        crate::dates::PartialDate::parse(&text).and_then(|d| match d.day {
            Some(_) => Ok(d),
            None => Err(format!("`{text}` is not a whole day: expected YYYY-MM-DD")),
        }),
    )
}

/// A malformed `MARSAD_TODAY` is an error when a site is loaded, rather than the clock
/// silently taking over.
pub fn check_today_override() -> Result<(), Diagnostic> {
    match today_override() {
        Some(Err(e)) => Err(Diagnostic::error(
            Location::nowhere(),
            format!("{TODAY_VARIABLE}: {e}"),
        )),
        _ => Ok(()),
    }
}

/// What the user may override from the command line.
#[derive(Debug, Clone, Default)]
pub struct ConfigOverrides {
    pub base_url: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    base_url: String,
    default_language: String,
    #[serde(default = "default_paginate")]
    paginate: usize,
    #[serde(default)]
    custom_domain: Option<String>,
    #[serde(default)]
    follow_external_links: bool,
    #[serde(default)]
    timezone: Option<String>,
    #[serde(default = "yes")]
    outdated_translation_notice: bool,
    languages: Vec<RawLanguage>,
}

fn yes() -> bool {
    true
}

fn default_paginate() -> usize {
    20
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    code: String,
    name: String,
    locale: String,
    direction: Direction,
    title: String,
    #[serde(default)]
    description: String,
}

/// U+0000 -> U+FFFD in every string of a TOML tree (CommonMark's rule, kept for all text).
fn replace_nul(value: &mut toml::Value) {
    match value {
        toml::Value::String(s) if s.contains('\0') => *s = s.replace('\0', "\u{FFFD}"),
        toml::Value::Array(items) => items.iter_mut().for_each(replace_nul),
        toml::Value::Table(table) => table.iter_mut().for_each(|(_, v)| replace_nul(v)),
        _ => {}
    }
}

/// Parses and validates the text of `site.toml`; `path` is how errors name the file.
pub fn parse_config(
    text: &str,
    path: &Path,
    overrides: &ConfigOverrides,
) -> Result<SiteConfig, Diagnostics> {
    let error = |e: toml::de::Error| {
        let loc = match e.span() {
            Some(span) => {
                let (line, col) = line_col(text, span.start);
                Location::at(path, line, col)
            }
            None => Location::file(path),
        };
        Diagnostics::from(Diagnostic::error(loc, e.message().to_string()))
    };
    let mut raw: RawConfig = toml::from_str(text).map_err(error)?;
    // A TOML escape (`"\u0000"`) makes a NUL that fs::read_text never saw.
    if text.contains("\\u0000") || text.contains("\\U00000000") {
        let mut tree: toml::Value = toml::from_str(text).map_err(error)?;
        replace_nul(&mut tree);
        raw = tree.try_into().map_err(error)?;
    }
    let mut diags = Diagnostics::new();
    let key_loc = |key: &str| key_location(text, path, key);

    let base_url_text = overrides.base_url.as_deref().unwrap_or(&raw.base_url);
    let base_url = match parse_base_url(base_url_text) {
        Ok(u) => Some(u),
        Err(msg) => {
            diags.push(Diagnostic::error(key_loc("base_url"), msg));
            None
        }
    };

    let mut languages: Vec<LanguageConfig> = Vec::new();
    for raw_lang in raw.languages {
        let loc = key_loc(&format!("code = \"{}\"", raw_lang.code));
        let lang = match Lang::parse(&raw_lang.code) {
            Ok(l) => l,
            Err(msg) => {
                diags.push(Diagnostic::error(loc, msg));
                continue;
            }
        };
        if languages.iter().any(|l| l.lang == lang) {
            diags.push(Diagnostic::error(
                loc,
                format!("language `{lang}` is declared twice"),
            ));
            continue;
        }
        let locale = match raw_lang.locale.parse::<icu_locale_core::Locale>() {
            Ok(l) => l,
            Err(_) => {
                diags.push(Diagnostic::error(
                    key_loc(&format!("locale = \"{}\"", raw_lang.locale)),
                    format!(
                        "`{}` is not a locale (expected a CLDR locale such as `en-GB` or `ar-MA`)",
                        raw_lang.locale
                    ),
                ));
                continue;
            }
        };
        languages.push(LanguageConfig {
            lang,
            name: raw_lang.name,
            locale,
            direction: raw_lang.direction,
            title: raw_lang.title,
            description: raw_lang.description,
        });
    }
    if languages.is_empty() && !diags.has_errors() {
        diags.push(Diagnostic::error(
            key_loc("languages"),
            "at least one `[[languages]]` table is required",
        ));
    }
    let default_language = languages
        .iter()
        .position(|l| l.lang.as_str() == raw.default_language);
    if default_language.is_none() && !languages.is_empty() {
        diags.push(Diagnostic::error(
            key_loc("default_language"),
            format!(
                "default_language `{}` is not one of the declared languages ({})",
                raw.default_language,
                languages
                    .iter()
                    .map(|l| l.lang.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    if raw.paginate == 0 {
        diags.push(Diagnostic::error(
            key_loc("paginate"),
            "paginate must be at least 1",
        ));
    }
    let custom_domain = match raw.custom_domain.as_deref().map(parse_host_name) {
        None => None,
        Some(Ok(host)) => Some(host),
        Some(Err(msg)) => {
            diags.push(Diagnostic::error(key_loc("custom_domain"), msg));
            None
        }
    };
    let timezone = match raw.timezone.as_deref() {
        None => jiff::tz::TimeZone::UTC,
        Some(name) => match jiff::tz::TimeZone::get(name.trim()) {
            Ok(tz) => tz,
            Err(_) => {
                diags.push(Diagnostic::error(
                    key_loc("timezone"),
                    format!(
                        "`{name}` is not a time zone: expected an IANA name such as `Africa/Casablanca`, `Europe/Paris` or `UTC`"
                    ),
                ));
                jiff::tz::TimeZone::UTC
            }
        },
    };
    if diags.has_errors() {
        return Err(diags);
    }
    match (base_url, default_language) {
        (Some(base_url), Some(default_language)) => Ok(SiteConfig {
            base_url,
            languages,
            default_language,
            paginate: raw.paginate,
            custom_domain,
            follow_external_links: raw.follow_external_links,
            timezone,
            outdated_translation_notice: raw.outdated_translation_notice,
        }),
        _ => Err(diags),
    }
}

/// Accepts an absolute http(s) URL and normalizes it to end with `/`.
pub fn parse_base_url(text: &str) -> Result<url::Url, String> {
    let mut url = url::Url::parse(text.trim()).map_err(|e| {
        format!(
            "base_url `{text}` is not an absolute URL ({e}); expected e.g. `https://example.org/`"
        )
    })?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(format!("base_url `{text}` must use http or https"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!(
            "base_url `{text}` must not have a query or fragment"
        ));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

/// A custom domain as GitHub Pages' `CNAME` file takes it: a host name (internationalized
/// names allowed, written to `CNAME` in their ASCII form), with no scheme, port, path or
/// anything that is not part of a name, so the file is exactly one line.
pub fn parse_host_name(text: &str) -> Result<String, String> {
    let shown = text.escape_debug();
    let expected = "expected a bare host name such as `briefings.example.org`";
    if text.is_empty() || text.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(format!(
            "custom_domain `{shown}` is empty or holds a space, tab or line break; {expected}"
        ));
    }
    let ascii = match url::Host::parse(text) {
        Ok(url::Host::Domain(d)) => d,
        Ok(_) => {
            return Err(format!(
                "custom_domain `{shown}` is an IP address; GitHub Pages needs a host name ({expected})"
            ));
        }
        Err(e) => {
            return Err(format!(
                "custom_domain `{shown}` is not a host name ({e}); {expected}"
            ));
        }
    };
    let ascii = ascii.trim_end_matches('.');
    let labels: Vec<&str> = ascii.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if labels.len() < 2 || ascii.len() > 253 || !labels.iter().all(label_ok) {
        return Err(format!(
            "custom_domain `{shown}` is not a host name: each dot-separated part holds letters, digits and inner hyphens; {expected}"
        ));
    }
    Ok(ascii.to_string())
}

/// Best-effort location of a key in the TOML text (for errors found after deserializing).
fn key_location(text: &str, path: &Path, needle: &str) -> Location {
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with(needle) || trimmed.starts_with(&format!("[[{needle}]]")) {
            let col = line.len() - trimmed.len() + 1;
            return Location::at(path, i + 1, col);
        }
    }
    Location::file(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
base_url = "https://example.org/repo"
default_language = "en"

[[languages]]
code = "en"
name = "English"
locale = "en-GB"
direction = "ltr"
title = "Marsad"

[[languages]]
code = "ar"
name = "العربية"
locale = "ar-MA"
direction = "rtl"
title = "مرصد"
"#;

    fn parse(text: &str) -> Result<SiteConfig, Diagnostics> {
        parse_config(text, Path::new("site.toml"), &ConfigOverrides::default())
    }

    #[test]
    fn base_url_gets_a_trailing_slash() {
        let c = parse(GOOD).unwrap();
        assert_eq!(c.base_url.as_str(), "https://example.org/repo/");
        assert_eq!(c.base_path(), "/repo/");
        assert_eq!(c.languages[1].direction, Direction::Rtl);
    }

    #[test]
    fn unknown_key_names_the_key_and_line() {
        let text = GOOD.replace("paginate", "x").replace(
            "default_language = \"en\"",
            "default_language = \"en\"\ncolour = 3",
        );
        let err = parse(&text).unwrap_err().to_string();
        assert!(err.contains("colour"), "{err}");
        assert!(err.contains("site.toml:4:"), "{err}");
    }

    #[test]
    fn default_language_must_be_declared() {
        let err = parse(&GOOD.replace("default_language = \"en\"", "default_language = \"fr\""))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("`fr` is not one of the declared languages"),
            "{err}"
        );
    }

    #[test]
    fn override_replaces_base_url() {
        let o = ConfigOverrides {
            base_url: Some("https://x.github.io/b".into()),
        };
        let c = parse_config(GOOD, Path::new("site.toml"), &o).unwrap();
        assert_eq!(c.base_url.as_str(), "https://x.github.io/b/");
    }

    /// Issue 22: a newline in custom_domain wrote a two-line CNAME.
    #[test]
    fn custom_domain_must_be_a_host_name() {
        for bad in [
            "evil.example\n<script>",
            "a b.example",
            "https://x.example",
            "x.example/path",
            "x.example:8080",
            "localhost",
            "127.0.0.1",
            "-x.example",
            "",
        ] {
            assert!(parse_host_name(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            parse_host_name("Briefings.Example.org").as_deref(),
            Ok("briefings.example.org")
        );
        assert_eq!(
            parse_host_name("مرصد.example").as_deref(),
            // Python: "مرصد".encode("idna") == b"xn--ugbdm6d"
            Ok("xn--ugbdm6d.example")
        );
    }
}
