//! The administrations' side: mission owners, the history of every status
//! change (with the sheet as it was reviewed), line-manager agreements, the
//! details document, and e-mail retries.

use super::m20261203_000001_initial::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("mission_owners")
                .col(integer("mission_id"))
                .col(integer("user_id"))
                .col(timestamp_with_time_zone("created_at"))
                .primary_key(Index::create().col("mission_id").col("user_id"))
                .foreign_key(&mut fk("mission_owners", "mission_id", "missions", true))
                .foreign_key(&mut fk("mission_owners", "user_id", "users", true))
                .take(),
        )
        .await?;
        m.create_index(index("mission_owners", &["user_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("mission_events")
                .col(pk_auto("id"))
                .col(integer("mission_id"))
                .col(string_len_null("from_status", 20))
                .col(string_len("to_status", 20))
                .col(string_len("action", 40))
                .col(integer_null("actor_id"))
                .col(string_len("actor_label", 254))
                .col(text_null("comment"))
                // The sheet as it was when a moderator decided (JSON), so the
                // next review can show what changed since.
                .col(text_null("snapshot"))
                .col(timestamp_with_time_zone("at"))
                .foreign_key(&mut fk("mission_events", "mission_id", "missions", true))
                .take(),
        )
        .await?;
        m.create_index(index("mission_events", &["mission_id", "at"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("agreement_requests")
                .col(pk_auto("id"))
                .col(integer("application_id"))
                .col(string_len_uniq("token_hash", 64))
                .col(string_len("manager_email", 254))
                .col(string_len("time_asked", 500))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone_null("answered_at"))
                .col(string_len_null("answer", 20))
                .col(string_len_null("time_agreed", 500))
                .col(text_null("reason"))
                .col(string_len_null("answered_by", 120))
                .foreign_key(&mut fk(
                    "agreement_requests",
                    "application_id",
                    "applications",
                    true,
                ))
                .take(),
        )
        .await?;
        m.create_index(index("agreement_requests", &["application_id"], false))
            .await?;
        // SQLite adds one column per ALTER TABLE statement.
        let add = |table: &'static str, col: ColumnDef| {
            Table::alter().table(table).add_column(col).take()
        };
        for (table, col) in [
            ("missions", string_len_null("details_pdf_file", 100)),
            ("applications", string_len_null("decline_reason", 40)),
            ("outgoing_emails", integer("attempts").default(0).take()),
            (
                "outgoing_emails",
                timestamp_with_time_zone_null("next_attempt_at"),
            ),
            ("outgoing_emails", text_null("body_html")),
        ] {
            m.alter_table(add(table, col)).await?;
        }
        m.create_index(index(
            "outgoing_emails",
            &["status", "next_attempt_at"],
            false,
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["agreement_requests", "mission_events", "mission_owners"] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        let drop = |table: &'static str, col: &'static str| {
            Table::alter().table(table).drop_column(col).take()
        };
        m.drop_index(
            Index::drop()
                .name("idx_outgoing_emails_status_next_attempt_at")
                .table("outgoing_emails")
                .to_owned(),
        )
        .await?;
        for (table, col) in [
            ("missions", "details_pdf_file"),
            ("applications", "decline_reason"),
            ("outgoing_emails", "attempts"),
            ("outgoing_emails", "next_attempt_at"),
            ("outgoing_emails", "body_html"),
        ] {
            m.alter_table(drop(table, col)).await?;
        }
        Ok(())
    }
}
