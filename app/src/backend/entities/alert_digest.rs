use sea_orm::entity::prelude::*;

/// One digest e-mail sent for an alert: counted against the monthly cap of
/// its recipient, and the key of the unsubscribe link it carried.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "alert_digests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    /// `None` once the alert is deleted (the link then stops working).
    pub alert_id: Option<i32>,
    /// SHA-256 of the unsubscribe token, hex; the token only travels in the e-mail.
    #[sea_orm(unique)]
    pub unsubscribe_hash: String,
    /// How many missions the message listed.
    pub missions: i32,
    pub sent_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
