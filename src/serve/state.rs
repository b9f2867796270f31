//! The site as `serve` holds it: sources in memory, a build cache, and the current output.
//! An edit updates only the sources it touched, regenerates with the cache, and swaps in
//! the files that changed; a failed rebuild leaves the last good output in place.

use super::http::Files;
use super::watch::Change;
use crate::config::{ConfigOverrides, SiteConfig};
use crate::error::Diagnostics;
use crate::load::{self, Sources};
use crate::render::{self, RenderContext};
use crate::resolve::ResolveOptions;
use crate::{BuildCache, generate_cached};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
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
}

/// What a rebuild did.
pub enum Outcome {
    Updated {
        /// Output paths whose bytes changed, appeared or disappeared.
        changed: Vec<String>,
        elapsed: Duration,
        /// `pages` when only the pages showing one edited briefing were rendered, `site`
        /// when the whole site was regenerated.
        scope: &'static str,
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
        let config = load::load_config(&root, &overrides)?;
        let sources = load::load_sources(&root)?;
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
        };
        let error = match state.regenerate() {
            Outcome::Failed(d) => Some(d),
            Outcome::Updated { .. } => None,
        };
        Ok((state, error))
    }

    /// Applies one burst of changes and regenerates. An edit of one briefing's text
    /// re-renders only the pages that show it; the search index follows in
    /// [`SiteState::finish`]. Anything else regenerates the site and keeps what changed.
    pub fn rebuild(&mut self, changes: &BTreeSet<Change>) -> Outcome {
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
                scope: "pages",
            };
        }
        let changes = &changes;
        let previous = match changes.iter().next() {
            Some(Change::Content(rel)) if changes.len() == 1 => self.cache.previous(rel),
            _ => None,
        };
        if let Err(d) = self.reload(changes) {
            return Outcome::Failed(d);
        }
        if let Some(Ok(old)) = previous
            && let Some(outcome) = self.edit_text(&old, started)
        {
            return outcome;
        }
        self.regenerate()
    }

    /// The fast path: `None` when the edit is not text-only, and the full path must run.
    fn edit_text(
        &mut self,
        old: &crate::front_matter::Document,
        started: Instant,
    ) -> Option<Outcome> {
        let file = self.sources.content.iter().find(|f| f.path == old.path)?;
        let new = self.cache.parse(file).ok()?;
        if !crate::resolve::only_text_differs(old, &new) {
            return None;
        }
        let ctx = self.context.as_mut()?;
        let id = ctx
            .site
            .briefings
            .iter()
            .position(|b| b.source_path == old.path)?;
        let text = crate::resolve::briefing_text(&new, &ctx.urls, Some(self.cache.markdown()));
        let jobs = ctx.update_text(id, text);
        let outputs = match render::render_pages(ctx, &jobs) {
            Ok(o) => o,
            Err(d) => {
                // The context now holds text that does not render: start afresh next time.
                self.context = None;
                return Some(Outcome::Failed(d));
            }
        };
        let mut changed = Vec::new();
        for o in outputs {
            if self.files.get(&o.path).is_none_or(|old| **old != o.bytes) {
                changed.push(o.path.clone());
                self.files.insert(o.path, Arc::new(o.bytes));
            }
        }
        changed.sort();
        self.search_pending = true;
        Some(Outcome::Updated {
            changed,
            elapsed: started.elapsed(),
            scope: "pages",
        })
    }

    /// True when an edit's follow-up work (the search index) is still to do.
    pub fn has_pending(&self) -> bool {
        self.search_pending
    }

    /// Completes an edit: rebuilds the search index after the pages went out. Returns the
    /// index files that changed.
    pub fn finish(&mut self) -> Vec<String> {
        if !std::mem::take(&mut self.search_pending) {
            return Vec::new();
        }
        let Some(ctx) = &self.context else {
            return Vec::new();
        };
        let mut changed = Vec::new();
        let fresh = render::render_search_index(ctx);
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
            .filter(|k| k.starts_with("search/") && !fresh_paths.contains(*k))
            .cloned()
            .collect();
        for k in stale {
            self.files.remove(&k);
            changed.push(k);
        }
        changed
    }

    fn reload(&mut self, changes: &BTreeSet<Change>) -> Result<(), Diagnostics> {
        if changes.contains(&Change::Config) {
            // Everything depends on the configuration, including the Markdown cache
            // (the base URL is in rewritten links).
            self.config = load::load_config(&self.root, &self.overrides)?;
            self.sources = load::load_sources(&self.root)?;
            self.cache = BuildCache::default();
            return Ok(());
        }
        let reload_texts = changes.contains(&Change::Templates)
            || changes.contains(&Change::Registry)
            || changes.iter().any(|c| matches!(c, Change::Static(_)));
        if reload_texts {
            // Templates, messages, registries and the static list are small: read them again.
            let fresh = load::load_sources_without_content(&self.root)?;
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
                paths = load::list_content_under(&self.root, rel);
            }
            for p in paths {
                match load::read_source_file(&self.root, &p) {
                    Ok(Some(file)) => self.sources.content.push(file),
                    Ok(None) => {}
                    Err(d) => diags.push(d),
                }
            }
        }
        self.sources.content.sort_by(|a, b| a.path.cmp(&b.path));
        diags.into_result().map(|_| ())
    }

    fn regenerate(&mut self) -> Outcome {
        let started = Instant::now();
        let generated =
            match generate_cached(&self.config, &self.sources, self.options, Some(&self.cache)) {
                Ok(g) => g,
                Err(d) => return Outcome::Failed(d),
            };
        self.search_pending = false;
        let statics = match load::read_static(&self.sources.static_files) {
            Ok(s) => s,
            Err(d) => return Outcome::Failed(d),
        };
        self.context = Some(generated.context);
        let mut next = Files::with_capacity(generated.outputs.len() + statics.len());
        for o in generated.outputs {
            next.insert(o.path, Arc::new(o.bytes));
        }
        for (name, bytes) in statics {
            next.insert(name, Arc::new(bytes));
        }
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
        Outcome::Updated {
            changed,
            elapsed: started.elapsed(),
            scope: "site",
        }
    }
}
