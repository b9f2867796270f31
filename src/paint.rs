//! Colour for terminal text: ANSI styles when on, the text untouched when off. Deciding
//! whether a stream gets colour is [`Paint::for_stream`]'s job (a terminal, and `NO_COLOR`
//! unset or empty, as no-color.org asks); the CLI asks it once per stream. Nothing here
//! prints.

use crate::error::{Diagnostic, Diagnostics, Severity};

/// Whether to colour, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paint {
    on: bool,
}

impl Paint {
    pub const PLAIN: Paint = Paint { on: false };
    pub const ANSI: Paint = Paint { on: true };

    /// Colour for a stream that is (or is not) a terminal, given the value of `NO_COLOR`.
    pub fn for_stream(is_terminal: bool, no_color: Option<&std::ffi::OsStr>) -> Paint {
        let refused = no_color.is_some_and(|v| !v.is_empty());
        Paint {
            on: is_terminal && !refused,
        }
    }

    pub fn is_on(self) -> bool {
        self.on
    }

    pub fn bold(self, text: &str) -> String {
        self.style("1", text)
    }

    pub fn red(self, text: &str) -> String {
        self.style("1;31", text)
    }

    pub fn yellow(self, text: &str) -> String {
        self.style("1;33", text)
    }

    pub fn green(self, text: &str) -> String {
        self.style("32", text)
    }

    pub fn dim(self, text: &str) -> String {
        self.style("2", text)
    }

    /// `path:line:col: error: message`, the location bold and the severity in its colour;
    /// exactly the plain [`Diagnostic`] display when colour is off.
    pub fn diagnostic(self, d: &Diagnostic) -> String {
        let severity = match d.severity {
            Severity::Error => self.red("error"),
            Severity::Warning => self.yellow("warning"),
        };
        if d.location.is_nowhere() {
            return format!("{severity}: {}", d.message);
        }
        format!(
            "{}: {severity}: {}",
            self.bold(&d.location.to_string()),
            d.message
        )
    }

    /// Every diagnostic on its own line, then the count line, as [`Diagnostics`] displays.
    pub fn diagnostics(self, ds: &Diagnostics) -> String {
        let mut out = String::new();
        for d in ds.iter() {
            out.push_str(&self.diagnostic(d));
            out.push('\n');
        }
        let errors = ds.errors().count();
        let warnings = ds.warnings().count();
        out.push_str(&format!("{errors} error(s), {warnings} warning(s)"));
        out
    }

    fn style(self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Location;
    use std::ffi::OsStr;

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        assert!(Paint::for_stream(true, None).is_on());
        assert!(!Paint::for_stream(false, None).is_on());
        assert!(!Paint::for_stream(true, Some(OsStr::new("1"))).is_on());
        // An empty NO_COLOR does not count (no-color.org).
        assert!(Paint::for_stream(true, Some(OsStr::new(""))).is_on());
    }

    #[test]
    fn plain_diagnostics_are_the_display_form_and_painted_ones_only_add_styles() {
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::error(
            Location::at("content/en/x.md", 3, 1),
            "bad",
        ));
        ds.push(Diagnostic::warning(Location::file("site.toml"), "odd"));
        assert_eq!(Paint::PLAIN.diagnostics(&ds), ds.to_string());
        let painted = Paint::ANSI.diagnostics(&ds);
        assert!(painted.contains("\x1b[1;31merror\x1b[0m"), "{painted:?}");
        assert!(painted.contains("\x1b[1;33mwarning\x1b[0m"), "{painted:?}");
        let stripped = regex::Regex::new("\x1b\\[[0-9;]*m")
            .unwrap()
            .replace_all(&painted, "");
        assert_eq!(stripped, ds.to_string());
    }
}
