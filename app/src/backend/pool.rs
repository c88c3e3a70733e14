//! The talent pool ("le vivier"): an agent's own profile. Only its owner
//! reads or changes it here; what managers see is `backend::vivier`.

use super::entities::{
    administration, pool_profile, pool_profile_hidden, pool_profile_skill, skill, user,
};
use super::skills::{self, Settled};
use super::time::datetime_fr;
use crate::error::AppError;
use crate::model::{PoolProfile, ProfileSkill, ProposedSkill};
use crate::validate::PoolInput;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use std::collections::HashMap;

pub const ALREADY_MEMBER: &str =
    "Vous faites déjà partie du vivier : modifiez votre profil depuis « Mon espace ».";
pub const NOT_MEMBER: &str = "Vous ne faites pas partie du vivier.";

/// Who may see a profile, as its owner chose (see `crate::privacy`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Visibility {
    pub home_administration_id: Option<i32>,
    pub visible_to_own: bool,
    /// Administrations the profile hides from.
    pub hidden: Vec<i32>,
}

/// A profile's reference: what URLs name it by (never its sequential id).
pub fn new_reference() -> String {
    let bytes: [u8; 12] = rand::random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The stems the managers' free text matches: only what the anonymous card
/// shows (job title, location, the names of the skills lent or grown), so
/// that no word of the name, administration or bio can tell a manager whose
/// card it is without the logged view of the profile page.
fn profile_stems(
    input: &PoolInput,
    ids: &HashMap<String, i32>,
    names: &HashMap<i32, String>,
) -> String {
    let mut text = format!("{} {}", input.job_title, input.location);
    for slug in input.lend.keys().chain(input.grow.iter()) {
        if let Some(name) = ids.get(slug).and_then(|id| names.get(id)) {
            text.push(' ');
            text.push_str(name);
        }
    }
    super::search::stems(&crate::text::fold(&text))
}

async fn skill_names(db: &DatabaseConnection) -> Result<HashMap<i32, String>, AppError> {
    Ok(skill::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect())
}

/// Slug → id of every administration.
pub async fn administration_ids(db: &DatabaseConnection) -> Result<HashMap<String, i32>, AppError> {
    Ok(administration::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.slug, a.id))
        .collect())
}

async fn write_visibility<C: ConnectionTrait>(
    conn: &C,
    profile_id: i32,
    visibility: &Visibility,
) -> Result<(), AppError> {
    pool_profile_hidden::Entity::delete_many()
        .filter(pool_profile_hidden::Column::ProfileId.eq(profile_id))
        .exec(conn)
        .await?;
    let rows: Vec<pool_profile_hidden::ActiveModel> = visibility
        .hidden
        .iter()
        .map(|a| pool_profile_hidden::ActiveModel {
            profile_id: Set(profile_id),
            administration_id: Set(*a),
        })
        .collect();
    if !rows.is_empty() {
        pool_profile_hidden::Entity::insert_many(rows)
            .exec(conn)
            .await?;
    }
    Ok(())
}

/// Slug → id of every skill (the list is small and curated).
pub async fn skill_ids(db: &DatabaseConnection) -> Result<HashMap<String, i32>, AppError> {
    Ok(skill::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.slug, s.id))
        .collect())
}

async fn write_skills<C: ConnectionTrait>(
    conn: &C,
    profile_id: i32,
    input: &PoolInput,
    ids: &HashMap<String, i32>,
) -> Result<(), AppError> {
    pool_profile_skill::Entity::delete_many()
        .filter(pool_profile_skill::Column::ProfileId.eq(profile_id))
        .exec(conn)
        .await?;
    let lend = input
        .lend
        .iter()
        .map(|(slug, level)| (slug, "preter", Some(level.clone())));
    let grow = input.grow.iter().map(|slug| (slug, "developper", None));
    let rows: Vec<pool_profile_skill::ActiveModel> = lend
        .chain(grow)
        .filter_map(|(slug, kind, level)| {
            Some(pool_profile_skill::ActiveModel {
                profile_id: Set(profile_id),
                skill_id: Set(*ids.get(slug)?),
                kind: Set(kind.to_string()),
                level: Set(level),
            })
        })
        .collect();
    if !rows.is_empty() {
        pool_profile_skill::Entity::insert_many(rows)
            .exec(conn)
            .await?;
    }
    Ok(())
}

/// Resolves the skills typed in "Autre compétence" (see `skills::settle`);
/// call it in the writing transaction, before touching the profile row.
async fn settle_all<C: ConnectionTrait>(
    txn: &C,
    input: &PoolInput,
) -> Result<Vec<Settled>, AppError> {
    let mut settled = Vec::new();
    for term in &input.proposals {
        settled.push(skills::settle(txn, term).await?);
    }
    Ok(settled)
}

/// A proposed skill that is in the list is simply added (unless it was
/// also picked in the list, which then says how); the others stay
/// proposals on the profile until a moderator decides.
async fn write_proposals<C: ConnectionTrait>(
    conn: &C,
    profile_id: i32,
    input: &PoolInput,
    settled: &[Settled],
) -> Result<(), AppError> {
    let (kind, level) = &input.proposal_kind;
    let mut proposals = Vec::new();
    for s in settled {
        match *s {
            Settled::Skill(skill_id) => {
                pool_profile_skill::Entity::insert(pool_profile_skill::ActiveModel {
                    profile_id: Set(profile_id),
                    skill_id: Set(skill_id),
                    kind: Set(kind.clone()),
                    level: Set(level.clone()),
                })
                .on_conflict_do_nothing_on([
                    pool_profile_skill::Column::ProfileId,
                    pool_profile_skill::Column::SkillId,
                ])
                .exec_without_returning(conn)
                .await?;
            }
            Settled::Proposal(id) => proposals.push(id),
        }
    }
    skills::set_profile_proposals(conn, profile_id, &proposals, kind, level.as_deref()).await
}

pub async fn join(
    db: &DatabaseConnection,
    me: &user::Model,
    input: PoolInput,
    visibility: Visibility,
) -> Result<(), AppError> {
    if find(db, me).await?.is_some() {
        return Err(AppError::Conflict(ALREADY_MEMBER.into()));
    }
    let ids = skill_ids(db).await?;
    let stems = profile_stems(&input, &ids, &skill_names(db).await?);
    let now = Utc::now();
    let txn = db.begin().await?;
    let settled = settle_all(&txn, &input).await?;
    let created = pool_profile::ActiveModel {
        user_id: Set(me.id),
        full_name: Set(input.full_name.clone()),
        administration: Set(input.administration.clone()),
        job_title: Set(input.job_title.clone()),
        days_per_month: Set(input.days_per_month),
        rhythm: Set(input.rhythm.clone()),
        location: Set(input.location.clone()),
        remote: Set(input.remote.clone()),
        bio: Set(input.bio.clone()),
        paused: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        reference: Set(Some(new_reference())),
        home_administration_id: Set(visibility.home_administration_id),
        visible_to_own: Set(visibility.visible_to_own),
        search_stems: Set(stems),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let created = match created {
        Ok(p) => p,
        // The unique user_id index refused a concurrent second join.
        Err(_) => return Err(AppError::Conflict(ALREADY_MEMBER.into())),
    };
    write_skills(&txn, created.id, &input, &ids).await?;
    write_visibility(&txn, created.id, &visibility).await?;
    write_proposals(&txn, created.id, &input, &settled).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn update(
    db: &DatabaseConnection,
    me: &user::Model,
    input: PoolInput,
    visibility: Visibility,
) -> Result<(), AppError> {
    let ids = skill_ids(db).await?;
    let stems = profile_stems(&input, &ids, &skill_names(db).await?);
    let txn = db.begin().await?;
    let settled = settle_all(&txn, &input).await?;
    // FOR UPDATE (PostgreSQL; SQLite's single writer serializes anyway): a
    // `leave` at the same moment waits for this update, or this one finds
    // the profile gone, never rewrites the skills of a deleted profile.
    let profile = pool_profile::Entity::find()
        .filter(pool_profile::Column::UserId.eq(me.id))
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::NotFound(NOT_MEMBER.into()))?;
    pool_profile::Entity::update_many()
        .col_expr(
            pool_profile::Column::FullName,
            Expr::value(input.full_name.clone()),
        )
        .col_expr(
            pool_profile::Column::Administration,
            Expr::value(input.administration.clone()),
        )
        .col_expr(
            pool_profile::Column::JobTitle,
            Expr::value(input.job_title.clone()),
        )
        .col_expr(
            pool_profile::Column::DaysPerMonth,
            Expr::value(input.days_per_month),
        )
        .col_expr(
            pool_profile::Column::Rhythm,
            Expr::value(input.rhythm.clone()),
        )
        .col_expr(
            pool_profile::Column::Location,
            Expr::value(input.location.clone()),
        )
        .col_expr(
            pool_profile::Column::Remote,
            Expr::value(input.remote.clone()),
        )
        .col_expr(pool_profile::Column::Bio, Expr::value(input.bio.clone()))
        .col_expr(
            pool_profile::Column::HomeAdministrationId,
            Expr::value(visibility.home_administration_id),
        )
        .col_expr(
            pool_profile::Column::VisibleToOwn,
            Expr::value(visibility.visible_to_own),
        )
        .col_expr(pool_profile::Column::SearchStems, Expr::value(stems))
        .col_expr(pool_profile::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(pool_profile::Column::Id.eq(profile.id))
        .exec(&txn)
        .await?;
    write_skills(&txn, profile.id, &input, &ids).await?;
    write_visibility(&txn, profile.id, &visibility).await?;
    write_proposals(&txn, profile.id, &input, &settled).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn set_paused(
    db: &DatabaseConnection,
    me: &user::Model,
    paused: bool,
) -> Result<(), AppError> {
    // One conditional statement: a profile deleted meanwhile is simply not found.
    let updated = pool_profile::Entity::update_many()
        .col_expr(pool_profile::Column::Paused, Expr::value(paused))
        .col_expr(pool_profile::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(pool_profile::Column::UserId.eq(me.id))
        .exec(db)
        .await?;
    if updated.rows_affected == 0 {
        return Err(AppError::NotFound(NOT_MEMBER.into()));
    }
    Ok(())
}

/// Leaving deletes the profile and its skills (cascade).
pub async fn leave(db: &DatabaseConnection, me: &user::Model) -> Result<(), AppError> {
    let deleted = pool_profile::Entity::delete_many()
        .filter(pool_profile::Column::UserId.eq(me.id))
        .exec(db)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(AppError::NotFound(NOT_MEMBER.into()));
    }
    Ok(())
}

pub async fn find(
    db: &DatabaseConnection,
    me: &user::Model,
) -> Result<Option<pool_profile::Model>, AppError> {
    Ok(pool_profile::Entity::find()
        .filter(pool_profile::Column::UserId.eq(me.id))
        .one(db)
        .await?)
}

/// The owner's view of their profile.
pub async fn mine(
    db: &DatabaseConnection,
    me: &user::Model,
) -> Result<Option<PoolProfile>, AppError> {
    let Some(p) = find(db, me).await? else {
        return Ok(None);
    };
    let rows = pool_profile_skill::Entity::find()
        .filter(pool_profile_skill::Column::ProfileId.eq(p.id))
        .find_also_related(skill::Entity)
        .order_by_asc(skill::Column::Position)
        .all(db)
        .await?;
    let slugs: HashMap<i32, String> = administration::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.slug))
        .collect();
    let hidden_from = pool_profile_hidden::Entity::find()
        .filter(pool_profile_hidden::Column::ProfileId.eq(p.id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|h| slugs.get(&h.administration_id).cloned())
        .collect();
    let mut lend = Vec::new();
    let mut grow = Vec::new();
    for (link, s) in rows {
        let Some(s) = s else { continue };
        let item = ProfileSkill {
            slug: s.slug,
            name: s.name,
            level: link.level,
        };
        if link.kind == "preter" {
            lend.push(item);
        } else {
            grow.push(item);
        }
    }
    let proposals = skills::profile_proposals(db, p.id)
        .await?
        .into_iter()
        .map(|(term, kind, level)| ProposedSkill { term, kind, level })
        .collect();
    Ok(Some(PoolProfile {
        full_name: p.full_name,
        administration: p.administration,
        job_title: p.job_title,
        lend,
        grow,
        days_per_month: p.days_per_month,
        rhythm: p.rhythm,
        location: p.location,
        remote: p.remote,
        bio: p.bio,
        paused: p.paused,
        updated_at: datetime_fr(p.updated_at),
        home_administration: p
            .home_administration_id
            .and_then(|id| slugs.get(&id).cloned()),
        visible_to_own: p.visible_to_own,
        hidden_from,
        proposals,
    }))
}
