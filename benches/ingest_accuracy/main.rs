//! Ingest accuracy on the labelled corpus: runs `marsad ingest --dry-run --json` over
//! `tests/fixtures/ingest/` and the seeds, scores the answers against `truth.json` and prints
//! per-field figures and every miss. Accuracy, not speed: nothing here is timed.
//!
//! `cargo bench --bench ingest_accuracy` prints the figures. `cargo test` runs it too (a
//! debug build) and prints nothing unless it fails: cargo passes `--bench` only to a bench
//! run. Exits non-zero only when ingest cannot be run or its report not read (then the
//! figures so far are printed); the targets are enforced by `tests/it/ingest_corpus.rs`.

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
        for (name, dir, expected) in [
            ("corpus", corpus.clone(), &truth.articles),
            ("seeds", repo.join("../shared/seeds"), &truth.seeds),
            ("held-out", corpus.join("holdout"), &truth.holdout),
        ] {
            let pairs = ingest_all(&repo, &dir, expected)?;
            let scores = score::score(&pairs);
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

/// Runs the binary once over every file of `expected` and pairs each truth with its report.
fn ingest_all(
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
