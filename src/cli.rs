//! The command line: one `Args` struct per command, each with its own `run()`. Only this
//! module knows clap; it prints, the library does not.

mod editor;

use clap::{Args, Parser, Subcommand};
pub use editor::{InitArgs, NewArgs, StatusArgs, TranslatedArgs};
use marsad::paint::Paint;
use marsad::{BuildOptions, build};
use std::io::{IsTerminal, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `marsad --version`: the crate's version and the commit it was built from (build.rs asks
/// git; "unknown commit" for a build outside a checkout, such as a tarball).
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("MARSAD_COMMIT_DESC"),
    ")"
);

#[derive(Parser)]
#[command(
    name = "marsad",
    version = VERSION,
    about = "Build a multilingual, right-to-left-aware briefing portal"
)]
pub struct Cli {
    /// More logging: -v for progress, -vv for detail.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    /// Print only errors, warnings and what the command is for: no summary or progress lines.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Build the site into the output folder (replaced only if the build succeeds).
    Build(BuildArgs),
    /// Build in memory and report every internal link, asset or #fragment that points nowhere.
    Check(CheckArgs),
    /// Turn raw scraped articles into briefings under content/<lang>/, with a review report.
    Ingest(IngestArgs),
    /// Preview the site locally: rebuild on every edit and reload the browser.
    Serve(ServeArgs),
    /// Create a new site (site.toml, an empty registry, a sample briefing per language).
    Init(InitArgs),
    /// Write a new briefing with its front matter filled in.
    New(NewArgs),
    /// Report what needs an editor: missing translations, undated briefings, unknown names,
    /// terms used once, drafts, broken links.
    Status(StatusArgs),
    /// Record that a translation has caught up with its original (sets `translated_from:`
    /// to the original's version now, so `status` stops listing it).
    Translated(TranslatedArgs),
}

/// How to talk to the person at the terminal: quiet or not, colour per stream.
#[derive(Clone, Copy)]
pub struct Ui {
    pub quiet: bool,
    /// Draw a progress line: stderr is a terminal, and neither `--quiet` nor `-v` (whose log
    /// lines say the same) was given.
    pub progress: bool,
    /// For stdout.
    pub out: Paint,
    /// For stderr.
    pub err: Paint,
}

impl Ui {
    fn detect(quiet: bool, verbose: u8) -> Ui {
        let no_color = std::env::var_os("NO_COLOR");
        Ui {
            quiet,
            progress: !quiet && verbose == 0 && std::io::stderr().is_terminal(),
            out: Paint::for_stream(std::io::stdout().is_terminal(), no_color.as_deref()),
            err: Paint::for_stream(std::io::stderr().is_terminal(), no_color.as_deref()),
        }
    }

    /// A failure that is not a located diagnostic.
    fn error(&self, message: &str) -> String {
        format!("{}: {message}", self.err.red("error"))
    }
}

#[derive(Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Address to listen on. The default serves this machine only.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// First port to try (the next free one is used if it is busy; 0 lets the system choose).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Serve as if published at this base URL (its path is kept, so project sites preview
    /// under /repo/).
    #[arg(long)]
    pub base_url: Option<String>,
}

impl ServeArgs {
    #[allow(clippy::print_stderr)]
    pub fn run(self, ui: Ui) -> ExitCode {
        let root = match site_root(self.site.root.clone()) {
            Ok(root) => root,
            Err(diags) => {
                eprintln!("{}", ui.err.diagnostics(&diags));
                return ExitCode::FAILURE;
            }
        };
        let options = marsad::serve::ServeOptions {
            root,
            bind: self.bind,
            port: self.port,
            publishing: self.site.publishing(),
            base_url: self.base_url,
            open: self.open,
        };
        match marsad::serve::serve(options) {
            Ok(()) => ExitCode::SUCCESS,
            Err(diags) => {
                eprintln!("{}", ui.err.diagnostics(&diags));
                ExitCode::FAILURE
            }
        }
    }
}

#[derive(Args)]
pub struct IngestArgs {
    /// Raw article files (plain text: UTF-8, Windows-1256 or Latin-1).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The site root whose content/ receives the briefings [default: the current folder or
    /// the nearest one above it that has site.toml].
    #[arg(long)]
    pub root: Option<PathBuf>,
    /// The articles' language (en, fr, ar), instead of detecting it.
    #[arg(long)]
    pub lang: Option<String>,
    /// Show what would be written, write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Replace an existing briefing at the same path.
    #[arg(long)]
    pub force: bool,
    /// The encoding of files that are not UTF-8, when their bytes leave it unclear:
    /// windows-1256 (Arabic) or latin1 (French, English).
    #[arg(long, value_parser = parse_legacy)]
    pub encoding: Option<marsad::ingest::decode::Legacy>,
    /// Print the report as one JSON array (an object per input) instead of text: what
    /// benches/ingest_accuracy reads.
    #[arg(long)]
    pub json: bool,
}

fn parse_legacy(name: &str) -> Result<marsad::ingest::decode::Legacy, String> {
    marsad::ingest::decode::Legacy::parse(name)
        .ok_or_else(|| format!("`{name}` is not windows-1256 or latin1"))
}

/// Options shared by every command that reads a site.
#[derive(Args, Clone)]
pub struct SiteArgs {
    /// The site root: the folder holding site.toml, content/, templates/ and static/
    /// [default: the current folder or the nearest one above it that has site.toml].
    #[arg(long)]
    pub root: Option<PathBuf>,
    /// Publish drafts (`draft: true`) too.
    #[arg(long)]
    pub drafts: bool,
    /// Publish briefings whose `publish_date:` is still to come (as Hugo's --buildFuture).
    #[arg(long)]
    pub future: bool,
    /// Publish briefings whose `expiry_date:` has passed (as Hugo's --buildExpired).
    #[arg(long)]
    pub expired: bool,
}

impl SiteArgs {
    /// Which briefings the command publishes, as its flags ask (the day: today's).
    pub fn publishing(&self) -> marsad::resolve::ResolveOptions {
        marsad::resolve::ResolveOptions {
            include_drafts: self.drafts,
            include_future: self.future,
            include_expired: self.expired,
            today: None,
        }
    }
}

/// The site root a command works on: `--root` exactly as given, or, without it, the current
/// folder or the nearest one above it that has `site.toml` (as git and cargo look for
/// theirs), as a path from the current folder (`.`, `../..`).
pub fn site_root(given: Option<PathBuf>) -> Result<PathBuf, marsad::error::Diagnostics> {
    match given {
        Some(root) => Ok(root),
        None => Ok(marsad::load::find_site_root(Path::new("."))?),
    }
}

/// Where the person at the terminal stands, so the paths a command prints are relative to
/// their folder (issue 25): `content/fr/x.md` from the site root, `../fr/x.md` from
/// `content/en/`, `q2/content/fr/x.md` from the folder above a site `q2`.
pub struct Here {
    /// The current folder and the site root, both canonical; `None` if either cannot be
    /// worked out (then paths are shown as the root was given, joined).
    places: Option<(PathBuf, PathBuf)>,
    root: PathBuf,
}

impl Here {
    pub fn new(root: &Path) -> Here {
        let places = std::env::current_dir()
            .ok()
            .and_then(|cwd| Some((cwd.canonicalize().ok()?, root.canonicalize().ok()?)));
        Here {
            places,
            root: root.to_path_buf(),
        }
    }

    /// A path relative to the site root, as seen from the current folder.
    pub fn show(&self, site_relative: &Path) -> String {
        let shown = match &self.places {
            Some((cwd, root)) => relative_path(cwd, &root.join(site_relative)),
            None => self.root.join(site_relative),
        };
        let clean: PathBuf = shown
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect();
        if clean.as_os_str().is_empty() {
            ".".to_string()
        } else {
            clean.display().to_string()
        }
    }
}

/// `target` as reached from `base` (both absolute, without `.` or `..`): up to their common
/// folder, then down. A target that shares nothing with `base` but the file system's root is
/// shown absolute, which reads better than a ladder of `..`.
fn relative_path(base: &Path, target: &Path) -> PathBuf {
    let base: Vec<_> = base.components().collect();
    let target: Vec<_> = target.components().collect();
    let common = base.iter().zip(&target).take_while(|(a, b)| a == b).count();
    if common <= 1 && base.len() > 1 {
        return target.iter().collect();
    }
    let mut out = PathBuf::new();
    for _ in common..base.len() {
        out.push("..");
    }
    out.extend(&target[common..]);
    out
}

#[derive(Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site [default: <root>/public].
    #[arg(long, short = 'o')]
    pub output_dir: Option<PathBuf>,
    /// Override site.toml's base_url, e.g. https://user.github.io/repo/ for a project site.
    #[arg(long)]
    pub base_url: Option<String>,
}

#[derive(Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The folder `marsad build` wrote, to check [default: <root>/public].
    #[arg(long, short = 'o')]
    pub output_dir: Option<PathBuf>,
    /// The base URL the site was built for [default: the one the build noted in the folder,
    /// else site.toml's].
    #[arg(long)]
    pub base_url: Option<String>,
    /// Also fetch every external link (HEAD, then GET) and report the ones that fail.
    #[arg(long)]
    pub external: bool,
    /// Seconds to wait for each external link.
    #[arg(long, default_value_t = 10)]
    pub timeout: u64,
    /// Seconds the whole external check may take; links not fetched by then are listed.
    #[arg(long, default_value_t = 120)]
    pub total_timeout: u64,
    /// Requests to one host at a time.
    #[arg(long, default_value_t = 2)]
    pub per_host: usize,
}

impl Cli {
    pub fn run(self) -> ExitCode {
        let ui = Ui::detect(self.quiet, self.verbose);
        match self.command {
            Command::Build(args) => args.run(ui),
            Command::Check(args) => args.run(ui),
            Command::Ingest(args) => args.run(ui),
            Command::Serve(args) => args.run(ui),
            Command::Init(args) => args.run(ui),
            Command::New(args) => args.run(ui),
            Command::Status(args) => args.run(ui),
            Command::Translated(args) => args.run(ui),
        }
    }
}

impl CheckArgs {
    #[allow(clippy::print_stderr, clippy::print_stdout)]
    pub fn run(self, ui: Ui) -> ExitCode {
        // What was written, not a second build: the folder is what a deploy publishes.
        let root = match site_root(self.site.root.clone()) {
            Ok(r) => r,
            Err(diags) => {
                eprintln!("{}", ui.err.diagnostics(&diags));
                return ExitCode::FAILURE;
            }
        };
        let root = &root;
        let output = self.output_dir.unwrap_or_else(|| root.join("public"));
        let overrides = marsad::config::ConfigOverrides {
            base_url: self
                .base_url
                .or_else(|| marsad::write::built_base_url(&output)),
        };
        let loaded = marsad::load::load_site(root, &overrides).and_then(|(config, sources)| {
            let options = self.site.publishing();
            let pages = marsad::check::briefing_pages(&config, &sources, options);
            let written = marsad::check::Written::read(&output, pages)?;
            Ok((config, written))
        });
        let (config, written) = match loaded {
            Ok(x) => x,
            Err(diags) => {
                eprintln!("{}", ui.err.diagnostics(&diags));
                return ExitCode::FAILURE;
            }
        };
        let mut report = marsad::check::check_site(&written, &config.base_url);
        let mut fetched = marsad::check::ExternalReport::default();
        if self.external {
            let options = marsad::check::ExternalOptions {
                per_request: std::time::Duration::from_secs(self.timeout),
                total: std::time::Duration::from_secs(self.total_timeout),
                per_host: self.per_host,
                ..Default::default()
            };
            fetched = marsad::check::check_external(&report, &options);
            report.broken.append(&mut fetched.broken);
        }
        for problem in &report.broken {
            println!("{problem}");
        }
        if ui.quiet {
            return exit_code(report.broken.is_empty());
        }
        for (what, list) in [
            (
                "refused by their server (not counted as broken)",
                &fetched.refused,
            ),
            ("not checked (time limit)", &fetched.unchecked),
        ] {
            if !list.is_empty() {
                println!("external links {what}:");
                for problem in list {
                    println!("  {problem}");
                }
            }
        }
        if !report.external.is_empty() {
            let how = if self.external {
                "fetched"
            } else {
                "not fetched; --external fetches them"
            };
            println!("external links ({}, {how}):", report.external.len());
            for (url, at) in &report.external {
                let from = at
                    .source
                    .as_ref()
                    .map_or(at.page.clone(), |s| s.display().to_string());
                println!("  {url}  (from {from})");
            }
        }
        let broken = format!("{} broken", report.broken.len());
        println!(
            "checked {} pages, {} internal URLs, {} external URLs: {}",
            report.pages,
            report.internal,
            report.external.len(),
            if report.broken.is_empty() {
                ui.out.green(&broken)
            } else {
                ui.out.red(&broken)
            }
        );
        exit_code(report.broken.is_empty())
    }
}

fn exit_code(success: bool) -> ExitCode {
    if success {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

impl BuildArgs {
    #[allow(clippy::print_stderr)]
    pub fn run(self, ui: Ui) -> ExitCode {
        let progress = ui
            .progress
            .then(|| std::sync::Arc::new(marsad::progress::Progress::default()));
        let root = match site_root(self.site.root.clone()) {
            Ok(root) => root,
            Err(diags) => {
                eprintln!("{}", ui.err.diagnostics(&diags));
                return ExitCode::FAILURE;
            }
        };
        let options = BuildOptions {
            root,
            output_dir: self.output_dir,
            base_url: self.base_url,
            publishing: self.site.publishing(),
            progress: progress.clone(),
        };
        let output_dir = options.output_dir();
        let line = progress.map(ProgressLine::start);
        let result = build(&options);
        if let Some(line) = line {
            line.finish();
        }
        match result {
            Ok(report) => {
                for w in report.warnings.iter() {
                    eprintln!("{}", ui.err.diagnostic(w));
                }
                if ui.quiet {
                    return ExitCode::SUCCESS;
                }
                let per_lang: Vec<String> = report
                    .pages_per_language
                    .iter()
                    .map(|(l, n)| format!("{l}: {n}"))
                    .collect();
                eprintln!(
                    "built {} files into {} in {:.2?} (pages per language: {})",
                    report.files_written,
                    report.output_dir.display(),
                    report.elapsed,
                    per_lang.join(", ")
                );
                ExitCode::SUCCESS
            }
            Err(diags) => {
                eprintln!("{}", ui.err.diagnostics(&diags));
                eprintln!("{}", marsad::write::after_failure(&output_dir));
                ExitCode::FAILURE
            }
        }
    }
}

/// A line on stderr, redrawn five times a second with the build's stage and how far it is,
/// and erased when the build ends (its summary or errors print as usual).
struct ProgressLine {
    stop: std::sync::mpsc::Sender<()>,
    thread: std::thread::JoinHandle<()>,
}

impl ProgressLine {
    fn start(progress: std::sync::Arc<marsad::progress::Progress>) -> ProgressLine {
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            let started = std::time::Instant::now();
            // Redrawn over itself with `\r`, padded with spaces over a longer previous
            // line: no escape sequence, so NO_COLOR terminals and logs get plain text.
            let mut drawn: usize = 0;
            while stopped
                .recv_timeout(std::time::Duration::from_millis(200))
                .is_err_and(|e| e == std::sync::mpsc::RecvTimeoutError::Timeout)
            {
                let s = progress.snapshot();
                let count = if s.total > 0 {
                    format!(" {}/{} ({}%)", s.done, s.total, s.done * 100 / s.total)
                } else {
                    String::new()
                };
                let secs = started.elapsed().as_secs();
                let line = format!("{}{count}  [{secs} s]", s.stage);
                let width = line.chars().count();
                let mut err = std::io::stderr().lock();
                let _ = write!(
                    err,
                    "\r{line}{:pad$}",
                    "",
                    pad = drawn.saturating_sub(width)
                );
                let _ = err.flush();
                drawn = width;
            }
            if drawn > 0 {
                let _ = write!(std::io::stderr().lock(), "\r{:drawn$}\r", "");
            }
        });
        ProgressLine { stop, thread }
    }

    fn finish(self) {
        let _ = self.stop.send(());
        let _ = self.thread.join();
    }
}

impl IngestArgs {
    #[allow(clippy::print_stderr, clippy::print_stdout)]
    pub fn run(self, ui: Ui) -> ExitCode {
        use marsad::ingest::{Existing, IngestOptions, Status, plan, write_plan};
        let setup = site_root(self.root.clone()).and_then(|root| {
            let (config, sources) = marsad::load::load_site(&root, &Default::default())?;
            let (registry, _) = marsad::taxonomy::parse_registry(&config, &sources.registries)?;
            Ok((root, config, sources, registry))
        });
        let (root, config, sources, registry) = match setup {
            Ok(x) => x,
            Err(diags) => {
                eprintln!("{diags}");
                return ExitCode::FAILURE;
            }
        };
        let here = Here::new(&root);
        let mut existing = Existing::scan(&sources.content);
        let options = IngestOptions {
            lang: self.lang.clone(),
            force: self.force,
            encoding: self.encoding,
        };
        let mut failed = 0;
        let mut reports = Vec::new();
        // Every input is read first: lines that repeat across them are site chrome.
        let inputs: Vec<Result<Vec<u8>, String>> =
            self.files.iter().map(|f| read_article(f)).collect();
        existing.note_inputs(inputs.iter().filter_map(|r| r.as_deref().ok()));
        for (file, input) in self.files.iter().zip(inputs) {
            let result =
                input.and_then(|bytes| plan(&bytes, &config, &registry, &mut existing, &options));
            let p = match result {
                Ok(p) => p,
                Err(msg) => {
                    eprintln!("{}: error: {msg}", file.display());
                    reports.push(serde_json::json!({ "file": file, "error": msg }));
                    failed += 1;
                    continue;
                }
            };
            // One write, whatever the report looks like: not on a dry run, not when the same
            // article is already in content/.
            let already = matches!(p.status, Status::AlreadyIngested(_));
            if !self.dry_run
                && !already
                && let Err(msg) = write_plan(&root, &p)
            {
                eprintln!(
                    "{}: error: cannot write {}: {msg}",
                    file.display(),
                    here.show(&p.path)
                );
                failed += 1;
                if !self.json {
                    continue;
                }
            }
            if self.json {
                reports.push(json_report(file, &p));
                continue;
            }
            if let Status::AlreadyIngested(at) = &p.status {
                println!(
                    "{}: already ingested as {}; skipped",
                    file.display(),
                    here.show(at)
                );
                continue;
            }
            let verb = match (self.dry_run, &p.status) {
                (true, _) => "would write",
                (false, Status::Replace) => "replaced",
                _ => "wrote",
            };
            // With --quiet, only the line that says what was written.
            println!("{}: {verb} {}", file.display(), here.show(&p.path));
            if ui.quiet {
                continue;
            }
            println!("  language {}, read as {}", p.lang, p.encoding);
            println!("  title: {}", p.title);
            println!(
                "  date: {}",
                p.date.map_or("none in the text".to_string(), |d| d.iso())
            );
            if let Some(s) = &p.source {
                match &s.id {
                    Some(id) => println!(
                        "  source: {} (registry: {id}; written {})",
                        s.name, s.written
                    ),
                    None => println!("  source: {} (not in the sources registry)", s.name),
                }
            }
            println!("  topics: {}", p.topics.join(", "));
            println!("  actors: {}", p.actors.join(", "));
            println!("  places: {}", p.places.join(", "));
            if !p.review.is_empty() {
                println!("  review: {} (marked in front matter)", p.review.join(", "));
            }
            for (name, id) in &p.suggestions {
                println!(
                    "  not in the registry: {name} (closest actor: {id}; add it as an alias if it is the same person)"
                );
            }
            if !p.candidates.is_empty() {
                println!("  names not in the registry: {}", p.candidates.join("; "));
            }
            for r in &p.removed {
                println!("  removed: {r}");
            }
            if self.dry_run {
                println!("{}", p.text);
            }
        }
        if self.json {
            println!("{}", serde_json::Value::Array(reports));
        }
        if failed > 0 {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// One input's plan as JSON: every field `ingest` works out, the body as plain paragraphs.
fn json_report(file: &std::path::Path, p: &marsad::ingest::Plan) -> serde_json::Value {
    use marsad::ingest::Status;
    let status = match &p.status {
        Status::New => "new".to_string(),
        Status::Replace => "replace".to_string(),
        Status::AlreadyIngested(at) => format!("already ingested as {}", at.display()),
    };
    serde_json::json!({
        "file": file,
        "path": p.path,
        "status": status,
        "encoding": p.encoding,
        "lang": p.lang,
        "title": p.title,
        "review": p.review,
        "date": p.date.map(|d| d.iso()),
        "source": p.source.as_ref().map(|s| &s.name),
        "source_written": p.source.as_ref().map(|s| &s.written),
        "source_id": p.source.as_ref().and_then(|s| s.id.as_ref()),
        "source_url": p.source.as_ref().and_then(|s| s.url.as_ref()),
        "topics": p.topics,
        "actors": p.actors,
        "places": p.places,
        "candidates": p.candidates,
        "suggestions": p.suggestions.iter().map(|(name, id)| serde_json::json!({ "name": name, "closest": id })).collect::<Vec<_>>(),
        "removed": p.removed,
        "body": p.body,
    })
}

/// An article file's bytes, read only if it is a regular file and up to one byte past the
/// size limit: a FIFO or a device is refused by name, and a 1 GiB file (or `/dev/zero`) is
/// not read whole before being refused.
fn read_article(file: &std::path::Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let limit = marsad::ingest::decode::MAX_BYTES;
    let meta = std::fs::metadata(file).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a folder"
        } else {
            "not a regular file (a pipe, a socket or a device)"
        };
        return Err(format!(
            "is {what}; ingest reads saved article files (.txt, .html)"
        ));
    }
    let f = std::fs::File::open(file).map_err(|e| format!("cannot read: {e}"))?;
    let mut bytes = Vec::new();
    f.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() > limit {
        return Err(format!(
            "the file is larger than {} MiB; an article is expected to be under {} MiB of text",
            limit / (1024 * 1024),
            limit / (1024 * 1024)
        ));
    }
    Ok(bytes)
}
