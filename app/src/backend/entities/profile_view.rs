use sea_orm::entity::prelude::*;

/// One look at a pool profile by a manager (a view or a contact request),
/// shown to the profile's owner.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "profile_views")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub profile_id: i32,
    pub viewer_id: i32,
    pub viewer_label: String,
    /// "consultation" or "demande_contact".
    pub kind: String,
    pub mission_id: Option<i32>,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
