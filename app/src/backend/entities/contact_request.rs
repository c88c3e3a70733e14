use sea_orm::entity::prelude::*;

/// A manager's request to contact a pool member about one of their missions.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "contact_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub profile_id: i32,
    pub manager_id: i32,
    pub mission_id: i32,
    pub message: String,
    /// "envoyee", "acceptee" or "refusee".
    pub status: String,
    pub created_at: DateTimeUtc,
    pub answered_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
