use sea_orm::entity::prelude::*;

/// One way of naming a skill: its name (`is_name`) or a synonym. `key`
/// (`text::skill_key`) is unique across every term, so no two skills, and
/// no name and synonym, are the same on case, accents or plural.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "skill_terms")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub skill_id: i32,
    pub term: String,
    #[sea_orm(unique)]
    pub key: String,
    pub is_name: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::skill::Entity",
        from = "Column::SkillId",
        to = "super::skill::Column::Id"
    )]
    Skill,
}

impl Related<super::skill::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Skill.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
