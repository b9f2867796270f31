//! The default theme built into the binary: the portal's own `templates/` (Fluent files in
//! `templates/i18n/` included) and `static/`, embedded at compile time by `build.rs`.
//!
//! A site's own files override these by relative name, file by file ([`crate::load`] does
//! the merge), so a site made by `marsad init` holds no templates at all and a site that
//! wants another header overrides `base.html` alone. This module only lists; it reads no disk.

// `TEMPLATES`: (name relative to `templates/`, text); `STATIC`: (name relative to `static/`,
// bytes); both sorted by name. Generated from the folders, so never out of step with them.
include!(concat!(env!("OUT_DIR"), "/theme.rs"));

/// Where diagnostics say a built-in file lives: not a path of the site, and says so.
pub const BUILT_IN: &str = "(built-in theme)";

/// Every built-in file under `templates/`: tera templates and Fluent files alike.
pub fn templates() -> impl Iterator<Item = (&'static str, &'static str)> {
    TEMPLATES.iter().copied()
}

/// Every built-in file under `static/`.
pub fn static_files() -> impl Iterator<Item = (&'static str, &'static [u8])> {
    STATIC.iter().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_theme_has_the_required_templates_messages_and_stylesheet() {
        let names: Vec<&str> = templates().map(|(n, _)| n).collect();
        for required in [
            "base.html",
            "briefing.html",
            "list.html",
            "root.html",
            "404.html",
        ] {
            assert!(
                names.contains(&required),
                "{required} missing from {names:?}"
            );
        }
        for ftl in ["i18n/en.ftl", "i18n/fr.ftl", "i18n/ar.ftl"] {
            assert!(names.contains(&ftl), "{ftl}");
        }
        assert!(static_files().any(|(n, b)| n == "style.css" && !b.is_empty()));
    }
}
