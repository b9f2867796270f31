//! Closest registry entries to a name the registry does not know: edit distance between
//! folded match keys ([`crate::fold::match_key`]), so case, accents, hamza forms and the
//! Arabic article cost nothing and only real spelling differences count.

use crate::fold::match_key;
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
    let key: Vec<char> = match_key(name).chars().collect();
    if key.is_empty() {
        return Vec::new();
    }
    let allowed = if key.len() <= 3 {
        1
    } else {
        (key.len() / 3).max(2)
    };
    let mut found: Vec<Suggestion> = registry
        .entries()
        .filter(|(k, _, _)| *k == kind)
        .filter_map(|(_, id, spellings)| {
            spellings
                .into_iter()
                .map(|s| {
                    let other: Vec<char> = match_key(&s).chars().collect();
                    (edit_distance(&key, &other), s)
                })
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

/// Levenshtein distance over characters (one row of the table at a time).
pub fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: &str, b: &str) -> usize {
        edit_distance(
            &a.chars().collect::<Vec<_>>(),
            &b.chars().collect::<Vec<_>>(),
        )
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
