//! View structs: exactly what templates see. Built from the site for one page at a time;
//! templates never reach into pipeline types.

use serde::Serialize;

/// The frame of every page: language, direction, head metadata, navigation, switcher.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct Chrome {
    /// The page's interface language (`<html lang>`); also the default language of `t()`.
    pub lang: String,
    /// Its position in the site's languages (the search index keeps dates in that order).
    pub lang_index: usize,
    pub dir: &'static str,
    /// CLDR locale (`ar-MA`).
    pub locale: String,
    /// Open Graph locale (`ar_MA`) and the other languages'.
    pub og_locale: String,
    pub og_locale_alternates: Vec<String>,
    /// `article` for briefings, `website` otherwise.
    pub og_type: &'static str,
    /// Root-relative URL of the Atom feed to announce, if it exists, and the feed's name.
    pub feed: Option<String>,
    pub feed_title: String,
    /// schema.org JSON-LD, serialized with `<`, `>` and `&` escaped so it cannot close the
    /// `<script>` element it sits in.
    pub json_ld: Option<String>,
    pub site_title: String,
    pub site_description: String,
    /// Text of `<title>`.
    pub title: String,
    /// Meta description: at most [`super::chrome::DESCRIPTION_CHARS`] characters, cut at a
    /// word.
    pub description: String,
    /// The canonical URL; none for a page search engines must not index (the 404 page,
    /// which also has `noindex`).
    pub canonical: Option<String>,
    pub noindex: bool,
    /// Root-relative URL of the site root (honours the base path).
    pub root: String,
    /// Root-relative URL of this language's home.
    pub home: String,
    pub stylesheet: String,
    /// This language's search page, the search client and the index folder.
    pub search: String,
    pub search_script: String,
    pub search_index: String,
    pub kind: crate::plan::PageKind,
    pub nav: Nav,
    /// One entry per interface language, in site order.
    pub languages: Vec<LanguageLink>,
    /// `<link rel="alternate" hreflang>` targets (absolute URLs): real translations only.
    pub alternates: Vec<Alternate>,
    pub prev: Option<String>,
    pub next: Option<String>,
}

/// The navigation's links. Templates see `nav.home`, `nav.archive`, and one key per kind of
/// term (`nav.topics`, ...; `chrome.nav[term.kind]`), made by iterating the kinds.
#[derive(Debug, Clone, Hash)]
pub struct Nav {
    pub home: String,
    pub terms: crate::kind::PerKind<String>,
    pub archive: String,
}

impl Serialize for Nav {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(2 + crate::kind::TaxonomyKind::ALL.len()))?;
        map.serialize_entry("home", &self.home)?;
        for (kind, href) in self.terms.iter() {
            map.serialize_entry(kind.as_str(), href)?;
        }
        map.serialize_entry("archive", &self.archive)?;
        map.end()
    }
}

/// A language switcher entry: the same page in another language, or that language's home
/// when the page has no version in it.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct LanguageLink {
    pub lang: String,
    pub dir: &'static str,
    pub name: String,
    pub href: String,
    pub current: bool,
    /// True when `href` is this very page in that language (not a fallback to its home).
    pub same_page: bool,
}

#[derive(Debug, Clone, Hash, Serialize)]
pub struct Alternate {
    pub hreflang: String,
    pub href: String,
}

/// A briefing in a list: carries its own language and direction, since lists mix languages.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct ItemView {
    pub title: String,
    pub href: String,
    pub lang: String,
    pub dir: &'static str,
    pub date_iso: Option<String>,
    /// The date in the list's interface language; empty when undated.
    pub date: String,
    pub summary: String,
    pub language_name: String,
    /// Still to go out (shown only by the preview and `--future` builds).
    pub scheduled: bool,
}

/// A topic, actor or place as a link (`href` empty while taxonomies are off).
#[derive(Debug, Clone, Hash, Serialize)]
pub struct TermLink {
    pub name: String,
    pub href: String,
    pub lang: String,
    pub dir: &'static str,
}

#[derive(Debug, Clone, Hash, Serialize)]
pub struct TranslationLink {
    pub lang: String,
    pub dir: &'static str,
    pub language_name: String,
    pub title: String,
    pub href: String,
}

#[derive(Debug, Clone, Hash, Serialize)]
pub struct SourceView {
    pub name: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Hash, Serialize)]
pub struct BriefingView {
    pub title: String,
    pub date_iso: Option<String>,
    pub date: String,
    /// When it last changed after publication (`updated:` or its latest correction).
    pub updated: Option<DateView>,
    /// Its corrections, oldest first, each dated in the page's language.
    pub corrections: Vec<CorrectionView>,
    pub summary: String,
    pub body: String,
    pub source: Option<SourceView>,
    /// Its terms as links, one list per kind (templates: `briefing.topics`, ...).
    #[serde(flatten)]
    pub terms: crate::kind::PerKind<Vec<TermLink>>,
    pub translations: Vec<TranslationLink>,
    /// Other briefings sharing the most terms, best first (any language).
    pub related: Vec<ItemView>,
    /// The day it goes out, while that is still to come (the preview, `--future`).
    pub scheduled: Option<DateView>,
    /// The original this translation is behind, when it changed after the translation was
    /// made (and site.toml does not turn the note off).
    pub outdated_against: Option<TranslationLink>,
}

#[derive(Debug, Clone, Hash, Serialize)]
pub struct Pagination {
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub first: String,
    pub last: String,
}

/// A date as a page shows it: for `<time datetime>`, and written in the page's language.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct DateView {
    pub iso: String,
    pub text: String,
}

/// A correction of a briefing, as its page shows it.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct CorrectionView {
    pub date: DateView,
    pub note: String,
}

/// A paginated list of briefings (home pages, term pages). Its items reach templates as the
/// top-level `items` (prebuilt [`ItemView`]s, see `RenderContext::items`).
#[derive(Debug, Clone, Hash, Serialize)]
pub struct ListView {
    /// `home`, `term` or `archive`.
    pub kind: crate::plan::PageKind,
    pub heading: String,
    pub total: usize,
    pub pagination: Pagination,
}
