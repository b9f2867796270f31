//! The served site's files in memory: output path -> bytes, each text file kept compressed
//! (gzip level 1), since a preview holds every page of the site at once (at 10,000 briefings
//! about 600 MB of HTML, packed about fourfold) and unpacking a page for a request takes
//! tens of microseconds. Each file also keeps a hash of its bytes, so an edit tells a changed
//! file from an unchanged one without unpacking it.

use std::collections::HashMap;
use std::sync::Arc;

/// One served file.
#[derive(Debug)]
pub struct File {
    packed: Box<[u8]>,
    compressed: bool,
    hash: u64,
    /// The bytes' length, unpacked.
    len: usize,
}

impl File {
    pub fn new(name: &str, bytes: &[u8]) -> File {
        let hash = crate::fingerprint::hash_of(&bytes);
        let text = [".html", ".xml", ".json", ".js", ".css", ".txt", ".svg"]
            .iter()
            .any(|ext| name.ends_with(ext));
        let packed = (text && bytes.len() > 256).then(|| pack(bytes)).flatten();
        File {
            compressed: packed.is_some(),
            packed: packed.unwrap_or_else(|| bytes.to_vec()).into_boxed_slice(),
            hash,
            len: bytes.len(),
        }
    }

    /// The file's bytes.
    pub fn bytes(&self) -> Vec<u8> {
        if self.compressed {
            // Packed here from these bytes: cannot fail but by a bug, which serves an empty
            // file rather than stopping the server.
            unpack(&self.packed, self.len).unwrap_or_default()
        } else {
            self.packed.to_vec()
        }
    }

    /// Whether `bytes` are this file's.
    pub fn holds(&self, bytes: &[u8]) -> bool {
        self.hash == crate::fingerprint::hash_of(&bytes)
    }
}

fn pack(bytes: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::fast(),
    );
    e.write_all(bytes).ok()?;
    e.finish().ok()
}

fn unpack(packed: &[u8], len: usize) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut out = Vec::with_capacity(len);
    flate2::read::GzDecoder::new(packed)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

/// The served site.
#[derive(Debug, Clone, Default)]
pub struct Files(HashMap<String, Arc<File>>);

impl Files {
    pub fn new() -> Files {
        Files::default()
    }

    /// Stores `bytes` at `path`; true if that changed what is served there.
    pub fn put(&mut self, path: String, bytes: &[u8]) -> bool {
        if self.0.get(&path).is_some_and(|f| f.holds(bytes)) {
            return false;
        }
        let file = File::new(&path, bytes);
        self.0.insert(path, Arc::new(file));
        true
    }

    /// Stores a file already packed (in the worker that rendered it); true if that changed
    /// what is served at `path`.
    pub fn put_file(&mut self, path: String, file: File) -> bool {
        if self.0.get(&path).is_some_and(|f| f.hash == file.hash) {
            return false;
        }
        self.0.insert(path, Arc::new(file));
        true
    }

    /// Stores a file as another `Files` holds it (no copy).
    pub fn share(&mut self, path: String, file: Arc<File>) {
        self.0.insert(path, file);
    }

    /// Removes the file at `path`; true if there was one.
    pub fn remove(&mut self, path: &str) -> bool {
        self.0.remove(path).is_some()
    }

    pub fn get(&self, path: &str) -> Option<&Arc<File>> {
        self.0.get(path)
    }

    pub fn contains_key(&self, path: &str) -> bool {
        self.0.contains_key(path)
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.keys()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// (bytes held, bytes served): what the files take in memory and unpacked.
    pub fn sizes(&self) -> (usize, usize) {
        self.0
            .values()
            .fold((0, 0), |(p, u), f| (p + f.packed.len(), u + f.len))
    }

    /// Every file with its bytes.
    pub fn iter(&self) -> impl Iterator<Item = (&String, Vec<u8>)> {
        self.0.iter().map(|(k, f)| (k, f.bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_come_back_as_stored_and_unchanged_ones_are_told_apart() {
        let mut files = Files::new();
        let page = "<html>".repeat(500).into_bytes();
        assert!(files.put("en/index.html".into(), &page));
        assert!(!files.put("en/index.html".into(), &page));
        assert_eq!(
            files.get("en/index.html").map(|f| f.bytes()),
            Some(page.clone())
        );
        let png = vec![0u8, 1, 2, 255];
        assert!(files.put("logo.png".into(), &png));
        assert_eq!(files.get("logo.png").map(|f| f.bytes()), Some(png));
        assert!(files.remove("logo.png"));
        assert!(!files.contains_key("logo.png"));
    }
}
