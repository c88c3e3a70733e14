use sea_orm::entity::prelude::*;

/// Every message the service sends, kept as a journal (and the demo outbox).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outgoing_emails")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    /// "ecrit" (written to the outbox directory), "envoye" or "echec".
    pub status: String,
    pub error: Option<String>,
    pub created_at: DateTimeUtc,
    pub attempts: i32,
    /// When a failed delivery is tried again ("en_attente").
    pub next_attempt_at: Option<DateTimeUtc>,
    pub body_html: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
