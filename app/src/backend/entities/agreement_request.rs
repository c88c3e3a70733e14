use sea_orm::entity::prelude::*;

/// A line manager's agreement asked by e-mail, and their answer.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "agreement_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    /// SHA-256 of the single-use link's token.
    #[sea_orm(unique)]
    pub token_hash: String,
    pub manager_email: String,
    pub time_asked: String,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub answered_at: Option<DateTimeUtc>,
    /// "accord", "accord_reduit" or "refus".
    pub answer: Option<String>,
    pub time_agreed: Option<String>,
    pub reason: Option<String>,
    pub answered_by: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
