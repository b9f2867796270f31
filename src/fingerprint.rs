//! Content hashes that go into URLs (issue 13), so a browser never keeps a stale stylesheet
//! and a deploy never mixes an old search client with a new index: a changed file gets a
//! new URL, an unchanged one keeps its URL and its cache.
//!
//! The one definition of "the hash of a file's bytes" for the stylesheet query, the search
//! client's name and the search index files (search.rs), and of "a value's change hash"
//! ([`hash_of`]): what `serve`'s caches and views compare to know what changed. Pure.

use sha2::{Digest, Sha256};

/// Hex characters kept of the SHA-256: 48 bits, plenty to tell versions of one file apart.
pub const HASH_LEN: usize = 12;

/// The short content hash of `bytes` (lowercase hex).
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    hex.truncate(HASH_LEN);
    hex
}

/// A value's hash by its derived `Hash`, for telling in memory whether it changed (cached
/// documents and bodies, views, list items, feed entries, the sitemap's entries). Not for
/// URLs: [`content_hash`] is.
pub fn hash_of<T: std::hash::Hash + ?Sized>(value: &T) -> u64 {
    use std::hash::Hasher;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// `name.ext` -> `name.<hash>.ext`: the file name of one version of a file.
pub fn hashed_name(name: &str, bytes: &[u8]) -> String {
    let hash = content_hash(bytes);
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
        None => format!("{name}.{hash}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_short_stable_hex() {
        // SHA-256 of the empty string starts e3b0c44298fc.
        assert_eq!(content_hash(b""), "e3b0c44298fc");
        assert_eq!(hashed_name("search.js", b""), "search.e3b0c44298fc.js");
        assert_ne!(content_hash(b"a"), content_hash(b"b"));
    }
}
