//! The collector's state (nursery, old space, remembered set, work lists) and the
//! copying step of minor collections: `evacuate`.

use crate::gcptr::GcHeader;
use crate::nursery::Nursery;
use crate::old::OldSpace;
use crate::types::TypeInfo;
use crate::verify::VerifyState;
use std::ptr::NonNull;

/// Objects are promoted when a minor collection finds them at this age (so an object
/// is copied once into a survivor space, then once more into the old space).
pub(crate) const PROMOTE_AGE: u32 = 2;

pub(crate) struct Spaces {
    pub(crate) types: Vec<TypeInfo>,
    pub(crate) nursery: Nursery,
    pub(crate) old: OldSpace,
    /// Old objects that may point into the nursery (each has its header's remembered bit
    /// set, so it is listed once).
    pub(crate) remembered: Vec<NonNull<GcHeader>>,
    /// Copied objects whose fields are still to be scanned.
    pub(crate) worklist: Vec<NonNull<GcHeader>>,
    /// Marked objects whose fields are still to be marked (full collections).
    pub(crate) gray: Vec<NonNull<GcHeader>>,
    /// Promote every survivor (the minor collection that starts a full one).
    pub(crate) promote_all: bool,
    /// Bytes copied into the survivor space / promoted in the current collection.
    pub(crate) survived_bytes: usize,
    pub(crate) survived_extra: usize,
    pub(crate) promoted_bytes: usize,
    pub(crate) promoted_boxes: usize,
    pub(crate) verify: VerifyState,
}

impl Spaces {
    pub(crate) fn new(types: Vec<TypeInfo>, eden: usize) -> Spaces {
        Spaces {
            types,
            nursery: Nursery::new(eden),
            old: OldSpace::new(),
            remembered: Vec::new(),
            worklist: Vec::new(),
            gray: Vec::new(),
            promote_all: false,
            survived_bytes: 0,
            survived_extra: 0,
            promoted_bytes: 0,
            promoted_boxes: 0,
            verify: VerifyState::default(),
        }
    }

    /// Adds an old object to the remembered set (once).
    #[inline]
    pub(crate) fn remember(&mut self, p: NonNull<GcHeader>) {
        // SAFETY: the caller passes a live object.
        let header = unsafe { p.as_ref() };
        if !header.is_remembered() {
            header.set_remembered(true);
            self.remembered.push(p);
        }
    }

    /// The new address of a young object: its copy if it was copied already, else a
    /// fresh copy (in the survivor space, or in the old space once it is old enough or
    /// when the survivor space is full), queued for scanning.
    pub(crate) fn evacuate(&mut self, p: NonNull<GcHeader>) -> NonNull<GcHeader> {
        // SAFETY: `p` is a young object reached from a root or a scanned object, so it
        // is either live or already forwarded (and then its body word holds the copy).
        let header = unsafe { p.as_ref() };
        let forward_slot = p.as_ptr().cast::<NonNull<GcHeader>>().wrapping_add(1);
        if header.is_forwarded() {
            return unsafe { *forward_slot };
        }
        let info = self.types[header.kind() as usize];
        let size = info.size;
        let to_old = self.promote_all || header.age() + 1 >= PROMOTE_AGE;
        let survivor = if to_old { None } else { self.nursery.survivor_bump(size) };
        let (dest, promoted) = match survivor {
            Some(d) => (d, false),
            None => (self.old.alloc(size), true),
        };
        // SAFETY: `dest` is fresh memory of `size` bytes that cannot overlap the source
        // (a different space, or a different survivor semispace); a bitwise copy is a
        // valid move of any Rust value, and the source is never dropped (it is marked
        // forwarded below).
        let new = unsafe {
            std::ptr::copy_nonoverlapping(p.as_ptr().cast::<u8>(), dest.as_ptr(), size);
            let new = dest.cast::<GcHeader>();
            new.as_ref().set_raw(header.aged_copy_word());
            new
        };
        // SAFETY: `new` is the complete copy made above.
        let extra = unsafe { (info.extra)(new) };
        if promoted {
            self.old.register(new, size, size + extra);
            self.promoted_bytes += size + extra;
            self.promoted_boxes += size;
        } else {
            self.survived_bytes += size;
            self.survived_extra += extra;
        }
        header.set_forwarded();
        // SAFETY: every object has a body word after its header (checked in
        // `TypeInfo::of`), and the old copy's contents are dead now.
        unsafe { *forward_slot = new };
        self.worklist.push(new);
        new
    }

    /// Where a young object went in the collection just done (`None`: it died). Old
    /// objects stay where they are.
    pub(crate) fn forwarded(&self, p: NonNull<GcHeader>) -> Option<NonNull<GcHeader>> {
        if !self.nursery.contains(p) {
            return Some(p);
        }
        // SAFETY: called after evacuation and before the nursery is reset, so `p`'s
        // header is still readable.
        let header = unsafe { p.as_ref() };
        if header.is_forwarded() {
            // SAFETY: a forwarded object's body word holds its copy.
            Some(unsafe { *p.as_ptr().cast::<NonNull<GcHeader>>().add(1) })
        } else {
            None
        }
    }

    /// Traces one object with the tracer's current mode.
    #[inline]
    pub(crate) fn trace_object(tracer: &mut crate::tracer::Tracer, p: NonNull<GcHeader>) {
        // SAFETY: `p` is a live object; its kind indexes the type table.
        let kind = unsafe { p.as_ref() }.kind() as usize;
        let trace = tracer.spaces.types[kind].trace;
        // SAFETY: `trace` is the entry of this object's own kind.
        unsafe { trace(p, tracer) };
    }
}
