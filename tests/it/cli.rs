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
    assert!(marsad(&site, &["check"]).status.success());
    site.write(
        "content/fr/lien.md",
        "---\ntitle: Lien\n---\n[cassé](/fr/nulle-part/)\n",
    );
    let out = marsad(&site, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("content/fr/lien.md: /fr/nulle-part/"),
        "{stdout}"
    );
    assert!(stdout.contains("1 broken"), "{stdout}");
    // check never writes the output folder.
    assert!(!site.public().exists());
}

#[test]
fn check_external_reports_failing_links_from_a_loopback_server() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    // Answers a bounded number of requests: 200 for /ok, 404 for anything else.
    let server = std::thread::spawn(move || {
        use std::io::{Read, Write};
        for stream in listener.incoming().take(4) {
            let Ok(mut s) = stream else { continue };
            let mut buf = [0u8; 2048];
            let n = s.read(&mut buf).unwrap_or(0);
            let req = String::from_utf8_lossy(&buf[..n]);
            let status = if req.starts_with("HEAD /ok ") || req.starts_with("GET /ok ") {
                "200 OK"
            } else {
                "404 Not Found"
            };
            let _ = write!(
                s,
                "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    let site = TestSite::fixture("mixed");
    site.write(
        "content/en/links.md",
        &format!("---\ntitle: Links\n---\n[fine](http://127.0.0.1:{port}/ok) [gone](http://127.0.0.1:{port}/gone)\n"),
    );
    let (config, sources) = site.load();
    let generated = marsad::generate(&config, &sources, Default::default()).expect("generate");
    let mut report = marsad::check::check_site(&generated, &sources.static_files, &config.base_url);
    // Only the loopback links: the fixture's other external link is not reachable here.
    report
        .external
        .retain(|url, _| url.starts_with("http://127.0.0.1"));
    let failed = marsad::check::check_external(&report, std::time::Duration::from_secs(5));
    let lines: Vec<String> = failed.iter().map(ToString::to_string).collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("content/en/links.md: "), "{lines:?}");
    assert!(
        lines[0].contains("/gone") && lines[0].contains("HTTP 404"),
        "{lines:?}"
    );
    drop(server);
}
