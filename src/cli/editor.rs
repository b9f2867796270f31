//! The editor's commands on the command line: `init`, `new` and `status`. Thin: each
//! `run()` calls the library module of the same name and prints what it returns.

use super::{SiteArgs, Ui};
use clap::Args;
use std::io::IsTerminal;
use std::path::PathBuf;
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
                if !ui.quiet {
                    println!("created a site in {}:", self.dir.display());
                    for path in &report.created {
                        println!("  {}", path.display());
                    }
                    println!(
                        "the templates, messages and stylesheet are built in; files you put under templates/ or static/ replace them one by one"
                    );
                    println!(
                        "next: marsad serve --root {} (or marsad build)",
                        self.dir.display()
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
    /// The site root.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

fn parse_date(text: &str) -> Result<marsad::dates::PartialDate, String> {
    marsad::dates::PartialDate::parse(text)
}

impl NewArgs {
    #[allow(clippy::print_stderr, clippy::print_stdout)]
    pub fn run(self, ui: Ui) -> ExitCode {
        let request = marsad::new::NewRequest {
            lang: self.lang,
            title: self.title,
            translation_of: self
                .translation_of
                .map(|p| marsad::new::site_relative(&self.root, &p)),
            date: self.date.unwrap_or_else(marsad::dates::PartialDate::today),
        };
        let written = marsad::load::load_site(&self.root, &Default::default()).and_then(
            |(config, sources)| {
                let briefing = marsad::new::plan_briefing(&config, &sources.content, &request)?;
                marsad::new::write_briefing(&self.root, &briefing)?;
                Ok(briefing)
            },
        );
        match written {
            Ok(briefing) => {
                // The path alone on stdout, so `$EDITOR "$(marsad new …)"` works.
                println!("{}", briefing.path.display());
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
        let links = marsad::resolve::ResolveOptions {
            include_drafts: self.site.drafts,
        };
        let report = marsad::load::load_site(&self.site.root, &Default::default())
            .and_then(|(config, sources)| marsad::status::status_report(&config, &sources, links));
        let report = match report {
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
            let short = std::io::stdout().is_terminal();
            print!("{}", marsad::status::format_text(&report, ui.out, short));
        }
        ExitCode::SUCCESS
    }
}
