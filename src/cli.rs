//! The command line: one `Args` struct per command, each with its own `run()`. Only this
//! module knows clap; it prints, the library does not.

use clap::{Args, Parser, Subcommand};
use marsad::{BuildOptions, build};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "marsad",
    version,
    about = "Build a multilingual, right-to-left-aware briefing portal"
)]
pub struct Cli {
    /// More logging: -v for progress, -vv for detail.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Build the site into the output folder (replaced only if the build succeeds).
    Build(BuildArgs),
}

/// Options shared by every command that reads a site.
#[derive(Args, Clone)]
pub struct SiteArgs {
    /// The site root: the folder holding site.toml, content/, templates/ and static/.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Publish drafts (`draft: true`) too.
    #[arg(long)]
    pub drafts: bool,
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

impl Cli {
    pub fn run(self) -> ExitCode {
        match self.command {
            Command::Build(args) => args.run(),
        }
    }
}

impl BuildArgs {
    #[allow(clippy::print_stderr)]
    pub fn run(self) -> ExitCode {
        let options = BuildOptions {
            root: self.site.root,
            output_dir: self.output_dir,
            base_url: self.base_url,
            include_drafts: self.site.drafts,
        };
        match build(&options) {
            Ok(report) => {
                for w in report.warnings.iter() {
                    eprintln!("{w}");
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
                eprintln!("{diags}");
                eprintln!("build failed; the previous output (if any) is unchanged");
                ExitCode::FAILURE
            }
        }
    }
}
