//! Applications of agents to published missions.

use super::entities::{administration, application, application_event, mission, user};
use super::mail::Mail;
use super::missions::{find_published, is_open};
use super::state::AppState;
use super::time::datetime_fr;
use crate::error::AppError;
use crate::lifecycle::{ApplicationAction, ApplicationActor, ApplicationFacts, ApplicationStatus};
use crate::model::{label, MyApplication, TimelineEvent, APPLICATION_STATUSES};
use crate::validate::ApplicationInput;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};
use std::collections::HashMap;

pub const ALREADY_APPLIED: &str =
    "Vous avez déjà proposé vos talents pour cette mission : retrouvez votre candidature dans « Mon espace ».";

/// Records an application; a second one for the same mission is refused,
/// whatever the timing, by the unique (mission, applicant) index.
pub async fn submit(
    state: &AppState,
    me: &user::Model,
    slug: &str,
    input: ApplicationInput,
) -> Result<i32, AppError> {
    let db = state.db.write();
    let (m, _) = find_published(db, slug).await?;
    if !is_open(&m) {
        return Err(AppError::Conflict(
            "La date limite de candidature de cette mission est passée.".into(),
        ));
    }
    let owners = super::sheets::owners_of(db, m.id).await?;
    if owners.iter().any(|o| o.id == me.id) {
        return Err(AppError::Conflict(
            "Vous êtes responsable de cette mission : vous ne pouvez pas y candidater.".into(),
        ));
    }
    let existing = application::Entity::find()
        .filter(application::Column::MissionId.eq(m.id))
        .filter(application::Column::UserId.eq(me.id))
        .one(db)
        .await?;
    if existing.is_some() {
        return Err(AppError::Conflict(ALREADY_APPLIED.into()));
    }
    let now = Utc::now();
    let txn = db.begin().await?;
    let inserted = application::ActiveModel {
        mission_id: Set(m.id),
        user_id: Set(me.id),
        motivation: Set(input.motivation),
        availability: Set(input.availability),
        skills_offered: Set(input.skills_offered),
        manager_name: Set(input.manager_name),
        manager_email: Set(input.manager_email),
        manager_ack: Set(true),
        status: Set(ApplicationStatus::Received.code().into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let created = match inserted {
        Ok(a) => a,
        Err(err) => {
            drop(txn);
            let raced = application::Entity::find()
                .filter(application::Column::MissionId.eq(m.id))
                .filter(application::Column::UserId.eq(me.id))
                .one(db)
                .await?;
            return Err(match raced {
                Some(_) => AppError::Conflict(ALREADY_APPLIED.into()),
                None => err.into(),
            });
        }
    };
    application_event::ActiveModel {
        application_id: Set(created.id),
        status: Set(ApplicationStatus::Received.code().into()),
        note: Set(None),
        at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;

    let body = format!(
        "Bonjour,\n\nVotre candidature à la mission « {} » a bien été transmise.\n\
         Le responsable de la mission vous répondra dans les meilleurs délais.\n\n\
         Rappel : l’accord de votre supérieur hiérarchique est nécessaire avant de démarrer la mission.\n\n\
         Suivez votre candidature dans « Mon espace » : {}/mon-espace\n\n— L’équipe Talents numériques (DINUM)\n",
        m.title, state.config.public_url
    );
    // The application is stored; a failed confirmation e-mail is journaled, not fatal.
    let _ = state
        .mailer
        .send(
            db,
            Mail {
                to: me.email.clone(),
                subject: "Votre candidature a bien été transmise".into(),
                body: body.clone(),
                journal_body: body,
            },
        )
        .await;
    // The owners hear of it (no personal details in the message: they are
    // behind the sign-in).
    let body = format!(
        "Bonjour,\n\nUne nouvelle candidature est arrivée pour la mission « {} ».\n\n\
         Consultez-la et donnez-lui suite : {}/espace-administration/missions/{}/candidatures\n\n— L’équipe Talents numériques (DINUM)\n",
        m.title, state.config.public_url, m.id
    );
    let _ = state
        .mailer
        .send_to_each(
            db,
            owners,
            &format!("Nouvelle candidature : {}", m.title),
            &body,
        )
        .await;
    Ok(created.id)
}

/// Withdraws one of my applications (never someone else's).
pub async fn withdraw(state: &AppState, me: &user::Model, id: i32) -> Result<(), AppError> {
    let db = state.db.write();
    let not_found = || AppError::NotFound("Cette candidature n’existe pas.".into());
    let app = application::Entity::find_by_id(id)
        .filter(application::Column::UserId.eq(me.id))
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    let from = ApplicationStatus::from_code(&app.status).ok_or(AppError::Internal)?;
    let to = from
        .apply(
            ApplicationAction::Withdraw,
            ApplicationActor::Applicant,
            ApplicationFacts::default(),
        )
        .map_err(|_| {
            AppError::Conflict(
                "Cette candidature est close : elle ne peut plus être retirée.".into(),
            )
        })?;
    set_status(db, &app, from, to, None, None).await
}

/// My applications with their timelines, newest first (two queries in all).
pub async fn mine(
    db: &DatabaseConnection,
    me: &user::Model,
) -> Result<Vec<MyApplication>, AppError> {
    let rows = application::Entity::find()
        .find_also_related(mission::Entity)
        .filter(application::Column::UserId.eq(me.id))
        .order_by_desc(application::Column::CreatedAt)
        .order_by_desc(application::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|(a, _)| a.id).collect();
    let admin_ids: Vec<i32> = rows
        .iter()
        .filter_map(|(_, m)| m.as_ref().map(|m| m.administration_id))
        .collect();
    let admins: HashMap<i32, String> = administration::Entity::find()
        .filter(administration::Column::Id.is_in(admin_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let mut events: HashMap<i32, Vec<TimelineEvent>> = HashMap::new();
    for e in application_event::Entity::find()
        .filter(application_event::Column::ApplicationId.is_in(ids))
        .order_by_asc(application_event::Column::At)
        .order_by_asc(application_event::Column::Id)
        .all(db)
        .await?
    {
        events
            .entry(e.application_id)
            .or_default()
            .push(TimelineEvent {
                status: label(APPLICATION_STATUSES, &e.status).to_string(),
                at: datetime_fr(e.at),
                note: e.note,
            });
    }
    Ok(rows
        .into_iter()
        .filter_map(|(a, m)| {
            let m = m?;
            Some(MyApplication {
                id: a.id,
                mission_slug: m.slug,
                mission_title: m.title,
                administration: admins
                    .get(&m.administration_id)
                    .cloned()
                    .unwrap_or_default(),
                status: a.status.clone(),
                submitted_at: datetime_fr(a.created_at),
                motivation: a.motivation,
                availability: a.availability,
                timeline: events.remove(&a.id).unwrap_or_default(),
            })
        })
        .collect())
}

/// Moves an application from `from` to `to` (the lifecycle has decided),
/// only if nobody moved it meanwhile, and adds the step to its timeline.
pub async fn set_status(
    db: &DatabaseConnection,
    a: &application::Model,
    from: ApplicationStatus,
    to: ApplicationStatus,
    reason: Option<String>,
    note: Option<String>,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    set_status_in(&txn, a, from, to, reason, note).await?;
    txn.commit().await?;
    Ok(())
}

/// `set_status` inside the caller's transaction.
pub async fn set_status_in(
    txn: &sea_orm::DatabaseTransaction,
    a: &application::Model,
    from: ApplicationStatus,
    to: ApplicationStatus,
    reason: Option<String>,
    note: Option<String>,
) -> Result<(), AppError> {
    let now = Utc::now();
    let mut update = application::Entity::update_many()
        .col_expr(application::Column::Status, Expr::value(to.code()))
        .col_expr(application::Column::UpdatedAt, Expr::value(now))
        .filter(application::Column::Id.eq(a.id))
        .filter(application::Column::Status.eq(from.code()));
    if reason.is_some() {
        update = update.col_expr(application::Column::DeclineReason, Expr::value(reason));
    }
    if update.exec(txn).await?.rows_affected == 0 {
        return Err(AppError::Conflict(
            "Cette candidature vient de changer : rechargez la page.".into(),
        ));
    }
    application_event::ActiveModel {
        application_id: Set(a.id),
        status: Set(to.code().into()),
        note: Set(note),
        at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}
