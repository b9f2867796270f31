//! Test harness: copies a fixture site (plus the portal's own templates and static files)
//! into a temporary folder, edits it, builds it through the library, and parses the output.

use marsad::error::Diagnostics;
use marsad::{BuildOptions, BuildReport, build};
use scraper::{Html, Selector};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub struct TestSite {
    pub dir: tempfile::TempDir,
}

impl TestSite {
    /// A fixture from `tests/fixtures/<name>`, with the portal's templates and static files.
    pub fn fixture(name: &str) -> TestSite {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_tree(&repo().join("tests/fixtures").join(name), dir.path());
        for shared in ["templates", "static"] {
            if !dir.path().join(shared).exists() {
                copy_tree(&repo().join(shared), &dir.path().join(shared));
            }
        }
        TestSite { dir }
    }

    /// A fixture from `tests/fixtures/<name>` as it is: no templates or static files unless
    /// the fixture has its own, so the built-in theme provides them.
    pub fn bare(name: &str) -> TestSite {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_tree(&repo().join("tests/fixtures").join(name), dir.path());
        TestSite { dir }
    }

    /// An empty temporary folder (for `marsad init`).
    pub fn empty() -> TestSite {
        TestSite {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The bundled portal itself.
    pub fn portal() -> TestSite {
        let dir = tempfile::tempdir().expect("temp dir");
        for part in ["content", "templates", "static"] {
            copy_tree(&repo().join(part), &dir.path().join(part));
        }
        std::fs::copy(repo().join("site.toml"), dir.path().join("site.toml")).expect("copy");
        TestSite { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
        self
    }

    pub fn remove(&self, rel: &str) -> &Self {
        std::fs::remove_file(self.root().join(rel)).expect("remove");
        self
    }

    pub fn build(&self) -> Result<BuildReport, Diagnostics> {
        self.build_with(|_| {})
    }

    pub fn build_with(
        &self,
        edit: impl FnOnce(&mut BuildOptions),
    ) -> Result<BuildReport, Diagnostics> {
        let mut options = BuildOptions {
            root: self.root().to_path_buf(),
            ..BuildOptions::default()
        };
        edit(&mut options);
        build(&options)
    }

    pub fn build_ok(&self) -> BuildReport {
        match self.build() {
            Ok(r) => r,
            Err(d) => panic!("build failed:\n{d}"),
        }
    }

    pub fn build_err(&self) -> String {
        match self.build() {
            Ok(_) => panic!("build unexpectedly succeeded"),
            Err(d) => d.to_string(),
        }
    }

    /// The site's configuration and sources, as a build loads them.
    /// Every file a clean build of the site's current sources writes, static files included:
    /// what the live preview must serve (which shows scheduled briefings: a `--future` build).
    pub fn clean_build_files(&self) -> BTreeMap<String, Vec<u8>> {
        let (config, sources) = self.load();
        let preview = marsad::resolve::ResolveOptions {
            include_future: true,
            ..Default::default()
        };
        let generated = marsad::generate(&config, &sources, preview).expect("clean build");
        let mut files: BTreeMap<String, Vec<u8>> = generated
            .outputs
            .into_iter()
            .map(|o| (o.path, o.bytes))
            .collect();
        for s in &sources.static_files {
            files.insert(s.name.clone(), s.read().expect("static").into_owned());
        }
        files
    }

    pub fn load(&self) -> (marsad::config::SiteConfig, marsad::load::Sources) {
        marsad::load::load_site(self.root(), &Default::default()).expect("the fixture loads")
    }

    /// Parses an output file (`en/x/index.html`).
    pub fn page(&self, rel: &str) -> Page {
        let path = self.public().join(rel);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        Page {
            html: Html::parse_document(&text),
        }
    }

    /// Every output file with its bytes.
    pub fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        snapshot(&self.public())
    }
}

/// Runs the binary with `args` and `--root root`, colour off.
pub fn run_marsad(args: &[&str], root: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(args)
        .env("NO_COLOR", "1")
        .arg("--root")
        .arg(root)
        .output()
        .expect("run marsad")
}

/// `marsad init DIR`.
pub fn init(dir: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_marsad"))
        .arg("init")
        .arg(dir)
        .output()
        .expect("run marsad init")
}

/// Every file below `dir`, relative, sorted.
/// An output as text is checked: the search index's card files (`.bin`) are gzip (issue 24),
/// whose bytes say nothing of the text they hold, so they are inflated first.
pub fn inflated(path: &str, bytes: &[u8]) -> Vec<u8> {
    if !path.ends_with(".bin") {
        return bytes.to_vec();
    }
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(bytes), &mut out)
        .unwrap_or_else(|e| panic!("{path}: not gzip: {e}"));
    out
}

pub fn files_under(dir: &Path) -> Vec<String> {
    snapshot(dir).into_keys().collect()
}

pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("prefix")
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).expect("read"))
        })
        .collect()
}

pub fn html_files(dir: &Path) -> Vec<String> {
    snapshot(dir)
        .into_keys()
        .filter(|k| k.ends_with(".html"))
        .collect()
}

pub struct Page {
    pub html: Html,
}

impl Page {
    pub fn select(&self, css: &str) -> Vec<scraper::ElementRef<'_>> {
        let sel = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"));
        self.html.select(&sel).collect()
    }

    pub fn one(&self, css: &str) -> scraper::ElementRef<'_> {
        let found = self.select(css);
        assert_eq!(
            found.len(),
            1,
            "expected exactly one `{css}`, found {}",
            found.len()
        );
        found[0]
    }

    pub fn text(&self, css: &str) -> String {
        self.one(css)
            .text()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn texts(&self, css: &str) -> Vec<String> {
        self.select(css)
            .iter()
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    pub fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        self.select(css)
            .iter()
            .filter_map(|e| e.value().attr(attr).map(str::to_string))
            .collect()
    }
}

/// Maps a root-relative URL under `base_path` to the output file it names, if any.
pub fn resolve_href(public: &Path, base_path: &str, href: &str) -> Option<PathBuf> {
    let path = href.split(['#', '?']).next()?;
    let rest = path.strip_prefix(base_path)?;
    let decoded = percent_decode(rest);
    let file = if decoded.is_empty() || decoded.ends_with('/') {
        public.join(&decoded).join("index.html")
    } else {
        public.join(&decoded)
    };
    file.is_file().then_some(file)
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = e.path().strip_prefix(from).expect("prefix");
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(e.path(), &dest).expect("copy");
        }
    }
}

/// A small deterministic generator for randomized tests: a sequence is reproducible from its
/// seed (no crate needed to pick among a few edits).
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }

    /// A front-matter `date:` line (2010-2024, January to September) half the time, else
    /// nothing: generated briefings in the randomized edit tests.
    pub fn date_line(&mut self) -> String {
        if self.next(2) == 0 {
            format!("date: 20{:02}-0{}\n", 10 + self.next(15), 1 + self.next(9))
        } else {
            String::new()
        }
    }
}
