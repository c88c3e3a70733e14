use sea_orm::entity::prelude::*;

/// One change of a mission's status: who, when, why.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "mission_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub mission_id: i32,
    pub from_status: Option<String>,
    pub to_status: String,
    pub action: String,
    pub actor_id: Option<i32>,
    /// The actor's e-mail (or "le service"), kept if the account goes.
    pub actor_label: String,
    pub comment: Option<String>,
    /// The sheet as reviewed (JSON of `model::SheetFields`), on moderation decisions.
    pub snapshot: Option<String>,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
