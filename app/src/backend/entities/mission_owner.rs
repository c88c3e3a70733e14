use sea_orm::entity::prelude::*;

/// A user who owns (or co-owns) a mission sheet.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "mission_owners")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub mission_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
