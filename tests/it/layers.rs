//! The layer order holds (issue 23): every module of `src/` imports only modules of its own
//! layer or of layers below it. The order is the one `src/lib.rs` declares, under comments
//! `// N name: ...`; this test reads it there (the one definition) and every `crate::module`
//! a source file names.

use crate::support::repo;
use std::collections::BTreeMap;
use std::path::Path;

/// Module name -> layer, from the `// N ...` comments above the `pub mod` lines of lib.rs.
fn layers() -> BTreeMap<String, u32> {
    let lib = std::fs::read_to_string(repo().join("src/lib.rs")).expect("lib.rs");
    let mut layer = None;
    let mut out = BTreeMap::new();
    for line in lib.lines() {
        if let Some(rest) = line.strip_prefix("// ")
            && let Some(n) = rest
                .split_whitespace()
                .next()
                .and_then(|w| w.parse::<u32>().ok())
        {
            layer = Some(n);
        }
        if let Some(name) = line
            .strip_prefix("pub mod ")
            .and_then(|l| l.strip_suffix(';'))
        {
            out.insert(
                name.to_string(),
                layer.unwrap_or_else(|| panic!("`pub mod {name}` has no layer comment above it")),
            );
        }
    }
    out
}

/// The first path segment of `a::b::C`.
fn first_segment(path: &str) -> String {
    path.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// The top-level module a file under `src/` belongs to (`render` for src/render/x.rs).
fn module_of(rel: &Path) -> Option<String> {
    let first = rel.components().next()?.as_os_str().to_str()?;
    Some(first.trim_end_matches(".rs").to_string())
}

#[test]
fn no_module_imports_a_module_of_a_later_layer() {
    let layers = layers();
    assert!(layers.len() > 20, "{layers:?}");
    let src = repo().join("src");
    let mut wrong = Vec::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.expect("walk");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).expect("under src");
        let Some(module) = module_of(rel) else {
            continue;
        };
        // lib.rs is the pipeline (layer 10), main.rs and cli the commands; the layer-less
        // files are included, not modules.
        let Some(&own) = layers.get(&module).or(match module.as_str() {
            "lib" => Some(&10),
            "main" | "cli" => Some(&11),
            _ => None,
        }) else {
            continue;
        };
        let text = std::fs::read_to_string(path).expect("read");
        // Only code: a test module may build a site through any layer, and comments may
        // name any module.
        let code: String = text
            .split("#[cfg(test)]")
            .next()
            .unwrap_or("")
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for (i, _) in code.match_indices("crate::") {
            let rest = &code[i + "crate::".len()..];
            // `crate::{a, b::c}` names several modules at once.
            let names: Vec<String> = match rest.strip_prefix('{') {
                Some(group) => group
                    .split('}')
                    .next()
                    .unwrap_or("")
                    .split(',')
                    .map(|p| first_segment(p.trim()))
                    .collect(),
                None => vec![first_segment(rest)],
            };
            for name in names {
                if let Some(&theirs) = layers.get(&name)
                    && theirs > own
                {
                    wrong.push(format!(
                        "{} (layer {own}) uses crate::{name} (layer {theirs})",
                        rel.display()
                    ));
                }
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "imports up the layers:\n{}",
        wrong.join("\n")
    );
}
