use sea_orm::entity::prelude::*;

/// A skill an agent typed because it is not in the list, waiting for a
/// moderator (merged, added or refused, it is deleted). `key` is unique:
/// the same term proposed by several agents is one proposal.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "skill_proposals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub term: String,
    #[sea_orm(unique)]
    pub key: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
