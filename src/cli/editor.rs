//! The editor's commands on the command line: `init`, `new`, `status` and `translated`. Thin: each
//! `run()` calls the library module of the same name and prints what it returns.

use super::{Here, SiteArgs, Ui, site_root};
use clap::Args;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct InitArgs {
    /// The folder to create the site in (made if missing; refused if it already has
    /// site.toml or content/).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

impl InitArgs {
    #[allow(clippy::print_stderr, clippy::print_stdout)]
    pub fn run(self, ui: Ui) -> ExitCode {
        let today = marsad::dates::PartialDate::today();
        match marsad::init::init_site(&self.dir, today) {
            Ok(report) => {
                // Where the site went, even with --quiet: the one line that says what was made.
                let here = Here::new(&self.dir);
                let site = here.show(Path::new(""));
                if ui.quiet {
                    println!("created a site in {site}");
                    return ExitCode::SUCCESS;
                }
                println!("created a site in {site}:");
                // Each file under the site's folder, as the line above names it.
                for path in &report.created {
                    println!("  {}", path.display());
                }
                println!(
                    "the templates, messages and stylesheet are built in; files you put under templates/ or static/ replace them one by one"
                );
                let cd = if site == "." {
                    String::new()
                } else {
                    format!("cd {} && ", shell_word(&site))
                };
                println!("next: {cd}marsad serve (or marsad build)");
                ExitCode::SUCCESS
            }
            Err(diags) => {
                eprintln!("{}", ui.err.diagnostics(&diags));
                ExitCode::FAILURE
            }
        }
    }
}

/// A path as one shell word: quoted when it holds anything a shell would split or expand.
fn shell_word(text: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "-_./+,:@%".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[derive(Args)]
pub struct NewArgs {
    /// The briefing's title; its file name (and URL) is made from it, in its own script.
    pub title: String,
    /// The briefing's language (one of site.toml's).
    #[arg(long)]
    pub lang: String,
    /// An existing briefing this one translates (e.g. content/en/x.md): linked to it, with
    /// its date, topics, actors and places copied.
    #[arg(long)]
    pub translation_of: Option<PathBuf>,
    /// The date [default: today, in UTC].
    #[arg(long, value_parser = parse_date, conflicts_with = "translation_of")]
    pub date: Option<marsad::dates::PartialDate>,
    /// The site root [default: the current folder or the nearest one above it that has
    /// site.toml].
    #[arg(long)]
    pub root: Option<PathBuf>,
}

fn parse_date(text: &str) -> Result<marsad::dates::PartialDate, String> {
    marsad::dates::PartialDate::parse(text)
}

impl NewArgs {
    #[allow(clippy::print_stderr, clippy::print_stdout)]
    pub fn run(self, ui: Ui) -> ExitCode {
        let written = site_root(self.root).and_then(|root| {
            let request = marsad::new::NewRequest {
                lang: self.lang,
                title: self.title,
                translation_of: self
                    .translation_of
                    .map(|p| marsad::new::site_relative(&root, &p)),
                date: self.date.unwrap_or_else(marsad::dates::PartialDate::today),
            };
            let (config, sources) = marsad::load::load_site(&root, &Default::default())?;
            let briefing = marsad::new::plan_briefing(&config, &sources.content, &request)?;
            marsad::new::write_briefing(&root, &briefing)?;
            Ok((root, briefing))
        });
        match written {
            Ok((root, briefing)) => {
                // The path alone on stdout (from where the editor stands), so
                // `$EDITOR "$(marsad new …)"` works; the originals that got a
                // translation_key are named on stderr.
                let here = Here::new(&root);
                println!("{}", here.show(&briefing.path));
                if !ui.quiet {
                    for edit in &briefing.keyed {
                        eprintln!(
                            "added `translation_key: {}` to {}",
                            edit.key,
                            here.show(&edit.path)
                        );
                    }
                }
                ExitCode::SUCCESS
            }
            Err(diags) => {
                eprintln!("{}", ui.err.diagnostics(&diags));
                ExitCode::FAILURE
            }
        }
    }
}

#[derive(Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The report as JSON, for scripts.
    #[arg(long)]
    pub json: bool,
}

impl StatusArgs {
    #[allow(clippy::print_stderr, clippy::print_stdout)]
    pub fn run(self, ui: Ui) -> ExitCode {
        let links = self.site.publishing();
        let report = site_root(self.site.root.clone()).and_then(|root| {
            let (config, sources) = marsad::load::load_site(&root, &Default::default())?;
            let report = marsad::status::status_report(&root, &config, &sources, links)?;
            Ok((root, report))
        });
        let (root, report) = match report {
            Ok(r) => r,
            Err(diags) => {
                eprintln!("{}", ui.err.diagnostics(&diags));
                return ExitCode::FAILURE;
            }
        };
        if self.json {
            match serde_json::to_string_pretty(&report) {
                Ok(json) => println!("{json}"),
                Err(e) => {
                    eprintln!("{}", ui.error(&e.to_string()));
                    return ExitCode::FAILURE;
                }
            }
        } else {
            // The text names files from where the editor stands; --json keeps them relative
            // to the site root, the same wherever a script runs it.
            let here = Here::new(&root);
            let report = report.with_paths(|p| here.show(Path::new(p)));
            let short = std::io::stdout().is_terminal();
            print!("{}", marsad::status::format_text(&report, ui.out, short));
        }
        ExitCode::SUCCESS
    }
}

#[derive(Args)]
pub struct TranslatedArgs {
    /// The translation (e.g. content/fr/x.md), from where you stand or from the site root.
    pub file: PathBuf,
    /// The site root [default: the current folder or the nearest one above it that has
    /// site.toml].
    #[arg(long)]
    pub root: Option<PathBuf>,
}

impl TranslatedArgs {
    #[allow(clippy::print_stderr, clippy::print_stdout)]
    pub fn run(self, ui: Ui) -> ExitCode {
        let done = site_root(self.root).and_then(|root| {
            let (config, sources) = marsad::load::load_site(&root, &Default::default())?;
            let path = marsad::new::site_relative(&root, &self.file);
            let caught = marsad::outdated::catch_up(&config, &sources.content, &path)?;
            marsad::fs::replace_file(&root.join(&caught.path), caught.text.as_bytes())?;
            Ok((root, caught))
        });
        match done {
            Ok((root, caught)) => {
                if !ui.quiet {
                    let here = Here::new(&root);
                    eprintln!(
                        "{} now translates {} as it is (version {})",
                        here.show(&caught.path),
                        here.show(&caught.original),
                        caught.version
                    );
                }
                ExitCode::SUCCESS
            }
            Err(diags) => {
                eprintln!("{}", ui.err.diagnostics(&diags));
                ExitCode::FAILURE
            }
        }
    }
}
