use sea_orm::entity::prelude::*;

/// One save of a sheet's fields: the version it produced, by whom, and each
/// changed field's value before and after (JSON `{"field": [before, after]}`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "mission_revisions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub mission_id: i32,
    pub version: i32,
    pub author_id: Option<i32>,
    pub author_label: String,
    pub changes: String,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
