//! [`RenderContext`]: what every page of one build is rendered from, prepared once (dates in
//! every interface language, list items, term links, URLs, related briefings, the archive's
//! years, each term's briefings per year, hashed asset URLs) so no page repeats that work.
//! `serve` keeps it between edits and updates one briefing in place: a text-only edit
//! changes none of the related lists, years or counts, which depend on dates and terms.

use super::*;
use crate::dates::PartialDate;
use crate::fingerprint::hash_of;
use rustc_hash::FxHashMap;

/// Everything rendering reads; immutable and shared by all jobs.
pub struct RenderContext {
    pub config: Arc<SiteConfig>,
    pub site: Arc<Site>,
    pub taxonomies: Arc<Taxonomies>,
    pub templates: Arc<Templates>,
    pub urls: Urls,
    /// `dates[briefing][interface language]`: each date written the way that language writes it.
    pub dates: Vec<Vec<String>>,
    /// `items[briefing][interface language]`: the list item, built once per build. Lists are
    /// most of the pages (home and term pages), and a tera map clones in O(1).
    pub items: Vec<Vec<tera::Value>>,
    /// `item_hashes[briefing][interface language]`: a hash of each list item, so a list page's
    /// view hashes its items without serializing them again.
    pub item_hashes: Vec<Vec<u64>>,
    /// `entries[briefing]`: the fields of its feed entry that are the same in every
    /// interface language, as tera values, converted when a feed first needs them (a
    /// briefing is in the feed of every term it has, in every interface language) and then
    /// cloned in O(1).
    entries: Vec<std::sync::OnceLock<feeds::EntryValues>>,
    /// `categories[term]`: the term as a feed entry's category in each interface language,
    /// as a tera value, converted when first needed.
    categories: Vec<std::sync::OnceLock<Vec<tera::Value>>>,
    /// `entry_hashes[briefing]`: the hash of each of those values, worked out when first
    /// asked (only `serve` asks).
    entry_hashes: Vec<std::sync::OnceLock<Vec<u64>>>,
    /// `term_links[interface language][term]`, built once per build.
    pub term_links: Vec<Vec<TermLink>>,
    /// `frames[interface language]`: the links every page's chrome shows, encoded once.
    pub frames: Vec<Frame>,
    /// Root-relative URL of each briefing, percent-encoded once.
    pub hrefs: Vec<String>,
    /// Absolute URL of each briefing (feeds, sitemap), built once.
    pub absolute: Vec<String>,
    /// Hashed URLs of the stylesheet and the search client.
    pub assets: Assets,
    /// `related[briefing]`: related briefings, best first (see `crate::related`).
    pub related: Vec<Vec<BriefingId>>,
    /// `term_years[term]`: (year, briefings of the term dated that year), oldest first.
    pub term_years: Vec<Vec<(i32, usize)>>,
    /// Every briefing in site order (the home list): built once, not on every home page,
    /// which made the home pages quadratic in the number of briefings.
    pub every_briefing: Vec<BriefingId>,
    /// The archive: each year's briefings (site order: newest first), newest year first,
    /// then the undated ones (`None`) if any.
    pub archive: Vec<(Option<i32>, Vec<BriefingId>)>,
    /// `year_labels[interface language]`: every year from the site's oldest to its newest
    /// as that language writes it (timelines and the archive label years on most term pages;
    /// formatting them with ICU each time was a fifth of building those pages' views).
    year_labels: Vec<std::collections::BTreeMap<i32, String>>,
}

impl RenderContext {
    /// Owns its inputs (shared), so `serve` can keep a context between edits and update it.
    pub fn new(
        config: Arc<SiteConfig>,
        site: Arc<Site>,
        taxonomies: Arc<Taxonomies>,
        templates: Arc<Templates>,
        assets: Assets,
    ) -> Result<RenderContext, Diagnostics> {
        let mut formatters = Vec::new();
        for l in &config.languages {
            let f = DateFormatter::new(&l.locale)
                .map_err(|m| Diagnostic::error(Location::file(crate::config::CONFIG_FILE), m))?;
            formatters.push(f);
        }
        // Each distinct date formatted once per language (an archive has a few thousand days
        // for any number of briefings; ICU's formatters cannot be shared between threads).
        let mut written: FxHashMap<PartialDate, Vec<String>> = FxHashMap::default();
        for d in site.briefings.iter().filter_map(|b| b.date) {
            written
                .entry(d)
                .or_insert_with(|| formatters.iter().map(|f| f.format(&d)).collect());
        }
        let undated = vec![String::new(); formatters.len()];
        let dates = site
            .briefings
            .par_iter()
            .map(|b| {
                b.date
                    .and_then(|d| written.get(&d))
                    .unwrap_or(&undated)
                    .clone()
            })
            .collect();
        let urls = Urls::new(&config.base_url);
        let hrefs: Vec<String> = site
            .briefings
            .par_iter()
            .map(|b| urls.path(&b.site_path))
            .collect();
        let absolute: Vec<String> = site
            .briefings
            .par_iter()
            .map(|b| urls.absolute(&b.site_path))
            .collect();
        let (briefing_count, language_count, term_count) = (
            site.briefings.len(),
            config.languages.len(),
            taxonomies.terms.len(),
        );
        let related = crate::related::related_briefings(&site, &taxonomies);
        let term_years = taxonomies
            .terms
            .par_iter()
            .map(|t| years_of(&site, &t.briefings))
            .collect();
        let archive = archive_of(&site);
        let years = site.briefings.iter().filter_map(|b| b.date.map(|d| d.year));
        let (first, last) = years.fold((i32::MAX, i32::MIN), |(a, z), y| (a.min(y), z.max(y)));
        let year_labels = formatters
            .iter()
            .map(|f| (first..=last).map(|y| (y, f.year(y))).collect())
            .collect();
        let mut ctx = RenderContext {
            config,
            site,
            taxonomies,
            templates,
            urls,
            dates,
            items: Vec::new(),
            item_hashes: Vec::new(),
            frames: Vec::new(),
            entries: (0..briefing_count)
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            categories: (0..term_count)
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            entry_hashes: (0..briefing_count)
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            term_links: Vec::new(),
            hrefs,
            absolute,
            assets,
            related,
            term_years,
            archive,
            year_labels,
            every_briefing: (0..briefing_count).collect(),
        };
        (ctx.items, ctx.item_hashes) = (0..briefing_count)
            .into_par_iter()
            .map(|id| ctx.item_values(id))
            .unzip();
        ctx.frames = (0..language_count)
            .map(|lang| Frame::new(&ctx, lang))
            .collect();
        ctx.term_links = (0..language_count)
            .map(|lang| {
                (0..term_count)
                    .map(|term| term_pages::term_link(&ctx, lang, term))
                    .collect()
            })
            .collect();
        Ok(ctx)
    }

    /// Replaces briefing `id`'s text (an edit that changed nothing else): the context is
    /// then what a fresh one of the edited site would be, without working out the rest again.
    pub fn update_text(&mut self, id: BriefingId, text: crate::resolve::BriefingText) {
        let site = Arc::make_mut(&mut self.site);
        let b = &mut site.briefings[id];
        b.title = text.title;
        b.summary = text.summary;
        b.body = text.body;
        b.source = text.source;
        (self.items[id], self.item_hashes[id]) = self.item_values(id);
        self.entries[id] = std::sync::OnceLock::new();
        self.entry_hashes[id] = std::sync::OnceLock::new();
    }

    /// The fields of briefing `id`'s feed entry that no interface language changes, as the
    /// template receives them.
    pub fn entry_values(&self, id: BriefingId) -> &feeds::EntryValues {
        self.entries[id].get_or_init(|| feeds::entry_values(self, id))
    }

    /// Term `term` as a feed entry's category in interface language `lang`, as the template
    /// receives it.
    pub fn category_value(&self, term: TermId, lang: usize) -> &tera::Value {
        &self.categories[term].get_or_init(|| feeds::category_values(self, term))[lang]
    }

    /// The hash of briefing `id`'s feed entry in interface language `lang`: of the entry
    /// `feeds::feed_entry` gives, the one its template receives as values converted once (by
    /// its derived `Hash`, as views are: a tera map's order is not the same from one value
    /// to another).
    pub fn entry_hash(&self, id: BriefingId, lang: usize) -> u64 {
        let hashes = self.entry_hashes[id].get_or_init(|| {
            (0..self.config.languages.len())
                .map(|l| hash_of(&feeds::feed_entry(self, l, id)))
                .collect()
        });
        hashes[lang]
    }

    /// The pages most likely to show briefing `id`'s text: its page, its translations'
    /// pages, the list pages and feeds it is on. Only a guess for `serve` to render first:
    /// what is served is decided by comparing every page's view (`serve::state`).
    pub fn pages_likely_showing(&self, id: BriefingId) -> Vec<PageJob> {
        let per_page = self.config.paginate;
        let b = &self.site.briefings[id];
        let mut jobs = vec![PageJob::Briefing(id)];
        jobs.extend(b.translations.iter().map(|&t| PageJob::Briefing(t)));
        if id < per_page {
            jobs.push(PageJob::Root);
        }
        let dated_rank = |ids: &mut dyn Iterator<Item = BriefingId>| {
            ids.filter(|&i| self.site.briefings[i].date.is_some())
                .position(|i| i == id)
        };
        for lang in 0..self.config.languages.len() {
            jobs.push(PageJob::Home {
                lang,
                page: id / per_page + 1,
            });
            if b.date.is_some()
                && dated_rank(&mut (0..self.site.briefings.len()))
                    .is_some_and(|r| r < feeds::FEED_ENTRIES)
            {
                jobs.push(PageJob::Feed { lang, term: None });
            }
            for &term in self.taxonomies.of_briefing[id].iter().flatten() {
                let list = &self.taxonomies.terms[term].briefings;
                if let Some(pos) = list.iter().position(|&i| i == id) {
                    jobs.push(PageJob::Term {
                        lang,
                        term,
                        page: pos / per_page + 1,
                    });
                }
                if b.date.is_some()
                    && dated_rank(&mut list.iter().copied())
                        .is_some_and(|r| r < feeds::FEED_ENTRIES)
                {
                    jobs.push(PageJob::Feed {
                        lang,
                        term: Some(term),
                    });
                }
            }
        }
        jobs.sort();
        jobs.dedup();
        jobs
    }

    /// Briefing `id` as a list item in every interface language, with each item's hash.
    fn item_values(&self, id: BriefingId) -> (Vec<tera::Value>, Vec<u64>) {
        (0..self.config.languages.len())
            .map(|lang| {
                let item = item_view(self, lang, id);
                (tera::Value::from_serializable(&item), hash_of(&item))
            })
            .unzip()
    }

    /// Runs `f` with interface language `lang`'s formatter (month names, years, counts).
    /// `None` cannot happen in practice: `new` already built one for every language.
    fn local<R>(&self, lang: usize, f: impl FnOnce(&DateFormatter) -> R) -> Option<R> {
        crate::dates::with_formatter(&self.config.languages[lang].locale, f).ok()
    }

    /// A year as interface language `lang` writes it.
    pub(crate) fn year_label(&self, lang: usize, year: i32) -> String {
        if let Some(label) = self.year_labels[lang].get(&year) {
            return label.clone();
        }
        self.local(lang, |f| f.year(year))
            .unwrap_or_else(|| year.to_string())
    }

    /// A month's name standing alone in interface language `lang`.
    pub(crate) fn month_name(&self, lang: usize, month: u8) -> String {
        self.local(lang, |f| f.month_name(month))
            .unwrap_or_else(|| month.to_string())
    }

    /// A count in interface language `lang`'s digits.
    pub(crate) fn number(&self, lang: usize, n: usize) -> String {
        self.local(lang, |f| f.number(n))
            .unwrap_or_else(|| n.to_string())
    }

    /// Number of home-list pages for the site.
    pub(crate) fn page_count(&self, items: usize) -> usize {
        items.div_ceil(self.config.paginate).max(1)
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
    fn new(ctx: &RenderContext, lang: usize) -> Frame {
        let path = |job: PageJob| ctx.urls.path(&job.site_path(ctx));
        let home = PageJob::Home { lang, page: 1 };
        let terms = |kind| path(PageJob::TermIndex { lang, kind });
        Frame {
            home: path(home),
            home_absolute: ctx.urls.absolute(&home.site_path(ctx)),
            search: path(PageJob::Search { lang }),
            nav: Nav {
                home: path(home),
                topics: terms(TaxonomyKind::Topics),
                actors: terms(TaxonomyKind::Actors),
                places: terms(TaxonomyKind::Places),
                archive: path(PageJob::ArchiveIndex { lang }),
            },
            og_locale: chrome::og_locale(&ctx.config.languages[lang].locale),
        }
    }
}

/// (year, count) of the dated briefings among `ids`, oldest year first.
fn years_of(site: &Site, ids: &[BriefingId]) -> Vec<(i32, usize)> {
    let mut years: std::collections::BTreeMap<i32, usize> = Default::default();
    for &id in ids {
        if let Some(d) = site.briefings[id].date {
            *years.entry(d.year).or_default() += 1;
        }
    }
    years.into_iter().collect()
}

/// Briefings by year. The site is sorted newest first with undated last, so consecutive
/// runs are the years, newest first, each newest first.
fn archive_of(site: &Site) -> Vec<(Option<i32>, Vec<BriefingId>)> {
    let mut out: Vec<(Option<i32>, Vec<BriefingId>)> = Vec::new();
    for (id, b) in site.briefings.iter().enumerate() {
        let year = b.date.map(|d| d.year);
        match out.last_mut() {
            Some((y, ids)) if *y == year => ids.push(id),
            _ => out.push((year, vec![id])),
        }
    }
    out
}

/// A list item for briefing `id`, shown in interface language `lang` (also how a briefing
/// page lists its related briefings).
pub(super) fn item_view(ctx: &RenderContext, lang: usize, id: BriefingId) -> ItemView {
    let b = &ctx.site.briefings[id];
    let bl = ctx.config.language(&b.lang);
    ItemView {
        title: b.title.clone(),
        href: ctx.hrefs[id].clone(),
        lang: b.lang.to_string(),
        dir: bl.map_or("ltr", |l| l.direction.as_str()),
        date_iso: b.date.map(|d| d.iso()),
        date: ctx.dates[id][lang].clone(),
        summary: b.summary.clone(),
        language_name: bl.map_or(String::new(), |l| l.name.clone()),
    }
}
