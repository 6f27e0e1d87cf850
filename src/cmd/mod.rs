//! One module per subcommand: a doc comment, clap `Args`, and `run`.

pub mod bench;
pub mod check;
pub mod conformance;
pub mod crawl;
pub mod eval;
pub mod explain;
pub mod extract;
pub mod parse;
