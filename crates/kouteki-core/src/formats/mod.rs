//! The small formats every input file shares: positions for error messages, "did you mean" hints,
//! TOML's local dates, and how text is wrapped.

pub mod location;
pub mod phrases;
pub mod suggest;
pub mod toml_date;
pub mod wrap;
