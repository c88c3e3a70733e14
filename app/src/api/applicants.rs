//! The owners' side of applications and the line manager's agreement.

use crate::error::AppError;
use crate::model::{AgreementPage, ApplicantsData};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn id_of(raw: &str) -> Result<i32, AppError> {
    raw.trim()
        .parse()
        .map_err(|_| AppError::NotFound("Cette candidature n’existe pas.".into()))
}

#[cfg(feature = "ssr")]
fn text_of(raw: &str) -> Option<String> {
    let c: String = crate::validate::clean(raw).chars().take(1_000).collect();
    (!c.is_empty()).then_some(c)
}

/// The applications of a mission, for its owners (and moderators).
#[server(endpoint = "mission_applications")]
pub async fn mission_applications(
    #[server(default)] id: String,
) -> Result<ApplicantsData, AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    let id: i32 = id
        .trim()
        .parse()
        .map_err(|_| AppError::NotFound("Cette mission n’existe pas.".into()))?;
    crate::backend::applicants::list(state.db.read(), &me, id).await
}

/// `action`: `discuter`, `retenir` or `ne_pas_retenir` (with a `reason`
/// from the list and an optional `note`).
#[server(endpoint = "move_application")]
pub async fn move_application(
    #[server(default)] id: String,
    #[server(default)] action: String,
    #[server(default)] reason: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use super::context::*;
    use crate::lifecycle::ApplicationAction;
    let state = state()?;
    let me = require_user(&state).await?;
    let id = id_of(&id)?;
    let action = ApplicationAction::from_code(action.trim()).ok_or(AppError::BadRequest)?;
    let mission = crate::backend::applicants::mission_of(state.db.read(), id).await?;
    crate::backend::applicants::move_application(
        &state,
        &me,
        id,
        action,
        text_of(&reason),
        text_of(&note),
    )
    .await?;
    go_to(&format!(
        "/espace-administration/missions/{mission}/candidatures?info=statut"
    ));
    Ok(())
}

/// E-mails the agent's line manager a single-use link to answer.
#[server(endpoint = "request_agreement")]
pub async fn request_agreement(#[server(default)] id: String) -> Result<(), AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    let id = id_of(&id)?;
    let mission = crate::backend::applicants::mission_of(state.db.read(), id).await?;
    crate::backend::applicants::request_agreement(&state, &me, id).await?;
    go_to(&format!(
        "/espace-administration/missions/{mission}/candidatures?info=accord-demande"
    ));
    Ok(())
}

/// The request behind a line manager's link (no sign-in: the link is the key).
#[server(endpoint = "agreement")]
pub async fn agreement(#[server(default)] jeton: String) -> Result<AgreementPage, AppError> {
    let state = super::context::state()?;
    crate::backend::applicants::agreement_page(state.db.read(), jeton.trim()).await
}

/// `answer`: `accord`, `accord_reduit` (with `time_agreed`) or `refus` (with `reason`).
#[server(endpoint = "answer_agreement")]
pub async fn answer_agreement(
    #[server(default)] jeton: String,
    #[server(default)] answer: String,
    #[server(default)] time_agreed: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use super::context::*;
    let state = state()?;
    let jeton = jeton.trim().to_string();
    crate::backend::applicants::answer(&state, &jeton, answer.trim(), time_agreed, reason).await?;
    go_to(&format!("/accord?jeton={jeton}&info=merci"));
    Ok(())
}
