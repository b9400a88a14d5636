//! The opcode table. Each opcode is declared exactly once here — mnemonic, operands, stack
//! effect and meaning — and the decoder, instruction lengths, disassembler, stack-depth
//! checks and `docs/bytecode.md` are all derived from it.
//!
//! Encoding: one opcode byte followed by little-endian operands of the listed widths.
//! `CLOSURE` is followed by `upvals` descriptors of three bytes each (`is_local: u8`,
//! `index: u16`); that variable tail is the one exception to the fixed lengths, handled by
//! [`Op::tail_len`].

/// The width and meaning of one operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OperandKind {
    /// An unsigned byte (argument counts, flags).
    U8,
    /// An unsigned 16-bit index (constants, local slots, upvalues, counts).
    U16,
    /// A signed 16-bit immediate.
    I16,
    /// A 32-bit record tag.
    U32,
    /// A signed 32-bit jump offset, relative to the end of the instruction.
    Jump,
}

impl OperandKind {
    pub const fn size(self) -> usize {
        match self {
            OperandKind::U8 => 1,
            OperandKind::U16 | OperandKind::I16 => 2,
            OperandKind::U32 | OperandKind::Jump => 4,
        }
    }
}

/// How an instruction changes the operand stack: `pops` values, then `pushes`. Variable
/// effects are computed from the operands (`CALL n` pops the callee and `n` arguments).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StackEffect {
    pub pops: u32,
    pub pushes: u32,
}

macro_rules! define_ops {
    ($( $name:ident $mnemonic:literal [$($operand:ident: $kind:ident),*] ($pops:expr => $pushes:expr) $doc:literal; )*) => {
        /// A bytecode operation.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum Op { $(#[doc = $doc] $name,)* }

        impl Op {
            /// Every opcode, in numbering order.
            pub const ALL: &'static [Op] = &[$(Op::$name,)*];

            /// The opcode for a byte, if it is one.
            #[inline]
            pub fn from_byte(b: u8) -> Option<Op> {
                Op::ALL.get(b as usize).copied()
            }

            pub fn mnemonic(self) -> &'static str {
                match self { $(Op::$name => $mnemonic,)* }
            }

            pub fn doc(self) -> &'static str {
                match self { $(Op::$name => $doc,)* }
            }

            /// The operand kinds, in encoding order.
            pub fn operands(self) -> &'static [OperandKind] {
                match self { $(Op::$name => &[$(OperandKind::$kind),*],)* }
            }

            /// The operand names (for the disassembler and the docs).
            pub fn operand_names(self) -> &'static [&'static str] {
                match self { $(Op::$name => &[$(stringify!($operand)),*],)* }
            }

            /// Length of the fixed part: the opcode byte plus its operands.
            pub fn fixed_len(self) -> usize {
                match self { $(Op::$name => 1 $(+ OperandKind::$kind.size())*,)* }
            }

            /// The stack effect given the decoded operands.
            #[allow(unused_variables)]
            pub fn stack_effect(self, operands: &[i64]) -> StackEffect {
                match self {
                    $(Op::$name => {
                        let mut _i = 0usize;
                        $(let $operand = operands[_i]; _i += 1;)*
                        StackEffect { pops: ($pops) as u32, pushes: ($pushes) as u32 }
                    })*
                }
            }
        }
    };
}

define_ops! {
    Nop "NOP" [] (0 => 0) "Does nothing (padding left by the peephole pass).";
    Nil "NIL" [] (0 => 1) "Pushes nil.";
    True "TRUE" [] (0 => 1) "Pushes true.";
    False "FALSE" [] (0 => 1) "Pushes false.";
    Int "INT" [value: I16] (0 => 1) "Pushes a small integer immediate.";
    Const "CONST" [k: U16] (0 => 1) "Pushes constant k of the function's pool.";
    Pop "POP" [] (1 => 0) "Discards the top of the stack.";
    PopN "POP_N" [n: U16] (n => 0) "Discards the top n values (leaving a scope early: break, continue).";
    Dup "DUP" [] (1 => 2) "Duplicates the top of the stack.";
    PopUnder "POP_UNDER" [n: U16] (n + 1 => 1) "Keeps the top value and discards the n values below it (ends a block expression).";
    GetLocal "GET_LOCAL" [slot: U16] (0 => 1) "Pushes local slot (relative to the frame base).";
    SetLocal "SET_LOCAL" [slot: U16] (1 => 0) "Pops into local slot.";
    GetUpval "GET_UPVAL" [index: U16] (0 => 1) "Pushes the closure's upvalue.";
    SetUpval "SET_UPVAL" [index: U16] (1 => 0) "Pops into the closure's upvalue.";
    CloseUpvals "CLOSE_UPVALS" [slot: U16] (0 => 0) "Closes every open upvalue at or above local slot (ends a scope whose variables were captured).";
    GetModVar "GET_MODVAR" [index: U16] (0 => 1) "Pushes module variable index; NameError if its definition has not run yet.";
    SetModVar "SET_MODVAR" [index: U16] (1 => 0) "Pops into module variable index.";
    GetBuiltin "GET_BUILTIN" [index: U16] (0 => 1) "Pushes built-in function index.";
    Add "ADD" [] (2 => 1) "Dynamic +: numbers, or two strings, or two lists.";
    Sub "SUB" [] (2 => 1) "Dynamic -.";
    Mul "MUL" [] (2 => 1) "Dynamic *.";
    Div "DIV" [] (2 => 1) "Dynamic /: always a float.";
    FloorDiv "FLOORDIV" [] (2 => 1) "Dynamic //: floored; int // 0 raises ZeroDivisionError.";
    Mod "MOD" [] (2 => 1) "Dynamic %: floored modulo.";
    Pow "POW" [] (2 => 1) "Dynamic **.";
    Neg "NEG" [] (1 => 1) "Dynamic unary -.";
    Not "NOT" [] (1 => 1) "Logical not: a bool.";
    BitNot "BITNOT" [] (1 => 1) "Bitwise ~ on ints.";
    BitAnd "BITAND" [] (2 => 1) "Bitwise & on ints.";
    BitOr "BITOR" [] (2 => 1) "Bitwise | on ints.";
    BitXor "BITXOR" [] (2 => 1) "Bitwise ^ on ints.";
    Shl "SHL" [] (2 => 1) "Shift left on ints (overflow raises).";
    Shr "SHR" [] (2 => 1) "Arithmetic shift right on ints.";
    Eq "EQ" [] (2 => 1) "Structural equality.";
    Ne "NE" [] (2 => 1) "Structural inequality.";
    Lt "LT" [] (2 => 1) "Ordering <: numbers or two strings.";
    Le "LE" [] (2 => 1) "Ordering <=.";
    Gt "GT" [] (2 => 1) "Ordering >.";
    Ge "GE" [] (2 => 1) "Ordering >=.";
    AddInt "ADD_INT" [value: I16] (1 => 1) "Dynamic + of an immediate (x + 1).";
    SubInt "SUB_INT" [value: I16] (1 => 1) "Dynamic - of an immediate (n - 1).";
    LtJump "LT_JUMP_IF_FALSE" [offset: Jump] (2 => 0) "Compares a < b and jumps when false (fused compare-and-branch).";
    LeJump "LE_JUMP_IF_FALSE" [offset: Jump] (2 => 0) "Compares a <= b and jumps when false.";
    GtJump "GT_JUMP_IF_FALSE" [offset: Jump] (2 => 0) "Compares a > b and jumps when false (not the same as LE_JUMP_IF_TRUE: NaN compares false both ways).";
    GeJump "GE_JUMP_IF_FALSE" [offset: Jump] (2 => 0) "Compares a >= b and jumps when false.";
    LocalAddInt "LOCAL_ADD_INT" [slot: U16, value: I16] (0 => 1) "Pushes local slot + value (fused GET_LOCAL; ADD_INT).";
    LocalSubInt "LOCAL_SUB_INT" [slot: U16, value: I16] (0 => 1) "Pushes local slot - value (fused GET_LOCAL; SUB_INT).";
    LocalLtImmJump "LOCAL_LT_IMM_JUMP_IF_FALSE" [slot: U16, value: I16, offset: Jump] (0 => 0) "Jumps when not (local slot < value) (fused GET_LOCAL; LT_IMM_JUMP_IF_FALSE).";
    LocalLeImmJump "LOCAL_LE_IMM_JUMP_IF_FALSE" [slot: U16, value: I16, offset: Jump] (0 => 0) "Jumps when not (local slot <= value).";
    LocalsLtJump "LOCALS_LT_JUMP_IF_FALSE" [a: U16, b: U16, offset: Jump] (0 => 0) "Jumps when not (local a < local b) (fused GET_LOCAL; GET_LOCAL; LT_JUMP_IF_FALSE: `while i < n`).";
    LocalsLeJump "LOCALS_LE_JUMP_IF_FALSE" [a: U16, b: U16, offset: Jump] (0 => 0) "Jumps when not (local a <= local b).";
    IncLocal "INC_LOCAL" [slot: U16, value: I16] (0 => 0) "Stores local slot + value into local slot (the statement `x = x + 1`).";
    DecLocal "DEC_LOCAL" [slot: U16, value: I16] (0 => 0) "Stores local slot - value into local slot (the statement `x = x - 1`).";
    AddToLocal "ADD_TO_LOCAL" [slot: U16] (1 => 0) "Pops b and stores local slot + b into local slot (the statement `x = x + e`, e free of calls and stores).";
    LocalsGetIndex "LOCALS_GET_INDEX" [object: U16, index: U16] (0 => 1) "Pushes local object[local index] (fused GET_LOCAL; GET_LOCAL; GET_INDEX: `perm[i]`).";
    LocalsSetIndex "LOCALS_SET_INDEX" [object: U16, index: U16] (1 => 0) "Pops v and stores local object[local index] = v (the statement `a[i] = e`, e free of calls and stores).";
    LocalEqImmJump "LOCAL_EQ_IMM_JUMP_IF_FALSE" [slot: U16, value: I16, offset: Jump] (0 => 0) "Jumps when not (local slot == value) (`if k == 0`).";
    LocalNeImmJump "LOCAL_NE_IMM_JUMP_IF_FALSE" [slot: U16, value: I16, offset: Jump] (0 => 0) "Jumps when not (local slot != value) (`while k != 0`).";
    AddLocal "ADD_LOCAL" [slot: U16] (1 => 1) "Dynamic + of the top and local slot (fused GET_LOCAL; ADD).";
    SubLocal "SUB_LOCAL" [slot: U16] (1 => 1) "Dynamic - of the top and local slot (fused GET_LOCAL; SUB).";
    MulLocal "MUL_LOCAL" [slot: U16] (1 => 1) "Dynamic * of the top and local slot (fused GET_LOCAL; MUL).";
    DivLocal "DIV_LOCAL" [slot: U16] (1 => 1) "Dynamic / of the top and local slot (fused GET_LOCAL; DIV).";
    LocalGetField "LOCAL_GET_FIELD" [slot: U16, name: U16, ic: U16] (0 => 1) "Pushes field name of the object in local slot (fused GET_LOCAL; GET_FIELD: DevScript's `p.x`); ic as for GET_FIELD.";
    LtImmJump "LT_IMM_JUMP_IF_FALSE" [value: I16, offset: Jump] (1 => 0) "Compares a < value (an immediate int) and jumps when false.";
    LeImmJump "LE_IMM_JUMP_IF_FALSE" [value: I16, offset: Jump] (1 => 0) "Compares a <= value (an immediate int) and jumps when false.";
    IAdd "IADD" [] (2 => 1) "Int + (operands known to be ints; overflow raises).";
    ISub "ISUB" [] (2 => 1) "Int -.";
    IMul "IMUL" [] (2 => 1) "Int *.";
    IDiv "IDIV" [] (2 => 1) "Int truncating division; by zero raises.";
    IRem "IREM" [] (2 => 1) "Int remainder with the dividend's sign; by zero raises.";
    INeg "INEG" [] (1 => 1) "Int negation.";
    ILt "ILT" [] (2 => 1) "Int <.";
    ILe "ILE" [] (2 => 1) "Int <=.";
    IEq "IEQ" [] (2 => 1) "Int ==.";
    FAdd "FADD" [] (2 => 1) "Float +.";
    FSub "FSUB" [] (2 => 1) "Float -.";
    FMul "FMUL" [] (2 => 1) "Float *.";
    FDiv "FDIV" [] (2 => 1) "Float /.";
    FNeg "FNEG" [] (1 => 1) "Float negation.";
    FLt "FLT" [] (2 => 1) "Float <.";
    FLe "FLE" [] (2 => 1) "Float <=.";
    FEq "FEQ" [] (2 => 1) "Float ==.";
    Jump "JUMP" [offset: Jump] (0 => 0) "Jumps forward (or back without counting a loop iteration).";
    JumpIfFalse "JUMP_IF_FALSE" [offset: Jump] (1 => 0) "Pops; jumps when falsy.";
    JumpIfTrue "JUMP_IF_TRUE" [offset: Jump] (1 => 0) "Pops; jumps when truthy.";
    JumpIfFalseKeep "JUMP_IF_FALSE_KEEP" [offset: Jump] (1 => 1) "`and`: jumps keeping the value when falsy, else pops it (the stack effect shown is the jumping path).";
    JumpIfTrueKeep "JUMP_IF_TRUE_KEEP" [offset: Jump] (1 => 1) "`or`: jumps keeping the value when truthy, else pops it.";
    Loop "LOOP" [offset: Jump] (0 => 0) "Jumps back to a loop header; counts a back-edge (a safepoint).";
    IncLocalLoop "INC_LOCAL_LOOP" [slot: U16, value: I16, offset: Jump] (0 => 0) "INC_LOCAL, then LOOP back to the header (the step of a C-style `for` and its back-edge).";
    ForPrep "FOR_PREP" [slot: U16, step: I16, flags: U8, exit: Jump] (0 => 0) "Starts a counting loop: slot = counter, slot+1 = limit (ints, else TypeError), slot+2 = the loop variable; jumps to exit when empty. flags bit 0: inclusive.";
    ForLoop "FOR_LOOP" [slot: U16, step: I16, flags: U8, back: Jump] (0 => 0) "Advances a counting loop and jumps back while it runs; counts a back-edge.";
    IterPrep "ITER_PREP" [] (1 => 2) "Checks the value is iterable (list, string, map, range) and pushes a cursor (TypeError otherwise).";
    IterNext "ITER_NEXT" [slot: U16, exit: Jump] (0 => 1) "With the iterable in slot and the cursor in slot+1: pushes the next element and advances, or jumps to exit (pushing nothing) when done.";
    Call "CALL" [argc: U8] (argc + 1 => 1) "Calls the callee below argc arguments.";
    CallModVar "CALL_MODVAR" [index: U16, argc: U8] (argc => 1) "Calls module variable index with the argc arguments on top (fused GET_MODVAR before the arguments; only for hoisted functions and side-effect-free arguments, so reading it last is unobservable). Moves the arguments up one slot for the callee: uses one slot beyond its stack effect.";
    CallSelf "CALL_SELF" [argc: U8] (argc => 1) "Calls the running function itself with the argc arguments on top (a full application of its own name, which the language guarantees is never reassigned: DevFun). Moves the arguments up one slot for the callee, like CALL_MODVAR.";
    CallSelfLocalAdd "CALL_SELF_LOCAL_ADD" [slot: U16, value: I16] (0 => 1) "CALL_SELF of one argument, local slot + value, computed into the argument's slot (fused LOCAL_ADD_INT; CALL_SELF: DevFun's `f (n + 1)`).";
    CallSelfLocalSub "CALL_SELF_LOCAL_SUB" [slot: U16, value: I16] (0 => 1) "CALL_SELF of one argument, local slot - value (fused LOCAL_SUB_INT; CALL_SELF: `fib (n - 1)`).";
    TailCall "TAILCALL" [argc: U8] (argc + 1 => 1) "Calls in tail position, reusing the caller's frame.";
    Invoke "INVOKE" [name: U16, argc: U8, ic: U16] (argc + 1 => 1) "Calls method name (a constant) of the receiver below argc arguments; ic is the site's inline-cache slot.";
    Return "RETURN" [] (1 => 0) "Returns the top of the stack to the caller.";
    ReturnLocal "RETURN_LOCAL" [slot: U16] (0 => 0) "Returns local slot to the caller (fused GET_LOCAL; RETURN).";
    Closure "CLOSURE" [k: U16, upvals: U8] (0 => 1) "Makes a closure of function constant k; followed by upvals (is_local: u8, index: u16) captures.";
    List "LIST" [n: U16] (n => 1) "Builds a list of the top n values.";
    Map "MAP" [n: U16] (2 * n => 1) "Builds a map of the top n key/value pairs.";
    Range "RANGE" [inclusive: U8] (2 => 1) "Builds a range start..end (ints).";
    Interp "INTERP" [n: U16] (n => 1) "Concatenates the str() forms of the top n values.";
    GetIndex "GET_INDEX" [] (2 => 1) "object[index].";
    SetIndex "SET_INDEX" [] (3 => 0) "object[index] = value (stack: object, index, value).";
    GetField "GET_FIELD" [name: U16, ic: U16] (1 => 1) "object.name (map key, module export, error field); ic caches a map entry position.";
    SetField "SET_FIELD" [name: U16, ic: U16] (2 => 0) "object.name = value (stack: object, value); ic caches a map entry position.";
    Record "RECORD" [tag: U32, n: U16] (n => 1) "Builds a tagged record of the top n values.";
    GetSlot "GET_SLOT" [slot: U16] (1 => 1) "Field slot of a record.";
    SetSlot "SET_SLOT" [slot: U16] (2 => 0) "Stores into a field slot of a record (stack: record, value).";
    TagTest "TAG_TEST" [tag: U32] (1 => 1) "Whether the value is a record with this tag.";
    Throw "THROW" [] (1 => 0) "Throws the top of the stack; records the trace on error values.";
    Rethrow "RETHROW" [] (1 => 0) "Throws again without touching the trace (end of a finally handler).";
    Import "IMPORT" [path: U16, std: U8] (0 => 1) "Pushes the module named by constant path (a file, or a stdlib module when std is 1), loading it on first use.";
    Class "CLASS" [name: U16] (0 => 1) "Makes a class named by constant name, with no superclass and no members yet.";
    Inherit "INHERIT" [] (2 => 1) "Stack: superclass, class. Copies the superclass's members into the class and pops the class, leaving the superclass (the hidden `super` variable); TypeError unless it is a class.";
    Method "METHOD" [name: U16, kind: U8] (2 => 1) "Stack: class, closure. Defines member name of the class (kind 0 method, 1 initializer, 2 static, 3 getter) and pops the closure.";
    SuperInvoke "SUPER_INVOKE" [name: U16, argc: U8, ic: U16] (argc + 2 => 1) "Stack: receiver, argc arguments, superclass. Calls the superclass's method name on the receiver; ic caches it.";
    GetSuper "GET_SUPER" [name: U16] (2 => 1) "Stack: receiver, superclass. The superclass's method name bound to the receiver (a getter is called).";
    SetModVarDefined "SET_MODVAR_DEFINED" [index: U16] (1 => 0) "Pops into module variable index; NameError when its definition has not run (assignment to an undeclared global).";
    Rem "REM" [] (2 => 1) "Remainder with the sign of the dividend, on numbers (JavaScript's %).";
    LocalGetProp "LOCAL_GET_PROP" [slot: U16, name: U16, ic: U16] (0 => 1) "Pushes property name of the object in local slot (fused GET_LOCAL; GET_PROP: DevObj's `this.x` and `p.x`); ic as for GET_PROP.";
    LocalPropStep "LOCAL_PROP_STEP" [slot: U16, name: U16, value: I16, ic: U16, skip: U8] (0 => 0) "A guard for `this.n = this.n + value` (or a never-assigned local for `this`): when the object in local slot is an instance whose shape site ic (the following LOCAL_GET_PROP's) caches as an inline slot holding an inline int, and the sum stays inline, adds in place and skips the next skip bytes (the unfused LOCAL_GET_PROP; ADD_INT; LOCAL_SET_PROP); otherwise runs them.";
    LocalPropNot "LOCAL_PROP_NOT" [slot: U16, name: U16, ic: U16, skip: U8] (0 => 0) "A guard for `this.b = !this.b`, as LOCAL_PROP_STEP: when site ic caches the instance's shape as an inline slot, stores the slot's negation in place and skips the unfused LOCAL_GET_PROP; NOT; LOCAL_SET_PROP; otherwise runs them.";
    LocalPropInvoke "LOCAL_PROP_INVOKE" [slot: U16, name: U16, ic: U16, method: U16, method_ic: U16, skip: U8] (0 => 0) "A guard for `o.f.m()` with `o` in local slot (or `this`): when site ic (the following LOCAL_GET_PROP's) caches the instance's shape as an inline slot, invokes method (a constant, no arguments, through site method_ic: the following INVOKE_METHOD's) on the field, after the skip bytes of the unfused LOCAL_GET_PROP; INVOKE_METHOD; otherwise runs them. Its net effect, like theirs, is to push the result.";
    LocalSetProp "LOCAL_SET_PROP" [slot: U16, name: U16, ic: U16] (1 => 0) "Pops a value into property name of the object in local slot (emitted for `this.x = v` and for `w.x = v` on a local the function never assigns: the receiver cannot change while v is evaluated); ic as for SET_PROP.";
    GetProp "GET_PROP" [name: U16, ic: U16] (1 => 1) "object.name on the object model (DevObj): an instance's field, getter or bound method through the shape cache ic; anything else as GET_FIELD.";
    SetProp "SET_PROP" [name: U16, ic: U16] (2 => 0) "object.name = value on the object model (stack: object, value): an instance's slot or shape transition through ic; anything else as SET_FIELD.";
    InvokeMethod "INVOKE_METHOD" [name: U16, argc: U8, ic: U16] (argc + 1 => 1) "Calls method name of the receiver below argc arguments on the object model (DevObj): instances through the shape cache ic, classes' static methods, built-in types' methods.";
    Apply "APPLY" [argc: U8] (argc + 1 => 1) "Applies the callee below argc arguments whatever its arity (DevFun's calls of unknown functions, OCaml's semantics): a closure of arity argc is called as by CALL; fewer arguments than its arity make a partial application (a closure over the callee and the arguments); more call it with its arity's worth and apply the result to the rest.";
    TailApply "TAIL_APPLY" [argc: U8] (argc + 1 => 1) "APPLY in tail position: reuses the caller's frame when the callee takes exactly argc arguments (and for the first call of an over-application).";
    LocalGetPropAdd "LOCAL_GET_PROP_ADD" [slot: U16, name: U16, ic: U16] (1 => 1) "Adds property name of the object in local slot to the top (fused LOCAL_GET_PROP; ADD: DevObj's `a + p.x`); ic as for GET_PROP.";
    LocalGetPropSub "LOCAL_GET_PROP_SUB" [slot: U16, name: U16, ic: U16] (1 => 1) "Subtracts property name of the object in local slot from the top (fused LOCAL_GET_PROP; SUB); ic as for GET_PROP.";
    LocalInvoke "LOCAL_INVOKE" [slot: U16, name: U16, ic: U16] (0 => 1) "Calls method name with no arguments on the object in local slot (fused GET_LOCAL; INVOKE_METHOD argc 0: DevObj's `p.m()` and `this.m()`); ic as for INVOKE_METHOD.";
    EqImmJump "EQ_IMM_JUMP_IF_FALSE" [value: I16, offset: Jump] (1 => 0) "Pops a value and jumps when not (a == value) (`if (this.n == 0)`; LOCAL_EQ_IMM_JUMP_IF_FALSE when a is a local).";
    NeImmJump "NE_IMM_JUMP_IF_FALSE" [value: I16, offset: Jump] (1 => 0) "Pops a value and jumps when not (a != value).";
    LocalPropAddToLocal "LOCAL_PROP_ADD_TO_LOCAL" [dst: U16, slot: U16, name: U16, ic: U16] (0 => 0) "dst = dst + slot.name (fused GET_LOCAL dst; LOCAL_GET_PROP_ADD; SET_LOCAL dst: `sum = sum + p.x`). dst is read before the property (whose getter may run), as unfused; uses one stack slot for it.";
    LocalTagJump "LOCAL_TAG_JUMP_IF_FALSE" [slot: U16, tag: U32, offset: Jump] (0 => 0) "Jumps unless local slot is a record with this tag (fused GET_LOCAL; TAG_TEST; JUMP_IF_FALSE: a match case's constructor test).";
    LocalGetSlot "LOCAL_GET_SLOT" [local: U16, slot: U16] (0 => 1) "Pushes field slot of the record in local (fused GET_LOCAL; GET_SLOT: a pattern's variable).";
    MoveLocal "MOVE_LOCAL" [src: U16, dst: U16] (0 => 0) "Copies local src into local dst (fused GET_LOCAL; SET_LOCAL: `x = y`, and the parameters of a self tail call turned loop).";
    LocalGetSlots "LOCAL_GET_SLOTS" [local: U16, a: U16, b: U16] (0 => 2) "Pushes fields a and b of the record in local (two LOCAL_GET_SLOTs: a pattern's `x :: rest`, `(a, b)`).";
}

impl Op {
    /// The number of bytes after the fixed part (only `CLOSURE` has any).
    pub fn tail_len(self, operands: &[i64]) -> usize {
        match self {
            Op::Closure => 3 * operands[1] as usize,
            _ => 0,
        }
    }

    /// Whether the instruction can transfer control to its jump operand.
    pub fn is_jump(self) -> bool {
        self.operands().contains(&OperandKind::Jump)
    }

    /// Whether execution never falls through to the next instruction.
    pub fn is_terminator(self) -> bool {
        matches!(
            self,
            Op::Jump
                | Op::Loop
                | Op::IncLocalLoop
                | Op::Return
                | Op::ReturnLocal
                | Op::Throw
                | Op::Rethrow
                | Op::TailCall
                | Op::TailApply
        )
    }
}

/// `docs/bytecode.md`, generated from the table (a test keeps the file in sync).
pub fn reference_markdown() -> String {
    let mut out = String::from(
        "# Bytecode reference\n\nGenerated from `vm/src/bytecode/ops.rs` (the one declaration of every opcode); \
         `DEVVM_BLESS=1 cargo test --test docs` regenerates it.\n\n\
         Each instruction is one opcode byte followed by little-endian operands. Jump offsets are \
         relative to the end of the instruction. `CLOSURE` is followed by `upvals` three-byte capture \
         descriptors (`is_local: u8`, `index: u16`).\n\n\
         | byte | mnemonic | operands | stack (pops → pushes) | meaning |\n|---|---|---|---|---|\n",
    );
    for op in Op::ALL {
        let operands: Vec<String> =
            op.operands().iter().zip(op.operand_names()).map(|(k, n)| format!("{n}: {k:?}")).collect();
        let effect = stack_effect_text(*op);
        out.push_str(&format!(
            "| {} | `{}` | {} | {} | {} |\n",
            *op as u8,
            op.mnemonic(),
            if operands.is_empty() { "—".to_string() } else { operands.join(", ") },
            effect,
            op.doc().replace('|', "\\|")
        ));
    }
    out
}

fn stack_effect_text(op: Op) -> String {
    // Show variable effects symbolically by evaluating with two operand values.
    let zeros = vec![0i64; op.operands().len()];
    let ones = vec![1i64; op.operands().len()];
    let (a, b) = (op.stack_effect(&zeros), op.stack_effect(&ones));
    if a == b {
        format!("{} → {}", a.pops, a.pushes)
    } else {
        let name = op.operand_names().first().copied().unwrap_or("n");
        let pops =
            if a.pops == b.pops { a.pops.to_string() } else { format!("{}·{name}+{}", b.pops - a.pops, a.pops) };
        let pushes = if a.pushes == b.pushes {
            a.pushes.to_string()
        } else {
            format!("{}·{name}+{}", b.pushes - a.pushes, a.pushes)
        };
        format!("{pops} → {pushes}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opcode_bytes_round_trip() {
        for (i, op) in Op::ALL.iter().enumerate() {
            assert_eq!(*op as u8 as usize, i);
            assert_eq!(Op::from_byte(i as u8), Some(*op));
        }
        assert!(Op::ALL.len() < 256);
        assert_eq!(Op::from_byte(255), None);
    }

    #[test]
    fn stack_effects_follow_operands() {
        assert_eq!(Op::Call.stack_effect(&[3]), StackEffect { pops: 4, pushes: 1 });
        assert_eq!(Op::Map.stack_effect(&[2]), StackEffect { pops: 4, pushes: 1 });
        assert_eq!(Op::ForPrep.fixed_len(), 1 + 2 + 2 + 1 + 4);
    }
}
