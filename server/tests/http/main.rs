//! The server over HTTP, on real databases. One test binary for all of it:
//! each binary links the whole application, so several would multiply the
//! build's disk use and link time.
#![recursion_limit = "256"]

mod common;

mod administrations;
mod alerts;
mod api;
mod applicants;
mod documents;
mod health;
mod limits;
mod live;
mod mail;
mod postgres;
mod search;
mod skills;
mod transfer;
mod vivier;
