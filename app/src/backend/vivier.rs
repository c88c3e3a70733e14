//! The vivier as managers see it: search with ranking by fit, a profile's
//! page (each view logged), contact requests tied to a mission and answered
//! by the agent, the agent's log, and the profiles that fit a mission.
//!
//! Every function here checks the caller's rights (`rights::check`), finds
//! profiles only through [`visible_to`] (active, not hidden from the
//! caller's administrations) and fills the wire types under
//! `crate::privacy::visible`.

use super::entities::{
    administration, contact_request, mission, mission_owner, mission_skill, pool_profile,
    pool_profile_hidden, pool_profile_skill, profile_view, skill, user, user_role,
};
use super::mail::Mail;
use super::search::SearchQuery;
use super::sheets::{authorize, authorize_global, status_of, Roles, MANAGER};
use super::state::AppState;
use super::time::{date_fr, datetime_fr, this_month};
use crate::error::AppError;
use crate::lifecycle::MissionStatus;
use crate::matching::{fit, Fit, Level, Offered, Reason, Wanted};
use crate::model::{
    label, MissionChoice, PoolCard, PoolMatches, PoolProfilePage, PoolQuery, PoolResults,
    ProfileLogLine, ProfileSkill, ReceivedRequest, SentRequest, MODES, REMOTE_PREFS,
};
use crate::privacy::{self, Place, Viewer};
use crate::rights::Operation;
use chrono::Utc;
use sea_orm::sea_query::{Condition, Expr, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use std::collections::{BTreeMap, HashMap};

/// Cards per page of search results.
pub const PAGE_SIZE: usize = 20;

/// Views of one profile by one manager this close together are one visit.
pub const VISIT_MINUTES: i64 = 15;

pub const SENT: &str = "envoyee";
pub const ACCEPTED: &str = "acceptee";
pub const DECLINED: &str = "refusee";

fn gone() -> AppError {
    AppError::NotFound("Ce profil n’existe pas ou n’est plus visible.".into())
}

/// The condition a profile meets to be seen by a manager at all: active,
/// with a reference, not the manager's own, not hidden from one of the
/// manager's administrations, and — unless its owner allowed it — not
/// belonging to one of them (as a member, or by the administration the
/// owner named).
pub fn visible_to(me: &user::Model, roles: &Roles) -> Condition {
    let mine = roles.administrations.clone();
    let hidden = Query::select()
        .column(pool_profile_hidden::Column::ProfileId)
        .from(pool_profile_hidden::Entity)
        .and_where(pool_profile_hidden::Column::AdministrationId.is_in(mine.clone()))
        .take();
    let members = Query::select()
        .column(user_role::Column::UserId)
        .from(user_role::Entity)
        .and_where(user_role::Column::Role.eq(MANAGER))
        .and_where(user_role::Column::AdministrationId.is_in(mine.clone()))
        .take();
    Condition::all()
        .add(pool_profile::Column::Paused.eq(false))
        .add(pool_profile::Column::Reference.is_not_null())
        .add(pool_profile::Column::UserId.ne(me.id))
        .add(pool_profile::Column::Id.not_in_subquery(hidden))
        .add(
            Condition::any()
                .add(pool_profile::Column::VisibleToOwn.eq(true))
                .add(
                    Condition::all()
                        .add(pool_profile::Column::UserId.not_in_subquery(members))
                        .add(
                            Condition::any()
                                .add(pool_profile::Column::HomeAdministrationId.is_null())
                                .add(pool_profile::Column::HomeAdministrationId.is_not_in(mine)),
                        ),
                ),
        )
}

/// A manager, with their roles and how the agents will read their name.
struct Manager {
    me: user::Model,
    roles: Roles,
}

async fn manager(
    db: &DatabaseConnection,
    me: &user::Model,
    op: Operation,
) -> Result<Manager, AppError> {
    let roles = authorize_global(db, me, op).await?;
    Ok(Manager {
        me: me.clone(),
        roles,
    })
}

impl Manager {
    /// "Prénom Nom (DINUM, MENJ)" — what the agent's log and requests say.
    async fn label(&self, db: &impl ConnectionTrait) -> Result<String, AppError> {
        let acronyms: Vec<String> = administration::Entity::find()
            .filter(administration::Column::Id.is_in(self.roles.administrations.clone()))
            .order_by_asc(administration::Column::Acronym)
            .all(db)
            .await?
            .into_iter()
            .map(|a| a.acronym)
            .collect();
        let name = self
            .me
            .display_name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| self.me.email.clone());
        let label = format!("{name} ({})", acronyms.join(", "));
        // The column holds 400 characters.
        Ok(label.chars().take(400).collect())
    }
}

/// Skills of many profiles at once: profile id → (lend, grow).
type SkillRows = HashMap<i32, (Vec<(i32, Level)>, Vec<i32>)>;

async fn skills_of_profiles(db: &impl ConnectionTrait, ids: &[i32]) -> Result<SkillRows, AppError> {
    let mut out: SkillRows = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows = pool_profile_skill::Entity::find()
            .filter(pool_profile_skill::Column::ProfileId.is_in(chunk.to_vec()))
            .all(db)
            .await?;
        for r in rows {
            let entry = out.entry(r.profile_id).or_default();
            match r.level.as_deref().and_then(Level::parse) {
                Some(level) if r.kind == "preter" => entry.0.push((r.skill_id, level)),
                _ => entry.1.push(r.skill_id),
            }
        }
    }
    Ok(out)
}

/// Every skill by id: (slug, name, position).
async fn skill_table(
    db: &impl ConnectionTrait,
) -> Result<HashMap<i32, (String, String, i32)>, AppError> {
    Ok(skill::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, (s.slug, s.name, s.position)))
        .collect())
}

fn offered(p: &pool_profile::Model, skills: &SkillRows) -> Offered {
    let (lend, grow) = skills.get(&p.id).cloned().unwrap_or_default();
    Offered {
        lend,
        grow,
        days_per_month: p.days_per_month,
        remote: p.remote.clone(),
        location: p.location.clone(),
    }
}

fn reason_text(
    r: &Reason,
    skills: &HashMap<i32, (String, String, i32)>,
    p: &pool_profile::Model,
    q: Option<&str>,
) -> String {
    let name = |id: &i32| skills.get(id).map(|s| s.1.clone()).unwrap_or_default();
    match r {
        Reason::Lends { skill, level } => {
            format!("Partage « {} » (niveau {})", name(skill), level.label())
        }
        Reason::Grows { skill } => format!("Souhaite développer « {} »", name(skill)),
        Reason::Mode { full: true } => format!(
            "Modalité compatible : {}",
            label(REMOTE_PREFS, &p.remote).to_lowercase()
        ),
        Reason::Mode { full: false } => format!(
            "Modalité en partie compatible : {}",
            label(REMOTE_PREFS, &p.remote).to_lowercase()
        ),
        Reason::Place => format!("Même lieu : {}", p.location),
        Reason::Days(1) => "Disponible 1 jour par mois".into(),
        Reason::Days(n) => format!("Disponible {n} jours par mois"),
        Reason::Text => format!("Correspond à « {} »", q.unwrap_or_default().trim()),
    }
}

fn card(
    p: &pool_profile::Model,
    rows: &SkillRows,
    skills: &HashMap<i32, (String, String, i32)>,
    found: Option<&Fit>,
    q: Option<&str>,
) -> PoolCard {
    let (lend, grow) = rows.get(&p.id).cloned().unwrap_or_default();
    let named = |id: i32, level: Option<Level>| {
        let (slug, name, position) = skills.get(&id).cloned().unwrap_or_default();
        (
            position,
            ProfileSkill {
                slug,
                name,
                level: level.map(|l| l.label().to_string()),
            },
        )
    };
    let mut lend: Vec<_> = lend.iter().map(|(id, l)| named(*id, Some(*l))).collect();
    let mut grow: Vec<_> = grow.iter().map(|id| named(*id, None)).collect();
    lend.sort_by_key(|(pos, _)| *pos);
    grow.sort_by_key(|(pos, _)| *pos);
    PoolCard {
        reference: p.reference.clone().unwrap_or_default(),
        job_title: p.job_title.clone(),
        lend: lend.into_iter().map(|(_, s)| s).collect(),
        grow: grow.into_iter().map(|(_, s)| s).collect(),
        days_per_month: p.days_per_month,
        remote: p.remote.clone(),
        location: p.location.clone(),
        points: found.map(|f| f.points).unwrap_or(0),
        reasons: found
            .map(|f| {
                f.reasons
                    .iter()
                    .map(|r| reason_text(r, skills, p, q))
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// What the database narrows before the fit is computed.
struct Narrow {
    /// Ids of skills, one of which the profile must lend.
    lends_one_of: Vec<i32>,
    text: Option<SearchQuery>,
    min_days: Option<i32>,
    /// Remote preferences accepted.
    remote_in: Option<Vec<&'static str>>,
}

async fn candidates(
    db: &DatabaseConnection,
    manager: &Manager,
    narrow: &Narrow,
) -> Result<Vec<pool_profile::Model>, AppError> {
    let mut cond = visible_to(&manager.me, &manager.roles);
    if !narrow.lends_one_of.is_empty() {
        cond = cond.add(
            pool_profile::Column::Id.in_subquery(
                Query::select()
                    .column(pool_profile_skill::Column::ProfileId)
                    .from(pool_profile_skill::Entity)
                    .and_where(pool_profile_skill::Column::Kind.eq("preter"))
                    .and_where(
                        pool_profile_skill::Column::SkillId.is_in(narrow.lends_one_of.clone()),
                    )
                    .take(),
            ),
        );
    }
    if let Some(text) = &narrow.text {
        for pattern in text.like_patterns() {
            cond = cond.add(pool_profile::Column::SearchStems.like(pattern));
        }
    }
    if let Some(min) = narrow.min_days {
        cond = cond.add(pool_profile::Column::DaysPerMonth.gte(min));
    }
    if let Some(remote) = &narrow.remote_in {
        cond = cond.add(pool_profile::Column::Remote.is_in(remote.clone()));
    }
    Ok(pool_profile::Entity::find()
        .filter(cond)
        .order_by_desc(pool_profile::Column::UpdatedAt)
        .order_by_desc(pool_profile::Column::Id)
        .all(db)
        .await?)
}

fn remote_accepted(mode: &str) -> Option<Vec<&'static str>> {
    match mode {
        "sur_site" => Some(vec!["sur_site", "indifferent"]),
        "a_distance" => Some(vec!["a_distance", "indifferent"]),
        _ => None,
    }
}

/// Profiles that fit, best first (ties: most recently updated first).
async fn ranked(
    db: &DatabaseConnection,
    manager: &Manager,
    wanted: &Wanted,
    text: Option<SearchQuery>,
) -> Result<(Vec<(pool_profile::Model, Fit)>, SkillRows), AppError> {
    let narrow = Narrow {
        lends_one_of: wanted.skills.iter().map(|(id, _)| *id).collect(),
        text,
        min_days: wanted.min_days,
        remote_in: wanted.mode.as_deref().and_then(remote_accepted),
    };
    let found = candidates(db, manager, &narrow).await?;
    let ids: Vec<i32> = found.iter().map(|p| p.id).collect();
    let rows = skills_of_profiles(db, &ids).await?;
    let mut fits: Vec<(pool_profile::Model, Fit)> = found
        .into_iter()
        .filter_map(|p| {
            let f = fit(wanted, &offered(&p, &rows))?;
            Some((p, f))
        })
        .collect();
    // Stable: the database order (recent first) breaks ties.
    fits.sort_by_key(|(_, f)| std::cmp::Reverse(f.points));
    Ok((fits, rows))
}

/// The managers' search. Unknown skills or levels, and bad numbers, are
/// refused with a message for the field.
pub async fn search(
    db: &DatabaseConnection,
    me: &user::Model,
    query: &PoolQuery,
) -> Result<PoolResults, AppError> {
    let manager = manager(db, me, Operation::SearchPool).await?;
    let skills = skill_table(db).await?;
    let by_slug: HashMap<&str, i32> = skills
        .iter()
        .map(|(id, (slug, ..))| (slug.as_str(), *id))
        .collect();
    let mut fields = crate::error::FieldErrors::new();
    let mut wanted = Wanted {
        place_required: true,
        ..Wanted::default()
    };
    for (slug, level) in &query.skills {
        if level.trim().is_empty() {
            continue;
        }
        match (by_slug.get(slug.as_str()), Level::parse(level.trim())) {
            (Some(id), Some(level)) => wanted.skills.push((*id, level)),
            _ => {
                fields.insert(
                    "competences".into(),
                    "Choisissez des compétences de la liste et un niveau : notions, pratique ou expert.".into(),
                );
            }
        }
    }
    if wanted.skills.len() > 20 {
        fields.insert(
            "competences".into(),
            "Choisissez au plus 20 compétences.".into(),
        );
    }
    if let Some(mode) = query.mode.as_deref().filter(|m| !m.is_empty()) {
        if crate::model::is_code(MODES, mode) {
            wanted.mode = Some(mode.to_string());
        } else {
            fields.insert(
                "modalite".into(),
                "Choisissez une modalité : sur site, à distance, ou les deux.".into(),
            );
        }
    }
    if let Some(days) = query.min_days {
        if (1..=10).contains(&days) {
            wanted.min_days = Some(days);
        } else {
            fields.insert(
                "jours".into(),
                "Indiquez un nombre de jours par mois entre 1 et 10.".into(),
            );
        }
    }
    let place: String = query
        .place
        .clone()
        .unwrap_or_default()
        .trim()
        .chars()
        .take(120)
        .collect();
    if !place.is_empty() {
        wanted.place = Some(place);
    }
    if !fields.is_empty() {
        return Err(AppError::invalid(fields, Default::default()));
    }
    let q: Option<String> = query
        .q
        .as_deref()
        .map(|q| q.chars().take(200).collect::<String>())
        .filter(|q| !q.trim().is_empty());
    let text = q.as_deref().and_then(SearchQuery::parse);
    wanted.text_matched = text.is_some();
    let (fits, rows) = ranked(db, &manager, &wanted, text).await?;
    let total = fits.len() as u64;
    let page_count = fits.len().div_ceil(PAGE_SIZE).max(1) as u32;
    let page = query.page.unwrap_or(1).clamp(1, page_count);
    let cards = fits
        .iter()
        .skip((page as usize - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|(p, f)| card(p, &rows, &skills, Some(f), q.as_deref()))
        .collect();
    Ok(PoolResults {
        cards,
        total,
        page,
        page_count,
    })
}

/// What a mission's sheet seeks, as a search: its skills (any level), its
/// mode, and its place as a bonus.
async fn wanted_for(db: &DatabaseConnection, m: &mission::Model) -> Result<Wanted, AppError> {
    let skills: Vec<(i32, Level)> = mission_skill::Entity::find()
        .filter(mission_skill::Column::MissionId.eq(m.id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.skill_id, Level::Notions))
        .collect();
    Ok(Wanted {
        skills,
        mode: Some(m.mode.clone()).filter(|mode| crate::model::is_code(MODES, mode)),
        place: Some(m.location.clone()).filter(|l| !l.trim().is_empty()),
        place_required: false,
        ..Wanted::default()
    })
}

/// How many visible profiles fit a mission, and the best `limit`, for one
/// of its owners who is a manager. A sheet without skills matches no one
/// (the panel then asks for skills).
pub async fn matches_for_mission(
    db: &DatabaseConnection,
    me: &user::Model,
    mission_id: i32,
    limit: usize,
) -> Result<PoolMatches, AppError> {
    let (m, _) = authorize(db, me, mission_id, Operation::ViewSheet).await?;
    let is_owner = mission_owner::Entity::find_by_id((m.id, me.id))
        .one(db)
        .await?
        .is_some();
    if !is_owner {
        return Err(AppError::Forbidden(
            "Seule l’équipe de cette mission voit les profils qui lui correspondent.".into(),
        ));
    }
    let manager = manager(db, me, Operation::SearchPool).await?;
    let wanted = wanted_for(db, &m).await?;
    if wanted.skills.is_empty() {
        return Ok(PoolMatches {
            total: 0,
            best: Vec::new(),
        });
    }
    let skills = skill_table(db).await?;
    let (fits, rows) = ranked(db, &manager, &wanted, None).await?;
    Ok(PoolMatches {
        total: fits.len() as u64,
        best: fits
            .iter()
            .take(limit)
            .map(|(p, f)| card(p, &rows, &skills, Some(f), None))
            .collect(),
    })
}

async fn visible_profile(
    db: &impl ConnectionTrait,
    manager: &Manager,
    reference: &str,
) -> Result<pool_profile::Model, AppError> {
    if reference.len() > 32 {
        return Err(gone());
    }
    pool_profile::Entity::find()
        .filter(visible_to(&manager.me, &manager.roles))
        .filter(pool_profile::Column::Reference.eq(reference))
        .one(db)
        .await?
        .ok_or_else(gone)
}

/// The missions a manager can tie a contact request to: theirs, not yet
/// over.
async fn contact_missions(
    db: &impl ConnectionTrait,
    me: &user::Model,
) -> Result<Vec<mission::Model>, AppError> {
    let owned = Query::select()
        .column(mission_owner::Column::MissionId)
        .from(mission_owner::Entity)
        .and_where(mission_owner::Column::UserId.eq(me.id))
        .take();
    Ok(mission::Entity::find()
        .filter(mission::Column::Id.in_subquery(owned))
        .order_by_desc(mission::Column::UpdatedAt)
        .all(db)
        .await?
        .into_iter()
        .filter(|m| contactable(status_of(m)))
        .collect())
}

fn contactable(s: MissionStatus) -> bool {
    matches!(
        s,
        MissionStatus::Draft
            | MissionStatus::Submitted
            | MissionStatus::ChangesRequested
            | MissionStatus::Published
    )
}

async fn sent_by(
    db: &impl ConnectionTrait,
    manager_id: i32,
    profile: Option<i32>,
) -> Result<Vec<SentRequest>, AppError> {
    let mut find =
        contact_request::Entity::find().filter(contact_request::Column::ManagerId.eq(manager_id));
    if let Some(p) = profile {
        find = find.filter(contact_request::Column::ProfileId.eq(p));
    }
    let requests = find
        .order_by_desc(contact_request::Column::CreatedAt)
        .order_by_desc(contact_request::Column::Id)
        .limit(200)
        .all(db)
        .await?;
    let profiles: HashMap<i32, pool_profile::Model> = pool_profile::Entity::find()
        .filter(pool_profile::Column::Id.is_in(requests.iter().map(|r| r.profile_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let emails: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(profiles.values().map(|p| p.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.email))
        .collect();
    let titles: HashMap<i32, String> = mission::Entity::find()
        .filter(mission::Column::Id.is_in(requests.iter().map(|r| r.mission_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.title))
        .collect();
    Ok(requests
        .into_iter()
        .filter_map(|r| {
            let p = profiles.get(&r.profile_id)?;
            let shown = privacy::visible(
                Viewer::Manager {
                    hidden: false,
                    accepted: r.status == ACCEPTED,
                },
                p.paused,
                Place::Requests,
            );
            Some(SentRequest {
                id: r.id,
                reference: p.reference.clone().unwrap_or_default(),
                mission_title: titles.get(&r.mission_id).cloned().unwrap_or_default(),
                status: r.status.clone(),
                sent_at: datetime_fr(r.created_at),
                answered_at: r.answered_at.map(datetime_fr),
                full_name: shown.identity.then(|| p.full_name.clone()),
                email: shown
                    .email
                    .then(|| emails.get(&p.user_id).cloned())
                    .flatten(),
            })
        })
        .collect())
}

/// The manager's own contact requests, newest first.
pub async fn my_requests(
    db: &DatabaseConnection,
    me: &user::Model,
) -> Result<Vec<SentRequest>, AppError> {
    manager(db, me, Operation::SearchPool).await?;
    sent_by(db, me.id, None).await
}

async fn sent_this_month(
    db: &impl ConnectionTrait,
    manager_id: i32,
    profile_id: i32,
) -> Result<u64, AppError> {
    let (start, _) = this_month();
    Ok(contact_request::Entity::find()
        .filter(contact_request::Column::ManagerId.eq(manager_id))
        .filter(contact_request::Column::ProfileId.eq(profile_id))
        .filter(contact_request::Column::CreatedAt.gte(start))
        .count(db)
        .await?)
}

/// A profile's page for a manager. The view is logged (the agent reads it
/// in "Mon espace").
pub async fn profile_page(
    state: &AppState,
    me: &user::Model,
    reference: &str,
) -> Result<PoolProfilePage, AppError> {
    let read = state.db.read();
    let manager = manager(read, me, Operation::ViewPoolProfile).await?;
    let p = visible_profile(read, &manager, reference).await?;
    let requests = sent_by(read, me.id, Some(p.id)).await?;
    let accepted = requests.iter().any(|r| r.status == ACCEPTED);
    let shown = privacy::visible(
        Viewer::Manager {
            hidden: false,
            accepted,
        },
        p.paused,
        Place::Page,
    );
    let skills = skill_table(read).await?;
    let rows = skills_of_profiles(read, &[p.id]).await?;
    let email = if shown.email {
        user::Entity::find_by_id(p.user_id)
            .one(read)
            .await?
            .map(|u| u.email)
    } else {
        None
    };
    let missions = contact_missions(read, me)
        .await?
        .into_iter()
        .map(|m| MissionChoice {
            id: m.id,
            title: m.title,
        })
        .collect();
    let used = sent_this_month(read, me.id, p.id).await?;
    let limit = state.config.contacts_per_month;
    // One line per visit: reloading, or coming back to the page after
    // sending a request, within a quarter of an hour is the same visit.
    let now = Utc::now();
    let recent = profile_view::Entity::find()
        .filter(profile_view::Column::ProfileId.eq(p.id))
        .filter(profile_view::Column::ViewerId.eq(me.id))
        .filter(profile_view::Column::At.gt(now - chrono::Duration::minutes(VISIT_MINUTES)))
        .count(read)
        .await?;
    if recent == 0 {
        profile_view::ActiveModel {
            profile_id: Set(p.id),
            viewer_id: Set(me.id),
            viewer_label: Set(manager.label(read).await?),
            kind: Set("consultation".into()),
            mission_id: Set(None),
            at: Set(now),
            ..Default::default()
        }
        .insert(state.db.write())
        .await?;
    }
    Ok(PoolProfilePage {
        card: card(&p, &rows, &skills, None, None),
        full_name: if shown.identity {
            p.full_name.clone()
        } else {
            String::new()
        },
        administration: if shown.identity {
            p.administration.clone()
        } else {
            String::new()
        },
        bio: if shown.identity {
            p.bio.clone()
        } else {
            String::new()
        },
        rhythm: if shown.identity {
            p.rhythm.clone()
        } else {
            String::new()
        },
        email,
        missions,
        requests,
        remaining: limit.saturating_sub(used) as u32,
    })
}

/// Checks a contact request's message: what the agent reads first.
fn check_message(message: &str) -> Result<String, AppError> {
    let message = message.trim();
    let n = message.chars().count();
    let problem = if n < 20 {
        Some("Écrivez un message d’au moins 20 caractères : présentez la mission et ce que vous attendez.")
    } else if n > 1000 {
        Some("Le message ne peut pas dépasser 1 000 caractères.")
    } else {
        None
    };
    match problem {
        None => Ok(message.to_string()),
        Some(text) => Err(field_error("message", text.to_string(), message)),
    }
}

fn field_error(field: &str, text: String, message: &str) -> AppError {
    let mut fields = crate::error::FieldErrors::new();
    fields.insert(field.into(), text);
    let mut values = BTreeMap::new();
    values.insert("message".into(), message.to_string());
    AppError::invalid(fields, values)
}

/// Sends a contact request about one of the manager's missions. At most
/// `contacts_per_month` per manager and agent in a calendar month, and one
/// waiting answer per mission.
pub async fn contact(
    state: &AppState,
    me: &user::Model,
    reference: &str,
    mission_id: &str,
    message: &str,
) -> Result<(), AppError> {
    let read = state.db.read();
    let manager = manager(read, me, Operation::ContactPoolMember).await?;
    let text = check_message(message)?;
    let missions = contact_missions(read, me).await?;
    let Some(m) = mission_id
        .trim()
        .parse::<i32>()
        .ok()
        .and_then(|id| missions.into_iter().find(|m| m.id == id))
    else {
        return Err(field_error(
            "mission_id",
            "Choisissez une de vos missions en cours.".into(),
            &text,
        ));
    };
    let sender = manager.label(read).await?;
    let limit = state.config.contacts_per_month;
    let db = state.db.write();
    let txn = db.begin().await?;
    // The profile's row is locked (PostgreSQL; SQLite has one writer): two
    // requests at once are counted one after the other.
    let p = pool_profile::Entity::find()
        .filter(visible_to(&manager.me, &manager.roles))
        .filter(pool_profile::Column::Reference.eq(reference))
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or_else(gone)?;
    let earlier = contact_request::Entity::find()
        .filter(contact_request::Column::ProfileId.eq(p.id))
        .filter(contact_request::Column::MissionId.eq(m.id))
        .filter(contact_request::Column::Status.is_in([SENT, DECLINED]))
        .one(&txn)
        .await?;
    if let Some(earlier) = earlier {
        return Err(field_error(
            "mission_id",
            if earlier.status == SENT {
                "Une demande pour cette mission attend déjà la réponse de cette personne.".into()
            } else {
                "Cette personne a décliné votre demande pour cette mission : ne la sollicitez pas de nouveau pour celle-ci.".into()
            },
            &text,
        ));
    }
    let used = sent_this_month(&txn, me.id, p.id).await?;
    if used >= limit {
        let (_, next) = this_month();
        return Err(field_error(
            "message",
            format!(
                "Vous avez envoyé {used} demande{} de contact à cette personne ce mois-ci : c’est le maximum. Vous pourrez lui écrire de nouveau à partir du {}.",
                if used > 1 { "s" } else { "" },
                date_fr(next)
            ),
            &text,
        ));
    }
    // A co-owner must not reach, through their own administrations'
    // visibility, someone who hides from the mission's administration.
    let hidden_from_mission = pool_profile_hidden::Entity::find_by_id((p.id, m.administration_id))
        .one(&txn)
        .await?
        .is_some();
    let owner_is_member = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(p.user_id))
        .filter(user_role::Column::Role.eq(MANAGER))
        .filter(user_role::Column::AdministrationId.eq(m.administration_id))
        .one(&txn)
        .await?
        .is_some();
    let own = owner_is_member || p.home_administration_id == Some(m.administration_id);
    if hidden_from_mission || (own && !p.visible_to_own) {
        return Err(field_error(
            "mission_id",
            "Cette personne ne souhaite pas être sollicitée par l’administration de cette mission : choisissez une autre mission.".into(),
            &text,
        ));
    }
    let now = Utc::now();
    contact_request::ActiveModel {
        profile_id: Set(p.id),
        manager_id: Set(me.id),
        mission_id: Set(m.id),
        message: Set(text.clone()),
        status: Set(SENT.into()),
        created_at: Set(now),
        answered_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    profile_view::ActiveModel {
        profile_id: Set(p.id),
        viewer_id: Set(me.id),
        viewer_label: Set(sender.clone()),
        kind: Set("demande_contact".into()),
        mission_id: Set(Some(m.id)),
        at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let agent = user::Entity::find_by_id(p.user_id).one(&txn).await?;
    txn.commit().await?;
    if let Some(agent) = agent {
        let body = format!(
            "Bonjour,\n\n{sender} souhaite vous contacter au sujet de la mission « {} », après avoir consulté votre profil du vivier de Talents numériques.\n\nSon message :\n\n{text}\n\nVotre adresse ne lui est pas communiquée : acceptez ou déclinez la demande dans « Mon espace » : {}/mon-espace#demandes-de-contact\n\nSi vous acceptez, la personne verra votre adresse professionnelle pour vous écrire.\n\n— L’équipe Talents numériques (DINUM)\n",
            m.title, state.config.public_url
        );
        // The request is stored: a failure to record the e-mail must not
        // make the manager believe otherwise (the agent sees it in "Mon
        // espace" anyway).
        if let Err(e) = state
            .mailer
            .send(
                db,
                Mail {
                    to: agent.email,
                    subject: "Une demande de contact pour une mission".into(),
                    body: body.clone(),
                    journal_body: body,
                },
            )
            .await
        {
            tracing::warn!(error = ?e, "contact request stored, its e-mail not recorded");
        }
    }
    Ok(())
}

/// The agent accepts or declines a request made to their profile.
pub async fn answer(
    state: &AppState,
    me: &user::Model,
    request_id: i32,
    accept: bool,
) -> Result<(), AppError> {
    let not_found = || AppError::NotFound("Cette demande de contact n’existe pas.".into());
    let db = state.db.write();
    let profile = super::pool::find(state.db.read(), me)
        .await?
        .ok_or_else(not_found)?;
    let status = if accept { ACCEPTED } else { DECLINED };
    let changed = contact_request::Entity::update_many()
        .col_expr(contact_request::Column::Status, Expr::value(status))
        .col_expr(contact_request::Column::AnsweredAt, Expr::value(Utc::now()))
        .filter(contact_request::Column::Id.eq(request_id))
        .filter(contact_request::Column::ProfileId.eq(profile.id))
        .filter(contact_request::Column::Status.eq(SENT))
        .exec(db)
        .await?
        .rows_affected;
    if changed == 0 {
        let exists = contact_request::Entity::find_by_id(request_id)
            .filter(contact_request::Column::ProfileId.eq(profile.id))
            .one(db)
            .await?;
        return Err(match exists {
            None => not_found(),
            Some(_) => AppError::Conflict("Vous avez déjà répondu à cette demande.".into()),
        });
    }
    let Some(request) = contact_request::Entity::find_by_id(request_id)
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let sender = user::Entity::find_by_id(request.manager_id).one(db).await?;
    let title = mission::Entity::find_by_id(request.mission_id)
        .one(db)
        .await?
        .map(|m| m.title)
        .unwrap_or_default();
    if let Some(sender) = sender {
        let body = if accept {
            format!(
                "Bonjour,\n\n{} a accepté votre demande de contact pour la mission « {title} ».\n\nVous pouvez lui écrire à son adresse professionnelle : {}\n\nRetrouvez vos demandes dans le vivier : {}/espace-administration/vivier#mes-demandes\n\n— L’équipe Talents numériques (DINUM)\n",
                profile.full_name, me.email, state.config.public_url
            )
        } else {
            format!(
                "Bonjour,\n\nLa personne que vous avez sollicitée pour la mission « {title} » a décliné votre demande de contact. Merci de ne pas la solliciter de nouveau pour cette mission.\n\nD’autres profils du vivier peuvent correspondre : {}/espace-administration/vivier\n\n— L’équipe Talents numériques (DINUM)\n",
                state.config.public_url
            )
        };
        state
            .mailer
            .send(
                db,
                Mail {
                    to: sender.email,
                    subject: if accept {
                        "Votre demande de contact a été acceptée".into()
                    } else {
                        "Votre demande de contact a été déclinée".into()
                    },
                    body: body.clone(),
                    journal_body: body,
                },
            )
            .await?;
    }
    Ok(())
}

/// The requests made to my profile, newest first.
pub async fn received(
    db: &DatabaseConnection,
    me: &user::Model,
) -> Result<Vec<ReceivedRequest>, AppError> {
    let Some(profile) = super::pool::find(db, me).await? else {
        return Ok(Vec::new());
    };
    let requests = contact_request::Entity::find()
        .filter(contact_request::Column::ProfileId.eq(profile.id))
        .order_by_desc(contact_request::Column::CreatedAt)
        .order_by_desc(contact_request::Column::Id)
        .limit(200)
        .all(db)
        .await?;
    let senders: HashMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(requests.iter().map(|r| r.manager_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let missions: HashMap<i32, mission::Model> = mission::Entity::find()
        .filter(mission::Column::Id.is_in(requests.iter().map(|r| r.mission_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    // What the log recorded when each request was sent: the sender's name
    // and administrations at the time.
    let labels: HashMap<(i32, i32), String> = profile_view::Entity::find()
        .filter(profile_view::Column::ProfileId.eq(profile.id))
        .filter(profile_view::Column::Kind.eq("demande_contact"))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|v| Some(((v.viewer_id, v.mission_id?), v.viewer_label)))
        .collect();
    Ok(requests
        .into_iter()
        .map(|r| {
            let sender = senders.get(&r.manager_id);
            let m = missions.get(&r.mission_id);
            let label = labels
                .get(&(r.manager_id, r.mission_id))
                .cloned()
                .unwrap_or_default();
            ReceivedRequest {
                id: r.id,
                from: label,
                from_email: (r.status == ACCEPTED)
                    .then(|| sender.map(|s| s.email.clone()))
                    .flatten(),
                mission_title: m.map(|m| m.title.clone()).unwrap_or_default(),
                mission_slug: m
                    .filter(|m| status_of(m) == MissionStatus::Published)
                    .map(|m| m.slug.clone()),
                message: r.message,
                status: r.status,
                sent_at: datetime_fr(r.created_at),
            }
        })
        .collect())
}

/// "Qui a consulté mon profil": the latest 100 views and requests.
pub async fn log(
    db: &DatabaseConnection,
    me: &user::Model,
) -> Result<Vec<ProfileLogLine>, AppError> {
    let Some(profile) = super::pool::find(db, me).await? else {
        return Ok(Vec::new());
    };
    let rows = profile_view::Entity::find()
        .filter(profile_view::Column::ProfileId.eq(profile.id))
        .order_by_desc(profile_view::Column::At)
        .order_by_desc(profile_view::Column::Id)
        .limit(100)
        .all(db)
        .await?;
    let titles: HashMap<i32, String> = mission::Entity::find()
        .filter(mission::Column::Id.is_in(rows.iter().filter_map(|r| r.mission_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.title))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| ProfileLogLine {
            at: datetime_fr(r.at),
            who: r.viewer_label,
            kind: r.kind,
            mission_title: r.mission_id.and_then(|id| titles.get(&id).cloned()),
        })
        .collect())
}
