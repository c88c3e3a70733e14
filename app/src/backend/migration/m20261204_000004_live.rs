//! Live co-editing: every save of a sheet's fields as a revision (what each
//! field was and became, so a save based on an older version can be merged
//! field by field), and who has a sheet open right now (presence).

use super::m20261203_000001_initial::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("mission_revisions")
                .col(pk_auto("id"))
                .col(integer("mission_id"))
                // The sheet's version this save produced.
                .col(integer("version"))
                .col(integer_null("author_id"))
                .col(string_len("author_label", 254))
                // JSON: {"field": ["before", "after"], …}
                .col(text("changes"))
                .col(timestamp_with_time_zone("at"))
                .foreign_key(&mut fk("mission_revisions", "mission_id", "missions", true))
                .take(),
        )
        .await?;
        m.create_index(index("mission_revisions", &["mission_id", "version"], true))
            .await?;
        m.create_table(
            Table::create()
                .table("live_presence")
                .col(integer("mission_id"))
                // One open editor (a browser tab), named by the tab itself.
                .col(string_len("client_id", 64))
                .col(integer("user_id"))
                .col(string_len("name", 254))
                // The field that tab is in, if any.
                .col(string_len_null("field", 40))
                .col(timestamp_with_time_zone("seen_at"))
                .primary_key(Index::create().col("mission_id").col("client_id"))
                .foreign_key(&mut fk("live_presence", "mission_id", "missions", true))
                .foreign_key(&mut fk("live_presence", "user_id", "users", true))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("live_presence").take())
            .await?;
        m.drop_table(Table::drop().table("mission_revisions").take())
            .await
    }
}
