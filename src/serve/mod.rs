//! `marsad serve`: builds the site into memory, serves it over HTTP, watches the sources,
//! rebuilds on every burst of edits and reloads open pages (stylesheets in place). A build
//! error never stops the server: the last good site stays up and the error is shown over it.
//!
//! Serving from memory means nothing on disk is deleted or recreated while editing, and a
//! request can only ever reach a generated file.

mod files;
pub mod http;
mod server;
pub use server::MAX_EVENT_STREAMS;
pub mod state;
pub mod watch;

use crate::config::ConfigOverrides;
use crate::error::Diagnostics;
use crate::resolve::ResolveOptions;
use state::{Outcome, SiteState};
use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock, mpsc};
use std::time::Duration;

/// Prints a line, ignoring a closed terminal: the server must outlive its output.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}
macro_rules! warn {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// First port to try; 0 lets the system choose.
    pub port: u16,
    /// Drafts as asked; briefings still to be published are always shown (marked as
    /// scheduled), expired ones as asked.
    pub publishing: ResolveOptions,
    pub base_url: Option<String>,
    pub open: bool,
}

/// How often an idle preview checks whether the day has changed.
const DAY_CHECK: Duration = Duration::from_secs(60);

/// How long the search index waits after an edit's pages went out.
const FOLLOW_UP_DELAY: Duration = Duration::from_millis(150);

/// Shared between the HTTP workers and the rebuild loop.
struct Shared {
    files: RwLock<http::Files>,
    base_path: String,
    /// The error of the last rebuild, if it failed.
    error: RwLock<Option<String>>,
    generation: RwLock<u64>,
    /// How the last rebuild went about it (`pages` or `site`), for tests and curious editors.
    scope: RwLock<&'static str>,
    /// One sender per open event stream; a closed stream's sender fails and is dropped.
    clients: Mutex<Vec<tokio::sync::mpsc::UnboundedSender<bytes::Bytes>>>,
    /// Each briefing page's briefing file, for `/__marsad/check` to name what to fix.
    briefing_files: RwLock<std::collections::BTreeMap<String, PathBuf>>,
    /// The base URL pages are built for.
    base_url: url::Url,
}

impl Shared {
    fn broadcast(&self, event: &'static str, data: &str) {
        let bytes = event_bytes(event, data);
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|c| c.send(bytes.clone()).is_ok());
        }
    }
}

/// One server-sent event; multi-line data goes out as several `data:` lines.
fn event_bytes(event: &str, data: &str) -> bytes::Bytes {
    let mut msg = format!("event: {event}\n");
    for line in data.split('\n') {
        msg.push_str("data: ");
        msg.push_str(line);
        msg.push('\n');
    }
    msg.push('\n');
    bytes::Bytes::from(msg)
}

/// Runs until Ctrl-C. Returns an error only when the server cannot start: the site's own
/// diagnostics (not a site, a broken `site.toml`), or what stopped the server, without a
/// location.
pub fn serve(options: ServeOptions) -> Result<(), Diagnostics> {
    let nowhere = |m: String| {
        Diagnostics::from(crate::error::Diagnostic::error(
            crate::error::Location::nowhere(),
            m,
        ))
    };
    let overrides = ConfigOverrides {
        base_url: options.base_url.clone(),
    };
    let resolve = ResolveOptions {
        include_future: true,
        ..options.publishing
    };
    let (mut state, first_error) = SiteState::load(options.root.clone(), overrides, resolve)?;
    let base_path = state.config.base_path().to_string();
    let shared = Arc::new(Shared {
        files: RwLock::new(state.files().clone()),
        base_path: base_path.clone(),
        error: RwLock::new(first_error.as_ref().map(Diagnostics::to_string)),
        generation: RwLock::new(1),
        scope: RwLock::new("site"),
        clients: Mutex::new(Vec::new()),
        briefing_files: RwLock::new(state.briefing_files()),
        base_url: state.config.base_url.clone(),
    });
    if let Some(d) = &first_error {
        warn!("{d}");
    }
    // Watch before announcing the address, so no edit made after the announcement is missed.
    let (from_watcher, watched) = mpsc::channel();
    let _watcher = watch::watch(&options.root, from_watcher).map_err(nowhere)?;
    // Bursts pass through here on their way to the rebuild loop, raising `edit_waiting` as
    // they go: an edit's follow-up (every other view, the search index) watches that flag and
    // gives way to the newer edit mid-work.
    let edit_waiting = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (tx, bursts) = mpsc::channel();
    {
        let edit_waiting = Arc::clone(&edit_waiting);
        std::thread::spawn(move || {
            for burst in watched {
                edit_waiting.store(true, std::sync::atomic::Ordering::Relaxed);
                if tx.send(burst).is_err() {
                    break;
                }
            }
        });
    }
    let server = server::Server::bind(options.bind, options.port).map_err(nowhere)?;
    let addr = server.local_addr().map_err(nowhere)?;
    let url = format!("http://{}{}", display_addr(addr), base_path);
    if options.port != 0 && addr.port() != options.port {
        say!(
            "port {} is busy; using {} instead",
            options.port,
            addr.port()
        );
    }
    if !addr.ip().is_loopback() {
        warn!(
            "warning: listening on {}, which other machines can reach: they can read every \
             page of this preview, drafts included. Use the default (127.0.0.1) unless you \
             mean to share it.",
            addr.ip()
        );
    }
    server.spawn(Arc::clone(&shared)).map_err(nowhere)?;
    say!(
        "serving {} at {url} (Ctrl-C to stop)",
        options.root.display()
    );
    let _ = std::io::stdout().flush();
    ctrlc::set_handler(|| {
        say!("\nstopped");
        std::process::exit(0);
    })
    .map_err(|e| nowhere(format!("cannot handle Ctrl-C: {e}")))?;
    if options.open {
        open_browser(&url);
    }
    // A burst that arrives while an earlier edit's follow-up is due is taken first: the
    // follow-up (every other view, the search index) waits, so saving twice in a row never
    // waits for the first save's follow-up.
    let mut queued: Option<std::collections::BTreeSet<watch::Change>> = None;
    loop {
        let changes = match queued.take() {
            Some(c) => c,
            None => match bursts.recv_timeout(DAY_CHECK) {
                Ok(c) => c,
                // Idle: at midnight (the site's time zone) scheduled briefings go out and
                // expired ones come down, as the next build would do.
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) if state.day_changed() => {
                    [watch::Change::Day].into_iter().collect()
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => continue,
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
            },
        };
        // Only stylesheets were edited: pages changed only in the hash of the stylesheet they
        // link (issue 13), so swapping the stylesheet in place shows the whole edit.
        let stylesheets_only = !changes.is_empty()
            && changes.iter().all(|c| {
                matches!(c, watch::Change::Static(p) if p.extension().is_some_and(|e| e == "css"))
            });
        let outcome = state.rebuild(&changes);
        match outcome {
            Outcome::Updated {
                changed,
                elapsed,
                scope,
            } => {
                publish(&shared, &state, &changed);
                if let Ok(mut s) = shared.scope.write() {
                    *s = scope.as_str();
                }
                let had_error = shared
                    .error
                    .write()
                    .map(|mut e| e.take().is_some())
                    .unwrap_or(false);
                say!(
                    "rebuilt ({}) in {elapsed:.1?}: {} files changed",
                    scope.as_str(),
                    changed.len()
                );
                if had_error {
                    shared.broadcast("ok", "");
                } else if changed.iter().any(|p| p.ends_with(".css"))
                    && (stylesheets_only || changed.iter().all(|p| p.ends_with(".css")))
                {
                    let css: Vec<&str> = changed
                        .iter()
                        .filter(|p| p.ends_with(".css"))
                        .map(String::as_str)
                        .collect();
                    shared.broadcast("css", &css.join("\n"));
                } else if !changed.is_empty() {
                    shared.broadcast("reload", &reload_targets(&shared.base_path, &changed));
                }
                // The first pages are out; what follows them (every other page whose view
                // changed, the search index) waits a moment, so the reload's own requests are
                // not competing with it for the CPU, and gives way to a newer edit (also
                // mid-work: the flag raised by the forwarding thread).
                while state.has_pending() {
                    if let Ok(next) = bursts.recv_timeout(FOLLOW_UP_DELAY) {
                        queued = Some(next);
                        break;
                    }
                    // Raised only by a burst not yet received: any burst already taken was
                    // flagged before it was sent.
                    edit_waiting.store(false, std::sync::atomic::Ordering::Relaxed);
                    match state.finish(&edit_waiting) {
                        Ok(later) if !later.is_empty() => {
                            publish(&shared, &state, &later);
                            let targets = reload_targets(&shared.base_path, &later);
                            if !targets.is_empty() {
                                shared.broadcast("reload", &targets);
                            }
                        }
                        Ok(_) => {}
                        Err(diags) => show_error(&shared, &diags),
                    }
                }
                bump(&shared);
            }
            Outcome::Failed(diags) => {
                show_error(&shared, &diags);
                bump(&shared);
            }
        }
    }
    Ok(())
}

/// What a `reload` event names: the URL path of every changed page, one a line, so a tab
/// reloads only when its own page changed (a text edit's follow-up changes pages other than
/// the one the editor looks at); `*` when a changed file could be on any page (a script, an
/// image). Search index files, feeds and the sitemap are not on pages: they reload nothing.
fn reload_targets(base_path: &str, changed: &[String]) -> String {
    // Past this many pages (a template edit), every tab reloads: no need to list them.
    const MOST: usize = 500;
    let mut lines = Vec::new();
    for path in changed {
        if path.ends_with(".html") {
            let site_path = crate::urls::site_path_of(path);
            lines.push(crate::urls::path_under(base_path, site_path));
        } else if !(path.starts_with(crate::plan::SEARCH_INDEX)
            || path.ends_with(".xml")
            || path.ends_with(".css")
            || path == crate::plan::ROBOTS_FILE)
        {
            return "*".to_string();
        }
    }
    if lines.len() > MOST {
        return "*".to_string();
    }
    lines.join("\n")
}

/// Shows a rebuild's error: in the terminal, in the status, and over every open page.
fn show_error(shared: &Shared, diags: &Diagnostics) {
    let text = diags.to_string();
    warn!("{text}\nrebuild failed; still serving the last good version");
    if let Ok(mut e) = shared.error.write() {
        *e = Some(text.clone());
    }
    shared.broadcast("build-error", &text);
}

/// Makes the state's files the served ones, touching only the changed entries.
fn publish(shared: &Shared, state: &SiteState, changed: &[String]) {
    if let Ok(mut files) = shared.briefing_files.write() {
        *files = state.briefing_files();
    }
    if let Ok(mut served) = shared.files.write() {
        for path in changed {
            match state.files().get(path) {
                Some(file) => served.share(path.clone(), Arc::clone(file)),
                None => {
                    served.remove(path);
                }
            }
        }
    }
}

fn bump(shared: &Shared) {
    if let Ok(mut g) = shared.generation.write() {
        *g += 1;
    }
}

fn display_addr(addr: SocketAddr) -> String {
    match addr.ip() {
        IpAddr::V6(ip) => format!("[{ip}]:{}", addr.port()),
        IpAddr::V4(ip) => format!("{ip}:{}", addr.port()),
    }
}

/// Best effort: the platform's opener, if there is one.
fn open_browser(url: &str) {
    for opener in ["xdg-open", "open"] {
        if std::process::Command::new(opener).arg(url).spawn().is_ok() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::reload_targets;

    fn paths(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_reload_names_the_changed_pages_by_their_url() {
        let changed = paths(&[
            "en/x/index.html",
            "ar/مراكش/index.html",
            "index.html",
            "404.html",
            "search/index.json",
            "en/atom.xml",
        ]);
        assert_eq!(
            reload_targets("/repo/", &changed),
            "/repo/en/x/\n/repo/ar/%D9%85%D8%B1%D8%A7%D9%83%D8%B4/\n/repo/\n/repo/404.html"
        );
        // Search files, feeds and the sitemap are on no page: nothing to reload.
        assert_eq!(
            reload_targets("/", &paths(&["search/t/61.json", "sitemap.xml"])),
            ""
        );
        // A script or an image may be on any page.
        assert_eq!(
            reload_targets("/", &paths(&["en/x/index.html", "img/map.png"])),
            "*"
        );
    }
}
