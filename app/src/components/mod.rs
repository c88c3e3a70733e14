//! Reusable view pieces; the DSFR markup lives here.

pub mod form;
pub mod layout;
pub mod live;
pub mod mission_card;
pub mod notice;
pub mod pool_card;
