//! What the CLI prints: colour on a terminal only (and never with `NO_COLOR`), `--quiet`,
//! and the build's summary line, which stays as it was.

use crate::support::*;
use std::process::Command;

/// Runs marsad on a pseudo-terminal through util-linux `script`, which copies what the
/// terminal showed to its stdout.
fn on_terminal(site: &TestSite, args: &str, no_color: bool) -> String {
    let command = format!(
        "{} {args} --root {}",
        env!("CARGO_BIN_EXE_marsad"),
        site.root().display()
    );
    let mut script = Command::new("script");
    script.args(["-q", "-e", "-c", &command, "/dev/null"]);
    script.env_remove("NO_COLOR");
    if no_color {
        script.env("NO_COLOR", "1");
    }
    let out = script.output().expect("util-linux script runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The `mixed` fixture warns about its unregistered topic `Unlisted Topic`.
/// Its name is on line 4 (`topics: [Unlisted Topic]`): the warning names the line (issue 22).
const WARNING: &str = "content/en/year-only.md:4:1: warning: topics name `Unlisted Topic`";

#[test]
fn diagnostics_are_coloured_on_a_terminal_only_and_never_with_no_color() {
    let site = TestSite::bare("mixed");
    let coloured = on_terminal(&site, "build", false);
    assert!(
        coloured.contains(
            "\x1b[1mcontent/en/year-only.md:4:1\x1b[0m: \x1b[1;33mwarning\x1b[0m: topics name"
        ),
        "{coloured:?}"
    );
    let refused = on_terminal(&site, "build", true);
    assert!(!refused.contains('\x1b'), "{refused:?}");
    assert!(refused.contains(WARNING), "{refused:?}");

    let piped = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(["build", "--root"])
        .arg(site.root())
        .env_remove("NO_COLOR")
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&piped.stderr);
    assert!(!err.contains('\x1b'), "{err:?}");
    assert!(err.contains(WARNING), "{err}");
}

#[test]
fn quiet_keeps_warnings_and_drops_the_summary_which_otherwise_stays_as_it_was() {
    let site = TestSite::bare("mixed");
    let run = |quiet: bool| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_marsad"));
        if quiet {
            c.arg("--quiet");
        }
        c.args(["build", "--root"]).arg(site.root());
        c.output().expect("run")
    };
    let loud = run(false);
    assert!(loud.status.success());
    let summary = String::from_utf8_lossy(&loud.stderr);
    let line = summary
        .lines()
        .find(|l| l.starts_with("built "))
        .unwrap_or_else(|| panic!("no summary in {summary}"));
    assert!(
        regex::Regex::new(r"^built \d+ files into .+ in [0-9.]+m?s \(pages per language: en: \d+, fr: \d+, ar: \d+\)$")
            .expect("regex")
            .is_match(line),
        "{line}"
    );

    let quiet = run(true);
    assert!(quiet.status.success());
    let err = String::from_utf8_lossy(&quiet.stderr);
    assert!(err.contains(WARNING), "{err}");
    assert!(!err.contains("built "), "{err}");
    assert!(quiet.stdout.is_empty());

    let check = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(["-q", "check", "--root"])
        .arg(site.root())
        .output()
        .expect("run");
    assert!(check.status.success());
    assert_eq!(
        String::from_utf8_lossy(&check.stdout),
        "",
        "nothing broken, nothing said"
    );
}

#[test]
fn status_on_a_terminal_is_coloured_and_keeps_each_group_to_five_lines() {
    let site = TestSite::bare("mixed");
    // Four more English briefings with no translation: with year-only, five are missing in
    // French and five in Arabic, ten lines in all.
    for i in 1..=4 {
        site.write(
            &format!("content/en/solo-{i}.md"),
            "---\ntitle: Solo\ndate: 2020\n---\nText.\n",
        );
    }
    let shown = on_terminal(&site, "status", false);
    assert!(
        shown.contains("\x1b[1mMissing translations\x1b[0m \x1b[1;33m(10)\x1b[0m"),
        "{shown:?}"
    );
    assert!(
        shown.contains("… and 5 more (marsad status --json lists all)"),
        "{shown:?}"
    );
    let plain = on_terminal(&site, "status", true);
    assert!(!plain.contains('\x1b'), "{plain:?}");
    assert!(plain.contains("Missing translations (10)"), "{plain:?}");
}
