//! Running one program as a child process, timing it and judging its output.

use std::ffi::OsString;
use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::stats::{summarize, Summary};

/// A command line to run: `program args...`.
#[derive(Debug, Clone)]
pub struct Job {
    pub program: PathBuf,
    pub args: Vec<OsString>,
}

impl Job {
    /// The command line as text, for messages.
    pub fn display(&self) -> String {
        let mut s = self.program.display().to_string();
        for a in &self.args {
            s.push(' ');
            s.push_str(&a.to_string_lossy());
        }
        s
    }
}

/// What one run did.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Wall time from spawn to exit, seconds.
    pub secs: f64,
    /// Exit code; `None` when killed by a signal or by the timeout.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub timed_out: bool,
}

/// The result of warmup plus timed runs of one program.
#[derive(Debug, Clone, Default)]
pub struct Measurement {
    /// Wall times of the timed runs, seconds, in run order.
    pub times: Vec<f64>,
    /// The last stdout line of the last run.
    pub output: Option<String>,
    /// Why the program failed; runs stop at the first failure.
    pub failure: Option<String>,
}

impl Measurement {
    pub fn summary(&self) -> Option<Summary> {
        if self.failure.is_some() {
            None
        } else {
            summarize(&self.times)
        }
    }

    pub fn ok(&self) -> bool {
        self.failure.is_none()
    }
}

/// Run `job` once, with stdout and stderr captured, killing it after `timeout`.
pub fn run_once(job: &Job, timeout: Duration) -> std::io::Result<Outcome> {
    let start = Instant::now();
    let mut child = Command::new(&job.program)
        .args(&job.args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let pid = child.id();
    let out_rx = read_in_background(child.stdout.take().expect("stdout is piped"));
    let err_rx = read_in_background(child.stderr.take().expect("stderr is piped"));
    // A waiter thread notes the exit instant, so the timing is not quantized by polling.
    let (tx, rx) = mpsc::channel::<(std::io::Result<ExitStatus>, Instant)>();
    let waiter = std::thread::spawn(move || {
        let status = child.wait();
        let _ = tx.send((status, Instant::now()));
    });
    let (status, end, timed_out) = match rx.recv_timeout(timeout) {
        Ok((status, end)) => (status?, end, false),
        Err(_) => {
            kill(pid);
            let (status, end) = rx.recv().map_err(|_| std::io::Error::other("waiter thread vanished"))?;
            (status?, end, true)
        }
    };
    let _ = waiter.join();
    // After a kill, a grandchild may still hold the pipes open: do not wait for it long.
    let grace = if timed_out { Duration::from_millis(500) } else { Duration::from_secs(3600) };
    let stdout = String::from_utf8_lossy(&out_rx.recv_timeout(grace).unwrap_or_default()).into_owned();
    let stderr = String::from_utf8_lossy(&err_rx.recv_timeout(grace).unwrap_or_default()).into_owned();
    Ok(Outcome {
        secs: end.duration_since(start).as_secs_f64(),
        code: if timed_out { None } else { status.code() },
        stdout,
        stderr,
        timed_out,
    })
}

/// Read a pipe to its end on a thread; the bytes arrive on the returned channel.
fn read_in_background<R: Read + Send + 'static>(mut pipe: R) -> mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = pipe.read_to_end(&mut buf);
        let _ = tx.send(buf);
    });
    rx
}

/// Kill a timed-out child by pid (std cannot kill a `Child` another thread is waiting on).
fn kill(pid: u32) {
    let pid = pid.to_string();
    let _ = if cfg!(windows) {
        Command::new("taskkill").args(["/F", "/T", "/PID", &pid]).stdout(Stdio::null()).stderr(Stdio::null()).status()
    } else {
        Command::new("kill").args(["-9", &pid]).stdout(Stdio::null()).stderr(Stdio::null()).status()
    };
}

/// The last non-empty line of a program's stdout.
pub fn last_line(stdout: &str) -> Option<&str> {
    stdout.lines().map(str::trim_end).rev().find(|l| !l.is_empty())
}

/// Judge a run: it must exit with 0 and its last stdout line must end with ` ok` (and equal
/// `expect` when the manifest gives one). `Ok(last line)` or `Err(reason)`.
pub fn verdict(o: &Outcome, expect: Option<&str>, timeout: Duration) -> Result<String, String> {
    let last = last_line(&o.stdout).unwrap_or("").to_string();
    let tail = stderr_tail(&o.stderr);
    if o.timed_out {
        return Err(format!("timed out after {} s", timeout.as_secs_f64()));
    }
    match o.code {
        Some(0) => {}
        Some(c) => return Err(format!("exit code {c}{tail}")),
        None => return Err(format!("killed by a signal{tail}")),
    }
    if !(last == "ok" || last.ends_with(" ok")) {
        return Err(format!("output does not end with ' ok': {last:?}{tail}"));
    }
    if let Some(e) = expect {
        if last != e {
            return Err(format!("output {last:?} differs from the expected {e:?}"));
        }
    }
    Ok(last)
}

/// The first few stderr lines (where an uncaught error names its kind and message), as a
/// suffix for a failure message.
fn stderr_tail(stderr: &str) -> String {
    let lines: Vec<&str> = stderr.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.is_empty() {
        return String::new();
    }
    let mut text = lines[..lines.len().min(3)].join(" | ");
    if text.chars().count() > 300 {
        text = text.chars().take(300).collect::<String>() + "...";
    } else if lines.len() > 3 {
        text.push_str(" | ...");
    }
    format!("; stderr: {text}")
}

/// Run `warmup` untimed then `runs` timed runs of `job`, stopping at the first failure.
/// `progress(i, total)` is called before each run (warmups included, 1-based).
#[cfg(test)]
pub fn measure(
    job: &Job,
    warmup: usize,
    runs: usize,
    timeout: Duration,
    expect: Option<&str>,
    progress: &mut dyn FnMut(usize, usize),
) -> Measurement {
    let mut ms = measure_interleaved(&[(job.clone(), runs)], warmup, timeout, expect, progress);
    ms.pop().unwrap_or_default()
}

/// Time several programs in rounds (A B C A B C ...): `warmup` untimed rounds, then timed
/// ones until each `(job, runs)` has its `runs`. On a shared machine, whatever else runs
/// then slows every program of a round alike, so their ratios stay fair (timing all of A,
/// then all of B, lets a burst of load land on one of them). A program stops at its first
/// failure; the others go on. `progress(round, rounds)` is called before each round.
pub fn measure_interleaved(
    jobs: &[(Job, usize)],
    warmup: usize,
    timeout: Duration,
    expect: Option<&str>,
    progress: &mut dyn FnMut(usize, usize),
) -> Vec<Measurement> {
    let mut ms = vec![Measurement::default(); jobs.len()];
    let rounds = warmup + jobs.iter().map(|(_, runs)| *runs).max().unwrap_or(0);
    for round in 0..rounds {
        progress(round + 1, rounds);
        for ((job, runs), m) in jobs.iter().zip(ms.iter_mut()) {
            if m.failure.is_some() || round >= warmup + runs {
                continue;
            }
            let outcome = match run_once(job, timeout) {
                Ok(o) => o,
                Err(e) => {
                    m.failure = Some(format!("cannot run {}: {e}", job.display()));
                    continue;
                }
            };
            match verdict(&outcome, expect, timeout) {
                Ok(line) => m.output = Some(line),
                Err(reason) => {
                    m.output = last_line(&outcome.stdout).map(str::to_string);
                    m.failure = Some(reason);
                    continue;
                }
            }
            if round >= warmup {
                m.times.push(outcome.secs);
            }
        }
    }
    ms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(code: Option<i32>, stdout: &str) -> Outcome {
        Outcome { secs: 0.1, code, stdout: stdout.into(), stderr: "boom\n".into(), timed_out: false }
    }

    const T: Duration = Duration::from_secs(5);

    #[test]
    fn verdicts() {
        assert_eq!(verdict(&outcome(Some(0), "fib 5 ok\n\n"), None, T), Ok("fib 5 ok".into()));
        assert_eq!(verdict(&outcome(Some(0), "x\nfib 5 ok\n"), Some("fib 5 ok"), T), Ok("fib 5 ok".into()));
        assert!(verdict(&outcome(Some(0), "fib 6 ok\n"), Some("fib 5 ok"), T).is_err());
        assert!(verdict(&outcome(Some(0), "fib 5 okay\n"), None, T).is_err());
        assert!(verdict(&outcome(Some(0), ""), None, T).is_err());
        let e = verdict(&outcome(Some(70), "fib 5 ok\n"), None, T).unwrap_err();
        assert!(e.contains("exit code 70") && e.contains("boom"), "{e}");
        assert!(verdict(&outcome(None, "fib 5 ok\n"), None, T).is_err());
        let mut o = outcome(Some(0), "fib 5 ok\n");
        o.timed_out = true;
        assert!(verdict(&o, None, T).unwrap_err().contains("timed out"));
    }

    #[cfg(unix)]
    #[test]
    fn runs_and_times_a_process() {
        let job = Job { program: "sh".into(), args: vec!["-c".into(), "echo hello ok".into()] };
        let m = measure(&job, 1, 3, T, Some("hello ok"), &mut |_, _| {});
        assert!(m.ok(), "{:?}", m.failure);
        assert_eq!(m.times.len(), 3);
        assert_eq!(m.output.as_deref(), Some("hello ok"));
        let bad = Job { program: "sh".into(), args: vec!["-c".into(), "echo wrong; exit 3".into()] };
        let m = measure(&bad, 1, 3, T, None, &mut |_, _| {});
        assert!(m.failure.unwrap().contains("exit code 3"));
        assert!(m.times.is_empty());
        // Interleaved: each program gets its own number of runs, and one failing does not
        // stop the others.
        let ok = Job { program: "sh".into(), args: vec!["-c".into(), "echo hello ok".into()] };
        let ms = measure_interleaved(&[(ok.clone(), 2), (bad, 3), (ok, 4)], 1, T, None, &mut |_, _| {});
        assert_eq!(ms.iter().map(|m| m.times.len()).collect::<Vec<_>>(), [2, 0, 4]);
        assert!(ms[0].ok() && !ms[1].ok() && ms[2].ok());
        let slow = Job { program: "sh".into(), args: vec!["-c".into(), "exec sleep 5".into()] };
        let o = run_once(&slow, Duration::from_millis(200)).unwrap();
        assert!(o.timed_out && o.secs < 4.0, "{o:?}");
    }
}
