//! Everything that reaches the disk or the clock: drafts, saved reports and SSH recordings (each
//! written atomically with mode 0600, because answers are personal data), and today's date in Japan.

pub mod clock;
pub mod record;
pub mod store;
