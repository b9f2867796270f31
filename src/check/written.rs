//! What a check reads: the files of a generated site, its HTML pages, and which briefing
//! file each briefing page comes from (so a broken link names the file to fix). From the
//! output folder a build wrote, from the pages `serve` holds, or from a site generated in
//! memory.

use crate::Generated;
use crate::config::SiteConfig;
use crate::error::{Diagnostic, Diagnostics, Location};
use crate::load::{Sources, StaticFile};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A generated site as a check reads it.
#[derive(Debug, Clone, Default)]
pub struct Written {
    /// Every file, relative to the output root (`en/x/index.html`, `style.css`).
    pub paths: BTreeSet<String>,
    /// Every HTML page with its bytes.
    pub pages: Vec<(String, Vec<u8>)>,
    /// Briefing pages' briefing files.
    pub sources: BTreeMap<String, PathBuf>,
}

impl Written {
    /// A site generated in memory, with the static files a build copies beside it.
    pub fn from_generated(generated: &Generated, static_files: &[StaticFile]) -> Written {
        Written {
            paths: generated
                .outputs
                .iter()
                .map(|o| o.path.clone())
                .chain(static_files.iter().map(|s| s.name.clone()))
                .collect(),
            pages: generated
                .outputs
                .iter()
                .filter(|o| o.path.ends_with(".html"))
                .map(|o| (o.path.clone(), o.bytes.clone()))
                .collect(),
            sources: generated.sources.clone(),
        }
    }

    /// The pages `serve` holds (path, bytes).
    pub fn from_files<'f>(
        files: impl IntoIterator<Item = (&'f String, Vec<u8>)>,
        sources: BTreeMap<String, PathBuf>,
    ) -> Written {
        let mut written = Written {
            sources,
            ..Written::default()
        };
        for (path, bytes) in files {
            written.paths.insert(path.clone());
            if path.ends_with(".html") {
                written.pages.push((path.clone(), bytes));
            }
        }
        written
    }

    /// The output folder a build wrote. A folder that is missing, or that `marsad build`
    /// did not write, is an error that says to build first.
    pub fn read(output: &Path, sources: BTreeMap<String, PathBuf>) -> Result<Written, Diagnostics> {
        let shown = Location::file(output);
        if !output.join(crate::write::MARKER).is_file() {
            return Err(Diagnostic::error(
                shown,
                "there is no built site here to check: run `marsad build` first (or give the folder it wrote with --output-dir)",
            )
            .into());
        }
        let mut written = Written {
            sources,
            ..Written::default()
        };
        let mut diags = Diagnostics::new();
        for entry in walkdir::WalkDir::new(output).sort_by_file_name() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    diags.push(Diagnostic::error(
                        shown.clone(),
                        format!("cannot read: {e}"),
                    ));
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(output) else {
                continue;
            };
            let Some(rel) = rel.to_str().map(|r| r.replace('\\', "/")) else {
                continue;
            };
            if rel == crate::write::MARKER {
                continue;
            }
            if rel.ends_with(".html") {
                match std::fs::read(entry.path()) {
                    Ok(bytes) => written.pages.push((rel.clone(), bytes)),
                    Err(e) => diags.push(Diagnostic::io(entry.path(), &e)),
                }
            }
            written.paths.insert(rel);
        }
        diags.into_result()?;
        Ok(written)
    }
}

/// Which briefing file each briefing page of the site comes from, worked out from the
/// sources without rendering anything (a file that does not parse or place is left out: the
/// check is about links).
pub fn briefing_pages(
    config: &SiteConfig,
    sources: &Sources,
    options: crate::resolve::ResolveOptions,
) -> BTreeMap<String, PathBuf> {
    sources
        .content
        .iter()
        .filter_map(|f| crate::front_matter::parse_document(f).ok())
        .filter(|doc| options.on_day(config).publishes(doc))
        .filter_map(|doc| crate::resolve::place(config, doc).ok())
        .map(|p| {
            let path = crate::plan::briefing_path(&p.lang, &p.slug);
            (crate::urls::output_file(&path), p.doc.path)
        })
        .collect()
}
