use sea_orm::entity::prelude::*;

/// A sheet open in someone's editor (one row per browser tab).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "live_presence")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub mission_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub client_id: String,
    pub user_id: i32,
    pub name: String,
    pub field: Option<String>,
    pub seen_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
