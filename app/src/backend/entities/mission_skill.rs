use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "mission_skills")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub mission_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub skill_id: i32,
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
        belongs_to = "super::skill::Entity",
        from = "Column::SkillId",
        to = "super::skill::Column::Id"
    )]
    Skill,
}

impl ActiveModelBehavior for ActiveModel {}
