//! [`RenderContext`]: the model, the templates, URLs, and what every page of one build shares
//! once rendered (each briefing's dates in every interface language, its list item, its
//! URLs, its feed entry; each term's links; each language's page frame and year labels), so
//! no page repeats that work.
//!
//! Every accessor notes the model's fact its value comes from (a briefing's item is its
//! record's; a term link its term's), so a view's recorded reads are complete whether it reads
//! the model or these caches. `serve` keeps a context between edits and updates it with the
//! model ([`RenderContext::updated`]): only the entries of the briefings and terms an edit
//! changed are made again.

use super::*;
use crate::dates::PartialDate;
use crate::fingerprint::hash_of;
use crate::model::{Fact, Model, facts};
use rustc_hash::FxHashMap;

/// Everything rendering reads; immutable and shared by all jobs.
pub struct RenderContext {
    pub model: Model,
    pub templates: Arc<Templates>,
    pub urls: Urls,
    /// Hashed URLs of the stylesheet and the search client.
    pub assets: Assets,
    /// `briefings[briefing]`: what its pages show of it, made once.
    briefings: Arc<Vec<Arc<BriefingRender>>>,
    /// `terms[term]`: the term as a link and as a feed category, made once.
    terms: Arc<Vec<Arc<TermRender>>>,
    /// `langs[interface language]`: the frame every page shows, and year labels.
    langs: Arc<Vec<LangRender>>,
}

/// One briefing as pages show it, in every interface language.
pub struct BriefingRender {
    /// `dates[lang]`: its date the way that language writes it (empty when undated).
    dates: Vec<String>,
    /// `items[lang]`: its list item as a tera value (a tera map clones in O(1); lists are
    /// most of the pages), and the item's hash, so a list page's view hashes its items
    /// without serializing them again.
    items: Vec<tera::Value>,
    item_hashes: Vec<u64>,
    /// Root-relative and absolute URL of its page, percent-encoded once.
    href: String,
    absolute: String,
    /// `entries[lang]`: its feed entry as the template receives it, and that value's hash,
    /// made when a feed first needs it (a briefing is in the feed of every term it has, in
    /// every interface language), then cloned in O(1).
    entries: std::sync::OnceLock<Vec<(tera::Value, u64)>>,
}

/// One term as pages show it.
pub struct TermRender {
    /// `links[lang]`.
    links: Vec<TermLink>,
}

/// What every page of one interface language shares.
pub struct LangRender {
    frame: Frame,
    /// Every year from the site's oldest to its newest as the language writes it (timelines
    /// and the archive label years on most term pages; formatting them with ICU each time
    /// was a fifth of building those pages' views).
    year_labels: std::collections::BTreeMap<i32, String>,
}

impl RenderContext {
    /// The context of a model: every briefing's and term's rendered parts made once.
    pub fn new(
        model: Model,
        templates: Arc<Templates>,
        assets: Assets,
    ) -> Result<RenderContext, Diagnostics> {
        let urls = Urls::new(&model.config().base_url);
        let mut ctx = RenderContext {
            model,
            templates,
            urls,
            assets,
            briefings: Arc::new(Vec::new()),
            terms: Arc::new(Vec::new()),
            langs: Arc::new(Vec::new()),
        };
        let written = ctx.written_dates(ctx.model.briefing_ids())?;
        let briefings = ctx
            .model
            .briefing_ids()
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|id| Arc::new(ctx.briefing_render(id, &written)))
            .collect();
        ctx.briefings = Arc::new(briefings);
        ctx.terms = Arc::new(ctx.model.term_ids().map(|t| ctx.term_render(t)).collect());
        ctx.langs = Arc::new(ctx.lang_renders());
        Ok(ctx)
    }

    /// The context of the model after an edit (`update`): a briefing's rendered parts are
    /// carried over from its old id unless its record changed or it is new; a term's unless
    /// its record changed or it is new. Frames and year labels are the configuration's,
    /// which an edit of a briefing does not change.
    pub fn updated(
        &self,
        model: Model,
        changes: &crate::model::update::Changes,
    ) -> Result<RenderContext, Diagnostics> {
        let crate::model::update::Changes {
            old_briefing,
            old_term,
            changed,
            facts,
        } = changes;
        let mut ctx = RenderContext {
            model,
            templates: Arc::clone(&self.templates),
            urls: self.urls.clone(),
            assets: self.assets.clone(),
            briefings: Arc::new(Vec::new()),
            terms: Arc::new(Vec::new()),
            langs: Arc::clone(&self.langs),
        };
        let fresh: Vec<BriefingId> = ctx
            .model
            .briefing_ids()
            .filter(|&id| {
                old_briefing[id.index()].is_none() || changed.contains(&ctx.model.briefing_key(id))
            })
            .collect();
        let written = ctx.written_dates(fresh.iter().copied())?;
        let briefings = ctx
            .model
            .briefing_ids()
            .map(|id| match old_briefing[id.index()] {
                Some(old) if !changed.contains(&ctx.model.briefing_key(id)) => {
                    Arc::clone(&self.briefings[old])
                }
                _ => Arc::new(ctx.briefing_render(id, &written)),
            })
            .collect();
        ctx.briefings = Arc::new(briefings);
        let terms = ctx
            .model
            .term_ids()
            .map(|t| match old_term[t.index()] {
                Some(old) if !facts.contains(&Fact::Term(ctx.model.term_key(t))) => {
                    Arc::clone(&self.terms[old])
                }
                _ => ctx.term_render(t),
            })
            .collect();
        ctx.terms = Arc::new(terms);
        Ok(ctx)
    }

    /// Each distinct date of `ids` formatted once per interface language (an archive has a
    /// few thousand days for any number of briefings; ICU's formatters cannot be shared
    /// between threads).
    fn written_dates(
        &self,
        ids: impl Iterator<Item = BriefingId>,
    ) -> Result<FxHashMap<PartialDate, Vec<String>>, Diagnostics> {
        let mut formatters = Vec::new();
        for l in &self.model.config().languages {
            let f = DateFormatter::new(&l.locale)
                .map_err(|m| Diagnostic::error(Location::file(crate::config::CONFIG_FILE), m))?;
            formatters.push(f);
        }
        let mut written: FxHashMap<PartialDate, Vec<String>> = FxHashMap::default();
        let site = self.model.whole_site();
        for d in ids.filter_map(|id| site.briefings[id].date) {
            written
                .entry(d)
                .or_insert_with(|| formatters.iter().map(|f| f.format(&d)).collect());
        }
        Ok(written)
    }

    fn briefing_render(
        &self,
        id: BriefingId,
        written: &FxHashMap<PartialDate, Vec<String>>,
    ) -> BriefingRender {
        let site = self.model.whole_site();
        let b = &site.briefings[id];
        let path = PageJob::Briefing(id).site_path(&self.model);
        let dates = b
            .date
            .and_then(|d| written.get(&d).cloned())
            .unwrap_or_else(|| vec![String::new(); self.model.config().languages.len()]);
        let mut render = BriefingRender {
            href: self.urls.path(&path),
            absolute: self.urls.absolute(&path),
            dates,
            items: Vec::new(),
            item_hashes: Vec::new(),
            entries: std::sync::OnceLock::new(),
        };
        (render.items, render.item_hashes) = self
            .model
            .languages()
            .map(|lang| {
                let item = item_view(&self.model, &render, lang, b);
                (tera::Value::from_serializable(&item), hash_of(&item))
            })
            .unzip();
        render
    }

    fn term_render(&self, term: crate::ids::TermId) -> Arc<TermRender> {
        Arc::new(TermRender {
            links: self
                .model
                .languages()
                .map(|lang| term_pages::term_link(self, lang, term))
                .collect(),
        })
    }

    fn lang_renders(&self) -> Vec<LangRender> {
        let site = self.model.whole_site();
        let years = site.briefings.iter().filter_map(|b| b.date.map(|d| d.year));
        let (first, last) = years.fold((i32::MAX, i32::MIN), |(a, z), y| (a.min(y), z.max(y)));
        self.model
            .languages()
            .map(|lang| LangRender {
                frame: Frame::new(self, lang),
                year_labels: self
                    .local(lang, |f| (first..=last).map(|y| (y, f.year(y))).collect())
                    .unwrap_or_default(),
            })
            .collect()
    }

    fn briefing_part(&self, id: BriefingId) -> &BriefingRender {
        facts::note(Fact::Briefing(self.model.briefing_key(id)));
        &self.briefings[id]
    }

    /// Briefing `id`'s date as interface language `lang` writes it (empty when undated).
    pub fn date(&self, id: BriefingId, lang: LangIx) -> &str {
        &self.briefing_part(id).dates[lang.index()]
    }

    /// Briefing `id`'s date in every interface language.
    pub fn dates(&self, id: BriefingId) -> &[String] {
        &self.briefing_part(id).dates
    }

    /// Briefing `id` as a list item in interface language `lang`, as templates get it.
    pub fn item(&self, id: BriefingId, lang: LangIx) -> &tera::Value {
        &self.briefing_part(id).items[lang.index()]
    }

    /// The hash of [`RenderContext::item`].
    pub fn item_hash(&self, id: BriefingId, lang: LangIx) -> u64 {
        self.briefing_part(id).item_hashes[lang.index()]
    }

    /// Briefing `id` as a list item in interface language `lang`, as a view holds it (a
    /// briefing page's related briefings).
    pub(super) fn item_view(&self, id: BriefingId, lang: LangIx) -> ItemView {
        item_view(
            &self.model,
            self.briefing_part(id),
            lang,
            self.model.briefing(id),
        )
    }

    /// Root-relative URL of briefing `id`'s page.
    pub fn href(&self, id: BriefingId) -> &str {
        &self.briefing_part(id).href
    }

    /// Absolute URL of briefing `id`'s page (feeds, sitemap, JSON-LD).
    pub fn absolute(&self, id: BriefingId) -> &str {
        &self.briefing_part(id).absolute
    }

    /// Term `term` as a link in interface language `lang`.
    pub fn term_link(&self, lang: LangIx, term: crate::ids::TermId) -> &TermLink {
        facts::note(Fact::Term(self.model.term_key(term)));
        &self.terms[term].links[lang.index()]
    }

    /// The links every page of interface language `lang` shows.
    pub fn frame(&self, lang: LangIx) -> &Frame {
        &self.langs[lang.index()].frame
    }

    /// Briefing `id`'s feed entry in interface language `lang` as `templates/atom.xml`
    /// receives it, and its hash (by its derived `Hash`, as views are: a tera map's order is
    /// not the same from one value to another). One value ([`feeds::feed_entry`]) for both,
    /// so what serve compares is what is rendered.
    pub fn feed_entry(&self, id: BriefingId, lang: LangIx) -> &(tera::Value, u64) {
        let entries = self.briefing_part(id).entries.get_or_init(|| {
            self.model
                .languages()
                .map(|l| {
                    let entry = feeds::feed_entry(self, l, id);
                    (tera::Value::from_serializable(&entry), hash_of(&entry))
                })
                .collect()
        });
        &entries[lang.index()]
    }

    /// Runs `f` with interface language `lang`'s formatter (month names, years, counts).
    /// `None` cannot happen in practice: the context already built one for every language.
    fn local<R>(&self, lang: LangIx, f: impl FnOnce(&DateFormatter) -> R) -> Option<R> {
        crate::dates::with_formatter(&self.model.language(lang).locale, f).ok()
    }

    /// A year as interface language `lang` writes it.
    pub(crate) fn year_label(&self, lang: LangIx, year: i32) -> String {
        if let Some(label) = self
            .langs
            .get(lang.index())
            .and_then(|l| l.year_labels.get(&year))
        {
            return label.clone();
        }
        self.local(lang, |f| f.year(year))
            .unwrap_or_else(|| year.to_string())
    }

    /// A date as interface language `lang` writes it.
    pub(crate) fn date_text(&self, lang: LangIx, date: &PartialDate) -> String {
        self.local(lang, |f| f.format(date))
            .unwrap_or_else(|| date.iso())
    }

    /// A month's name standing alone in interface language `lang`.
    pub(crate) fn month_name(&self, lang: LangIx, month: u8) -> String {
        self.local(lang, |f| f.month_name(month))
            .unwrap_or_else(|| month.to_string())
    }

    /// A count in interface language `lang`'s digits.
    pub(crate) fn number(&self, lang: LangIx, n: usize) -> String {
        self.local(lang, |f| f.number(n))
            .unwrap_or_else(|| n.to_string())
    }
}

/// The links of one interface language's page frame, the same on every page.
pub struct Frame {
    pub home: String,
    /// The home's absolute URL (feeds name it as their author's).
    pub home_absolute: String,
    pub search: String,
    pub nav: Nav,
    pub og_locale: String,
}

impl Frame {
    fn new(ctx: &RenderContext, lang: LangIx) -> Frame {
        let model = &ctx.model;
        let path = |job: PageJob| ctx.urls.path(&job.site_path(model));
        let home = PageJob::List {
            lang,
            list: crate::model::ListKey::Home,
            page: 1,
        };
        Frame {
            home: path(home),
            home_absolute: ctx.urls.absolute(&home.site_path(model)),
            search: path(PageJob::Search { lang }),
            nav: Nav {
                home: path(home),
                terms: crate::kind::PerKind::from_fn(|kind| {
                    path(PageJob::TermIndex { lang, kind })
                }),
                archive: path(PageJob::ArchiveIndex { lang }),
            },
            og_locale: chrome::og_locale(&model.language(lang).locale),
        }
    }
}

/// A list item for briefing `b` (whose rendered parts are `render`), shown in interface
/// language `lang` (also how a briefing page lists its related briefings).
fn item_view(model: &Model, render: &BriefingRender, lang: LangIx, b: &Briefing) -> ItemView {
    let bl = model.config().language(&b.lang);
    ItemView {
        title: b.title.clone(),
        href: render.href.clone(),
        lang: b.lang.to_string(),
        dir: bl.map_or("ltr", |l| l.direction.as_str()),
        date_iso: b.date.map(|d| d.iso()),
        date: render.dates[lang.index()].clone(),
        summary: b.summary.clone(),
        language_name: bl.map_or(String::new(), |l| l.name.clone()),
        scheduled: b.scheduled.is_some(),
    }
}
