//! Running a deeply recursive pass (a parser, a type checker) on a stack big enough for it.
//!
//! Nesting limits bound how deep a frontend recurses, but the bound needs far more than a
//! default thread's stack. A frontend asks for what it needs with [`with_stack`]: when the
//! current thread has that much left, the pass runs right here; otherwise (an embedder's
//! thread) on a new thread of that size. The CLI runs all its work on one large-stack thread
//! and says so with [`mark_current_thread`], which saves a DevFun run the spawn and teardown
//! of a second thread: 0.3–0.4 ms, a tenth of its startup.

use std::cell::Cell;

thread_local! {
    /// The current thread's stack, as `(an address near its base, its size)`, if marked.
    static STACK: Cell<Option<(usize, usize)>> = const { Cell::new(None) };
}

/// An address in the current frame: how deep the stack is, give or take a frame.
#[inline(never)]
fn stack_address() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// Records that the current thread was created with a stack of `size` bytes. Call it first
/// thing on that thread, so that the stack used so far is next to nothing.
pub fn mark_current_thread(size: usize) {
    STACK.with(|s| s.set(Some((stack_address(), size))));
}

/// The stack left on the current thread, if it was marked.
pub fn remaining() -> Option<usize> {
    let (base, size) = STACK.with(Cell::get)?;
    Some(size.saturating_sub(base.abs_diff(stack_address())))
}

/// Runs `f` with at least `size` bytes of stack: here if the current thread has that left,
/// else on a new thread of that size (or, when no thread can be made, here anyway: the
/// nesting limits keep the recursion bounded). `None` if `f` panicked on its own thread.
pub fn with_stack<T: Send, F: FnOnce() -> T + Send>(size: usize, f: F) -> Option<T> {
    if remaining().is_some_and(|left| left >= size) {
        // As on a thread of its own, a panic in the pass is its failure, not the caller's.
        return std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok();
    }
    // Held so that `f` can still run here when no thread can be made.
    let task = std::sync::Mutex::new(Some(f));
    let run = |task: &std::sync::Mutex<Option<_>>| {
        let f: Option<F> = task.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
        f.map(|f| f())
    };
    std::thread::scope(|scope| match std::thread::Builder::new().stack_size(size).spawn_scoped(scope, || run(&task)) {
        Ok(handle) => handle.join().ok().flatten(),
        Err(_) => run(&task),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unmarked_thread_runs_the_pass_on_a_new_thread() {
        let here = std::thread::current().id();
        assert_eq!(with_stack(1 << 20, || std::thread::current().id() != here), Some(true));
    }

    #[test]
    fn a_marked_thread_with_room_runs_the_pass_itself() {
        let t = std::thread::Builder::new().stack_size(8 << 20).spawn(|| {
            mark_current_thread(8 << 20);
            let here = std::thread::current().id();
            let left = remaining().unwrap();
            assert!(left > (7 << 20) && left <= 8 << 20, "{left}");
            let small = with_stack(1 << 20, || std::thread::current().id() == here);
            let large = with_stack(16 << 20, || std::thread::current().id() == here);
            (small, large)
        });
        assert_eq!(t.unwrap().join().unwrap(), (Some(true), Some(false)));
    }

    #[test]
    fn a_panic_in_the_pass_is_none_on_either_thread() {
        assert_eq!(with_stack(1 << 20, || -> u8 { panic!("boom") }), None);
        let t = std::thread::Builder::new().stack_size(4 << 20).spawn(|| {
            mark_current_thread(4 << 20);
            with_stack(1 << 20, || -> u8 { panic!("boom") })
        });
        assert_eq!(t.unwrap().join().unwrap(), None);
    }
}
