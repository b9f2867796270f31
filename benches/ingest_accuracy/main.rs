//! Ingest accuracy on the labelled corpus: runs `marsad ingest --dry-run --json` over
//! `tests/fixtures/ingest/` and the seeds, scores the answers against `truth.json` and prints
//! per-field figures and every miss. Accuracy, not speed: nothing here is timed.
//!
//! Fresh corpora (`tests/fixtures/ingest/unseen*/`, each with its own `truth.json` holding
//! `articles`, written by someone who has not read src/ingest) are scored too, but only in a
//! bench run and only their figures are printed: their misses stay unread, so no rule is ever
//! tuned on them. Their files are passed as they are (a saved `.html` page too).
//! `MARSAD_SKIP_FRESH=1` leaves them out while rules are being worked on.
//!
//! `cargo bench --bench ingest_accuracy` prints the figures (`cargo test --bench
//! ingest_accuracy -- --bench` for a debug build). `cargo test` runs it too and prints nothing
//! unless it fails: cargo passes `--bench` only to a bench run. Exits non-zero only when
//! ingest cannot be run or its report not read (then the figures so far are printed); the
//! targets are enforced by `tests/it/ingest_corpus.rs`.

mod score;

use score::{Expected, Observed, Truth};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

#[allow(clippy::print_stdout, clippy::print_stderr)]
fn main() -> ExitCode {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let corpus = repo.join("tests/fixtures/ingest");
    let bench = std::env::args().any(|a| a == "--bench");
    let mut report = String::new();
    let mut run = || -> Result<(), String> {
        // Figures go into `report`, printed by a bench run or on failure.
        let truth: Truth = serde_json::from_str(
            &std::fs::read_to_string(corpus.join("truth.json")).map_err(|e| e.to_string())?,
        )
        .map_err(|e| format!("truth.json: {e}"))?;
        let registry = load_registry(&repo)?;
        let resolve = |name: &str| {
            registry
                .lookup(marsad::taxonomy::TaxonomyKind::Sources, name)
                .map(str::to_string)
        };
        for (name, dir, expected) in [
            ("corpus", corpus.clone(), &truth.articles),
            ("seeds", repo.join("../shared/seeds"), &truth.seeds),
            ("held-out", corpus.join("holdout"), &truth.holdout),
        ] {
            let pairs = ingest_all(&repo, &dir, expected)?;
            let scores = score::score_with(&pairs, &resolve);
            let _ = writeln!(
                report,
                "== {name}: marsad ingest --dry-run --json ({})",
                dir.display()
            );
            let _ = writeln!(report, "{scores}");
            for m in &scores.misses {
                let _ = writeln!(report, "  miss: {m}");
            }
            for m in scores.missed_targets() {
                let _ = writeln!(report, "  target missed: {m}");
            }
        }
        // Only a bench run measures a fresh corpus, and MARSAD_SKIP_FRESH=1 while working on
        // the rules: it is measured once, when the work is done, not watched while under way.
        let fresh = if !bench || std::env::var_os("MARSAD_SKIP_FRESH").is_some() {
            Vec::new()
        } else {
            fresh_corpora(&corpus)?
        };
        for dir in fresh {
            let truth: Truth = serde_json::from_str(
                &std::fs::read_to_string(dir.join("truth.json")).map_err(|e| e.to_string())?,
            )
            .map_err(|e| format!("{}: truth.json: {e}", dir.display()))?;
            let pairs = ingest_all(&repo, &dir, &truth.articles)?;
            let scores = score::score_with(&pairs, &resolve);
            let _ = writeln!(
                report,
                "== fresh corpus {}: figures only, misses not shown ({} articles)",
                dir.display(),
                truth.articles.len()
            );
            let _ = writeln!(report, "{scores}");
        }
        let pairs: score::NamePairs = serde_json::from_str(
            &std::fs::read_to_string(corpus.join("name_pairs.json")).map_err(|e| e.to_string())?,
        )
        .map_err(|e| format!("name_pairs.json: {e}"))?;
        let s = score::score_pairs(&pairs);
        let _ = writeln!(
            report,
            "== transliteration variants (names::name_likeness on name_pairs.json)"
        );
        let _ = writeln!(report, "{s}");
        for f in &s.false_tags {
            let _ = writeln!(report, "  false tag: {f}");
        }
        for u in &s.untagged {
            let _ = writeln!(report, "  not tagged: {u}");
        }
        Ok(())
    };
    let result = run();
    if bench || result.is_err() {
        print!("{report}");
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The bundled portal's registry, which the scorer reads to tell two spellings of one outlet.
fn load_registry(repo: &Path) -> Result<marsad::taxonomy::Registry, String> {
    let (config, sources) =
        marsad::load::load_site(repo, &Default::default()).map_err(|d| d.to_string())?;
    marsad::taxonomy::parse_registry(&config, &sources.registries)
        .map(|(r, _)| r)
        .map_err(|d| d.to_string())
}

/// The fresh corpora: `unseen*` folders beside the corpus that hold a `truth.json`.
fn fresh_corpora(corpus: &Path) -> Result<Vec<PathBuf>, String> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(corpus)
        .map_err(|e| format!("{}: {e}", corpus.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("unseen"))
                && p.join("truth.json").is_file()
        })
        .collect();
    dirs.sort();
    Ok(dirs)
}

/// Runs the binary over every file of `expected` and pairs each truth with its report: once
/// for all of them, or file by file when a run prints no report (a crash on one input then
/// costs that input alone, counted as refused).
fn ingest_all(
    repo: &Path,
    dir: &Path,
    expected: &[Expected],
) -> Result<Vec<(Expected, Option<Observed>)>, String> {
    match ingest_together(repo, dir, expected) {
        Ok(pairs) => Ok(pairs),
        Err(_) if expected.len() > 1 => expected
            .iter()
            .map(|e| {
                ingest_together(repo, dir, std::slice::from_ref(e))
                    .map(|mut p| p.remove(0))
                    .or_else(|_| Ok((e.clone(), None)))
            })
            .collect(),
        Err(e) => Err(e),
    }
}

/// Runs the binary once over every file of `expected` and pairs each truth with its report.
fn ingest_together(
    repo: &Path,
    dir: &Path,
    expected: &[Expected],
) -> Result<Vec<(Expected, Option<Observed>)>, String> {
    let files: Vec<PathBuf> = expected.iter().map(|e| dir.join(&e.file)).collect();
    let out = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(["ingest", "--dry-run", "--json", "--force", "--root"])
        .arg(repo)
        .args(&files)
        .output()
        .map_err(|e| format!("cannot run marsad: {e}"))?;
    let reports: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).map_err(|e| {
        format!(
            "marsad ingest --json printed no JSON array ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })?;
    if reports.len() != files.len() {
        return Err(format!(
            "{} reports for {} files",
            reports.len(),
            files.len()
        ));
    }
    reports
        .into_iter()
        .zip(expected)
        .map(|(report, want)| {
            let got = if report.get("error").is_some() {
                None
            } else {
                Some(
                    serde_json::from_value::<Observed>(report)
                        .map_err(|e| format!("{}: report: {e}", want.file))?,
                )
            };
            Ok((want.clone(), got))
        })
        .collect()
}
