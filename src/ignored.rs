// What counts as an editor's or the system's file, never an input: included by src/load.rs
// and by build.rs, so the built-in theme and a site's own files follow one rule.

/// Hidden files, editor backups (`x~`, `#x#`) and swap files are never inputs. Shared with
/// `build.rs` (which embeds the built-in theme by the same rule) through `include!`.
pub fn is_ignored(file_name: &str) -> bool {
    file_name.starts_with('.')
        || file_name.ends_with('~')
        || file_name.starts_with('#')
        || file_name.ends_with(".swp")
        || file_name.ends_with(".swx")
        || file_name.ends_with(".tmp")
}
