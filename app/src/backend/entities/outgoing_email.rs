use sea_orm::entity::prelude::*;

/// Every message the service sends: the delivery queue and the journal (and
/// the demo outbox). A message is recorded before it is delivered, so a
/// failing SMTP server never loses one.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "outgoing_emails")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub to_address: String,
    pub subject: String,
    /// The journal's copy of the text, secrets (sign-in links) masked.
    pub body_text: String,
    /// "en_attente" (not delivered yet, tried again at `next_attempt_at`),
    /// "ecrit" (written to the outbox directory), "envoye" (accepted by the
    /// SMTP server); "echec" only in rows older than the queue.
    pub status: String,
    /// The last delivery error, if any.
    pub error: Option<String>,
    pub created_at: DateTimeUtc,
    /// Delivery attempts so far (each one claimed before it starts).
    pub attempts: i32,
    /// When a message still "en_attente" may be tried (again).
    pub next_attempt_at: Option<DateTimeUtc>,
    /// The journal's copy of the HTML alternative, secrets masked.
    pub body_html: Option<String>,
    /// The real text to deliver, while "en_attente" only: cleared once the
    /// message is delivered so no secret lingers.
    pub pending_body: Option<String>,
    /// The `List-Unsubscribe` address of a message still "en_attente" (it
    /// holds a token); cleared once delivered, like `pending_body`.
    pub list_unsubscribe: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
