//! DINUM's moderation: the queue of submitted sheets, oldest first, each
//! with what changed since its last review, and the decisions.

use super::entities::{administration, mission, mission_event, skill, user};
use super::missions::sheet_of;
use super::sheets::{
    authorize, authorize_global, form_of, mission_rows, readable, status_of, transition,
    FIELD_LABELS,
};
use super::state::AppState;
use super::time::datetime_fr;
use crate::error::AppError;
use crate::lifecycle::{Actor, MissionAction, MissionStatus};
use crate::model::{FieldChange, ModerationData, QueueItem, SheetForm};
use crate::rights::Operation;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

pub async fn queue(db: &DatabaseConnection, me: &user::Model) -> Result<ModerationData, AppError> {
    authorize_global(db, me, Operation::ModerationQueue).await?;
    let rows = mission::Entity::find()
        .find_also_related(administration::Entity)
        .filter(mission::Column::Status.eq(MissionStatus::Submitted.code()))
        .order_by_asc(mission::Column::UpdatedAt)
        .all(db)
        .await?;
    let skill_names: HashMap<String, String> = skill::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.slug, s.name))
        .collect();
    let mut submitted = Vec::with_capacity(rows.len());
    for (m, admin) in rows {
        let Some(admin) = admin else { continue };
        let events = mission_event::Entity::find()
            .filter(mission_event::Column::MissionId.eq(m.id))
            .order_by_desc(mission_event::Column::At)
            .order_by_desc(mission_event::Column::Id)
            .all(db)
            .await?;
        let submitted_at = events
            .iter()
            .find(|e| e.action == MissionAction::Submit.code())
            .map(|e| datetime_fr(e.at))
            .unwrap_or_else(|| datetime_fr(m.updated_at));
        let reviewed: Option<SheetForm> = events
            .iter()
            .find_map(|e| e.snapshot.as_deref())
            .and_then(|s| serde_json::from_str(s).ok());
        let now = form_of(db, &m).await?;
        let changes = match &reviewed {
            Some(before) => diff(before, &now, &skill_names),
            None => Vec::new(),
        };
        submitted.push(QueueItem {
            id: m.id,
            version: m.version,
            title: m.title.clone(),
            administration: admin.name.clone(),
            status: m.status.clone(),
            submitted_at,
            first_review: reviewed.is_none(),
            changes,
            preview: sheet_of(db, m, admin).await?,
        });
    }
    let published = mission_rows(
        db,
        mission::Column::Status.eq(MissionStatus::Published.code()),
    )
    .await?;
    Ok(ModerationData {
        submitted,
        published,
    })
}

/// Field-by-field differences between two versions of a sheet, skills by
/// their names.
pub fn diff(
    before: &SheetForm,
    after: &SheetForm,
    skill_names: &HashMap<String, String>,
) -> Vec<FieldChange> {
    let (b, a) = (readable(before, skill_names), readable(after, skill_names));
    FIELD_LABELS
        .iter()
        .filter(|(key, _)| b.get(key) != a.get(key))
        .map(|(key, name)| FieldChange {
            field: (*name).to_string(),
            before: b.get(key).cloned().unwrap_or_default(),
            after: a.get(key).cloned().unwrap_or_default(),
        })
        .collect()
}

/// Publish, request changes or unpublish.
pub async fn decide(
    state: &AppState,
    me: &user::Model,
    id: i32,
    action: MissionAction,
    comment: Option<String>,
    reviewed_version: Option<i32>,
) -> Result<MissionStatus, AppError> {
    if !matches!(
        action,
        MissionAction::Publish | MissionAction::RequestChanges | MissionAction::Unpublish
    ) {
        return Err(AppError::BadRequest);
    }
    let (m, _) = authorize(state.db.write(), me, id, Operation::Moderate).await?;
    // The owners may still edit a submitted sheet: publish only what was read.
    if action == MissionAction::Publish && reviewed_version != Some(m.version) {
        return Err(AppError::Conflict(
            "La fiche a été modifiée depuis que vous l’avez ouverte : rechargez la page pour examiner sa dernière version.".into(),
        ));
    }
    let m = transition(state, me, m, action, Actor::Moderator, comment).await?;
    Ok(status_of(&m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_diff_names_each_changed_field() {
        let before = SheetForm {
            title: "A".into(),
            mode: "sur_site".into(),
            ..SheetForm::default()
        };
        let mut after = before.clone();
        after.mode = "a_distance".into();
        after.skills.insert("data".into(), "on".into());
        let names_of_skills = HashMap::from([("data".to_string(), "Data science".to_string())]);
        let d = diff(&before, &after, &names_of_skills);
        let names: Vec<&str> = d.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(names, vec!["Compétences", "Modalité"]);
        assert_eq!(d[0].after, "Data science");
        assert_eq!(d[1].before, "Sur site");
        assert_eq!(d[1].after, "À distance");
        assert!(diff(&before, &before, &HashMap::new()).is_empty());
    }
}
