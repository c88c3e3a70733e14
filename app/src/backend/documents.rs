//! The optional details document of a mission: a PDF, recognised by its
//! content (not its name), at most `document::MAX_BYTES`, stored under
//! `TALENTS_FILES_DIR` (outside the web root) with a random name, and served
//! as an attachment with a file name of our own.

use super::entities::{mission, user};
use super::sheets::{self, authorize, status_of};
use super::state::AppState;
use crate::document::{check_pdf, label_for, DocumentProblem};
use crate::error::AppError;
use crate::lifecycle::MissionStatus;
use crate::model::LiveEvent;
use crate::rights::Operation;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Where the public and the editor find a mission's document.
pub fn url_of(m: &mission::Model) -> Option<String> {
    m.details_pdf_file
        .as_ref()
        .map(|_| format!("/documents/missions/{}", m.id))
}

/// Stored names are ours: 32 hexadecimal characters and `.pdf`.
fn stored_path(state: &AppState, name: &str) -> Option<PathBuf> {
    let stem = name.strip_suffix(".pdf")?;
    (stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| state.config.files_dir.join(name))
}

/// Checks that `me` may change the document of mission `id` (before its
/// body is read).
pub async fn may_edit(state: &AppState, me: &user::Model, id: i32) -> Result<(), AppError> {
    authorize(state.db.write(), me, id, Operation::EditSheet)
        .await
        .map(|_| ())
}

/// The sheet changed under the caller (another save or upload).
fn stale() -> AppError {
    AppError::Conflict(
        "La fiche a été modifiée entre-temps : rechargez la page pour repartir de sa dernière version.".into(),
    )
}

/// Sets the mission's document (None: removes it) and moves the version on
/// (a moderator's review covers the document too), recorded as a revision
/// and announced to the other open editors. Refused when someone else
/// changed the document since `base` (edits of the other fields meanwhile
/// do not matter). Returns the new version and the file it replaced.
async fn store(
    state: &AppState,
    me: &user::Model,
    m: &mission::Model,
    base: Option<i32>,
    file: Option<&str>,
    label: &str,
) -> Result<(i32, Option<String>), AppError> {
    let db = state.db.write();
    let mut m = m.clone();
    for _ in 0..20 {
        if let Some(base) = base.filter(|b| *b < m.version) {
            let since = sheets::revisions_since(db, m.id, base).await?;
            if since.iter().any(|r| r.changes.contains_key(FIELD)) {
                return Err(stale());
            }
        }
        let txn = db.begin().await?;
        let changed = mission::Entity::update_many()
            .col_expr(
                mission::Column::DetailsPdfFile,
                Expr::value(file.map(str::to_string)),
            )
            .col_expr(
                mission::Column::DetailsPdfLabel,
                Expr::value(label.to_string()),
            )
            .col_expr(mission::Column::Version, Expr::value(m.version + 1))
            .col_expr(mission::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(mission::Column::Id.eq(m.id))
            .filter(mission::Column::Version.eq(m.version))
            .exec(&txn)
            .await?
            .rows_affected;
        if changed == 1 {
            let change = (m.details_pdf_label.clone(), label.to_string());
            let changes = BTreeMap::from([(FIELD.to_string(), change)]);
            sheets::record_revision(&txn, m.id, m.version + 1, me, &changes).await?;
            txn.commit().await?;
            state
                .live
                .publish(LiveEvent::Saved {
                    mission: m.id,
                    version: m.version + 1,
                    client: String::new(),
                    by: sheets::display_name(me),
                    fields: vec![FIELD.to_string()],
                })
                .await;
            return Ok((m.version + 1, m.details_pdf_file));
        }
        drop(txn);
        m = mission::Entity::find_by_id(m.id)
            .one(db)
            .await?
            .ok_or_else(|| AppError::NotFound("Cette mission n’existe pas.".into()))?;
    }
    Err(stale())
}

/// The name of the document in revisions and live events.
const FIELD: &str = "document";

/// Attaches (or replaces) the document of a mission the caller may edit.
/// Returns the label now shown and the sheet's new version.
pub async fn attach(
    state: &AppState,
    me: &user::Model,
    id: i32,
    base: Option<i32>,
    original_name: &str,
    bytes: &[u8],
) -> Result<(String, i32), AppError> {
    let db = state.db.write();
    let (m, _) = authorize(db, me, id, Operation::EditSheet).await?;
    check_pdf(bytes).map_err(DocumentProblem::error)?;
    let dir = &state.config.files_dir;
    tokio::fs::create_dir_all(dir).await.map_err(io_error)?;
    let name = format!("{:032x}.pdf", rand::random::<u128>());
    let path = dir.join(&name);
    let partial = dir.join(format!("{name}.part"));
    if let Err(e) = tokio::fs::write(&partial, bytes).await {
        let _ = tokio::fs::remove_file(&partial).await;
        return Err(io_error(e));
    }
    tokio::fs::rename(&partial, &path).await.map_err(io_error)?;
    let label = label_for(original_name, bytes.len());
    match store(state, me, &m, base, Some(&name), &label).await {
        Ok((version, replaced)) => {
            remove_stored(state, replaced.as_deref()).await;
            Ok((label, version))
        }
        Err(e) => {
            // Not referenced: never leave it behind.
            let _ = tokio::fs::remove_file(&path).await;
            Err(e)
        }
    }
}

/// Removes the document of a mission the caller may edit; the new version.
pub async fn detach(
    state: &AppState,
    me: &user::Model,
    id: i32,
    base: Option<i32>,
) -> Result<i32, AppError> {
    let db = state.db.write();
    let (m, _) = authorize(db, me, id, Operation::EditSheet).await?;
    let (version, replaced) = store(state, me, &m, base, None, "").await?;
    remove_stored(state, replaced.as_deref()).await;
    Ok(version)
}

async fn remove_stored(state: &AppState, name: Option<&str>) {
    if let Some(path) = name.and_then(|n| stored_path(state, n)) {
        if let Err(e) = tokio::fs::remove_file(&path).await {
            tracing::warn!(error = %e, "could not remove a replaced document");
        }
    }
}

/// A document to send: its bytes, the download name, and whether anyone may
/// see it (published mission) or only its owners and the moderators.
pub struct Download {
    pub bytes: Vec<u8>,
    pub file_name: String,
    pub public: bool,
}

/// The document of a mission: public once the mission is published,
/// otherwise only for those who may see the whole sheet.
pub async fn open(
    state: &AppState,
    me: Option<&user::Model>,
    id: i32,
) -> Result<Download, AppError> {
    let db = state.db.read();
    let not_found =
        || AppError::NotFound("Ce document n’existe pas ou n’est plus disponible.".into());
    let m = mission::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    // Published, or published and past its deadline (its page stays readable).
    let public = matches!(
        status_of(&m),
        MissionStatus::Published | MissionStatus::Expired
    );
    let m = if public {
        m
    } else {
        let me = me.ok_or(AppError::Unauthenticated)?;
        authorize(state.db.write(), me, id, Operation::ViewSheet)
            .await?
            .0
    };
    let path = m
        .details_pdf_file
        .as_deref()
        .and_then(|n| stored_path(state, n))
        .ok_or_else(not_found)?;
    let bytes = tokio::fs::read(&path).await.map_err(|e| {
        tracing::error!(error = %e, mission = id, "a stored document is missing");
        not_found()
    })?;
    let slug: String = crate::text::slugify(&m.title).chars().take(60).collect();
    let slug = slug.strip_prefix("mission-").unwrap_or(&slug).to_string();
    let file_name = if slug.is_empty() {
        format!("mission-{id}.pdf")
    } else {
        format!("mission-{slug}.pdf")
    };
    Ok(Download {
        bytes,
        file_name,
        public,
    })
}

fn io_error(e: std::io::Error) -> AppError {
    tracing::error!(error = %e, "document storage failed");
    AppError::Internal
}
