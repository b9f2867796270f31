//! A briefing's own page: its text, metadata, terms and translations, and its schema.org
//! `NewsArticle` JSON-LD.

use super::*;

pub(super) fn briefing_page(ctx: &RenderContext, id: BriefingId) -> Page {
    let model = &ctx.model;
    let job = PageJob::Briefing(id);
    let lang = job.lang(model);
    let b = model.briefing(id);
    let translations: Vec<TranslationLink> = model
        .translations(id)
        .iter()
        .map(|&t| {
            let tb = model.briefing(t);
            let lc = model.language(model.lang_ix(&tb.lang));
            TranslationLink {
                lang: lc.lang.to_string(),
                dir: lc.direction.as_str(),
                language_name: lc.name.clone(),
                title: tb.title.clone(),
                href: ctx.href(t).to_string(),
            }
        })
        .collect();
    let terms = |kind: TaxonomyKind| term_pages::term_links(ctx, lang, id, kind);
    let outdated_against = b
        .translated_from
        .as_deref()
        .filter(|_| model.config().outdated_translation_notice)
        .and_then(|recorded| {
            let versions: Vec<crate::translated::Version<'_, BriefingId>> = model
                .translations(id)
                .iter()
                .map(|&t| {
                    let tb = model.briefing(t);
                    crate::translated::Version {
                        id: t,
                        version: &tb.version,
                        is_translation: tb.translated_from.is_some(),
                    }
                })
                .collect();
            crate::translated::outdated_against(recorded, &versions)
        })
        .and_then(|original| {
            translations
                .iter()
                .find(|l: &&TranslationLink| l.href == ctx.href(original))
                .cloned()
        });
    let date_view = |d: &crate::dates::PartialDate| DateView {
        iso: d.iso(),
        text: ctx.date_text(lang, d),
    };
    let view = BriefingView {
        title: b.title.clone(),
        date_iso: b.date.map(|d| d.iso()),
        date: ctx.date(id, lang).to_string(),
        updated: b.modified().as_ref().map(date_view),
        corrections: b
            .corrections
            .iter()
            .map(|c| CorrectionView {
                date: date_view(&c.date),
                note: crate::markdown::collapse_whitespace(&c.note),
            })
            .collect(),
        summary: b.summary.clone(),
        body: b.body.html.clone(),
        source: b.source.as_ref().map(|s| SourceView {
            name: s.name.clone(),
            url: s.url.clone(),
        }),
        terms: crate::kind::PerKind::from_fn(terms),
        translations,
        related: model
            .related(id)
            .iter()
            .map(|&o| ctx.item_view(o, lang))
            .collect(),
        scheduled: b.scheduled.as_ref().map(date_view),
        outdated_against,
    };
    let chrome = chrome(
        ctx,
        lang,
        ChromeSpec {
            title: page_title(ctx, lang, std::slice::from_ref(&b.title)),
            description: b.summary.clone(),
            job,
            prev: None,
            next: None,
            feed: FeedScope::Language,
            json_ld: Some(json_ld(ctx, id, b)),
        },
    );
    Page::in_language(chrome, b.lang.to_string(), PageContent::Briefing(view))
}

/// schema.org `NewsArticle` for a briefing. Serialized with serde_json, then `<`, `>` and `&`
/// escaped as `\u003c`… so no title can close the surrounding `<script>`.
fn json_ld(ctx: &RenderContext, id: BriefingId, b: &Briefing) -> String {
    let model = &ctx.model;
    let lang = model.lang_ix(&b.lang);
    let lc = model.language(lang);
    let things = |kind: TaxonomyKind, ty: &str| -> Vec<serde_json::Value> {
        model
            .terms_of(id, kind)
            .iter()
            .map(|&t| {
                let page = PageJob::List {
                    lang,
                    list: ListKey::Term(t),
                    page: 1,
                };
                serde_json::json!({
                    "@type": ty,
                    "name": ctx.term_link(lang, t).name,
                    "url": ctx.urls.absolute(&page.site_path(model)),
                })
            })
            .collect()
    };
    let mut publisher = serde_json::json!({
        "@type": "Organization",
        "name": lc.title,
        "url": ctx.frame(lang).home_absolute,
    });
    if let (Some(logo), Some(p)) = (&ctx.assets.logo, publisher.as_object_mut()) {
        p.insert(
            "logo".into(),
            serde_json::json!({ "@type": "ImageObject", "url": ctx.urls.absolute(logo) }),
        );
    }
    let mut doc = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": b.title,
        "description": b.summary,
        "inLanguage": b.lang.as_str(),
        "url": ctx.absolute(id),
        "mainEntityOfPage": ctx.absolute(id),
        "publisher": publisher,
    });
    if let Some(map) = doc.as_object_mut() {
        for kind in TaxonomyKind::ALL {
            if let Some((property, ty)) = kind.json_ld() {
                map.insert(property.into(), things(kind, ty).into());
            }
        }
        if let Some(d) = b.date {
            map.insert("datePublished".into(), d.iso().into());
        }
        if let Some(d) = b.modified().or(b.date) {
            map.insert("dateModified".into(), d.iso().into());
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
