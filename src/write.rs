//! Outputs + static files -> the output folder, all or nothing.
//!
//! The site is written into a fresh folder beside the output and swapped in only when every
//! file was written, so a failed build leaves the previous output exactly as it was. marsad
//! marks the folders it creates and never replaces a folder it did not create, nor one that is
//! the site root or holds its sources.

use crate::error::{Diagnostic, Diagnostics, Location};
use crate::fs;
use crate::load::{CONTENT_DIR, STATIC_DIR, StaticFile, StaticSource, TEMPLATES_DIR};
use crate::render::Output;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// The file that marks an output folder as marsad's own.
pub const MARKER: &str = ".marsad-output";
const MARKER_TEXT: &str = "This folder is written by `marsad build` and replaced on every build.\n";
/// The marker's line that says which base URL the site was built for (`marsad check` reads
/// it, so checking the folder needs no flag the build already had).
const MARKER_BASE_URL: &str = "base_url: ";

/// The base URL the site in `output` was built for, as its marker says.
pub fn built_base_url(output: &Path) -> Option<String> {
    let text = std::fs::read_to_string(output.join(MARKER)).ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix(MARKER_BASE_URL))
        .map(str::to_string)
}

#[derive(Debug, Clone, Default)]
pub struct WriteReport {
    pub files: usize,
    /// Set when the new output is in place but the previous one could not be removed.
    pub leftover: Option<Diagnostic>,
}

/// Refuses output folders that would destroy sources or something marsad did not create.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let root = fs::absolute(root)?;
    let out = fs::absolute(output)?;
    let shown = Location::file(output);
    if out == root {
        return Err(Diagnostic::error(
            shown,
            "the output folder cannot be the site root",
        ));
    }
    if root.starts_with(&out) {
        return Err(Diagnostic::error(
            shown,
            "the output folder cannot contain the site root",
        ));
    }
    for src in [
        CONTENT_DIR,
        TEMPLATES_DIR,
        STATIC_DIR,
        crate::config::CONFIG_FILE,
    ] {
        let s = root.join(src);
        if out.starts_with(&s) || s.starts_with(&out) {
            return Err(Diagnostic::error(
                shown,
                format!("the output folder cannot be or hold the site's sources ({src})"),
            ));
        }
    }
    // The output is replaced whole at the end of a build; the folder a shell stands in
    // cannot be renamed through `.`, and a shell left in the old output would stand in a
    // deleted folder.
    if let Ok(here) = std::env::current_dir()
        && here.starts_with(&out)
    {
        return Err(Diagnostic::error(
            shown,
            format!(
                "the output folder is the folder you are in (or holds it); marsad replaces the output folder whole at the end of a build: run the build from elsewhere, e.g. `cd {} && marsad build`",
                root.display()
            ),
        ));
    }
    if out.exists() {
        if !out.is_dir() {
            return Err(Diagnostic::error(
                shown,
                "the output path exists and is not a folder",
            ));
        }
        if !out.join(MARKER).is_file() && !fs::is_empty_dir(&out)? {
            return Err(Diagnostic::error(
                shown,
                format!(
                    "the output folder exists and was not created by marsad (no {MARKER} in it); remove it or choose another --output-dir"
                ),
            ));
        }
    }
    Ok(())
}

/// A fresh folder beside the output that files are written into as they are rendered, and
/// that replaces the output only on [`Staging::commit`]. Dropped without a commit, it
/// removes itself and the output stays as it was.
pub struct Staging {
    output: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    written: Mutex<HashSet<String>>,
    folders: Mutex<HashSet<PathBuf>>,
    committed: bool,
    /// Held from begin to drop: two builds into one output never mix their files.
    _lock: std::fs::File,
}

impl Staging {
    /// Takes the output's lock, puts back the previous output if a crash left it under its
    /// temporary name, removes leftovers of an interrupted build (which carry our own names),
    /// and creates the staging folder, marked as marsad's.
    pub fn begin(output: &Path) -> Result<Staging, Diagnostics> {
        let (parent, dir, old) = swap_paths(output);
        let lock = fs::lock_dir(&parent)?;
        recover_previous(output, &old)?;
        fs::remove_dir_all(&dir)?;
        fs::create_dir_all(&dir)?;
        fs::write_file(&dir.join(MARKER), MARKER_TEXT.as_bytes())?;
        Ok(Staging {
            output: output.to_path_buf(),
            dir,
            old,
            written: Mutex::new(HashSet::new()),
            folders: Mutex::new(HashSet::new()),
            committed: false,
            _lock: lock,
        })
    }

    /// Notes in the output's marker the base URL the site is built for.
    pub fn note_base_url(&self, base_url: &url::Url) -> Result<(), Diagnostic> {
        let text = format!("{MARKER_TEXT}{MARKER_BASE_URL}{base_url}\n");
        fs::write_file(&self.dir.join(MARKER), text.as_bytes())
    }

    /// Writes one generated file. Safe to call from many threads.
    pub fn put(&self, out: &Output) -> Result<(), Diagnostic> {
        self.claim(&out.path, "a generated page")?;
        let target = self.dir.join(&out.path);
        self.ensure_folder(&target)?;
        fs::write_file(&target, &out.bytes)?;
        Ok(())
    }

    /// Copies the static files; one that would overwrite a generated file is an error.
    pub fn copy_static(&self, files: &[StaticFile]) -> Result<(), Diagnostics> {
        let results: Vec<Result<(), Diagnostic>> = files
            .par_iter()
            .map(|s| {
                self.claim(&s.name, &format!("{STATIC_DIR}/{}", s.name))?;
                let target = self.dir.join(&s.name);
                self.ensure_folder(&target)?;
                match &s.source {
                    StaticSource::File(path) => fs::copy_file(path, &target),
                    StaticSource::BuiltIn(bytes) => fs::write_file(&target, bytes),
                }
            })
            .collect();
        let mut diags = Diagnostics::new();
        diags.extend(results.into_iter().filter_map(Result::err));
        diags.into_result().map(|_| ())
    }

    /// The files written so far.
    pub fn written(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .written
            .lock()
            .map(|w| w.iter().cloned().collect())
            .unwrap_or_default();
        v.sort();
        v
    }

    /// Swaps the staging folder in for the output.
    pub fn commit(mut self) -> Result<WriteReport, Diagnostics> {
        let files = self.written.lock().map(|w| w.len()).unwrap_or(0);
        let mut leftover = None;
        if self.output.exists() {
            fs::rename(&self.output, &self.old)?;
            if let Err(e) = fs::rename(&self.dir, &self.output) {
                if fs::rename(&self.old, &self.output).is_err() {
                    // The next build's `begin` puts it back; say where it is meanwhile.
                    return Err(Diagnostic::error(
                        e.location.clone(),
                        format!(
                            "{}; the previous output is kept in {} and the next build puts it back",
                            e.message,
                            self.old.display()
                        ),
                    )
                    .into());
                }
                return Err(e.into());
            }
            leftover = fs::remove_dir_all(&self.old)
                .err()
                .map(|e| leftover_warning(&self.old, &e));
        } else {
            fs::rename(&self.dir, &self.output)?;
        }
        self.committed = true;
        Ok(WriteReport { files, leftover })
    }

    /// Every path must stay inside the output folder and be written once.
    fn claim(&self, path: &str, what: &str) -> Result<(), Diagnostic> {
        check_path(path, what)?;
        let mut written = self
            .written
            .lock()
            .map_err(|_| Diagnostic::error(Location::file(path), "internal: lock poisoned"))?;
        if !written.insert(path.to_string()) {
            return Err(Diagnostic::error(
                Location::file(path),
                format!("two files would be written to /{path} (the second is {what})"),
            ));
        }
        Ok(())
    }

    fn ensure_folder(&self, target: &Path) -> Result<(), Diagnostic> {
        let Some(folder) = target.parent() else {
            return Ok(());
        };
        let known = self
            .folders
            .lock()
            .map(|f| f.contains(folder))
            .unwrap_or(false);
        if !known {
            fs::create_dir_all(folder)?;
            if let Ok(mut f) = self.folders.lock() {
                f.insert(folder.to_path_buf());
            }
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// The folder beside `output` and the two temporary names a build uses there: the staging
/// folder and the previous output during the swap.
fn swap_paths(output: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let dir = parent.join(format!(".{name}.marsad-new"));
    let old = parent.join(format!(".{name}.marsad-old"));
    (parent, dir, old)
}

/// A crash between the swap's two renames leaves the previous output only under its
/// temporary name: put it back before anything else, so a failing build still leaves it.
/// With the output in place, a leftover is an old output whose removal failed.
fn recover_previous(output: &Path, old: &Path) -> Result<(), Diagnostic> {
    if !old.is_dir() {
        return Ok(());
    }
    if output.exists() {
        fs::remove_dir_all(old)
    } else {
        fs::rename(old, output)
    }
}

/// The swap succeeded but the previous output stayed behind: the build did its job, and
/// the message must not claim the output is unchanged.
fn leftover_warning(old: &Path, err: &Diagnostic) -> Diagnostic {
    Diagnostic::warning(
        Location::file(old),
        format!(
            "the new output is in place, but the previous one could not be removed ({}); the next build removes it",
            err.message
        ),
    )
}

/// What a failed build left in `output`, for the last line of its report: the previous
/// output is either where it was, or kept under its temporary name until the next build.
pub fn after_failure(output: &Path) -> String {
    let (_, _, old) = swap_paths(output);
    if !output.exists() && old.is_dir() {
        format!(
            "build failed; the previous output is kept in {} and the next build puts it back",
            old.display()
        )
    } else {
        "build failed; the previous output (if any) is unchanged".to_string()
    }
}

/// Writes a complete site into `output`, replacing what was there only on success.
pub fn write_site(
    output: &Path,
    outputs: &[Output],
    static_files: &[StaticFile],
) -> Result<WriteReport, Diagnostics> {
    let staging = Staging::begin(output)?;
    let results: Vec<Result<(), Diagnostic>> = outputs.par_iter().map(|o| staging.put(o)).collect();
    let mut diags = Diagnostics::new();
    diags.extend(results.into_iter().filter_map(Result::err));
    diags.into_result()?;
    staging.copy_static(static_files)?;
    staging.commit()
}

/// A path must name a file inside the output folder, and not marsad's marker.
fn check_path(path: &str, what: &str) -> Result<(), Diagnostic> {
    let safe = !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    if !safe {
        return Err(Diagnostic::error(
            Location::file(path),
            format!("{what} would be written outside the output folder"),
        ));
    }
    if path == MARKER {
        return Err(Diagnostic::error(
            Location::file(format!("{STATIC_DIR}/{MARKER}")),
            "this file name is reserved for marsad's output marker",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_removal_of_the_previous_output_is_a_warning_that_says_the_new_one_is_in() {
        let d = leftover_warning(
            Path::new(".public.marsad-old"),
            &Diagnostic::error(Location::file("x"), "permission denied"),
        );
        assert_eq!(d.severity, crate::error::Severity::Warning);
        assert!(d.message.starts_with("the new output is in place"), "{d}");
        assert!(!d.message.contains("unchanged"));
    }

    #[test]
    fn a_second_build_into_the_same_output_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let first = Staging::begin(&output).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let out2 = output.clone();
        let second = std::thread::spawn(move || {
            let s = Staging::begin(&out2).map(|_| ());
            let _ = tx.send(());
            s
        });
        assert!(
            rx.recv_timeout(std::time::Duration::from_millis(300))
                .is_err(),
            "the second build began while the first held the output"
        );
        first.commit().unwrap();
        rx.recv_timeout(std::time::Duration::from_secs(10))
            .expect("the second build goes on once the first is done");
        second.join().unwrap().unwrap();
    }

    fn out(path: &str) -> Output {
        Output {
            path: path.into(),
            bytes: Vec::new(),
        }
    }

    #[test]
    fn paths_that_climb_out_are_refused() {
        for bad in ["../x", "/etc/passwd", "a/../../b", ""] {
            assert!(check_path(bad, "a page").is_err(), "{bad}");
        }
        assert!(check_path("en/x/index.html", "a page").is_ok());
    }

    #[test]
    fn a_static_file_may_not_shadow_a_page_and_nothing_is_left_behind() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("static-en-index.html");
        std::fs::write(&src, "x").unwrap();
        let s = StaticFile {
            name: "en/index.html".into(),
            source: StaticSource::File(src),
        };
        let output = dir.path().join("public");
        let err = write_site(&output, &[out("en/index.html")], &[s])
            .unwrap_err()
            .to_string();
        assert!(err.contains("static/en/index.html"), "{err}");
        assert!(!output.exists());
        assert!(
            !dir.path().join(".public.marsad-new").exists(),
            "staging removed"
        );
    }
}
