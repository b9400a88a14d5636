//! The whole front half in one call: source file → frontend → fold → emit, and the
//! module loader that `import "file"` uses, built on it.

use crate::diag::{Diagnostic, Severity};
use crate::emit::{compile, CompileOptions};
use crate::frontend::{Frontend, Registry};
use crate::span::SourceFile;
use devvm_vm::bytecode::CompiledModule;
use devvm_vm::object::{Module, ModuleState};
use devvm_vm::{ErrorKind, Exception, ModuleLoader, Value, Vm, VmResult};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A compiled file plus the warnings its frontend reported.
pub struct Compiled {
    pub module: CompiledModule,
    pub warnings: Vec<Diagnostic>,
}

/// Parses, folds and compiles one file.
pub fn compile_source(
    frontend: &dyn Frontend,
    file: &Arc<SourceFile>,
    options: &CompileOptions,
) -> Result<Compiled, Vec<Diagnostic>> {
    let parsed = frontend.parse(file)?;
    let mut core = parsed.module;
    crate::fold::fold_module(&mut core);
    let mut options = options.clone();
    frontend.tune_options(&mut options);
    let module = compile(&core, file, &options)?;
    Ok(Compiled { module, warnings: parsed.warnings })
}

/// Whether any diagnostic is an error.
pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(|d| d.severity == Severity::Error)
}

/// Loads `import "path"` modules: resolves the path relative to the importing file, picks
/// the frontend by extension, compiles, and runs the module's top level once.
pub struct FileLoader {
    pub registry: Arc<Registry>,
}

impl FileLoader {
    /// The name a module gets in traces: relative to the working directory when it is
    /// below it.
    fn display_name(path: &Path) -> String {
        if let Ok(cwd) = std::env::current_dir() {
            if let Ok(rel) = path.strip_prefix(&cwd) {
                return rel.display().to_string();
            }
        }
        path.display().to_string()
    }
}

impl ModuleLoader for FileLoader {
    fn resolve(&self, path: &str, importer: &str) -> VmResult<String> {
        let base = Path::new(importer).parent().map(Path::to_path_buf).unwrap_or_default();
        let joined: PathBuf = if Path::new(path).is_absolute() { PathBuf::from(path) } else { base.join(path) };
        match joined.canonicalize() {
            Ok(p) => Ok(p.display().to_string()),
            Err(_) => Err(Exception::new(
                ErrorKind::ImportError,
                format!("cannot find module '{path}' (looked for {})", joined.display()),
            )),
        }
    }

    fn load(&self, vm: &mut Vm, resolved: &str) -> VmResult<Value> {
        let path = Path::new(resolved);
        let Some(frontend) = self.registry.for_path(resolved) else {
            return Err(Exception::new(ErrorKind::ImportError, format!("no installed language handles '{resolved}'")));
        };
        let text = std::fs::read_to_string(path)
            .map_err(|e| Exception::new(ErrorKind::ImportError, format!("cannot read module '{resolved}': {e}")))?;
        let name = Self::display_name(path);
        let file = SourceFile::new(name.clone(), text);
        let options = CompileOptions { builtins: vm.builtin_names().to_vec(), ..CompileOptions::default() };
        let compiled = compile_source(frontend.as_ref(), &file, &options).map_err(|diags| {
            let rendered = crate::diag::render_all(&diags, false);
            Exception::new(ErrorKind::ImportError, format!("module '{name}' does not compile:\n{rendered}"))
        })?;
        let module = vm.alloc(Module::new(name));
        let value = Value::object(module);
        vm.register_module(resolved, value);
        let main = vm.load(&compiled.module, module)?;
        vm.run_module_reentrant(main, resolved)?;
        module.state.set(ModuleState::Ready);
        Ok(value)
    }
}
