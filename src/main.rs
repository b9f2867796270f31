//! The `marsad` binary: parse the command line, run, map the result to an exit code.

mod cli;

use clap::Parser;
use std::process::ExitCode;

/// jemalloc: its per-thread caches keep the render threads from waiting on each other in the
/// allocator (the figures are in Cargo.toml). Not on Windows with MSVC, which jemalloc does
/// not build for: the release binary for Windows uses the system allocator.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let level = match cli.verbose {
        _ if cli.quiet => log::LevelFilter::Error,
        0 => log::LevelFilter::Warn,
        1 => log::LevelFilter::Info,
        _ => log::LevelFilter::Debug,
    };
    env_logger::Builder::new()
        .filter_level(level)
        .format_timestamp(None)
        .init();
    cli.run()
}
