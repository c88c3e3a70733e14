//! The details document: PDF by content, 5 MB at most, stored in the
//! database (one row per mission, changed with the sheet's version), served
//! as an attachment with our own name, only to those who may see the
//! mission.

use crate::common::{client, new_draft, spawn, TestApp};
use app::backend::entities::{mission, mission_document};
use reqwest::multipart::{Form, Part};
use reqwest::{header, Client};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const MANAGER: &str = "responsable.demo@numerique.gouv.fr";
const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";

/// The stored documents of mission `id`, checked against the mission's
/// reference: the mission points at its only row, or there is none.
async fn stored(app: &TestApp, id: i32) -> Vec<mission_document::Model> {
    let db = app.state.db.write();
    let rows = mission_document::Entity::find()
        .filter(mission_document::Column::MissionId.eq(id))
        .all(db)
        .await
        .unwrap();
    let m = mission::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(rows.len() <= 1, "{rows:?}");
    assert_eq!(
        m.details_document_id,
        rows.first().map(|r| r.id),
        "{rows:?}"
    );
    rows
}

/// Rows of `mission_documents`, all missions together.
async fn all_stored(app: &TestApp) -> u64 {
    mission_document::Entity::find()
        .count(app.state.db.write())
        .await
        .unwrap()
}

/// The sheet's version, as the editor's form sends it along (1 for an id
/// that does not exist).
async fn current_version(app: &TestApp, id: i32) -> String {
    mission::Entity::find_by_id(id)
        .one(app.state.db.read())
        .await
        .unwrap()
        .map_or(1, |m| m.version)
        .to_string()
}

async fn post(
    app: &TestApp,
    c: &Client,
    id: i32,
    name: &str,
    bytes: Vec<u8>,
    intent: &str,
    json: bool,
) -> reqwest::Response {
    let form = Form::new()
        .text("intent", intent.to_string())
        .text("version", current_version(app, id).await)
        .part("document", Part::bytes(bytes).file_name(name.to_string()));
    let mut req = c
        .post(format!(
            "{}/espace-administration/missions/{id}/document",
            app.base
        ))
        .multipart(form);
    if json {
        req = req.header(header::ACCEPT, "application/json");
    }
    req.send().await.expect("request")
}

/// An oversized upload: the server may answer before the body is all sent,
/// and then close the connection while the client is still writing.
async fn post_too_large(app: &TestApp, c: &Client, id: i32, bytes: Vec<u8>) {
    let form = Form::new()
        .text("intent", "joindre")
        .text("version", current_version(app, id).await)
        .part("document", Part::bytes(bytes).file_name("gros.pdf"));
    let res = c
        .post(format!(
            "{}/espace-administration/missions/{id}/document",
            app.base
        ))
        .header(header::ACCEPT, "application/json")
        .multipart(form)
        .send()
        .await;
    match res {
        Ok(res) => {
            let status = res.status().as_u16();
            assert!(matches!(status, 400 | 413), "{status}");
            let body = res.text().await.unwrap_or_default();
            assert!(
                body.contains("5 Mo") || body.contains("volumineuses"),
                "{body}"
            );
        }
        Err(e) => assert!(e.is_request(), "{e:?}"),
    }
}

#[tokio::test]
async fn a_pdf_is_attached_checked_by_content_and_served_safely() {
    let app = spawn().await;
    let manager = app.signed_in(MANAGER).await;
    let id = new_draft(&app, &manager).await;

    // Not a PDF, whatever its name: refused next to the field.
    let res = post(
        &app,
        &manager,
        id,
        "fiche.pdf",
        b"<html><script>alert(1)</script></html>".to_vec(),
        "joindre",
        true,
    )
    .await;
    assert_eq!(res.status().as_u16(), 400);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body.to_string().contains("pas un PDF"), "{body}");
    // Without JavaScript the editor comes back with the outcome.
    let res = post(
        &app,
        &manager,
        id,
        "fiche.pdf",
        b"GIF89a".to_vec(),
        "joindre",
        false,
    )
    .await;
    assert_eq!(res.status().as_u16(), 303);
    let to = res.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(
        to,
        format!("/espace-administration/missions/{id}/modifier?document=non_pdf#document")
    );
    let (status, page) = app.page(&manager, to.split('#').next().unwrap()).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("n’est pas un PDF valide"),
        "the message is shown next to the field"
    );
    // A refused upload stores nothing.
    assert!(stored(&app, id).await.is_empty());
    assert_eq!(all_stored(&app).await, 0);

    // Up to 5 MB is fine.
    let mut exact = b"%PDF-1.7\n".to_vec();
    exact.resize(5 * 1024 * 1024 - 6, b' ');
    exact.extend_from_slice(b"%%EOF\n");
    let res = post(
        &app,
        &manager,
        id,
        "juste.pdf",
        exact.clone(),
        "joindre",
        true,
    )
    .await;
    assert_eq!(res.status().as_u16(), 200);
    let rows = stored(&app, id).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].size, 5 * 1024 * 1024);
    assert!(rows[0].bytes == exact, "the bytes are stored as sent");
    let first = rows[0].id;
    // Over 5 MB: refused, whether the body stops midway or not, and the
    // document stays as it was.
    let mut big = PDF.to_vec();
    big.resize(5 * 1024 * 1024 + 1, b' ');
    post_too_large(&app, &manager, id, big).await;
    post_too_large(&app, &manager, id, vec![b'%'; 7 * 1024 * 1024]).await;
    let rows = stored(&app, id).await;
    assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), [first]);

    // An unknown intent is refused; a stale version too, and the version
    // moves on with the document (a moderator's review covers it).
    let res = post(&app, &manager, id, "x.pdf", PDF.to_vec(), "xyz", true).await;
    assert_eq!(res.status().as_u16(), 400);
    let (_, e) = app
        .json(&manager, "mission_editor", &[("id", &id.to_string())])
        .await;
    let before = e["version"].as_i64().unwrap();
    let with_version = |v: i64| {
        Form::new()
            .text("intent", "joindre")
            .text("version", v.to_string())
            .part("document", Part::bytes(PDF.to_vec()).file_name("v.pdf"))
    };
    let url_of_upload = format!("{}/espace-administration/missions/{id}/document", app.base);
    let res = manager
        .post(&url_of_upload)
        .header(header::ACCEPT, "application/json")
        .multipart(with_version(before - 1))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 409);
    // A version the sheet never had, or none, is refused too.
    let res = manager
        .post(&url_of_upload)
        .header(header::ACCEPT, "application/json")
        .multipart(with_version(before + 5))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 409);
    let without_version = Form::new()
        .text("intent", "joindre")
        .part("document", Part::bytes(PDF.to_vec()).file_name("v.pdf"));
    let res = manager
        .post(&url_of_upload)
        .header(header::ACCEPT, "application/json")
        .multipart(without_version)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 400);
    // A stale upload leaves the stored document alone.
    let rows = stored(&app, id).await;
    assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), [first]);
    assert_eq!(all_stored(&app).await, 1);
    let res = manager
        .post(&url_of_upload)
        .header(header::ACCEPT, "application/json")
        .multipart(with_version(before))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["version"].as_i64(), Some(before + 1));
    // Replaced: the previous row went with it.
    let rows = stored(&app, id).await;
    assert_eq!(rows.len(), 1);
    assert_ne!(rows[0].id, first);
    assert_eq!(rows[0].bytes, PDF);
    assert_eq!(all_stored(&app).await, 1);
    let res = post(&app, &manager, id, "", Vec::new(), "retirer", true).await;
    assert_eq!(res.status().as_u16(), 200);
    assert!(stored(&app, id).await.is_empty());
    assert_eq!(all_stored(&app).await, 0);

    // Nobody else may attach anything.
    let other = app.signed_in("responsable.demo@education.gouv.fr").await;
    let res = post(&app, &other, id, "x.pdf", PDF.to_vec(), "joindre", true).await;
    assert_eq!(res.status().as_u16(), 403);
    let res = post(&app, &client(), id, "x.pdf", PDF.to_vec(), "joindre", true).await;
    assert_eq!(res.status().as_u16(), 401);
    assert_eq!(all_stored(&app).await, 0);

    // A real PDF with a hostile name.
    let res = post(
        &app,
        &manager,
        id,
        "../../<b>Présentation</b>\u{202e}.pdf",
        PDF.to_vec(),
        "joindre",
        true,
    )
    .await;
    assert_eq!(res.status().as_u16(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    let url = body["url"].as_str().unwrap().to_string();
    assert_eq!(url, format!("/documents/missions/{id}"));
    assert!(
        body["label"].as_str().unwrap().ends_with("— PDF, 1 ko"),
        "{body}"
    );
    assert!(!body["label"].as_str().unwrap().contains('/'));

    // Stored in the database, one row for the mission, never under the
    // uploader's name.
    let rows = stored(&app, id).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].bytes, PDF);
    assert_eq!(rows[0].size as usize, PDF.len());
    let stored_id = rows[0].id;
    assert_eq!(all_stored(&app).await, 1);

    // Served to the owner as an attachment with our own ASCII name.
    let res = manager
        .get(format!("{}{url}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    let disposition = res.headers()[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        disposition.starts_with("attachment; filename=\"mission-"),
        "{disposition}"
    );
    assert!(
        disposition.is_ascii() && !disposition.contains(".."),
        "{disposition}"
    );
    assert_eq!(res.bytes().await.unwrap().as_ref(), PDF);
    // A draft's document is nobody else's business.
    let res = other
        .get(format!("{}{url}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);
    let res = client()
        .get(format!("{}{url}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 401);
    for bad in [
        "/documents/missions/abc",
        "/documents/missions/99999",
        "/documents/missions/..%2F..%2Fetc",
    ] {
        let res = client()
            .get(format!("{}{bad}", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 404, "{bad}");
    }

    // The editor's preview links it; replacing removes the old file.
    let (_, e) = app
        .json(&manager, "mission_editor", &[("id", &id.to_string())])
        .await;
    assert_eq!(e["preview"]["details_pdf_url"], url.as_str());
    let res = post(&app, &manager, id, "v2.pdf", PDF.to_vec(), "joindre", true).await;
    assert_eq!(res.status().as_u16(), 200);
    let rows = stored(&app, id).await;
    assert_eq!(rows.len(), 1);
    assert_ne!(rows[0].id, stored_id);
    assert_eq!(all_stored(&app).await, 1);

    // Removing it, without JavaScript.
    let res = post(&app, &manager, id, "", Vec::new(), "retirer", false).await;
    assert_eq!(res.status().as_u16(), 303);
    assert!(res.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .contains("document=retire"));
    assert!(stored(&app, id).await.is_empty());
    assert_eq!(all_stored(&app).await, 0);
    let res = manager
        .get(format!("{}{url}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 404);
}

#[tokio::test]
async fn a_published_missions_document_is_public() {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let app = spawn().await;
    let manager = app.signed_in(MANAGER).await;
    let id = new_draft(&app, &manager).await;
    let res = post(
        &app,
        &manager,
        id,
        "fiche.pdf",
        PDF.to_vec(),
        "joindre",
        true,
    )
    .await;
    assert_eq!(res.status().as_u16(), 200);
    let attached = stored(&app, id).await[0].id;
    // Published (as moderation would), it is for everyone.
    let row = mission::Entity::find_by_id(id)
        .one(app.state.db.write())
        .await
        .unwrap()
        .unwrap();
    let mut row: mission::ActiveModel = row.into();
    row.status = Set("publiee".into());
    row.update(app.state.db.write()).await.unwrap();
    let res = client()
        .get(format!("{}/documents/missions/{id}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()[header::CACHE_CONTROL], "public, no-cache");
    // And no longer changeable: the sheet is not editable once published.
    let res = post(
        &app,
        &manager,
        id,
        "autre.pdf",
        PDF.to_vec(),
        "joindre",
        true,
    )
    .await;
    assert_eq!(res.status().as_u16(), 409);
    let rows = stored(&app, id).await;
    assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), [attached]);
}

/// Documents of the versions that kept files in a directory move into the
/// database with `talents import-files`, once, keeping label and version.
#[tokio::test]
async fn files_of_the_former_upload_directory_move_into_the_database() {
    use app::backend::documents::import_files;
    use sea_orm::sea_query::Expr;
    let app = spawn().await;
    let manager = app.signed_in(MANAGER).await;
    let with_file = new_draft(&app, &manager).await;
    let file_gone = new_draft(&app, &manager).await;
    let not_ours = new_draft(&app, &manager).await;
    let dir = tempfile::tempdir().unwrap();
    let name = format!("{:032x}.pdf", 0xabcdef_u128);
    std::fs::write(dir.path().join(&name), PDF).unwrap();
    std::fs::write(dir.path().join("secret.txt"), b"nope").unwrap();
    let gone = format!("{:032x}.pdf", 42_u128);
    for (id, file) in [
        (with_file, name.as_str()),
        (file_gone, gone.as_str()),
        (not_ours, "../secret.txt"),
    ] {
        mission::Entity::update_many()
            .col_expr(mission::Column::DetailsPdfFile, Expr::value(file))
            .col_expr(
                mission::Column::DetailsPdfLabel,
                Expr::value("Détails de la mission (PDF, 1 ko)"),
            )
            .filter(mission::Column::Id.eq(id))
            .exec(app.state.db.write())
            .await
            .unwrap();
    }
    let editor = |id: i32| {
        let app = &app;
        let manager = &manager;
        async move {
            app.json(manager, "mission_editor", &[("id", &id.to_string())])
                .await
                .1
        }
    };
    let before = editor(with_file).await;
    assert!(before["preview"]["details_pdf_url"].is_null(), "{before}");

    let report = import_files(app.state.db.write(), dir.path())
        .await
        .unwrap();
    assert_eq!(report.moved, 1);
    assert_eq!(
        report.missing,
        [
            (file_gone, gone.clone()),
            (not_ours, "../secret.txt".into())
        ]
    );
    let rows = stored(&app, with_file).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].bytes, PDF);
    let after = editor(with_file).await;
    assert_eq!(after["version"], before["version"]);
    assert_eq!(
        after["preview"]["details_pdf_url"],
        format!("/documents/missions/{with_file}").as_str()
    );
    assert_eq!(
        after["preview"]["details_pdf_label"],
        "Détails de la mission (PDF, 1 ko)"
    );
    let res = manager
        .get(format!("{}/documents/missions/{with_file}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.bytes().await.unwrap().as_ref(), PDF);
    let m = mission::Entity::find_by_id(with_file)
        .one(app.state.db.write())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(m.details_pdf_file, None);
    assert!(stored(&app, file_gone).await.is_empty());
    assert!(stored(&app, not_ours).await.is_empty());

    // Once: a second run moves nothing more.
    let again = import_files(app.state.db.write(), dir.path())
        .await
        .unwrap();
    assert_eq!(again.moved, 0);
    assert_eq!(again.missing.len(), 2);
    assert_eq!(all_stored(&app).await, 1);

    // Attaching over a reference to a missing file replaces it.
    let res = post(
        &app,
        &manager,
        file_gone,
        "n.pdf",
        PDF.to_vec(),
        "joindre",
        true,
    )
    .await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(stored(&app, file_gone).await.len(), 1);
    let again = import_files(app.state.db.write(), dir.path())
        .await
        .unwrap();
    assert_eq!(again.missing, [(not_ours, "../secret.txt".into())]);
}
