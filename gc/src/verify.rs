//! `DEVVM_GC_VERIFY=1`: heap checks around every collection.
//!
//! * Before a minor collection: every old object that points into the nursery is in the
//!   remembered set (a missed write barrier shows up here, at the first collection after
//!   the store).
//! * After every collection: everything reachable from the roots is a valid object (in
//!   the live part of the nursery or a known old object, with a real kind, not
//!   forwarded), and old→young edges are still remembered.
//!
//! The checks walk the whole heap, so they cost O(heap) per collection; they are meant
//! for tests and CI, never for production runs. They are rationed to a constant factor
//! of the collector's own work (`Heap::verify_due`): every collection of a full eden is
//! verified, and under stress (a collection at nearly every safepoint) a heap of N old
//! objects about every N/200-th collection. A failure is a collector or barrier bug, so
//! it panics with the list of problems.

use crate::collect::Roots;
use crate::gcptr::GcHeader;
use crate::spaces::Spaces;
use crate::tracer::{Mode, Tracer};
use std::ptr::NonNull;

#[derive(Default)]
pub(crate) struct VerifyState {
    /// The object whose fields are being checked: (address, is old, is remembered).
    owner: Option<(usize, bool, bool)>,
    /// Follow edges (the reachability walk) or only check them (the old-space walk).
    walk: bool,
    /// Objects reached by the walk: their mark bit (free outside full collections) says
    /// "visited" and is cleared at the end.
    visited: Vec<NonNull<GcHeader>>,
    queue: Vec<NonNull<GcHeader>>,
    errors: Vec<String>,
}

const MAX_ERRORS: usize = 20;

impl Spaces {
    fn object_is_valid(&self, a: usize) -> bool {
        let in_place =
            if self.nursery.contains_addr(a) { self.nursery.holds_live(a) } else { self.old.contains_object(a) };
        if !in_place {
            return false;
        }
        // SAFETY: the address is a live object's, per the check above.
        let header = unsafe { &*(a as *const GcHeader) };
        (header.kind() as usize) < self.types.len() && !header.is_forwarded()
    }

    pub(crate) fn verify_edge(&mut self, p: NonNull<GcHeader>) {
        let a = p.as_ptr() as usize;
        if !self.object_is_valid(a) {
            let owner = self.verify.owner.map_or("a root".to_string(), |(o, _, _)| format!("object {o:#x}"));
            self.verify_error(format!("{owner} points to {a:#x}, which is not a live object"));
            return;
        }
        if let Some((o, true, false)) = self.verify.owner {
            if self.nursery.contains(p) {
                // SAFETY: both objects are valid (the target was checked above; the owner
                // is being walked).
                let (ok, tk) = unsafe { ((*(o as *const GcHeader)).kind(), p.as_ref().kind()) };
                let owner_kind = self.types.get(ok as usize).map_or("?", |t| t.name);
                let target_kind = self.types.get(tk as usize).map_or("?", |t| t.name);
                self.verify_error(format!(
                    "old {owner_kind} {o:#x} points to young {target_kind} {a:#x} but is not in the remembered set \
                     (a missing write barrier)"
                ));
            }
        }
        // SAFETY: validated above.
        let header = unsafe { p.as_ref() };
        if self.verify.walk && !header.is_marked() {
            header.set_marked(true);
            self.verify.visited.push(p);
            self.verify.queue.push(p);
        }
    }

    fn verify_error(&mut self, e: String) {
        if self.verify.errors.len() < MAX_ERRORS {
            self.verify.errors.push(e);
        }
    }

    fn check_fields(&mut self, obj: NonNull<GcHeader>) {
        // SAFETY: `obj` was validated before it was queued or is listed in the old space.
        let header = unsafe { obj.as_ref() };
        let old = !self.nursery.contains(obj);
        self.verify.owner = Some((obj.as_ptr() as usize, old, header.is_remembered()));
        let mut t = Tracer::new(Mode::Verify, self);
        Spaces::trace_object(&mut t, obj);
        self.verify.owner = None;
    }

    /// Before a minor collection: no old→young edge outside the remembered set.
    pub(crate) fn verify_before_minor(&mut self, when: &str) {
        self.verify.walk = false;
        let mut objects = Vec::new();
        self.old.for_each(|p| objects.push(p));
        for obj in objects {
            self.check_fields(obj);
        }
        self.finish_verify(when);
    }

    /// After a collection: the reachable graph is made of valid objects, and old→young
    /// edges are remembered.
    pub(crate) fn verify_after(&mut self, roots: Roots, when: &str) {
        self.verify.walk = true;
        {
            let mut t = Tracer::new(Mode::Verify, self);
            roots(&mut t);
        }
        while let Some(obj) = self.verify.queue.pop() {
            self.check_fields(obj);
        }
        self.verify.walk = false;
        for p in self.verify.visited.drain(..) {
            // SAFETY: every visited object was validated and is still live.
            unsafe { p.as_ref() }.set_marked(false);
        }
        self.finish_verify(when);
    }

    fn finish_verify(&mut self, when: &str) {
        if !self.verify.errors.is_empty() {
            let errors = std::mem::take(&mut self.verify.errors);
            panic!("GC verification failed {when}:\n  {}", errors.join("\n  "));
        }
    }
}
