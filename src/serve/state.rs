//! The site as `serve` holds it: sources in memory, a build cache, and the current output.
//! An edit updates only the sources it touched, regenerates with the cache, and swaps in
//! the files that changed; a failed rebuild leaves the last good output in place.

use super::http::Files;
use super::watch::Change;
use crate::config::{ConfigOverrides, SiteConfig};
use crate::error::Diagnostics;
use crate::load::{self, Sources};
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
}

/// What a rebuild did.
pub enum Outcome {
    Updated {
        /// Output paths whose bytes changed, appeared or disappeared.
        changed: Vec<String>,
        elapsed: Duration,
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
        };
        let error = match state.regenerate() {
            Outcome::Failed(d) => Some(d),
            Outcome::Updated { .. } => None,
        };
        Ok((state, error))
    }

    /// Applies one burst of changes and regenerates.
    pub fn rebuild(&mut self, changes: &BTreeSet<Change>) -> Outcome {
        if let Err(d) = self.reload(changes) {
            return Outcome::Failed(d);
        }
        self.regenerate()
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
        let statics = match load::read_static(&self.sources.static_files) {
            Ok(s) => s,
            Err(d) => return Outcome::Failed(d),
        };
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
        }
    }
}
