//! marsad: a static site generator for multilingual, right-to-left-aware briefing portals.
//!
//! The build is a pipeline of stages that hand typed values to each other; only the first
//! and the last touch the disk:
//!
//! ```text
//! load      site root          -> SiteConfig + Sources        (config.rs, load.rs)
//! parse     SourceFile         -> Document                    (front_matter/)
//! resolve   Documents          -> Site (slugs, translations)  (resolve.rs, markdown.rs)
//! classify  Site + registry    -> Taxonomies                  (taxonomy.rs, names.rs, fold.rs)
//! relate    Site + Taxonomies  -> related briefings           (related.rs)
//! model     all of the above   -> Model (lists, archive, ...) (model/)
//! plan      Model              -> PageJob per page, its route (plan.rs)
//! render    PageJob            -> View -> Output (bytes)      (render/, i18n.rs, dates.rs)
//! write     Outputs + static   -> output folder, swapped in   (write.rs)
//! ```
//!
//! [`pipeline`] is the one entry point of the pure middle (parse to render), on already-loaded
//! sources: [`build`] runs it into the staging folder, [`generate`] into memory (`check`,
//! `status`, tests); `serve` runs its first half, [`prepare`], and renders only the pages
//! whose view changed.
//! Templates, messages and static files a site does not have come from the built-in theme
//! (theme.rs, merged by load.rs). paint.rs colours what the CLI prints on a terminal.
//!
//! Beside the build, the editor's commands: `init` (init.rs), `new` (new.rs) and `status`
//! (status.rs, suggest.rs).

// Modules in layer order, from the ground up: a module imports only modules of its own layer
// or of layers above it in this list (tests/it/layers.rs checks it; README: Architecture).

// 0 foundations: located errors, the disk, typed ids, kinds of terms, languages, text folding,
// partial dates, base-path URLs, change hashes, progress, terminal colour.
pub mod dates;
pub mod error;
pub mod fingerprint;
pub mod fold;
pub mod fs;
pub mod ids;
pub mod kind;
pub mod lang;
pub mod paint;
pub mod progress;
pub mod urls;
// 1 input: site.toml, reading every source once, the built-in theme.
pub mod config;
pub mod load;
pub mod theme;
// 2 parse: a file to a document; a body to HTML.
pub mod front_matter;
pub mod markdown;
// 3 resolve: documents to a site (languages, slugs, translations, site order); which
// version of its original a translation was made from.
pub mod resolve;
pub mod translated;
// 4 classify: registry names to terms; the closest entry for an unknown name.
pub mod names;
pub mod suggest;
pub mod taxonomy;
// 5 relate: related briefings.
pub mod related;
// 6 model: everything a page can be built from, updated per edit by serve.
pub mod model;
// 7 plan: every output page and its route.
pub mod plan;
// 8 render: a page of the plan to a view to bytes; messages; the search index.
pub mod i18n;
pub mod render;
pub mod search;
// 9 write: outputs to the output folder, swapped in.
pub mod write;
// 10 pipeline: prepare, pipeline, build, generate (this file).
// 11 commands: what a user runs.
pub mod check;
pub mod ingest;
pub mod init;
pub mod new;
pub mod outdated;
pub mod serve;
pub mod status;

use config::{ConfigOverrides, SiteConfig};
use error::Diagnostics;
use load::Sources;
use model::Model;
use plan::PageJob;
use rayon::prelude::*;
use render::{Output, RenderContext, Templates};
use resolve::ResolveOptions;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What `marsad build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub output_dir: Option<PathBuf>,
    pub base_url: Option<String>,
    /// Which briefings are published: drafts, scheduled and expired ones as asked.
    pub publishing: ResolveOptions,
    /// Updated as the build goes, for a progress line (the CLI draws it on a terminal).
    pub progress: Option<std::sync::Arc<progress::Progress>>,
}

impl BuildOptions {
    /// Where the build writes: `--output-dir`, or `<root>/public`.
    pub fn output_dir(&self) -> PathBuf {
        self.output_dir
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub output_dir: PathBuf,
    /// Pages written per interface language, in site order.
    pub pages_per_language: Vec<(String, usize)>,
    pub files_written: usize,
    pub warnings: Diagnostics,
    pub elapsed: Duration,
}

/// The generated site, in memory.
pub struct Generated {
    pub outputs: Vec<Output>,
    pub warnings: Diagnostics,
    /// Output file -> the briefing file it was rendered from, for reports that point editors
    /// at what to fix.
    pub sources: std::collections::BTreeMap<String, PathBuf>,
}

/// Loads, generates and writes the site.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let started = Instant::now();
    let root = &options.root;
    // Before the output's lock: a folder that is not a site gets no output folder either.
    load::require_site(root)?;
    let output_dir = options.output_dir();
    write::check_output_dir(root, &output_dir)?;
    let overrides = ConfigOverrides {
        base_url: options.base_url.clone(),
    };
    // First: the output's lock, and the previous output put back if a crash left it aside,
    // so even a build that fails at loading leaves it in place.
    let staging = write::Staging::begin(&output_dir)?;
    let (config, mut sources) = load::load_site(root, &overrides)?;
    staging.note_base_url(&config.base_url)?;
    let resolve = options.publishing;
    let content = Content::Owned(std::mem::take(&mut sources.content));
    let progress = options.progress.as_deref();
    // Pages go to the staging folder as they are rendered; a failure drops the staging
    // folder and leaves the output as it was.
    let rendered = pipeline(
        &config,
        &sources,
        content,
        resolve,
        &|o| staging.put(&o),
        progress,
    )?;
    let mut warnings = rendered.warnings;
    if let Some(p) = progress {
        p.start("copy static files and swap the output in", 0);
    }
    staging.copy_static(&sources.static_files)?;
    let written = staging.written();
    let report = staging.commit()?;
    warnings.extend(report.leftover);
    let pages_per_language = config
        .languages
        .iter()
        .map(|l| {
            let prefix = plan::language_root(l.lang.as_str());
            let n = written
                .iter()
                .filter(|p| p.starts_with(&prefix) && p.ends_with(".html"))
                .count();
            (l.lang.to_string(), n)
        })
        .collect();
    Ok(BuildReport {
        output_dir,
        pages_per_language,
        files_written: report.files,
        warnings,
        elapsed: started.elapsed(),
    })
}

/// The pipeline in memory: sources in, every output file out, sorted by path (for `check`,
/// `status` and tests). Reports every error of every stage it reaches.
pub fn generate(
    config: &SiteConfig,
    sources: &Sources,
    options: ResolveOptions,
) -> Result<Generated, Diagnostics> {
    let collected = std::sync::Mutex::new(Vec::new());
    let content = Content::Borrowed(&sources.content, None);
    let sink = |o| {
        collected.lock().map(|mut v| v.push(o)).map_err(|_| {
            error::Diagnostic::error(error::Location::nowhere(), "internal: output lock poisoned")
        })
    };
    let rendered = pipeline(config, sources, content, options, &sink, None)?;
    let mut outputs = collected.into_inner().unwrap_or_default();
    // Rendering is parallel; the order of the outputs should not be.
    outputs.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Generated {
        outputs,
        warnings: rendered.warnings,
        sources: rendered.sources,
    })
}

/// What parsing one briefing file gave.
type ParsedDocument = Result<front_matter::Document, error::Diagnostic>;

/// The briefing files a run reads.
pub enum Content<'s> {
    /// A build's own: each file is dropped as soon as it is parsed, so a large build holds
    /// no raw text past parsing.
    Owned(Vec<load::SourceFile>),
    /// Borrowed, parsed afresh or (`serve`) through the cache of earlier rebuilds.
    Borrowed(&'s [load::SourceFile], Option<&'s BuildCache>),
}

impl<'s> Content<'s> {
    /// Rendered Markdown of earlier rebuilds, if any.
    fn markdown_cache(&self) -> Option<&'s resolve::MarkdownCache> {
        match self {
            Content::Borrowed(_, Some(cache)) => Some(&cache.markdown),
            _ => None,
        }
    }

    /// The parse stage: every file to its document, or the error that names its line.
    fn parse(self) -> Vec<ParsedDocument> {
        match self {
            Content::Owned(files) => files
                .into_par_iter()
                .map(|f| front_matter::parse_document(&f))
                .collect(),
            Content::Borrowed(files, cache) => files
                .par_iter()
                .map(|f| match cache {
                    Some(c) => c.parse(f),
                    None => front_matter::parse_document(f),
                })
                .collect(),
        }
    }
}

/// A file's text hash and what parsing it gave.
type ParsedFile = (u64, Result<front_matter::Document, error::Diagnostic>);

/// What `serve` keeps between rebuilds so an edit costs less than a build.
#[derive(Default)]
pub struct BuildCache {
    /// Parsed front matter by file, with a hash of the text it was parsed from.
    documents: std::sync::Mutex<std::collections::HashMap<PathBuf, ParsedFile>>,
    markdown: resolve::MarkdownCache,
}

impl BuildCache {
    pub fn markdown(&self) -> &resolve::MarkdownCache {
        &self.markdown
    }

    /// The file parsed, from the cache when its text is the one parsed last time. The
    /// cache keeps each document without its body (the file's text holds it already, and
    /// a site's bodies are most of its memory): the body is split off the text again.
    pub fn parse(
        &self,
        file: &load::SourceFile,
    ) -> Result<front_matter::Document, error::Diagnostic> {
        let key = file.text_hash();
        if let Ok(map) = self.documents.lock()
            && let Some((k, doc)) = map.get(&file.path)
            && *k == key
        {
            return doc.clone().map(|mut d| {
                d.body = front_matter::body_of(&file.text).to_string();
                d
            });
        }
        let doc = front_matter::parse_document(file);
        if let Ok(mut map) = self.documents.lock() {
            let kept = doc.clone().map(|mut d| {
                d.body = String::new();
                d
            });
            map.insert(file.path.clone(), (key, kept));
        }
        doc
    }
}

/// What generating gave, besides the files handed to the sink.
pub struct Rendered {
    pub warnings: Diagnostics,
    pub sources: std::collections::BTreeMap<String, PathBuf>,
}

/// The pipeline's one entry point, from sources to files (parse, resolve, classify, relate,
/// plan, view, render): every output goes to `sink` as soon as it is ready. `build` sinks
/// into the staging folder, [`generate`] into memory; `serve` runs [`prepare`] and then
/// renders only the pages whose view changed.
pub fn pipeline(
    config: &SiteConfig,
    sources: &Sources,
    content: Content,
    options: ResolveOptions,
    sink: render::Sink,
    progress: Option<&progress::Progress>,
) -> Result<Rendered, Diagnostics> {
    let prepared = prepare(config, sources, content, options, progress)?;
    let ctx = prepared.context;
    let mut clock = StageClock::new(progress);
    let jobs = plan::page_jobs(&ctx.model);
    let (term_jobs, page_jobs): (Vec<_>, Vec<_>) = jobs.into_iter().partition(|j| {
        matches!(
            j,
            PageJob::List {
                list: model::ListKey::Term(_),
                ..
            } | PageJob::TermIndex { .. }
        )
    });
    let counted = |o| {
        progress.inspect(|p| p.step());
        sink(o)
    };
    clock.begin("render briefing and home pages", page_jobs.len());
    let mut sitemap = render::render_pages_to(&ctx, &page_jobs, &counted)?;
    clock.end(page_jobs.len());
    clock.begin("render term pages", term_jobs.len());
    sitemap.extend(render::render_pages_to(&ctx, &term_jobs, &counted)?);
    clock.end(term_jobs.len());
    clock.begin("render feeds and sitemap", 0);
    let mut files = render::render_site_files(&ctx, sitemap).map_err(Diagnostics::from)?;
    clock.end(0);
    clock.begin("build the search index", 0);
    let search = render::render_search_index(&ctx);
    clock.end(search.len());
    files.extend(search);
    let mut diags_out = Diagnostics::new();
    for f in files {
        if let Err(d) = sink(f) {
            diags_out.push(d);
        }
    }
    diags_out.into_result()?;
    Ok(Rendered {
        warnings: prepared.warnings,
        sources: prepared.sources,
    })
}

/// Everything a render needs, before any page is rendered.
pub struct Prepared {
    pub context: RenderContext,
    pub warnings: Diagnostics,
    pub sources: std::collections::BTreeMap<String, PathBuf>,
}

/// Sources -> a render context: parse, check messages, templates and registry, resolve,
/// classify, relate. Reports every error of every stage it reaches. `content` is the
/// briefing files (`sources.content` is not read).
pub fn prepare(
    config: &SiteConfig,
    sources: &Sources,
    content: Content,
    options: ResolveOptions,
    progress: Option<&progress::Progress>,
) -> Result<Prepared, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut clock = StageClock::new(progress);
    clock.begin("parse, resolve and render Markdown", 0);
    let markdown_cache = content.markdown_cache();
    let parsed = content.parse();
    let mut documents = Vec::with_capacity(parsed.len());
    for p in parsed {
        match p {
            Ok(d) => documents.push(d),
            Err(e) => diags.push(e),
        }
    }
    // Messages, templates and the registry are checked even when briefings failed, so one run
    // shows every broken file.
    let i18n = i18n::load_messages(config, &sources.messages)
        .map_err(|e| diags.extend(e))
        .ok();
    let registry = taxonomy::parse_registry(config, &sources.registries)
        .map_err(|e| diags.extend(e))
        .ok()
        .map(|(registry, warnings)| (Arc::new(registry), warnings));
    let templates = i18n.map(Arc::new).and_then(|i18n| {
        Templates::compile(&sources.templates, i18n)
            .map_err(|e| diags.extend(e))
            .ok()
    });
    let site = resolve::resolve_site(config, documents, options, markdown_cache)
        .map_err(|e| diags.extend(e))
        .ok();
    let (Some(templates), Some((registry, registry_warnings)), Some(site)) =
        (templates, registry, site)
    else {
        diags.sort();
        return Err(diags);
    };
    diags.extend(registry_warnings);
    if diags.has_errors() {
        diags.sort();
        return Err(diags);
    }
    clock.end(site.briefings.len());
    clock.begin("classify topics, actors and places", 0);
    let (taxonomies, tax_warnings) = taxonomy::build_taxonomies(config, &site, &registry)?;
    diags.extend(tax_warnings);
    clock.end(taxonomies.terms.len());
    clock.begin("relate briefings", 0);
    let related = related::related_briefings(&site, &taxonomies);
    clock.end(related.len());
    clock.begin("prepare the render context", 0);
    let model = Model::new(
        Arc::new(config.clone()),
        Arc::new(site),
        Arc::new(taxonomies),
        Arc::new(related),
    );
    plan::check_briefing_slugs(&model).into_result()?;
    plan::check_term_ids(&model).into_result()?;
    // Sorted in parallel first: a map built from sorted pairs is built in one pass, where
    // inserting 100,000 paths one by one was a serial n log n walk of string comparisons.
    let mut sources_of: Vec<(String, PathBuf)> = model
        .whole_site()
        .briefings
        .par_iter()
        .map(|b| {
            let path = plan::briefing_path(&b.lang, &b.slug);
            (urls::output_file(&path), b.source_path.clone())
        })
        .collect();
    sources_of.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let sources_of: std::collections::BTreeMap<String, PathBuf> = sources_of.into_iter().collect();
    let assets = render::Assets::from_static(&sources.static_files)?;
    let context = RenderContext::new(model, Arc::new(templates), assets)?;
    clock.end(0);
    diags.sort();
    Ok(Prepared {
        context,
        warnings: diags,
        sources: sources_of,
    })
}

/// Logs how long each stage took and the memory after it (`marsad -v`), so performance is
/// measured, not assumed, and tells the progress line which stage runs: a stage is named
/// once, when it begins.
struct StageClock<'p> {
    started: Instant,
    stage: &'static str,
    progress: Option<&'p progress::Progress>,
}

impl<'p> StageClock<'p> {
    fn new(progress: Option<&'p progress::Progress>) -> StageClock<'p> {
        StageClock {
            started: Instant::now(),
            stage: "",
            progress,
        }
    }

    /// Stage `stage` starts, `total` steps long (0: not counted).
    fn begin(&mut self, stage: &'static str, total: usize) {
        self.stage = stage;
        self.started = Instant::now();
        if let Some(p) = self.progress {
            p.start(stage, total);
        }
    }

    /// The stage begun last is over, having made `items` things.
    fn end(&self, items: usize) {
        // Whole milliseconds: `{:?}` rounds a second-long stage to a tenth, too coarse to
        // compare a stage's growth between sizes (benches/stages.py).
        log::info!(
            "{}: {items} items in {} ms{}",
            self.stage,
            self.started.elapsed().as_millis(),
            fs::resident_memory().map_or(String::new(), |m| format!(", {m} MiB resident"))
        );
    }
}
