//! The article's source: evidence from the whole input, weighed against the sources registry
//! (`content/_registry/sources.yaml`: names in every script, aliases, web domains, wire
//! agencies). Evidence, strongest first: an inline wire dateline (`Rabat (MAP) –`), a labelled
//! source line (`Source : …`, `المصدر: …`), a dateline naming the outlet (`الرباط - هسبريس`), a
//! wire credit (`LNT avec MAP`), a press release's issuer, the page's own `og:site_name` or
//! JSON-LD publisher, a copyright footer, a headline suffix (`… | Outlet`), the page's
//! URL, and last a byline or a short name alone after the article. An outlet the registry knows weighs
//! more; the weakest kinds (the URL, a lone name) count only when it knows them, so a stray
//! line ("Enter your email address") is never the source. An outlet the registry does not
//! know is written as found and proposed for review.

use super::article::Article;
use super::html::PageMeta;
use super::masthead::{CreditKind, Dateline};
use crate::fold::match_key;
use crate::taxonomy::{Outlet, Registry};

/// The source ingest writes: `source: { name, url }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The registry's name in the briefing's language, or the outlet as written.
    pub name: String,
    /// The article's canonical URL, when the page gives it.
    pub url: Option<String>,
    /// The registry id, when the registry knows the outlet.
    pub id: Option<String>,
    /// The evidence as the article wrote it (`LNT avec MAP`, `هسبريس`).
    pub written: String,
}

/// The outlets of the registry, with their spellings folded once.
pub struct Outlets<'r> {
    outlets: Vec<(Outlet<'r>, Vec<Vec<String>>)>,
    /// The briefing's language's position among the site's languages.
    lang_ix: usize,
}

impl<'r> Outlets<'r> {
    pub fn new(registry: &'r Registry, lang_ix: usize) -> Outlets<'r> {
        let outlets = registry
            .outlets()
            .map(|o| {
                let spellings = std::iter::once(o.id.replace('-', " "))
                    .chain(o.names.iter().cloned())
                    .chain(o.aliases.iter().cloned())
                    .flat_map(|s| {
                        // `Maghreb Arab Press (MAP)`: the name and the acronym, each alone too;
                        // `Libération (Maroc)` is only itself (the bare name is another paper's).
                        let mut v = vec![s.clone()];
                        if let Some((a, b)) = s.split_once('(') {
                            let inner = b.trim_end_matches(')').trim();
                            let acronym = (2..=10).contains(&inner.len())
                                && inner.chars().all(|c| !c.is_lowercase())
                                && inner.chars().any(char::is_uppercase);
                            if acronym {
                                v.push(a.to_string());
                                v.push(inner.to_string());
                            }
                        }
                        v
                    })
                    .map(|s| key_words(&s))
                    .filter(|k| !k.is_empty())
                    .collect();
                (o, spellings)
            })
            .collect();
        Outlets { outlets, lang_ix }
    }

    /// The outlet a name is, written whole (any spelling, or one of its domains).
    pub fn find(&self, name: &str) -> Option<Outlet<'r>> {
        let key = key_words(name);
        if key.is_empty() {
            return None;
        }
        self.outlets
            .iter()
            .find(|(_, spellings)| spellings.contains(&key))
            .map(|(o, _)| *o)
            .or_else(|| self.by_host(name))
    }

    /// The outlet named inside a line (`© 2024 Morocco World News`, `Par Le360 (avec MAP)`):
    /// the first named, the longest spelling where two start together.
    pub fn find_in(&self, text: &str) -> Option<Outlet<'r>> {
        let words = key_words(text);
        let mut best: Option<(usize, usize, Outlet<'r>)> = None;
        for (o, spellings) in &self.outlets {
            for s in spellings {
                let acronym = s.len() == 1 && s[0].chars().count() <= 4;
                if acronym && !written_in_capitals(text, s) {
                    continue;
                }
                if let Some(at) = words.windows(s.len()).position(|w| w == s.as_slice()) {
                    let better = best.is_none_or(|(b_at, b_len, _)| {
                        at < b_at || (at == b_at && s.len() > b_len)
                    });
                    if better {
                        best = Some((at, s.len(), *o));
                    }
                }
            }
        }
        best.map(|(_, _, o)| o).or_else(|| self.by_host(text))
    }

    /// The outlet whose domain a URL or host name is on (`https://fr.hespress.com/...`).
    pub fn by_host(&self, text: &str) -> Option<Outlet<'r>> {
        let host = host_of(text)?;
        self.outlets
            .iter()
            .map(|(o, _)| *o)
            .filter_map(|o| {
                o.domains
                    .iter()
                    .filter(|d| host == **d || host.ends_with(&format!(".{d}")))
                    .map(|d| d.len())
                    .max()
                    .map(|len| (len, o))
            })
            .max_by_key(|(len, _)| *len)
            .map(|(_, o)| o)
    }

    fn source(&self, outlet: Option<Outlet>, written: &str, url: Option<&String>) -> Source {
        Source {
            name: outlet
                .and_then(|o| o.names.get(self.lang_ix).cloned())
                .unwrap_or_else(|| written.to_string()),
            url: url.cloned(),
            id: outlet.map(|o| o.id.to_string()),
            written: written.to_string(),
        }
    }
}

/// A name's words as `match_key` folds them.
fn key_words(s: &str) -> Vec<String> {
    match_key(s)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether an acronym (`MAP`, `AP`) is written in capitals in the text: `map` and `ap` are
/// words too.
fn written_in_capitals(text: &str, acronym: &[String]) -> bool {
    let a = &acronym[0];
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| w.to_lowercase() == *a && (w.chars().all(|c| !c.is_lowercase()) || !w.is_ascii()))
}

/// The host of a URL or a bare host name (`www.` dropped), in lowercase.
fn host_of(text: &str) -> Option<String> {
    let t = text.trim();
    let rest = t
        .split_once("://")
        .map(|(_, r)| r)
        .unwrap_or(t)
        .trim_start_matches("www.");
    let host: String = rest
        .split(['/', '?', '#', ' ', ':'])
        .next()?
        .to_ascii_lowercase();
    (host.contains('.')
        && !host.starts_with('.')
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-'))
    .then_some(host)
}

/// Everything the source is read from.
pub struct Evidence<'a> {
    pub article: &'a Article,
    pub meta: &'a PageMeta,
    /// The outlet a headline suffix named (`… | Hespress`).
    pub headline_suffix: Option<&'a str>,
}

/// The source, and the places a dateline named (the article is from there).
pub struct Found {
    pub source: Option<Source>,
    pub dateline_places: Vec<String>,
}

/// How much a kind of evidence weighs, and whether it counts when the registry does not
/// know the outlet.
fn weight(kind: Kind) -> (i32, bool) {
    match kind {
        Kind::Agency => (10, true),
        Kind::Credit(CreditKind::Labelled) => (9, true),
        Kind::Dateline => (8, true),
        Kind::Credit(CreditKind::Wire) => (8, true),
        Kind::Credit(CreditKind::Issuer) => (7, true),
        Kind::Page => (7, true),
        Kind::Credit(CreditKind::Copyright) => (6, true),
        Kind::Suffix => (5, true),
        Kind::Url => (4, false),
        Kind::Byline => (3, false),
        Kind::Signature => (3, false),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Agency,
    Credit(CreditKind),
    Dateline,
    Page,
    Suffix,
    Url,
    Byline,
    Signature,
}

/// Weighs the evidence; the registry tells places from outlets in a dateline.
pub fn find_source(ev: &Evidence, outlets: &Outlets, registry: &Registry) -> Found {
    let mut candidates: Vec<(Kind, String)> = Vec::new();
    if let Some(a) = &ev.article.agency {
        candidates.push((Kind::Agency, a.clone()));
    }
    let (dateline_source, dateline_places) = match &ev.article.dateline {
        Some(d) => read_dateline(d, registry),
        None => (None, Vec::new()),
    };
    if let Some(s) = dateline_source {
        candidates.push((Kind::Dateline, s));
    }
    for (kind, name) in &ev.article.credits {
        candidates.push((Kind::Credit(*kind), name.clone()));
    }
    if let Some(s) = &ev.meta.site_name {
        candidates.push((Kind::Page, s.clone()));
    }
    if let Some(s) = ev.headline_suffix {
        candidates.push((Kind::Suffix, s.to_string()));
    }
    if let Some(u) = &ev.meta.url {
        candidates.push((Kind::Url, u.clone()));
    }
    for line in &ev.article.lines {
        if host_of(&line.text).is_some() && !line.text.trim().contains(' ') {
            candidates.push((Kind::Url, line.text.clone()));
        }
    }
    for s in &ev.article.signatures {
        candidates.push((Kind::Signature, s.clone()));
    }
    for s in &ev.article.bylines {
        candidates.push((Kind::Byline, s.clone()));
    }
    let mut scored: Vec<(i32, Kind, bool, Source)> = Vec::new();
    for (kind, written) in candidates {
        let written = written
            .trim()
            .trim_matches(['(', ')', '.', ',', ':'])
            .trim();
        if written.is_empty() || is_generic(written) {
            continue;
        }
        let (mut w, unregistered_ok) = weight(kind);
        let outlet = match kind {
            Kind::Url => outlets.by_host(written),
            Kind::Credit(_) | Kind::Page | Kind::Byline => {
                outlets.find(written).or_else(|| outlets.find_in(written))
            }
            // `هسبريس - محمد الراجي`: a short line may join the outlet to an author or a place.
            Kind::Signature => outlets.find(written).or_else(|| {
                written
                    .split([' ', '-', '–', '—', '/', '|'])
                    .collect::<Vec<_>>()
                    .join(" ")
                    .split("  ")
                    .find_map(|part| outlets.find(part.trim()))
            }),
            _ => outlets.find(written),
        };
        if outlet.is_some() {
            w += 3;
        } else if !unregistered_ok {
            continue;
        }
        let written = if matches!(kind, Kind::Url | Kind::Byline) {
            outlet.map_or(written.to_string(), |o| o.id.to_string())
        } else {
            written.to_string()
        };
        let wire = outlet.is_some_and(|o| o.wire);
        scored.push((
            w,
            kind,
            wire,
            outlets.source(outlet, &written, ev.meta.url.as_ref()),
        ));
    }
    // The first of the heaviest.
    let best = scored
        .iter()
        .enumerate()
        .max_by_key(|(i, (w, ..))| (*w, std::cmp::Reverse(*i)))
        .map(|(i, _)| i);
    // An agency's dispatch carried by an outlet that the page names as itself (its site name,
    // a headline suffix, a copyright, a byline) is that outlet's article: `LNT avec MAP`,
    // `Par Le360 (avec MAP)`, a Hespress page opening `Rabat (MAP) –`.
    let carried = best.filter(|&b| {
        let (_, kind, wire, _) = &scored[b];
        matches!(kind, Kind::Agency | Kind::Credit(CreditKind::Wire)) && *wire
    });
    let pick = match carried {
        Some(_) => scored
            .iter()
            .enumerate()
            .filter(|(_, (_, kind, wire, s))| {
                !wire
                    && (s.id.is_some() || matches!(kind, Kind::Page | Kind::Suffix))
                    && matches!(
                        kind,
                        Kind::Page
                            | Kind::Suffix
                            | Kind::Byline
                            | Kind::Dateline
                            | Kind::Url
                            | Kind::Credit(CreditKind::Copyright)
                    )
            })
            .max_by_key(|(i, (w, ..))| (*w, std::cmp::Reverse(*i)))
            .map(|(i, _)| i)
            .or(best),
        None => best,
    };
    Found {
        source: pick.map(|i| scored.swap_remove(i).3),
        dateline_places,
    }
}

/// A newsroom's generic credit names no source (`متابعة`, "staff", "la rédaction").
fn is_generic(name: &str) -> bool {
    const GENERIC: &[&str] = &[
        "متابعة",
        "staff",
        "staff writer",
        "rédaction",
        "la rédaction",
        "editorial",
        "the editorial team",
        "هيئة التحرير",
    ];
    let key = match_key(name);
    GENERIC.iter().any(|g| match_key(g) == key)
}

/// A dateline's source and places. A part the registry knows as a place is a place; of the
/// others, the source is the one the separator puts in the source's seat (`Source / Place`,
/// `Place - Source`).
fn read_dateline(d: &Dateline, registry: &Registry) -> (Option<String>, Vec<String>) {
    let mut places = Vec::new();
    let mut others = Vec::new();
    for part in &d.parts {
        let found = super::tag::tag(part, registry).places;
        if found.is_empty() {
            others.push(part.clone());
        } else {
            places.extend(found);
        }
    }
    let pick = if d.source_first {
        others.first()
    } else {
        others.last()
    };
    (pick.cloned(), places)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found on a saved page: `Libération (Maroc)` made `Maroc` an outlet's name, and a URL's
    /// words (`/maroc-senegal-securite`) named it.
    #[test]
    fn a_qualified_name_is_not_its_qualifier() {
        let yaml = "- id: liberation-maroc\n  names: { en: Libération (Morocco), fr: Libération (Maroc), ar: ليبيراسيون }\n  domains: [libe.ma]\n- id: map\n  names: { en: Maghreb Arab Press (MAP), fr: Maghreb Arabe Presse (MAP), ar: ومع }\n  wire: true\n";
        let config = crate::config::parse_config(
            "base_url = \"https://x.org/\"\ndefault_language = \"en\"\n[[languages]]\ncode = \"en\"\nname = \"English\"\nlocale = \"en-GB\"\ndirection = \"ltr\"\ntitle = \"T\"\ndescription = \"D\"\n",
            std::path::Path::new("site.toml"),
            &Default::default(),
        )
        .expect("config");
        let file = crate::load::TextFile {
            path: "content/_registry/sources.yaml".into(),
            name: "_registry/sources.yaml".into(),
            text: yaml.into(),
        };
        let (registry, _) = crate::taxonomy::parse_registry(&config, &[file]).expect("registry");
        let outlets = Outlets::new(&registry, 0);
        assert!(outlets.find("Maroc").is_none());
        assert!(outlets.find_in("Le Maroc et le Sénégal").is_none());
        assert_eq!(outlets.find("MAP").map(|o| o.id), Some("map"));
        assert_eq!(
            outlets.by_host("https://www.libe.ma/x").map(|o| o.id),
            Some("liberation-maroc")
        );
        assert!(
            outlets
                .by_host("https://www.example-news.ma/politique/maroc")
                .is_none()
        );
    }

    #[test]
    fn hosts_of_urls_and_bare_names() {
        assert_eq!(
            host_of("https://www.hespress.com/x/y.html").as_deref(),
            Some("hespress.com")
        );
        assert_eq!(host_of("fr.le360.ma").as_deref(), Some("fr.le360.ma"));
        assert_eq!(host_of("Hespress"), None);
    }
}
