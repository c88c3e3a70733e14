//! Mission documents in the database, so that instances keep no state of
//! their own: `mission_documents` holds each attached PDF (at most one per
//! mission), and `missions.details_document_id` points at the current one.
//! `missions.details_pdf_file` stays (migrations only add): it names a file
//! of the former upload directory until `talents import-files` moves it in.

use super::m20261203_000001_initial::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("mission_documents")
                .col(pk_auto("id"))
                .col(integer("mission_id"))
                // BLOB on SQLite, bytea on PostgreSQL.
                .col(blob("bytes"))
                .col(integer("size"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("mission_documents", "mission_id", "missions", true))
                .take(),
        )
        .await?;
        // One document per mission: a change deletes the previous row first.
        m.create_index(index("mission_documents", &["mission_id"], true))
            .await?;
        // No foreign key here: the two tables would refer to each other
        // (an import could insert neither first). Both change together, in
        // the transaction of the sheet's version.
        m.alter_table(
            Table::alter()
                .table("missions")
                .add_column(integer_null("details_document_id"))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("missions")
                .drop_column("details_document_id")
                .take(),
        )
        .await?;
        m.drop_table(Table::drop().table("mission_documents").take())
            .await
    }
}
