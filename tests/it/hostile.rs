//! Hostile input, round 3 (issue 22): each finding as a test. Cost that must stay linear is
//! measured in `benches/growth.rs`, not timed here.

use crate::serve::Server;
use crate::support::*;
use std::io::{BufRead, BufReader, Write};

/// Front matter 100,000 levels deep took 35 s in libyaml's scanner before serde_yaml's depth
/// limit; now a linear pass refuses it at the bracket that passes the limit.
#[test]
fn deep_yaml_nesting_is_refused_where_it_passes_the_limit() {
    let site = TestSite::fixture("mixed");
    let deep = format!(
        "---\ntitle: Deep\ntopics: {}{}\n---\nx\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    site.write("content/en/deep.md", &deep);
    let limit = 64; // src/front_matter/shape.rs: MAX_DEPTH
    let err = site.build_err();
    assert!(
        err.contains(&format!(
            "content/en/deep.md:3:{}: error: lists and mappings nest more than {limit} levels",
            "topics: ".len() + limit
        )),
        "{err:.400}"
    );
    site.remove("content/en/deep.md");
    let registry = site.root().join("content/_registry/places.yaml");
    let mut text = std::fs::read_to_string(&registry).expect("registry");
    text.push_str(&format!(
        "- id: deep\n  names: {{ en: Deep }}\n  aliases: {}{}\n",
        "[".repeat(50_000),
        "]".repeat(50_000)
    ));
    std::fs::write(&registry, text).expect("write");
    let err = site.build_err();
    assert!(
        err.contains("content/_registry/places.yaml:") && err.contains("nest more than"),
        "{err:.400}"
    );
}

/// `line_of` searched the whole registry again for each entry (20,000 entries: 33 s). The
/// positions now come from one pass; what must stay true is that each problem names its
/// entry's line, also at the end of a long file.
#[test]
fn a_long_registry_names_the_line_of_each_entry() {
    let site = TestSite::fixture("mixed");
    let registry = site.root().join("content/_registry/actors.yaml");
    let mut text = std::fs::read_to_string(&registry).expect("registry");
    let before = text.lines().count();
    for i in 0..20_000 {
        text.push_str(&format!(
            "- id: person-{i}\n  names: {{ en: Person {i}, fr: Personne {i}, ar: شخص {i} }}\n"
        ));
    }
    // The last entry claims the first generated one's name: an error on its own line.
    text.push_str("- id: last-one\n  names: { en: Person 0, fr: P, ar: ش }\n");
    std::fs::write(&registry, text).expect("write");
    let err = site.build_err();
    let line = before + 20_000 * 2 + 1;
    assert!(
        err.contains(&format!("content/_registry/actors.yaml:{line}:1: error: `Person 0` of term `last-one` is also claimed by term `person-0`")),
        "{err:.600}"
    );
}

/// About 640 open event streams took all 512 connection slots and pages waited 35 s.
#[test]
fn event_streams_past_their_cap_get_503_and_pages_are_still_answered() {
    let site = TestSite::fixture("mixed");
    let server = Server::start(&site, &[]);
    let addr = server.addr();
    let open_stream = || {
        let mut s = std::net::TcpStream::connect(&addr).expect("connect");
        s.set_read_timeout(Some(std::time::Duration::from_secs(60)))
            .expect("timeout");
        write!(s, "GET /__marsad/events HTTP/1.1\r\nHost: {addr}\r\n\r\n").expect("write");
        let mut reader = BufReader::new(s);
        let mut head = String::new();
        while !head.ends_with("\r\n\r\n") {
            if reader.read_line(&mut head).unwrap_or(0) == 0 {
                break;
            }
        }
        (head, reader)
    };
    let mut streams = Vec::new();
    for _ in 0..marsad::serve::MAX_EVENT_STREAMS {
        let (head, mut reader) = open_stream();
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        // The body is chunked: read lines until the first event.
        let mut seen = String::new();
        while !seen.contains("event: hello") {
            assert!(reader.read_line(&mut seen).expect("event") > 0, "{seen}");
        }
        streams.push(reader);
    }
    for _ in 0..20 {
        let (head, _) = open_stream();
        assert!(head.starts_with("HTTP/1.1 503"), "{head}");
        let lower = head.to_ascii_lowercase();
        assert!(lower.contains("retry-after: "), "{head}");
        assert!(lower.contains("connection: close"), "{head}");
    }
    for _ in 0..10 {
        assert_eq!(server.get("/en/").0, 200);
    }
    drop(streams);
}

/// `source.url: "javascript:alert(document.domain)"` rendered as a link.
#[test]
fn a_script_url_in_front_matter_is_a_located_build_error() {
    let site = TestSite::fixture("mixed");
    site.write(
        "content/en/js.md",
        "---\ntitle: T\nsource:\n  name: X\n  url: \"javascript:alert(document.domain)\"\n---\nx\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("content/en/js.md:5:1: error: `source.url`: the link `javascript:alert(document.domain)` uses the scheme `javascript:`"),
        "{err}"
    );
    assert!(!site.public().exists(), "nothing is published");
}

/// `custom_domain = "evil.example\n<script>…"` wrote a two-line CNAME.
#[test]
fn a_custom_domain_that_is_not_a_host_name_is_a_located_error() {
    let site = TestSite::fixture("mixed");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).expect("toml");
    let bad = toml.replacen(
        "paginate = 2\n",
        "paginate = 2\ncustom_domain = \"evil.example\\n<script>alert(1)</script>\"\n",
        1,
    );
    site.write("site.toml", &bad);
    let err = site.build_err();
    assert!(
        err.contains("site.toml:4:1: error: custom_domain `evil.example\\n<script>alert(1)</script>` is empty or holds a space, tab or line break"),
        "{err}"
    );
    site.write(
        "site.toml",
        &toml.replacen(
            "paginate = 2\n",
            "paginate = 2\ncustom_domain = \"Briefings.Example.org\"\n",
            1,
        ),
    );
    site.build_ok();
    let cname = std::fs::read_to_string(site.public().join("CNAME")).expect("CNAME");
    assert_eq!(cname.trim_end(), "briefings.example.org");
    assert_eq!(cname.lines().count(), 1);
}

/// `content/en/caf\xe9.md` was "cannot access: No such file or directory": reopened under a
/// lossy name.
#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_named_escaped() {
    use std::os::unix::ffi::OsStrExt;
    let site = TestSite::fixture("mixed");
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    std::fs::write(
        site.root().join("content/en").join(name),
        "---\ntitle: Café\n---\nx\n",
    )
    .expect("write");
    std::fs::create_dir_all(site.root().join("static")).expect("static");
    std::fs::write(
        site.root()
            .join("static")
            .join(std::ffi::OsStr::from_bytes(b"logo\xe9.css")),
        "a{}",
    )
    .expect("write");
    let err = site.build_err();
    assert!(
        err.contains("content/en/caf\\xE9.md: error: the name `caf\\xE9.md` is not valid UTF-8"),
        "{err}"
    );
    assert!(
        err.contains("static/logo\\xE9.css: error: the name `logo\\xE9.css` is not valid UTF-8"),
        "{err}"
    );
    assert!(!err.contains("No such file"), "{err}");
}

/// `static/leak.txt -> /outside/secret` was published, and a folder outside the site linked
/// into `content/en/` became pages.
#[cfg(unix)]
#[test]
fn links_out_of_the_site_are_refused_unless_site_toml_allows_them() {
    let outside = tempfile::tempdir().expect("outside");
    std::fs::write(outside.path().join("secret"), "runner's secret").expect("secret");
    std::fs::create_dir_all(outside.path().join("briefings")).expect("dir");
    std::fs::write(
        outside.path().join("briefings/leak.md"),
        "---\ntitle: Leak\n---\nx\n",
    )
    .expect("leak");
    let site = TestSite::fixture("mixed");
    std::fs::create_dir_all(site.root().join("static")).expect("static");
    std::os::unix::fs::symlink(
        outside.path().join("secret"),
        site.root().join("static/leak.txt"),
    )
    .expect("link");
    std::os::unix::fs::symlink(
        outside.path().join("briefings"),
        site.root().join("content/en/linked"),
    )
    .expect("link");
    // A link that stays inside the site keeps working.
    std::fs::write(site.root().join("static/inside.txt"), "inside").expect("inside");
    std::os::unix::fs::symlink(
        site.root().join("static/inside.txt"),
        site.root().join("static/alias.txt"),
    )
    .expect("link");
    let err = site.build_err();
    let secret = std::fs::canonicalize(outside.path().join("secret")).expect("canon");
    assert!(
        err.contains(&format!(
            "static/leak.txt: error: this is a link to `{}`, outside the site",
            secret.display()
        )),
        "{err}"
    );
    assert!(
        err.contains("content/en/linked: error: this is a link to"),
        "{err}"
    );
    assert!(!site.public().exists());

    let toml = std::fs::read_to_string(site.root().join("site.toml")).expect("toml");
    site.write(
        "site.toml",
        &toml.replacen(
            "paginate = 2\n",
            "paginate = 2\nfollow_external_links = true\n",
            1,
        ),
    );
    site.build_ok();
    assert_eq!(
        std::fs::read_to_string(site.public().join("leak.txt")).expect("published"),
        "runner's secret"
    );
    assert!(site.public().join("en/leak/index.html").is_file());
    assert_eq!(
        std::fs::read_to_string(site.public().join("alias.txt")).expect("alias"),
        "inside"
    );
}

/// Ingest read a 1 GiB file whole before refusing it, and read `/dev/zero` until memory ran
/// out; a FIFO is refused by name.
#[cfg(unix)]
#[test]
fn ingest_refuses_oversized_and_irregular_files_without_reading_them_whole() {
    let site = TestSite::fixture("mixed");
    let huge = site.root().join("huge.txt");
    let f = std::fs::File::create(&huge).expect("create");
    f.set_len(1 << 30).expect("sparse 1 GiB");
    let out = run_marsad(
        &["ingest", "--dry-run", huge.to_str().expect("utf8")],
        site.root(),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("huge.txt: error: the file is larger than 5 MiB"),
        "{err}"
    );
    let out = run_marsad(&["ingest", "--dry-run", "/dev/zero"], site.root());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/dev/zero: error: is not a regular file"),
        "{err}"
    );
    let fifo = site.root().join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let out = run_marsad(
        &["ingest", "--dry-run", fifo.to_str().expect("utf8")],
        site.root(),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("pipe.txt: error: is not a regular file"),
        "{err}"
    );
}

/// An ingested headline "Search" made `content/en/search.md`, which broke the next build.
#[test]
fn an_ingested_headline_that_is_a_reserved_slug_gets_another() {
    let site = TestSite::fixture("mixed");
    let article = site.root().join("a.txt");
    std::fs::write(
        &article,
        "Search\n\nRabat, 12 March 2024 - Morocco and Spain agreed on Tuesday to step up their cooperation against terrorism, the two ministers said in a joint statement.\n\nThe talks will resume in Madrid.\n",
    )
    .expect("write");
    let out = run_marsad(
        &["ingest", "--lang", "en", article.to_str().expect("utf8")],
        site.root(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(site.root().join("content/en/search-briefing.md").is_file());
    site.build_ok();
    assert!(
        site.public()
            .join("en/search-briefing/index.html")
            .is_file()
    );
    assert!(site.public().join("en/search/index.html").is_file());
}

/// `marsad new` with a 137-letter Arabic headline failed with "File name too long".
#[test]
fn new_with_a_very_long_arabic_title_writes_a_file() {
    let site = TestSite::bare("mixed");
    let title = format!("{} في الساحل", "م".repeat(137));
    let out = run_marsad(&["new", "--lang", "ar", &title], site.root());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(site.root().join(&path).is_file(), "{path}");
    site.build_ok();
}

/// Messages a newcomer meets (finding 10): each said in words, with one `error:` prefix and
/// a location only where there is one.
#[test]
fn command_errors_say_what_is_wrong_in_words() {
    let site = TestSite::bare("mixed");
    let text = |o: &std::process::Output| String::from_utf8_lossy(&o.stderr).into_owned();

    let out = run_marsad(&["new", "--lang", "de", "Titel"], site.root());
    assert!(!out.status.success());
    assert!(
        text(&out).starts_with("error: `de` is not an interface language"),
        "{}",
        text(&out)
    );

    let out = run_marsad(&["new", "--lang", "en", "  "], site.root());
    assert!(
        text(&out).starts_with("error: the title is empty"),
        "{}",
        text(&out)
    );

    let missing = site.root().join("no-such-folder");
    let out = run_marsad(&["build"], &missing);
    assert!(
        text(&out).starts_with("error: the folder "),
        "{}",
        text(&out)
    );
    assert!(text(&out).contains("does not exist"), "{}", text(&out));

    let empty = tempfile::tempdir().expect("tmp");
    let out = run_marsad(&["serve", "--port", "0"], empty.path());
    assert!(!out.status.success());
    assert_eq!(text(&out).matches("error:").count(), 1, "{}", text(&out));
    assert!(
        text(&out).contains("is not a marsad site"),
        "{}",
        text(&out)
    );

    let file = site.root().join("a-file");
    std::fs::write(&file, "x").expect("file");
    let out = init(&file);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("is a file; `marsad init` makes a site in a folder"),
        "{}",
        text(&out)
    );
    assert!(!text(&out).contains("os error"), "{}", text(&out));

    // `-o .` from inside the previous output.
    site.build_ok();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(["build", "-o", ".", "--root"])
        .arg(site.root())
        .current_dir(site.public())
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(
        text(&out).contains("the output folder is the folder you are in"),
        "{}",
        text(&out)
    );
    assert!(!text(&out).contains("busy"), "{}", text(&out));
    assert!(
        site.public().join("en/index.html").is_file(),
        "the output is left as it was"
    );
}
