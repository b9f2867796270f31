//! The `std::fs` wrappers the pipeline uses: every failure becomes a diagnostic naming its
//! path. Direct `std::fs` calls remain in three places with their own error reporting:
//! `load::StaticFile::read` (a static file's bytes), the `ingest` command reading its input
//! files (cli.rs), and `serve`'s watcher canonicalizing the root (serve/watch.rs).
//!
//! Callers pass the path to report (relative to the site root where there is one) separately
//! from the path to open, so messages stay short and stable across machines.

use crate::error::Diagnostic;
use std::path::Path;

/// A site-relative path as reports show it: `/`-separated on every system, so `status
/// --json` and what the editor reads are the same on Windows.
pub fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads a UTF-8 text file; a file that is not UTF-8 is an error that says so.
///
/// U+0000 becomes U+FFFD, as CommonMark asks of Markdown: done here, where every text input
/// enters, so no NUL reaches a page, a feed, JSON-LD or the search index by any path.
pub fn read_text(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| Diagnostic::io(shown, &e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, col) = {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let text = String::from_utf8_lossy(valid);
            crate::error::line_col(&text, text.len())
        };
        Diagnostic::error(
            crate::error::Location::at(shown, line, col),
            "file is not valid UTF-8 text (save it as UTF-8)",
        )
    })?;
    Ok(if text.contains('\0') {
        text.replace('\0', "\u{FFFD}")
    } else {
        text
    })
}

pub fn read_optional_text(path: &Path, shown: &Path) -> Result<Option<String>, Diagnostic> {
    if path.exists() {
        read_text(path, shown).map(Some)
    } else {
        Ok(None)
    }
}

/// Takes an exclusive lock on a folder, waiting while another process holds it; released
/// when the returned handle is dropped (or the process ends, even by a crash). The lock is on
/// the folder itself, so nothing is written for it.
pub fn lock_dir(path: &Path) -> Result<std::fs::File, Diagnostic> {
    let dir = std::fs::File::open(path).map_err(|e| Diagnostic::io(path, &e))?;
    match dir.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            log::info!(
                "waiting for another build writing beside {}",
                path.display()
            );
            dir.lock().map_err(|e| Diagnostic::io(path, &e))?;
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(Diagnostic::io(path, &e)),
    }
    Ok(dir)
}

/// Writes a file whole, replacing what is there: a temporary file beside it, then a rename, so
/// a reader never sees half of it.
pub fn replace_file(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let tmp = temp_beside(path);
    write_file(&tmp, bytes)?;
    rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// A temporary name beside `path`, hidden (so loading skips it) and unique to this process.
fn temp_beside(path: &Path) -> std::path::PathBuf {
    let folder = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    folder.join(format!(".{name}.{}.tmp", std::process::id()))
}

/// Writes a file that must not exist yet, atomically: a temporary file beside it, then a hard
/// link to the final name, which the kernel refuses if the name is taken. `Ok(false)` when
/// it was. Where hard links are not supported, an exclusive create does the same check.
pub fn write_new_file(path: &Path, bytes: &[u8]) -> Result<bool, Diagnostic> {
    use std::io::Write;
    let tmp = temp_beside(path);
    write_file(&tmp, bytes)?;
    let linked = std::fs::hard_link(&tmp, path);
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(_) => {
            let mut file = match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
            {
                Ok(f) => f,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Ok(false),
                Err(e) => return Err(Diagnostic::io(path, &e)),
            };
            file.write_all(bytes)
                .map_err(|e| Diagnostic::io(path, &e))?;
            Ok(true)
        }
    }
}

pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    std::fs::write(path, bytes).map_err(|e| Diagnostic::io(path, &e))
}

pub fn create_dir_all(path: &Path) -> Result<(), Diagnostic> {
    std::fs::create_dir_all(path).map_err(|e| Diagnostic::io(path, &e))
}

pub fn copy_file(from: &Path, to: &Path) -> Result<(), Diagnostic> {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| Diagnostic::io(from, &e))
}

pub fn rename(from: &Path, to: &Path) -> Result<(), Diagnostic> {
    std::fs::rename(from, to).map_err(|e| Diagnostic::io(from, &e))
}

pub fn remove_dir_all(path: &Path) -> Result<(), Diagnostic> {
    match std::fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Diagnostic::io(path, &e)),
    }
}

/// True if `path` is a directory with no entries.
pub fn is_empty_dir(path: &Path) -> Result<bool, Diagnostic> {
    let mut entries = std::fs::read_dir(path).map_err(|e| Diagnostic::io(path, &e))?;
    Ok(entries.next().is_none())
}

/// Canonical form of a path that may not exist yet: its nearest existing ancestor is
/// canonicalized and the rest appended, so `public/../content` compares equal to `content`.
pub fn absolute(path: &Path) -> Result<std::path::PathBuf, Diagnostic> {
    let abs = std::path::absolute(path).map_err(|e| Diagnostic::io(path, &e))?;
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(c) = existing.canonicalize() {
            let mut out = c;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return Ok(out);
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return Ok(abs),
        }
    }
}

/// The process's resident memory in MiB, where the system says (Linux's `/proc`), so `-v`
/// shows which stage holds what.
pub fn resident_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}
