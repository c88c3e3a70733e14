//! The vivier for managers: search, profile pages, contact requests, and
//! the agent's answers. Privacy rules: `crate::privacy`.

use crate::error::AppError;
use crate::model::{PoolMatches, PoolProfilePage, PoolResults, SentRequest};
use leptos::prelude::*;
use std::collections::HashMap;

/// Searches the visible pool profiles. `competences[slug]=level` gives the
/// sought skills with their minimum level; every argument is optional.
#[server(endpoint = "search_pool")]
pub async fn search_pool(
    #[server(default)] q: Option<String>,
    #[server(default)] competences: HashMap<String, String>,
    #[server(default)] modalite: Option<String>,
    #[server(default)] lieu: Option<String>,
    #[server(default)] jours: Option<String>,
    #[server(default)] page: Option<u32>,
) -> Result<PoolResults, AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    // Out of range or not a number (0): the backend refuses it by name.
    let min_days = jours
        .as_deref()
        .map(str::trim)
        .filter(|j| !j.is_empty())
        .map(|j| j.parse::<i32>().unwrap_or(0));
    let mut skills: Vec<(String, String)> = competences.into_iter().collect();
    skills.sort();
    let query = crate::model::PoolQuery {
        q,
        skills,
        mode: modalite,
        place: lieu,
        min_days,
        page,
    };
    crate::backend::vivier::search(state.db.read(), &me, &query).await
}

/// A pool profile's page (the view is logged and shown to the agent).
#[server(endpoint = "pool_profile")]
pub async fn view_pool_profile(reference: String) -> Result<PoolProfilePage, AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    crate::backend::vivier::profile_page(&state, &me, &reference).await
}

/// Sends a contact request about one of my missions to a pool member.
#[server(endpoint = "contact_pool_member")]
pub async fn contact_pool_member(
    #[server(default)] reference: String,
    #[server(default)] mission_id: String,
    #[server(default)] message: String,
) -> Result<(), AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    crate::backend::vivier::contact(&state, &me, &reference, &mission_id, &message).await?;
    go_to(&format!(
        "/espace-administration/vivier/{}?info=demande-envoyee",
        crate::text::slugify(&reference)
    ));
    Ok(())
}

/// The agent accepts ("accepter") or declines ("decliner") a contact request.
#[server(endpoint = "answer_contact_request")]
pub async fn answer_contact_request(
    #[server(default)] id: i32,
    #[server(default)] answer: String,
) -> Result<(), AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    let accept = match answer.as_str() {
        "accepter" => true,
        "decliner" => false,
        _ => return Err(AppError::BadRequest),
    };
    crate::backend::vivier::answer(&state, &me, id, accept).await?;
    go_to(if accept {
        "/mon-espace?info=demande-acceptee#demandes-de-contact"
    } else {
        "/mon-espace?info=demande-declinee#demandes-de-contact"
    });
    Ok(())
}

/// The contact requests I sent, newest first (e-mail once accepted).
#[server(endpoint = "my_contact_requests")]
pub async fn my_contact_requests() -> Result<Vec<SentRequest>, AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    crate::backend::vivier::my_requests(state.db.read(), &me).await
}

/// How many visible pool profiles fit one of my missions, and the best
/// `limit` (1 to 10, default 3) as anonymous cards.
#[server(endpoint = "pool_matches")]
pub async fn mission_pool_matches(
    mission_id: i32,
    #[server(default)] limit: Option<u32>,
) -> Result<PoolMatches, AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    let limit = limit.unwrap_or(3).clamp(1, 10) as usize;
    crate::backend::vivier::matches_for_mission(state.db.read(), &me, mission_id, limit).await
}
