use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "applications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub mission_id: i32,
    pub user_id: i32,
    pub motivation: String,
    pub availability: String,
    pub skills_offered: String,
    pub manager_name: String,
    pub manager_email: String,
    pub manager_ack: bool,
    pub status: String,
    /// Code from `lifecycle::DECLINE_REASONS` when not selected.
    pub decline_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::mission::Entity",
        from = "Column::MissionId",
        to = "super::mission::Column::Id"
    )]
    Mission,
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::UserId",
        to = "super::user::Column::Id"
    )]
    User,
}

impl Related<super::mission::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Mission.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
