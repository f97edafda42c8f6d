//! The core's one error type: how the domain refuses its input. Every variant carries all the
//! problems found, each at its file, line and column, so a front end can list them at once.

use crate::formats::location::LocatedError;

/// Input the core refuses.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A content pack with errors: every one, ordered by file (pack, questionnaire, rules), line and
    /// column.
    #[error("the content pack has {} error(s)", .0.len())]
    Content(Vec<LocatedError>),
    /// An answers file with errors: every one, in file order.
    #[error("the answers file has {} error(s)", .0.len())]
    Answers(Vec<LocatedError>),
}

impl Error {
    /// The problems, in order.
    pub fn errors(&self) -> &[LocatedError] {
        match self {
            Error::Content(errors) | Error::Answers(errors) => errors,
        }
    }
}
