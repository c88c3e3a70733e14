//! The optional details document of a mission: a PDF, recognised by its
//! content (not its name), at most `document::MAX_BYTES`, stored under
//! `TALENTS_FILES_DIR` (outside the web root) with a random name, and served
//! as an attachment with a file name of our own.

use super::entities::{mission, user};
use super::sheets::{authorize, status_of};
use super::state::AppState;
use crate::document::{check_pdf, label_for, DocumentProblem};
use crate::error::AppError;
use crate::rights::Operation;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
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

/// Attaches (or replaces) the document of a mission the caller may edit.
/// Returns the label now shown.
pub async fn attach(
    state: &AppState,
    me: &user::Model,
    id: i32,
    original_name: &str,
    bytes: &[u8],
) -> Result<String, AppError> {
    let db = state.db.write();
    let (m, _) = authorize(db, me, id, Operation::EditSheet).await?;
    check_pdf(bytes).map_err(DocumentProblem::error)?;
    let dir = &state.config.files_dir;
    tokio::fs::create_dir_all(dir).await.map_err(io_error)?;
    let name = format!("{:032x}.pdf", rand::random::<u128>());
    let path = dir.join(&name);
    let partial = dir.join(format!("{name}.part"));
    tokio::fs::write(&partial, bytes).await.map_err(io_error)?;
    tokio::fs::rename(&partial, &path).await.map_err(io_error)?;
    let label = label_for(original_name, bytes.len());
    let old = m.details_pdf_file.clone();
    let mut row: mission::ActiveModel = m.into();
    row.details_pdf_file = Set(Some(name));
    row.details_pdf_label = Set(label.clone());
    row.updated_at = Set(Utc::now());
    if let Err(e) = row.update(db).await {
        let _ = tokio::fs::remove_file(&path).await;
        return Err(e.into());
    }
    remove_stored(state, old.as_deref()).await;
    Ok(label)
}

/// Removes the document of a mission the caller may edit.
pub async fn detach(state: &AppState, me: &user::Model, id: i32) -> Result<(), AppError> {
    let db = state.db.write();
    let (m, _) = authorize(db, me, id, Operation::EditSheet).await?;
    let old = m.details_pdf_file.clone();
    let mut row: mission::ActiveModel = m.into();
    row.details_pdf_file = Set(None);
    row.details_pdf_label = Set(String::new());
    row.updated_at = Set(Utc::now());
    row.update(db).await?;
    remove_stored(state, old.as_deref()).await;
    Ok(())
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
    let public = status_of(&m).public();
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
