//! The outgoing e-mail queue: the body a message still waiting for delivery
//! needs (it may hold a secret such as a sign-in link, so it is cleared once
//! the message is delivered; the journal keeps `body_text`, secrets masked).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("outgoing_emails")
                .add_column(text_null("pending_body"))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("outgoing_emails")
                .drop_column("pending_body")
                .take(),
        )
        .await
    }
}
