//! The moderators' view of the skills list.

use serde::{Deserialize, Serialize};

/// `/moderation/competences`: the proposals waiting for a decision, and the
/// whole list with its synonyms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillsAdminData {
    pub proposals: Vec<ProposalRow>,
    pub families: Vec<SkillFamilyAdmin>,
}

/// A skill proposed by agents, not in the list yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalRow {
    pub id: i32,
    pub term: String,
    /// How many pool profiles proposed it.
    pub profiles: u64,
    pub proposed_at: String,
    /// The slug of a skill of the list named inside the term, if any (the
    /// merge form offers it first).
    pub suggestion: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillFamilyAdmin {
    pub slug: String,
    pub name: String,
    pub skills: Vec<SkillAdmin>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillAdmin {
    pub slug: String,
    pub name: String,
    pub synonyms: Vec<String>,
}
