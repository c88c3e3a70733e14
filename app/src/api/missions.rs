use crate::error::AppError;
use crate::model::{AdministrationOption, MissionPage, MissionSheet, SkillFamily};
use leptos::prelude::*;

/// Published missions, filtered and paginated. Every argument is optional:
/// an empty POST lists the first page of published missions.
#[server(endpoint = "list_missions")]
pub async fn list_missions(
    #[server(default)] q: Option<String>,
    #[server(default)] competence: Option<String>,
    #[server(default)] administration: Option<String>,
    #[server(default)] modalite: Option<String>,
    #[server(default)] page: Option<u32>,
) -> Result<MissionPage, AppError> {
    let state = super::context::state()?;
    let filters = crate::model::MissionFilters {
        q,
        competence,
        administration,
        modalite,
        page,
    };
    crate::backend::missions::list(state.db.read(), &filters).await
}

/// The public sheet of a published mission.
#[server(endpoint = "get_mission")]
pub async fn get_mission(slug: String) -> Result<MissionSheet, AppError> {
    let state = super::context::state()?;
    crate::backend::missions::sheet(state.db.read(), &slug).await
}

/// The curated list of skills, grouped by family, with a few synonyms of
/// each.
#[server(endpoint = "list_skills")]
pub async fn list_skills() -> Result<Vec<SkillFamily>, AppError> {
    let state = super::context::state()?;
    crate::backend::missions::skill_families_with_synonyms(state.db.read()).await
}

/// Every administration of the programme, by name.
#[server(endpoint = "list_administrations")]
pub async fn list_administrations() -> Result<Vec<AdministrationOption>, AppError> {
    let state = super::context::state()?;
    crate::backend::missions::all_administrations(state.db.read()).await
}
