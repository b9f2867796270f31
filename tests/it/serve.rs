//! `marsad serve`, driven over HTTP: edits show up, errors keep the last good site, paths
//! cannot escape, and any sequence of edits serves exactly what a clean build writes.

use crate::support::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub(crate) struct Server {
    child: Child,
    /// Kept open so the server's output has somewhere to go.
    _stdout: BufReader<std::process::ChildStdout>,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    pub(crate) fn start(site: &TestSite, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_marsad"))
            .args(["serve", "--port", "0", "--root"])
            .arg(site.root())
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start marsad serve");
        let mut line = String::new();
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        stdout.read_line(&mut line).expect("read");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .expect("url")
            .to_string();
        Server {
            child,
            _stdout: stdout,
            url,
        }
    }

    pub(crate) fn origin(&self) -> String {
        let after = &self.url["http://".len()..];
        format!(
            "http://{}",
            &after[..after.find('/').unwrap_or(after.len())]
        )
    }

    /// One GET over a fresh connection, as plain HTTP/1.1 (no client library between the
    /// test and the bytes the server sends).
    pub(crate) fn get(&self, path: &str) -> (u16, String, Vec<u8>) {
        let addr = self.origin().trim_start_matches("http://").to_string();
        let mut s = std::net::TcpStream::connect(&addr).expect("connect");
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        )
        .expect("write");
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).expect("read");
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("headers end");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let location = head
            .lines()
            .find_map(|l| {
                l.strip_prefix("Location: ")
                    .or_else(|| l.strip_prefix("location: "))
            })
            .unwrap_or("")
            .to_string();
        (status, location, raw[split + 4..].to_vec())
    }

    fn status(&self) -> serde_json::Value {
        let (_, _, body) = self.get("/__marsad/status");
        serde_json::from_slice(&body).expect("status json")
    }

    /// Waits until a rebuild after `generation` has happened and the tree has been quiet.
    fn settle(&self, generation: u64) -> serde_json::Value {
        let started = Instant::now();
        loop {
            let s = self.status();
            if s["generation"].as_u64().unwrap_or(0) > generation {
                std::thread::sleep(Duration::from_millis(150));
                let again = self.status();
                if again["generation"] == s["generation"] {
                    return again;
                }
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "no rebuild after generation {generation}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn generation(&self) -> u64 {
        self.status()["generation"].as_u64().unwrap_or(0)
    }
}

/// Removes the reload client serve adds to pages.
fn strip_reload(body: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(body);
    text.replace("<script src=\"/__marsad/reload.js\"></script>\n", "")
        .into_bytes()
}

#[test]
fn an_edit_is_served_and_a_broken_file_keeps_the_last_good_site() {
    let site = TestSite::fixture("mixed");
    let server = Server::start(&site, &[]);
    let (status, _, body) = server.get("/en/dialogue/");
    assert_eq!(status, 200);
    assert!(
        String::from_utf8_lossy(&body).contains("/__marsad/reload.js"),
        "reload client injected"
    );

    let g = server.generation();
    let text = std::fs::read_to_string(site.root().join("content/en/dialogue.md")).expect("read");
    site.write(
        "content/en/dialogue.md",
        &text.replace("Strategic dialogue in Rabat", "Edited title"),
    );
    server.settle(g);
    let (_, _, body) = server.get("/en/dialogue/");
    assert!(String::from_utf8_lossy(&body).contains("<h1>Edited title</h1>"));

    let g = server.generation();
    site.write(
        "content/en/dialogue.md",
        "---\ntitle: Broken\nwhen: never\n---\n",
    );
    let s = server.settle(g);
    assert_eq!(s["ok"], false);
    let error = s["error"].as_str().expect("error text");
    assert!(error.contains("content/en/dialogue.md:3:1"), "{error}");
    let (status, _, body) = server.get("/en/dialogue/");
    assert_eq!(status, 200);
    assert!(
        String::from_utf8_lossy(&body).contains("<h1>Edited title</h1>"),
        "last good page still served"
    );

    let g = server.generation();
    site.write("content/en/dialogue.md", &text);
    let s = server.settle(g);
    assert_eq!(s["ok"], true);
    let (_, _, body) = server.get("/en/dialogue/");
    assert!(String::from_utf8_lossy(&body).contains("<h1>Strategic dialogue in Rabat</h1>"));
}

#[test]
fn events_announce_errors_to_open_pages() {
    let site = TestSite::fixture("mixed");
    let server = Server::start(&site, &[]);
    let addr = server.origin().trim_start_matches("http://").to_string();
    let mut stream = std::net::TcpStream::connect(&addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "GET /__marsad/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .expect("write");
    let mut reader = BufReader::new(stream);
    let mut seen = String::new();
    let read_until =
        |reader: &mut BufReader<std::net::TcpStream>, seen: &mut String, what: &str| {
            while !seen.contains(what) {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    break;
                }
                seen.push_str(&line);
            }
        };
    read_until(&mut reader, &mut seen, "event: hello");
    site.write("content/en/bad.md", "---\ntitle: [\n---\n");
    read_until(&mut reader, &mut seen, "event: build-error");
    read_until(&mut reader, &mut seen, "content/en/bad.md:");
    assert!(seen.contains("data: content/en/bad.md:"), "{seen}");
    site.remove("content/en/bad.md");
    read_until(&mut reader, &mut seen, "event: ok");
    assert!(seen.contains("event: ok"), "{seen}");
}

#[test]
fn a_text_edit_renders_only_the_pages_showing_the_briefing() {
    let site = TestSite::fixture("mixed");
    let server = Server::start(&site, &[]);
    let path = "content/en/dialogue.md";
    let text = std::fs::read_to_string(site.root().join(path)).expect("read");
    // Title, summary and body: shown on its page, its translations' pages, lists and feeds.
    let edited = text
        .replace("Strategic dialogue in Rabat", "Dialogue & <renamed>")
        .replace(
            "An English briefing with a French and an Arabic translation.",
            "A new summary.",
        )
        .replace("English body", "Rewritten body");
    let g = server.generation();
    site.write(path, &edited);
    let status = server.settle(g);
    assert_eq!(status["scope"], "pages", "{status}");
    compare_with_clean_build(&site, &server, "after a text edit");
    // Now the first paragraph is the summary: change it without a summary field.
    let g = server.generation();
    site.write(
        path,
        &edited
            .replace("summary: \"A new summary.\"\n", "")
            .replace("Rewritten body", "Another first paragraph"),
    );
    let status = server.settle(g);
    assert_eq!(
        status["scope"], "pages",
        "the summary is text: dropping it is a text edit"
    );
    compare_with_clean_build(&site, &server, "after removing the summary");
    let g = server.generation();
    let now = std::fs::read_to_string(site.root().join(path)).expect("read");
    site.write(
        path,
        &now.replace("Another first paragraph", "Yet another first paragraph"),
    );
    let status = server.settle(g);
    assert_eq!(status["scope"], "pages", "{status}");
    compare_with_clean_build(&site, &server, "after a first-paragraph edit");
    // A date change moves the briefing: the model is updated piecewise too, and the pages
    // whose view read what moved are built again.
    let g = server.generation();
    let now = std::fs::read_to_string(site.root().join(path)).expect("read");
    site.write(path, &now.replace("date: 2023-07-20", "date: 2019-01-01"));
    let status = server.settle(g);
    assert_eq!(status["scope"], "pages", "{status}");
    compare_with_clean_build(&site, &server, "after a date edit");
    // New topics and a reverted title (a page may go back to an earlier state).
    let g = server.generation();
    site.write(
        path,
        &text.replace(
            "topics: [counter-terrorism]",
            "topics: [counter-terrorism, Brand New Topic]",
        ),
    );
    let status = server.settle(g);
    assert_eq!(status["scope"], "pages", "{status}");
    compare_with_clean_build(&site, &server, "after a topics edit and a revert");
    // A registry edit works the site out again and compares every page's view.
    let g = server.generation();
    let reg =
        std::fs::read_to_string(site.root().join("content/_registry/actors.yaml")).expect("read");
    site.write(
        "content/_registry/actors.yaml",
        &reg.replace(
            "aliases: [Mounir Lemouri",
            "aliases: [Mounir Lemouri, M. Lymouri",
        ),
    );
    let status = server.settle(g);
    assert_eq!(status["scope"], "changed pages", "{status}");
    compare_with_clean_build(&site, &server, "after a registry edit");
    // A template change re-renders every page.
    let g = server.generation();
    let base = std::fs::read_to_string(site.root().join("templates/base.html")).expect("read");
    site.write(
        "templates/base.html",
        &base.replace("</footer>", "<!-- x --></footer>"),
    );
    let status = server.settle(g);
    assert_eq!(status["scope"], "site", "{status}");
    compare_with_clean_build(&site, &server, "after a template edit");
}

#[test]
fn paths_outside_the_site_are_refused() {
    let site = TestSite::fixture("mixed");
    site.write("secret.txt", "do not serve");
    let server = Server::start(&site, &[]);
    let addr = server.origin().trim_start_matches("http://").to_string();
    for path in [
        "/../secret.txt",
        "/en/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%5Csecret.txt",
        "/en\\..\\..\\secret.txt",
        "/site.toml",
        "/content/en/dialogue.md",
    ] {
        let mut s = std::net::TcpStream::connect(&addr).expect("connect");
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        )
        .expect("write");
        let mut response = String::new();
        let _ = s.read_to_string(&mut response);
        let status: u16 = response
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(
            !response.contains("do not serve") && !response.contains("base_url"),
            "{path} leaked"
        );
    }
    // Folders redirect to their slash, Arabic paths are served percent-encoded, unknown
    // paths get the site's 404 page with status 404.
    assert_eq!(
        server.get("/en"),
        (301, "/en/".into(), b"moved to /en/\n".to_vec())
    );
    site.write("content/ar/مراكش.md", "---\ntitle: مراكش\n---\nنص\n");
    let g = server.generation();
    server.settle(g);
    assert_eq!(server.get("/ar/%D9%85%D8%B1%D8%A7%D9%83%D8%B4/").0, 200);
    let (status, _, body) = server.get("/nowhere/");
    assert_eq!(status, 404);
    assert!(String::from_utf8_lossy(&body).contains("not-found-languages"));
}

#[test]
fn a_sub_path_site_previews_under_its_path() {
    let site = TestSite::fixture("mixed");
    let server = Server::start(
        &site,
        &["--base-url", "https://example.github.io/briefings/"],
    );
    assert!(server.url.ends_with("/briefings/"), "{}", server.url);
    let (status, _, body) = server.get("/briefings/en/");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).contains("href=\"/briefings/style.css?h="));
    assert_eq!(server.get("/en/").0, 404);
}

#[test]
fn any_sequence_of_edits_serves_exactly_what_a_clean_build_writes() {
    let site = TestSite::fixture("mixed");
    let server = Server::start(&site, &[]);
    // A fixed seed keeps CI reproducible; MARSAD_TEST_SEED explores other sequences.
    let seed = std::env::var("MARSAD_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20261123);
    let mut rng = Lcg(seed);
    let mut files: Vec<String> = vec![
        "content/en/dialogue.md".into(),
        "content/fr/dialogue.md".into(),
        "content/ar/dialogue.md".into(),
        "content/en/year-only.md".into(),
    ];
    let topics = [
        "counter-terrorism",
        "Lutte contre le terrorisme",
        "Sahel",
        "new topic",
        "مكافحة الإرهاب",
    ];
    // The first registry edit claims the unregistered name "Sahel", merging its term.
    let mut sahel_claimed = false;
    for step in 0..14 {
        let g = server.generation();
        let op = rng.next(7);
        let what = match op {
            0 | 1 => {
                let lang = ["en", "fr", "ar"][rng.next(3)];
                let path = format!("content/{lang}/gen-{step}.md");
                let date = rng.date_line();
                let topic = topics[rng.next(topics.len())];
                site.write(&path, &format!("---\ntitle: \"Generated {step}\"\n{date}topics: [\"{topic}\"]\nactors: [Mounir Lemouri]\n---\nBody {step} with a [link](/en/).\n"));
                files.push(path.clone());
                format!("add {path}")
            }
            2 if !files.is_empty() => {
                let path = files[rng.next(files.len())].clone();
                let text = std::fs::read_to_string(site.root().join(&path)).expect("read");
                site.write(
                    &path,
                    &text
                        .replacen("title: ", &format!("title: Step {step} "), 1)
                        .replace("\"Step", "Step"),
                );
                format!("edit {path}")
            }
            3 if files.len() > 1 => {
                let i = rng.next(files.len());
                let path = files.remove(i);
                let to = path.replace(".md", &format!("-moved{step}.md"));
                std::fs::rename(site.root().join(&path), site.root().join(&to)).expect("rename");
                files.push(to.clone());
                format!("rename {path} -> {to}")
            }
            4 if files.len() > 1 => {
                let path = files.remove(rng.next(files.len()));
                site.remove(&path);
                format!("delete {path}")
            }
            5 => {
                let reg =
                    std::fs::read_to_string(site.root().join("content/_registry/places.yaml"))
                        .expect("read");
                let alias = if sahel_claimed {
                    format!("Lieu-{step}")
                } else {
                    "Sahel".to_string()
                };
                sahel_claimed = true;
                site.write("content/_registry/places.yaml", &format!("{reg}- id: place-{step}\n  names: {{ en: Place {step}, fr: Lieu {step}, ar: مكان {step} }}\n  aliases: [{alias}]\n"));
                "registry".into()
            }
            _ => {
                let base =
                    std::fs::read_to_string(site.root().join("templates/base.html")).expect("read");
                site.write(
                    "templates/base.html",
                    &base.replace("</footer>", &format!("<!-- {step} --></footer>")),
                );
                "template".into()
            }
        };
        let status = server.settle(g);
        assert_eq!(
            status["ok"], true,
            "step {step} ({what}): {}",
            status["error"]
        );
        {
            compare_with_clean_build(&site, &server, &format!("after step {step} ({what})"));
        }
    }
}

fn compare_with_clean_build(site: &TestSite, server: &Server, when: &str) {
    let expected = site.clean_build_files();
    let (_, _, listing) = server.get("/__marsad/files");
    let served: Vec<String> = serde_json::from_slice(&listing).expect("listing");
    assert_eq!(
        served,
        expected.keys().cloned().collect::<Vec<_>>(),
        "{when}: served files differ"
    );
    for (path, bytes) in &expected {
        let url = format!("/{}", marsad::urls::encode_path(path));
        let (status, _, body) = server.get(&url);
        assert!(
            status == 200 || path == "404.html",
            "{when}: {path} -> {status}"
        );
        let body = if path.ends_with(".html") {
            strip_reload(&body)
        } else {
            body
        };
        assert!(body == *bytes, "{when}: {path} differs from a clean build");
    }
}

impl Server {
    pub(crate) fn addr(&self) -> String {
        self.origin().trim_start_matches("http://").to_string()
    }

    /// Sends raw bytes and returns what the server answered before closing (or within 5 s).
    pub(crate) fn raw(&self, request: &[u8]) -> String {
        let mut s = std::net::TcpStream::connect(self.addr()).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(5)))
            .expect("timeout");
        let _ = s.write_all(request);
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    }
}

fn status_of(response: &str) -> u16 {
    response
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

/// tiny_http allocated a declared body's whole length and its worker died; no request may
/// stop the server or a worker.
#[test]
fn hostile_requests_do_not_stop_the_server() {
    let site = TestSite::fixture("mixed");
    let server = Server::start(&site, &[]);
    let addr = server.addr();
    // A huge declared body, then the connection dropped.
    for method in ["GET", "POST"] {
        let mut s = std::net::TcpStream::connect(&addr).expect("connect");
        let _ = write!(
            s,
            "{method} /en/ HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 18446744073709551615\r\n\r\nabc"
        );
        drop(s);
    }
    // A header that never ends is cut off with an error, not buffered without limit.
    let mut endless = format!("GET /en/ HTTP/1.1\r\nHost: {addr}\r\nX-Long: ").into_bytes();
    endless.extend(std::iter::repeat_n(b'a', 1 << 20));
    let answer = server.raw(&endless);
    assert!(
        answer.is_empty() || status_of(&answer) == 431 || status_of(&answer) == 400,
        "{answer:.80}"
    );
    // Methods that are not GET or HEAD get 405 with Allow.
    let post = server.raw(
        format!(
            "POST /en/ HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi"
        )
        .as_bytes(),
    );
    assert_eq!(status_of(&post), 405, "{post:.80}");
    assert!(post.to_ascii_lowercase().contains("allow: get, head"));
    // Many idle, half-open connections (slowloris) do not keep a normal request waiting.
    let idle: Vec<std::net::TcpStream> = (0..100)
        .map(|_| {
            let mut s = std::net::TcpStream::connect(&addr).expect("connect");
            let _ = s.write_all(b"GET /en/ HTTP/1.1\r\nHost: loc");
            s
        })
        .collect();
    for _ in 0..20 {
        assert_eq!(server.get("/en/").0, 200);
    }
    drop(idle);
    assert_eq!(server.get("/en/").0, 200);
}

/// DNS rebinding: a page on another site reaching the preview under its own host name must
/// get nothing; loopback names and addresses are answered.
#[test]
fn a_loopback_preview_answers_only_loopback_host_names() {
    let site = TestSite::fixture("mixed");
    let server = Server::start(&site, &[]);
    let addr = server.addr();
    let port = addr.rsplit(':').next().unwrap_or("0").to_string();
    let ask = |host: &str| {
        let r = server.raw(
            format!("GET /en/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
        );
        (status_of(&r), r)
    };
    for evil in [
        format!("attacker.example:{port}"),
        "attacker.example".to_string(),
        format!("localhost.attacker.example:{port}"),
    ] {
        let (status, body) = ask(&evil);
        assert_eq!(status, 403, "{evil}");
        assert!(!body.contains("<html"), "{evil} got a page");
    }
    for good in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        addr.clone(),
    ] {
        assert_eq!(ask(&good).0, 200, "{good}");
    }
    // No Host at all (HTTP/1.0) is refused as well.
    let r = server.raw(b"GET /en/ HTTP/1.0\r\n\r\n");
    assert_eq!(status_of(&r), 403, "{r:.80}");
}

/// The decoded Arabic path is not a valid header value; the redirect must carry it
/// percent-encoded, or the browser has nowhere to go.
#[test]
fn an_arabic_folder_without_its_slash_redirects_with_an_encoded_location() {
    let site = TestSite::fixture("mixed");
    site.write("content/ar/مراكش.md", "---\ntitle: مراكش\n---\nنص\n");
    let server = Server::start(&site, &[]);
    let (status, location, _) = server.get("/ar/%D9%85%D8%B1%D8%A7%D9%83%D8%B4");
    assert_eq!(status, 301);
    assert_eq!(location, "/ar/%D9%85%D8%B1%D8%A7%D9%83%D8%B4/");
    assert_eq!(server.get(&location).0, 200);
}

/// A folder created after the preview started was never watched, so edits in it were lost
/// until a restart.
#[test]
fn a_source_folder_created_after_start_is_watched() {
    let site = TestSite::fixture("mixed");
    std::fs::remove_dir_all(site.root().join("static")).expect("remove static");
    let server = Server::start(&site, &[]);
    assert_eq!(server.get("/robots-extra.txt").0, 404);
    let g = server.generation();
    site.write("static/robots-extra.txt", "first\n");
    server.settle(g);
    let (status, _, body) = server.get("/robots-extra.txt");
    assert_eq!((status, body), (200, b"first\n".to_vec()));
    // A second file in the new folder arrives through the watch added for it.
    let g = server.generation();
    site.write("static/second.txt", "second\n");
    server.settle(g);
    let (status, _, body) = server.get("/second.txt");
    assert_eq!((status, body), (200, b"second\n".to_vec()));
}
