//! Throwing: materializing error values with their traces, and unwinding frame by frame
//! through the exception-handler tables.

use crate::error::{Exception, TraceFrame, VmResult};
use crate::object::{ErrorObj, List, Map, Str};
use crate::value::Value;
use crate::vm::Vm;

/// Traces keep this many innermost frames and this many outermost ones; the rest of a
/// very deep stack is summarized by one line.
const TRACE_KEEP: usize = 40;

impl Vm {
    /// Turns an exception into the value that handlers receive, recording the current
    /// trace on error values that have none yet. `pc` is the innermost frame's pc.
    pub(crate) fn materialize(&mut self, e: Exception, pc: usize) -> Value {
        let v = match e {
            Exception::Error(kind, message) => self.error_value(kind, &message),
            Exception::Thrown(v) => v,
        };
        if let Some(err) = v.downcast::<ErrorObj>() {
            if err.trace.get().is_nil() {
                let frames = self.trace_frames(Some(pc));
                let trace = self.trace_value(&frames);
                if let Some(h) = trace.as_header() {
                    self.heap.write_barrier(err.header_ptr(), h);
                }
                err.trace.set(trace);
            }
        } else if !self.record_error_instance_trace(v, pc) {
            self.thrown_trace = self.trace_frames(Some(pc));
        }
        v
    }

    /// The trace as the language sees it: a list of maps with `function`, `file`, `line`.
    pub(crate) fn trace_value(&mut self, frames: &[TraceFrame]) -> Value {
        let list = self.alloc(List::new(Vec::new()));
        let kept: Vec<&TraceFrame> = if frames.len() > 2 * TRACE_KEEP {
            frames[..TRACE_KEEP].iter().chain(frames[frames.len() - TRACE_KEEP..].iter()).collect()
        } else {
            frames.iter().collect()
        };
        for (i, f) in kept.iter().enumerate() {
            if i == TRACE_KEEP && frames.len() > 2 * TRACE_KEEP {
                let elided = self.alloc(Map::new());
                let k = self.str_value("function");
                let v = self.string_value(format!("... {} more frames ...", frames.len() - 2 * TRACE_KEEP));
                let _ = self.map_insert(elided, k, v);
                self.list_push(list, Value::object(elided));
            }
            let m = self.alloc(Map::new());
            let entries = [
                ("function", self.str_value(&f.function)),
                ("file", self.str_value(&f.file)),
                ("line", Value::small_int(f.line as i64)),
            ];
            for (k, v) in entries {
                let key = self.str_value(k);
                let _ = self.map_insert(m, key, v);
            }
            self.list_push(list, Value::object(m));
        }
        Value::object(list)
    }

    /// Unwinds to the nearest handler in the frames above `stop`. On success the handler's
    /// frame is current, its stack cut to the handler's depth with the thrown value on
    /// top; otherwise every frame above `stop` is gone and the value is returned.
    pub(crate) fn unwind(&mut self, e: Exception, pc: usize, stop: usize) -> VmResult<()> {
        let v = self.materialize(e, pc);
        if let Some(f) = self.frames.last_mut() {
            f.set_pc(pc);
        }
        while self.frames.len() > stop {
            let frame = *self.frames.last().expect("frames above stop exist");
            let at = frame.pc().saturating_sub(1) as u32;
            let handler = frame.closure.proto.code.handlers.iter().find(|h| h.start.0 <= at && at < h.end.0).copied();
            if let Some(h) = handler {
                let depth = self.base_of(&frame) + h.depth as usize;
                self.close_upvalues(depth);
                // DevObj code catches VM errors as instances of their `Error` subclass.
                let v = if frame.closure.proto.code.dialect == crate::bytecode::Dialect::Lox {
                    self.lox_caught_value(v)
                } else {
                    v
                };
                self.stack[depth] = v;
                self.sp = depth + 1;
                self.frames.last_mut().expect("current frame").set_pc(h.target.0 as usize);
                return Ok(());
            }
            let base = self.base_of(&frame);
            self.close_upvalues(base);
            self.sp = base;
            self.frames.pop();
        }
        Err(Exception::Thrown(v))
    }
}

/// Reads a trace list (as made by `trace_value`) back into frames.
pub(crate) fn trace_from_value(v: Value) -> Vec<TraceFrame> {
    let Some(list) = v.downcast::<List>() else {
        return Vec::new();
    };
    let field = |m: &Map, k: &str| m.get_str(k);
    list.snapshot()
        .into_iter()
        .filter_map(|f| f.downcast::<Map>())
        .map(|m| TraceFrame {
            function: field(&m, "function")
                .and_then(|v| v.downcast::<Str>())
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            file: field(&m, "file")
                .and_then(|v| v.downcast::<Str>())
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            line: field(&m, "line").filter(|v| v.is_small_int()).map_or(0, |v| v.as_small_int_unchecked() as u32),
        })
        .collect()
}

/// The trace recorded when a non-error value was last thrown.
pub(crate) fn thrown_trace(vm: &mut Vm, _v: Value) -> Vec<TraceFrame> {
    std::mem::take(&mut vm.thrown_trace)
}
