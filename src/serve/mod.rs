//! `marsad serve`: builds the site into memory, serves it over HTTP, watches the sources,
//! rebuilds on every burst of edits and reloads open pages (stylesheets in place). A build
//! error never stops the server: the last good site stays up and the error is shown over it.
//!
//! Serving from memory means nothing on disk is deleted or recreated while editing, and a
//! request can only ever reach a generated file.

pub mod http;
mod state;
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
    pub include_drafts: bool,
    pub base_url: Option<String>,
    pub open: bool,
}

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
    clients: Mutex<Vec<mpsc::Sender<(&'static str, String)>>>,
}

impl Shared {
    fn broadcast(&self, event: &'static str, data: &str) {
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|c| c.send((event, data.to_string())).is_ok());
        }
    }
}

/// Runs until Ctrl-C. Returns an error only when the server cannot start.
pub fn serve(options: ServeOptions) -> Result<(), String> {
    let overrides = ConfigOverrides {
        base_url: options.base_url.clone(),
    };
    let resolve = ResolveOptions {
        include_drafts: options.include_drafts,
    };
    let (mut state, first_error) =
        SiteState::load(options.root.clone(), overrides, resolve).map_err(|d| d.to_string())?;
    let base_path = state.config.base_path().to_string();
    let shared = Arc::new(Shared {
        files: RwLock::new(state.files.clone()),
        base_path: base_path.clone(),
        error: RwLock::new(first_error.as_ref().map(Diagnostics::to_string)),
        generation: RwLock::new(1),
        scope: RwLock::new("site"),
        clients: Mutex::new(Vec::new()),
    });
    if let Some(d) = &first_error {
        warn!("{d}");
    }
    // Watch before announcing the address, so no edit made after the announcement is missed.
    let (tx, bursts) = mpsc::channel();
    let _watcher = watch::watch(&options.root, tx)?;
    let server = bind(options.bind, options.port)?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or("the server has no IP address")?;
    let url = format!("http://{}{}", display_addr(addr), base_path);
    if options.port != 0 && addr.port() != options.port {
        say!(
            "port {} is busy; using {} instead",
            options.port,
            addr.port()
        );
    }
    say!(
        "serving {} at {url} (Ctrl-C to stop)",
        options.root.display()
    );
    let _ = std::io::stdout().flush();
    let server = Arc::new(server);
    for _ in 0..4 {
        let server = Arc::clone(&server);
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            while let Ok(request) = server.recv() {
                handle(request, &shared);
            }
        });
    }
    ctrlc::set_handler(|| {
        say!("\nstopped");
        std::process::exit(0);
    })
    .map_err(|e| format!("cannot handle Ctrl-C: {e}"))?;
    if options.open {
        open_browser(&url);
    }
    for changes in bursts {
        let outcome = state.rebuild(&changes);
        match outcome {
            Outcome::Updated {
                changed,
                elapsed,
                scope,
            } => {
                publish(&shared, &state, &changed);
                if let Ok(mut s) = shared.scope.write() {
                    *s = scope;
                }
                let had_error = shared
                    .error
                    .write()
                    .map(|mut e| e.take().is_some())
                    .unwrap_or(false);
                say!(
                    "rebuilt ({scope}) in {elapsed:.1?}: {} files changed",
                    changed.len()
                );
                if had_error {
                    shared.broadcast("ok", "");
                } else if !changed.is_empty() && changed.iter().all(|p| p.ends_with(".css")) {
                    shared.broadcast("css", &changed.join("\n"));
                } else if !changed.is_empty() {
                    shared.broadcast("reload", &changed.len().to_string());
                }
                // The pages are out; what follows them (the search index) waits a moment, so
                // the reload's own requests are not competing with it for the CPU.
                if state.has_pending() {
                    std::thread::sleep(FOLLOW_UP_DELAY);
                }
                let later = state.finish();
                if !later.is_empty() {
                    publish(&shared, &state, &later);
                }
                bump(&shared);
            }
            Outcome::Failed(diags) => {
                let text = diags.to_string();
                warn!("{text}\nrebuild failed; still serving the last good version");
                if let Ok(mut e) = shared.error.write() {
                    *e = Some(text.clone());
                }
                bump(&shared);
                shared.broadcast("build-error", &text);
            }
        }
    }
    Ok(())
}

/// Makes the state's files the served ones, touching only the changed entries.
fn publish(shared: &Shared, state: &SiteState, changed: &[String]) {
    if let Ok(mut served) = shared.files.write() {
        for path in changed {
            match state.files.get(path) {
                Some(bytes) => {
                    served.insert(path.clone(), Arc::clone(bytes));
                }
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

/// Binds the first free port from `port` on (or the system's choice for 0).
fn bind(ip: IpAddr, port: u16) -> Result<tiny_http::Server, String> {
    let tries: Vec<u16> = if port == 0 {
        vec![0]
    } else {
        (port..port.saturating_add(20)).collect()
    };
    let mut last = String::new();
    for p in tries {
        match tiny_http::Server::http(SocketAddr::new(ip, p)) {
            Ok(s) => return Ok(s),
            Err(e) => last = e.to_string(),
        }
    }
    Err(format!("cannot listen on {ip} from port {port}: {last}"))
}

fn display_addr(addr: SocketAddr) -> String {
    match addr.ip() {
        IpAddr::V6(ip) => format!("[{ip}]:{}", addr.port()),
        IpAddr::V4(ip) => format!("{ip}:{}", addr.port()),
    }
}

fn handle(request: tiny_http::Request, shared: &Arc<Shared>) {
    let url = request.url().to_string();
    if let Some(internal) = url.strip_prefix(http::INTERNAL) {
        return handle_internal(request, internal, shared);
    }
    if *request.method() != tiny_http::Method::Get && *request.method() != tiny_http::Method::Head {
        let _ = request
            .respond(tiny_http::Response::from_string("method not allowed").with_status_code(405));
        return;
    }
    let answer = match shared.files.read() {
        Ok(files) => http::answer(&files, &shared.base_path, &url),
        Err(_) => return,
    };
    let body: Vec<u8> = if answer.content_type.starts_with("text/html") {
        http::inject_reload(&answer.body)
    } else {
        answer.body.to_vec()
    };
    let mut response = tiny_http::Response::from_data(body)
        .with_status_code(answer.status)
        .with_header(header("Content-Type", answer.content_type))
        .with_header(header("Cache-Control", "no-store"))
        // tiny_http writes headers and body separately and does not expose TCP_NODELAY; on a
        // kept-alive connection the next request then waits ~40 ms for a delayed ACK. A new
        // loopback connection costs far less.
        .with_header(header("Connection", "close"));
    if let Some(location) = &answer.location {
        response = response.with_header(header("Location", location));
    }
    let _ = request.respond(response);
}

fn handle_internal(request: tiny_http::Request, what: &str, shared: &Arc<Shared>) {
    match what {
        "reload.js" => {
            let body = include_str!("reload.js");
            let _ = respond_closed(
                request,
                tiny_http::Response::from_string(body)
                    .with_header(header("Content-Type", "text/javascript; charset=utf-8")),
            );
        }
        "status" => {
            let generation = shared.generation.read().map(|g| *g).unwrap_or(0);
            let error = shared.error.read().ok().and_then(|e| e.clone());
            let scope = shared.scope.read().map(|s| *s).unwrap_or("site");
            let body = serde_json::json!({ "generation": generation, "ok": error.is_none(), "error": error, "scope": scope });
            let _ = respond_closed(
                request,
                tiny_http::Response::from_string(body.to_string())
                    .with_header(header("Content-Type", "application/json")),
            );
        }
        "files" => {
            // Every served path: lets tests compare the served site with a clean build.
            let mut paths: Vec<String> = shared
                .files
                .read()
                .map(|f| f.keys().cloned().collect())
                .unwrap_or_default();
            paths.sort();
            let body = serde_json::to_string(&paths).unwrap_or_default();
            let _ = respond_closed(
                request,
                tiny_http::Response::from_string(body)
                    .with_header(header("Content-Type", "application/json")),
            );
        }
        "events" => {
            let shared = Arc::clone(shared);
            std::thread::spawn(move || stream_events(request, &shared));
        }
        _ => {
            let _ = respond_closed(
                request,
                tiny_http::Response::from_string("not found").with_status_code(404),
            );
        }
    }
}

/// Server-sent events: the current state first, then every broadcast, with a heartbeat so
/// closed tabs are noticed and dropped.
fn stream_events(request: tiny_http::Request, shared: &Shared) {
    let (tx, rx) = mpsc::channel();
    if let Ok(mut c) = shared.clients.lock() {
        c.push(tx);
    }
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
    if out.write_all(head.as_bytes()).is_err() {
        return;
    }
    let first = match shared.error.read().ok().and_then(|e| e.clone()) {
        Some(err) => ("build-error", err),
        None => ("hello", String::new()),
    };
    if !send_event(&mut out, first.0, &first.1) {
        return;
    }
    loop {
        let sent = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok((event, data)) => send_event(&mut out, event, &data),
            Err(mpsc::RecvTimeoutError::Timeout) => out
                .write_all(b": heartbeat\n\n")
                .and_then(|()| out.flush())
                .is_ok(),
            Err(mpsc::RecvTimeoutError::Disconnected) => false,
        };
        if !sent {
            return;
        }
    }
}

/// One server-sent event; multi-line data goes out as several `data:` lines.
fn send_event(out: &mut Box<dyn Write + Send>, event: &str, data: &str) -> bool {
    let mut msg = format!("event: {event}\n");
    for line in data.split('\n') {
        msg.push_str(&format!("data: {line}\n"));
    }
    msg.push('\n');
    out.write_all(msg.as_bytes())
        .and_then(|()| out.flush())
        .is_ok()
}

/// Responds and closes the connection (see the note on `Connection: close` in `handle`).
fn respond_closed<R: std::io::Read>(
    request: tiny_http::Request,
    response: tiny_http::Response<R>,
) -> std::io::Result<()> {
    request.respond(response.with_header(header("Connection", "close")))
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap_or_else(|_| {
        tiny_http::Header::from_bytes(&b"X-Marsad"[..], &b"1"[..]).expect("a constant header")
    })
}

/// Best effort: the platform's opener, if there is one.
fn open_browser(url: &str) {
    for opener in ["xdg-open", "open"] {
        if std::process::Command::new(opener).arg(url).spawn().is_ok() {
            return;
        }
    }
}
