//! The owners' side of applications: each application moves through the
//! lifecycle, the line manager's agreement is asked by a single-use link and
//! kept as a dated record, and a mission whose places are all taken is
//! marked filled (the remaining applicants are told kindly).

use super::applications::set_status;
use super::auth::{hash_token, new_token};
use super::entities::{agreement_request, application, application_event, mission, user};
use super::mail::Mail;
use super::sheets::{authorize, owners_of, status_of, transition};
use super::state::AppState;
use super::time::datetime_fr;
use crate::error::AppError;
use crate::lifecycle::{
    Actor, ApplicationAction, ApplicationActor, ApplicationFacts, ApplicationStatus, MissionAction,
    DECLINE_REASONS,
};
use crate::model::{label, Agreement, AgreementPage, Applicant, ApplicantsData, TimelineEvent};
use crate::rights::{check, Operation};
use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, TransactionTrait,
};
use std::collections::HashMap;

/// How long a line manager's link stays valid.
pub const AGREEMENT_DAYS: i64 = 14;

pub const ANSWERS: &[(&str, &str)] = &[
    ("accord", "Accord donné"),
    ("accord_reduit", "Accord donné avec un temps réduit"),
    ("refus", "Accord refusé"),
];

fn not_found() -> AppError {
    AppError::NotFound("Cette candidature n’existe pas.".into())
}

pub async fn list(
    db: &DatabaseConnection,
    me: &user::Model,
    mission_id: i32,
) -> Result<ApplicantsData, AppError> {
    let (m, caller) = authorize(db, me, mission_id, Operation::ViewApplications).await?;
    let apps = application::Entity::find()
        .filter(application::Column::MissionId.eq(m.id))
        .order_by_asc(application::Column::CreatedAt)
        .all(db)
        .await?;
    let ids: Vec<i32> = apps.iter().map(|a| a.id).collect();
    let mut users: HashMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(apps.iter().map(|a| a.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let rows: Vec<(application::Model, Option<user::Model>)> = apps
        .into_iter()
        .map(|a| {
            let u = users.remove(&a.user_id);
            (a, u)
        })
        .collect();
    let mut timelines: HashMap<i32, Vec<TimelineEvent>> = HashMap::new();
    for e in application_event::Entity::find()
        .filter(application_event::Column::ApplicationId.is_in(ids.clone()))
        .order_by_asc(application_event::Column::At)
        .order_by_asc(application_event::Column::Id)
        .all(db)
        .await?
    {
        let status = ApplicationStatus::from_code(&e.status)
            .map(|s| s.label())
            .unwrap_or("");
        timelines
            .entry(e.application_id)
            .or_default()
            .push(TimelineEvent {
                status: status.to_string(),
                at: datetime_fr(e.at),
                note: e.note,
            });
    }
    let mut agreements: HashMap<i32, Agreement> = HashMap::new();
    for r in agreement_request::Entity::find()
        .filter(agreement_request::Column::ApplicationId.is_in(ids))
        .order_by_asc(agreement_request::Column::Id)
        .all(db)
        .await?
    {
        agreements.insert(r.application_id, agreement_of(&r));
    }
    let may_handle = check(Operation::HandleApplications, caller, Some(status_of(&m))).is_ok();
    let applicants = rows
        .into_iter()
        .filter_map(|(a, u)| {
            let u = u?;
            let status = ApplicationStatus::from_code(&a.status)?;
            Some(Applicant {
                id: a.id,
                name: u.display_name.clone().unwrap_or_default(),
                email: u.email,
                submitted_at: datetime_fr(a.created_at),
                motivation: a.motivation,
                availability: a.availability,
                skills_offered: a.skills_offered,
                manager_name: a.manager_name,
                manager_email: a.manager_email,
                status: status.code().into(),
                status_label: status.label().into(),
                decline_reason: a
                    .decline_reason
                    .as_deref()
                    .map(|r| label(DECLINE_REASONS, r).to_string()),
                timeline: timelines.remove(&a.id).unwrap_or_default(),
                agreement: agreements.remove(&a.id),
                may_handle: may_handle && !status.closed(),
            })
        })
        .collect();
    Ok(ApplicantsData {
        mission_id: m.id,
        status_label: status_of(&m).label().to_string(),
        mission_title: m.title,
        places: m.places,
        applicants,
        reasons: DECLINE_REASONS
            .iter()
            .map(|(c, l)| (c.to_string(), l.to_string()))
            .collect(),
    })
}

fn agreement_of(r: &agreement_request::Model) -> Agreement {
    let expired = r.answered_at.is_none() && r.expires_at < Utc::now();
    Agreement {
        asked_at: datetime_fr(r.created_at),
        manager_email: r.manager_email.clone(),
        time_asked: r.time_asked.clone(),
        answer: r.answer.as_deref().map(|a| label(ANSWERS, a).to_string()),
        given: matches!(r.answer.as_deref(), Some("accord" | "accord_reduit")),
        time_agreed: r.time_agreed.clone(),
        reason: r.reason.clone(),
        answered_by: r.answered_by.clone(),
        answered_at: r.answered_at.map(datetime_fr),
        expired,
    }
}

async fn latest_agreement(
    db: &impl ConnectionTrait,
    application_id: i32,
) -> Result<Option<agreement_request::Model>, AppError> {
    Ok(agreement_request::Entity::find()
        .filter(agreement_request::Column::ApplicationId.eq(application_id))
        .order_by_desc(agreement_request::Column::Id)
        .one(db)
        .await?)
}

/// Loads an application of a mission `me` may handle now.
async fn handled(
    db: &DatabaseConnection,
    me: &user::Model,
    application_id: i32,
) -> Result<(application::Model, mission::Model), AppError> {
    let a = application::Entity::find_by_id(application_id)
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    let (m, _) = authorize(db, me, a.mission_id, Operation::HandleApplications).await?;
    if a.user_id == me.id {
        return Err(AppError::Forbidden(
            "Vous ne pouvez pas décider de votre propre candidature : un autre responsable de la mission s’en charge.".into(),
        ));
    }
    Ok((a, m))
}

/// Moves an application (discussion, selected, not selected with a reason).
pub async fn move_application(
    state: &AppState,
    me: &user::Model,
    application_id: i32,
    action: ApplicationAction,
    reason: Option<String>,
    note: Option<String>,
) -> Result<(), AppError> {
    if matches!(
        action,
        ApplicationAction::Withdraw | ApplicationAction::RequestAgreement
    ) {
        return Err(AppError::BadRequest);
    }
    let db = state.db.write();
    let (a, m) = handled(db, me, application_id).await?;
    let reason = reason.filter(|r| crate::model::is_code(DECLINE_REASONS, r));
    if action == ApplicationAction::Decline && reason.is_none() {
        // Said next to the list of reasons of that application's card.
        let mut c = crate::validate::Checker::new();
        c.keep("note", note.as_deref().unwrap_or_default());
        c.fail(
            &format!("reason-{}", a.id),
            "Choisissez le motif de non-sélection : il est indiqué à l’agent.",
        );
        return c.finish();
    }
    let agreement = latest_agreement(db, a.id).await?;
    let facts = ApplicationFacts {
        agreement_given: agreement
            .as_ref()
            .is_some_and(|r| matches!(r.answer.as_deref(), Some("accord" | "accord_reduit"))),
        has_reason: reason.is_some(),
    };
    let from = ApplicationStatus::from_code(&a.status).ok_or(AppError::Internal)?;
    let to = from
        .apply(action, ApplicationActor::MissionOwner, facts)
        .map_err(super::sheets::refused)?;
    let note = match (&reason, note) {
        (Some(r), Some(n)) => Some(format!("{} — {n}", label(DECLINE_REASONS, r))),
        (Some(r), None) => Some(label(DECLINE_REASONS, r).to_string()),
        (None, n) => n,
    };
    if to == ApplicationStatus::Selected {
        // Count the places taken and take one in one transaction, one
        // selection per mission at a time (SQLite's single writer,
        // PostgreSQL's advisory lock): two owners selecting at once for the
        // last place never both get it.
        let txn = db.begin().await?;
        super::db::lock_key(&txn, &format!("mission-places:{}", m.id)).await?;
        let selected = application::Entity::find()
            .filter(application::Column::MissionId.eq(m.id))
            .filter(application::Column::Status.eq(ApplicationStatus::Selected.code()))
            .count(&txn)
            .await?;
        if selected >= m.places.max(1) as u64 {
            return Err(AppError::Conflict(
                "Toutes les places de cette mission sont déjà pourvues : rechargez la page.".into(),
            ));
        }
        super::applications::set_status_in(&txn, &a, from, to, reason.clone(), note.clone())
            .await?;
        txn.commit().await?;
    } else {
        set_status(db, &a, from, to, reason.clone(), note.clone()).await?;
    }
    notify_agent(state, &a, &m, to, note.as_deref()).await?;
    if to == ApplicationStatus::Selected {
        fill_if_complete(state, me, m).await?;
    }
    Ok(())
}

/// Once as many agents are selected as there are places, the mission is
/// filled and everyone still waiting is told, kindly.
async fn fill_if_complete(
    state: &AppState,
    me: &user::Model,
    m: mission::Model,
) -> Result<(), AppError> {
    let db = state.db.write();
    let selected = application::Entity::find()
        .filter(application::Column::MissionId.eq(m.id))
        .filter(application::Column::Status.eq(ApplicationStatus::Selected.code()))
        .count(db)
        .await?;
    let open = matches!(
        status_of(&m),
        crate::lifecycle::MissionStatus::Published | crate::lifecycle::MissionStatus::Expired
    );
    if selected < m.places.max(1) as u64 || !open {
        return Ok(());
    }
    let m = transition(state, me, m, MissionAction::MarkFilled, Actor::System, None).await?;
    decline_waiting(state, &m, "places_pourvues").await
}

/// Tells every applicant still waiting that the mission will not take them
/// (places filled, mission closed), with the reason.
pub async fn decline_waiting(
    state: &AppState,
    m: &mission::Model,
    reason: &str,
) -> Result<(), AppError> {
    let db = state.db.write();
    let waiting = application::Entity::find()
        .filter(application::Column::MissionId.eq(m.id))
        .filter(
            application::Column::Status.is_not_in(
                ApplicationStatus::ALL
                    .iter()
                    .filter(|s| s.closed())
                    .map(|s| s.code()),
            ),
        )
        .all(db)
        .await?;
    let note = Some(label(DECLINE_REASONS, reason).to_string());
    for a in waiting {
        let from = ApplicationStatus::from_code(&a.status).ok_or(AppError::Internal)?;
        let moved = set_status(
            db,
            &a,
            from,
            ApplicationStatus::NotSelected,
            Some(reason.to_string()),
            note.clone(),
        )
        .await;
        // One moved meanwhile (e.g. withdrawn): it keeps its own status.
        if moved.is_ok() {
            notify_agent(
                state,
                &a,
                m,
                ApplicationStatus::NotSelected,
                note.as_deref(),
            )
            .await?;
        }
    }
    Ok(())
}

async fn notify_agent(
    state: &AppState,
    a: &application::Model,
    m: &mission::Model,
    to: ApplicationStatus,
    note: Option<&str>,
) -> Result<(), AppError> {
    let db = state.db.write();
    let Some(agent) = user::Entity::find_by_id(a.user_id).one(db).await? else {
        return Ok(());
    };
    let what = match to {
        ApplicationStatus::InDiscussion => "L’équipe de la mission souhaite échanger avec vous : elle vous contactera prochainement.".to_string(),
        ApplicationStatus::AgreementRequested => "L’équipe de la mission a demandé l’accord de votre supérieur hiérarchique.".to_string(),
        ApplicationStatus::Selected => "Bonne nouvelle : votre candidature est retenue ! L’équipe de la mission vous contactera pour démarrer.".to_string(),
        ApplicationStatus::NotSelected => format!(
            "Votre candidature n’a pas été retenue cette fois-ci{}. Merci sincèrement d’avoir proposé vos talents : d’autres missions vous attendent.",
            note.map(|n| format!(" (motif : {n})")).unwrap_or_default()
        ),
        _ => return Ok(()),
    };
    let body = format!(
        "Bonjour,\n\nMission « {} » :\n{what}\n\nSuivez votre candidature dans « Mon espace » : {}/mon-espace\n\n— L’équipe Talents numériques (DINUM)\n",
        m.title, state.config.public_url
    );
    let _ = state
        .mailer
        .send(
            db,
            Mail {
                to: agent.email,
                subject: format!("Votre candidature : {}", to.label()),
                body: body.clone(),
                journal_body: body,
            },
        )
        .await;
    Ok(())
}

/// E-mails the line manager a single-use link to agree or refuse.
pub async fn request_agreement(
    state: &AppState,
    me: &user::Model,
    application_id: i32,
) -> Result<(), AppError> {
    let db = state.db.write();
    let (a, m) = handled(db, me, application_id).await?;
    let from = ApplicationStatus::from_code(&a.status).ok_or(AppError::Internal)?;
    let to = from
        .apply(
            ApplicationAction::RequestAgreement,
            ApplicationActor::MissionOwner,
            ApplicationFacts::default(),
        )
        .map_err(super::sheets::refused)?;
    let token = new_token();
    let now = Utc::now();
    let time_asked: String = format!(
        "{} — disponibilités de l’agent : {}",
        m.effort_text, a.availability
    )
    .chars()
    .take(500)
    .collect();
    // A new request replaces the older ones still unanswered: only the
    // newest link may answer.
    agreement_request::Entity::update_many()
        .col_expr(agreement_request::Column::ExpiresAt, Expr::value(now))
        .filter(agreement_request::Column::ApplicationId.eq(a.id))
        .filter(agreement_request::Column::AnsweredAt.is_null())
        .exec(db)
        .await?;
    agreement_request::ActiveModel {
        application_id: Set(a.id),
        token_hash: Set(hash_token(&token)),
        manager_email: Set(a.manager_email.clone()),
        time_asked: Set(time_asked.clone()),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(AGREEMENT_DAYS)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    if from != to {
        set_status(
            db,
            &a,
            from,
            to,
            None,
            Some(format!("Demande envoyée à {}", a.manager_name)),
        )
        .await?;
        notify_agent(state, &a, &m, to, None).await?;
    }
    let agent = user::Entity::find_by_id(a.user_id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    let agent_name = agent.display_name.unwrap_or(agent.email);
    let link = format!("{}/accord?jeton={token}", state.config.public_url);
    let body = |link: &str| {
        format!(
            "Bonjour {},\n\n{agent_name} souhaite contribuer à la mission « {} » d’une autre administration, dans le cadre du dispositif « Partagez vos talents numériques ! » de la DINUM.\n\
             Temps demandé : {time_asked}\n\n\
             L’agent reste rattaché à votre service et rémunéré par lui. Votre accord est nécessaire avant le début de la mission.\n\n\
             Pour donner votre accord, le donner avec un temps réduit, ou le refuser : {link}\n\
             Ce lien personnel fonctionne une seule fois, pendant {AGREEMENT_DAYS} jours.\n\n— L’équipe Talents numériques (DINUM)\n",
            a.manager_name, m.title
        )
    };
    let _ = state
        .mailer
        .send(
            db,
            Mail {
                to: a.manager_email.clone(),
                subject: "Accord demandé pour une mission Talents numériques".into(),
                body: body(&link),
                journal_body: body("[lien personnel masqué]"),
            },
        )
        .await;
    Ok(())
}

fn invalid_link() -> AppError {
    AppError::NotFound("Ce lien n’est pas valide. Vérifiez qu’il est complet, ou demandez un nouveau lien à l’équipe de la mission.".into())
}

async fn agreement_by_token(
    db: &DatabaseConnection,
    token: &str,
) -> Result<agreement_request::Model, AppError> {
    if token.is_empty() || token.len() > 100 {
        return Err(invalid_link());
    }
    agreement_request::Entity::find()
        .filter(agreement_request::Column::TokenHash.eq(hash_token(token)))
        .one(db)
        .await?
        .ok_or_else(invalid_link)
}

/// What the line manager sees behind their link.
pub async fn agreement_page(
    db: &DatabaseConnection,
    token: &str,
) -> Result<AgreementPage, AppError> {
    let r = agreement_by_token(db, token).await?;
    let a = application::Entity::find_by_id(r.application_id)
        .one(db)
        .await?
        .ok_or_else(invalid_link)?;
    let (m, admin) = mission::Entity::find_by_id(a.mission_id)
        .find_also_related(super::entities::administration::Entity)
        .one(db)
        .await?
        .ok_or_else(invalid_link)?;
    let agent = user::Entity::find_by_id(a.user_id)
        .one(db)
        .await?
        .ok_or_else(invalid_link)?;
    let period = match (m.start_date, m.end_date) {
        (Some(s), Some(e)) => format!(
            "du {} au {}",
            super::time::date_fr(s),
            super::time::date_fr(e)
        ),
        (Some(s), None) => format!("à partir du {}", super::time::date_fr(s)),
        _ => "selon les disponibilités convenues".into(),
    };
    Ok(AgreementPage {
        manager_name: a.manager_name,
        agent_name: agent.display_name.unwrap_or(agent.email),
        mission_title: m.title,
        host_administration: admin.map(|x| x.name).unwrap_or_default(),
        service: m.service,
        time_asked: r.time_asked.clone(),
        effort_days: m.effort_days,
        period,
        agreement: agreement_of(&r),
    })
}

/// Records the line manager's answer, once.
pub async fn answer(
    state: &AppState,
    token: &str,
    answer: &str,
    time_agreed: String,
    reason: String,
) -> Result<(), AppError> {
    let db = state.db.write();
    let r = agreement_by_token(db, token).await?;
    if r.answered_at.is_some() {
        return Err(AppError::Conflict(
            "Vous avez déjà répondu à cette demande : votre réponse est enregistrée.".into(),
        ));
    }
    if r.expires_at < Utc::now() {
        return Err(AppError::Conflict(
            "Ce lien a expiré. Demandez un nouveau lien à l’équipe de la mission.".into(),
        ));
    }
    let mut c = crate::validate::Checker::new();
    c.keep("answer", answer);
    if !crate::model::is_code(ANSWERS, answer) {
        c.fail("answer", "Choisissez votre réponse.");
    }
    let time_agreed = c.text(
        "time_agreed",
        &time_agreed,
        answer == "accord_reduit",
        2,
        300,
        "le temps que vous accordez",
    );
    let reason = c.text(
        "reason",
        &reason,
        answer == "refus",
        5,
        1_000,
        "le motif du refus",
    );
    c.finish()?;
    let a = application::Entity::find_by_id(r.application_id)
        .one(db)
        .await?
        .ok_or_else(invalid_link)?;
    if ApplicationStatus::from_code(&a.status).is_none_or(|s| s.closed()) {
        return Err(AppError::Conflict(
            "Cette candidature est close (retirée, retenue ou non retenue) : votre réponse n’est plus nécessaire.".into(),
        ));
    }
    let m = mission::Entity::find_by_id(a.mission_id)
        .one(db)
        .await?
        .ok_or_else(invalid_link)?;
    let now = Utc::now();
    let txn = db.begin().await?;
    let updated = agreement_request::Entity::update_many()
        .col_expr(agreement_request::Column::AnsweredAt, Expr::value(now))
        .col_expr(agreement_request::Column::Answer, Expr::value(answer))
        .col_expr(
            agreement_request::Column::TimeAgreed,
            Expr::value((!time_agreed.is_empty()).then_some(time_agreed.clone())),
        )
        .col_expr(
            agreement_request::Column::Reason,
            Expr::value((!reason.is_empty()).then_some(reason.clone())),
        )
        .col_expr(
            agreement_request::Column::AnsweredBy,
            Expr::value(Some(a.manager_name.clone())),
        )
        .filter(agreement_request::Column::Id.eq(r.id))
        .filter(agreement_request::Column::AnsweredAt.is_null())
        .exec(&txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(AppError::Conflict(
            "Vous avez déjà répondu à cette demande : votre réponse est enregistrée.".into(),
        ));
    }
    let summary = match answer {
        "accord" => format!("Accord donné par {}", a.manager_name),
        "accord_reduit" => format!(
            "Accord donné par {} avec un temps réduit : {time_agreed}",
            a.manager_name
        ),
        _ => format!("Accord refusé par {} : {reason}", a.manager_name),
    };
    application_event::ActiveModel {
        application_id: Set(a.id),
        status: Set(a.status.clone()),
        note: Set(Some(summary.clone())),
        at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    let mut recipients = owners_of(db, m.id).await?;
    recipients.extend(user::Entity::find_by_id(a.user_id).one(db).await?);
    let body = format!(
        "Bonjour,\n\nMission « {} » : {summary}.\n\n— L’équipe Talents numériques (DINUM)\n",
        m.title
    );
    for u in recipients {
        let _ = state
            .mailer
            .send(
                db,
                Mail {
                    to: u.email,
                    subject: "Réponse du supérieur hiérarchique".into(),
                    body: body.clone(),
                    journal_body: body.clone(),
                },
            )
            .await;
    }
    Ok(())
}

/// The mission an application belongs to (for redirects), or NotFound.
pub async fn mission_of(db: &DatabaseConnection, application_id: i32) -> Result<i32, AppError> {
    application::Entity::find_by_id(application_id)
        .one(db)
        .await?
        .map(|a| a.mission_id)
        .ok_or_else(not_found)
}
