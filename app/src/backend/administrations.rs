//! Administrations and who belongs to them (managed by moderators), and the
//! co-owners of a mission (invited by its owners).

use super::auth::find_or_create_user;
use super::entities::{administration, application, mission, mission_owner, user, user_role};
use super::mail::Mail;
use super::sheets::{authorize, authorize_global, MANAGER};
use super::state::AppState;
use crate::error::AppError;
use crate::model::{AdministrationRow, AdministrationsData, Member};
use crate::rights::Operation;
use crate::text::slugify;
use crate::validate::Checker;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, TransactionTrait,
};
use std::collections::HashMap;

/// Every administration with its members and how many missions it has.
pub async fn overview(state: &AppState, me: &user::Model) -> Result<AdministrationsData, AppError> {
    let db = state.db.read();
    authorize_global(db, me, Operation::ManageAdministrations).await?;
    let administrations = administration::Entity::find()
        .order_by_asc(administration::Column::Name)
        .all(db)
        .await?;
    let memberships = user_role::Entity::find()
        .filter(user_role::Column::Role.eq(MANAGER))
        .all(db)
        .await?;
    let emails: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(memberships.iter().map(|r| r.user_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.email))
        .collect();
    let mut members: HashMap<i32, Vec<Member>> = HashMap::new();
    for role in memberships {
        if let (Some(a), Some(email)) = (role.administration_id, emails.get(&role.user_id)) {
            members.entry(a).or_default().push(Member {
                id: role.id,
                email: email.clone(),
            });
        }
    }
    let counts: HashMap<i32, i64> = mission::Entity::find()
        .select_only()
        .column(mission::Column::AdministrationId)
        .column_as(mission::Column::Id.count(), "n")
        .group_by(mission::Column::AdministrationId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(AdministrationsData {
        administrations: administrations
            .into_iter()
            .map(|a| {
                let mut members = members.remove(&a.id).unwrap_or_default();
                members.sort_by(|x, y| x.email.cmp(&y.email));
                AdministrationRow {
                    missions: counts.get(&a.id).copied().unwrap_or(0).max(0) as u64,
                    id: a.id,
                    name: a.name,
                    acronym: a.acronym,
                    members,
                }
            })
            .collect(),
    })
}

/// A new administration (name and acronym, unique by name).
pub async fn create(
    state: &AppState,
    me: &user::Model,
    name: &str,
    acronym: &str,
) -> Result<i32, AppError> {
    let db = state.db.write();
    authorize_global(db, me, Operation::ManageAdministrations).await?;
    // One line each: line breaks and tabs become spaces.
    let one_line = |raw: &str| -> String {
        raw.chars()
            .map(|ch| if ch.is_control() { ' ' } else { ch })
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut c = Checker::new();
    let name = c.text(
        "name",
        &one_line(name),
        true,
        3,
        150,
        "le nom de l’administration",
    );
    let acronym = c.text("acronym", &one_line(acronym), true, 2, 20, "le sigle");
    c.finish()?;
    let taken = || {
        let mut c = Checker::new();
        c.keep("name", &name);
        c.keep("acronym", &acronym);
        c.fail("name", "Une administration porte déjà ce nom.");
        c.rejection()
    };
    // Unique whatever the case, accents or Unicode form, and by address.
    let slug = slugify(&name);
    let folded = crate::text::fold(&name);
    let exists = administration::Entity::find()
        .all(db)
        .await?
        .iter()
        .any(|a| a.slug == slug || crate::text::fold(&a.name) == folded);
    if exists || slug.is_empty() {
        return Err(taken());
    }
    let created = administration::ActiveModel {
        slug: Set(slug),
        name: Set(name.clone()),
        acronym: Set(acronym.clone()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    // The same name sent twice at once: the unique address keeps one.
    .map_err(|_| taken())?;
    Ok(created.id)
}

/// Checks a professional address typed in field `name`.
fn professional_email(
    state: &AppState,
    c: &mut Checker,
    name: &str,
    raw: &str,
    what: &str,
) -> String {
    let email = c.email(name, raw, what);
    if !email.is_empty() && crate::validate::is_email(&email) && !state.config.accepts_email(&email)
    {
        c.fail(
            name,
            "Seules les adresses professionnelles de l’administration sont acceptées (par exemple prenom.nom@ministere.gouv.fr).",
        );
    }
    email
}

/// Makes `email` a member (responsable de mission) of an administration and
/// tells them. Returns the member's address.
pub async fn add_member(
    state: &AppState,
    me: &user::Model,
    administration_id: &str,
    email: &str,
) -> Result<String, AppError> {
    let db = state.db.write();
    authorize_global(db, me, Operation::ManageAdministrations).await?;
    let not_found = || AppError::NotFound("Cette administration n’existe pas.".into());
    let id: i32 = administration_id.trim().parse().map_err(|_| not_found())?;
    let admin = administration::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    let mut c = Checker::new();
    c.keep("administration", &id.to_string());
    let email = professional_email(state, &mut c, "email", email, "l’adresse du membre");
    c.finish()?;
    let member = find_or_create_user(state, &email).await?;
    let inserted = user_role::ActiveModel {
        user_id: Set(member.id),
        role: Set(MANAGER.into()),
        administration_id: Set(Some(id)),
        ..Default::default()
    }
    .insert(db)
    .await;
    if let Err(e) = inserted {
        // Already a member (the unique index refused the row, also when the
        // same address is added twice at once).
        let member_already = user_role::Entity::find()
            .filter(user_role::Column::UserId.eq(member.id))
            .filter(user_role::Column::Role.eq(MANAGER))
            .filter(user_role::Column::AdministrationId.eq(id))
            .count(db)
            .await?
            > 0;
        if !member_already {
            return Err(e.into());
        }
        let mut c = Checker::new();
        c.keep("administration", &id.to_string());
        c.keep("email", &email);
        c.fail(
            "email",
            format!("{email} est déjà membre de cette administration."),
        );
        return Err(c.rejection());
    }
    let body = format!(
        "Bonjour,\n\nLa modération de Talents numériques vous a ajouté comme responsable de mission pour {} ({}).\n\nVous pouvez désormais proposer des missions et suivre leurs candidatures : {}/espace-administration\n\nPour vous connecter, demandez un lien avec cette adresse ({email}).\n\n— L’équipe Talents numériques (DINUM)\n",
        admin.name, admin.acronym, state.config.public_url
    );
    state
        .mailer
        .send(
            db,
            Mail {
                to: email.clone(),
                subject: format!("Vous êtes responsable de mission pour {}", admin.acronym),
                body: body.clone(),
                journal_body: body,
            },
        )
        .await?;
    Ok(email)
}

/// Ends a membership (the person keeps the missions they co-own).
pub async fn remove_member(
    state: &AppState,
    me: &user::Model,
    membership_id: &str,
) -> Result<(), AppError> {
    let db = state.db.write();
    authorize_global(db, me, Operation::ManageAdministrations).await?;
    let not_found = || AppError::NotFound("Ce membre n’existe pas ou a déjà été retiré.".into());
    let id: i32 = membership_id.trim().parse().map_err(|_| not_found())?;
    let deleted = user_role::Entity::delete_many()
        .filter(user_role::Column::Id.eq(id))
        .filter(user_role::Column::Role.eq(MANAGER))
        .exec(db)
        .await?
        .rows_affected;
    if deleted == 0 {
        return Err(not_found());
    }
    Ok(())
}

/// Adds a colleague as co-owner of a mission and tells them by e-mail.
pub async fn invite_co_owner(
    state: &AppState,
    me: &user::Model,
    mission_id: i32,
    email: &str,
) -> Result<String, AppError> {
    let db = state.db.write();
    let (m, _) = authorize(db, me, mission_id, Operation::InviteCoOwner).await?;
    let mut c = Checker::new();
    let email = professional_email(state, &mut c, "email", email, "l’adresse de votre collègue");
    c.finish()?;
    let invited = find_or_create_user(state, &email).await?;
    let refuse = |message: String| {
        let mut c = Checker::new();
        c.keep("email", &email);
        c.fail("email", message);
        c.rejection()
    };
    let applied = application::Entity::find()
        .filter(application::Column::MissionId.eq(m.id))
        .filter(application::Column::UserId.eq(invited.id))
        .count(db)
        .await?
        > 0;
    if applied {
        return Err(refuse(format!(
            "{email} a candidaté à cette mission : une personne candidate ne peut pas en être responsable."
        )));
    }
    let already = || refuse(format!("{email} est déjà responsable de cette mission."));
    let inserted = mission_owner::ActiveModel {
        mission_id: Set(m.id),
        user_id: Set(invited.id),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await;
    if let Err(e) = inserted {
        // Already an owner (the key refused the row, also when the same
        // invitation is sent twice at once).
        let now_there = mission_owner::Entity::find_by_id((m.id, invited.id))
            .one(db)
            .await?
            .is_some();
        return Err(if now_there { already() } else { e.into() });
    }
    let title = if m.title.is_empty() {
        "(mission sans titre)".to_string()
    } else {
        m.title.clone()
    };
    let body = format!(
        "Bonjour,\n\n{} vous a ajouté comme co-responsable de la mission « {title} » sur Talents numériques.\n\nVous pouvez modifier sa fiche et suivre ses candidatures : {}/espace-administration/missions/{}/modifier\n\nPour vous connecter, demandez un lien avec cette adresse ({email}).\n\n— L’équipe Talents numériques (DINUM)\n",
        me.email, state.config.public_url, m.id
    );
    state
        .mailer
        .send(
            db,
            Mail {
                to: email.clone(),
                subject: "Vous êtes co-responsable d’une mission".into(),
                body: body.clone(),
                journal_body: body,
            },
        )
        .await?;
    Ok(email)
}

/// Removes one of a mission's owners (an owner or a moderator may), never
/// the last one.
pub async fn remove_co_owner(
    state: &AppState,
    me: &user::Model,
    mission_id: i32,
    email: &str,
) -> Result<(), AppError> {
    let db = state.db.write();
    let (m, _) = authorize(db, me, mission_id, Operation::RemoveCoOwner).await?;
    let not_owner =
        || AppError::NotFound("Cette personne n’est pas responsable de la mission.".into());
    let folded = super::auth::fold_email(email);
    let owner = user::Entity::find()
        .filter(user::Column::EmailFolded.eq(folded))
        .one(db)
        .await?
        .ok_or_else(not_owner)?;
    let txn = db.begin().await?;
    let owners = mission_owner::Entity::find()
        .filter(mission_owner::Column::MissionId.eq(m.id))
        .count(&txn)
        .await?;
    if owners <= 1 {
        return Err(AppError::Conflict(
            "Une mission garde au moins un responsable : invitez d’abord la personne qui prendra le relais.".into(),
        ));
    }
    let deleted = mission_owner::Entity::delete_by_id((m.id, owner.id))
        .exec(&txn)
        .await?
        .rows_affected;
    if deleted == 0 {
        return Err(not_owner());
    }
    txn.commit().await?;
    Ok(())
}
