//! One integration binary: each module builds fixture sites through the library and checks
//! the output HTML by structure (CSS selectors), never by golden copies.

mod support;

/// The accuracy scoring shared with benches/ingest_accuracy, so both count the same way.
#[path = "../../benches/ingest_accuracy/score.rs"]
mod score;

mod archive;
mod asset_hashes;
mod build_safety;
mod cli;
mod desk;
mod errors;
mod fuzz;
mod hostile;
mod ingest;
mod ingest_corpus;
mod ingest_input;
mod init;
mod layers;
mod metadata;
mod new;
mod pages;
mod publishing;
mod related;
mod search;
mod serve;
mod serve_model;
mod sources;
mod status;
mod taxonomies;
mod terminal;
mod theme;
mod timeline;
