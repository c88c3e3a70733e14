//! The skills list, kept by moderators (`/moderation/competences`). Each
//! function checks the caller's right itself (`Operation::ManageSkills`,
//! in `backend::skill_moderation`).

use crate::error::AppError;
use crate::model::SkillsAdminData;
use leptos::prelude::*;

/// The proposals waiting for a decision and the list with its synonyms.
#[server(endpoint = "skills_admin")]
pub async fn skills_admin() -> Result<SkillsAdminData, AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    crate::backend::skill_moderation::overview(&state, &me).await
}

/// The proposal `proposal` becomes a synonym of the skill `skill` (slug);
/// the profiles that proposed it get that skill.
#[server(endpoint = "merge_skill_proposal")]
pub async fn merge_skill_proposal(
    #[server(default)] proposal: String,
    #[server(default)] skill: String,
) -> Result<String, AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    let name = crate::backend::skill_moderation::merge(&state, &me, &proposal, &skill).await?;
    go_to("/moderation/competences?info=fusionnee");
    Ok(name)
}

/// The proposal `proposal` becomes a new skill `name` of the family
/// `family` (slug); the profiles that proposed it get that skill.
#[server(endpoint = "add_proposed_skill")]
pub async fn add_proposed_skill(
    #[server(default)] proposal: String,
    #[server(default)] family: String,
    #[server(default)] name: String,
) -> Result<String, AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    let name =
        crate::backend::skill_moderation::add(&state, &me, &proposal, &family, &name).await?;
    go_to("/moderation/competences?info=ajoutee");
    Ok(name)
}

/// The proposal `proposal` is refused: it leaves every profile.
#[server(endpoint = "refuse_skill_proposal")]
pub async fn refuse_skill_proposal(#[server(default)] proposal: String) -> Result<(), AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    crate::backend::skill_moderation::refuse(&state, &me, &proposal).await?;
    go_to("/moderation/competences?info=refusee");
    Ok(())
}

/// A new synonym `term` of the skill `skill` (slug).
#[server(endpoint = "add_skill_synonym")]
pub async fn add_skill_synonym(
    #[server(default)] skill: String,
    #[server(default)] term: String,
) -> Result<String, AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    let name = crate::backend::skill_moderation::add_synonym(&state, &me, &skill, &term).await?;
    go_to("/moderation/competences?info=synonyme");
    Ok(name)
}
