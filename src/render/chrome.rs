//! The frame of every page: `<head>` metadata (title, canonical, alternates, Open Graph,
//! feed, JSON-LD), navigation and the language switcher, from a small [`ChromeSpec`].

use super::*;

/// What varies between pages' chrome.
pub(crate) struct ChromeSpec {
    pub title: String,
    pub description: String,
    /// The page of the plan: its canonical URL and its versions in other languages (the
    /// switcher, the hreflang alternates) come from the plan.
    pub job: PageJob,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The feed to announce (if it exists): the language's, or a term's on its pages.
    pub feed: FeedScope,
    /// schema.org JSON-LD for the page, already serialized and escaped for `<script>`.
    pub json_ld: Option<String>,
}

impl ChromeSpec {
    pub(crate) fn other(title: &str, job: PageJob) -> Self {
        ChromeSpec {
            title: title.to_string(),
            description: String::new(),
            job,
            prev: None,
            next: None,
            feed: FeedScope::Language,
            json_ld: None,
        }
    }
}

pub(crate) fn chrome(ctx: &RenderContext, lang: LangIx, spec: ChromeSpec) -> Chrome {
    let model = &ctx.model;
    let lc = model.language(lang);
    let code = lc.lang.as_str();
    let versions = spec.job.versions(model);
    let languages = model
        .languages()
        .map(|j| {
            let other = model.language(j);
            let version = versions.iter().find(|(l, _)| *l == j);
            LanguageLink {
                lang: other.lang.to_string(),
                dir: other.direction.as_str(),
                name: other.name.clone(),
                href: version.map_or_else(|| ctx.frame(j).home.clone(), |(_, p)| ctx.urls.path(p)),
                current: j == lang,
                same_page: version.is_some(),
            }
        })
        .collect();
    // The one place hreflang alternates are made; the sitemap takes them from the views.
    let alternates = if versions.len() > 1 {
        let mut a: Vec<Alternate> = versions
            .iter()
            .map(|(j, p)| Alternate {
                hreflang: model.language(*j).lang.to_string(),
                href: ctx.urls.absolute(p),
            })
            .collect();
        // For readers whose language is none of the site's: the root's language chooser for
        // the home page, else the page in the default language.
        let x_default = if spec.job.canonical(model).is_home() {
            Some(ctx.urls.absolute(""))
        } else {
            versions
                .iter()
                .find(|(j, _)| *j == model.default_language())
                .map(|(_, p)| ctx.urls.absolute(p))
        };
        if let Some(href) = x_default {
            a.push(Alternate {
                hreflang: "x-default".into(),
                href,
            });
        }
        a
    } else {
        Vec::new()
    };
    let feed = model.has_feed(spec.feed).then(|| {
        let feed = PageJob::Feed {
            lang,
            scope: spec.feed,
        };
        ctx.urls.path(&feed.site_path(model))
    });
    let kind = spec.job.kind();
    let indexed = kind != PageKind::NotFound;
    Chrome {
        lang: code.to_string(),
        lang_index: lang.index(),
        dir: lc.direction.as_str(),
        locale: lc.locale.to_string(),
        og_locale: ctx.frame(lang).og_locale.clone(),
        // Only the languages the page exists in.
        og_locale_alternates: versions
            .iter()
            .filter(|(j, _)| *j != lang)
            .map(|(j, _)| ctx.frame(*j).og_locale.clone())
            .collect(),
        og_type: if kind == PageKind::Briefing {
            "article"
        } else {
            "website"
        },
        feed,
        feed_title: feeds::feed_title(ctx, lang, spec.feed),
        json_ld: spec.json_ld,
        site_title: lc.title.clone(),
        site_description: lc.description.clone(),
        title: spec.title,
        description: meta_description(if spec.description.is_empty() {
            &lc.description
        } else {
            &spec.description
        }),
        canonical: indexed.then(|| {
            ctx.urls
                .absolute(&spec.job.canonical(model).site_path(model))
        }),
        noindex: !indexed,
        root: ctx.urls.path(""),
        home: ctx.frame(lang).home.clone(),
        stylesheet: ctx.assets.stylesheet_href(&ctx.urls),
        search: ctx.frame(lang).search.clone(),
        search_script: ctx
            .urls
            .path(&crate::plan::search_file(&ctx.assets.search_client)),
        search_index: ctx.urls.path(crate::plan::SEARCH_INDEX),
        kind,
        nav: ctx.frame(lang).nav.clone(),
        languages,
        alternates,
        prev: spec.prev,
        next: spec.next,
    }
}

/// The most characters a meta description takes: what search engines show of one.
pub const DESCRIPTION_CHARS: usize = 160;

/// `text` as a meta description: whole if it fits, else cut at the last word boundary that
/// fits, with `…`.
pub(crate) fn meta_description(text: &str) -> String {
    if text.chars().count() <= DESCRIPTION_CHARS {
        return text.to_string();
    }
    let room: String = text.chars().take(DESCRIPTION_CHARS - 1).collect();
    let cut = room
        .rfind(char::is_whitespace)
        .map_or(room.as_str(), |i| &room[..i])
        .trim_end_matches(|c: char| c.is_whitespace() || ",;:–—-".contains(c));
    format!("{cut}…")
}

/// A Fluent message in interface language `lang`; a missing one is a build error.
pub(crate) fn message(
    ctx: &RenderContext,
    lang: LangIx,
    key: &str,
    args: &[(&str, usize)],
) -> Result<String, Diagnostic> {
    let args: Vec<(String, crate::i18n::Arg)> = args
        .iter()
        .map(|(k, v)| (k.to_string(), crate::i18n::Arg::Number(*v as f64)))
        .collect();
    ctx.templates
        .message(&ctx.model.language(lang).lang, key, &args)
        .map_err(|m| Diagnostic::error(Location::file("templates/i18n"), m))
}

/// `<title>`: the page's own parts, then the site title, joined by ` | `.
pub(crate) fn page_title(ctx: &RenderContext, lang: LangIx, parts: &[String]) -> String {
    let mut all: Vec<&str> = parts
        .iter()
        .map(String::as_str)
        .filter(|p| !p.is_empty())
        .collect();
    all.push(&ctx.model.language(lang).title);
    all.join(" | ")
}

/// "Page 2 of 5" past the first page of a list, nothing on the first.
pub(crate) fn page_of(
    ctx: &RenderContext,
    lang: LangIx,
    p: &Pagination,
) -> Result<Vec<String>, Diagnostic> {
    if p.current <= 1 {
        return Ok(Vec::new());
    }
    Ok(vec![message(
        ctx,
        lang,
        "page-of",
        &[("current", p.current), ("total", p.total)],
    )?])
}

/// Open Graph writes locales with an underscore (`ar_MA`).
pub(super) fn og_locale(locale: &icu_locale_core::Locale) -> String {
    locale.to_string().replace('-', "_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_description_is_cut_at_a_word_near_160_characters() {
        let long = "Morocco and Spain agreed on Tuesday to step up their cooperation against terrorism, organised crime and irregular migration, the two ministers said in a joint statement issued in Rabat after talks.";
        let d = meta_description(long);
        assert!(d.chars().count() <= DESCRIPTION_CHARS, "{d}");
        assert!(d.ends_with('…'));
        assert!(long.starts_with(d.trim_end_matches('…')));
        let cut = d.trim_end_matches('…');
        assert!(long[cut.len()..].starts_with(' '), "cut inside a word: {d}");
        assert_eq!(meta_description("Short."), "Short.");
        let arabic = "كلمة ".repeat(50);
        assert!(meta_description(&arabic).chars().count() <= DESCRIPTION_CHARS);
    }
}
