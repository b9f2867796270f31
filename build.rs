//! Embeds the portal's `templates/` and `static/` into the binary as the default theme
//! (`src/theme.rs` includes the list written here).
//!
//! Why a build script rather than a hand-written list of `include_str!`: the list is derived
//! from the folders, so a template added to the portal is in the theme without anyone
//! remembering to register it (a hand-kept mirror drifts). Why not a crate such as
//! `include_dir`: twenty lines of std do it, with no dependency to compile. Templates go in
//! with `include_str!`, so a template that is not UTF-8 fails the compile, not a user's build;
//! static files with `include_bytes!`. Cargo re-runs this script when anything under either
//! folder changes (a folder given to `rerun-if-changed` is scanned recursively).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let mut code = String::new();
    for (folder, constant, macro_name, ty) in [
        ("templates", "TEMPLATES", "include_str", "&str"),
        ("static", "STATIC", "include_bytes", "&[u8]"),
    ] {
        println!("cargo:rerun-if-changed={folder}");
        let dir = root.join(folder);
        let mut files = Vec::new();
        list_files(&dir, &dir, &mut files);
        files.sort();
        let _ = writeln!(code, "pub(crate) static {constant}: &[(&str, {ty})] = &[");
        for name in files {
            // Through `CARGO_MANIFEST_DIR` at compile time, not an absolute path written now:
            // a target folder shared between checkouts at different paths (CI's cache) may
            // skip this script, and a path baked in here would point at the other checkout.
            let _ = writeln!(
                code,
                "    ({name:?}, {macro_name}!(concat!(env!(\"CARGO_MANIFEST_DIR\"), {:?}))),",
                format!("/{folder}/{name}")
            );
        }
        let _ = writeln!(code, "];");
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo")).join("theme.rs");
    std::fs::write(&out, code).expect("write the theme list");
}

/// Files below `dir` by name relative to `base` with `/` separators, skipping what `load.rs`
/// never reads either: hidden files, editor backups and swap files.
fn list_files(base: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if is_ignored(&file_name) {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            list_files(base, &path, out);
        } else if let Ok(rel) = path.strip_prefix(base) {
            let name = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.push(name);
        }
    }
}

include!("src/ignored.rs");
