//! The optional details document of a mission: a PDF, recognised by its
//! content (not its name), at most `document::MAX_BYTES`, stored in the
//! database (`mission_documents`, one row per mission, so every instance
//! serves it), and served as an attachment with a file name of our own.

use super::entities::{mission, mission_document, user};
use super::sheets::{self, authorize, status_of};
use super::state::AppState;
use crate::document::{check_pdf, label_for, DocumentProblem};
use crate::error::AppError;
use crate::lifecycle::MissionStatus;
use crate::model::LiveEvent;
use crate::rights::{Caller, Operation};
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, TransactionTrait,
};
use std::collections::BTreeMap;

/// Where the public and the editor find a mission's document.
pub fn url_of(m: &mission::Model) -> Option<String> {
    m.details_document_id
        .map(|_| format!("/documents/missions/{}", m.id))
}

/// Makes `bytes` (None: nothing) the only document of mission `id`, inside
/// the caller's transaction, after the mission's row was updated (on
/// PostgreSQL that update holds the row's lock, so changes of one mission's
/// document take turns): the previous row is deleted, the new one inserted
/// and referenced from the mission.
async fn replace_row(
    txn: &impl ConnectionTrait,
    id: i32,
    bytes: Option<&[u8]>,
) -> Result<(), sea_orm::DbErr> {
    mission_document::Entity::delete_many()
        .filter(mission_document::Column::MissionId.eq(id))
        .exec(txn)
        .await?;
    let Some(bytes) = bytes else {
        return Ok(());
    };
    // `insert` without reading the row back: the bytes go one way only.
    let row = mission_document::ActiveModel {
        mission_id: Set(id),
        bytes: Set(bytes.to_vec()),
        size: Set(i32::try_from(bytes.len()).unwrap_or(i32::MAX)),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    let document = mission_document::Entity::insert(row)
        .exec(txn)
        .await?
        .last_insert_id;
    mission::Entity::update_many()
        .col_expr(
            mission::Column::DetailsDocumentId,
            Expr::value(Some(document)),
        )
        .filter(mission::Column::Id.eq(id))
        .exec(txn)
        .await?;
    Ok(())
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
/// and announced to the other open editors, all in one transaction with the
/// sheet's row locked, as a save: the document's row exists exactly when the
/// new version does. Refused when someone else changed the document since
/// `base` (edits of the other fields meanwhile do not matter). Returns the
/// new version.
async fn store(
    state: &AppState,
    me: &user::Model,
    id: i32,
    caller: Caller,
    base: Option<i32>,
    bytes: Option<&[u8]>,
    label: &str,
) -> Result<i32, AppError> {
    // The form always sends the version it shows.
    let base = base.ok_or(AppError::BadRequest)?;
    let txn = state.db.write().begin().await?;
    let m = sheets::lock_for_edit(&txn, id, caller, base).await?;
    let since = sheets::revisions_since(&txn, id, base).await?;
    if since.iter().any(|r| r.changes.contains_key(FIELD)) {
        return Err(stale());
    }
    mission::Entity::update_many()
        .col_expr(mission::Column::DetailsDocumentId, Expr::value(None::<i32>))
        // A file of the former upload directory is replaced too.
        .col_expr(mission::Column::DetailsPdfFile, Expr::value(None::<String>))
        .col_expr(
            mission::Column::DetailsPdfLabel,
            Expr::value(label.to_string()),
        )
        .col_expr(mission::Column::Version, Expr::value(m.version + 1))
        .col_expr(mission::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(mission::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    replace_row(&txn, id, bytes).await?;
    let change = (m.details_pdf_label.clone(), label.to_string());
    let changes = BTreeMap::from([(FIELD.to_string(), change)]);
    sheets::record_revision(&txn, id, m.version + 1, me, &changes).await?;
    txn.commit().await?;
    state
        .live
        .publish(LiveEvent::Saved {
            mission: id,
            version: m.version + 1,
            client: String::new(),
            by: sheets::display_name(me),
            fields: vec![FIELD.to_string()],
        })
        .await;
    Ok(m.version + 1)
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
    let (_, caller) = authorize(state.db.write(), me, id, Operation::EditSheet).await?;
    check_pdf(bytes).map_err(DocumentProblem::error)?;
    let label = label_for(original_name, bytes.len());
    let version = store(state, me, id, caller, base, Some(bytes), &label).await?;
    Ok((label, version))
}

/// Removes the document of a mission the caller may edit; the new version.
pub async fn detach(
    state: &AppState,
    me: &user::Model,
    id: i32,
    base: Option<i32>,
) -> Result<i32, AppError> {
    let (_, caller) = authorize(state.db.write(), me, id, Operation::EditSheet).await?;
    store(state, me, id, caller, base, None, "").await
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
    if m.details_document_id.is_none() {
        return Err(not_found());
    }
    // The mission's only row: if it was replaced since the mission was
    // read, the new document.
    let bytes: Vec<u8> = mission_document::Entity::find()
        .filter(mission_document::Column::MissionId.eq(m.id))
        .select_only()
        .column(mission_document::Column::Bytes)
        .into_tuple()
        .one(db)
        .await?
        .ok_or_else(|| {
            tracing::warn!(mission = id, "no document row (removed meanwhile?)");
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

/// What `talents import-files` did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FilesImport {
    /// Documents moved into the database.
    pub moved: u64,
    /// Missions whose file was not found (`(mission id, file name)`); their
    /// reference is kept, so that a run with the right directory still
    /// finds them.
    pub missing: Vec<(i32, String)>,
}

/// Moves the documents of the former upload directory (`TALENTS_FILES_DIR`
/// of the versions that stored files) into the database: each mission whose
/// `details_pdf_file` still names a file there gets it as its document,
/// with the same label and version (the document itself did not change).
/// One transaction per mission; running it again moves only what is left.
/// The files stay where they are.
pub async fn import_files(
    db: &sea_orm::DatabaseConnection,
    dir: &std::path::Path,
) -> Result<FilesImport, String> {
    let db_err = |e: sea_orm::DbErr| format!("erreur de la base : {e}");
    let legacy: Vec<(i32, String)> = mission::Entity::find()
        .select_only()
        .column(mission::Column::Id)
        .column(mission::Column::DetailsPdfFile)
        .filter(mission::Column::DetailsPdfFile.is_not_null())
        .order_by_asc(mission::Column::Id)
        .into_tuple::<(i32, Option<String>)>()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .filter_map(|(id, name)| Some((id, name?)))
        .collect();
    let mut report = FilesImport::default();
    for (id, name) in legacy {
        // Those versions named files themselves: 32 hexadecimal characters
        // and `.pdf`, nothing that could leave the directory.
        let ours = name
            .strip_suffix(".pdf")
            .is_some_and(|s| s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit()));
        let bytes = match ours {
            true => tokio::fs::read(dir.join(&name)).await.ok(),
            false => None,
        };
        let Some(bytes) = bytes else {
            report.missing.push((id, name));
            continue;
        };
        let txn = db.begin().await.map_err(db_err)?;
        // Unless the document changed meanwhile (a serving instance).
        let claimed = mission::Entity::update_many()
            .col_expr(mission::Column::DetailsPdfFile, Expr::value(None::<String>))
            .filter(mission::Column::Id.eq(id))
            .filter(mission::Column::DetailsPdfFile.eq(name.as_str()))
            .exec(&txn)
            .await
            .map_err(db_err)?
            .rows_affected;
        if claimed == 1 {
            replace_row(&txn, id, Some(&bytes)).await.map_err(db_err)?;
            txn.commit().await.map_err(db_err)?;
            report.moved += 1;
        }
    }
    Ok(report)
}
