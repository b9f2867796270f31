//! File-system events -> bursts of [`Change`]s. A small pure function classifies each path
//! (so editors' temp and swap files are ignored); a debounce turns a burst of events (an
//! atomic save is a create, a rename and a delete) into one rebuild.
//!
//! The watcher must never lose track silently: an error or an overflowed event queue
//! (`Rescan`) becomes [`Change::Rescan`], a full reload, and a source folder created (or
//! recreated) after start is watched from then on, and reloaded whole.

use crate::config::CONFIG_FILE;
use crate::load::{CONTENT_DIR, REGISTRY_DIR, STATIC_DIR, TEMPLATES_DIR, is_ignored};
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};
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
    /// The watcher lost events (an error, or the kernel's queue overflowed), or a source
    /// folder appeared: nothing short of reading everything again is safe.
    Rescan,
    /// No file changed, but the day did: scheduled briefings go out, expired ones come down
    /// (the site is worked out again; nothing is read again).
    Day,
}

/// What the watcher's callback hands to the debounce thread.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Signal {
    Path(PathBuf),
    Rescan,
}

/// One watcher callback -> what it means for the preview. Pure, so the rescan rule is
/// testable without overflowing a real inotify queue.
fn signals(res: notify::Result<notify::Event>) -> Vec<Signal> {
    match res {
        Err(_) => vec![Signal::Rescan],
        Ok(event) if event.need_rescan() => vec![Signal::Rescan],
        // Reading a file is an event too (inotify reports opens and closes): only changes
        // count, or every rebuild would trigger the next.
        Ok(event) if is_change(&event.kind) => event.paths.into_iter().map(Signal::Path).collect(),
        Ok(_) => Vec::new(),
    }
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

/// The folders watched recursively; the root itself is watched for `site.toml` and for
/// these folders appearing.
const SOURCE_DIRS: [&str; 3] = [CONTENT_DIR, TEMPLATES_DIR, STATIC_DIR];

/// Keeps the file-system watcher alive; dropping it stops watching.
pub struct WatchHandle {
    _watcher: Arc<Mutex<notify::RecommendedWatcher>>,
}

/// Watches `root` and sends one set of changes per burst of edits.
pub fn watch(root: &Path, bursts: mpsc::Sender<BTreeSet<Change>>) -> Result<WatchHandle, String> {
    let (tx, rx) = mpsc::channel::<Signal>();
    let watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        for signal in signals(res) {
            let _ = tx.send(signal);
        }
    })
    .map_err(|e| format!("cannot watch files: {e}"))?;
    let watcher = Arc::new(Mutex::new(watcher));
    {
        let mut w = watcher
            .lock()
            .map_err(|_| "cannot watch files: lock poisoned".to_string())?;
        for part in SOURCE_DIRS {
            let dir = root.join(part);
            if dir.is_dir() {
                w.watch(&dir, RecursiveMode::Recursive)
                    .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
            }
        }
        // site.toml is watched through its folder: editors replace it by renaming.
        w.watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    }
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let shared = Arc::clone(&watcher);
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            let started = Instant::now();
            let mut signals = vec![first];
            while started.elapsed() < LONGEST {
                match rx.recv_timeout(QUIET) {
                    Ok(s) => signals.push(s),
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
            let mut changes = BTreeSet::new();
            for signal in signals {
                match signal {
                    Signal::Rescan => {
                        changes.insert(Change::Rescan);
                    }
                    Signal::Path(p) => {
                        if watch_new_source_dir(&shared, &root, &p) {
                            changes.insert(Change::Rescan);
                        }
                        changes.extend(classify(&root, &p));
                    }
                }
            }
            if !changes.is_empty() && bursts.send(changes).is_err() {
                return;
            }
        }
    });
    Ok(WatchHandle { _watcher: watcher })
}

/// A source folder that appeared directly under the root (created late, or removed and
/// made again) is watched from now on. Returns whether it was: what it holds may have been
/// written before the watch began, so the caller reloads everything.
fn watch_new_source_dir(
    watcher: &Mutex<notify::RecommendedWatcher>,
    root: &Path,
    path: &Path,
) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let is_source_dir = rel.components().count() == 1
        && SOURCE_DIRS.iter().any(|d| rel == Path::new(d))
        && path.is_dir();
    if !is_source_dir {
        return false;
    }
    if let Ok(mut w) = watcher.lock() {
        // Watching a folder that is already watched replaces the watch: harmless.
        let _ = w.watch(path, RecursiveMode::Recursive);
    }
    true
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

    /// A lost event must never be dropped silently: errors and overflow mean a full reload.
    #[test]
    fn watcher_errors_and_overflow_ask_for_a_rescan() {
        use notify::event::{EventKind, Flag, ModifyKind};
        assert_eq!(
            signals(Err(notify::Error::generic("inotify broke"))),
            vec![Signal::Rescan]
        );
        let overflow = notify::Event::new(EventKind::Other).set_flag(Flag::Rescan);
        assert_eq!(signals(Ok(overflow)), vec![Signal::Rescan]);
        let edit = notify::Event::new(EventKind::Modify(ModifyKind::Any))
            .add_path(PathBuf::from("/site/content/en/a.md"));
        assert_eq!(
            signals(Ok(edit)),
            vec![Signal::Path("/site/content/en/a.md".into())]
        );
        let read = notify::Event::new(EventKind::Access(notify::event::AccessKind::Read))
            .add_path(PathBuf::from("/site/content/en/a.md"));
        assert_eq!(signals(Ok(read)), vec![]);
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
