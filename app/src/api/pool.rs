//! The pool profile form has twelve fields, each a server function argument
//! (so a plain HTML form posts them by name).
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use leptos::prelude::*;
use std::collections::HashMap;

#[cfg(feature = "ssr")]
async fn checked(
    state: &crate::backend::state::AppState,
    full_name: &str,
    administration: &str,
    job_title: &str,
    lend: &HashMap<String, String>,
    grow: &HashMap<String, String>,
    days_per_month: &str,
    rhythm: &str,
    location: &str,
    remote: &str,
    bio: &str,
    other: &str,
    other_kind: &str,
) -> Result<crate::validate::PoolInput, AppError> {
    let known = crate::backend::pool::skill_ids(state.db.read()).await?;
    crate::validate::pool_profile(
        full_name,
        administration,
        job_title,
        lend,
        grow,
        days_per_month,
        rhythm,
        location,
        remote,
        bio,
        other,
        other_kind,
        |slug| known.contains_key(slug),
    )
}

/// Joins the talent pool. The profile is never public.
#[server(endpoint = "join_pool")]
pub async fn join_pool(
    #[server(default)] full_name: String,
    #[server(default)] administration: String,
    #[server(default)] job_title: String,
    #[server(default)] lend: HashMap<String, String>,
    #[server(default)] grow: HashMap<String, String>,
    #[server(default)] days_per_month: String,
    #[server(default)] rhythm: String,
    #[server(default)] location: String,
    #[server(default)] remote: String,
    #[server(default)] bio: String,
    #[server(default)] other: String,
    #[server(default)] other_kind: String,
) -> Result<(), AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    let input = checked(
        &state,
        &full_name,
        &administration,
        &job_title,
        &lend,
        &grow,
        &days_per_month,
        &rhythm,
        &location,
        &remote,
        &bio,
        &other,
        &other_kind,
    )
    .await?;
    crate::backend::pool::join(state.db.write(), &me, input).await?;
    go_to("/mon-espace?info=vivier-rejoint");
    Ok(())
}

/// Changes the caller's own pool profile.
#[server(endpoint = "update_pool_profile")]
pub async fn update_pool_profile(
    #[server(default)] full_name: String,
    #[server(default)] administration: String,
    #[server(default)] job_title: String,
    #[server(default)] lend: HashMap<String, String>,
    #[server(default)] grow: HashMap<String, String>,
    #[server(default)] days_per_month: String,
    #[server(default)] rhythm: String,
    #[server(default)] location: String,
    #[server(default)] remote: String,
    #[server(default)] bio: String,
    #[server(default)] other: String,
    #[server(default)] other_kind: String,
) -> Result<(), AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    let input = checked(
        &state,
        &full_name,
        &administration,
        &job_title,
        &lend,
        &grow,
        &days_per_month,
        &rhythm,
        &location,
        &remote,
        &bio,
        &other,
        &other_kind,
    )
    .await?;
    crate::backend::pool::update(state.db.write(), &me, input).await?;
    go_to("/mon-espace?info=profil-modifie");
    Ok(())
}

/// Pauses ("true") or resumes ("false") the caller's pool profile.
#[server(endpoint = "pause_pool_profile")]
pub async fn pause_pool_profile(#[server(default)] paused: String) -> Result<(), AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    let paused = paused == "true";
    crate::backend::pool::set_paused(state.db.write(), &me, paused).await?;
    go_to(if paused {
        "/mon-espace?info=profil-en-pause"
    } else {
        "/mon-espace?info=profil-reactive"
    });
    Ok(())
}

/// Leaves the pool: the profile is deleted. Needs an explicit confirmation.
#[server(endpoint = "leave_pool")]
pub async fn leave_pool(#[server(default)] confirm: Option<String>) -> Result<(), AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    if confirm.is_none_or(|c| c.is_empty()) {
        let mut fields = crate::error::FieldErrors::new();
        fields.insert(
            "confirm".into(),
            "Cochez la case pour confirmer la suppression de votre profil.".into(),
        );
        return Err(AppError::invalid(fields, Default::default()));
    }
    crate::backend::pool::leave(state.db.write(), &me).await?;
    go_to("/mon-espace?info=vivier-quitte");
    Ok(())
}
