//! The progress line on stderr: rewritten in place on a terminal, one line per job otherwise.

use std::io::{IsTerminal, Write};

pub struct Progress {
    tty: bool,
    shown: bool,
    last_job: String,
}

impl Progress {
    pub fn new() -> Progress {
        Progress { tty: std::io::stderr().is_terminal(), shown: false, last_job: String::new() }
    }

    /// Show that `job` (e.g. `[3/11] nbody.dvs interp`) is at run `run` of `total`.
    pub fn update(&mut self, job: &str, run: usize, total: usize) {
        let mut err = std::io::stderr().lock();
        if self.tty {
            let _ = write!(err, "\r\x1b[2K{job}  run {run}/{total}");
            self.shown = true;
        } else if job != self.last_job {
            let _ = writeln!(err, "bench: {job}");
        }
        let _ = err.flush();
        self.last_job = job.to_string();
    }

    /// Erase the progress line (before printing a result row on the same terminal).
    pub fn clear(&mut self) {
        if self.tty && self.shown {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
            self.shown = false;
        }
    }
}
