//! A briefing's own page: its text, metadata, terms and translations, and its schema.org
//! `NewsArticle` JSON-LD.

use super::*;

pub(super) fn briefing_page(ctx: &RenderContext, id: BriefingId, b: &Briefing) -> Page {
    let job = PageJob::Briefing(id);
    let lang = job.lang(ctx);
    let translations = b
        .translations
        .iter()
        .filter_map(|&t| {
            let tb = &ctx.site.briefings[t];
            let j = ctx
                .config
                .languages
                .iter()
                .position(|l| l.lang == tb.lang)?;
            let lc = &ctx.config.languages[j];
            Some(TranslationLink {
                lang: lc.lang.to_string(),
                dir: lc.direction.as_str(),
                language_name: lc.name.clone(),
                title: tb.title.clone(),
                href: ctx.urls.path(&tb.site_path),
            })
        })
        .collect();
    let terms = |kind: TaxonomyKind| term_pages::term_links(ctx, lang, id, kind);
    let view = BriefingView {
        title: b.title.clone(),
        date_iso: b.date.map(|d| d.iso()),
        date: ctx.dates[id][lang].clone(),
        summary: b.summary.clone(),
        body: b.body.html.clone(),
        source: b.source.as_ref().map(|s| SourceView {
            name: s.name.clone(),
            url: s.url.clone(),
        }),
        topics: terms(TaxonomyKind::Topics),
        actors: terms(TaxonomyKind::Actors),
        places: terms(TaxonomyKind::Places),
        translations,
        related: related_links(ctx, lang, id),
    };
    let chrome = chrome(
        ctx,
        lang,
        ChromeSpec {
            kind: "briefing",
            title: page_title(ctx, lang, std::slice::from_ref(&b.title)),
            description: b.summary.clone(),
            job,
            prev: None,
            next: None,
            feed: None,
            json_ld: Some(json_ld(ctx, id, b)),
        },
    );
    Page::in_language(chrome, b.lang.to_string(), PageKind::Briefing(view))
}

/// The related briefings (computed once per build, `RenderContext::related`), each in its
/// own language and direction; dates as the page's language writes them.
fn related_links(ctx: &RenderContext, lang: usize, id: BriefingId) -> Vec<ItemView> {
    ctx.related[id]
        .iter()
        .map(|&o| context::item_view(ctx, lang, o))
        .collect()
}

/// schema.org `NewsArticle` for a briefing. Serialized with serde_json, then `<`, `>` and `&`
/// escaped as `\u003c`… so no title can close the surrounding `<script>`.
fn json_ld(ctx: &RenderContext, id: BriefingId, b: &Briefing) -> String {
    let lang = ctx.config.index_of(&b.lang);
    let lc = &ctx.config.languages[lang];
    let things = |kind: TaxonomyKind, ty: &str| -> Vec<serde_json::Value> {
        ctx.taxonomies.of_briefing[id][kind.index()]
            .iter()
            .map(|&t| {
                serde_json::json!({
                    "@type": ty,
                    "name": ctx.term_links[lang][t].name,
                    "url": ctx.urls.absolute(&PageJob::Term { lang, term: t, page: 1 }.site_path(ctx)),
                })
            })
            .collect()
    };
    let publisher = serde_json::json!({
        "@type": "Organization",
        "name": lc.title,
        "url": ctx.frames[lang].home_absolute,
    });
    let mut doc = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": b.title,
        "description": b.summary,
        "inLanguage": b.lang.as_str(),
        "url": ctx.urls.absolute(&b.site_path),
        "mainEntityOfPage": ctx.urls.absolute(&b.site_path),
        "publisher": publisher,
        "about": things(TaxonomyKind::Topics, "Thing"),
        "mentions": things(TaxonomyKind::Actors, "Thing"),
        "contentLocation": things(TaxonomyKind::Places, "Place"),
    });
    if let Some(map) = doc.as_object_mut() {
        if let Some(d) = b.date {
            map.insert("datePublished".into(), d.iso().into());
        }
        if let Some(src) = &b.source {
            let mut org = serde_json::json!({ "@type": "Organization", "name": src.name });
            if let (Some(url), Some(o)) = (&src.url, org.as_object_mut()) {
                o.insert("url".into(), url.clone().into());
            }
            map.insert("author".into(), org);
        }
    }
    let text = serde_json::to_string(&doc).unwrap_or_default();
    text.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
