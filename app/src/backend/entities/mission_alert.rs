use sea_orm::entity::prelude::*;

/// An agent's saved search, e-mailed as a digest of the new matching
/// missions. Empty criteria are `None`; no criterion at all means every new
/// mission.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "mission_alerts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    /// Words, searched like the public list's `q`.
    pub q: Option<String>,
    /// A skill's slug.
    pub competence: Option<String>,
    /// An administration's slug.
    pub administration: Option<String>,
    /// "sur_site" or "a_distance" (hybrid missions match both).
    pub modalite: Option<String>,
    /// Only missions seeking a skill the alert owner's pool profile lends or
    /// wants to grow.
    pub use_pool_skills: bool,
    /// "quotidienne" or "hebdomadaire".
    pub frequency: String,
    /// The start of the next period: the digest job takes the alert once
    /// this has passed, moving it on by a conditional update.
    pub next_due_at: DateTimeUtc,
    /// Only missions published after this are sent.
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
