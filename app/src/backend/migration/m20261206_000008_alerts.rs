//! E-mail alerts: an agent's saved searches (`mission_alerts`), the digests
//! sent for them (`alert_digests`: the monthly cap counts these, and each
//! holds the hash of the unsubscribe token its e-mail carried) and the
//! missions each alert has sent (`alert_deliveries`, unique per alert and
//! mission: a mission never goes out twice for one alert). Delivery also
//! needs the `List-Unsubscribe` address of a queued message (a secret, like
//! `pending_body`, cleared once delivered).

use super::m20261203_000001_initial::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("mission_alerts")
                .col(pk_auto("id"))
                .col(integer("user_id"))
                .col(string_len_null("q", 200))
                .col(string_len_null("competence", 120))
                .col(string_len_null("administration", 120))
                .col(string_len_null("modalite", 20))
                .col(boolean("use_pool_skills").default(false))
                .col(string_len("frequency", 20))
                .col(timestamp_with_time_zone("next_due_at"))
                .col(timestamp_with_time_zone("created_at"))
                .check(Expr::col("frequency").is_in(["quotidienne", "hebdomadaire"]))
                .foreign_key(&mut fk("mission_alerts", "user_id", "users", true))
                .take(),
        )
        .await?;
        m.create_index(index("mission_alerts", &["next_due_at"], false))
            .await?;
        m.create_index(index("mission_alerts", &["user_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("alert_digests")
                .col(pk_auto("id"))
                .col(integer("user_id"))
                // Kept (NULL) once the alert is deleted: the message still
                // counts in the month, and its unsubscribe link stops working.
                .col(integer_null("alert_id"))
                .col(string_len_uniq("unsubscribe_hash", 64))
                .col(integer("missions"))
                .col(timestamp_with_time_zone("sent_at"))
                .foreign_key(&mut fk("alert_digests", "user_id", "users", true))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_alert_digests_alert_id")
                        .from("alert_digests", "alert_id")
                        .to("mission_alerts", "id")
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .take(),
        )
        .await?;
        m.create_index(index("alert_digests", &["user_id", "sent_at"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("alert_deliveries")
                .col(integer("alert_id"))
                .col(integer("mission_id"))
                .col(timestamp_with_time_zone("sent_at"))
                .primary_key(Index::create().col("alert_id").col("mission_id"))
                .foreign_key(&mut fk(
                    "alert_deliveries",
                    "alert_id",
                    "mission_alerts",
                    true,
                ))
                .foreign_key(&mut fk("alert_deliveries", "mission_id", "missions", true))
                .take(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("outgoing_emails")
                .add_column(text_null("list_unsubscribe"))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("outgoing_emails")
                .drop_column("list_unsubscribe")
                .take(),
        )
        .await?;
        for table in ["alert_deliveries", "alert_digests", "mission_alerts"] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
