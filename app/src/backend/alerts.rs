//! E-mail alerts: an agent's saved searches, and the digests of new matching
//! missions sent for them, daily or weekly.
//!
//! Periods start at 07:00 Paris time: every day, or every Monday. The digest
//! job (`run_due`, from `jobs`) takes each alert whose `next_due_at` has
//! passed with one conditional update that moves it to the next period
//! start, so among several instances only the one whose update changed the
//! row goes on: one digest per alert and period. It then lists the visible
//! missions matching the alert, published after the alert was created and
//! not yet sent for it; records each in `alert_deliveries` (primary key
//! `(alert_id, mission_id)`: a mission never goes out twice for one alert,
//! even if two runs raced) and queues one e-mail, all in one transaction.
//! Nothing new, no e-mail.
//!
//! At most `alerts_per_month` digests per person per calendar month (Paris):
//! past it, nothing is recorded, and the missions still open go out in the
//! first period of the next month.
//!
//! Each digest carries its own unsubscribe token, stored hashed in
//! `alert_digests`: any of an alert's links deletes that alert, without
//! signing in.

use super::auth::{hash_token, new_token};
use super::db::lock_key;
use super::entities::{
    administration, alert_delivery, alert_digest, mission, mission_alert, mission_skill,
    pool_profile, pool_profile_skill, skill, user,
};
use super::mail::{Mail, Mailer};
use super::state::AppState;
use super::time::datetime_fr;
use crate::error::{AppError, FieldErrors};
use crate::model::{label, MissionFilters, MyAlert, MyAlertsData, UnsubscribeInfo};
use crate::model::{ALERT_FREQUENCIES, MAX_ALERTS};
use chrono::{DateTime, Datelike, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Europe::Paris;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait, TryInsertResult,
};
use std::collections::{BTreeMap, HashMap};

pub const DAILY: &str = "quotidienne";
pub const WEEKLY: &str = "hebdomadaire";
/// Digests go out from this hour, Paris time.
const DIGEST_HOUR: u32 = 7;
/// At most this many missions in one digest; the others wait for the next.
const MISSIONS_PER_DIGEST: u64 = 20;
/// Alerts taken per query of the job.
const BATCH: u64 = 100;

pub const NOT_FOUND: &str = "Cette alerte n’existe pas ou a déjà été supprimée.";
pub const BAD_LINK: &str = "Ce lien de désabonnement ne correspond à aucune alerte : elle a déjà été supprimée (vous êtes donc désabonné), ou le lien est incomplet. Vous pouvez gérer vos alertes dans « Mon espace ».";

/// The start of the first period strictly after `now`: the next 07:00 in
/// Paris (daily), or the next Monday 07:00 (weekly). 07:00 always exists
/// and is unique in Paris (clock changes happen at 02:00 and 03:00).
pub fn next_period_start(frequency: &str, now: DateTime<Utc>) -> DateTime<Utc> {
    let at = NaiveTime::from_hms_opt(DIGEST_HOUR, 0, 0).unwrap_or(NaiveTime::MIN);
    let mut date = now.with_timezone(&Paris).date_naive();
    for _ in 0..9 {
        if frequency != WEEKLY || date.weekday() == Weekday::Mon {
            if let Some(start) = Paris.from_local_datetime(&date.and_time(at)).earliest() {
                let start = start.with_timezone(&Utc);
                if start > now {
                    return start;
                }
            }
        }
        match date.succ_opt() {
            Some(next) => date = next,
            None => break,
        }
    }
    now + chrono::Duration::days(7)
}

/// Midnight of the first day of `now`'s month, Paris time.
pub fn month_start(now: DateTime<Utc>) -> DateTime<Utc> {
    let local = now.with_timezone(&Paris);
    Paris
        .with_ymd_and_hms(local.year(), local.month(), 1, 0, 0, 0)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(now)
}

/// The raw fields of the creation form.
#[derive(Debug, Default, Clone)]
pub struct AlertForm {
    pub q: String,
    pub competence: String,
    pub administration: String,
    pub modalite: String,
    pub use_pool_skills: bool,
    pub frequency: String,
}

/// A checked alert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertInput {
    pub q: Option<String>,
    pub competence: Option<String>,
    pub administration: Option<String>,
    pub modalite: Option<String>,
    pub use_pool_skills: bool,
    pub frequency: String,
}

/// Checks the form: each wrong field gets its French message, and every
/// value typed comes back with the error.
pub fn check(
    form: &AlertForm,
    known_skill: impl Fn(&str) -> bool,
    known_administration: impl Fn(&str) -> bool,
    has_profile: bool,
) -> Result<AlertInput, AppError> {
    let mut fields = FieldErrors::new();
    let text = |v: &str| Some(crate::validate::clean(v)).filter(|v| !v.is_empty());
    let q = text(&form.q);
    if q.as_ref().is_some_and(|q| q.chars().count() > 200) {
        fields.insert(
            "q".into(),
            "Les mots-clés comptent au plus 200 caractères.".into(),
        );
    }
    let competence = text(&form.competence);
    if competence.as_deref().is_some_and(|c| !known_skill(c)) {
        fields.insert(
            "competence".into(),
            "Cette compétence n’existe pas : choisissez-en une dans la liste.".into(),
        );
    }
    let administration = text(&form.administration);
    if administration
        .as_deref()
        .is_some_and(|a| !known_administration(a))
    {
        fields.insert(
            "administration".into(),
            "Cette administration n’existe pas : choisissez-en une dans la liste.".into(),
        );
    }
    let modalite = text(&form.modalite);
    if modalite
        .as_deref()
        .is_some_and(|m| m != "sur_site" && m != "a_distance")
    {
        fields.insert(
            "modalite".into(),
            "Choisissez « Sur site » ou « À distance », ou aucune préférence.".into(),
        );
    }
    if form.use_pool_skills && !has_profile {
        fields.insert(
            "use_pool_skills".into(),
            "Vous ne faites pas partie du vivier : rejoignez-le pour utiliser les compétences de votre profil, ou décochez cette case.".into(),
        );
    }
    let frequency = form.frequency.trim();
    if !ALERT_FREQUENCIES.iter().any(|(code, _)| *code == frequency) {
        fields.insert(
            "frequency".into(),
            "Choisissez la fréquence des envois : chaque jour ou chaque semaine.".into(),
        );
    }
    if !fields.is_empty() {
        let mut values = BTreeMap::new();
        for (name, value) in [
            ("q", &form.q),
            ("competence", &form.competence),
            ("administration", &form.administration),
            ("modalite", &form.modalite),
            ("frequency", &form.frequency),
        ] {
            values.insert(name.to_string(), value.chars().take(300).collect());
        }
        if form.use_pool_skills {
            values.insert("use_pool_skills".into(), "on".into());
        }
        return Err(AppError::invalid(fields, values));
    }
    Ok(AlertInput {
        q,
        competence,
        administration,
        modalite,
        use_pool_skills: form.use_pool_skills,
        frequency: frequency.to_string(),
    })
}

async fn has_profile(db: &DatabaseConnection, user_id: i32) -> Result<bool, AppError> {
    Ok(pool_profile::Entity::find()
        .filter(pool_profile::Column::UserId.eq(user_id))
        .count(db)
        .await?
        > 0)
}

/// Checks the form against the skills, administrations and my profile.
pub async fn checked(
    db: &DatabaseConnection,
    me: &user::Model,
    form: &AlertForm,
) -> Result<AlertInput, AppError> {
    let skills = super::pool::skill_ids(db).await?;
    let administrations: Vec<String> = administration::Entity::find()
        .select_only()
        .column(administration::Column::Slug)
        .into_tuple()
        .all(db)
        .await?;
    check(
        form,
        |s| skills.contains_key(s),
        |a| administrations.iter().any(|x| x == a),
        has_profile(db, me.id).await?,
    )
}

pub fn too_many() -> AppError {
    AppError::Conflict(format!(
        "Vous avez déjà {MAX_ALERTS} alertes, le maximum : supprimez-en une pour en créer une autre."
    ))
}

/// Creates an alert; its first digest is due at the next period start.
pub async fn create(
    db: &DatabaseConnection,
    me: &user::Model,
    input: AlertInput,
) -> Result<(), AppError> {
    let now = Utc::now();
    // Count and insert serialized per person, so the limit holds exactly.
    let txn = db.begin().await?;
    lock_key(&txn, &format!("alerts:{}", me.id)).await?;
    let count = mission_alert::Entity::find()
        .filter(mission_alert::Column::UserId.eq(me.id))
        .count(&txn)
        .await?;
    if count >= MAX_ALERTS as u64 {
        return Err(too_many());
    }
    mission_alert::ActiveModel {
        user_id: Set(me.id),
        q: Set(input.q),
        competence: Set(input.competence),
        administration: Set(input.administration),
        modalite: Set(input.modalite),
        use_pool_skills: Set(input.use_pool_skills),
        next_due_at: Set(next_period_start(&input.frequency, now)),
        frequency: Set(input.frequency),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Deletes one of my alerts; anyone else's is "not found".
pub async fn delete(db: &DatabaseConnection, me: &user::Model, id: i32) -> Result<(), AppError> {
    let deleted = mission_alert::Entity::delete_many()
        .filter(mission_alert::Column::Id.eq(id))
        .filter(mission_alert::Column::UserId.eq(me.id))
        .exec(db)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(AppError::NotFound(NOT_FOUND.into()));
    }
    Ok(())
}

/// Names of skills and administrations by slug, to describe alerts.
struct Names {
    skills: HashMap<String, String>,
    administrations: HashMap<String, String>,
}

impl Names {
    async fn load(db: &DatabaseConnection) -> Result<Self, AppError> {
        let skills: Vec<(String, String)> = skill::Entity::find()
            .select_only()
            .column(skill::Column::Slug)
            .column(skill::Column::Name)
            .into_tuple()
            .all(db)
            .await?;
        let administrations: Vec<(String, String)> = administration::Entity::find()
            .select_only()
            .column(administration::Column::Slug)
            .column(administration::Column::Name)
            .into_tuple()
            .all(db)
            .await?;
        Ok(Names {
            skills: skills.into_iter().collect(),
            administrations: administrations.into_iter().collect(),
        })
    }

    /// An alert's criteria in words.
    fn describe(&self, a: &mission_alert::Model) -> String {
        let mut parts = Vec::new();
        if let Some(q) = &a.q {
            parts.push(format!("« {q} »"));
        }
        if let Some(c) = &a.competence {
            let name = self.skills.get(c).cloned().unwrap_or_else(|| c.clone());
            parts.push(format!("Compétence : {name}"));
        }
        if let Some(s) = &a.administration {
            parts.push(
                self.administrations
                    .get(s)
                    .cloned()
                    .unwrap_or_else(|| s.clone()),
            );
        }
        match a.modalite.as_deref() {
            Some("sur_site") => parts.push("Sur site".into()),
            Some("a_distance") => parts.push("À distance".into()),
            _ => {}
        }
        if a.use_pool_skills {
            parts.push("Compétences de mon profil du vivier".into());
        }
        if parts.is_empty() {
            "Toutes les nouvelles missions".into()
        } else {
            parts.join(" · ")
        }
    }
}

/// My alerts, newest first, and what the creation form offers.
pub async fn mine(
    db: &DatabaseConnection,
    me: &user::Model,
    per_month: u64,
) -> Result<MyAlertsData, AppError> {
    let rows = mission_alert::Entity::find()
        .filter(mission_alert::Column::UserId.eq(me.id))
        .order_by_desc(mission_alert::Column::Id)
        .all(db)
        .await?;
    let names = Names::load(db).await?;
    let alerts = rows
        .iter()
        .map(|a| MyAlert {
            id: a.id,
            label: names.describe(a),
            frequency: label(ALERT_FREQUENCIES, &a.frequency).to_string(),
            next_at: datetime_fr(a.next_due_at),
        })
        .collect();
    let administrations = administration::Entity::find()
        .order_by_asc(administration::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|a| crate::model::AdministrationOption {
            slug: a.slug,
            name: a.name,
        })
        .collect();
    Ok(MyAlertsData {
        alerts,
        max: MAX_ALERTS,
        per_month,
        has_profile: has_profile(db, me.id).await?,
        skills: super::missions::skill_families(db).await?,
        administrations,
    })
}

/// The alert an unsubscribe token stands for, if it still exists.
async fn alert_of_token(
    db: &DatabaseConnection,
    token: &str,
) -> Result<mission_alert::Model, AppError> {
    let bad = || AppError::NotFound(BAD_LINK.into());
    let token = token.trim();
    if token.is_empty() || token.len() > 100 {
        return Err(bad());
    }
    let digest = alert_digest::Entity::find()
        .filter(alert_digest::Column::UnsubscribeHash.eq(hash_token(token)))
        .one(db)
        .await?
        .ok_or_else(bad)?;
    let alert_id = digest.alert_id.ok_or_else(bad)?;
    mission_alert::Entity::find_by_id(alert_id)
        .one(db)
        .await?
        .ok_or_else(bad)
}

/// What the holder of an unsubscribe link is about to stop.
pub async fn unsubscribe_info(
    db: &DatabaseConnection,
    token: &str,
) -> Result<UnsubscribeInfo, AppError> {
    let alert = alert_of_token(db, token).await?;
    let names = Names::load(db).await?;
    Ok(UnsubscribeInfo {
        label: names.describe(&alert),
        frequency: label(ALERT_FREQUENCIES, &alert.frequency).to_string(),
    })
}

/// Deletes the alert of an unsubscribe token (no sign-in: the link is the
/// key). A second use finds nothing.
pub async fn unsubscribe(db: &DatabaseConnection, token: &str) -> Result<(), AppError> {
    let alert = alert_of_token(db, token).await?;
    let deleted = mission_alert::Entity::delete_by_id(alert.id)
        .exec(db)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(AppError::NotFound(BAD_LINK.into()));
    }
    Ok(())
}

/// What one run of the digest job did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RunReport {
    /// Digests sent.
    pub sent: usize,
    /// Digests held back by the monthly cap.
    pub capped: usize,
}

enum Outcome {
    Sent,
    Capped,
    Nothing,
}

/// Sends the digests due at `now` (the job calls it with the clock; tests
/// with the instants they want).
pub async fn run_due(state: &AppState, now: DateTime<Utc>) -> Result<RunReport, AppError> {
    let mut report = RunReport::default();
    loop {
        let due = mission_alert::Entity::find()
            .filter(mission_alert::Column::NextDueAt.lte(now))
            .order_by_asc(mission_alert::Column::NextDueAt)
            .order_by_asc(mission_alert::Column::Id)
            .limit(BATCH)
            .all(state.db.read())
            .await?;
        let full = due.len() as u64 == BATCH;
        for alert in due {
            // The claim: only the run whose update moved the alert on goes on.
            let claimed = mission_alert::Entity::update_many()
                .col_expr(
                    mission_alert::Column::NextDueAt,
                    Expr::value(next_period_start(&alert.frequency, now)),
                )
                .filter(mission_alert::Column::Id.eq(alert.id))
                .filter(mission_alert::Column::NextDueAt.lte(now))
                .exec(state.db.write())
                .await?;
            if claimed.rows_affected != 1 {
                continue;
            }
            match digest(state, &alert, now).await {
                Ok(Outcome::Sent) => report.sent += 1,
                Ok(Outcome::Capped) => report.capped += 1,
                Ok(Outcome::Nothing) => {}
                // Its missions stay unsent: the next period picks them up.
                Err(e) => tracing::warn!(alert = alert.id, error = ?e, "alert digest failed"),
            }
        }
        if !full {
            return Ok(report);
        }
    }
}

/// Sends now, to every alert, the digest of what it has not sent yet, as
/// if its period had come (the monthly cap still applies); each alert then
/// follows its usual periods. `talents alerts run-now`.
pub async fn run_all_now(state: &AppState) -> Result<RunReport, AppError> {
    let now = Utc::now();
    mission_alert::Entity::update_many()
        .col_expr(mission_alert::Column::NextDueAt, Expr::value(now))
        .filter(mission_alert::Column::NextDueAt.gt(now))
        .exec(state.db.write())
        .await?;
    run_due(state, now).await
}

/// The missions an alert would send now, oldest publication first.
async fn new_missions(
    db: &DatabaseConnection,
    alert: &mission_alert::Model,
) -> Result<Vec<(mission::Model, Option<administration::Model>)>, AppError> {
    let filters = MissionFilters {
        q: alert.q.clone(),
        competence: alert.competence.clone(),
        administration: alert.administration.clone(),
        modalite: alert.modalite.clone(),
        page: None,
    };
    let mut cond = super::missions::matching(db, &filters)
        .await?
        .add(mission::Column::PublishedAt.gt(alert.created_at))
        .add(
            mission::Column::Id.not_in_subquery(
                Query::select()
                    .column(alert_delivery::Column::MissionId)
                    .from(alert_delivery::Entity)
                    .and_where(Expr::col(alert_delivery::Column::AlertId).eq(alert.id))
                    .take(),
            ),
        );
    if alert.use_pool_skills {
        let Some(profile) = pool_profile::Entity::find()
            .filter(pool_profile::Column::UserId.eq(alert.user_id))
            .one(db)
            .await?
        else {
            // The profile was deleted since: no skills to match.
            return Ok(Vec::new());
        };
        cond = cond.add(
            mission::Column::Id.in_subquery(
                Query::select()
                    .column(mission_skill::Column::MissionId)
                    .from(mission_skill::Entity)
                    .and_where(
                        Expr::col(mission_skill::Column::SkillId).in_subquery(
                            Query::select()
                                .column(pool_profile_skill::Column::SkillId)
                                .from(pool_profile_skill::Entity)
                                .and_where(
                                    Expr::col(pool_profile_skill::Column::ProfileId).eq(profile.id),
                                )
                                .take(),
                        ),
                    )
                    .take(),
            ),
        );
    }
    Ok(mission::Entity::find()
        .find_also_related(administration::Entity)
        .filter(cond)
        .order_by_asc(mission::Column::PublishedAt)
        .order_by_asc(mission::Column::Id)
        .limit(MISSIONS_PER_DIGEST)
        .all(db)
        .await?)
}

/// The digest of one claimed alert.
async fn digest(
    state: &AppState,
    alert: &mission_alert::Model,
    now: DateTime<Utc>,
) -> Result<Outcome, AppError> {
    let read = state.db.read();
    let missions = new_missions(read, alert).await?;
    if missions.is_empty() {
        return Ok(Outcome::Nothing);
    }
    let Some(recipient) = user::Entity::find_by_id(alert.user_id).one(read).await? else {
        return Ok(Outcome::Nothing);
    };
    let label = Names::load(read).await?.describe(alert);

    let db = state.db.write();
    let txn = db.begin().await?;
    // One person's digests are counted and recorded one at a time, so the
    // monthly cap holds even when instances send their alerts at once.
    lock_key(&txn, &format!("alert-digests:{}", alert.user_id)).await?;
    // Locked (PostgreSQL) so a deletion waits; gone already: nothing to send.
    if mission_alert::Entity::find_by_id(alert.id)
        .lock_exclusive()
        .one(&txn)
        .await?
        .is_none()
    {
        return Ok(Outcome::Nothing);
    }
    let this_month = alert_digest::Entity::find()
        .filter(alert_digest::Column::UserId.eq(alert.user_id))
        .filter(alert_digest::Column::SentAt.gte(month_start(now)))
        .count(&txn)
        .await?;
    if this_month >= state.config.alerts_per_month {
        tracing::info!(
            alert = alert.id,
            "monthly cap of alert digests reached; missions wait"
        );
        return Ok(Outcome::Capped);
    }
    let mut fresh = Vec::new();
    for (m, admin) in missions {
        let inserted = alert_delivery::Entity::insert(alert_delivery::ActiveModel {
            alert_id: Set(alert.id),
            mission_id: Set(m.id),
            sent_at: Set(now),
        })
        .on_conflict_do_nothing_on([
            alert_delivery::Column::AlertId,
            alert_delivery::Column::MissionId,
        ])
        .exec_without_returning(&txn)
        .await?;
        if matches!(inserted, TryInsertResult::Inserted(1)) {
            fresh.push((m, admin));
        }
    }
    if fresh.is_empty() {
        return Ok(Outcome::Nothing);
    }
    let token = new_token();
    alert_digest::ActiveModel {
        user_id: Set(alert.user_id),
        alert_id: Set(Some(alert.id)),
        unsubscribe_hash: Set(hash_token(&token)),
        missions: Set(fresh.len() as i32),
        sent_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let base = &state.config.public_url;
    let unsubscribe = format!("{base}/alertes/desabonnement?jeton={token}");
    let body = |link: &str| digest_text(base, &label, &alert.frequency, &fresh, link);
    let mail = Mail {
        to: recipient.email,
        subject: match fresh.len() {
            1 => "1 nouvelle mission pour votre alerte — Talents numériques".to_string(),
            n => format!("{n} nouvelles missions pour votre alerte — Talents numériques"),
        },
        body: body(&unsubscribe),
        journal_body: body("[lien de désabonnement masqué]"),
    };
    let queued = Mailer::queue(&txn, mail, Some(unsubscribe.clone())).await?;
    txn.commit().await?;
    state.mailer.send_queued(db, queued).await?;
    Ok(Outcome::Sent)
}

fn digest_text(
    base: &str,
    label: &str,
    frequency: &str,
    missions: &[(mission::Model, Option<administration::Model>)],
    unsubscribe: &str,
) -> String {
    let mut text =
        format!("Bonjour,\n\nDe nouvelles missions correspondent à votre alerte « {label} » :\n\n");
    for (m, admin) in missions {
        let admin = admin.as_ref().map(|a| a.name.as_str()).unwrap_or_default();
        text.push_str(&format!(
            "- {} — {admin}\n  {base}/missions/{}\n\n",
            m.title, m.slug
        ));
    }
    let every = if frequency == WEEKLY {
        "chaque semaine"
    } else {
        "chaque jour"
    };
    text.push_str(&format!(
        "Toutes les missions : {base}/missions\n\n\
         Vous recevez ce message {every} quand de nouvelles missions correspondent à cette alerte, \
         créée dans « Mon espace » ({base}/mon-espace), où vous pouvez la supprimer.\n\
         Pour ne plus recevoir cette alerte, ouvrez ce lien (sans vous connecter) :\n\n\
         {unsubscribe}\n\n\
         — L’équipe Talents numériques (DINUM)\n"
    ));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paris(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Paris
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn daily_periods_start_at_seven_in_paris() {
        // Before 07:00: the same day; at or after: the next day.
        assert_eq!(
            next_period_start(DAILY, paris(2026, 12, 7, 6, 59)),
            paris(2026, 12, 7, 7, 0)
        );
        assert_eq!(
            next_period_start(DAILY, paris(2026, 12, 7, 7, 0)),
            paris(2026, 12, 8, 7, 0)
        );
        // Winter is UTC+1, summer UTC+2.
        assert_eq!(
            next_period_start(DAILY, paris(2026, 12, 31, 23, 0)).to_rfc3339(),
            "2027-01-01T06:00:00+00:00"
        );
        assert_eq!(
            next_period_start(DAILY, paris(2026, 7, 14, 12, 0)).to_rfc3339(),
            "2026-07-15T05:00:00+00:00"
        );
        // Across the spring clock change (29 March 2026, 02:00 → 03:00).
        assert_eq!(
            next_period_start(DAILY, paris(2026, 3, 28, 8, 0)).to_rfc3339(),
            "2026-03-29T05:00:00+00:00"
        );
    }

    #[test]
    fn weekly_periods_start_on_monday_at_seven() {
        // 7 December 2026 is a Monday.
        assert_eq!(
            next_period_start(WEEKLY, paris(2026, 12, 7, 6, 0)),
            paris(2026, 12, 7, 7, 0)
        );
        assert_eq!(
            next_period_start(WEEKLY, paris(2026, 12, 7, 7, 0)),
            paris(2026, 12, 14, 7, 0)
        );
        assert_eq!(
            next_period_start(WEEKLY, paris(2026, 12, 10, 15, 0)),
            paris(2026, 12, 14, 7, 0)
        );
        assert_eq!(
            next_period_start(WEEKLY, paris(2026, 12, 13, 23, 59)),
            paris(2026, 12, 14, 7, 0)
        );
    }

    #[test]
    fn months_start_at_midnight_in_paris() {
        assert_eq!(
            month_start(paris(2026, 12, 31, 23, 30)),
            paris(2026, 12, 1, 0, 0)
        );
        // 1 January 00:30 in Paris is still 31 December in UTC.
        assert_eq!(
            month_start(paris(2027, 1, 1, 0, 30)),
            paris(2027, 1, 1, 0, 0)
        );
    }

    #[test]
    fn the_form_is_checked_field_by_field_and_keeps_what_was_typed() {
        let form = AlertForm {
            q: "x".repeat(201),
            competence: "inconnue".into(),
            administration: "dinum".into(),
            modalite: "partout".into(),
            use_pool_skills: true,
            frequency: "mensuelle".into(),
        };
        let err = check(&form, |_| false, |a| a == "dinum", false).unwrap_err();
        for field in [
            "q",
            "competence",
            "modalite",
            "use_pool_skills",
            "frequency",
        ] {
            assert!(err.field(field).is_some(), "{field}: {err:?}");
        }
        assert!(err.field("administration").is_none());
        assert_eq!(err.value("frequency").as_deref(), Some("mensuelle"));
        assert_eq!(err.value("use_pool_skills").as_deref(), Some("on"));

        let ok = check(
            &AlertForm {
                q: "  données ".into(),
                frequency: WEEKLY.into(),
                ..Default::default()
            },
            |_| false,
            |_| false,
            false,
        )
        .unwrap();
        assert_eq!(ok.q.as_deref(), Some("données"));
        assert_eq!(ok.competence, None);
        assert_eq!(ok.frequency, WEEKLY);
    }
}
