//! Outputs + static files -> the output folder, all or nothing.
//!
//! The site is written into a fresh folder beside the output and swapped in only when every
//! file was written, so a failed build leaves the previous output exactly as it was. marsad
//! marks the folders it creates and never replaces a folder it did not create, nor one that is
//! the site root or holds its sources.

use crate::error::{Diagnostic, Diagnostics, Location};
use crate::fs;
use crate::load::{CONTENT_DIR, STATIC_DIR, StaticFile, TEMPLATES_DIR};
use crate::render::Output;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// The file that marks an output folder as marsad's own.
pub const MARKER: &str = ".marsad-output";
const MARKER_TEXT: &str = "This folder is written by `marsad build` and replaced on every build.\n";

#[derive(Debug, Clone, Copy, Default)]
pub struct WriteReport {
    pub files: usize,
    pub bytes: u64,
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

/// Writes a complete site into `output`, replacing what was there only on success.
pub fn write_site(
    output: &Path,
    outputs: &[Output],
    static_files: &[StaticFile],
) -> Result<WriteReport, Diagnostics> {
    check_paths(outputs, static_files)?;
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let staging = parent.join(format!(".{name}.marsad-new"));
    let old = parent.join(format!(".{name}.marsad-old"));
    // Leftovers of an interrupted build carry our own names, so they are ours to remove.
    fs::remove_dir_all(&staging)?;
    fs::remove_dir_all(&old)?;
    fs::create_dir_all(&staging)?;
    let result = fill(&staging, outputs, static_files);
    let report = match result {
        Ok(r) => r,
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    if output.exists() {
        fs::rename(output, &old)?;
        if let Err(e) = fs::rename(&staging, output) {
            let _ = fs::rename(&old, output);
            return Err(e.into());
        }
        fs::remove_dir_all(&old)?;
    } else {
        fs::rename(&staging, output)?;
    }
    Ok(report)
}

fn fill(
    dir: &Path,
    outputs: &[Output],
    static_files: &[StaticFile],
) -> Result<WriteReport, Diagnostics> {
    fs::write_file(&dir.join(MARKER), MARKER_TEXT.as_bytes())?;
    let mut folders: Vec<PathBuf> = outputs
        .iter()
        .map(|o| o.path.as_str())
        .chain(static_files.iter().map(|s| s.name.as_str()))
        .filter_map(|p| Path::new(p).parent().map(|d| dir.join(d)))
        .collect();
    folders.sort();
    folders.dedup();
    for f in &folders {
        fs::create_dir_all(f)?;
    }
    let written: Vec<Result<u64, Diagnostic>> = outputs
        .par_iter()
        .map(|o| fs::write_file(&dir.join(&o.path), &o.bytes).map(|()| o.bytes.len() as u64))
        .chain(
            static_files
                .par_iter()
                .map(|s| fs::copy_file(&s.source, &dir.join(&s.name)).map(|()| 0)),
        )
        .collect();
    let mut report = WriteReport::default();
    let mut diags = Diagnostics::new();
    for w in written {
        match w {
            Ok(bytes) => {
                report.files += 1;
                report.bytes += bytes;
            }
            Err(d) => diags.push(d),
        }
    }
    diags.into_result()?;
    Ok(report)
}

/// Every output path must stay inside the output folder, and no two files may share a path.
fn check_paths(outputs: &[Output], static_files: &[StaticFile]) -> Result<(), Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut seen: BTreeMap<&str, String> = BTreeMap::new();
    let entries = outputs
        .iter()
        .map(|o| (o.path.as_str(), "a generated page".to_string()))
        .chain(
            static_files
                .iter()
                .map(|s| (s.name.as_str(), format!("{STATIC_DIR}/{}", s.name))),
        );
    for (path, what) in entries {
        let safe = !path.is_empty()
            && Path::new(path)
                .components()
                .all(|c| matches!(c, Component::Normal(_)));
        if !safe {
            diags.push(Diagnostic::error(
                Location::file(path),
                format!("{what} would be written outside the output folder"),
            ));
            continue;
        }
        if path == MARKER {
            diags.push(Diagnostic::error(
                Location::file(format!("{STATIC_DIR}/{MARKER}")),
                "this file name is reserved for marsad's output marker",
            ));
        }
        if let Some(first) = seen.insert(path, what.clone()) {
            diags.push(Diagnostic::error(
                Location::file(path),
                format!("two files would be written to /{path}: {first} and {what}"),
            ));
        }
    }
    diags.into_result().map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out(path: &str) -> Output {
        Output {
            path: path.into(),
            bytes: Vec::new(),
        }
    }

    #[test]
    fn paths_that_climb_out_are_refused() {
        for bad in ["../x", "/etc/passwd", "a/../../b", ""] {
            assert!(check_paths(&[out(bad)], &[]).is_err(), "{bad}");
        }
        assert!(check_paths(&[out("en/x/index.html")], &[]).is_ok());
    }

    #[test]
    fn a_static_file_may_not_shadow_a_page() {
        let s = StaticFile {
            name: "en/index.html".into(),
            source: "static/en/index.html".into(),
        };
        let err = check_paths(&[out("en/index.html")], &[s])
            .unwrap_err()
            .to_string();
        assert!(err.contains("static/en/index.html"), "{err}");
    }
}
