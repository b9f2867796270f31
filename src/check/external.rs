//! `marsad check --external`: fetches every external URL the site links to and sorts the
//! answers into broken links, links whose site refuses automated requests (403, 401: many
//! news sites do), and links left unchecked when the time limit ran out.
//!
//! Polite by construction: at most [`ExternalOptions::per_host`] requests to one host at a
//! time, `429 Too Many Requests` retried after the server's `Retry-After` (capped), and one
//! deadline for the whole run, so a slow or rate-limiting site cannot hold the check.

use super::{CheckReport, Problem, Reference};
use std::collections::{HashMap, VecDeque};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime};

#[derive(Debug, Clone)]
pub struct ExternalOptions {
    /// The longest one request may take.
    pub per_request: Duration,
    /// The longest the whole check may take; what is not fetched by then is reported as such.
    pub total: Duration,
    /// Requests in flight to one host at once.
    pub per_host: usize,
    /// Requests in flight in all.
    pub workers: usize,
    /// The longest wait before retrying a `429`; a longer `Retry-After` is not honoured.
    pub max_retry_wait: Duration,
    /// Retries of a `429` before it counts as broken.
    pub retries: u32,
}

impl Default for ExternalOptions {
    fn default() -> Self {
        ExternalOptions {
            per_request: Duration::from_secs(10),
            total: Duration::from_secs(120),
            per_host: 2,
            workers: 8,
            max_retry_wait: Duration::from_secs(30),
            retries: 2,
        }
    }
}

/// What fetching the external links found, each list in URL order.
#[derive(Debug, Clone, Default)]
pub struct ExternalReport {
    /// Links that fail: 4xx and 5xx other than 401/403, and links that cannot be fetched.
    pub broken: Vec<Problem>,
    /// Links whose server refused us (401, 403): probably fine in a browser, check by hand.
    pub refused: Vec<Problem>,
    /// Links not fetched before the time limit.
    pub unchecked: Vec<Problem>,
}

/// Fetches every external URL of `report` (HEAD, then GET when a server refuses HEAD).
pub fn check_external(report: &CheckReport, options: &ExternalOptions) -> ExternalReport {
    let deadline = Instant::now() + options.total;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .user_agent("marsad-check")
        .build()
        .into();
    let queue = Queue {
        state: Mutex::new(QueueState {
            waiting: report
                .external
                .iter()
                .map(|(url, at)| Waiting {
                    host: host_of(url),
                    url,
                    at,
                })
                .collect(),
            active: HashMap::new(),
        }),
        changed: Condvar::new(),
        per_host: options.per_host.max(1),
    };
    let outcomes: Mutex<Vec<(Outcome, Problem)>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..options.workers.max(1) {
            scope.spawn(|| {
                while let Some(Waiting { url, at, host }) = queue.next(deadline) {
                    let outcome = fetch(&agent, url, deadline, options);
                    queue.done(&host);
                    if let Some(outcome) = outcome {
                        push(&outcomes, outcome, url, at);
                    }
                }
            });
        }
    });
    let mut result = ExternalReport::default();
    let left: Vec<(&String, &Reference)> = queue
        .state
        .into_inner()
        .map(|s| s.waiting.into_iter().map(|w| (w.url, w.at)).collect())
        .unwrap_or_default();
    for (url, at) in left {
        push(
            &outcomes,
            Outcome::Unchecked("not fetched: the time limit ran out".into()),
            url,
            at,
        );
    }
    let mut all = outcomes.into_inner().unwrap_or_default();
    all.sort_by(|a, b| a.1.url.cmp(&b.1.url));
    for (outcome, problem) in all {
        match outcome {
            Outcome::Broken(_) => result.broken.push(problem),
            Outcome::Refused(_) => result.refused.push(problem),
            Outcome::Unchecked(_) => result.unchecked.push(problem),
        }
    }
    result
}

enum Outcome {
    Broken(String),
    Refused(String),
    Unchecked(String),
}

fn push(outcomes: &Mutex<Vec<(Outcome, Problem)>>, outcome: Outcome, url: &str, at: &Reference) {
    let reason = match &outcome {
        Outcome::Broken(r) | Outcome::Refused(r) | Outcome::Unchecked(r) => r.clone(),
    };
    if let Ok(mut o) = outcomes.lock() {
        o.push((
            outcome,
            Problem {
                at: at.clone(),
                url: url.to_string(),
                reason,
            },
        ));
    }
}

/// One URL, with its retries. `None` when the link works.
fn fetch(
    agent: &ureq::Agent,
    url: &str,
    deadline: Instant,
    options: &ExternalOptions,
) -> Option<Outcome> {
    let mut attempt = 0;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Some(Outcome::Unchecked(
                "not fetched: the time limit ran out".into(),
            ));
        }
        let timeout = options.per_request.min(left);
        let answer = request(agent, url, timeout);
        match answer {
            Ok((code, _)) if code < 400 => return None,
            Ok((429, retry_after)) if attempt < options.retries => {
                attempt += 1;
                let wait = retry_after
                    .unwrap_or(Duration::from_secs(1 << attempt))
                    .min(options.max_retry_wait);
                if Instant::now() + wait >= deadline {
                    return Some(Outcome::Unchecked(
                        "the server asked to retry later (HTTP 429), after the time limit".into(),
                    ));
                }
                std::thread::sleep(wait);
            }
            Ok((code @ (401 | 403), _)) => {
                return Some(Outcome::Refused(format!(
                    "the server refused the request (HTTP {code}); many sites refuse automated checks: open it in a browser"
                )));
            }
            Ok((code, _)) => {
                return Some(Outcome::Broken(format!("the server answered HTTP {code}")));
            }
            Err(e) if Instant::now() >= deadline => {
                return Some(Outcome::Unchecked(format!(
                    "not fetched before the time limit ran out ({e})"
                )));
            }
            Err(e) => return Some(Outcome::Broken(format!("cannot fetch: {e}"))),
        }
    }
}

/// HEAD, then GET when the server does not do HEAD: the status and a `Retry-After`.
fn request(
    agent: &ureq::Agent,
    url: &str,
    timeout: Duration,
) -> Result<(u16, Option<Duration>), ureq::Error> {
    let read = |r: ureq::http::Response<ureq::Body>| {
        let retry = r
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(retry_after);
        (r.status().as_u16(), retry)
    };
    let head = agent
        .head(url)
        .config()
        .timeout_global(Some(timeout))
        .build()
        .call()
        .map(read)?;
    if matches!(head.0, 405 | 501) {
        return agent
            .get(url)
            .config()
            .timeout_global(Some(timeout))
            .build()
            .call()
            .map(read);
    }
    Ok(head)
}

/// `Retry-After` is seconds or an HTTP date (RFC 9110, 10.2.3).
fn retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(
        when.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

/// URLs waiting to be fetched, handed out so no host has more than `per_host` in flight.
struct Queue<'a> {
    state: Mutex<QueueState<'a>>,
    changed: Condvar,
    per_host: usize,
}

struct QueueState<'a> {
    waiting: VecDeque<Waiting<'a>>,
    /// Requests in flight per host.
    active: HashMap<String, usize>,
}

/// A URL still to fetch, with its host worked out once.
struct Waiting<'a> {
    url: &'a String,
    at: &'a Reference,
    host: String,
}

impl<'a> Queue<'a> {
    /// The next URL whose host has room, waiting while every waiting URL's host is busy;
    /// `None` when nothing is left or the deadline passed.
    fn next(&self, deadline: Instant) -> Option<Waiting<'a>> {
        let mut state = self.state.lock().ok()?;
        loop {
            if state.waiting.is_empty() || Instant::now() >= deadline {
                return None;
            }
            let free = state
                .waiting
                .iter()
                .position(|w| state.active.get(&w.host).copied().unwrap_or(0) < self.per_host);
            if let Some(i) = free {
                let item = state.waiting.remove(i)?;
                *state.active.entry(item.host.clone()).or_insert(0) += 1;
                return Some(item);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            state = self.changed.wait_timeout(state, left).ok()?.0;
        }
    }

    fn done(&self, host: &str) {
        if let Ok(mut state) = self.state.lock()
            && let Some(n) = state.active.get_mut(host)
        {
            *n = n.saturating_sub(1);
        }
        self.changed.notify_all();
    }
}

/// The host and port a URL's requests go to.
fn host_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .map(|u| {
            format!(
                "{}:{}",
                u.host_str().unwrap_or(""),
                u.port_or_known_default().unwrap_or(0)
            )
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        assert_eq!(retry_after("3"), Some(Duration::from_secs(3)));
        assert_eq!(retry_after(" 0 "), Some(Duration::ZERO));
        let later = SystemTime::now() + Duration::from_secs(120);
        let d = retry_after(&httpdate::fmt_http_date(later)).expect("a date");
        assert!(
            d > Duration::from_secs(100) && d <= Duration::from_secs(120),
            "{d:?}"
        );
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon"), None);
    }

    #[test]
    fn hosts_include_the_port() {
        assert_eq!(host_of("https://a.example/x"), "a.example:443");
        assert_eq!(host_of("http://127.0.0.1:8080/x"), "127.0.0.1:8080");
    }
}
