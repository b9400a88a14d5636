//! The `time` module: the real clock. Under `--deterministic` the module is refused:
//! `import time` raises PermissionDenied (spec: "time (refused under --deterministic)");
//! the built-in `clock()` is the deterministic alternative. The functions check the
//! policy again, so a module value obtained before a policy change cannot leak the clock.

use crate::args::Call;
use devvm_vm::object::{Arity, NativeArgs, NativeFn};
use devvm_vm::{ErrorKind, Exception, Value, Vm, VmResult};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub(crate) fn init(vm: &mut Vm) -> VmResult<Value> {
    refuse_if_deterministic(vm, "the time module")?;
    let functions: [(&str, Arity, NativeFn); 3] =
        [("now", Arity::exactly(0), now), ("clock", Arity::exactly(0), clock), ("sleep", Arity::exactly(1), sleep)];
    let exports: Vec<(&str, Value)> =
        functions.into_iter().map(|(name, arity, f)| (name, vm.native(&format!("time.{name}"), arity, f))).collect();
    Ok(vm.new_module("time", &exports))
}

/// Seconds since the Unix epoch, as a float (0.0 if the system clock is before it).
pub(crate) fn wall_seconds() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64())
}

/// PermissionDenied under `--deterministic`.
fn refuse_if_deterministic(vm: &Vm, name: &str) -> VmResult<()> {
    if vm.policy.deterministic {
        return Err(Exception::new(
            ErrorKind::PermissionDenied,
            format!("{name} reads the real clock, which --deterministic does not allow (use clock())"),
        ));
    }
    Ok(())
}

/// `now()`: wall-clock seconds since the Unix epoch.
fn now(vm: &mut Vm, _args: NativeArgs) -> VmResult<Value> {
    refuse_if_deterministic(vm, "time.now()")?;
    Ok(Value::float(wall_seconds()))
}

/// `clock()`: seconds for measuring intervals (the real clock, unlike the built-in
/// `clock()` under `--deterministic`).
fn clock(vm: &mut Vm, _args: NativeArgs) -> VmResult<Value> {
    refuse_if_deterministic(vm, "time.clock()")?;
    Ok(Value::float(wall_seconds()))
}

/// `sleep(seconds)`: pauses; a negative or nan duration is a ValueError. Output is
/// flushed first, so what was printed before the pause is visible during it.
fn sleep(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    refuse_if_deterministic(vm, "time.sleep()")?;
    let call = Call::function(args, "time.sleep");
    let seconds = call.number(vm, 0)?;
    let duration = Duration::try_from_secs_f64(seconds)
        .map_err(|_| call.value_error(format!("cannot sleep for {seconds} seconds")))?;
    vm.flush();
    std::thread::sleep(duration);
    Ok(Value::NIL)
}

#[cfg(test)]
mod tests {
    use crate::testutil::{kind, TestVm};
    use devvm_vm::{ErrorKind, Policy, Value};

    #[test]
    fn refused_under_deterministic() {
        let mut t = TestVm::new();
        let init = crate::std_module_init("time").expect("time module");
        assert_eq!(init(&mut t.vm).err().and_then(|e| kind(Err(e))), Some(ErrorKind::PermissionDenied));
        // The functions refuse too, should a module value exist under a deterministic VM.
        let mut open = TestVm::with_policy(Policy { deterministic: false, ..Policy::default() });
        let now = open.module_export("time", "now");
        open.vm.policy.deterministic = true;
        assert_eq!(kind(open.vm.call_value(now, &[])), Some(ErrorKind::PermissionDenied));
    }

    #[test]
    fn real_clock_otherwise() {
        let mut t = TestVm::with_policy(Policy { deterministic: false, ..Policy::default() });
        let now = t.module_call("time", "now", &[]).unwrap().as_float().unwrap();
        assert!(now > 1.6e9, "{now}");
        t.module_call("time", "sleep", &[Value::float(0.001)]).unwrap();
        let later = t.module_call("time", "clock", &[]).unwrap().as_float().unwrap();
        assert!(later >= now);
        assert_eq!(kind(t.module_call("time", "sleep", &[Value::float(-1.0)])), Some(ErrorKind::ValueError));
        assert_eq!(kind(t.module_call("time", "sleep", &[Value::float(f64::NAN)])), Some(ErrorKind::ValueError));
    }
}
