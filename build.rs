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
//!
//! It also works out the commit `marsad --version` names (issue 25): `git rev-parse HEAD`
//! when this folder is part of a git checkout that tracks `Cargo.toml`, else the
//! `MARSAD_COMMIT` environment variable, else "unknown commit". Git is asked, never needed:
//! `cargo install` from a tarball, or a machine without git, builds the same binary with
//! "unknown commit".

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    println!(
        "cargo:rustc-env=MARSAD_COMMIT_DESC={}",
        describe_commit(&root)
    );
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

/// `commit 1a2b3c4d5e6f`, or `unknown commit` outside a git checkout.
fn describe_commit(root: &Path) -> String {
    println!("cargo:rerun-if-env-changed=MARSAD_COMMIT");
    let git = |args: &[&str]| -> Option<String> {
        let out = Command::new("git")
            .args(args)
            .current_dir(root)
            .output()
            .ok()?;
        let text = String::from_utf8(out.stdout).ok()?;
        (out.status.success() && !text.trim().is_empty()).then(|| text.trim().to_string())
    };
    // Only a checkout that tracks this crate: a tarball unpacked inside some other
    // repository must not report that repository's commit.
    let tracked = git(&["ls-files", "--full-name", "--", "Cargo.toml"]).is_some();
    let hash = if tracked {
        git(&["rev-parse", "--short=12", "HEAD"])
    } else {
        None
    };
    if let Some(hash) = hash {
        // Rebuilt when HEAD moves: HEAD itself (a checkout), the branch's ref file (a
        // commit), or, while the branch is only in packed refs, the folder its file will be
        // written to (a folder is watched recursively). Only paths that exist: cargo re-runs
        // a script on every build for a path that does not.
        let path_of = |name: &str| git(&["rev-parse", "--git-path", name]).map(|p| root.join(p));
        let mut watched = vec![path_of("HEAD"), path_of("packed-refs")];
        if let Some(ref_file) = git(&["symbolic-ref", "-q", "HEAD"]).and_then(|b| path_of(&b)) {
            watched.push(if ref_file.exists() {
                Some(ref_file)
            } else {
                ref_file.parent().map(Path::to_path_buf)
            });
        }
        for path in watched.into_iter().flatten().filter(|p| p.exists()) {
            println!("cargo:rerun-if-changed={}", path.display());
        }
        return format!("commit {hash}");
    }
    match std::env::var("MARSAD_COMMIT") {
        Ok(c) if !c.trim().is_empty() => format!("commit {}", c.trim()),
        _ => "unknown commit".to_string(),
    }
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
