//! Closest registry entries to a name the registry does not know: edit distance between
//! folded match keys ([`crate::fold::match_key`]), so case, accents, hamza forms and the
//! Arabic article cost nothing and only real spelling differences count.

use crate::fold::match_key;
use crate::names::edit_distance;
use crate::taxonomy::{Registry, TaxonomyKind};
use serde::Serialize;

/// A registry entry that a name may have meant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The entry's id.
    pub id: String,
    /// Its spelling closest to the name.
    pub spelling: String,
    /// Edits (in characters of folded keys) between the name and that spelling.
    pub distance: usize,
}

/// Up to `limit` entries of `kind` close enough to `name`, closest first (ties by id).
/// "Close enough": at most a third of the key's characters edited (at least 2; 1 for keys
/// of three characters or fewer, where two edits make anything of anything).
pub fn closest_entries(
    registry: &Registry,
    kind: TaxonomyKind,
    name: &str,
    limit: usize,
) -> Vec<Suggestion> {
    let key = match_key(name);
    if key.is_empty() {
        return Vec::new();
    }
    let chars = key.chars().count();
    let allowed = if chars <= 3 { 1 } else { (chars / 3).max(2) };
    let mut found: Vec<Suggestion> = registry
        .entries()
        .filter(|(k, _, _)| *k == kind)
        .filter_map(|(_, id, spellings)| {
            spellings
                .into_iter()
                .map(|s| (edit_distance(&key, &match_key(&s)), s))
                .min()
                .filter(|(d, _)| *d <= allowed)
                .map(|(distance, spelling)| Suggestion {
                    id: id.to_string(),
                    spelling,
                    distance,
                })
        })
        .collect();
    found.sort_by(|a, b| (a.distance, &a.id).cmp(&(b.distance, &b.id)));
    found.truncate(limit);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: &str, b: &str) -> usize {
        edit_distance(a, b)
    }

    #[test]
    fn edit_distance_counts_characters_not_bytes() {
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("abc", "abc"), 0);
        // One Arabic letter changed is one edit, though it is two bytes.
        assert_eq!(d("ليموري", "ليمورى"), 1);
    }
}
