//! Schema migrations (never data: the seed is its own step).

use sea_orm_migration::prelude::*;

mod m20261203_000001_initial;
mod m20261203_000002_administrations;
mod m20261204_000003_mail_queue;
mod m20261204_000004_live;
mod m20261205_000005_search;
mod m20261205_000006_document_bytes;
mod m20261206_000007_vivier;
mod m20261206_000008_alerts;
mod m20261206_000009_skills;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261203_000001_initial::Migration),
            Box::new(m20261203_000002_administrations::Migration),
            Box::new(m20261204_000003_mail_queue::Migration),
            Box::new(m20261204_000004_live::Migration),
            Box::new(m20261205_000005_search::Migration),
            Box::new(m20261205_000006_document_bytes::Migration),
            Box::new(m20261206_000007_vivier::Migration),
            Box::new(m20261206_000008_alerts::Migration),
            Box::new(m20261206_000009_skills::Migration),
        ]
    }
}
