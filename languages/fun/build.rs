//! Generates the LR(1) parser from `src/grammar.lalrpop`.
fn main() {
    lalrpop::Configuration::new()
        .use_cargo_dir_conventions()
        .process()
        .expect("the DevFun grammar is LR(1) and generates");
}
