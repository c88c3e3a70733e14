//! Idempotent seed: reference data (administrations, skills) and the real
//! missions of the programme page; in demo mode, demo accounts too. Running it
//! twice changes nothing; it never overwrites a row that already exists.

use super::entities::{
    administration, mission, mission_owner, mission_skill, skill, skill_family, skill_term, user,
    user_role,
};
use super::seed_data::{ADMINISTRATIONS, MISSIONS, SKILL_FAMILIES};
use crate::text::{fold, skill_key};
use chrono::{TimeZone, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, TransactionTrait, TryInsertResult,
};
use std::collections::HashMap;

/// Demo accounts: (e-mail, display name, role, administration slug).
pub const DEMO_ACCOUNTS: &[(&str, &str, &str, Option<&str>)] = &[
    (
        "agent.demo@numerique.gouv.fr",
        "Agent de démonstration",
        "agent",
        None,
    ),
    (
        "moderation.demo@numerique.gouv.fr",
        "Modération de démonstration (DINUM)",
        "moderateur",
        None,
    ),
    (
        "responsable.demo@numerique.gouv.fr",
        "Responsable de démonstration (DINUM)",
        "responsable",
        Some("dinum"),
    ),
    (
        "responsable.demo@education.gouv.fr",
        "Responsable de démonstration (MENJ)",
        "responsable",
        Some("menj"),
    ),
    (
        "responsable.demo@intradef.gouv.fr",
        "Responsable de démonstration (Armées)",
        "responsable",
        Some("armees"),
    ),
];

#[derive(Debug, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub administrations: usize,
    pub skills: usize,
    /// Names and synonyms of skills (`skill_terms`) added.
    pub terms: usize,
    pub missions: usize,
    pub accounts: usize,
}

pub async fn run(db: &DatabaseConnection, demo: bool) -> Result<SeedReport, DbErr> {
    let txn = db.begin().await?;
    let mut report = SeedReport::default();
    let now = Utc::now();

    let mut admin_ids: HashMap<&str, (i32, String, String)> = HashMap::new();
    for a in ADMINISTRATIONS {
        let found = administration::Entity::find()
            .filter(administration::Column::Slug.eq(a.slug))
            .one(&txn)
            .await?;
        let row = match found {
            Some(row) => row,
            None => {
                report.administrations += 1;
                administration::ActiveModel {
                    slug: Set(a.slug.into()),
                    name: Set(a.name.into()),
                    acronym: Set(a.acronym.into()),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(&txn)
                .await?
            }
        };
        admin_ids.insert(a.slug, (row.id, row.name, row.acronym));
    }

    let mut skill_ids: HashMap<&str, (i32, String)> = HashMap::new();
    for (fi, f) in SKILL_FAMILIES.iter().enumerate() {
        let family = match skill_family::Entity::find()
            .filter(skill_family::Column::Slug.eq(f.slug))
            .one(&txn)
            .await?
        {
            Some(row) => row,
            None => {
                skill_family::ActiveModel {
                    slug: Set(f.slug.into()),
                    name: Set(f.name.into()),
                    position: Set(fi as i32),
                    ..Default::default()
                }
                .insert(&txn)
                .await?
            }
        };
        for (si, s) in f.skills.iter().enumerate() {
            let row = match skill::Entity::find()
                .filter(skill::Column::Slug.eq(s.slug))
                .one(&txn)
                .await?
            {
                Some(row) => row,
                None => {
                    report.skills += 1;
                    skill::ActiveModel {
                        slug: Set(s.slug.into()),
                        name: Set(s.name.into()),
                        folded_name: Set(fold(s.name)),
                        family_id: Set(family.id),
                        position: Set((fi * 100 + si) as i32),
                        ..Default::default()
                    }
                    .insert(&txn)
                    .await?
                }
            };
            // The name first: a synonym never takes the key of a name. A
            // term whose key is already taken (e.g. added by a moderator
            // meanwhile) is left as it is.
            for (term, is_name) in
                std::iter::once((s.name, true)).chain(s.synonyms.iter().map(|t| (*t, false)))
            {
                let inserted = skill_term::Entity::insert(skill_term::ActiveModel {
                    skill_id: Set(row.id),
                    term: Set(term.into()),
                    key: Set(skill_key(term)),
                    is_name: Set(is_name),
                    ..Default::default()
                })
                .on_conflict_do_nothing_on([skill_term::Column::Key])
                .exec_without_returning(&txn)
                .await?;
                if matches!(inserted, TryInsertResult::Inserted(n) if n > 0) {
                    report.terms += 1;
                }
            }
            skill_ids.insert(s.slug, (row.id, row.name));
        }
    }

    // The page is dated 22 August 2020: that is when these missions were published.
    let published = Utc
        .with_ymd_and_hms(2020, 8, 22, 0, 0, 0)
        .single()
        .unwrap_or(now);
    for m in MISSIONS {
        if mission::Entity::find()
            .filter(mission::Column::Slug.eq(m.slug))
            .one(&txn)
            .await?
            .is_some()
        {
            continue;
        }
        let (admin_id, admin_name, acronym) =
            admin_ids.get(m.administration).cloned().ok_or_else(|| {
                DbErr::Custom(format!("administration inconnue : {}", m.administration))
            })?;
        let mut skill_names = Vec::new();
        for slug in m.skills {
            let (_, name) = skill_ids
                .get(slug)
                .ok_or_else(|| DbErr::Custom(format!("compétence inconnue : {slug}")))?;
            skill_names.push(name.clone());
        }
        let search_text = fold(
            &[
                m.title,
                &admin_name,
                &acronym,
                m.service,
                &skill_names.join(" "),
                m.skills_text,
                m.description,
                m.location,
            ]
            .join(" "),
        );
        report.missions += 1;
        let row = mission::ActiveModel {
            slug: Set(m.slug.into()),
            title: Set(m.title.into()),
            administration_id: Set(admin_id),
            service: Set(m.service.into()),
            nature: Set(m.nature.into()),
            description: Set(m.description.into()),
            skills_text: Set(m.skills_text.into()),
            deliverables: Set(None),
            learning: Set(None),
            effort_text: Set(m.effort_text.into()),
            effort_days: Set(None),
            start_date: Set(None),
            end_date: Set(None),
            deadline: Set(None),
            location: Set(m.location.into()),
            mode: Set(m.mode.into()),
            places: Set(1),
            details_pdf_label: Set(m.details_pdf_label.into()),
            status: Set(crate::lifecycle::MissionStatus::Published.code().into()),
            version: Set(1),
            search_stems: Set(super::search::stems(&search_text)),
            search_text: Set(search_text),
            published_at: Set(Some(published)),
            created_at: Set(published),
            updated_at: Set(published),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        for slug in m.skills {
            if let Some((skill_id, _)) = skill_ids.get(slug) {
                mission_skill::ActiveModel {
                    mission_id: Set(row.id),
                    skill_id: Set(*skill_id),
                }
                .insert(&txn)
                .await?;
            }
        }
    }

    if demo {
        for (email, name, role, admin) in DEMO_ACCOUNTS {
            let existing = user::Entity::find()
                .filter(user::Column::EmailFolded.eq(*email))
                .one(&txn)
                .await?;
            if existing.is_some() {
                continue;
            }
            report.accounts += 1;
            let u = user::ActiveModel {
                email: Set((*email).into()),
                email_folded: Set((*email).into()),
                display_name: Set(Some((*name).into())),
                created_at: Set(now),
                last_seen_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            if *role != "agent" {
                user_role::ActiveModel {
                    user_id: Set(u.id),
                    role: Set((*role).into()),
                    administration_id: Set(
                        admin.and_then(|slug| admin_ids.get(slug).map(|(id, _, _)| *id))
                    ),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
            // A demo manager owns the seeded missions of their administration,
            // so the applicants' side can be tried on real missions.
            if let Some((admin_id, _, _)) = admin.and_then(|slug| admin_ids.get(slug)) {
                let missions = mission::Entity::find()
                    .filter(mission::Column::AdministrationId.eq(*admin_id))
                    .all(&txn)
                    .await?;
                for m in missions {
                    mission_owner::ActiveModel {
                        mission_id: Set(m.id),
                        user_id: Set(u.id),
                        created_at: Set(now),
                    }
                    .insert(&txn)
                    .await?;
                }
            }
        }
    }
    txn.commit().await?;
    Ok(report)
}
