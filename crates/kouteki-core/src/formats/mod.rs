//! The small formats every input file shares: positions for error messages, "did you mean" hints,
//! and TOML's local dates.

pub mod location;
pub mod suggest;
pub mod toml_date;
