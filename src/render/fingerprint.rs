//! What each page is made of, as one number: two builds whose page has the same fingerprint
//! render the same bytes (given the same templates, messages and configuration). `serve`
//! re-renders only the pages whose fingerprint changed after an edit that moved a briefing
//! (its date, terms, translations...), instead of the whole site.
//!
//! A fingerprint covers everything the page's view is built from; a page added here must
//! hash all of its inputs, or serve would keep a stale copy (the randomized serve test
//! compares every file with a clean build).

use super::{PageJob, RenderContext, feeds, list_path, term_pages};
use crate::resolve::BriefingId;
use crate::taxonomy::TermId;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

/// The output file of a job.
pub fn job_path(ctx: &RenderContext, job: PageJob) -> String {
    let lang = |l: usize| ctx.config.languages[l].lang.to_string();
    let site_path = match job {
        PageJob::Root => String::new(),
        PageJob::NotFound => "404.html".into(),
        PageJob::Home { lang: l, page } => list_path(&format!("{}/", lang(l)), page),
        PageJob::Briefing(id) => ctx.site.briefings[id].site_path.clone(),
        PageJob::TermIndex { lang: l, kind } => format!("{}/{}/", lang(l), kind.as_str()),
        PageJob::Term {
            lang: l,
            term,
            page,
        } => list_path(&term_pages::site_path(ctx, l, term), page),
        PageJob::Feed { lang: l, term } => feeds::feed_path(ctx, l, term),
        PageJob::Search { lang: l } => format!("{}/search/", lang(l)),
    };
    crate::urls::output_file(&site_path)
}

/// The inputs of a job's page, hashed.
pub fn job_fingerprint(ctx: &RenderContext, job: PageJob) -> u64 {
    let mut h = DefaultHasher::new();
    job_path(ctx, job).hash(&mut h);
    match job {
        PageJob::NotFound | PageJob::Search { .. } => {}
        PageJob::Root => list(ctx, &mut h, ctx.config.default_language, &all(ctx), 1),
        PageJob::Home { lang, page } => list(ctx, &mut h, lang, &all(ctx), page),
        PageJob::Briefing(id) => briefing(ctx, &mut h, id),
        PageJob::TermIndex { lang, kind } => {
            for &t in &ctx.taxonomies.order[lang][kind.index()] {
                term(ctx, &mut h, lang, t);
                ctx.taxonomies.terms[t].briefings.len().hash(&mut h);
            }
        }
        PageJob::Term {
            lang,
            term: t,
            page,
        } => {
            let tm = &ctx.taxonomies.terms[t];
            term(ctx, &mut h, lang, t);
            tm.names.hash(&mut h);
            tm.registered.hash(&mut h);
            for &(r, n) in ctx.taxonomies.related.get(t).map_or(&[][..], Vec::as_slice) {
                term(ctx, &mut h, lang, r);
                n.hash(&mut h);
            }
            for j in 0..ctx.config.languages.len() {
                term_pages::site_path(ctx, j, t).hash(&mut h);
            }
            list(ctx, &mut h, lang, &tm.briefings, page);
            feeds::has_feed(ctx, Some(t)).hash(&mut h);
        }
        PageJob::Feed { lang, term: t } => {
            if let Some(t) = t {
                term(ctx, &mut h, lang, t);
            }
            let ids: Vec<BriefingId> = match t {
                None => all(ctx),
                Some(t) => ctx.taxonomies.terms[t].briefings.clone(),
            };
            for id in ids
                .into_iter()
                .filter(|&i| ctx.site.briefings[i].date.is_some())
                .take(feeds::FEED_ENTRIES)
            {
                item(ctx, &mut h, lang, id);
                for &topic in
                    &ctx.taxonomies.of_briefing[id][crate::taxonomy::TaxonomyKind::Topics.index()]
                {
                    term(ctx, &mut h, lang, topic);
                }
            }
        }
    }
    h.finish()
}

fn all(ctx: &RenderContext) -> Vec<BriefingId> {
    (0..ctx.site.briefings.len()).collect()
}

/// A list page: its position, its size, and the items on it.
fn list(ctx: &RenderContext, h: &mut DefaultHasher, lang: usize, ids: &[BriefingId], page: usize) {
    let per_page = ctx.config.paginate;
    (page, ids.len().div_ceil(per_page).max(1), ids.len()).hash(h);
    for &id in ids.iter().skip((page - 1) * per_page).take(per_page) {
        item(ctx, h, lang, id);
    }
}

/// A briefing as a list item in one interface language.
fn item(ctx: &RenderContext, h: &mut DefaultHasher, lang: usize, id: BriefingId) {
    let b = &ctx.site.briefings[id];
    (
        &b.title,
        &b.summary,
        &b.site_path,
        b.lang.as_str(),
        b.date,
        &ctx.dates[id][lang],
    )
        .hash(h);
}

/// A term as a link: its kind, id and name in the language.
fn term(ctx: &RenderContext, h: &mut DefaultHasher, lang: usize, t: TermId) {
    let tm = &ctx.taxonomies.terms[t];
    (
        tm.kind,
        &tm.id,
        &ctx.term_links[lang][t].name,
        &ctx.term_links[lang][t].href,
    )
        .hash(h);
}

/// A briefing's own page: its text, source, dates, terms and translations.
fn briefing(ctx: &RenderContext, h: &mut DefaultHasher, id: BriefingId) {
    let b = &ctx.site.briefings[id];
    (
        &b.title,
        &b.summary,
        b.body.source_hash,
        &b.site_path,
        b.lang.as_str(),
        b.date,
    )
        .hash(h);
    ctx.dates[id].hash(h);
    if let Some(s) = &b.source {
        (&s.name, &s.url).hash(h);
    }
    let lang = ctx.config.index_of(&b.lang);
    for &t in ctx.taxonomies.of_briefing[id].iter().flatten() {
        term(ctx, h, lang, t);
    }
    for &t in &b.translations {
        let tb = &ctx.site.briefings[t];
        (&tb.title, &tb.site_path, tb.lang.as_str()).hash(h);
    }
}
