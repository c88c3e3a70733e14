use sea_orm::entity::prelude::*;

/// A proposed skill on a pool profile, with what it would be there: `kind`
/// "preter" (with a level) or "developper", as in `pool_profile_skills`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "pool_profile_proposals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub profile_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub proposal_id: i32,
    pub kind: String,
    pub level: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::skill_proposal::Entity",
        from = "Column::ProposalId",
        to = "super::skill_proposal::Column::Id"
    )]
    Proposal,
}

impl Related<super::skill_proposal::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Proposal.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
