//! The editor's commands on the command line: `init`, `new` and `status`. Thin: each
//! `run()` calls the library module of the same name and prints what it returns.

use super::Ui;
use clap::Args;
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
