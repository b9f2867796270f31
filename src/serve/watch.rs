//! File-system events -> bursts of [`Change`]s. A small pure function classifies each path
//! (so editors' temp and swap files are ignored); a debounce turns a burst of events (an
//! atomic save is a create, a rename and a delete) into one rebuild.

use crate::config::CONFIG_FILE;
use crate::load::{CONTENT_DIR, REGISTRY_DIR, STATIC_DIR, TEMPLATES_DIR, is_ignored};
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// What an edit touched, which decides what must be rebuilt.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// A briefing (added, changed or removed), by its path relative to the root.
    Content(PathBuf),
    Registry,
    /// A template or a Fluent file.
    Templates,
    /// A file under `static/`, by its path relative to the root.
    Static(PathBuf),
    Config,
}

/// Classifies a changed path, relative or absolute under `root`; `None` for anything marsad
/// does not read (other folders, hidden, backup and swap files).
pub fn classify(root: &Path, path: &Path) -> Option<Change> {
    let rel = path.strip_prefix(root).unwrap_or(path);
    if rel
        .components()
        .any(|c| is_ignored(&c.as_os_str().to_string_lossy()))
    {
        return None;
    }
    let mut parts = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let first = parts.next()?;
    let second = parts.next();
    match first.as_str() {
        CONFIG_FILE if second.is_none() => Some(Change::Config),
        CONTENT_DIR if second.as_deref() == Some(REGISTRY_DIR) => Some(Change::Registry),
        CONTENT_DIR => {
            let name = rel.to_string_lossy();
            (name.ends_with(".md") || rel.extension().is_none())
                .then(|| Change::Content(rel.to_path_buf()))
        }
        TEMPLATES_DIR => Some(Change::Templates),
        STATIC_DIR => Some(Change::Static(rel.to_path_buf())),
        _ => None,
    }
}

fn is_change(kind: &notify::EventKind) -> bool {
    use notify::EventKind;
    use notify::event::{AccessKind, AccessMode, ModifyKind};
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        // A file closed after writing: some editors' only sign of a save.
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        _ => false,
    }
}

/// How long the tree must be quiet before a burst is handed on, and the most a burst waits.
pub const QUIET: Duration = Duration::from_millis(25);
pub const LONGEST: Duration = Duration::from_millis(1000);

/// Watches `root` and sends one set of changes per burst of edits.
pub fn watch(
    root: &Path,
    bursts: mpsc::Sender<BTreeSet<Change>>,
) -> Result<notify::RecommendedWatcher, String> {
    let (tx, rx) = mpsc::channel::<PathBuf>();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        // Reading a file is an event too (inotify reports opens and closes): only changes
        // count, or every rebuild would trigger the next.
        if let Ok(event) = res
            && is_change(&event.kind)
        {
            for p in event.paths {
                let _ = tx.send(p);
            }
        }
    })
    .map_err(|e| format!("cannot watch files: {e}"))?;
    for part in [CONTENT_DIR, TEMPLATES_DIR, STATIC_DIR] {
        let dir = root.join(part);
        if dir.is_dir() {
            watcher
                .watch(&dir, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
        }
    }
    // site.toml is watched through its folder: editors replace it by renaming.
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            let started = Instant::now();
            let mut paths = vec![first];
            while started.elapsed() < LONGEST {
                match rx.recv_timeout(QUIET) {
                    Ok(p) => paths.push(p),
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
            let changes: BTreeSet<Change> =
                paths.iter().filter_map(|p| classify(&root, p)).collect();
            if !changes.is_empty() && bursts.send(changes).is_err() {
                return;
            }
        }
    });
    Ok(watcher)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_classified_by_what_they_feed() {
        let root = Path::new("/site");
        let c = |p: &str| classify(root, Path::new(p));
        assert_eq!(
            c("/site/content/en/a.md"),
            Some(Change::Content("content/en/a.md".into()))
        );
        assert_eq!(
            c("/site/content/_registry/actors.yaml"),
            Some(Change::Registry)
        );
        assert_eq!(c("/site/templates/base.html"), Some(Change::Templates));
        assert_eq!(c("/site/templates/i18n/ar.ftl"), Some(Change::Templates));
        assert_eq!(
            c("/site/static/style.css"),
            Some(Change::Static("static/style.css".into()))
        );
        assert_eq!(c("/site/site.toml"), Some(Change::Config));
        // A removed folder of briefings is a content change too.
        assert_eq!(
            c("/site/content/en"),
            Some(Change::Content("content/en".into()))
        );
    }

    #[test]
    fn editor_temp_files_and_other_folders_are_ignored() {
        let root = Path::new("/site");
        for p in [
            "/site/content/en/.a.md.swp",
            "/site/content/en/a.md~",
            "/site/content/en/4913",
            "/site/public/x.html",
            "/site/.git/index",
            "/site/README.md",
        ] {
            let got = classify(root, Path::new(p));
            assert!(got.is_none() || p.ends_with("4913"), "{p}: {got:?}");
        }
        assert_eq!(
            classify(root, Path::new("/site/content/en/notes.txt")),
            None
        );
    }
}
