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

/// Who may see the profile: the agent's administration from the list (or
/// none), whether its managers may see the profile (not by default), and
/// the administrations it hides from (`hidden[slug]=on`). Both are chosen
/// in lists: a slug that is not (or no longer) an administration names
/// nothing to hide from, and is left out.
#[cfg(feature = "ssr")]
async fn visibility(
    state: &crate::backend::state::AppState,
    home_administration: &str,
    visible_to_own: &Option<String>,
    hidden: &HashMap<String, String>,
) -> Result<crate::backend::pool::Visibility, AppError> {
    let ids = crate::backend::pool::administration_ids(state.db.read()).await?;
    let mut hidden: Vec<i32> = hidden
        .iter()
        .filter(|(_, on)| !on.is_empty())
        .filter_map(|(slug, _)| ids.get(slug).copied())
        .collect();
    hidden.sort();
    hidden.dedup();
    Ok(crate::backend::pool::Visibility {
        home_administration_id: ids.get(home_administration.trim()).copied(),
        visible_to_own: visible_to_own.as_deref().is_some_and(|v| !v.is_empty()),
        hidden,
    })
}

/// A rejected profile form keeps what was chosen for visibility too.
#[cfg(feature = "ssr")]
fn keeping_visibility(
    error: AppError,
    home_administration: &str,
    visible_to_own: &Option<String>,
    hidden: &HashMap<String, String>,
) -> AppError {
    match error {
        AppError::Invalid {
            message,
            fields,
            mut values,
        } => {
            values.insert(
                "home_administration".into(),
                home_administration.to_string(),
            );
            if let Some(v) = visible_to_own {
                values.insert("visible_to_own".into(), v.clone());
            }
            for (slug, on) in hidden {
                values.insert(format!("hidden[{slug}]"), on.clone());
            }
            AppError::Invalid {
                message,
                fields,
                values,
            }
        }
        other => other,
    }
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
    #[server(default)] home_administration: String,
    #[server(default)] visible_to_own: Option<String>,
    #[server(default)] hidden: HashMap<String, String>,
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
    .await
    .map_err(|e| keeping_visibility(e, &home_administration, &visible_to_own, &hidden))?;
    let visibility = visibility(&state, &home_administration, &visible_to_own, &hidden).await?;
    crate::backend::pool::join(state.db.write(), &me, input, visibility).await?;
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
    #[server(default)] home_administration: String,
    #[server(default)] visible_to_own: Option<String>,
    #[server(default)] hidden: HashMap<String, String>,
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
    .await
    .map_err(|e| keeping_visibility(e, &home_administration, &visible_to_own, &hidden))?;
    let visibility = visibility(&state, &home_administration, &visible_to_own, &hidden).await?;
    crate::backend::pool::update(state.db.write(), &me, input, visibility).await?;
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
