//! Mission sheets on the administrations' side: drafts, saving with
//! optimistic concurrency, submission, duplication, closing, and every status
//! change recorded with who, when and why. Rights come from `rights::check`.

use super::entities::{
    administration, application, mission, mission_event, mission_owner, mission_revision,
    mission_skill, skill, user, user_role,
};
use super::missions::{sheet_of, skill_families, skills_of};
use super::state::AppState;
use super::time::{datetime_fr, today};
use crate::error::AppError;
use crate::lifecycle::{Actor, MissionAction, MissionStatus, Refusal};
use crate::model::{
    field_label, label, ActionOption, AdminSpaceData, Conflict, EditorData, HistoryItem, LiveEvent,
    MyMission, Saved, SheetForm, MODES, NATURES,
};
use crate::rights::{check, Caller, Denied, Operation};
use crate::text::{fold, slugify};
use crate::validate::{sheet, SheetInput, Strictness};
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    TransactionTrait,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub const MANAGER: &str = "responsable";
pub const MODERATOR: &str = "moderateur";

/// The roles of a user, read once per request.
#[derive(Debug, Clone, Default)]
pub struct Roles {
    pub administrations: Vec<i32>,
    pub moderator: bool,
}

pub async fn roles(db: &DatabaseConnection, user_id: i32) -> Result<Roles, AppError> {
    let rows = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .all(db)
        .await?;
    let mut roles = Roles::default();
    for r in rows {
        match (r.role.as_str(), r.administration_id) {
            (MANAGER, Some(a)) => roles.administrations.push(a),
            (MODERATOR, _) => roles.moderator = true,
            _ => {}
        }
    }
    Ok(roles)
}

pub fn denied(d: Denied) -> AppError {
    match d {
        Denied::Unauthenticated => AppError::Unauthenticated,
        Denied::Forbidden(m) => AppError::Forbidden(m.into()),
        Denied::WrongState(s) => AppError::Conflict(format!(
            "Cette action n’est pas possible pour une mission « {s} »."
        )),
    }
}

pub fn refused(r: Refusal) -> AppError {
    match r {
        Refusal::NotYours(_) => AppError::Forbidden(r.to_string()),
        _ => AppError::Conflict(r.to_string()),
    }
}

fn not_found() -> AppError {
    AppError::NotFound("Cette mission n’existe pas.".into())
}

/// The mission's status as of now: a published mission whose application
/// deadline has passed is expired even before the periodic task records it
/// (checked on read).
pub fn status_of(m: &mission::Model) -> MissionStatus {
    let stored = stored_status(m);
    if stored == MissionStatus::Published && m.deadline.is_some_and(|d| d < today()) {
        return MissionStatus::Expired;
    }
    stored
}

fn stored_status(m: &mission::Model) -> MissionStatus {
    MissionStatus::from_code(&m.status).unwrap_or(MissionStatus::Closed)
}

/// Records the expiry of every published mission whose application deadline
/// has passed (the periodic task; also run before a transition needs it).
/// Returns how many missions expired.
pub async fn expire_due(state: &AppState) -> Result<usize, AppError> {
    let db = state.db.write();
    let due = mission::Entity::find()
        .filter(mission::Column::Status.eq(MissionStatus::Published.code()))
        .filter(mission::Column::Deadline.lt(today()))
        .all(db)
        .await?;
    let mut expired = 0;
    for m in due {
        if expire(state, &m).await? {
            expired += 1;
        }
    }
    Ok(expired)
}

/// Stores the expiry of one mission, with its history line and a message to
/// the owners; false when someone else recorded it first.
async fn expire(state: &AppState, m: &mission::Model) -> Result<bool, AppError> {
    let db = state.db.write();
    let txn = db.begin().await?;
    let changed = mission::Entity::update_many()
        .col_expr(
            mission::Column::Status,
            Expr::value(MissionStatus::Expired.code()),
        )
        .col_expr(mission::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(mission::Column::Id.eq(m.id))
        .filter(mission::Column::Status.eq(MissionStatus::Published.code()))
        .exec(&txn)
        .await?
        .rows_affected
        > 0;
    if changed {
        record(
            &txn,
            m.id,
            Some(MissionStatus::Published),
            MissionStatus::Expired,
            MissionAction::Expire.code(),
            None,
            Some("Date limite de candidature dépassée.".into()),
            None,
        )
        .await?;
    }
    txn.commit().await?;
    if changed {
        notify_owners(state, m, MissionAction::Expire, None).await?;
    }
    Ok(changed)
}

/// Loads a mission and checks that `me` may do `op` on it now.
pub async fn authorize(
    db: &DatabaseConnection,
    me: &user::Model,
    id: i32,
    op: Operation,
) -> Result<(mission::Model, Caller), AppError> {
    let m = mission::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    let roles = roles(db, me.id).await?;
    let owner = mission_owner::Entity::find_by_id((id, me.id))
        .one(db)
        .await?
        .is_some();
    let caller = Caller {
        signed_in: true,
        manager: roles.administrations.contains(&m.administration_id),
        moderator: roles.moderator,
        owner,
    };
    check(op, caller, Some(status_of(&m))).map_err(denied)?;
    Ok((m, caller))
}

/// The signed-in user as the pages see them, with the spaces they may open.
pub async fn me(db: &DatabaseConnection, u: user::Model) -> Result<crate::model::Me, AppError> {
    let admin_space = authorize_global(db, &u, Operation::ListMyMissions)
        .await
        .is_ok();
    let roles = roles(db, u.id).await?;
    Ok(crate::model::Me {
        email: u.email,
        display_name: u.display_name,
        admin_space,
        moderator: roles.moderator,
    })
}

/// Checks an operation that concerns no mission in particular.
pub async fn authorize_global(
    db: &DatabaseConnection,
    me: &user::Model,
    op: Operation,
) -> Result<Roles, AppError> {
    let roles = roles(db, me.id).await?;
    let owns_any = mission_owner::Entity::find()
        .filter(mission_owner::Column::UserId.eq(me.id))
        .count(db)
        .await?
        > 0;
    let caller = Caller {
        signed_in: true,
        manager: !roles.administrations.is_empty(),
        moderator: roles.moderator,
        owner: owns_any,
    };
    check(op, caller, None).map_err(denied)?;
    Ok(roles)
}

pub async fn admin_space(
    db: &DatabaseConnection,
    me: &user::Model,
) -> Result<AdminSpaceData, AppError> {
    let roles = authorize_global(db, me, Operation::ListMyMissions).await?;
    let administrations = administration::Entity::find()
        .filter(administration::Column::Id.is_in(roles.administrations.clone()))
        .order_by_asc(administration::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.name)
        .collect();
    let owned: Vec<i32> = mission_owner::Entity::find()
        .filter(mission_owner::Column::UserId.eq(me.id))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.mission_id)
        .collect();
    let missions = mission_rows(db, mission::Column::Id.is_in(owned)).await?;
    Ok(AdminSpaceData {
        is_manager: !roles.administrations.is_empty(),
        is_moderator: roles.moderator,
        administrations,
        missions,
    })
}

/// Missions as lines of a list, with their application counts (two queries).
pub async fn mission_rows(
    db: &DatabaseConnection,
    filter: sea_orm::sea_query::SimpleExpr,
) -> Result<Vec<MyMission>, AppError> {
    let rows = mission::Entity::find()
        .find_also_related(administration::Entity)
        .filter(filter)
        .order_by_desc(mission::Column::UpdatedAt)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|(m, _)| m.id).collect();
    let counts: Vec<(i32, i64)> = application::Entity::find()
        .select_only()
        .column(application::Column::MissionId)
        .column_as(application::Column::Id.count(), "n")
        .filter(application::Column::MissionId.is_in(ids))
        .group_by(application::Column::MissionId)
        .into_tuple()
        .all(db)
        .await?;
    let counts: HashMap<i32, i64> = counts.into_iter().collect();
    Ok(rows
        .into_iter()
        .map(|(m, a)| {
            let status = status_of(&m);
            MyMission {
                id: m.id,
                applications: counts.get(&m.id).copied().unwrap_or(0) as u64,
                title: m.title,
                administration: a.map(|a| a.name).unwrap_or_default(),
                status: status.code().into(),
                status_label: status.label().into(),
                updated_at: datetime_fr(m.updated_at),
                slug: status.public().then_some(m.slug),
            }
        })
        .collect())
}

/// A new, empty draft owned by `me`, in their first administration.
pub async fn create(state: &AppState, me: &user::Model) -> Result<i32, AppError> {
    let db = state.db.write();
    let roles = authorize_global(db, me, Operation::CreateMission).await?;
    let administration_id = *roles
        .administrations
        .first()
        .ok_or_else(|| AppError::Forbidden("Vous n’êtes membre d’aucune administration.".into()))?;
    let now = Utc::now();
    let txn = db.begin().await?;
    let m = mission::ActiveModel {
        slug: Set(draft_slug()),
        title: Set(String::new()),
        administration_id: Set(administration_id),
        service: Set(String::new()),
        nature: Set(String::new()),
        description: Set(String::new()),
        skills_text: Set(String::new()),
        effort_text: Set(String::new()),
        location: Set(String::new()),
        mode: Set(String::new()),
        places: Set(1),
        details_pdf_label: Set(String::new()),
        status: Set(MissionStatus::Draft.code().into()),
        version: Set(1),
        search_text: Set(String::new()),
        search_stems: Set(String::new()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    own(&txn, m.id, me.id).await?;
    record(
        &txn,
        m.id,
        None,
        MissionStatus::Draft,
        "creer",
        Some(me),
        None,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(m.id)
}

fn draft_slug() -> String {
    format!("brouillon-{:016x}", rand::random::<u64>())
}

async fn own(db: &impl ConnectionTrait, mission_id: i32, user_id: i32) -> Result<(), AppError> {
    mission_owner::ActiveModel {
        mission_id: Set(mission_id),
        user_id: Set(user_id),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn record(
    db: &impl ConnectionTrait,
    mission_id: i32,
    from: Option<MissionStatus>,
    to: MissionStatus,
    action: &str,
    actor: Option<&user::Model>,
    comment: Option<String>,
    snapshot: Option<String>,
) -> Result<(), AppError> {
    mission_event::ActiveModel {
        mission_id: Set(mission_id),
        from_status: Set(from.map(|s| s.code().to_string())),
        to_status: Set(to.code().into()),
        action: Set(action.into()),
        actor_id: Set(actor.map(|u| u.id)),
        actor_label: Set(actor
            .map(|u| u.email.clone())
            .unwrap_or_else(|| "le service".into())),
        comment: Set(comment),
        snapshot: Set(snapshot),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The owners of a mission, by e-mail (one query).
pub async fn owners_of(
    db: &impl ConnectionTrait,
    mission_id: i32,
) -> Result<Vec<user::Model>, AppError> {
    use sea_orm::sea_query::Query;
    Ok(user::Entity::find()
        .filter(
            user::Column::Id.in_subquery(
                Query::select()
                    .column(mission_owner::Column::UserId)
                    .from(mission_owner::Entity)
                    .and_where(mission_owner::Column::MissionId.eq(mission_id))
                    .take(),
            ),
        )
        .order_by_asc(user::Column::Email)
        .all(db)
        .await?)
}

/// The editor's form filled from the stored sheet.
pub async fn form_of(db: &impl ConnectionTrait, m: &mission::Model) -> Result<SheetForm, AppError> {
    let skills = skills_of(db, &[m.id])
        .await?
        .remove(&m.id)
        .unwrap_or_default();
    let date = date_field;
    Ok(SheetForm {
        title: m.title.clone(),
        service: m.service.clone(),
        nature: m.nature.clone(),
        skills: skills
            .into_iter()
            .map(|s| (s.slug, "on".to_string()))
            .collect(),
        skills_text: m.skills_text.clone(),
        description: m.description.clone(),
        deliverables: m.deliverables.clone().unwrap_or_default(),
        learning: m.learning.clone().unwrap_or_default(),
        effort_text: m.effort_text.clone(),
        effort_days: m.effort_days.map(|d| d.to_string()).unwrap_or_default(),
        start_date: date(m.start_date),
        end_date: date(m.end_date),
        deadline: date(m.deadline),
        location: m.location.clone(),
        mode: m.mode.clone(),
        places: m.places.to_string(),
    })
}

fn date_field(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// The form as `form_of` will read it back once `input` is stored.
fn form_from_input(input: &SheetInput) -> SheetForm {
    SheetForm {
        title: input.title.clone(),
        service: input.service.clone(),
        nature: input.nature.clone(),
        skills: input
            .skills
            .iter()
            .map(|s| (s.clone(), "on".to_string()))
            .collect(),
        skills_text: input.skills_text.clone(),
        description: input.description.clone(),
        deliverables: input.deliverables.clone(),
        learning: input.learning.clone(),
        effort_text: input.effort_text.clone(),
        effort_days: input.effort_days.map(|d| d.to_string()).unwrap_or_default(),
        start_date: date_field(input.start_date),
        end_date: date_field(input.end_date),
        deadline: date_field(input.deadline),
        location: input.location.clone(),
        mode: input.mode.clone(),
        places: input.places.to_string(),
    }
}

async fn admin_of(
    db: &DatabaseConnection,
    m: &mission::Model,
) -> Result<administration::Model, AppError> {
    administration::Entity::find_by_id(m.administration_id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)
}

pub async fn editor(
    db: &DatabaseConnection,
    me: &user::Model,
    id: i32,
) -> Result<EditorData, AppError> {
    let (m, caller) = authorize(db, me, id, Operation::ViewSheet).await?;
    let status = status_of(&m);
    let admin = admin_of(db, &m).await?;
    let form = form_of(db, &m).await?;
    let events = mission_event::Entity::find()
        .filter(mission_event::Column::MissionId.eq(id))
        .order_by_desc(mission_event::Column::At)
        .order_by_desc(mission_event::Column::Id)
        .all(db)
        .await?;
    let last_comment = events
        .iter()
        .find(|e| e.action != "enregistrer")
        .filter(|e| e.to_status == MissionStatus::ChangesRequested.code())
        .and_then(|e| e.comment.clone());
    let history = events.into_iter().map(history_item).collect();
    let owners = owners_of(db, id)
        .await?
        .into_iter()
        .map(|u| u.email)
        .collect();
    let actions = available_actions(status, caller);
    Ok(EditorData {
        id,
        version: m.version,
        status: status.code().into(),
        status_label: status.label().into(),
        editable: caller.owner && status.editable(),
        is_owner: caller.owner,
        can_invite: check(Operation::InviteCoOwner, caller, Some(status)).is_ok(),
        can_remove_owners: check(Operation::RemoveCoOwner, caller, Some(status)).is_ok(),
        can_duplicate: check(Operation::Duplicate, caller, Some(status)).is_ok(),
        form,
        preview: sheet_of(db, m, admin).await?,
        history,
        owners,
        actions,
        skills: skill_families(db).await?,
        last_comment,
    })
}

fn history_item(e: mission_event::Model) -> HistoryItem {
    let to = MissionStatus::from_code(&e.to_status).unwrap_or(MissionStatus::Closed);
    HistoryItem {
        at: datetime_fr(e.at),
        status_label: to.label().into(),
        action_label: MissionAction::from_code(&e.action)
            .map(|a| a.label().to_string())
            .unwrap_or_else(|| match e.action.as_str() {
                "creer" => "Création du brouillon".into(),
                "dupliquer" => "Création par duplication".into(),
                other => other.to_string(),
            }),
        who: e.actor_label,
        comment: e.comment,
    }
}

/// What the caller may do now, for the buttons of the sheet.
pub fn available_actions(status: MissionStatus, caller: Caller) -> Vec<ActionOption> {
    let mut out = Vec::new();
    for action in MissionAction::ALL {
        let actor = if caller.owner
            && !matches!(
                action,
                MissionAction::RequestChanges | MissionAction::Publish | MissionAction::Unpublish
            ) {
            Actor::Owner
        } else if caller.moderator {
            Actor::Moderator
        } else {
            continue;
        };
        if status.apply(*action, actor, true).is_ok() {
            out.push(ActionOption {
                code: action.code().into(),
                label: action.label().into(),
            });
        }
    }
    out
}

async fn known_skills(db: &DatabaseConnection) -> Result<HashMap<String, (i32, String)>, AppError> {
    Ok(skill::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.slug, (s.id, s.name)))
        .collect())
}

/// One earlier save, as the merge reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub version: i32,
    pub author: String,
    /// Field → (before, after), in the form of `SheetForm::get`.
    pub changes: BTreeMap<String, (String, String)>,
}

/// What a save based on an older version does, field by field.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Merge {
    /// The stored sheet with this save's own changes applied.
    pub merged: SheetForm,
    /// The fields this save changes: (before, after).
    pub changes: BTreeMap<String, (String, String)>,
    /// The fields this save changed that someone else saved meanwhile with
    /// another value: (field, who). They keep the stored value.
    pub conflicts: Vec<(String, String)>,
}

/// Locks the sheet's row in `txn` for a change based on `base` (the
/// version the editor shows), once the caller may edit it: concurrent
/// changes of one sheet take turns (on SQLite the single writing connection
/// already makes them). Checked again under the lock: a sheet published (or
/// closed) meanwhile takes no more edits, so what the moderator reviewed is
/// what is public. A version the sheet never had is refused.
pub async fn lock_for_edit(
    txn: &DatabaseTransaction,
    id: i32,
    caller: Caller,
    base: i32,
) -> Result<mission::Model, AppError> {
    if base < 1 {
        return Err(AppError::BadRequest);
    }
    let m = mission::Entity::find_by_id(id)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or_else(not_found)?;
    check(Operation::EditSheet, caller, Some(status_of(&m))).map_err(denied)?;
    if base > m.version {
        return Err(AppError::Conflict(UNKNOWN_VERSION.into()));
    }
    Ok(m)
}

/// A save or upload based on a version the sheet never had.
pub const UNKNOWN_VERSION: &str =
    "Cette version de la fiche est inconnue : rechargez la page pour repartir de la dernière.";

/// Three-way merge of a save: `stored` is the sheet now, `mine` what the
/// editor sends, `since` the saves after the version `mine` was based on,
/// oldest first. A field counts as changed by this editor when it differs
/// from its value at that version; such a change applies unless someone
/// else changed the same field meanwhile to something else, which is a
/// conflict the editor resolves. Nothing is overwritten silently.
pub fn merge(stored: &SheetForm, mine: &SheetForm, since: &[Revision]) -> Merge {
    let mut out = Merge {
        merged: stored.clone(),
        ..Merge::default()
    };
    for (field, _) in FIELD_LABELS {
        let now = stored.get(field);
        let typed = mine.get(field);
        let mut touched = since.iter().filter(|r| r.changes.contains_key(*field));
        let first = touched.next();
        let at_base = first.map_or(&now, |r| &r.changes[*field].0);
        if typed == *at_base || typed == now {
            continue;
        }
        if *field == "skills" {
            // A set: my additions and removals apply to what is stored now,
            // so two people ticking different boxes both keep theirs.
            let set = |v: &str| -> BTreeSet<String> {
                v.split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            };
            let (base, mine_set) = (set(at_base), set(&typed));
            let mut result = set(&now);
            result.extend(mine_set.difference(&base).cloned());
            for removed in base.difference(&mine_set) {
                result.remove(removed);
            }
            let merged = result.into_iter().collect::<Vec<_>>().join(",");
            if merged != now {
                out.merged.set(field, merged.clone());
                out.changes.insert(field.to_string(), (now, merged));
            }
            continue;
        }
        if let Some(last) = touched.next_back().or(first) {
            out.conflicts.push((field.to_string(), last.author.clone()));
            continue;
        }
        out.merged.set(field, typed.clone());
        out.changes.insert(field.to_string(), (now, typed));
    }
    out
}

/// The saves of a sheet after `version`, oldest first.
pub async fn revisions_since(
    db: &impl ConnectionTrait,
    id: i32,
    version: i32,
) -> Result<Vec<Revision>, AppError> {
    Ok(mission_revision::Entity::find()
        .filter(mission_revision::Column::MissionId.eq(id))
        .filter(mission_revision::Column::Version.gt(version))
        .order_by_asc(mission_revision::Column::Version)
        .all(db)
        .await?
        .into_iter()
        .map(|r| Revision {
            version: r.version,
            author: r.author_label,
            changes: serde_json::from_str(&r.changes).unwrap_or_default(),
        })
        .collect())
}

/// Records a save's changes as the revision that made `version`.
pub async fn record_revision(
    txn: &impl ConnectionTrait,
    id: i32,
    version: i32,
    me: &user::Model,
    changes: &BTreeMap<String, (String, String)>,
) -> Result<(), AppError> {
    mission_revision::ActiveModel {
        mission_id: Set(id),
        version: Set(version),
        author_id: Set(Some(me.id)),
        author_label: Set(display_name(me)),
        changes: Set(serde_json::to_string(changes).unwrap_or_default()),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// How a person is named to their colleagues.
pub fn display_name(u: &user::Model) -> String {
    u.display_name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| u.email.clone())
}

/// The conflicts of a merge, for the editor: both versions, readable.
fn conflicts_of(
    conflicts: &[(String, String)],
    stored: &SheetForm,
    mine: &SheetForm,
    skills: &HashMap<String, (i32, String)>,
) -> Vec<Conflict> {
    let names: HashMap<String, String> = skills
        .iter()
        .map(|(slug, (_, name))| (slug.clone(), name.clone()))
        .collect();
    let (theirs, ours) = (readable(stored, &names), readable(mine, &names));
    conflicts
        .iter()
        .map(|(field, by)| Conflict {
            label: field_label(field).unwrap_or_default().to_string(),
            theirs: stored.get(field),
            theirs_readable: theirs.get(field.as_str()).cloned().unwrap_or_default(),
            mine_readable: ours.get(field.as_str()).cloned().unwrap_or_default(),
            field: field.clone(),
            by: by.clone(),
        })
        .collect()
}

/// Conflicts as a rejected form (no JavaScript, or an explicit save): each
/// field says who saved what, and the form keeps what this editor typed.
pub fn conflicts_as_error(conflicts: &[Conflict], mine: &SheetForm) -> AppError {
    let fields = conflicts
        .iter()
        .map(|c| {
            (
                c.field.clone(),
                format!(
                    "{} a enregistré une autre valeur entre-temps : « {} ». Votre version est gardée ci-dessous : enregistrez-la à nouveau pour la conserver, ou reprenez la sienne.",
                    c.by, c.theirs_readable
                ),
            )
        })
        .collect();
    let mut values: BTreeMap<String, String> = FIELD_LABELS
        .iter()
        .filter(|(f, _)| *f != "skills")
        .map(|(f, _)| (f.to_string(), mine.get(f)))
        .collect();
    values.extend(
        mine.skills
            .keys()
            .map(|slug| (format!("skills[{slug}]"), "on".to_string())),
    );
    AppError::invalid(fields, values)
}

/// Saves the sheet: merged with what others saved since `base_version`
/// (field by field, see `merge`), recorded as a revision, announced to the
/// other open editors; then submits it when asked.
pub async fn save(
    state: &AppState,
    me: &user::Model,
    id: i32,
    base_version: i32,
    form: &SheetForm,
    submit: bool,
    client: &str,
) -> Result<Saved, AppError> {
    let db = state.db.write();
    let (m, caller) = authorize(db, me, id, Operation::EditSheet).await?;
    if submit {
        authorize(db, me, id, Operation::Submit).await?;
    }
    let skills = known_skills(db).await?;
    let strictness = if submit {
        Strictness::Submission
    } else {
        Strictness::Draft
    };
    let admin = admin_of(db, &m).await?;
    let now = Utc::now();
    // Read, merge and write in one transaction, the sheet's row locked:
    // concurrent saves of one sheet take turns (on SQLite the single
    // writing connection already makes them), so none is lost or retried.
    let txn = db.begin().await?;
    let m = lock_for_edit(&txn, id, caller, base_version).await?;
    let stored = form_of(&txn, &m).await?;
    let since = revisions_since(&txn, id, base_version).await?;
    let mut merge = merge(&stored, form, &since);
    if !merge.changes.is_empty() || submit {
        let input = sheet(&merge.merged, strictness, today(), |s| {
            skills.contains_key(s)
        })?;
        // What is recorded is what will be read back (an empty number of
        // places stays 1, spaces go…): a change that stores nothing new is
        // no change.
        let canonical = form_from_input(&input);
        merge.changes = std::mem::take(&mut merge.changes)
            .into_iter()
            .filter_map(|(f, (before, _))| {
                let after = canonical.get(&f);
                (after != before).then_some((f, (before, after)))
            })
            .collect();
        if !merge.changes.is_empty() {
            let updated = mission::Entity::update_many()
                .col_expr(mission::Column::Version, Expr::value(m.version + 1))
                .col_expr(mission::Column::UpdatedAt, Expr::value(now))
                .set(fields(&input, &admin, &skills))
                .filter(mission::Column::Id.eq(id))
                .filter(mission::Column::Version.eq(m.version))
                .exec(&txn)
                .await?;
            if updated.rows_affected != 1 {
                return Err(AppError::Internal); // the row is locked: cannot happen
            }
            mission_skill::Entity::delete_many()
                .filter(mission_skill::Column::MissionId.eq(id))
                .exec(&txn)
                .await?;
            if !input.skills.is_empty() {
                mission_skill::Entity::insert_many(input.skills.iter().filter_map(|slug| {
                    skills
                        .get(slug)
                        .map(|(skill_id, _)| mission_skill::ActiveModel {
                            mission_id: Set(id),
                            skill_id: Set(*skill_id),
                        })
                }))
                .exec(&txn)
                .await?;
            }
            record_revision(&txn, id, m.version + 1, me, &merge.changes).await?;
        }
    }
    txn.commit().await?;
    if !merge.changes.is_empty() {
        state
            .live
            .publish(LiveEvent::Saved {
                mission: id,
                version: m.version + 1,
                client: if client.is_empty() {
                    String::new()
                } else {
                    super::live::key(me.id, client)
                },
                by: display_name(me),
                fields: merge.changes.keys().cloned().collect(),
            })
            .await;
    }
    let conflicts = conflicts_of(&merge.conflicts, &stored, form, &skills);
    let mut m = mission::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    if submit {
        if !conflicts.is_empty() {
            return Err(conflicts_as_error(&conflicts, form));
        }
        m = transition(state, me, m, MissionAction::Submit, Actor::Owner, None).await?;
    }
    Ok(Saved {
        version: m.version,
        saved_at: now
            .with_timezone(&chrono_tz::Europe::Paris)
            .format("%H:%M")
            .to_string(),
        form: form_of(db, &m).await?,
        preview: sheet_of(db, m, admin).await?,
        conflicts,
    })
}

/// The columns of a validated sheet (and its folded search text).
fn fields(
    input: &SheetInput,
    admin: &administration::Model,
    skills: &HashMap<String, (i32, String)>,
) -> mission::ActiveModel {
    let skill_names: Vec<&str> = input
        .skills
        .iter()
        .filter_map(|s| skills.get(s).map(|(_, n)| n.as_str()))
        .collect();
    let search_text = fold(
        &[
            input.title.as_str(),
            &admin.name,
            &admin.acronym,
            &input.service,
            &skill_names.join(" "),
            &input.skills_text,
            &input.description,
            &input.location,
        ]
        .join(" "),
    );
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
    mission::ActiveModel {
        title: Set(input.title.clone()),
        service: Set(input.service.clone()),
        nature: Set(input.nature.clone()),
        description: Set(input.description.clone()),
        skills_text: Set(input.skills_text.clone()),
        deliverables: Set(opt(&input.deliverables)),
        learning: Set(opt(&input.learning)),
        effort_text: Set(input.effort_text.clone()),
        effort_days: Set(input.effort_days),
        start_date: Set(input.start_date),
        end_date: Set(input.end_date),
        deadline: Set(input.deadline),
        location: Set(input.location.clone()),
        mode: Set(input.mode.clone()),
        places: Set(input.places),
        search_stems: Set(super::search::stems(&search_text)),
        search_text: Set(search_text),
        ..Default::default()
    }
}

/// Moves a mission to its next status (the state machine decides), only if
/// nobody moved it meanwhile, and records the change.
pub async fn transition(
    state: &AppState,
    me: &user::Model,
    m: mission::Model,
    action: MissionAction,
    actor: Actor,
    comment: Option<String>,
) -> Result<mission::Model, AppError> {
    let db = state.db.write();
    let from = status_of(&m);
    // Expired on read but not recorded yet: record it first, so that the
    // history stays complete and the update below finds the stored status.
    let m = if from != stored_status(&m) {
        expire(state, &m).await?;
        mission::Entity::find_by_id(m.id)
            .one(db)
            .await?
            .ok_or_else(not_found)?
    } else {
        m
    };
    let to = from
        .apply(action, actor, comment.is_some())
        .map_err(refused)?;
    let now = Utc::now();
    let decided = matches!(
        action,
        MissionAction::Publish | MissionAction::RequestChanges
    );
    let snapshot = if decided {
        serde_json::to_string(&form_of(db, &m).await?).ok()
    } else {
        None
    };
    // Read before the transaction: SQLite has one writing connection.
    let slug = match action {
        MissionAction::Publish => Some(public_slug(db, &m).await?),
        _ => None,
    };
    let txn = db.begin().await?;
    let mut update = mission::Entity::update_many()
        .col_expr(mission::Column::Status, Expr::value(to.code()))
        .col_expr(mission::Column::UpdatedAt, Expr::value(now))
        .filter(mission::Column::Id.eq(m.id))
        .filter(mission::Column::Status.eq(from.code()));
    if action == MissionAction::Publish {
        // Exactly the version the moderator reviewed, or nothing.
        update = update.filter(mission::Column::Version.eq(m.version));
    }
    if let Some(slug) = slug {
        update = update
            .col_expr(mission::Column::PublishedAt, Expr::value(now))
            .col_expr(mission::Column::Slug, Expr::value(slug));
    }
    if update.exec(&txn).await?.rows_affected == 0 {
        return Err(AppError::Conflict(if action == MissionAction::Publish {
            "La fiche a été modifiée pendant votre examen : rechargez la page pour examiner sa dernière version.".into()
        } else {
            "Le statut de cette mission vient de changer : rechargez la page.".into()
        }));
    }
    record(
        &txn,
        m.id,
        Some(from),
        to,
        action.code(),
        Some(me),
        comment.clone(),
        snapshot,
    )
    .await?;
    txn.commit().await?;
    let m = mission::Entity::find_by_id(m.id)
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    notify_owners(state, &m, action, comment.as_deref()).await?;
    Ok(m)
}

/// The public address: the title's slug, made unique with the id if needed.
async fn public_slug(db: &DatabaseConnection, m: &mission::Model) -> Result<String, AppError> {
    if !m.slug.starts_with("brouillon-") {
        return Ok(m.slug.clone());
    }
    let base = match slugify(&m.title) {
        s if s.is_empty() => "mission".to_string(),
        s => s,
    };
    let taken = mission::Entity::find()
        .filter(mission::Column::Slug.eq(base.as_str()))
        .count(db)
        .await?
        > 0;
    Ok(if taken {
        format!("{base}-{}", m.id)
    } else {
        base
    })
}

/// Owners hear about moderation decisions by e-mail. A failed delivery is
/// journaled for a retry and never undoes the decision.
async fn notify_owners(
    state: &AppState,
    m: &mission::Model,
    action: MissionAction,
    comment: Option<&str>,
) -> Result<(), AppError> {
    let (subject, what, extra) = match action {
        MissionAction::RequestChanges => (
            "Des modifications sont demandées sur votre mission",
            "La modération demande des modifications sur la fiche",
            "",
        ),
        MissionAction::Publish => (
            "Votre mission est publiée",
            "La fiche est maintenant publiée",
            "",
        ),
        MissionAction::Unpublish => (
            "Votre mission a été dépubliée",
            "La modération a dépublié la fiche",
            "",
        ),
        MissionAction::Close => ("Votre mission est fermée", "La fiche a été fermée", ""),
        MissionAction::Expire => (
            "La date limite de candidature de votre mission est passée",
            "La date limite de candidature est passée pour la fiche",
            "\nLa mission n’est plus proposée aux agents. Vous pouvez encore donner suite aux candidatures reçues.\n",
        ),
        _ => return Ok(()),
    };
    let db = state.db.write();
    let owners = owners_of(db, m.id).await?;
    let comment = comment
        .map(|c| format!("\nCommentaire de la modération :\n{c}\n"))
        .unwrap_or_default();
    let body = format!(
        "Bonjour,\n\n{what} « {} ».\n{extra}{comment}\nRetrouvez-la dans votre espace : {}/espace-administration/missions/{}/modifier\n\n— L’équipe Talents numériques (DINUM)\n",
        m.title, state.config.public_url, m.id
    );
    let _ = state.mailer.send_to_each(db, owners, subject, &body).await;
    Ok(())
}

/// A new draft with the same sheet, owned by `me`.
pub async fn duplicate(state: &AppState, me: &user::Model, id: i32) -> Result<i32, AppError> {
    let db = state.db.write();
    let (m, _) = authorize(db, me, id, Operation::Duplicate).await?;
    let skills = skills_of(db, &[id]).await?.remove(&id).unwrap_or_default();
    let known = known_skills(db).await?;
    let now = Utc::now();
    let txn = db.begin().await?;
    let copy = mission::ActiveModel {
        slug: Set(draft_slug()),
        title: Set(copy_title(&m.title)),
        administration_id: Set(m.administration_id),
        service: Set(m.service.clone()),
        nature: Set(m.nature.clone()),
        description: Set(m.description.clone()),
        skills_text: Set(m.skills_text.clone()),
        deliverables: Set(m.deliverables.clone()),
        learning: Set(m.learning.clone()),
        effort_text: Set(m.effort_text.clone()),
        effort_days: Set(m.effort_days),
        location: Set(m.location.clone()),
        mode: Set(m.mode.clone()),
        places: Set(m.places),
        details_pdf_label: Set(String::new()),
        status: Set(MissionStatus::Draft.code().into()),
        version: Set(1),
        search_text: Set(m.search_text.clone()),
        search_stems: Set(m.search_stems.clone()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if !skills.is_empty() {
        mission_skill::Entity::insert_many(skills.iter().filter_map(|s| {
            known
                .get(&s.slug)
                .map(|(skill_id, _)| mission_skill::ActiveModel {
                    mission_id: Set(copy.id),
                    skill_id: Set(*skill_id),
                })
        }))
        .exec(&txn)
        .await?;
    }
    own(&txn, copy.id, me.id).await?;
    record(
        &txn,
        copy.id,
        None,
        MissionStatus::Draft,
        "dupliquer",
        Some(me),
        Some(format!("Copie de la mission n° {id}")),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(copy.id)
}

fn copy_title(title: &str) -> String {
    format!("Copie de {title}").chars().take(150).collect()
}

/// Closes a mission (owners or moderators), or marks a filled one finished.
pub async fn close(
    state: &AppState,
    me: &user::Model,
    id: i32,
    action: MissionAction,
    comment: Option<String>,
) -> Result<(), AppError> {
    let db = state.db.write();
    let (m, caller) = authorize(db, me, id, Operation::Close).await?;
    let actor = if caller.owner {
        Actor::Owner
    } else {
        Actor::Moderator
    };
    if !matches!(
        action,
        MissionAction::Close | MissionAction::Finish | MissionAction::MarkFilled
    ) {
        return Err(AppError::BadRequest);
    }
    let m = transition(state, me, m, action, actor, comment).await?;
    match action {
        MissionAction::Close => {
            super::applicants::decline_waiting(state, &m, "mission_annulee").await
        }
        MissionAction::MarkFilled => {
            super::applicants::decline_waiting(state, &m, "places_pourvues").await
        }
        _ => Ok(()),
    }
}

pub use crate::model::FIELD_LABELS;

/// The fields of a sheet as readable strings, for comparisons.
pub fn readable(
    form: &SheetForm,
    skill_names: &HashMap<String, String>,
) -> BTreeMap<&'static str, String> {
    let mut skills: Vec<&str> = form
        .skills
        .keys()
        .map(|slug| skill_names.get(slug).map_or(slug.as_str(), String::as_str))
        .collect();
    skills.sort_unstable();
    BTreeMap::from([
        ("title", form.title.clone()),
        ("service", form.service.clone()),
        ("nature", label(NATURES, &form.nature).to_string()),
        ("skills", skills.join(", ")),
        ("skills_text", form.skills_text.clone()),
        ("description", form.description.clone()),
        ("deliverables", form.deliverables.clone()),
        ("learning", form.learning.clone()),
        ("effort_text", form.effort_text.clone()),
        ("effort_days", form.effort_days.clone()),
        ("start_date", form.start_date.clone()),
        ("end_date", form.end_date.clone()),
        ("deadline", form.deadline.clone()),
        ("location", form.location.clone()),
        ("mode", label(MODES, &form.mode).to_string()),
        ("places", form.places.clone()),
    ])
}

#[cfg(test)]
mod merge_tests {
    use super::*;

    fn form(title: &str, location: &str) -> SheetForm {
        SheetForm {
            title: title.into(),
            location: location.into(),
            ..SheetForm::default()
        }
    }

    fn revision(version: i32, author: &str, field: &str, before: &str, after: &str) -> Revision {
        Revision {
            version,
            author: author.into(),
            changes: BTreeMap::from([(field.to_string(), (before.to_string(), after.to_string()))]),
        }
    }

    #[test]
    fn edits_of_different_fields_all_apply() {
        // Base: ("A", "Paris"). Someone changed the place; I change the title.
        let stored = form("A", "Lyon");
        let since = [revision(3, "Marie", "location", "Paris", "Lyon")];
        let m = merge(&stored, &form("B", "Paris"), &since);
        assert_eq!(m.merged, form("B", "Lyon"));
        assert_eq!(
            m.changes,
            BTreeMap::from([("title".to_string(), ("A".to_string(), "B".to_string()))])
        );
        assert!(m.conflicts.is_empty());
    }

    #[test]
    fn edits_of_the_same_field_conflict_and_keep_the_stored_value() {
        let stored = form("Titre de Marie", "Paris");
        let since = [
            revision(3, "Marie", "title", "A", "Titre intermédiaire"),
            revision(4, "Léo", "title", "Titre intermédiaire", "Titre de Marie"),
        ];
        let m = merge(&stored, &form("Mon titre", "Paris"), &since);
        assert_eq!(m.merged, stored);
        assert!(m.changes.is_empty());
        // The latest author is named.
        assert_eq!(m.conflicts, vec![("title".to_string(), "Léo".to_string())]);
    }

    #[test]
    fn skills_merge_as_a_set() {
        let with = |slugs: &str| {
            let mut f = form("A", "Paris");
            f.set("skills", slugs.to_string());
            f
        };
        // Base {data}; Marie added ux; I add secu and remove data.
        let stored = with("data,ux");
        let since = [revision(3, "Marie", "skills", "data", "data,ux")];
        let m = merge(&stored, &with("secu"), &since);
        assert!(m.conflicts.is_empty());
        assert_eq!(m.merged.get("skills"), "secu,ux");
    }

    #[test]
    fn the_same_value_typed_twice_is_no_conflict() {
        let stored = form("B", "Paris");
        let since = [revision(3, "Marie", "title", "A", "B")];
        let m = merge(&stored, &form("B", "Paris"), &since);
        assert!(m.changes.is_empty() && m.conflicts.is_empty());
    }

    #[test]
    fn an_up_to_date_save_applies_everything_typed() {
        let stored = form("A", "Paris");
        let m = merge(&stored, &form(" B ", "Nantes\r\n"), &[]);
        assert_eq!(m.merged, form("B", "Nantes"));
        assert_eq!(m.changes.len(), 2);
        // Untouched fields as stored, whatever the editor sent for them.
        let mut with_skills = stored.clone();
        with_skills.skills.insert("data".into(), "on".into());
        let m = merge(&with_skills, &with_skills, &[]);
        assert!(m.changes.is_empty());
    }
}
