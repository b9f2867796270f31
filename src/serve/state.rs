//! The site as `serve` holds it: the sources in memory, a parse and Markdown cache, and the
//! last good site as one value ([`Served`]): its model and render context, the files served,
//! and for every page the hash of its view and the facts its view read.
//!
//! An edit of briefing files updates the model piecewise (`model::update`), which says
//! which facts changed; only the pages whose view read one of them (and the pages new to the
//! plan) have their view built and hashed again, and only those whose view hash changed are
//! rendered. Pages are never listed by hand as depending on anything: what a view read is
//! recorded when it is built. The pages the edited briefings' own (and new pages) go out at
//! once; the others follow in [`SiteState::finish`], which a newer edit can put off, and
//! which keeps them pending in the state, so no sequence of edits can leave a stale page.
//!
//! A registry edit, or an edit the model cannot take piecewise (one that makes an error),
//! works the site out again and compares every view; a template, message, configuration or
//! static edit renders every page. A failed rebuild leaves the last good site in place, and
//! until a rebuild succeeds no edit is applied to it piecewise (the sources it came from no
//! longer build).

use super::http::Files;
use super::watch::Change;
use crate::BuildCache;
use crate::config::{ConfigOverrides, SiteConfig};
use crate::error::{Diagnostic, Diagnostics};
use crate::load::{self, Sources};
use crate::model::{Fact, update};
use crate::plan::{self, PageJob};
use crate::render::{self, RenderContext};
use crate::resolve::{BriefingKey, ResolveOptions};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

pub struct SiteState {
    root: PathBuf,
    overrides: ConfigOverrides,
    options: ResolveOptions,
    pub config: SiteConfig,
    sources: Sources,
    cache: BuildCache,
    /// The last good site; `None` until a first build succeeds.
    served: Option<Served>,
    /// Whether the last rebuild failed: the sources on disk then do not build, and no edit
    /// may be applied to the last good site as if they did (issue 23).
    failed: bool,
    /// A template, message, configuration or static change is waiting for a rebuild that
    /// succeeds: until then every page is rendered again, whatever the next edit is.
    everything_pending: bool,
    /// Past this many pages to build again, an edit sends out only the edited briefings'
    /// own pages and the new ones at once ([`AT_ONCE`]; tests lower it to reach the
    /// follow-up on small sites).
    at_once: usize,
    /// The day the served site was worked out for: scheduled briefings go out and expired
    /// ones come down when the day changes, so the first edit after that works the whole
    /// site out again.
    day: Option<crate::dates::PartialDate>,
}

/// The last good site, one value: what is served and everything it was made from.
struct Served {
    ctx: RenderContext,
    files: Files,
    /// Every page of the plan by output path.
    pages: FxHashMap<String, PageRecord>,
    /// Pages whose view an edit may have changed and that are not yet built again (the
    /// follow-up's work); each is rebuilt from the current model whatever edits come first.
    pending: FxHashSet<String>,
    /// The search index is not yet the current model's.
    search_pending: bool,
    /// The site-wide files (sitemap, robots.txt, ...) and the hash of the sitemap entries
    /// they were rendered from; `site_files_pending` while pages' entries may have changed
    /// since (the sitemap of a large site takes a while: it follows in the follow-up).
    site_files: BTreeSet<String>,
    sitemap_hash: Option<u64>,
    site_files_pending: bool,
}

/// One page of the plan as last built.
struct PageRecord {
    job: PageJob,
    /// The hash of the view it was rendered from.
    hash: u64,
    /// The facts its view read.
    reads: Box<[Fact]>,
    sitemap: Option<render::sitemap::SitemapEntry>,
}

/// A page's view built again: what it read, its hash, its sitemap entry and, if its view
/// changed, its bytes.
struct Built {
    path: String,
    job: PageJob,
    hash: u64,
    reads: Box<[Fact]>,
    sitemap: Option<render::sitemap::SitemapEntry>,
    /// The page rendered and packed, if its view changed.
    output: Option<super::files::File>,
}

/// How much of the site a rebuild worked out again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Briefing files changed: the model was updated piecewise; the pages whose view read a
    /// changed fact were built again.
    Pages,
    /// The site was worked out again and every page's view compared (a registry edit, or an
    /// edit that could not be applied piecewise).
    ChangedPages,
    /// Templates, messages, configuration or static files changed: everything was rendered.
    Site,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Pages => "pages",
            Scope::ChangedPages => "changed pages",
            Scope::Site => "site",
        }
    }
}

/// What a rebuild did.
pub enum Outcome {
    Updated {
        /// Output paths whose bytes changed, appeared or disappeared.
        changed: Vec<String>,
        elapsed: Duration,
        scope: Scope,
    },
    Failed(Diagnostics),
}

/// Past this many pages to build again, an edit sends out only the edited briefings' own
/// pages and the new ones at once, and leaves the rest to the follow-up.
const AT_ONCE: usize = 256;

impl SiteState {
    /// Loads and builds the site. A configuration error is fatal; a content error is not:
    /// the state starts with no output and the error is returned for the overlay.
    pub fn load(
        root: PathBuf,
        overrides: ConfigOverrides,
        options: ResolveOptions,
    ) -> Result<(SiteState, Option<Diagnostics>), Diagnostics> {
        let (config, sources) = load::load_site(&root, &overrides)?;
        let mut state = SiteState {
            root,
            overrides,
            options,
            config,
            sources,
            cache: BuildCache::default(),
            served: None,
            failed: false,
            everything_pending: true,
            at_once: AT_ONCE,
            day: None,
        };
        let error = match state.rebuild_all(Instant::now()) {
            Outcome::Failed(d) => Some(d),
            Outcome::Updated { .. } => None,
        };
        state.failed = error.is_some();
        Ok((state, error))
    }

    /// Whether the day has changed since the served site was worked out: scheduled
    /// briefings go out, expired ones come down (serve checks once a minute when idle).
    pub fn day_changed(&self) -> bool {
        self.served.is_some() && self.day != self.options.on_day(&self.config).today
    }

    /// Stands in for the clock from now on (tests: a day passing).
    pub fn set_today(&mut self, day: crate::dates::PartialDate) {
        self.options.today = Some(day);
    }

    /// Leaves to the follow-up every page an edit changes beyond the edited briefings' own
    /// and the new ones once more than `n` pages are to build (for tests on small sites).
    pub fn set_at_once(&mut self, n: usize) {
        self.at_once = n;
    }

    /// Each briefing page's briefing file, as the served site has them.
    pub fn briefing_files(&self) -> std::collections::BTreeMap<String, PathBuf> {
        let Some(served) = &self.served else {
            return Default::default();
        };
        let model = &served.ctx.model;
        model
            .whole_site()
            .briefings
            .iter()
            .map(|b| {
                let path = plan::briefing_path(&b.lang, &b.slug);
                (crate::urls::output_file(&path), b.source_path.clone())
            })
            .collect()
    }

    /// The files served now (empty until a first build succeeds).
    pub fn files(&self) -> &Files {
        static NONE: std::sync::OnceLock<Files> = std::sync::OnceLock::new();
        self.served
            .as_ref()
            .map_or_else(|| NONE.get_or_init(Files::new), |s| &s.files)
    }

    /// Applies one burst of changes and rebuilds what they change; what else changed follows
    /// in [`SiteState::finish`].
    pub fn rebuild(&mut self, changes: &BTreeSet<Change>) -> Outcome {
        let outcome = self.rebuild_once(changes);
        self.failed = matches!(outcome, Outcome::Failed(_));
        outcome
    }

    fn rebuild_once(&mut self, changes: &BTreeSet<Change>) -> Outcome {
        let started = Instant::now();
        // Editors and tools save through temporary files that come and go within a burst
        // (`sed -i`, some IDEs); a path that is neither a briefing nor a folder we know of,
        // and is gone now, changed nothing.
        let changes: BTreeSet<Change> = changes
            .iter()
            .filter(|c| match c {
                Change::Content(rel) => {
                    rel.extension().is_some_and(|e| e == "md")
                        || self.root.join(rel).exists()
                        || self.sources.content.iter().any(|f| f.path.starts_with(rel))
                }
                _ => true,
            })
            .cloned()
            .collect();
        if changes.is_empty() {
            return Outcome::Updated {
                changed: Vec::new(),
                elapsed: started.elapsed(),
                scope: Scope::Pages,
            };
        }
        let touched = match self.reload(&changes) {
            Ok(t) => t,
            Err(d) => return Outcome::Failed(d),
        };
        self.everything_pending |= changes.iter().any(|c| {
            matches!(
                c,
                Change::Config | Change::Rescan | Change::Templates | Change::Static(_)
            )
        });
        let piecewise = !self.failed
            && self.day == self.options.on_day(&self.config).today
            && !changes.contains(&Change::Day)
            && !self.everything_pending
            && !changes.contains(&Change::Registry)
            && self.served.is_some();
        if piecewise && let Some(outcome) = self.apply_edits(touched, started) {
            return outcome;
        }
        self.rebuild_all(started)
    }

    /// The piecewise path: the model updated for the edited briefing files, then the pages
    /// whose view read a changed fact. `None` when the model refuses the edit (the full
    /// path then reports what is wrong).
    fn apply_edits(&mut self, touched: Vec<PathBuf>, started: Instant) -> Option<Outcome> {
        let mut edits = Vec::with_capacity(touched.len());
        for path in touched {
            let doc = match self.sources.content.iter().find(|f| f.path == path) {
                Some(file) => Some(self.cache.parse(file).ok()?),
                None => None,
            };
            edits.push(update::FileEdit { path, doc });
        }
        let served = self.served.as_ref()?;
        // The day the served site is for, not the clock's now: an edit landing across
        // midnight must not mix two days (the day check above sends that to a full rebuild).
        let cx = update::Context {
            options: ResolveOptions {
                today: self.day,
                ..self.options
            },
            markdown: Some(self.cache.markdown()),
        };
        let t0 = Instant::now();
        let update::Update { model, changes } =
            update::apply(&served.ctx.model, edits, &cx).ok()?;
        let ctx = served.ctx.updated(model, &changes).ok()?;
        log::debug!("edit: context updated at {:.1?}", t0.elapsed());
        log::info!(
            "edit: model updated in {:.1?}, {} facts changed",
            t0.elapsed(),
            changes.facts.len()
        );
        Some(self.refresh(
            ctx,
            Affected::Facts(&changes.facts, &changes.changed),
            started,
            Scope::Pages,
        ))
    }

    /// The full path: the site worked out again from the sources; every view compared, or
    /// (templates, messages, configuration, static files, or nothing built yet) every page
    /// rendered.
    fn rebuild_all(&mut self, started: Instant) -> Outcome {
        let everything = self.everything_pending || self.served.is_none();
        let options = self.options.on_day(&self.config);
        self.day = options.today;
        let prepared = match crate::prepare(
            &self.config,
            &self.sources,
            crate::Content::Borrowed(&self.sources.content, Some(&self.cache)),
            options,
            None,
        ) {
            Ok(p) => p,
            Err(d) => return Outcome::Failed(d),
        };
        let (affected, scope) = if everything {
            (Affected::Everything, Scope::Site)
        } else {
            (Affected::Every, Scope::ChangedPages)
        };
        let outcome = self.refresh(prepared.context, affected, started, scope);
        if matches!(outcome, Outcome::Updated { .. }) {
            self.everything_pending = false;
        }
        outcome
    }

    /// True when an edit's follow-up work (pages still to build, the site-wide files, the
    /// search index) is to do.
    pub fn has_pending(&self) -> bool {
        self.served
            .as_ref()
            .is_some_and(|s| !s.pending.is_empty() || s.site_files_pending || s.search_pending)
    }

    /// Completes an edit: the pages left pending are built again (rendered where their view
    /// changed), the site-wide files follow, then the search index. Returns the files that
    /// changed. `newer_edit` is set when an edit is waiting: the work stops where it is,
    /// nothing of it is kept, and what is left stays pending for the next call. A page that
    /// does not render is an error, as a failed rebuild: the state is marked failed (the next
    /// edit works the site out again and reports it until it is fixed) and nothing is left
    /// pending.
    pub fn finish(&mut self, newer_edit: &AtomicBool) -> Result<Vec<String>, Diagnostics> {
        let outcome = self.finish_once(newer_edit);
        if outcome.is_err() {
            self.failed = true;
            if let Some(served) = self.served.as_mut() {
                served.pending.clear();
                served.site_files_pending = false;
                served.search_pending = false;
            }
        }
        outcome
    }

    fn finish_once(&mut self, newer_edit: &AtomicBool) -> Result<Vec<String>, Diagnostics> {
        let stop = || newer_edit.load(Ordering::Relaxed);
        let mut changed = Vec::new();
        let Some(served) = self.served.as_mut() else {
            return Ok(changed);
        };
        if stop() {
            return Ok(changed);
        }
        if !served.pending.is_empty() {
            let jobs: Vec<(String, PageJob)> = served
                .pending
                .iter()
                .filter_map(|p| served.pages.get(p).map(|r| (p.clone(), r.job)))
                .collect();
            let Some(built) = build_views(
                &served.ctx,
                &jobs,
                |path| served.pages.get(path).map(|r| r.hash),
                false,
                newer_edit,
            ) else {
                return Ok(changed);
            };
            let built = built?;
            served.pending.clear();
            changed.extend(served.take(built));
        }
        if served.site_files_pending {
            changed.extend(served.refresh_site_files(false)?);
            served.site_files_pending = false;
        }
        if served.search_pending {
            let Some(fresh) = render::render_search_index_until(&served.ctx, &stop) else {
                return Ok(changed);
            };
            served.search_pending = false;
            let fresh_paths: BTreeSet<String> = fresh.iter().map(|o| o.path.clone()).collect();
            for o in fresh {
                if served.files.put(o.path.clone(), &o.bytes) {
                    changed.push(o.path);
                }
            }
            let stale: Vec<String> = served
                .files
                .keys()
                .filter(|k| k.starts_with(plan::SEARCH_INDEX) && !fresh_paths.contains(*k))
                .cloned()
                .collect();
            for k in stale {
                served.files.remove(&k);
                changed.push(k);
            }
        }
        changed.sort();
        changed.dedup();
        Ok(changed)
    }

    /// Reads the changed sources again. Returns the briefing files that were at or are now
    /// under the changed content paths.
    fn reload(&mut self, changes: &BTreeSet<Change>) -> Result<Vec<PathBuf>, Diagnostics> {
        if changes.contains(&Change::Config) || changes.contains(&Change::Rescan) {
            // Everything depends on the configuration, including the Markdown cache
            // (the base URL is in rewritten links).
            (self.config, self.sources) = load::load_site(&self.root, &self.overrides)?;
            self.cache = BuildCache::default();
            return Ok(Vec::new());
        }
        let reload_texts = changes.contains(&Change::Templates)
            || changes.contains(&Change::Registry)
            || changes.iter().any(|c| matches!(c, Change::Static(_)));
        if reload_texts {
            // Templates, messages, registries and the static list are small: read them again.
            let fresh = load::load_sources_without_content(&self.root, &self.config)?;
            self.sources.templates = fresh.templates;
            self.sources.messages = fresh.messages;
            self.sources.registries = fresh.registries;
            self.sources.static_files = fresh.static_files;
        }
        let mut diags = Diagnostics::new();
        let mut touched = BTreeSet::new();
        for change in changes {
            let Change::Content(rel) = change else {
                continue;
            };
            // Whatever was at or under this path goes; whatever is there now comes back.
            self.sources.content.retain(|f| {
                let under = f.path.starts_with(rel);
                if under {
                    touched.insert(f.path.clone());
                }
                !under
            });
            let mut paths = vec![rel.clone()];
            if self.root.join(rel).is_dir() {
                paths = load::list_content_under(&self.root, &self.config, rel);
            }
            for p in paths {
                match load::read_source_file(&self.root, &self.config, &p) {
                    Ok(Some(file)) => {
                        touched.insert(file.path.clone());
                        self.sources.content.push(file);
                    }
                    Ok(None) => {}
                    Err(d) => diags.push(d),
                }
            }
        }
        self.sources.content.sort_by(|a, b| a.path.cmp(&b.path));
        diags.into_result()?;
        Ok(touched.into_iter().collect())
    }

    /// Makes `ctx` the served site: the plan's pages that are new, or whose view read one of
    /// the `affected` facts, are built again (the edited briefings' own pages and new pages
    /// at once, the rest too when they are few, else left to the follow-up); pages that left
    /// the plan go. The state changes only if everything that must happen now succeeds.
    fn refresh(
        &mut self,
        ctx: RenderContext,
        affected: Affected,
        started: Instant,
        scope: Scope,
    ) -> Outcome {
        let t0 = Instant::now();
        let jobs = plan::page_jobs(&ctx.model);
        let plan: Vec<(String, PageJob)> = jobs
            .par_iter()
            .map(|job| (job.output_file(&ctx.model), *job))
            .collect();
        let empty = FxHashMap::default();
        let old_pages = self.served.as_ref().map_or(&empty, |s| &s.pages);
        let old_pending = self.served.as_ref().map(|s| &s.pending);
        let mut now: Vec<(String, PageJob)> = Vec::new();
        let mut later: Vec<(String, PageJob)> = Vec::new();
        for (path, job) in &plan {
            let record = old_pages.get(path);
            let stale = match (record, &affected) {
                (None, _) => {
                    now.push((path.clone(), *job));
                    continue;
                }
                (Some(_), Affected::Everything | Affected::Every) => true,
                (Some(r), Affected::Facts(facts, _)) => {
                    old_pending.is_some_and(|p| p.contains(path))
                        || r.reads.iter().any(|f| facts.contains(f))
                }
            };
            if !stale {
                continue;
            }
            let own = match (&affected, record) {
                (Affected::Facts(_, edited), Some(r)) => r.reads.iter().any(|f| match f {
                    Fact::Briefing(k) | Fact::Translations(k) => edited.contains(k),
                    _ => false,
                }),
                _ => true,
            };
            if own {
                now.push((path.clone(), *job));
            } else {
                later.push((path.clone(), *job));
            }
        }
        if now.len() + later.len() <= self.at_once {
            now.append(&mut later);
        }
        let everything = matches!(affected, Affected::Everything);
        static NEVER: AtomicBool = AtomicBool::new(false);
        let built = build_views(
            &ctx,
            &now,
            |path| old_pages.get(path).map(|r| r.hash),
            everything,
            &NEVER,
        );
        let built = match built {
            Some(Ok(b)) => b,
            Some(Err(d)) => return Outcome::Failed(d),
            None => return Outcome::Failed(Diagnostics::new()),
        };
        log::info!(
            "refresh: {} of {} pages built again in {:.1?} ({} left to the follow-up)",
            now.len(),
            plan.len(),
            t0.elapsed(),
            later.len()
        );
        // Everything that can fail has run: the next state is made from the old one.
        let statics = if everything {
            match load::read_static(&self.sources.static_files) {
                Ok(s) => Some(s),
                Err(d) => return Outcome::Failed(d),
            }
        } else {
            None
        };
        // A site rendered whole replaces the last one only once its site-wide files
        // rendered too: the last one is kept aside until then.
        let (mut next, kept) = match self.served.take() {
            Some(old) if !everything => (old.carried(ctx, &plan), None),
            old => (Served::empty(ctx), old),
        };
        let mut changed: Vec<String> = Vec::new();
        if let Some(old_files) = &statics {
            let before = std::mem::take(&mut next.files);
            for (name, bytes) in old_files {
                next.files.put(name.clone(), bytes);
            }
            changed.extend(before.keys().cloned());
        }
        let current: FxHashSet<&str> = plan.iter().map(|(p, _)| p.as_str()).collect();
        let gone: Vec<String> = next
            .pages
            .keys()
            .filter(|p| !current.contains(p.as_str()))
            .cloned()
            .collect();
        for p in gone {
            next.pages.remove(&p);
            next.pending.remove(&p);
            if next.files.remove(&p) {
                changed.push(p);
            }
        }
        for (path, _) in &later {
            next.pending.insert(path.clone());
        }
        changed.extend(next.take(built));
        if everything {
            match next.refresh_site_files(true) {
                Ok(c) => changed.extend(c),
                Err(d) => {
                    self.served = kept;
                    return Outcome::Failed(d.into());
                }
            }
            next.site_files_pending = false;
        } else {
            next.site_files_pending = true;
        }
        if everything {
            for o in render::render_search_index(&next.ctx) {
                next.files.put(o.path, &o.bytes);
            }
            next.search_pending = false;
            changed = next.files.keys().cloned().collect();
        } else {
            next.search_pending = true;
        }
        if everything {
            let (held, served) = next.files.sizes();
            log::info!(
                "refresh: {} files, {} MiB in memory ({} MiB served)",
                next.files.len(),
                held >> 20,
                served >> 20
            );
        }
        self.served = Some(next);
        changed.sort();
        changed.dedup();
        Outcome::Updated {
            changed,
            elapsed: started.elapsed(),
            scope,
        }
    }
}

/// Which pages an edit may have changed.
enum Affected<'f> {
    /// Those whose view read one of these facts (and those the edited briefings' facts, by
    /// key, concern first).
    Facts(&'f FxHashSet<Fact>, &'f FxHashSet<BriefingKey>),
    /// Every page: compared by its view's hash.
    Every,
    /// Every page, rendered whatever its hash.
    Everything,
}

impl Served {
    fn empty(ctx: RenderContext) -> Served {
        Served {
            ctx,
            files: Files::new(),
            pages: FxHashMap::default(),
            pending: FxHashSet::default(),
            search_pending: true,
            site_files: BTreeSet::new(),
            sitemap_hash: None,
            site_files_pending: true,
        }
    }

    /// This site with `ctx` as its context and every page's job as `plan` has it (ids move
    /// when briefings do).
    fn carried(mut self, ctx: RenderContext, plan: &[(String, PageJob)]) -> Served {
        self.ctx = ctx;
        for (path, job) in plan {
            if let Some(r) = self.pages.get_mut(path) {
                r.job = *job;
            }
        }
        self
    }

    /// Takes in pages built again; returns the paths whose bytes changed.
    fn take(&mut self, built: Vec<Built>) -> Vec<String> {
        let mut changed = Vec::new();
        for b in built {
            if let Some(file) = b.output
                && self.files.put_file(b.path.clone(), file)
            {
                changed.push(b.path.clone());
            }
            self.pending.remove(&b.path);
            self.pages.insert(
                b.path,
                PageRecord {
                    job: b.job,
                    hash: b.hash,
                    reads: b.reads,
                    sitemap: b.sitemap,
                },
            );
        }
        changed
    }

    /// The sitemap, robots.txt and the files GitHub Pages needs, rendered again when the
    /// pages' sitemap entries changed (or `always`). Returns the paths that changed.
    fn refresh_site_files(&mut self, always: bool) -> Result<Vec<String>, Diagnostic> {
        let mut entries: Vec<render::sitemap::SitemapEntry> = self
            .pages
            .values()
            .filter_map(|r| r.sitemap.clone())
            .collect();
        entries.sort_by(|a, b| a.loc.cmp(&b.loc).then_with(|| a.lastmod.cmp(&b.lastmod)));
        // The base map of places follows the registry's coordinates, not the pages' entries.
        let bounds = self.ctx.model.places_map().bounds.map(|b| format!("{b:?}"));
        let hash = crate::fingerprint::hash_of(&(&entries, bounds));
        if !always && self.sitemap_hash == Some(hash) {
            return Ok(Vec::new());
        }
        let files = render::render_site_files(&self.ctx, entries)?;
        let mut changed = Vec::new();
        let paths: BTreeSet<String> = files.iter().map(|o| o.path.clone()).collect();
        for old in &self.site_files {
            if !paths.contains(old) && self.files.remove(old) {
                changed.push(old.clone());
            }
        }
        for o in files {
            if self.files.put(o.path.clone(), &o.bytes) {
                changed.push(o.path);
            }
        }
        self.site_files = paths;
        self.sitemap_hash = Some(hash);
        Ok(changed)
    }
}

/// Builds the views of `jobs` in parallel, each recording the facts it read, and renders
/// those whose hash differs from `old_hash` (all with `everything`). `None` when `stop` was
/// raised first.
fn build_views(
    ctx: &RenderContext,
    jobs: &[(String, PageJob)],
    old_hash: impl Fn(&str) -> Option<u64> + Sync,
    everything: bool,
    stop: &AtomicBool,
) -> Option<Result<Vec<Built>, Diagnostics>> {
    let results: Vec<Option<Result<Built, Diagnostic>>> = jobs
        .par_iter()
        .map(|(path, job)| {
            if stop.load(Ordering::Relaxed) {
                return None;
            }
            let (view, reads) = crate::model::recording(|| render::view_of(ctx, *job));
            let built = view.and_then(|view| {
                let hash = view.hash(ctx);
                let sitemap = view.sitemap_entry(ctx);
                // Packed here, on the worker: a whole site never waits unpacked in memory.
                let output = if everything || old_hash(path) != Some(hash) {
                    let o = render::render_view(ctx, view)?;
                    Some(super::files::File::new(&o.path, &o.bytes))
                } else {
                    None
                };
                Ok(Built {
                    path: path.clone(),
                    job: *job,
                    hash,
                    reads: reads.into_boxed_slice(),
                    sitemap,
                    output,
                })
            });
            Some(built)
        })
        .collect();
    if stop.load(Ordering::Relaxed) {
        return None;
    }
    let mut built = Vec::with_capacity(results.len());
    let mut diags = Diagnostics::new();
    for r in results.into_iter().flatten() {
        match r {
            Ok(b) => built.push(b),
            Err(d) => diags.push(d),
        }
    }
    Some(if diags.has_errors() {
        Err(diags)
    } else {
        Ok(built)
    })
}
