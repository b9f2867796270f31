//! One integration binary: each module builds fixture sites through the library and checks
//! the output HTML by structure (CSS selectors), never by golden copies.

mod support;

mod build_safety;
mod cli;
mod errors;
mod fuzz;
mod ingest;
mod init;
mod new;
mod pages;
mod publishing;
mod serve;
mod status;
mod taxonomies;
mod terminal;
mod theme;
