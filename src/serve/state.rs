//! The site as `serve` holds it: sources in memory, a build cache, and the current output.
//! An edit updates only the sources it touched, regenerates with the cache, and swaps in
//! the files that changed; a failed rebuild leaves the last good output in place.

use super::http::Files;
use super::watch::Change;
use crate::BuildCache;
use crate::config::{ConfigOverrides, SiteConfig};
use crate::error::Diagnostics;
use crate::load::{self, Sources};
use crate::render::{self, RenderContext};
use crate::resolve::ResolveOptions;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

pub struct SiteState {
    root: PathBuf,
    overrides: ConfigOverrides,
    options: ResolveOptions,
    pub config: SiteConfig,
    sources: Sources,
    cache: BuildCache,
    /// The last good output.
    pub files: Files,
    /// What the last good output was rendered from, kept to re-render a few pages.
    context: Option<RenderContext>,
    /// Set when an edit's pages are out but the search index still has to follow.
    search_pending: bool,
    /// Set when a text edit's first pages are out but every page's view has yet to be
    /// compared.
    views_pending: bool,
    /// Every page's output path with the hash of the view it was rendered from.
    views: HashMap<String, u64>,
    /// The site-wide files of the last build (sitemap, robots.txt, ...).
    site_files: BTreeSet<String>,
    /// A hash of the sitemap entries they were rendered from: besides those entries, they
    /// depend only on the configuration and templates, whose changes render everything.
    sitemap_hash: Option<u64>,
    /// Whether the last rebuild failed: the sources on disk then do not build, and no edit
    /// may be applied to the last good site as if they did (issue 23).
    failed: bool,
    /// A template, message, configuration or static change is waiting for a rebuild that
    /// succeeds: until then every page is rendered again, whatever the next edit is.
    everything_pending: bool,
}

/// One page of the plan after its view was hashed: rendered only if its view changed.
struct Viewed {
    path: String,
    hash: u64,
    output: Option<render::Output>,
    entry: Option<render::sitemap::SitemapEntry>,
}

/// How much of the site a rebuild worked out again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One briefing's text changed: the context was updated in place.
    Pages,
    /// Sources changed: the context was prepared again; changed views were rendered.
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
            files: Files::new(),
            context: None,
            search_pending: false,
            views_pending: false,
            views: HashMap::new(),
            site_files: BTreeSet::new(),
            sitemap_hash: None,
            failed: false,
            everything_pending: false,
        };
        let error = match state.regenerate(true) {
            Outcome::Failed(d) => Some(d),
            Outcome::Updated { .. } => None,
        };
        Ok((state, error))
    }

    /// Applies one burst of changes and regenerates. An edit of one briefing's text
    /// re-renders only the pages that show it; the search index follows in
    /// [`SiteState::finish`]. Anything else regenerates the site and keeps what changed.
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
        let changes = &changes;
        if let Err(d) = self.reload(changes) {
            return Outcome::Failed(d);
        }
        self.everything_pending |= changes.iter().any(|c| {
            matches!(
                c,
                Change::Config | Change::Rescan | Change::Templates | Change::Static(_)
            )
        });
        let outcome = self.regenerate(self.everything_pending);
        if matches!(outcome, Outcome::Updated { .. }) {
            self.everything_pending = false;
        }
        outcome
    }

    /// True when an edit's follow-up work (every page's view, the search index) is still to
    /// do.
    pub fn has_pending(&self) -> bool {
        self.search_pending || self.views_pending
    }

    /// Completes an edit: after a text edit's first pages went out, compares every page's
    /// view and renders what else changed; then rebuilds the search index. Returns the files
    /// that changed.
    /// `newer_edit` is set when an edit is waiting: the work stops where it is (between
    /// pages, between batches of the search index), nothing of it is kept, and what is left
    /// stays pending for the next call.
    pub fn finish(&mut self, newer_edit: &AtomicBool) -> Vec<String> {
        let mut changed = Vec::new();
        let stop = || newer_edit.load(Ordering::Relaxed);
        if stop() {
            return changed;
        }
        if self.context.is_none() {
            // A failed rebuild dropped it: the next edit works the site out afresh.
            self.views_pending = false;
            self.search_pending = false;
            return changed;
        }
        if self.views_pending
            && let Some(ctx) = self.context.take()
        {
            match self.refresh(ctx, false, Instant::now(), Scope::ChangedPages, newer_edit) {
                None => return changed,
                Some(Outcome::Updated { changed: c, .. }) => changed.extend(c),
                // The edit rendered its first pages but not the rest: serve what was good;
                // the error shows with the next edit's rebuild.
                Some(Outcome::Failed(_)) => return changed,
            }
        }
        if !self.search_pending {
            return changed;
        }
        let Some(ctx) = &self.context else {
            return changed;
        };
        let Some(fresh) = render::render_search_index_until(ctx, &stop) else {
            return changed;
        };
        self.search_pending = false;
        let fresh_paths: BTreeSet<String> = fresh.iter().map(|o| o.path.clone()).collect();
        for o in fresh {
            if self.files.get(&o.path).is_none_or(|old| **old != o.bytes) {
                changed.push(o.path.clone());
                self.files.insert(o.path, Arc::new(o.bytes));
            }
        }
        let stale: Vec<String> = self
            .files
            .keys()
            .filter(|k| k.starts_with(crate::plan::SEARCH_INDEX) && !fresh_paths.contains(*k))
            .cloned()
            .collect();
        for k in stale {
            self.files.remove(&k);
            changed.push(k);
        }
        changed
    }

    fn reload(&mut self, changes: &BTreeSet<Change>) -> Result<(), Diagnostics> {
        if changes.contains(&Change::Config) || changes.contains(&Change::Rescan) {
            // Everything depends on the configuration, including the Markdown cache
            // (the base URL is in rewritten links).
            (self.config, self.sources) = load::load_site(&self.root, &self.overrides)?;
            self.cache = BuildCache::default();
            return Ok(());
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
        for change in changes {
            let Change::Content(rel) = change else {
                continue;
            };
            // Whatever was at or under this path goes; whatever is there now comes back.
            self.sources.content.retain(|f| !f.path.starts_with(rel));
            let mut paths = vec![rel.clone()];
            if self.root.join(rel).is_dir() {
                paths = load::list_content_under(&self.root, &self.config, rel);
            }
            for p in paths {
                match load::read_source_file(&self.root, &self.config, &p) {
                    Ok(Some(file)) => self.sources.content.push(file),
                    Ok(None) => {}
                    Err(d) => diags.push(d),
                }
            }
        }
        self.sources.content.sort_by(|a, b| a.path.cmp(&b.path));
        diags.into_result().map(|_| ())
    }

    /// Regenerates the site. With `everything` (templates, messages, configuration or static
    /// files changed, or nothing was built yet) every page is rendered; otherwise only the
    /// pages whose view changed, and the search index follows in [`SiteState::finish`].
    fn regenerate(&mut self, everything: bool) -> Outcome {
        let started = Instant::now();
        let everything = everything || self.context.is_none();
        let prepared = match crate::prepare(
            &self.config,
            &self.sources,
            crate::Content::Borrowed(&self.sources.content, Some(&self.cache)),
            self.options,
            None,
        ) {
            Ok(p) => p,
            Err(d) => return Outcome::Failed(d),
        };
        let scope = if everything {
            Scope::Site
        } else {
            Scope::ChangedPages
        };
        // Never stopped: this edit's pages are what the editor waits for.
        static NEVER: AtomicBool = AtomicBool::new(false);
        self.refresh(prepared.context, everything, started, scope, &NEVER)
            .unwrap_or_else(|| Outcome::Failed(Diagnostics::new()))
    }

    /// Makes `ctx` the served site: every page's view is built and hashed, and only pages
    /// whose view changed (all of them with `everything`) are rendered. Pages that are no
    /// longer in the plan go, new ones come: the served set is the plan's, by construction.
    /// `None` when `stop` was set before every view was compared: then nothing changed
    /// and the context is kept.
    fn refresh(
        &mut self,
        ctx: RenderContext,
        everything: bool,
        started: Instant,
        scope: Scope,
        stop: &AtomicBool,
    ) -> Option<Outcome> {
        let t0 = Instant::now();
        let jobs = crate::plan::page_jobs(&ctx.model);
        let previous = &self.views;
        let results: Vec<Result<Option<Viewed>, crate::error::Diagnostic>> = jobs
            .par_iter()
            .map(|&job| {
                if stop.load(Ordering::Relaxed) {
                    return Ok(None);
                }
                let view = render::view_of(&ctx, job)?;
                let hash = view.hash(&ctx);
                let entry = view.sitemap_entry(&ctx);
                let path = view.file().to_string();
                let output = if everything || previous.get(&path) != Some(&hash) {
                    Some(render::render_view(&ctx, view)?)
                } else {
                    None
                };
                Ok(Some(Viewed {
                    path,
                    hash,
                    output,
                    entry,
                }))
            })
            .collect();
        if stop.load(Ordering::Relaxed) {
            self.context = Some(ctx);
            return None;
        }
        self.search_pending = false;
        self.views_pending = false;
        log::info!(
            "refresh: views of {} pages in {:.1?}",
            jobs.len(),
            t0.elapsed()
        );
        let mut diags = Diagnostics::new();
        let mut prints = Vec::with_capacity(results.len());
        let mut sitemap = Vec::new();
        let mut pages = Vec::new();
        for r in results {
            match r {
                Ok(None) => {}
                Ok(Some(Viewed {
                    path,
                    hash,
                    output,
                    entry,
                })) => {
                    prints.push((path, hash));
                    pages.extend(output);
                    sitemap.extend(entry);
                }
                Err(d) => diags.push(d),
            }
        }
        if diags.has_errors() {
            // The context may hold an edit that does not render: start afresh next time.
            self.context = None;
            return Some(Outcome::Failed(diags));
        }
        let mut next: Files = if everything {
            Files::new()
        } else {
            self.files.clone()
        };
        if everything {
            let statics = match load::read_static(&self.sources.static_files) {
                Ok(s) => s,
                Err(d) => return Some(Outcome::Failed(d)),
            };
            for (name, bytes) in statics {
                next.insert(name, Arc::new(bytes));
            }
        } else {
            // Pages that no longer exist, and the previous site-wide files, go.
            let current: BTreeSet<&str> = prints.iter().map(|(p, _)| p.as_str()).collect();
            for old in self.views.keys().filter(|p| !current.contains(p.as_str())) {
                next.remove(old);
            }
        }
        for o in pages {
            next.insert(o.path, Arc::new(o.bytes));
        }
        let sitemap_hash = crate::fingerprint::hash_of(&sitemap);
        // The same entries give the same site-wide files: those served stay.
        if everything || self.sitemap_hash != Some(sitemap_hash) {
            let site_files = match render::render_site_files(&ctx, sitemap) {
                Ok(f) => f,
                Err(d) => {
                    self.context = None;
                    return Some(Outcome::Failed(d.into()));
                }
            };
            let site_paths: BTreeSet<String> = site_files.iter().map(|o| o.path.clone()).collect();
            for old in &self.site_files {
                if !site_paths.contains(old) {
                    next.remove(old);
                }
            }
            for o in site_files {
                next.insert(o.path, Arc::new(o.bytes));
            }
            self.site_files = site_paths;
            self.sitemap_hash = Some(sitemap_hash);
        }
        if everything {
            for o in render::render_search_index(&ctx) {
                next.insert(o.path, Arc::new(o.bytes));
            }
        } else {
            self.search_pending = true;
        }
        log::info!("refresh: site files at {:.1?}", t0.elapsed());
        self.views = prints.into_iter().collect();
        self.context = Some(ctx);
        let mut changed: Vec<String> = next
            .iter()
            .filter(|(k, v)| self.files.get(*k).is_none_or(|old| old != *v))
            .map(|(k, _)| k.clone())
            .chain(
                self.files
                    .keys()
                    .filter(|k| !next.contains_key(*k))
                    .cloned(),
            )
            .collect();
        changed.sort();
        self.files = next;
        Some(Outcome::Updated {
            changed,
            elapsed: started.elapsed(),
            scope,
        })
    }
}
