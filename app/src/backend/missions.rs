//! Published missions: listing with filters and search, and the public sheet.

use super::entities::{administration, mission, mission_skill, skill, skill_family};
use super::markdown::to_safe_html;
use super::search::SearchQuery;
use super::time::{date_fr, datetime_fr, today};
use crate::error::AppError;
use crate::lifecycle::MissionStatus;
use crate::model::{
    label, AdministrationOption, MissionFilters, MissionPage, MissionSheet, MissionSummary,
    SkillFamily, SkillOption, MODES, NATURES,
};
use sea_orm::sea_query::{Condition, Expr, ExprTrait, LikeExpr, Query};
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbBackend, EntityTrait, JoinType, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, RelationTrait,
};
use std::collections::HashMap;

pub const PAGE_SIZE: u64 = 10;
/// The only status the public sees.
pub const PUBLISHED: &str = MissionStatus::Published.code();

/// Missions a visitor may see: published, and not past their deadline.
fn visible() -> Condition {
    Condition::all()
        .add(mission::Column::Status.eq(PUBLISHED))
        .add(
            Condition::any()
                .add(mission::Column::Deadline.is_null())
                .add(mission::Column::Deadline.gte(today())),
        )
}

/// The condition of a query: its words that name a skill of the list (a
/// name or synonym, `backend::skills`) match a mission that has that skill
/// or those words in its text; the other words match its text. `None` when
/// nothing in the query counts.
async fn search_condition(db: &DatabaseConnection, q: &str) -> Result<Option<Condition>, AppError> {
    let mut spans = super::skills::index(db).await?.spans(q);
    // As many as the words a query counts (`text::search_terms`): the
    // statement stays small whatever is typed.
    spans.truncate(12);
    if spans.is_empty() {
        return Ok(text_condition(db, q));
    }
    let folded = crate::text::fold(q);
    let words: Vec<&str> = folded.split(' ').collect();
    let covered = |i: usize| spans.iter().any(|s| s.first <= i && i <= s.last);
    let rest: Vec<&str> = words
        .iter()
        .enumerate()
        .filter(|(i, _)| !covered(*i))
        .map(|(_, w)| *w)
        .collect();
    let mut cond = Condition::all();
    if let Some(text) = text_condition(db, &rest.join(" ")) {
        cond = cond.add(text);
    }
    for span in spans {
        let has_skill = mission::Column::Id.in_subquery(
            Query::select()
                .column(mission_skill::Column::MissionId)
                .from(mission_skill::Entity)
                .and_where(Expr::col(mission_skill::Column::SkillId).eq(span.skill_id))
                .take(),
        );
        let mut either = Condition::any().add(has_skill);
        if let Some(text) = text_condition(db, &words[span.first..=span.last].join(" ")) {
            either = either.add(text);
        }
        cond = cond.add(either);
    }
    Ok(Some(cond))
}

/// The full-text condition of a query (`backend::search` gives the rule
/// both backends follow); `None` when the query has no word that counts.
fn text_condition(db: &DatabaseConnection, q: &str) -> Option<Condition> {
    let search = SearchQuery::parse(q)?;
    Some(match db.get_database_backend() {
        DbBackend::Postgres => Condition::all().add(Expr::cust_with_values(
            r#""missions"."search_vector" @@ to_tsquery('talents_fr', $1)"#,
            [search.tsquery()],
        )),
        _ => search
            .like_patterns()
            .into_iter()
            .fold(Condition::all(), |cond, pattern| {
                cond.add(
                    Expr::col((mission::Entity, mission::Column::SearchStems))
                        .like(LikeExpr::new(pattern)),
                )
            }),
    })
}

/// Visible missions matching the filters (`q`, `competence`, `administration`,
/// `modalite`; the page is not a filter). The administration's condition
/// needs the query to join `administrations`.
pub async fn matching(
    db: &DatabaseConnection,
    filters: &MissionFilters,
) -> Result<Condition, AppError> {
    let mut cond = visible();
    if let Some(search) = search_condition(db, filters.q.as_deref().unwrap_or("")).await? {
        cond = cond.add(search);
    }
    if let Some(slug) = filters.competence.as_deref().filter(|s| !s.is_empty()) {
        cond = cond.add(
            mission::Column::Id.in_subquery(
                Query::select()
                    .column(mission_skill::Column::MissionId)
                    .from(mission_skill::Entity)
                    .inner_join(
                        skill::Entity,
                        Expr::col((skill::Entity, skill::Column::Id))
                            .equals((mission_skill::Entity, mission_skill::Column::SkillId)),
                    )
                    .and_where(Expr::col((skill::Entity, skill::Column::Slug)).eq(slug))
                    .take(),
            ),
        );
    }
    if let Some(slug) = filters.administration.as_deref().filter(|s| !s.is_empty()) {
        cond = cond.add(Expr::col((administration::Entity, administration::Column::Slug)).eq(slug));
    }
    match filters.modalite.as_deref() {
        Some("sur_site") => cond = cond.add(mission::Column::Mode.is_in(["sur_site", "hybride"])),
        Some("a_distance") => {
            cond = cond.add(mission::Column::Mode.is_in(["a_distance", "hybride"]))
        }
        _ => {}
    }
    Ok(cond)
}

pub async fn list(
    db: &DatabaseConnection,
    filters: &MissionFilters,
) -> Result<MissionPage, AppError> {
    let cond = matching(db, filters).await?;
    let query = mission::Entity::find()
        .find_also_related(administration::Entity)
        .filter(cond)
        .order_by_desc(mission::Column::PublishedAt)
        .order_by_desc(mission::Column::Id);
    let total = query.clone().count(db).await?;
    let page_count = std::cmp::max(total.div_ceil(PAGE_SIZE), 1) as u32;
    let page = filters.page.unwrap_or(1).clamp(1, page_count);
    let rows = query
        .offset(u64::from(page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .all(db)
        .await?;

    let ids: Vec<i32> = rows.iter().map(|(m, _)| m.id).collect();
    let mut skills_by_mission = skills_of(db, &ids).await?;
    let missions = rows
        .into_iter()
        .map(|(m, admin)| MissionSummary {
            skills: skills_by_mission.remove(&m.id).unwrap_or_default(),
            administration: admin.map(|a| a.name).unwrap_or_default(),
            slug: m.slug,
            title: m.title,
            service: m.service,
            effort_text: m.effort_text,
            location: m.location,
            mode: label(MODES, &m.mode).to_string(),
            deadline: m.deadline.map(date_fr),
        })
        .collect();
    Ok(MissionPage {
        missions,
        total,
        page,
        page_count,
        skills: skill_families(db).await?,
        administrations: administrations_with_missions(db).await?,
    })
}

/// The skills of several missions in one query, grouped by mission.
pub async fn skills_of(
    db: &impl sea_orm::ConnectionTrait,
    mission_ids: &[i32],
) -> Result<HashMap<i32, Vec<SkillOption>>, AppError> {
    if mission_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i32, String, String)> = mission_skill::Entity::find()
        .select_only()
        .column(mission_skill::Column::MissionId)
        .column(skill::Column::Slug)
        .column(skill::Column::Name)
        .join(JoinType::InnerJoin, mission_skill::Relation::Skill.def())
        .filter(mission_skill::Column::MissionId.is_in(mission_ids.iter().copied()))
        .order_by_asc(skill::Column::Position)
        .into_tuple()
        .all(db)
        .await?;
    let mut map: HashMap<i32, Vec<SkillOption>> = HashMap::new();
    for (id, slug, name) in rows {
        map.entry(id).or_default().push(SkillOption { slug, name });
    }
    Ok(map)
}

/// Every skill, grouped by family, in the curated order.
pub async fn skill_families(db: &DatabaseConnection) -> Result<Vec<SkillFamily>, AppError> {
    let rows = skill::Entity::find()
        .find_also_related(skill_family::Entity)
        .order_by_asc(skill_family::Column::Position)
        .order_by_asc(skill::Column::Position)
        .all(db)
        .await?;
    let mut families: Vec<SkillFamily> = Vec::new();
    for (s, family) in rows {
        let family_name = family.map(|f| f.name).unwrap_or_default();
        if families
            .last()
            .map(|f| f.name != family_name)
            .unwrap_or(true)
        {
            families.push(SkillFamily {
                name: family_name,
                skills: Vec::new(),
                synonyms: Default::default(),
            });
        }
        if let Some(last) = families.last_mut() {
            last.skills.push(SkillOption {
                slug: s.slug,
                name: s.name,
            });
        }
    }
    Ok(families)
}

/// Every administration, by name.
pub async fn all_administrations(
    db: &DatabaseConnection,
) -> Result<Vec<AdministrationOption>, AppError> {
    Ok(administration::Entity::find()
        .order_by_asc(administration::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|a| AdministrationOption {
            slug: a.slug,
            name: a.name,
        })
        .collect())
}

/// Synonyms shown per skill as a hint: the first few, in the list's order.
const HINT_SYNONYMS: usize = 4;

/// [`skill_families`] with a few synonyms of each skill, for the pickers
/// where agents choose their skills.
pub async fn skill_families_with_synonyms(
    db: &DatabaseConnection,
) -> Result<Vec<SkillFamily>, AppError> {
    use super::entities::skill_term;
    let mut families = skill_families(db).await?;
    let terms = skill_term::Entity::find()
        .filter(skill_term::Column::IsName.eq(false))
        .find_also_related(skill::Entity)
        .order_by_asc(skill_term::Column::Id)
        .all(db)
        .await?;
    let mut by_slug: HashMap<String, Vec<String>> = HashMap::new();
    for (term, s) in terms {
        if let Some(s) = s {
            let list = by_slug.entry(s.slug).or_default();
            if list.len() < HINT_SYNONYMS {
                list.push(term.term);
            }
        }
    }
    for family in &mut families {
        for s in &family.skills {
            if let Some(list) = by_slug.remove(&s.slug) {
                family.synonyms.insert(s.slug.clone(), list);
            }
        }
    }
    Ok(families)
}

async fn administrations_with_missions(
    db: &DatabaseConnection,
) -> Result<Vec<AdministrationOption>, AppError> {
    let rows = administration::Entity::find()
        .filter(
            administration::Column::Id.in_subquery(
                Query::select()
                    .column(mission::Column::AdministrationId)
                    .from(mission::Entity)
                    .and_where(mission::Column::Status.eq(PUBLISHED))
                    .take(),
            ),
        )
        .order_by_asc(administration::Column::Name)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|a| AdministrationOption {
            slug: a.slug,
            name: a.name,
        })
        .collect())
}

/// A published (or published then expired) mission by slug, or NotFound
/// (drafts never leak).
pub async fn find_published(
    db: &DatabaseConnection,
    slug: &str,
) -> Result<(mission::Model, administration::Model), AppError> {
    let not_found =
        || AppError::NotFound("Cette mission n’existe pas ou n’est plus publiée.".into());
    if slug.len() > 120 {
        return Err(not_found());
    }
    let (m, admin) = mission::Entity::find()
        .find_also_related(administration::Entity)
        .filter(mission::Column::Slug.eq(slug))
        // An expired mission's page stays readable (applications closed):
        // its applicants still follow links to it.
        .filter(mission::Column::Status.is_in([PUBLISHED, MissionStatus::Expired.code()]))
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    let admin = admin.ok_or_else(not_found)?;
    Ok((m, admin))
}

pub fn is_open(m: &mission::Model) -> bool {
    m.status == PUBLISHED && m.deadline.is_none_or(|d| d >= today())
}

pub async fn sheet(db: &DatabaseConnection, slug: &str) -> Result<MissionSheet, AppError> {
    let (m, admin) = find_published(db, slug).await?;
    sheet_of(db, m, admin).await
}

/// The public sheet of any mission, as it is or will be shown once
/// published (the editor's preview uses it too).
pub async fn sheet_of(
    db: &DatabaseConnection,
    m: mission::Model,
    admin: administration::Model,
) -> Result<MissionSheet, AppError> {
    let skills = skills_of(db, &[m.id])
        .await?
        .remove(&m.id)
        .unwrap_or_default();
    Ok(MissionSheet {
        open: is_open(&m),
        details_pdf_url: super::documents::url_of(&m),
        slug: m.slug,
        title: m.title,
        administration: admin.name,
        service: m.service,
        skills,
        skills_text: m.skills_text,
        nature: label(NATURES, &m.nature).to_string(),
        description_html: to_safe_html(&m.description),
        deliverables: m.deliverables,
        learning: m.learning,
        effort_text: m.effort_text,
        effort_days: m.effort_days,
        start_date: m.start_date.map(date_fr),
        end_date: m.end_date.map(date_fr),
        deadline: m.deadline.map(date_fr),
        location: m.location,
        mode: label(MODES, &m.mode).to_string(),
        places: m.places,
        // A label without a document (older seed data) would promise one
        // nobody can open.
        details_pdf_label: if m.details_document_id.is_some() {
            m.details_pdf_label
        } else {
            String::new()
        },
        published_at: m.published_at.map(datetime_fr),
    })
}
