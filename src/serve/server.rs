//! The preview's HTTP server: hyper's HTTP/1 on a small tokio runtime, answering from the
//! in-memory site ([`super::http::answer`]) and streaming reload events.
//!
//! A preview runs on a developer's machine, but a browser tab on any web site can reach it
//! (DNS rebinding) and a stuck client must not stop it, so it keeps the limits of a real
//! server (issue 12): a header must arrive within [`HEADER_TIMEOUT`] (also the idle limit of
//! a kept-alive connection), the read buffer is capped at [`MAX_BUFFER`] (a header that never
//! ends gets 431), request bodies are never read, at most [`MAX_CONNECTIONS`] connections are
//! served at once (the rest wait in the kernel's backlog), and on a loopback address only
//! loopback `Host` names are answered.

use super::Shared;
use super::http;
use bytes::Bytes;
use http_body::Frame;
use http_body_util::{Either, Full};
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc};

/// How long a client may take to send a request's header, and how long a kept-alive
/// connection may sit idle before the next one.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// The most a connection buffers while reading a request header.
pub const MAX_BUFFER: usize = 64 * 1024;
/// Connections served at once; more wait to be accepted.
pub const MAX_CONNECTIONS: usize = 512;
/// Reload event streams open at once. Open tabs share one stream through a shared worker,
/// so a real preview needs a handful; each holds a connection for as long as it is open,
/// and without a cap of their own, streams took every connection slot and pages waited
/// (issue 22). Past the cap a stream request gets 503 with `Retry-After`.
pub const MAX_EVENT_STREAMS: usize = 64;
/// How often an idle event stream sends a comment, so closed tabs are noticed.
const HEARTBEAT: Duration = Duration::from_secs(15);

type Body = Either<Full<Bytes>, EventStream>;

/// A bound, not yet running server.
pub struct Server {
    listener: std::net::TcpListener,
    /// Whether `Host` must name a loopback host (the server listens on loopback only).
    loopback_only: bool,
}

impl Server {
    /// Binds the first free port from `port` on (or the system's choice for 0).
    pub fn bind(ip: IpAddr, port: u16) -> Result<Server, String> {
        let tries: Vec<u16> = if port == 0 {
            vec![0]
        } else {
            (port..port.saturating_add(20)).collect()
        };
        let mut last = String::new();
        for p in tries {
            match std::net::TcpListener::bind(SocketAddr::new(ip, p)) {
                Ok(listener) => {
                    return Ok(Server {
                        listener,
                        loopback_only: ip.is_loopback(),
                    });
                }
                Err(e) => last = e.to_string(),
            }
        }
        Err(format!("cannot listen on {ip} from port {port}: {last}"))
    }

    pub fn local_addr(&self) -> Result<SocketAddr, String> {
        self.listener
            .local_addr()
            .map_err(|e| format!("the server has no address: {e}"))
    }

    /// Serves on a runtime of its own, in a background thread, until the process ends.
    pub fn spawn(self, shared: Arc<Shared>) -> Result<(), String> {
        self.listener
            .set_nonblocking(true)
            .map_err(|e| format!("cannot configure the listener: {e}"))?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_io()
            .enable_time()
            .thread_name("marsad-http")
            .build()
            .map_err(|e| format!("cannot start the server's runtime: {e}"))?;
        let loopback_only = self.loopback_only;
        let std_listener = self.listener;
        std::thread::Builder::new()
            .name("marsad-accept".into())
            .spawn(move || {
                runtime.block_on(async move {
                    match tokio::net::TcpListener::from_std(std_listener) {
                        Ok(listener) => accept_loop(listener, shared, loopback_only).await,
                        Err(e) => {
                            use std::io::Write;
                            let _ = writeln!(std::io::stderr(), "cannot serve: {e}");
                        }
                    }
                });
            })
            .map_err(|e| format!("cannot start the server thread: {e}"))?;
        Ok(())
    }
}

async fn accept_loop(listener: tokio::net::TcpListener, shared: Arc<Shared>, loopback: bool) {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let streams = Arc::new(Semaphore::new(MAX_EVENT_STREAMS));
    loop {
        let Ok(permit) = Arc::clone(&slots).acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors, or a connection reset before it was accepted: wait a
            // moment instead of spinning, and keep serving.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        // Responses go out in one write each; without this a kept-alive connection's next
        // request can wait for a delayed ACK.
        let _ = stream.set_nodelay(true);
        let shared = Arc::clone(&shared);
        let streams = Arc::clone(&streams);
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |req| {
                let shared = Arc::clone(&shared);
                let streams = Arc::clone(&streams);
                async move { Ok::<_, Infallible>(respond(&req, &shared, &streams, loopback)) }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .max_buf_size(MAX_BUFFER)
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(permit);
        });
    }
}

/// One request -> one response. Never panics: every path ends in a response.
fn respond(
    req: &Request<Incoming>,
    shared: &Shared,
    streams: &Arc<Semaphore>,
    loopback_only: bool,
) -> Response<Body> {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    if loopback_only && !http::is_loopback_host(host) {
        return plain(
            StatusCode::FORBIDDEN,
            "forbidden: this preview answers only to localhost and loopback addresses\n",
        );
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut r = plain(StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n");
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let target = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or("/");
    if let Some(internal) = target.strip_prefix(http::INTERNAL) {
        return internal_answer(internal, shared, streams);
    }
    let answer = match shared.files.read() {
        Ok(files) => http::answer(&files, &shared.base_path, target),
        Err(_) => {
            return plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the site is unavailable\n",
            );
        }
    };
    let body = if answer.content_type.starts_with("text/html") {
        Bytes::from(http::inject_reload(&answer.body))
    } else {
        Bytes::from(answer.body.to_vec())
    };
    let mut response = Response::new(Either::Left(Full::new(body)));
    *response.status_mut() = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::OK);
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(answer.content_type),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(location) = answer.location {
        // `answer` encodes the path, so this cannot fail; if it ever did, a 301 without
        // a Location would be worse than an error.
        match HeaderValue::from_str(&location) {
            Ok(v) => {
                headers.insert(header::LOCATION, v);
            }
            Err(_) => return plain(StatusCode::INTERNAL_SERVER_ERROR, "bad redirect\n"),
        }
    }
    response
}

fn internal_answer(what: &str, shared: &Shared, streams: &Arc<Semaphore>) -> Response<Body> {
    let what = what.split('?').next().unwrap_or("");
    match what {
        "reload.js" => typed(include_str!("reload.js"), "text/javascript; charset=utf-8"),
        "worker.js" => typed(include_str!("worker.js"), "text/javascript; charset=utf-8"),
        "status" => {
            let generation = shared.generation.read().map(|g| *g).unwrap_or(0);
            let error = shared.error.read().ok().and_then(|e| e.clone());
            let scope = shared.scope.read().map(|s| *s).unwrap_or("site");
            let streams = shared.clients.lock().map(|c| c.len()).unwrap_or(0);
            let body = serde_json::json!({
                "generation": generation,
                "ok": error.is_none(),
                "error": error,
                "scope": scope,
                "event_streams": streams,
            });
            typed(&body.to_string(), "application/json")
        }
        "files" => {
            // Every served path: lets tests compare the served site with a clean build.
            let mut paths: Vec<String> = shared
                .files
                .read()
                .map(|f| f.keys().cloned().collect())
                .unwrap_or_default();
            paths.sort();
            typed(
                &serde_json::to_string(&paths).unwrap_or_default(),
                "application/json",
            )
        }
        "check" => {
            // `marsad check` on the pages served now: broken internal links, named by the
            // briefing file they come from.
            let written = match (shared.files.read(), shared.briefing_files.read()) {
                (Ok(files), Ok(sources)) => {
                    crate::check::Written::from_files(files.iter(), sources.clone())
                }
                _ => {
                    return plain(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "the site is unavailable\n",
                    );
                }
            };
            let report = crate::check::check_site(&written, &shared.base_url);
            let body = serde_json::json!({
                "pages": report.pages,
                "internal": report.internal,
                "broken": report.broken.iter().map(ToString::to_string).collect::<Vec<_>>(),
                "external": report.external.len(),
            });
            typed(&body.to_string(), "application/json")
        }
        "events" => match Arc::clone(streams).try_acquire_owned() {
            Ok(permit) => event_stream(shared, permit),
            Err(_) => {
                let mut r = plain(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "too many reload event streams are open; close some preview tabs\n",
                );
                let headers = r.headers_mut();
                headers.insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
                // The connection goes too, so refused streams do not hold connection slots.
                headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
                r
            }
        },
        _ => plain(StatusCode::NOT_FOUND, "not found\n"),
    }
}

/// Server-sent events: the current state first, then every broadcast.
fn event_stream(shared: &Shared, permit: OwnedSemaphorePermit) -> Response<Body> {
    let (tx, rx) = mpsc::unbounded_channel();
    let first = match shared.error.read().ok().and_then(|e| e.clone()) {
        Some(err) => super::event_bytes("build-error", &err),
        None => super::event_bytes("hello", ""),
    };
    let _ = tx.send(first);
    if let Ok(mut c) = shared.clients.lock() {
        c.push(tx);
    }
    let start = tokio::time::Instant::now() + HEARTBEAT;
    let stream = EventStream {
        rx,
        heartbeat: tokio::time::interval_at(start, HEARTBEAT),
        _slot: permit,
    };
    let mut response = Response::new(Either::Right(stream));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The body of an event stream: broadcast events as they come, a comment when idle. Ends
/// when the server drops its sender; dropped by hyper when the client goes, which the next
/// broadcast notices.
pub struct EventStream {
    rx: mpsc::UnboundedReceiver<Bytes>,
    heartbeat: tokio::time::Interval,
    /// The stream's place under [`MAX_EVENT_STREAMS`], given back when hyper drops the body
    /// (the client went).
    _slot: OwnedSemaphorePermit,
}

impl http_body::Body for EventStream {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        let this = self.get_mut();
        match this.rx.poll_recv(cx) {
            Poll::Ready(Some(event)) => return Poll::Ready(Some(Ok(Frame::data(event)))),
            Poll::Ready(None) => return Poll::Ready(None),
            Poll::Pending => {}
        }
        match this.heartbeat.poll_tick(cx) {
            Poll::Ready(_) => Poll::Ready(Some(Ok(Frame::data(Bytes::from_static(
                b": heartbeat\n\n",
            ))))),
            Poll::Pending => Poll::Pending,
        }
    }
}

fn typed(body: &str, content_type: &'static str) -> Response<Body> {
    let mut r = Response::new(Either::Left(Full::new(Bytes::from(body.to_string()))));
    let headers = r.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

fn plain(status: StatusCode, text: &'static str) -> Response<Body> {
    let mut r = typed(text, "text/plain; charset=utf-8");
    *r.status_mut() = status;
    r
}
