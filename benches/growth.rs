//! Cost bounded by input size (issue 22): for each shape of hostile input, the time per byte
//! at 32 times the size must stay near the time per byte at the base size. A quadratic path
//! shows as a ratio near 32; a linear one near 1 (up to 2 or 3 when the larger input no longer
//! fits the processor's caches). The check fails past
//! [`MAX_PER_BYTE_RATIO`], far enough from both that a loaded machine does not flake it.
//!
//! Runs in CI with the tests (`cargo test --bench growth`, a debug build, about a minute),
//! silent unless a case fails (then every figure is printed), and on its own with figures
//! (`cargo bench --bench growth`: cargo passes `--bench` only then). Inputs are generated here, not
//! read from fixtures: each generator makes the worst it can of one shape at a given size.

use marsad::config::{ConfigOverrides, SiteConfig};
use marsad::load::{SourceFile, TextFile};
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// The binary's allocator, so the figures are the binary's.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Time per byte at 32x the base size, over time per byte at the base size.
const MAX_PER_BYTE_RATIO: f64 = 8.0;
/// The base size of each input, in bytes.
const BASE: usize = 24 * 1024;
const GROWTH: usize = 32;

struct Case {
    name: &'static str,
    /// Makes an input of about `n` bytes.
    make: fn(usize) -> String,
    /// Runs the stage on it (errors are fine: refusing quickly is the point).
    run: fn(&Context, &str),
}

struct Context {
    config: SiteConfig,
    urls: marsad::urls::Urls,
}

fn front(text: &str) -> String {
    format!("---\ntitle: T\n{text}\n---\nBody.\n")
}

fn parse(_: &Context, text: &str) {
    let f = SourceFile::new("content/en/x.md".into(), "en/x.md".into(), text.into());
    let _ = black_box(marsad::front_matter::parse_document(&f));
}

fn markdown(cx: &Context, text: &str) {
    black_box(marsad::markdown::render_markdown(text, &cx.urls));
}

fn registry(cx: &Context, text: &str) {
    let file = TextFile {
        path: "content/_registry/actors.yaml".into(),
        name: "_registry/actors.yaml".into(),
        text: text.into(),
    };
    let _ = black_box(marsad::taxonomy::parse_registry(&cx.config, &[file]));
}

fn config(_: &Context, text: &str) {
    let _ = black_box(marsad::config::parse_config(
        text,
        Path::new("site.toml"),
        &ConfigOverrides::default(),
    ));
}

fn ingest(cx: &Context, text: &str) {
    let (registry, _) = marsad::taxonomy::parse_registry(&cx.config, &[]).expect("empty registry");
    let mut existing = marsad::ingest::Existing::scan(&[]);
    let _ = black_box(marsad::ingest::plan(
        text.as_bytes(),
        &cx.config,
        &registry,
        &mut existing,
        &Default::default(),
    ));
}

fn repeat_to(unit: &str, n: usize) -> String {
    unit.repeat((n / unit.len()).max(1))
}

const CASES: &[Case] = &[
    Case {
        name: "front matter: flow nesting [[[…",
        make: |n| {
            front(&format!(
                "topics: {}{}",
                "[".repeat(n / 2),
                "]".repeat(n / 2)
            ))
        },
        run: parse,
    },
    Case {
        name: "front matter: block nesting - - - …",
        make: |n| front(&format!("topics:\n  {}x", "- ".repeat(n / 2))),
        run: parse,
    },
    Case {
        name: "front matter: a quote never closed",
        make: |n| front(&format!("title: \"{}", repeat_to("word ", n))),
        run: parse,
    },
    Case {
        name: "front matter: a long list",
        make: |n| front(&format!("topics: [{}x]", repeat_to("Sahel security, ", n))),
        run: parse,
    },
    Case {
        name: "front matter: anchors and aliases",
        make: |n| {
            let mut s = String::from("topics: [&a x");
            for i in 0..n / 8 {
                s.push_str(if i % 2 == 0 { ", *a" } else { ", y" });
            }
            front(&(s + "]"))
        },
        run: parse,
    },
    Case {
        name: "Markdown: nested brackets",
        make: |n| format!("{}x{}", "[".repeat(n / 2), "]".repeat(n / 2)),
        run: markdown,
    },
    Case {
        name: "Markdown: emphasis runs",
        make: |n| repeat_to("*a **b _c __d ", n),
        run: markdown,
    },
    Case {
        name: "Markdown: deep block quotes",
        make: |n| format!("{}x\n", "> ".repeat(n / 2)),
        run: markdown,
    },
    Case {
        name: "Markdown: link reference definitions",
        make: |n| {
            let mut s = String::new();
            let mut i = 0;
            while s.len() < n {
                s.push_str(&format!("[r{i}]: /en/x/{i}/ \"t\"\n[r{i}]\n"));
                i += 1;
            }
            s
        },
        run: markdown,
    },
    Case {
        name: "Markdown: a wide table",
        make: |n| {
            let cols = 64;
            let mut s = format!("{}|\n{}|\n", "| h ".repeat(cols), "|---".repeat(cols));
            while s.len() < n {
                s.push_str(&format!("{}|\n", "| x ".repeat(cols)));
            }
            s
        },
        run: markdown,
    },
    Case {
        name: "registry: many entries",
        make: |n| {
            let mut s = String::new();
            let mut i = 0;
            while s.len() < n {
                s.push_str(&format!(
                    "- id: person-{i}\n  names: {{ en: Person {i}, fr: Personne {i}, ar: شخص {i} }}\n  aliases: [P {i}]\n"
                ));
                i += 1;
            }
            s
        },
        run: registry,
    },
    Case {
        name: "site.toml: nested arrays",
        make: |n| format!("x = {}{}\n", "[".repeat(n / 2), "]".repeat(n / 2)),
        run: config,
    },
    Case {
        name: "ingest: a long article",
        make: |n| {
            let mut s = String::from("Morocco and Spain step up cooperation\n\n");
            s.push_str(&repeat_to(
                "Rabat, 12 March 2024 - The two ministers reviewed joint operations against terrorist cells in the Sahel, MAP reported.\n\n",
                n,
            ));
            s
        },
        run: ingest,
    },
    Case {
        name: "ingest: one endless line",
        make: |n| repeat_to("Sahel Rabat Madrid MAP 12/03/2024 ", n),
        run: ingest,
    },
];

/// The fastest of a few runs, which is the least disturbed by the rest of the machine.
fn time(cx: &Context, case: &Case, text: &str) -> Duration {
    (0..5)
        .map(|_| {
            let t = Instant::now();
            (case.run)(cx, text);
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

#[allow(clippy::print_stdout, clippy::print_stderr)]
fn main() -> ExitCode {
    let site = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = match marsad::load::load_config(site, &ConfigOverrides::default()) {
        Ok(c) => c,
        Err(d) => {
            eprintln!("{d}");
            return ExitCode::FAILURE;
        }
    };
    let cx = Context {
        urls: marsad::urls::Urls::new(&config.base_url),
        config,
    };
    let only: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    // Figures are printed by `cargo bench`, or when a case fails; `cargo test` passes quietly.
    let bench = std::env::args().any(|a| a == "--bench");
    let mut report = String::new();
    let mut failed = Vec::new();
    let _ = writeln!(
        report,
        "time per byte at {GROWTH}x the size / at {} KiB (fails past {MAX_PER_BYTE_RATIO})",
        BASE / 1024
    );
    for case in CASES {
        if only.as_deref().is_some_and(|o| !case.name.contains(o)) {
            continue;
        }
        let small = (case.make)(BASE);
        let large = (case.make)(BASE * GROWTH);
        let (ts, tl) = (time(&cx, case, &small), time(&cx, case, &large));
        let per = |t: Duration, n: usize| t.as_secs_f64() / n as f64;
        // Below a few microseconds the timer is the measurement: count such a case as flat.
        let ratio = if tl < Duration::from_micros(200) {
            1.0
        } else {
            per(tl, large.len()) / per(ts.max(Duration::from_nanos(1)), small.len())
        };
        let _ = writeln!(
            report,
            "{ratio:6.2}  {:>10.2?} for {:>4} KiB, {:>10.2?} for {:>5} KiB  {}",
            ts,
            small.len() / 1024,
            tl,
            large.len() / 1024,
            case.name
        );
        if ratio > MAX_PER_BYTE_RATIO {
            failed.push(case.name);
        }
    }
    let big = "registry of 100,000 entries";
    if !cfg!(debug_assertions) && only.as_deref().is_none_or(|o| big.contains(o)) {
        // Issue 22's figure: a 100,000-entry registry loads in under a second.
        let mut text = String::new();
        for i in 0..100_000 {
            text.push_str(&format!(
                "- id: person-{i}\n  names: {{ en: Person {i}, fr: Personne {i}, ar: شخص {i} }}\n  aliases: [P {i}]\n"
            ));
        }
        let t = Instant::now();
        registry(&cx, &text);
        let _ = writeln!(
            report,
            "{big} ({} MiB): loaded in {:.2?}",
            text.len() >> 20,
            t.elapsed()
        );
    }
    if bench || !failed.is_empty() {
        print!("{report}");
    }
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "cost grows faster than the input for: {}",
            failed.join("; ")
        );
        ExitCode::FAILURE
    }
}
