//! Fluent messages per interface language (`templates/i18n/<lang>.ftl`): loaded and checked
//! once per build, then used by templates through `t(key=…)`. Only this module knows Fluent.
//!
//! Checks made at build time, so a gap never reaches a reader as a blank:
//! - every interface language has a file, and every message id exists in all of them;
//! - every plural selector has an explicit variant for each CLDR plural category of its
//!   language (Arabic: zero, one, two, few, many, other), taken from icu_plurals.
//!
//! Bidi: Fluent would wrap each argument in U+2068/U+2069 isolation marks. Our output is HTML,
//! where templates isolate with `<bdi>` and `dir`; the invisible marks would only leak into
//! `<title>`, feeds and copied text, so isolation is turned off here, once.

use crate::config::SiteConfig;
use crate::error::{Diagnostic, Diagnostics, Location, line_col};
use crate::lang::Lang;
use crate::load::TextFile;
use fluent::concurrent::FluentBundle;
use fluent::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

/// Where the Fluent files live inside `templates/`.
pub const I18N_DIR: &str = "i18n";

/// The checked messages of every interface language.
pub struct I18n {
    bundles: BTreeMap<Lang, FluentBundle<FluentResource>>,
    /// `plain[lang][id]`: each message that formats without error when given no arguments,
    /// formatted so once per build (most `t()` calls pass none: headings, labels).
    plain: BTreeMap<Lang, HashMap<String, String>>,
}

/// An argument passed to a message.
#[derive(Debug, Clone)]
pub enum Arg {
    Number(f64),
    Text(String),
}

impl I18n {
    /// Formats message `id` in `lang`. A missing message or argument is an error naming both.
    pub fn format(&self, lang: &Lang, id: &str, args: &[(String, Arg)]) -> Result<String, String> {
        if args.is_empty()
            && let Some(text) = self.plain(lang, id)
        {
            return Ok(text.to_string());
        }
        self.format_with_fluent(lang, id, args)
    }

    /// Message `id` in `lang` as formatted with no arguments, if it formats without error so.
    pub fn plain(&self, lang: &Lang, id: &str) -> Option<&str> {
        self.plain.get(lang)?.get(id).map(String::as_str)
    }

    /// Every message that formats without arguments: (language, id, text).
    pub fn plain_messages(&self) -> impl Iterator<Item = (&Lang, &str, &str)> {
        self.plain.iter().flat_map(|(lang, messages)| {
            messages
                .iter()
                .map(move |(id, text)| (lang, id.as_str(), text.as_str()))
        })
    }

    /// The interface language whose code is exactly `code` as configured (no parsing).
    pub fn language(&self, code: &str) -> Option<&Lang> {
        self.bundles.keys().find(|l| l.as_str() == code)
    }

    fn format_with_fluent(
        &self,
        lang: &Lang,
        id: &str,
        args: &[(String, Arg)],
    ) -> Result<String, String> {
        let bundle = self
            .bundles
            .get(lang)
            .ok_or_else(|| format!("no Fluent messages for language `{lang}`"))?;
        let message = bundle
            .get_message(id)
            .ok_or_else(|| format!("message `{id}` is missing for language `{lang}`"))?;
        let pattern = message
            .value()
            .ok_or_else(|| format!("message `{id}` has no value in language `{lang}`"))?;
        let mut fluent_args = FluentArgs::new();
        for (name, arg) in args {
            match arg {
                Arg::Number(n) => fluent_args.set(name.clone(), FluentValue::from(*n)),
                Arg::Text(s) => fluent_args.set(name.clone(), FluentValue::from(s.clone())),
            }
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        if let Some(e) = errors.first() {
            return Err(format!("message `{id}` in language `{lang}`: {e}"));
        }
        Ok(text.into_owned())
    }
}

/// Builds and checks the bundles from the `.ftl` files found under `templates/`.
pub fn load_messages(config: &SiteConfig, files: &[TextFile]) -> Result<I18n, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut bundles = BTreeMap::new();
    let mut ids_by_lang: BTreeMap<Lang, (PathBuf, BTreeMap<String, usize>)> = BTreeMap::new();

    for lang_config in &config.languages {
        let lang = &lang_config.lang;
        let name = format!("{I18N_DIR}/{lang}.ftl");
        let Some(file) = files.iter().find(|f| f.name == name) else {
            diags.push(Diagnostic::error(
                Location::file(PathBuf::from(crate::load::TEMPLATES_DIR).join(&name)),
                format!("missing Fluent file for interface language `{lang}`"),
            ));
            continue;
        };
        let categories = plural_categories(&lang_config.locale);
        let ids = check_syntax_and_plurals(file, &categories, &mut diags);
        ids_by_lang.insert(lang.clone(), (file.path.clone(), ids));

        let resource = match FluentResource::try_new(file.text.clone()) {
            Ok(r) => r,
            Err(_) => continue, // already reported with positions by check_syntax_and_plurals
        };
        let langid: unic_langid::LanguageIdentifier =
            lang_config.locale.to_string().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        bundle.set_use_isolating(false);
        if let Err(errs) = bundle.add_resource(resource) {
            for e in errs {
                diags.push(Diagnostic::error(Location::file(&file.path), e.to_string()));
            }
        }
        bundles.insert(lang.clone(), bundle);
    }
    for f in files {
        let known = config
            .languages
            .iter()
            .any(|l| f.name == format!("{I18N_DIR}/{}.ftl", l.lang));
        if !known {
            diags.push(Diagnostic::warning(
                Location::file(&f.path),
                "Fluent file is not used: its name is not templates/i18n/<interface language>.ftl",
            ));
        }
    }
    check_same_ids(&ids_by_lang, &mut diags);
    diags.clone().into_result()?;
    let mut i18n = I18n {
        bundles,
        plain: BTreeMap::new(),
    };
    for (lang, (_, ids)) in &ids_by_lang {
        let plain: HashMap<String, String> = ids
            .keys()
            .filter_map(|id| Some((id.clone(), i18n.format_with_fluent(lang, id, &[]).ok()?)))
            .collect();
        i18n.plain.insert(lang.clone(), plain);
    }
    Ok(i18n)
}

/// The CLDR plural categories a cardinal number can take in `locale`, by Fluent's names.
pub fn plural_categories(locale: &icu_locale_core::Locale) -> Vec<&'static str> {
    use icu_plurals::{PluralCategory, PluralRules};
    match PluralRules::try_new_cardinal(locale.clone().into()) {
        Ok(rules) => rules
            .categories()
            .map(|c| match c {
                PluralCategory::Zero => "zero",
                PluralCategory::One => "one",
                PluralCategory::Two => "two",
                PluralCategory::Few => "few",
                PluralCategory::Many => "many",
                PluralCategory::Other => "other",
            })
            .collect(),
        Err(_) => vec!["other"],
    }
}

const CATEGORY_NAMES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// Reports syntax errors and incomplete plural selectors; returns message ids with lines.
fn check_syntax_and_plurals(
    file: &TextFile,
    categories: &[&'static str],
    diags: &mut Diagnostics,
) -> BTreeMap<String, usize> {
    let source = file.text.as_str();
    let resource = match fluent_syntax::parser::parse(source) {
        Ok(r) => r,
        Err((r, errors)) => {
            for e in errors {
                // The entry's start, not the point where the parser gave up (often the next line).
                let start = e.slice.as_ref().map_or(e.pos.start, |s| s.start);
                let (line, col) = line_col(source, start);
                diags.push(Diagnostic::error(
                    Location::at(&file.path, line, col),
                    format!("Fluent syntax error: {}", e.kind),
                ));
            }
            r
        }
    };
    let mut ids = BTreeMap::new();
    for entry in &resource.body {
        let ast::Entry::Message(message) = entry else {
            continue;
        };
        let id = message.id.name;
        let (line, _) = line_col(source, offset_in(source, id));
        ids.insert(id.to_string(), line);
        let mut patterns: Vec<&ast::Pattern<&str>> = message.value.iter().collect();
        patterns.extend(message.attributes.iter().map(|a| &a.value));
        while let Some(pattern) = patterns.pop() {
            for element in &pattern.elements {
                let ast::PatternElement::Placeable {
                    expression: ast::Expression::Select { variants, .. },
                } = element
                else {
                    continue;
                };
                let keys: BTreeSet<&str> = variants
                    .iter()
                    .filter_map(|v| match v.key {
                        ast::VariantKey::Identifier { name } => Some(name),
                        ast::VariantKey::NumberLiteral { .. } => None,
                    })
                    .collect();
                let is_plural = keys.iter().any(|k| CATEGORY_NAMES.contains(k));
                if is_plural {
                    let missing: Vec<&str> = categories
                        .iter()
                        .copied()
                        .filter(|c| !keys.contains(c))
                        .collect();
                    if !missing.is_empty() {
                        diags.push(Diagnostic::error(
                            Location::at(&file.path, line, 1),
                            format!(
                                "message `{id}`: plural selector lacks the categories {} (this language needs {})",
                                missing.join(", "),
                                categories.join(", ")
                            ),
                        ));
                    }
                }
                patterns.extend(variants.iter().map(|v| &v.value));
            }
        }
    }
    ids
}

/// Byte offset of a slice of `source` within it (the parser hands out slices of the input).
fn offset_in(source: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(source.as_ptr() as usize)
}

fn check_same_ids(
    ids_by_lang: &BTreeMap<Lang, (PathBuf, BTreeMap<String, usize>)>,
    diags: &mut Diagnostics,
) {
    let all: BTreeSet<&String> = ids_by_lang
        .values()
        .flat_map(|(_, ids)| ids.keys())
        .collect();
    for (lang, (path, ids)) in ids_by_lang {
        for id in &all {
            if !ids.contains_key(*id) {
                let (other_lang, line) = ids_by_lang
                    .iter()
                    .find_map(|(l, (_, m))| m.get(*id).map(|line| (l, *line)))
                    .map_or((lang, 0), |x| x);
                diags.push(Diagnostic::error(
                    Location::file(path),
                    format!(
                        "message `{id}` is missing for language `{lang}` (defined for `{other_lang}` at line {line})"
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{ConfigOverrides, parse_config};
    use std::path::Path;

    fn config() -> SiteConfig {
        let text = r#"
base_url = "https://e.org/"
default_language = "en"
[[languages]]
code = "en"
name = "English"
locale = "en-GB"
direction = "ltr"
title = "M"
[[languages]]
code = "ar"
name = "العربية"
locale = "ar-MA"
direction = "rtl"
title = "م"
"#;
        parse_config(text, Path::new("site.toml"), &ConfigOverrides::default()).unwrap()
    }

    fn file(lang: &str, text: &str) -> TextFile {
        TextFile {
            path: format!("templates/i18n/{lang}.ftl").into(),
            name: format!("i18n/{lang}.ftl"),
            text: text.into(),
        }
    }

    const EN: &str =
        "count = { $n ->\n    [one] { $n } briefing\n   *[other] { $n } briefings\n}\n";
    const AR: &str = "count = { $n ->\n    [zero] لا موجز\n    [one] موجز واحد\n    [two] موجزان\n    [few] { $n } موجزات\n    [many] { $n } موجزًا\n   *[other] { $n } موجز\n}\n";

    #[test]
    fn arabic_counts_take_all_six_forms() {
        let i18n = load_messages(&config(), &[file("en", EN), file("ar", AR)]).unwrap();
        let ar = Lang::parse("ar").unwrap();
        let f = |n: f64| {
            i18n.format(&ar, "count", &[("n".into(), Arg::Number(n))])
                .unwrap()
        };
        assert_eq!(f(0.0), "لا موجز");
        assert_eq!(f(1.0), "موجز واحد");
        assert_eq!(f(2.0), "موجزان");
        assert_eq!(f(3.0), "3 موجزات");
        assert_eq!(f(11.0), "11 موجزًا");
        assert_eq!(f(100.0), "100 موجز");
    }

    #[test]
    fn incomplete_arabic_plural_is_an_error_naming_the_categories() {
        let ar = "count = { $n ->\n    [one] موجز\n   *[other] { $n } موجز\n}\n";
        let err = load_messages(&config(), &[file("en", EN), file("ar", ar)])
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("templates/i18n/ar.ftl:1:1"), "{err}");
        assert!(err.contains("zero, two, few, many"), "{err}");
    }

    #[test]
    fn message_missing_in_one_language_is_an_error() {
        let err = load_messages(
            &config(),
            &[file("en", &format!("{EN}extra = x\n")), file("ar", AR)],
        )
        .err()
        .unwrap()
        .to_string();
        assert!(
            err.contains("message `extra` is missing for language `ar`"),
            "{err}"
        );
    }

    #[test]
    fn syntax_error_has_a_line() {
        let err = load_messages(
            &config(),
            &[file("en", EN), file("ar", &format!("{AR}bad = {{\n"))],
        )
        .err()
        .unwrap()
        .to_string();
        assert!(err.contains("templates/i18n/ar.ftl:9:"), "{err}");
    }

    #[test]
    fn missing_message_at_render_names_key_and_language() {
        let i18n = load_messages(&config(), &[file("en", EN), file("ar", AR)]).unwrap();
        let err = i18n
            .format(&Lang::parse("ar").unwrap(), "nope", &[])
            .unwrap_err();
        assert_eq!(err, "message `nope` is missing for language `ar`");
    }
}
