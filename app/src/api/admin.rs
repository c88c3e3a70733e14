//! The administrations' side and moderation. Each function checks the
//! caller's rights itself (`rights::check`, through `backend::sheets`).
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::model::{AdminSpaceData, EditorData, ModerationData, Saved};
use leptos::prelude::*;
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
fn id_of(raw: &str) -> Result<i32, AppError> {
    raw.trim()
        .parse()
        .map_err(|_| AppError::NotFound("Cette mission n’existe pas.".into()))
}

#[cfg(feature = "ssr")]
fn comment_of(raw: &str, field: &str) -> Result<Option<String>, AppError> {
    let mut c = crate::validate::Checker::new();
    let comment = c.text(field, raw, false, 0, 2_000, "le commentaire");
    c.finish()?;
    Ok((!comment.is_empty()).then_some(comment))
}

/// My missions (owned or co-owned) and my administrations.
#[server(endpoint = "admin_space")]
pub async fn admin_space() -> Result<AdminSpaceData, AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    crate::backend::sheets::admin_space(state.db.read(), &me).await
}

/// "Proposer une mission": a new draft, then its editor.
#[server(endpoint = "create_mission")]
pub async fn create_mission() -> Result<(), AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    let id = crate::backend::sheets::create(&state, &me).await?;
    go_to(&format!("/espace-administration/missions/{id}/modifier"));
    Ok(())
}

/// The whole sheet for its owners and moderators.
#[server(endpoint = "mission_editor")]
pub async fn mission_editor(#[server(default)] id: String) -> Result<EditorData, AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    crate::backend::sheets::editor(state.db.read(), &me, id_of(&id)?).await
}

/// Saves the sheet based on `version` (a stale version is refused with 409).
/// `intent`: `autosave` (answer only), `enregistrer` or `soumettre`
/// (then back to the editor).
#[server(endpoint = "save_mission")]
pub async fn save_mission(
    #[server(default)] id: String,
    #[server(default)] version: String,
    #[server(default)] intent: String,
    #[server(default)] client: String,
    #[server(default)] title: String,
    #[server(default)] service: String,
    #[server(default)] nature: String,
    #[server(default)] skills: BTreeMap<String, String>,
    #[server(default)] skills_text: String,
    #[server(default)] description: String,
    #[server(default)] deliverables: String,
    #[server(default)] learning: String,
    #[server(default)] effort_text: String,
    #[server(default)] effort_days: String,
    #[server(default)] start_date: String,
    #[server(default)] end_date: String,
    #[server(default)] deadline: String,
    #[server(default)] location: String,
    #[server(default)] mode: String,
    #[server(default)] places: String,
) -> Result<Saved, AppError> {
    use super::context::*;
    use crate::model::SheetForm;
    let state = state()?;
    let me = require_user(&state).await?;
    let id = id_of(&id)?;
    let version: i32 = version.trim().parse().map_err(|_| AppError::BadRequest)?;
    let form = SheetForm {
        title,
        service,
        nature,
        skills,
        skills_text,
        description,
        deliverables,
        learning,
        effort_text,
        effort_days,
        start_date,
        end_date,
        deadline,
        location,
        mode,
        places,
    };
    let submit = intent == "soumettre";
    let client = crate::backend::live::client_id(&client).unwrap_or_default();
    let saved =
        crate::backend::sheets::save(&state, &me, id, version, &form, submit, &client).await?;
    // Without JavaScript (or on an explicit save) conflicts come back as a
    // rejected form: both versions shown, what was typed kept.
    if intent != "autosave" && !saved.conflicts.is_empty() {
        return Err(crate::backend::sheets::conflicts_as_error(
            &saved.conflicts,
            &form,
        ));
    }
    match intent.as_str() {
        "autosave" => {}
        "soumettre" => go_to(&format!(
            "/espace-administration/missions/{id}/modifier?info=soumise"
        )),
        _ => go_to(&format!(
            "/espace-administration/missions/{id}/modifier?info=enregistree"
        )),
    }
    Ok(saved)
}

/// A new draft copied from one of my missions.
#[server(endpoint = "duplicate_mission")]
pub async fn duplicate_mission(#[server(default)] id: String) -> Result<(), AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    let copy = crate::backend::sheets::duplicate(&state, &me, id_of(&id)?).await?;
    go_to(&format!(
        "/espace-administration/missions/{copy}/modifier?info=dupliquee"
    ));
    Ok(())
}

/// `action`: `fermer`, `terminer` or `pourvoir`; `comment` optional.
#[server(endpoint = "close_mission")]
pub async fn close_mission(
    #[server(default)] id: String,
    #[server(default)] action: String,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    use super::context::*;
    use crate::lifecycle::MissionAction;
    let state = state()?;
    let me = require_user(&state).await?;
    let id = id_of(&id)?;
    let action = MissionAction::from_code(action.trim()).ok_or(AppError::BadRequest)?;
    let comment = comment_of(&comment, "comment")?;
    crate::backend::sheets::close(&state, &me, id, action, comment).await?;
    go_to(&format!(
        "/espace-administration/missions/{id}/modifier?info=statut"
    ));
    Ok(())
}

/// Submitted missions (oldest first, with their changes) and published ones.
#[server(endpoint = "moderation_queue")]
pub async fn moderation_queue() -> Result<ModerationData, AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    crate::backend::moderation::queue(state.db.read(), &me).await
}

/// `action`: `publier`, `demander_modifications` or `depublier` (the last
/// two need a `comment`); `publier` needs the `version` that was reviewed.
#[server(endpoint = "moderate_mission")]
pub async fn moderate_mission(
    #[server(default)] id: String,
    #[server(default)] action: String,
    #[server(default)] comment: String,
    #[server(default)] version: String,
) -> Result<(), AppError> {
    use super::context::*;
    use crate::lifecycle::MissionAction;
    let state = state()?;
    let me = require_user(&state).await?;
    let id = id_of(&id)?;
    let action = MissionAction::from_code(action.trim()).ok_or(AppError::BadRequest)?;
    let comment = comment_of(&comment, &format!("comment-{id}"))?;
    if comment.is_none()
        && matches!(
            action,
            MissionAction::RequestChanges | MissionAction::Unpublish
        )
    {
        let mut fields = crate::error::FieldErrors::new();
        fields.insert(format!("comment-{id}"), "Expliquez ce qui doit changer : le commentaire est envoyé aux responsables de la mission.".into());
        return Err(AppError::invalid(fields, Default::default()));
    }
    crate::backend::moderation::decide(
        &state,
        &me,
        id,
        action,
        comment,
        version.trim().parse().ok(),
    )
    .await?;
    go_to(&format!("/moderation?info={}", action.code()));
    Ok(())
}

/// Every administration with its members (moderators).
#[server(endpoint = "administrations")]
pub async fn administrations() -> Result<crate::model::AdministrationsData, AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    crate::backend::administrations::overview(&state, &me).await
}

/// A new administration: `name` (3–150 characters), `acronym` (2–20).
#[server(endpoint = "create_administration")]
pub async fn create_administration(
    #[server(default)] name: String,
    #[server(default)] acronym: String,
) -> Result<(), AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    crate::backend::administrations::create(&state, &me, &name, &acronym).await?;
    go_to("/moderation/administrations?info=creee");
    Ok(())
}

/// Makes the professional address `email` a member of `administration`
/// (its id); the new member is told by e-mail.
#[server(endpoint = "add_member")]
pub async fn add_member(
    #[server(default)] administration: String,
    #[server(default)] email: String,
) -> Result<String, AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    let email =
        crate::backend::administrations::add_member(&state, &me, &administration, &email).await?;
    go_to("/moderation/administrations?info=membre_ajoute");
    Ok(email)
}

/// Ends the membership `id`.
#[server(endpoint = "remove_member")]
pub async fn remove_member(#[server(default)] id: String) -> Result<(), AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    crate::backend::administrations::remove_member(&state, &me, &id).await?;
    go_to("/moderation/administrations?info=membre_retire");
    Ok(())
}

/// Adds the professional address `email` as co-owner of mission `id`.
#[server(endpoint = "invite_co_owner")]
pub async fn invite_co_owner(
    #[server(default)] id: String,
    #[server(default)] email: String,
) -> Result<String, AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    let id = id_of(&id)?;
    let email = crate::backend::administrations::invite_co_owner(&state, &me, id, &email).await?;
    go_to(&format!(
        "/espace-administration/missions/{id}/modifier?info=coresponsable"
    ));
    Ok(email)
}

/// Removes `email` from the owners of mission `id` (never the last one).
#[server(endpoint = "remove_co_owner")]
pub async fn remove_co_owner(
    #[server(default)] id: String,
    #[server(default)] email: String,
) -> Result<(), AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    let id = id_of(&id)?;
    crate::backend::administrations::remove_co_owner(&state, &me, id, &email).await?;
    go_to(&format!(
        "/espace-administration/missions/{id}/modifier?info=responsable_retire"
    ));
    Ok(())
}

/// The live editor of mission `id` in tab `client` is now in `field`
/// (empty: in none; `skills[…]` counts as the skills), or was closed
/// (`left` = "1"). Others see it in their presence list.
#[server(endpoint = "live_presence")]
pub async fn live_presence(
    #[server(default)] id: String,
    #[server(default)] client: String,
    #[server(default)] field: String,
    #[server(default)] left: String,
) -> Result<(), AppError> {
    use super::context::*;
    use crate::backend::live;
    use crate::backend::sheets::authorize;
    use crate::model::LiveEvent;
    use crate::rights::Operation;
    let state = state()?;
    let me = require_user(&state).await?;
    let id = id_of(&id)?;
    let client = live::client_id(&client).ok_or(AppError::BadRequest)?;
    let db = state.db.write();
    authorize(db, &me, id, Operation::EditSheet).await?;
    if left == "1" {
        if !live::leave(db, id, &client, me.id).await? {
            return Ok(()); // not connected: nobody to tell
        }
    } else if !live::focus(db, id, &client, &me, &field).await? {
        return Ok(()); // not connected: nobody to tell
    }
    state
        .live
        .publish(LiveEvent::Presence { mission: id })
        .await;
    Ok(())
}
