//! How far a build is: the pipeline updates it, whoever shows it reads it (the CLI draws a
//! progress line on a terminal), so the library itself never prints. Counters are atomics:
//! pages are rendered in parallel, and reading never blocks the build.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Debug, Default)]
pub struct Progress {
    stage: Mutex<&'static str>,
    done: AtomicUsize,
    total: AtomicUsize,
}

/// What a progress line shows: the stage, and how far it is when that is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub stage: &'static str,
    pub done: usize,
    /// 0 when the stage has no count.
    pub total: usize,
}

impl Progress {
    /// A new stage of `total` steps (0: not counted).
    pub fn start(&self, stage: &'static str, total: usize) {
        if let Ok(mut s) = self.stage.lock() {
            *s = stage;
        }
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    /// One more step of the current stage done.
    pub fn step(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            stage: self.stage.lock().map_or("", |s| *s),
            done: self.done.load(Ordering::Relaxed),
            total: self.total.load(Ordering::Relaxed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stage_counts_its_steps_from_zero() {
        let p = Progress::default();
        p.start("render pages", 3);
        p.step();
        p.step();
        assert_eq!(
            p.snapshot(),
            Snapshot {
                stage: "render pages",
                done: 2,
                total: 3
            }
        );
        p.start("build the search index", 0);
        assert_eq!(p.snapshot().done, 0);
    }
}
