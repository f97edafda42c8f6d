//! The condition language of `ask_if`, `when` and notes: parse, check against the questions, evaluate.
//!
//! Written with winnow rather than by hand so the grammar reads as code and errors carry offsets.

mod ast;
mod compile;
mod cond;
mod parse;
mod satisfy;

pub use ast::CmpOp;
pub use compile::{CompileError, compile};
pub use cond::Cond;
pub use parse::{SyntaxError, parse};
pub use satisfy::satisfiable;

#[cfg(test)]
mod satisfy_tests;
#[cfg(test)]
mod tests;
