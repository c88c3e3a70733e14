use sea_orm::entity::prelude::*;

/// A talent pool profile. Never public: managers see it under the rules of
/// `crate::privacy`; URLs name it by `reference`, never by id.
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
    #[sea_orm(unique)]
    pub reference: Option<String>,
    pub home_administration_id: Option<i32>,
    pub visible_to_own: bool,
    pub search_stems: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
