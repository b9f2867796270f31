//! `marsad init [DIR]`: a new site that builds and serves at once. It writes `site.toml`
//! (English, French, Arabic), an empty registry whose files show a commented example entry,
//! one sample briefing per language, linked as translations, and one English sample left
//! untranslated, so the README's `marsad new --translation-of` walkthrough has something to
//! translate on a fresh site; nothing else, since the templates, messages and stylesheet come
//! from the built-in theme ([`crate::theme`]).
//!
//! It never overwrites: a folder that already has `site.toml` or `content/` is refused, and
//! every file is created exclusively, so a race with another writer fails instead of
//! clobbering. It does not print; the CLI reports what it returns.

use crate::config::CONFIG_FILE;
use crate::dates::PartialDate;
use crate::error::{Diagnostic, Diagnostics, Location};
use crate::front_matter::{EmptyLists, FrontMatter, write_front_matter};
use crate::fs;
use crate::load::{CONTENT_DIR, REGISTRY_DIR};
use std::path::{Path, PathBuf};

/// The files `init` wrote, relative to the site root, in the order written.
#[derive(Debug, Clone)]
pub struct InitReport {
    pub created: Vec<PathBuf>,
}

/// Creates a site in `root` (made if missing), with `date` on the sample briefings.
pub fn init_site(root: &Path, date: PartialDate) -> Result<InitReport, Diagnostics> {
    if root.exists() && !root.is_dir() {
        return Err(Diagnostic::error(
            Location::nowhere(),
            format!(
                "{} is a file; `marsad init` makes a site in a folder (give a new folder's name, e.g. `marsad init my-portal`)",
                root.display()
            ),
        )
        .into());
    }
    for taken in [CONFIG_FILE, CONTENT_DIR] {
        if root.join(taken).exists() {
            return Err(Diagnostic::error(
                Location::file(taken),
                format!(
                    "{} already has {taken}: `marsad init` never overwrites a site (choose an empty folder)",
                    root.display()
                ),
            )
            .into());
        }
    }
    let mut created = Vec::new();
    for (rel, text) in site_files(date) {
        let path = root.join(&rel);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder)?;
        }
        if !fs::write_new_file(&path, text.as_bytes())? {
            return Err(Diagnostic::error(
                Location::file(&rel),
                "was created by someone else while `marsad init` ran; left as it is",
            )
            .into());
        }
        created.push(rel);
    }
    Ok(InitReport { created })
}

/// Every file of a new site: (path relative to the root, text).
fn site_files(date: PartialDate) -> Vec<(PathBuf, String)> {
    let mut files = vec![(PathBuf::from(CONFIG_FILE), SITE_TOML.to_string())];
    for (kind, example) in REGISTRY_EXAMPLES {
        files.push((
            Path::new(CONTENT_DIR)
                .join(REGISTRY_DIR)
                .join(format!("{kind}.yaml")),
            registry_file(kind, example),
        ));
    }
    for sample in &SAMPLES {
        files.push((
            Path::new(CONTENT_DIR)
                .join(sample.lang)
                .join(format!("{}.md", sample.file_stem)),
            briefing_file(sample, date),
        ));
    }
    files
}

const SITE_TOML: &str = r#"# This site's configuration (see README: site.toml). Unknown keys are an error.

# The absolute URL the site is published at; `marsad build --base-url` overrides it.
base_url = "https://example.org/"

# The language served at the site root.
default_language = "en"

# Briefings per list page.
paginate = 20

# Interface languages, in the order the language switcher shows them. `locale` is the CLDR
# locale for dates, plural rules and sorting. The built-in theme has messages for en, fr
# and ar; another language needs its own templates/i18n/<code>.ftl.
[[languages]]
code = "en"
name = "English"
locale = "en-GB"
direction = "ltr"
title = "Briefings"
description = "Briefings on security diplomacy."

[[languages]]
code = "fr"
name = "Français"
locale = "fr-FR"
direction = "ltr"
title = "Notes"
description = "Notes sur la diplomatie sécuritaire."

[[languages]]
code = "ar"
name = "العربية"
locale = "ar-MA"
direction = "rtl"
title = "موجزات"
description = "موجزات حول الدبلوماسية الأمنية."
"#;

/// One commented example per registry file: (kind, example entry).
const REGISTRY_EXAMPLES: [(&str, &str); 3] = [
    (
        "topics",
        "- id: counter-terrorism\n  names: { en: Counter-terrorism, fr: Lutte contre le terrorisme, ar: مكافحة الإرهاب }\n  aliases: [counterterrorism, antiterrorisme]",
    ),
    (
        "actors",
        "- id: unoct\n  names: { en: UN Office of Counter-Terrorism, fr: Bureau de lutte contre le terrorisme, ar: مكتب الأمم المتحدة لمكافحة الإرهاب }\n  aliases: [UNOCT, ONUCT]",
    ),
    (
        "places",
        "- id: rabat\n  names: { en: Rabat, fr: Rabat, ar: الرباط }\n  coords: [34.02, -6.84]",
    ),
];

fn registry_file(kind: &str, example: &str) -> String {
    let commented: String = example.lines().map(|l| format!("# {l}\n")).collect();
    format!(
        "# The {kind} of this site. Each entry: a stable `id` (its URL segment), its name in every\n\
         # interface language, and other spellings. Front matter may name it by any of them.\n\
         # An example (remove the `# ` to use it):\n#\n{commented}"
    )
}

/// A sample briefing in one language.
struct Sample {
    lang: &'static str,
    file_stem: &'static str,
    title: &'static str,
    /// The three welcome samples share one, so they are one briefing in three languages even
    /// though each file name (and so each URL) is in its own script.
    translation_key: Option<&'static str>,
    body: &'static str,
}

/// The untranslated sample's file, named by the README's walkthrough and its own body.
pub const UNTRANSLATED_SAMPLE: &str = "content/en/translating-a-briefing.md";

const SAMPLES: [Sample; 4] = [
    Sample {
        lang: "en",
        file_stem: "welcome",
        title: "Welcome to your briefing portal",
        translation_key: Some("welcome"),
        body: "This sample briefing shows the shape of one: front matter between the `---` lines, \
               then Markdown. Write the next one with `marsad new --lang en \"Its title\"`, \
               preview with `marsad serve`, and delete this file when you no longer need it.",
    },
    Sample {
        lang: "fr",
        file_stem: "bienvenue",
        title: "Bienvenue sur votre portail de notes",
        translation_key: Some("welcome"),
        body: "Cette note d’exemple montre la forme d’une note : l’en-tête entre les lignes `---`, \
               puis du Markdown. Écrivez la suivante avec `marsad new --lang fr \"Son titre\"`, \
               prévisualisez avec `marsad serve`, et supprimez ce fichier quand il ne sert plus.",
    },
    Sample {
        lang: "ar",
        file_stem: "مرحبا",
        title: "مرحبا بكم في بوابة الموجزات",
        translation_key: Some("welcome"),
        body: "يبين هذا الموجز النموذجي شكل الموجز: البيانات الوصفية بين السطرين `---`، ثم نص بصيغة Markdown. \
               اكتبوا الموجز التالي بالأمر `marsad new --lang ar \"العنوان\"`، وعاينوا الموقع بالأمر `marsad serve`، \
               واحذفوا هذا الملف عندما لا تحتاجونه.",
    },
    Sample {
        lang: "en",
        file_stem: "translating-a-briefing",
        title: "Translating a briefing",
        translation_key: None,
        body: "This sample briefing has no French or Arabic version yet, so `marsad status` lists it \
               under missing translations. Start its French version with \
               `marsad new --lang fr --translation-of content/en/translating-a-briefing.md \"Traduire une note\"`: \
               the new file is named from its own title, gets this briefing's date, topics, actors and \
               places, and both files get the same `translation_key`, which links them.",
    },
];

fn briefing_file(sample: &Sample, date: PartialDate) -> String {
    let front = FrontMatter {
        title: sample.title.to_string(),
        date: Some(date),
        lang: Some(sample.lang.to_string()),
        translation_key: sample.translation_key.map(str::to_string),
        ..FrontMatter::default()
    };
    format!(
        "{}\n{}\n",
        write_front_matter(&front, EmptyLists::Shown),
        sample.body
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The path the README and the sample's own body name is the file init writes.
    #[test]
    fn the_untranslated_sample_is_where_its_walkthrough_says() {
        let files = site_files(PartialDate::parse("2025-01-02").expect("date"));
        let (_, text) = files
            .iter()
            .find(|(p, _)| p == Path::new(UNTRANSLATED_SAMPLE))
            .expect("the untranslated sample");
        assert!(text.contains(UNTRANSLATED_SAMPLE), "{text}");
        assert!(!text.contains("\ntranslation_key:"), "{text}");
    }
}
