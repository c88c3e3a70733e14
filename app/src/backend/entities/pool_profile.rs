use sea_orm::entity::prelude::*;

/// A talent pool profile. Never public: only its owner reads it for now.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "pool_profiles")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub user_id: i32,
    pub full_name: String,
    pub administration: String,
    pub job_title: String,
    pub days_per_month: i32,
    pub rhythm: String,
    pub location: String,
    pub remote: String,
    pub bio: String,
    pub paused: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
