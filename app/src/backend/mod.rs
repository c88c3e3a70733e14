//! Server-only code: database, identity, mail and the rules that need them.

pub mod administrations;
pub mod alerts;
pub mod applicants;
pub mod applications;
pub mod auth;
pub mod config;
pub mod db;
pub mod documents;
pub mod entities;
pub mod jobs;
pub mod live;
pub mod mail;
pub mod markdown;
pub mod migration;
pub mod missions;
pub mod moderation;
pub mod pool;
pub mod search;
pub mod seed;
pub mod seed_data;
pub mod sheets;
pub mod state;
pub mod time;
pub mod transfer;
