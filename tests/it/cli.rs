//! The `marsad` binary: exit codes and where messages go.

use crate::support::*;
use std::process::Command;

fn marsad(site: &TestSite, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(args)
        .arg("--root")
        .arg(site.root())
        .output()
        .expect("run marsad")
}

#[test]
fn build_succeeds_with_a_summary_and_fails_with_located_errors() {
    let site = TestSite::fixture("mixed");
    let ok = marsad(&site, &["build"]);
    assert!(ok.status.success());
    let summary = String::from_utf8_lossy(&ok.stderr);
    assert!(summary.contains("pages per language: en: "), "{summary}");
    // Not a terminal: no progress line, so no carriage return or escape sequence in a log.
    assert!(
        !summary.contains('\r') && !summary.contains('\x1b'),
        "{summary:?}"
    );

    site.write("content/en/bad.md", "---\ntitle: T\nwhen: 2020\n---\n");
    let failed = marsad(&site, &["build"]);
    assert_eq!(failed.status.code(), Some(1));
    let err = String::from_utf8_lossy(&failed.stderr);
    assert!(
        err.contains("content/en/bad.md:3:1: error: unknown field `when`"),
        "{err}"
    );
    assert!(
        err.contains("previous output (if any) is unchanged"),
        "{err}"
    );
}

#[test]
fn check_exits_non_zero_and_names_the_file_of_a_broken_link() {
    let site = TestSite::fixture("mixed");
    // Nothing built yet: nothing to check, said in words.
    let out = marsad(&site, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("run `marsad build` first"), "{stderr}");
    assert!(marsad(&site, &["build"]).status.success());
    assert!(marsad(&site, &["check"]).status.success());
    site.write(
        "content/fr/lien.md",
        "---\ntitle: Lien\n---\n[cassé](/fr/nulle-part/)\n",
    );
    // check reads what was written: the broken page is not there until a build writes it.
    assert!(marsad(&site, &["check"]).status.success());
    assert!(marsad(&site, &["build"]).status.success());
    let before = snapshot(&site.public());
    let out = marsad(&site, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("content/fr/lien.md: /fr/nulle-part/"),
        "{stdout}"
    );
    assert!(stdout.contains("1 broken"), "{stdout}");
    // check never writes the output folder.
    assert_eq!(snapshot(&site.public()), before);
}

/// A site built for a GitHub Pages project site is checked under the base URL it was built
/// for, which the build noted in the folder: no flag repeated, and a wrong one is caught.
#[test]
fn check_reads_the_base_url_the_build_noted() {
    let site = TestSite::fixture("mixed");
    let built = marsad(
        &site,
        &["build", "--base-url", "https://user.github.io/repo/"],
    );
    assert!(built.status.success());
    let out = marsad(&site, &["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = marsad(
        &site,
        &["check", "--base-url", "https://user.github.io/other/"],
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn check_external_reports_failing_links_from_a_loopback_server() {
    // 200 for /ok, 404 for anything else.
    let server = LinkServer::start(4);
    let port = server.port;
    let report = external_report(&format!(
        "[fine](http://127.0.0.1:{port}/ok) [gone](http://127.0.0.1:{port}/gone)"
    ));
    let options = marsad::check::ExternalOptions {
        per_request: std::time::Duration::from_secs(5),
        ..Default::default()
    };
    let failed = marsad::check::check_external(&report, &options).broken;
    let lines: Vec<String> = failed.iter().map(ToString::to_string).collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("content/en/links.md: "), "{lines:?}");
    assert!(
        lines[0].contains("/gone") && lines[0].contains("HTTP 404"),
        "{lines:?}"
    );
    drop(server);
}

/// A loopback server for `check --external`: each connection in a thread of its own,
/// answering by path, counting requests per path and the most in flight at once. It stops
/// after `limit` connections or when dropped.
struct LinkServer {
    port: u16,
    hits: std::sync::Arc<std::sync::Mutex<std::collections::BTreeMap<String, usize>>>,
    peak: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl LinkServer {
    fn start(limit: usize) -> LinkServer {
        use std::io::{Read, Write};
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::{Arc, Mutex};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let hits = Arc::new(Mutex::new(std::collections::BTreeMap::new()));
        let peak = Arc::new(AtomicUsize::new(0));
        let active = Arc::new(AtomicUsize::new(0));
        let (h, p) = (Arc::clone(&hits), Arc::clone(&peak));
        std::thread::spawn(move || {
            for stream in listener.incoming().take(limit) {
                let Ok(mut s) = stream else { continue };
                let (hits, peak, active) = (Arc::clone(&h), Arc::clone(&p), Arc::clone(&active));
                std::thread::spawn(move || {
                    let now = active.fetch_add(1, Ordering::SeqCst) + 1;
                    peak.fetch_max(now, Ordering::SeqCst);
                    let mut buf = [0u8; 2048];
                    let n = s.read(&mut buf).unwrap_or(0);
                    let req = String::from_utf8_lossy(&buf[..n]).into_owned();
                    let path = req.split_whitespace().nth(1).unwrap_or("").to_string();
                    let count = {
                        let mut hits = hits.lock().expect("lock");
                        let c = hits.entry(path.clone()).or_insert(0);
                        *c += 1;
                        *c
                    };
                    let (status, extra) = match path.as_str() {
                        p if p.starts_with("/slow") => {
                            std::thread::sleep(std::time::Duration::from_millis(150));
                            ("200 OK", "")
                        }
                        "/limited" if count == 1 => ("429 Too Many Requests", "Retry-After: 1\r\n"),
                        "/limited" => ("200 OK", ""),
                        "/forbidden" => ("403 Forbidden", ""),
                        "/stuck" => {
                            std::thread::sleep(std::time::Duration::from_secs(3));
                            ("200 OK", "")
                        }
                        "/ok" => ("200 OK", ""),
                        _ => ("404 Not Found", ""),
                    };
                    // Done before answering: the client's next request can only come after
                    // it reads this answer, so requests in flight are counted exactly.
                    active.fetch_sub(1, Ordering::SeqCst);
                    let _ = write!(
                        s,
                        "HTTP/1.1 {status}\r\n{extra}Content-Length: 0\r\nConnection: close\r\n\r\n"
                    );
                });
            }
        });
        LinkServer { port, hits, peak }
    }
}

fn external_report(links: &str) -> marsad::check::CheckReport {
    let site = TestSite::fixture("mixed");
    site.write(
        "content/en/links.md",
        &format!("---\ntitle: Links\n---\n{links}\n"),
    );
    let (config, sources) = site.load();
    let generated = marsad::generate(&config, &sources, Default::default()).expect("generate");
    let mut report = marsad::check::check_site(
        &marsad::check::Written::from_generated(&generated, &sources.static_files),
        &config.base_url,
    );
    // Only the loopback links: the fixture's other external link is not reachable here.
    report
        .external
        .retain(|url, _| url.starts_with("http://127.0.0.1"));
    report
}

/// Politeness and honesty of `check --external`: one URL per fragment-less address, at most
/// two requests to a host at once, 429 retried after Retry-After, 403 reported apart from
/// broken links.
#[test]
fn check_external_is_polite_and_sorts_refusals_from_broken_links() {
    let server = LinkServer::start(40);
    let port = server.port;
    let mut links = format!(
        "[a](http://127.0.0.1:{port}/ok#one) [b](http://127.0.0.1:{port}/ok#two) \
         [limited](http://127.0.0.1:{port}/limited) [no](http://127.0.0.1:{port}/forbidden) \
         [gone](http://127.0.0.1:{port}/gone)"
    );
    for i in 0..8 {
        links.push_str(&format!(" [s{i}](http://127.0.0.1:{port}/slow{i})"));
    }
    let report = external_report(&links);
    assert_eq!(
        report.external.keys().filter(|u| u.contains("/ok")).count(),
        1,
        "fragments are one URL: {:?}",
        report.external.keys()
    );
    let options = marsad::check::ExternalOptions {
        per_request: std::time::Duration::from_secs(5),
        max_retry_wait: std::time::Duration::from_secs(2),
        ..Default::default()
    };
    let found = marsad::check::check_external(&report, &options);
    let urls = |list: &[marsad::check::Problem]| -> Vec<String> {
        list.iter().map(|p| p.url.clone()).collect()
    };
    assert_eq!(
        urls(&found.broken),
        vec![format!("http://127.0.0.1:{port}/gone")]
    );
    assert_eq!(
        urls(&found.refused),
        vec![format!("http://127.0.0.1:{port}/forbidden")]
    );
    assert!(found.unchecked.is_empty());
    let hits = server.hits.lock().expect("lock").clone();
    assert_eq!(hits.get("/limited"), Some(&2), "{hits:?}");
    assert_eq!(hits.get("/ok"), Some(&1), "{hits:?}");
    let peak = server.peak.load(std::sync::atomic::Ordering::SeqCst);
    assert!(
        (1..=2).contains(&peak),
        "{peak} requests at once to one host"
    );
}

/// One deadline for the whole run: a link that hangs is reported as unchecked, not waited
/// for.
#[test]
fn check_external_stops_at_its_time_limit() {
    let server = LinkServer::start(4);
    let report = external_report(&format!("[stuck](http://127.0.0.1:{}/stuck)", server.port));
    let options = marsad::check::ExternalOptions {
        total: std::time::Duration::from_millis(700),
        ..Default::default()
    };
    let started = std::time::Instant::now();
    let found = marsad::check::check_external(&report, &options);
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    assert_eq!(found.unchecked.len(), 1, "{:?}", found.unchecked);
    assert!(found.broken.is_empty());
}

/// Issue 25: `--version` names the commit, so a report says which build it came from. The
/// oracle is git itself: a binary built from a checkout names its HEAD.
#[test]
fn version_names_the_release_and_the_commit() {
    let out = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .arg("--version")
        .output()
        .expect("run marsad --version");
    assert!(out.status.success());
    let head = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(repo())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    let expected = match head {
        Some(hash) => format!("commit {hash}"),
        None => "unknown commit".to_string(),
    };
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("marsad {} ({expected})\n", env!("CARGO_PKG_VERSION"))
    );
}

/// Issue 25: without `--root`, commands find the site above the current folder, as git and
/// cargo do; `--root` stays exact.
#[test]
fn build_from_inside_the_content_folder_builds_the_site_around_it() {
    let site = TestSite::fixture("mixed");
    let inner = site.root().join("content/en");
    let out = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .arg("build")
        .current_dir(&inner)
        .env("NO_COLOR", "1")
        .output()
        .expect("run marsad build");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(summary.contains("into ../../public "), "{summary}");
    assert_eq!(
        site.page("en/dialogue/index.html").text("h1"),
        "Strategic dialogue in Rabat"
    );
    assert!(!inner.join("public").exists());

    // status, check and new find it too.
    for args in [&["status"][..], &["check"], &["new", "--lang", "fr", "Ici"]] {
        let out = Command::new(env!("CARGO_BIN_EXE_marsad"))
            .args(args)
            .current_dir(&inner)
            .output()
            .expect("run marsad");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(site.root().join("content/fr/ici.md").is_file());

    // --root is taken as given: content/en is not a site, whatever is above it.
    let exact = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(["build", "--root", "."])
        .current_dir(&inner)
        .output()
        .expect("run marsad build");
    assert_eq!(exact.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&exact.stderr).contains("is not a marsad site"),
        "{}",
        String::from_utf8_lossy(&exact.stderr)
    );
}

#[test]
fn outside_any_site_the_error_says_where_it_looked() {
    let dir = TestSite::empty();
    let out = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .arg("build")
        .current_dir(dir.root())
        .env("NO_COLOR", "1")
        .output()
        .expect("run marsad build");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error: no site.toml in ") && err.contains("or any folder above it"),
        "{err}"
    );
    assert!(err.contains("marsad init"), "{err}");
    assert!(std::fs::read_dir(dir.root()).expect("dir").next().is_none());
}
