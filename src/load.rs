//! Site root -> [`Sources`]: reads every input once (configuration, briefings, templates,
//! Fluent files, registries, the static file list) so that every later stage is pure.
//!
//! Templates, Fluent files and static files start from the built-in theme
//! ([`crate::theme`]); a file of the site's own `templates/` or `static/` replaces the
//! built-in one of the same relative name, so a site holds only what it changes.

use crate::config::{CONFIG_FILE, ConfigOverrides, SiteConfig, parse_config};
use crate::error::{Diagnostic, Diagnostics, Location};
use crate::fs;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

pub const CONTENT_DIR: &str = "content";
pub const TEMPLATES_DIR: &str = "templates";
pub const STATIC_DIR: &str = "static";
/// Registry files live here, inside `content/` so editors find them next to the briefings.
pub const REGISTRY_DIR: &str = "_registry";

/// Everything read from disk, untouched.
#[derive(Debug, Clone)]
pub struct Sources {
    pub content: Vec<SourceFile>,
    pub templates: Vec<TextFile>,
    pub messages: Vec<TextFile>,
    pub registries: Vec<TextFile>,
    pub static_files: Vec<StaticFile>,
}

/// A briefing's Markdown file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root (`content/en/x.md`), used in every diagnostic.
    pub path: PathBuf,
    /// Path relative to `content/` with `/` separators (`en/x.md`).
    pub content_path: String,
    pub text: String,
    /// A hash of `text`, worked out when first asked (by `serve`'s cache, on every rebuild)
    /// and kept as long as the file is: a file read once is not hashed on every edit.
    text_hash: std::sync::OnceLock<u64>,
}

impl SourceFile {
    pub fn new(path: PathBuf, content_path: String, text: String) -> SourceFile {
        SourceFile {
            path,
            content_path,
            text,
            text_hash: std::sync::OnceLock::new(),
        }
    }

    pub fn text_hash(&self) -> u64 {
        *self
            .text_hash
            .get_or_init(|| crate::fingerprint::hash_of(&self.text))
    }
}

/// A text input other than a briefing: a template, a Fluent file or a registry.
#[derive(Debug, Clone)]
pub struct TextFile {
    /// Path relative to the site root, for diagnostics.
    pub path: PathBuf,
    /// Name relative to its folder with `/` separators (`base.html`, `i18n/ar.ftl`).
    pub name: String,
    pub text: String,
}

/// A file under `static/` (the site's or the built-in theme's), copied as it is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct StaticFile {
    /// Path relative to `static/` with `/` separators; also its path in the output.
    pub name: String,
    pub source: StaticSource,
}

/// Where a static file's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum StaticSource {
    /// A file of the site, read when it is copied.
    File(PathBuf),
    /// A file of the built-in theme, in the binary.
    BuiltIn(&'static [u8]),
}

impl StaticFile {
    /// The file's bytes: read from the site, or the built-in theme's.
    pub fn read(&self) -> Result<std::borrow::Cow<'static, [u8]>, Diagnostic> {
        match &self.source {
            StaticSource::File(path) => std::fs::read(path)
                .map(std::borrow::Cow::Owned)
                .map_err(|e| Diagnostic::io(path, &e)),
            StaticSource::BuiltIn(bytes) => Ok(std::borrow::Cow::Borrowed(bytes)),
        }
    }
}

/// The configuration and every source: what a build, a check or an ingest starts from.
pub fn load_site(
    root: &Path,
    overrides: &ConfigOverrides,
) -> Result<(SiteConfig, Sources), Diagnostics> {
    let config = load_config(root, overrides)?;
    let sources = load_parts(root, &config, true)?;
    Ok((config, sources))
}

/// Reads and validates `site.toml`.
pub fn load_config(root: &Path, overrides: &ConfigOverrides) -> Result<SiteConfig, Diagnostics> {
    require_site(root)?;
    crate::config::check_today_override()?;
    let shown = Path::new(CONFIG_FILE);
    let text = fs::read_text(&root.join(CONFIG_FILE), shown)?;
    parse_config(&text, shown, overrides)
}

/// A folder is a site when it has `site.toml`. Checked before anything else, so a command run
/// in the wrong folder says so and points to `marsad init` instead of "cannot access site.toml".
pub fn require_site(root: &Path) -> Result<(), Diagnostic> {
    if root.join(CONFIG_FILE).exists() {
        return Ok(());
    }
    if !root.exists() {
        return Err(Diagnostic::error(
            Location::nowhere(),
            format!(
                "the folder {} does not exist (check the path given to --root)",
                root.display()
            ),
        ));
    }
    if !root.is_dir() {
        return Err(Diagnostic::error(
            Location::nowhere(),
            format!(
                "{} is a file; a site is a folder holding {CONFIG_FILE}",
                root.display()
            ),
        ));
    }
    Err(Diagnostic::error(
        Location::nowhere(),
        format!(
            "{} is not a marsad site (it has no {CONFIG_FILE}); run `marsad init` to create one, or pass --root",
            root.display()
        ),
    ))
}

/// The site a command run in `start` without `--root` works on: `start` itself or the nearest
/// folder above it that has `site.toml`, as git and cargo find theirs (issue 25), so an
/// editor standing in `content/en/` builds the site around them. The root comes back as a
/// path from `start` (`start`, `start/..`, ...), so what commands print stays relative to
/// where the editor stands. No site above: an error naming `start` that points to `init`.
pub fn find_site_root(start: &Path) -> Result<PathBuf, Diagnostic> {
    let absolute = fs::absolute(start).map_err(|d| {
        Diagnostic::error(
            Location::nowhere(),
            format!("cannot tell which folder this is: {}", d.message),
        )
    })?;
    // `.` itself, then `..`, `../..`: no `./` in front, which would show in every path.
    let mut root: PathBuf = start
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    for folder in absolute.ancestors() {
        if folder.join(CONFIG_FILE).is_file() {
            return Ok(if root.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                root
            });
        }
        root.push("..");
    }
    Err(Diagnostic::error(
        Location::nowhere(),
        format!(
            "no {CONFIG_FILE} in {} or any folder above it, so this is not inside a marsad site; run `marsad init` to create one, or pass --root",
            absolute.display()
        ),
    ))
}

/// Everything but the briefings: templates, messages, registries, the static list.
pub fn load_sources_without_content(
    root: &Path,
    config: &SiteConfig,
) -> Result<Sources, Diagnostics> {
    load_parts(root, config, false)
}

/// Reads every input below `root`. All unreadable files are reported together.
fn load_parts(
    root: &Path,
    config: &SiteConfig,
    with_content: bool,
) -> Result<Sources, Diagnostics> {
    let mut diags = Diagnostics::new();
    let walk = Walk::new(root, config);
    let content_root = root.join(CONTENT_DIR);
    if !content_root.is_dir() {
        diags.push(Diagnostic::error(
            Location::file(CONTENT_DIR),
            "the content folder is missing (expected Markdown briefings under content/)",
        ));
    }
    let mut content_paths = Vec::new();
    let mut registry_paths = Vec::new();
    for name in walk.list(&content_root, &mut diags) {
        if name.starts_with(&format!("{REGISTRY_DIR}/")) {
            if name.ends_with(".yaml") || name.ends_with(".yml") {
                registry_paths.push(name);
            }
        } else if name.ends_with(".md") && with_content {
            content_paths.push(name);
        }
    }
    let content = read_all(root, CONTENT_DIR, content_paths, &mut diags)
        .into_iter()
        .map(|f| SourceFile::new(f.path, f.name, f.text))
        .collect();
    let registries = read_all(root, CONTENT_DIR, registry_paths, &mut diags);

    let template_root = root.join(TEMPLATES_DIR);
    let (mut template_names, mut message_names) = (Vec::new(), Vec::new());
    for name in walk.list(&template_root, &mut diags) {
        if name.ends_with(".ftl") {
            message_names.push(name);
        } else if [".html", ".xml", ".json", ".txt"]
            .iter()
            .any(|ext| name.ends_with(ext))
        {
            template_names.push(name);
        }
    }
    let mut templates = read_all(root, TEMPLATES_DIR, template_names, &mut diags);
    let mut messages = read_all(root, TEMPLATES_DIR, message_names, &mut diags);
    for (name, text) in crate::theme::templates() {
        let list = if name.ends_with(".ftl") {
            &mut messages
        } else {
            &mut templates
        };
        if !list.iter().any(|f| f.name == name) {
            list.push(TextFile {
                path: Path::new(crate::theme::BUILT_IN)
                    .join(TEMPLATES_DIR)
                    .join(name),
                name: name.to_string(),
                text: text.to_string(),
            });
        }
    }
    templates.sort_by(|a, b| a.name.cmp(&b.name));
    messages.sort_by(|a, b| a.name.cmp(&b.name));

    let static_root = root.join(STATIC_DIR);
    let mut static_files: Vec<StaticFile> = walk
        .list(&static_root, &mut diags)
        .into_iter()
        .map(|name| StaticFile {
            source: StaticSource::File(static_root.join(&name)),
            name,
        })
        .collect();
    for (name, bytes) in crate::theme::static_files() {
        if !static_files.iter().any(|f| f.name == name) {
            static_files.push(StaticFile {
                name: name.to_string(),
                source: StaticSource::BuiltIn(bytes),
            });
        }
    }
    static_files.sort();

    if diags.has_errors() {
        return Err(diags);
    }
    Ok(Sources {
        content,
        templates,
        messages,
        registries,
        static_files,
    })
}

/// Reads one briefing file again (`serve` after an edit). `Ok(None)` when it is gone or is
/// not a briefing.
pub fn read_source_file(
    root: &Path,
    config: &SiteConfig,
    rel: &Path,
) -> Result<Option<SourceFile>, Diagnostic> {
    let abs = root.join(rel);
    if !abs.is_file() || rel.extension().is_none_or(|e| e != "md") {
        return Ok(None);
    }
    let Ok(in_content) = rel.strip_prefix(CONTENT_DIR) else {
        return Ok(None);
    };
    let content_path = site_name(in_content)?;
    if content_path.starts_with(&format!("{REGISTRY_DIR}/"))
        || content_path.split('/').any(is_ignored)
    {
        return Ok(None);
    }
    Walk::new(root, config).check_link(&abs, rel)?;
    let text = fs::read_text(&abs, rel)?;
    Ok(Some(SourceFile::new(rel.to_path_buf(), content_path, text)))
}

/// Briefing files under a folder of `content/` (a folder moved in while serving).
pub fn list_content_under(root: &Path, config: &SiteConfig, rel: &Path) -> Vec<PathBuf> {
    let mut diags = Diagnostics::new();
    Walk::new(root, config)
        .list(&root.join(rel), &mut diags)
        .into_iter()
        .filter(|n| n.ends_with(".md"))
        .map(|n| rel.join(n))
        .collect()
}

/// Reads every file under `static/` into memory (`serve` serves from memory).
pub fn read_static(files: &[StaticFile]) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let mut out = Vec::with_capacity(files.len());
    let mut diags = Diagnostics::new();
    for f in files {
        match f.read() {
            Ok(bytes) => out.push((f.name.clone(), bytes.into_owned())),
            Err(d) => diags.push(d),
        }
    }
    diags.into_result()?;
    Ok(out)
}

/// How the site's folders are walked: which links may lead out of the site.
struct Walk {
    /// The site root as given, to name files relative to it.
    given_root: PathBuf,
    /// The site root with every link resolved, to tell a link's target inside from outside.
    root: PathBuf,
    follow_external_links: bool,
}

impl Walk {
    fn new(root: &Path, config: &SiteConfig) -> Walk {
        Walk {
            given_root: root.to_path_buf(),
            root: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
            follow_external_links: config.follow_external_links,
        }
    }

    /// Files below `dir` (relative names, `/`-separated, sorted), skipping hidden files and
    /// editors' backup and swap files. A missing folder lists nothing. Links are followed
    /// while they stay inside the site; a link out of it is an error (unless `site.toml`
    /// allows it), and so is a name that is not UTF-8, which no URL could carry.
    fn list(&self, dir: &Path, diags: &mut Diagnostics) -> Vec<String> {
        if !dir.is_dir() {
            return Vec::new();
        }
        let mut names = Vec::new();
        let mut walker = walkdir::WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = walker.next() {
            let e = match entry {
                Ok(e) => e,
                Err(e) => {
                    let shown = self.shown(e.path().unwrap_or(dir));
                    diags.push(Diagnostic::error(
                        Location::file(escaped(&shown)),
                        format!("cannot read: {e}"),
                    ));
                    continue;
                }
            };
            let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
            let is_dir = e.file_type().is_dir();
            if e.depth() > 0 && is_ignored(&e.file_name().to_string_lossy()) {
                if is_dir {
                    walker.skip_current_dir();
                }
                continue;
            }
            if (e.path_is_symlink() || e.depth() == 0)
                && let Err(d) = self.check_link(e.path(), &self.shown(e.path()))
            {
                diags.push(d);
                if is_dir {
                    walker.skip_current_dir();
                }
                continue;
            }
            if !e.file_type().is_file() {
                continue;
            }
            match site_name(rel) {
                Ok(name) => names.push(name),
                Err(d) => diags.push(Diagnostic::error(
                    Location::file(escaped(&self.shown(e.path()))),
                    d.message,
                )),
            }
        }
        names
    }

    /// `path` as the site shows it: relative to the root.
    fn shown(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.given_root)
            .unwrap_or(path)
            .to_path_buf()
    }

    /// A link (or a folder reached through one) must lead to a file inside the site, unless
    /// `follow_external_links` is set: a contributed branch must not publish the files of
    /// the machine that builds it.
    fn check_link(&self, path: &Path, shown: &Path) -> Result<(), Diagnostic> {
        if self.follow_external_links {
            return Ok(());
        }
        let Ok(target) = std::fs::canonicalize(path) else {
            return Ok(());
        };
        if target.starts_with(&self.root) {
            return Ok(());
        }
        Err(Diagnostic::error(
            Location::file(escaped(shown)),
            format!(
                "this is a link to `{}`, outside the site; marsad publishes only the site's own files (set `follow_external_links = true` in site.toml to follow links out of the site)",
                escaped(&target)
            ),
        ))
    }
}

/// A path below a site folder as the pipeline names it: UTF-8, `/`-separated. A name that
/// is not UTF-8 cannot become a URL: the error shows it with its odd bytes escaped.
fn site_name(rel: &Path) -> Result<String, Diagnostic> {
    let mut parts = Vec::new();
    for c in rel.components() {
        match c.as_os_str().to_str() {
            Some(part) => parts.push(part),
            None => {
                return Err(Diagnostic::error(
                    Location::file(escaped(rel)),
                    format!(
                        "the name `{}` is not valid UTF-8, so no URL can carry it; rename the file (most file managers and `mv` can)",
                        escaped(Path::new(c.as_os_str()))
                    ),
                ));
            }
        }
    }
    Ok(parts.join("/"))
}

/// A path for a message: valid UTF-8 as it is, other bytes as `\xNN`.
pub fn escaped(path: &Path) -> String {
    let mut out = String::new();
    for chunk in path.as_os_str().as_encoded_bytes().utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

include!("ignored.rs");

fn read_all(
    root: &Path,
    folder: &str,
    names: Vec<String>,
    diags: &mut Diagnostics,
) -> Vec<TextFile> {
    let results: Vec<Result<TextFile, Diagnostic>> = names
        .into_par_iter()
        .map(|name| {
            let shown = Path::new(folder).join(&name);
            let text = fs::read_text(&root.join(&shown), &shown)?;
            Ok(TextFile {
                path: shown,
                name,
                text,
            })
        })
        .collect();
    let mut files = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(d) => diags.push(d),
        }
    }
    files
}

/// The texts a site file had in the git history of the repository holding `root`, newest
/// first, at most `depth` commits back, renames followed; read one commit at a time as the
/// caller asks (`status` stops at the version it looks for). Empty outside git, or without
/// git installed. Only history is read: the working tree is [`load_site`]'s.
pub fn earlier_texts(root: &Path, path: &Path, depth: usize) -> impl Iterator<Item = String> {
    let git = {
        let root = root.to_path_buf();
        move |args: &[&str]| -> Option<Vec<u8>> {
            let out = std::process::Command::new("git")
                .arg("-C")
                .arg(&root)
                .args(args)
                .stderr(std::process::Stdio::null())
                .output()
                .ok()?;
            out.status.success().then_some(out.stdout)
        }
    };
    let rel = format!("./{}", crate::fs::slash_path(path));
    // One log: each commit that touched the file with the file's name in it then.
    let log = git(&[
        "log",
        &format!("-n{depth}"),
        "--follow",
        "--format=commit %H",
        "--name-only",
        "--",
        &rel,
    ])
    .and_then(|l| String::from_utf8(l).ok())
    .unwrap_or_default();
    let mut commits: Vec<(String, String)> = Vec::new();
    for line in log.lines() {
        if let Some(hash) = line.strip_prefix("commit ") {
            commits.push((hash.trim().to_string(), String::new()));
        } else if !line.trim().is_empty()
            && let Some(last) = commits.last_mut()
            && last.1.is_empty()
        {
            last.1 = line.trim().to_string();
        }
    }
    commits
        .into_iter()
        .filter(|(_, name)| !name.is_empty())
        // `commit:name` reads the name from the repository's top, as the log gives it.
        .filter_map(move |(commit, name)| git(&["show", &format!("{commit}:{name}")]))
        .filter_map(|bytes| String::from_utf8(bytes).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_root_is_found_from_a_folder_inside_it_and_not_from_outside() {
        let tmp = tempfile::tempdir().expect("tmp");
        let site = tmp.path().join("site");
        std::fs::create_dir_all(site.join("content/en")).expect("mkdir");
        std::fs::write(site.join(CONFIG_FILE), "").expect("site.toml");
        let inner = site.join("content/en");
        let found = find_site_root(&inner).expect("found");
        assert_eq!(found, inner.join("..").join(".."));
        assert_eq!(
            found.canonicalize().expect("exists"),
            site.canonicalize().expect("exists")
        );
        assert_eq!(find_site_root(&site).expect("found"), site);
        assert_eq!(
            find_site_root(&inner.join(".")).expect("found"),
            inner.join("../..")
        );
        let outside = tmp.path().join("elsewhere");
        std::fs::create_dir_all(&outside).expect("mkdir");
        // Unless a folder above the temporary folder is a site (it is not on a test machine).
        if !tmp
            .path()
            .ancestors()
            .any(|a| a.join(CONFIG_FILE).is_file())
        {
            let e = find_site_root(&outside).expect_err("no site");
            assert!(
                e.message.contains("or any folder above it"),
                "{}",
                e.message
            );
            assert!(e.message.contains("marsad init"), "{}", e.message);
        }
    }

    #[test]
    fn editor_leftovers_are_ignored() {
        for name in [".x.md.swp", "x.md~", "#x.md#", ".hidden.md", "4913.tmp"] {
            assert!(is_ignored(name), "{name}");
        }
        assert!(!is_ignored("briefing.md"));
    }
}
