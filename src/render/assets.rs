//! The URLs of the files pages load besides themselves (issue 13): the stylesheet with its
//! content hash as a query, and the search client under a content-hashed name, so a deploy
//! changes the URL of exactly what changed.
//!
//! Input: the site's static files (read through [`StaticFile::read`]) and the client script
//! built into the binary. Output: [`Assets`], kept in the render context.

use crate::error::Diagnostic;
use crate::fingerprint::{content_hash, hashed_name};
use crate::load::StaticFile;
use crate::urls::Urls;

/// The stylesheet every page links, relative to `static/` and to the output root.
pub const STYLESHEET: &str = "style.css";
/// The search client as served (`search/<client_file>` in the output): the script built into
/// the binary with the folding tables generated from [`crate::fold`] written in, so its name
/// hashes what browsers actually run. Lines that are only a comment, and indentation, are
/// left out: readers download the client with their first query (issue 24).
fn search_client() -> String {
    let table = serde_json::to_string(&crate::fold::client_table()).unwrap_or_default();
    let mut text = String::new();
    for line in include_str!("search.js").lines() {
        let code = line.trim_start();
        if !code.is_empty() && !code.starts_with("//") {
            text.push_str(code);
            text.push('\n');
        }
    }
    text.replacen("/*FOLD_TABLE*/null", &table, 1)
}

/// Site paths of the stylesheet and the search client, hashes included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assets {
    /// The stylesheet's content hash, if the site has one.
    pub stylesheet_hash: Option<String>,
    /// `search.<hash>.js`: the client's file name in `search/`, as the manifest names it.
    pub search_client: String,
    /// The client as served, fold tables written in: what `search_client` hashes.
    pub search_client_text: String,
    /// The site's logo for JSON-LD (the PNG favicon), if the site has one.
    pub logo: Option<String>,
}

/// The image JSON-LD names as the publisher's logo: the theme's favicon, in PNG (search
/// engines take raster logos).
pub const LOGO: &str = "favicon.png";

impl Assets {
    /// Hashes the stylesheet among `static_files`; the client's name is fixed per binary.
    pub fn from_static(static_files: &[StaticFile]) -> Result<Assets, Diagnostic> {
        let stylesheet_hash = match static_files.iter().find(|f| f.name == STYLESHEET) {
            Some(f) => Some(content_hash(&f.read()?)),
            None => None,
        };
        let text = search_client();
        Ok(Assets {
            stylesheet_hash,
            search_client: hashed_name("search.js", text.as_bytes()),
            search_client_text: text,
            logo: static_files
                .iter()
                .any(|f| f.name == LOGO)
                .then(|| LOGO.to_string()),
        })
    }
}

impl Assets {
    /// `/base/style.css?h=<hash>`: a query, not a new name, so the file keeps its path and a
    /// site's own links to `/style.css` keep working.
    pub fn stylesheet_href(&self, urls: &Urls) -> String {
        let href = urls.path(STYLESHEET);
        match &self.stylesheet_hash {
            Some(h) => format!("{href}?h={h}"),
            None => href,
        }
    }
}
