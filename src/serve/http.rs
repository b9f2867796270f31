//! Answers one request from the in-memory site: the file, `index.html` for a folder, a
//! redirect from `/dir` to `/dir/`, or the site's 404 page with status 404. Pure: no socket
//! here, so every answer is testable.
//!
//! Nothing outside the generated site can be reached: paths are looked up in a map of the
//! output, never on the disk, and `..`, encoded dots, backslashes and NUL are refused.

pub use super::files::Files;
use crate::urls::Target;
use std::sync::Arc;

/// Where the reload client and events live, outside any site path.
pub const INTERNAL: &str = "/__marsad/";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    pub content_type: &'static str,
    pub location: Option<String>,
    pub body: Arc<Vec<u8>>,
}

/// Answers `GET raw_path` for a site served under `base_path` (`/` or `/repo/`).
pub fn answer(files: &Files, base_path: &str, raw_path: &str) -> Answer {
    let path = raw_path.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    if !is_safe(&decoded) {
        return text(400, "bad request: the path is not allowed");
    }
    // `/repo` without its slash is the site root.
    if base_path != "/" && decoded == base_path.trim_end_matches('/') {
        return redirect(base_path);
    }
    let Some(rel) = decoded.strip_prefix(base_path) else {
        return not_found(files);
    };
    match crate::urls::file_for(rel, |p| files.contains_key(p)) {
        Target::File(name) => match files.get(&name) {
            Some(body) => file(200, &name, &Arc::new(body.bytes())),
            None => not_found(files),
        },
        Target::Folder(folder) => redirect(&crate::urls::path_under(base_path, &folder)),
        Target::Missing(_) => not_found(files),
    }
}

/// Refuses traversal in every spelling: `..` segments (also once decoded), backslashes,
/// NUL, and anything that is not an absolute path.
fn is_safe(path: &str) -> bool {
    path.starts_with('/')
        && !path.contains('\\')
        && !path.contains('\0')
        && !path.split('/').any(|seg| seg == ".." || seg == ".")
}

fn not_found(files: &Files) -> Answer {
    match files.get(crate::plan::NOT_FOUND_FILE) {
        Some(body) => file(404, crate::plan::NOT_FOUND_FILE, &Arc::new(body.bytes())),
        None => text(404, "not found"),
    }
}

/// A redirect to a root-relative URL, already percent-encoded: `Location` must be ASCII (an
/// Arabic folder name would otherwise make the header invalid).
fn redirect(to: &str) -> Answer {
    Answer {
        status: 301,
        content_type: "text/plain; charset=utf-8",
        location: Some(to.to_string()),
        body: Arc::new(format!("moved to {to}\n").into_bytes()),
    }
}

fn text(status: u16, message: &str) -> Answer {
    Answer {
        status,
        content_type: "text/plain; charset=utf-8",
        location: None,
        body: Arc::new(format!("{message}\n").into_bytes()),
    }
}

fn file(status: u16, name: &str, body: &Arc<Vec<u8>>) -> Answer {
    Answer {
        status,
        content_type: content_type(name),
        location: None,
        body: Arc::clone(body),
    }
}

/// Whether a request's `Host` names this machine's loopback: `localhost` (or a name under
/// `.localhost`, which resolves to loopback by RFC 6761), an address in 127.0.0.0/8 or
/// `[::1]`, with or without a port. A preview bound to loopback answers nothing else, so a
/// web page cannot read it through a rebound DNS name.
pub fn is_loopback_host(host: Option<&str>) -> bool {
    let Some(host) = host.map(str::trim) else {
        return false;
    };
    let name = if let Some(rest) = host.strip_prefix('[') {
        // [v6]:port
        match rest.split_once(']') {
            Some((ip, port)) if port.is_empty() || is_port(port) => ip,
            _ => return false,
        }
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) if is_port(port) => name,
            Some(_) => return false,
            None => host,
        }
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name == "localhost" || name.ends_with(".localhost") {
        return true;
    }
    name.parse::<std::net::IpAddr>()
        .is_ok_and(|ip| ip.is_loopback())
}

fn is_port(s: &str) -> bool {
    s.strip_prefix(':').unwrap_or(s).parse::<u16>().is_ok()
}

/// The content type of a file, by its extension.
pub fn content_type(name: &str) -> &'static str {
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// Adds the reload client to an HTML page (serve only; `marsad build` never does).
pub fn inject_reload(html: &[u8]) -> Vec<u8> {
    let tag = format!("<script src=\"{INTERNAL}reload.js\"></script>");
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{tag}\n{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{tag}\n").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Files {
        let mut f = Files::new();
        for (p, b) in [
            ("index.html", "root"),
            ("404.html", "missing"),
            ("en/index.html", "en"),
            ("ar/مراكش/index.html", "ar"),
            ("style.css", "css"),
            ("search/index.json", "{}"),
        ] {
            f.put(p.into(), b.as_bytes());
        }
        f
    }

    fn get(base: &str, path: &str) -> (u16, String, Option<String>) {
        let a = answer(&files(), base, path);
        (
            a.status,
            String::from_utf8_lossy(&a.body).into_owned(),
            a.location,
        )
    }

    #[test]
    fn folders_files_and_redirects() {
        assert_eq!(get("/", "/"), (200, "root".into(), None));
        assert_eq!(get("/", "/en/"), (200, "en".into(), None));
        assert_eq!(
            get("/", "/en"),
            (301, "moved to /en/\n".into(), Some("/en/".into()))
        );
        assert_eq!(get("/", "/style.css?v=2").1, "css");
        assert_eq!(
            answer(&files(), "/", "/style.css").content_type,
            "text/css; charset=utf-8"
        );
        assert_eq!(
            answer(&files(), "/", "/search/index.json").content_type,
            "application/json"
        );
    }

    #[test]
    fn percent_encoded_arabic_paths_are_served() {
        let path = "/ar/%D9%85%D8%B1%D8%A7%D9%83%D8%B4/";
        assert_eq!(get("/", path), (200, "ar".into(), None));
    }

    #[test]
    fn a_folder_with_an_arabic_name_redirects_to_its_encoded_path() {
        let a = answer(&files(), "/", "/ar/%D9%85%D8%B1%D8%A7%D9%83%D8%B4");
        assert_eq!(a.status, 301);
        let location = a.location.expect("a Location header");
        assert!(location.is_ascii(), "{location}");
        assert_eq!(location, "/ar/%D9%85%D8%B1%D8%A7%D9%83%D8%B4/");
    }

    #[test]
    fn only_loopback_hosts_are_answered_on_a_loopback_bind() {
        for ok in [
            "localhost",
            "localhost:1111",
            "LOCALHOST.",
            "marsad.localhost:80",
            "127.0.0.1",
            "127.1.2.3:8080",
            "[::1]",
            "[::1]:1111",
        ] {
            assert!(is_loopback_host(Some(ok)), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "10.0.0.1",
            "[::2]:1",
            "127.0.0.1:99999",
            "127.0.0.1:x",
            "[::1]x",
            "",
        ] {
            assert!(!is_loopback_host(Some(bad)), "{bad}");
        }
        assert!(!is_loopback_host(None));
    }

    #[test]
    fn unknown_paths_get_the_sites_404_page() {
        assert_eq!(get("/", "/nope/"), (404, "missing".into(), None));
    }

    #[test]
    fn traversal_is_refused_in_every_spelling() {
        for bad in [
            "/../etc/passwd",
            "/en/../../x",
            "/%2e%2e/x",
            "/%2E%2E%2Fx",
            "/en\\..\\x",
            "/a/%00",
            "//etc/passwd/..",
        ] {
            assert_eq!(get("/", bad).0, 400, "{bad}");
        }
    }

    #[test]
    fn a_sub_path_site_is_served_under_its_path_only() {
        assert_eq!(get("/repo/", "/repo/en/"), (200, "en".into(), None));
        assert_eq!(get("/repo/", "/repo").0, 301);
        assert_eq!(get("/repo/", "/en/").0, 404);
    }

    #[test]
    fn reload_script_goes_before_the_body_ends() {
        let out = String::from_utf8(inject_reload(b"<html><body>x</body></html>")).unwrap();
        assert_eq!(
            out,
            "<html><body>x<script src=\"/__marsad/reload.js\"></script>\n</body></html>"
        );
    }
}
