//! Moderators keep the skills list: they decide on the skills agents
//! proposed (merge into a skill as a synonym, add to the list, refuse) and
//! add synonyms. Nothing ever duplicates on case, accents or plural: every
//! name and synonym has a unique key (`skill_terms.key`), checked first
//! with a French message, and guaranteed by the unique index.
//!
//! Every change runs in one transaction that takes the list's lock first
//! (`db::lock_key`: PostgreSQL serializes moderators' changes; SQLite has
//! one writer anyway), then locks the proposal's row: two moderators
//! deciding on the same proposal at once make one decision, the other is
//! told it was already taken. Agents proposing at the same moment are
//! handled by `skills::settle`.

use super::db::lock_key;
use super::entities::{
    pool_profile_proposal, pool_profile_skill, skill, skill_family, skill_proposal, skill_term,
    user,
};
use super::sheets::authorize_global;
use super::state::AppState;
use super::time::datetime_fr;
use crate::error::AppError;
use crate::model::{ProposalRow, SkillAdmin, SkillFamilyAdmin, SkillsAdminData};
use crate::rights::Operation;
use crate::text::{fold, skill_key, slugify};
use crate::validate::{Checker, PROPOSAL_MAX_CHARS, SKILL_KEY_MAX_CHARS};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, TransactionTrait,
};
use std::collections::HashMap;

const LIST_LOCK: &str = "skills-list";

fn gone() -> AppError {
    AppError::NotFound("Cette proposition n’est plus en attente : elle a déjà été traitée.".into())
}

fn proposal_id(raw: &str) -> Result<i32, AppError> {
    raw.trim().parse().map_err(|_| gone())
}

/// The proposals waiting (with how many profiles proposed each) and the
/// list with its synonyms.
pub async fn overview(state: &AppState, me: &user::Model) -> Result<SkillsAdminData, AppError> {
    let db = state.db.read();
    authorize_global(db, me, Operation::ManageSkills).await?;
    let counts: HashMap<i32, i64> = pool_profile_proposal::Entity::find()
        .select_only()
        .column(pool_profile_proposal::Column::ProposalId)
        .column_as(pool_profile_proposal::Column::ProfileId.count(), "n")
        .group_by(pool_profile_proposal::Column::ProposalId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let terms = skill_term::Entity::find()
        .order_by_asc(skill_term::Column::Id)
        .all(db)
        .await?;
    let index = super::skills::SkillIndex::new(terms.iter().map(|t| (t.term.as_str(), t.skill_id)));
    let skills = skill::Entity::find()
        .order_by_asc(skill::Column::Position)
        .order_by_asc(skill::Column::Id)
        .all(db)
        .await?;
    let slugs: HashMap<i32, String> = skills.iter().map(|s| (s.id, s.slug.clone())).collect();
    // A proposal nobody holds any more (its profiles left or changed
    // their mind) is not worth a moderator's time.
    let proposals = skill_proposal::Entity::find()
        .order_by_asc(skill_proposal::Column::CreatedAt)
        .order_by_asc(skill_proposal::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|p| {
            let n = *counts.get(&p.id)?;
            Some(ProposalRow {
                suggestion: index
                    .matching(&p.term)
                    .first()
                    .and_then(|id| slugs.get(id).cloned()),
                id: p.id,
                profiles: n.max(0) as u64,
                proposed_at: datetime_fr(p.created_at),
                term: p.term,
            })
        })
        .collect();
    let mut synonyms: HashMap<i32, Vec<String>> = HashMap::new();
    for t in terms.into_iter().filter(|t| !t.is_name) {
        synonyms.entry(t.skill_id).or_default().push(t.term);
    }
    let mut by_family: HashMap<i32, Vec<SkillAdmin>> = HashMap::new();
    for s in skills {
        by_family.entry(s.family_id).or_default().push(SkillAdmin {
            synonyms: synonyms.remove(&s.id).unwrap_or_default(),
            slug: s.slug,
            name: s.name,
        });
    }
    let families = skill_family::Entity::find()
        .order_by_asc(skill_family::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|f| SkillFamilyAdmin {
            skills: by_family.remove(&f.id).unwrap_or_default(),
            slug: f.slug,
            name: f.name,
        })
        .collect();
    Ok(SkillsAdminData {
        proposals,
        families,
    })
}

/// The skill that already has `key` (as its name or a synonym): the
/// message that says so, naming it.
async fn taken_by(
    txn: &DatabaseTransaction,
    key: &str,
    typed: &str,
) -> Result<Option<(i32, String)>, AppError> {
    let Some(term) = skill_term::Entity::find()
        .filter(skill_term::Column::Key.eq(key))
        .one(txn)
        .await?
    else {
        return Ok(None);
    };
    let name = skill::Entity::find_by_id(term.skill_id)
        .one(txn)
        .await?
        .map(|s| s.name)
        .unwrap_or_default();
    let message = if term.is_name {
        format!("« {typed} » existe déjà : c’est la compétence « {name} ».")
    } else {
        format!(
            "« {typed} » existe déjà : « {} » est un synonyme de la compétence « {name} ».",
            term.term
        )
    };
    Ok(Some((term.skill_id, message)))
}

/// A term typed by a moderator: one line, 2 to 100 characters, naming
/// something.
fn term_of(c: &mut Checker, field: &str, raw: &str, what: &str) -> (String, String) {
    let one_line = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let term = c.text(field, &one_line, true, 2, PROPOSAL_MAX_CHARS, what);
    c.keep(field, raw);
    let key = skill_key(&term);
    if !term.is_empty() && key.is_empty() {
        c.fail(
            field,
            format!("« {term} » ne désigne pas une compétence : écrivez son nom."),
        );
    } else if key.chars().count() > SKILL_KEY_MAX_CHARS || fold(&term).chars().count() > 200 {
        c.fail(
            field,
            format!("{} : trop long.", crate::validate::capitalise(what)),
        );
    }
    (term, key)
}

/// Gives every profile that proposed `proposal` the skill `skill_id` (as
/// they proposed it: to lend with their level, or to grow), keeping a
/// profile's own choice when it already has that skill; then the proposal
/// goes. How many profiles proposed it.
async fn give_skill(
    txn: &DatabaseTransaction,
    proposal: i32,
    skill_id: i32,
) -> Result<usize, AppError> {
    let links = pool_profile_proposal::Entity::find()
        .filter(pool_profile_proposal::Column::ProposalId.eq(proposal))
        .all(txn)
        .await?;
    let n = links.len();
    let rows: Vec<pool_profile_skill::ActiveModel> = links
        .into_iter()
        .map(|l| pool_profile_skill::ActiveModel {
            profile_id: Set(l.profile_id),
            skill_id: Set(skill_id),
            kind: Set(l.kind),
            level: Set(l.level),
        })
        .collect();
    if !rows.is_empty() {
        pool_profile_skill::Entity::insert_many(rows)
            .on_conflict_do_nothing_on([
                pool_profile_skill::Column::ProfileId,
                pool_profile_skill::Column::SkillId,
            ])
            .exec_without_returning(txn)
            .await?;
    }
    skill_proposal::Entity::delete_by_id(proposal)
        .exec(txn)
        .await?;
    Ok(n)
}

async fn add_term(
    txn: &DatabaseTransaction,
    skill_id: i32,
    term: &str,
    key: &str,
    is_name: bool,
) -> Result<(), AppError> {
    skill_term::ActiveModel {
        skill_id: Set(skill_id),
        term: Set(term.to_string()),
        key: Set(key.to_string()),
        is_name: Set(is_name),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// Starts a change of the list: the caller's right, then the transaction
/// holding the list's lock.
async fn begin(state: &AppState, me: &user::Model) -> Result<DatabaseTransaction, AppError> {
    let db = state.db.write();
    authorize_global(db, me, Operation::ManageSkills).await?;
    let txn = db.begin().await?;
    lock_key(&txn, LIST_LOCK).await?;
    Ok(txn)
}

async fn lock_proposal(
    txn: &DatabaseTransaction,
    id: i32,
) -> Result<skill_proposal::Model, AppError> {
    skill_proposal::Entity::find_by_id(id)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or_else(gone)
}

async fn skill_by_slug(
    txn: &DatabaseTransaction,
    slug: &str,
) -> Result<Option<skill::Model>, AppError> {
    Ok(skill::Entity::find()
        .filter(skill::Column::Slug.eq(slug.trim()))
        .one(txn)
        .await?)
}

/// "Fusionner": the proposed term becomes a synonym of the skill `slug`
/// and its profiles get that skill. The skill's name.
pub async fn merge(
    state: &AppState,
    me: &user::Model,
    proposal: &str,
    slug: &str,
) -> Result<String, AppError> {
    let id = proposal_id(proposal)?;
    let field = format!("skill-{id}");
    let mut c = Checker::new();
    c.keep("proposal", &id.to_string());
    c.keep(&field, slug);
    if slug.trim().is_empty() {
        c.fail(
            &field,
            "Choisissez la compétence de la liste avec laquelle fusionner cette proposition.",
        );
        return Err(c.rejection());
    }
    let txn = begin(state, me).await?;
    let p = lock_proposal(&txn, id).await?;
    let Some(target) = skill_by_slug(&txn, slug).await? else {
        c.fail(&field, "Cette compétence n’existe pas dans la liste.");
        return Err(c.rejection());
    };
    match taken_by(&txn, &p.key, &p.term).await? {
        // Already a word of this skill (added meanwhile): nothing to add.
        Some((skill_id, _)) if skill_id == target.id => {}
        Some((_, message)) => {
            c.fail(&field, message);
            return Err(c.rejection());
        }
        None => add_term(&txn, target.id, &p.term, &p.key, false).await?,
    }
    give_skill(&txn, p.id, target.id).await?;
    txn.commit().await?;
    Ok(target.name)
}

/// "Ajouter à la liste": a new skill named `name` (the proposed term as
/// typed, or corrected) in the family `family`; its profiles get it.
pub async fn add(
    state: &AppState,
    me: &user::Model,
    proposal: &str,
    family: &str,
    name: &str,
) -> Result<String, AppError> {
    let id = proposal_id(proposal)?;
    let (name_field, family_field) = (format!("name-{id}"), format!("family-{id}"));
    let mut c = Checker::new();
    c.keep("proposal", &id.to_string());
    c.keep(&family_field, family);
    let (name, key) = term_of(&mut c, &name_field, name, "le nom de la compétence");
    if family.trim().is_empty() {
        c.fail(
            &family_field,
            "Choisissez la famille de la nouvelle compétence.",
        );
    }
    c.finish()?;
    let mut c = Checker::new();
    c.keep("proposal", &id.to_string());
    c.keep(&family_field, family);
    c.keep(&name_field, &name);
    let txn = begin(state, me).await?;
    let p = lock_proposal(&txn, id).await?;
    let Some(f) = skill_family::Entity::find()
        .filter(skill_family::Column::Slug.eq(family.trim()))
        .one(&txn)
        .await?
    else {
        c.fail(&family_field, "Cette famille n’existe pas.");
        return Err(c.rejection());
    };
    if let Some((_, message)) = taken_by(&txn, &key, &name).await? {
        c.fail(&name_field, message);
        return Err(c.rejection());
    }
    let folded = fold(&name);
    let all = skill::Entity::find().all(&txn).await?;
    if let Some(same) = all.iter().find(|s| s.folded_name == folded) {
        c.fail(
            &name_field,
            format!(
                "« {name} » existe déjà : c’est la compétence « {} ».",
                same.name
            ),
        );
        return Err(c.rejection());
    }
    // Skills and families share one namespace of slugs.
    let families = skill_family::Entity::find().all(&txn).await?;
    let taken =
        |slug: &str| all.iter().any(|s| s.slug == slug) || families.iter().any(|f| f.slug == slug);
    let base = match slugify(&name) {
        s if s.is_empty() => "competence".to_string(),
        s => s,
    };
    let slug = (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|s| !taken(s))
        .unwrap_or(base);
    let position = all
        .iter()
        .filter(|s| s.family_id == f.id)
        .map(|s| s.position)
        .max()
        .unwrap_or(f.position * 100)
        + 1;
    let created = skill::ActiveModel {
        slug: Set(slug),
        name: Set(name.clone()),
        folded_name: Set(folded),
        family_id: Set(f.id),
        position: Set(position),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    add_term(&txn, created.id, &name, &key, true).await?;
    if p.key != key && taken_by(&txn, &p.key, &p.term).await?.is_none() {
        add_term(&txn, created.id, &p.term, &p.key, false).await?;
    }
    give_skill(&txn, p.id, created.id).await?;
    txn.commit().await?;
    Ok(name)
}

/// "Refuser": the proposal goes, and with it from every profile.
pub async fn refuse(state: &AppState, me: &user::Model, proposal: &str) -> Result<(), AppError> {
    let id = proposal_id(proposal)?;
    let txn = begin(state, me).await?;
    let p = lock_proposal(&txn, id).await?;
    skill_proposal::Entity::delete_by_id(p.id)
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// A new synonym `term` of the skill `slug`. A pending proposal with the
/// same key is merged with it (its profiles get the skill).
pub async fn add_synonym(
    state: &AppState,
    me: &user::Model,
    slug: &str,
    term: &str,
) -> Result<String, AppError> {
    let mut c = Checker::new();
    c.keep("skill", slug);
    let (term, key) = term_of(&mut c, "term", term, "le synonyme");
    if slug.trim().is_empty() {
        c.fail("skill", "Choisissez la compétence qui reçoit ce synonyme.");
    }
    c.finish()?;
    let mut c = Checker::new();
    c.keep("skill", slug);
    c.keep("term", &term);
    let txn = begin(state, me).await?;
    let Some(target) = skill_by_slug(&txn, slug).await? else {
        c.fail("skill", "Cette compétence n’existe pas dans la liste.");
        return Err(c.rejection());
    };
    if let Some((_, message)) = taken_by(&txn, &key, &term).await? {
        c.fail("term", message);
        return Err(c.rejection());
    }
    add_term(&txn, target.id, &term, &key, false).await?;
    let pending = skill_proposal::Entity::find()
        .filter(skill_proposal::Column::Key.eq(key.clone()))
        .lock_exclusive()
        .one(&txn)
        .await?;
    if let Some(p) = pending {
        give_skill(&txn, p.id, target.id).await?;
    }
    txn.commit().await?;
    Ok(target.name)
}
