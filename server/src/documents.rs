//! The routes of mission documents (multipart uploads do not suit server
//! functions, and downloads need their own headers):
//!
//! - `POST /espace-administration/missions/{id}/document` (multipart:
//!   `document`, the file, and `intent`, `joindre` or `retirer`). A browser
//!   form without JavaScript is sent back to the editor (303) with the outcome
//!   in `?document=`; a request with `Accept: application/json` gets JSON
//!   (the label, or the `AppError` with its status).
//! - `GET /documents/missions/{id}`: the PDF, as an attachment.

use app::backend::auth::{session_token_from, user_for_session};
use app::backend::documents::{self, Download};
use app::backend::entities::user;
use app::backend::state::AppState;
use app::document::{DocumentProblem, MAX_BYTES};
use app::error::AppError;
use axum::body::Body;
use axum::extract::{FromRequest, Multipart, Path, Request};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

/// Uploads may be this large (the document plus the form's framing); every
/// other request keeps the server's general limit.
pub const UPLOAD_BODY_BYTES: usize = MAX_BYTES + 64 * 1024;

pub fn is_upload(path: &str) -> bool {
    path.starts_with("/espace-administration/missions/") && path.ends_with("/document")
}

pub(crate) async fn current_user(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<user::Model>, AppError> {
    match session_token_from(headers) {
        Some(token) => user_for_session(state, &token).await,
        None => Ok(None),
    }
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

fn json(status: u16, value: &impl serde::Serialize) -> Response {
    let mut res = Response::new(Body::from(serde_json::to_vec(value).unwrap_or_default()));
    *res.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    res
}

/// What the form sent: the intent, and the file's name and bytes if any.
struct Upload {
    intent: String,
    /// The sheet's version the form was shown at.
    version: Option<i32>,
    file: Option<(String, Vec<u8>)>,
}

/// At most this many uploads are read at once (each holds up to 5 MB).
static UPLOADS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(4);

async fn read_upload(req: Request) -> Result<Upload, DocumentProblem> {
    // A declared size over the limit is refused before reading anything.
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > UPLOAD_BODY_BYTES) {
        return Err(DocumentProblem::TooLarge);
    }
    let mut form = Multipart::from_request(req, &())
        .await
        .map_err(|_| DocumentProblem::Missing)?;
    let mut upload = Upload {
        intent: String::new(),
        version: None,
        file: None,
    };
    loop {
        let field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            // The body limit stops an oversized upload midway.
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(DocumentProblem::TooLarge)
            }
            Err(_) => return Err(DocumentProblem::Missing),
        };
        match field.name() {
            Some("version") => {
                upload.version = field.text().await.ok().and_then(|v| v.trim().parse().ok());
            }
            Some("intent") => {
                upload.intent = field
                    .text()
                    .await
                    .unwrap_or_default()
                    .chars()
                    .take(20)
                    .collect();
            }
            Some("document") => {
                let name = field.file_name().unwrap_or_default().to_string();
                let mut field = field;
                let mut bytes = Vec::new();
                loop {
                    match field.chunk().await {
                        Ok(Some(chunk)) => {
                            if bytes.len() + chunk.len() > MAX_BYTES {
                                return Err(DocumentProblem::TooLarge);
                            }
                            bytes.extend_from_slice(&chunk);
                        }
                        Ok(None) => break,
                        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                            return Err(DocumentProblem::TooLarge)
                        }
                        Err(_) => return Err(DocumentProblem::Missing),
                    }
                }
                // A browser sends an empty part when no file was chosen.
                if !(name.is_empty() && bytes.is_empty()) {
                    upload.file = Some((name, bytes));
                }
            }
            _ => {}
        }
    }
    Ok(upload)
}

/// Reads and drops a refused upload's body (never more than the limit), so
/// that the client gets the answer instead of a connection reset while it
/// is still sending.
async fn drain(body: Body) {
    use futures::StreamExt;
    let mut stream = body.into_data_stream();
    let mut total = 0usize;
    while let Some(Ok(chunk)) = stream.next().await {
        total += chunk.len();
        if total > UPLOAD_BODY_BYTES {
            break;
        }
    }
}

pub async fn upload(state: AppState, Path(id): Path<String>, req: Request) -> Response {
    let headers = req.headers().clone();
    let json_wanted = wants_json(&headers);
    let editor = |outcome: &str| {
        Redirect::to(&format!(
            "/espace-administration/missions/{id}/modifier?document={outcome}#document"
        ))
        .into_response()
    };
    let Ok(mission_id) = id.parse::<i32>() else {
        let err = AppError::NotFound("Cette mission n’existe pas.".into());
        return json(err.status(), &err);
    };
    let me = match current_user(&state, &headers).await {
        Ok(Some(me)) => me,
        Ok(None) if json_wanted => {
            drain(req.into_body()).await;
            return json(401, &AppError::Unauthenticated);
        }
        Ok(None) => {
            drain(req.into_body()).await;
            return Redirect::to(&format!(
                "/connexion?suite=/espace-administration/missions/{mission_id}/modifier"
            ))
            .into_response();
        }
        Err(err) => return json(err.status(), &err),
    };
    // Rights first: nobody else makes the server read a large body.
    if let Err(err) = documents::may_edit(&state, &me, mission_id).await {
        drain(req.into_body()).await;
        return if json_wanted {
            json(err.status(), &err)
        } else {
            error_page(&err)
        };
    }
    let Ok(_permit) = UPLOADS.acquire().await else {
        return json(503, &AppError::Internal);
    };
    let read = read_upload(req).await;
    // The rest of an oversized body is never read, so the connection cannot
    // serve another request: say so, or the client may reuse it and fail.
    let close = matches!(read, Err(DocumentProblem::TooLarge));
    let mut res = answer(&state, &me, mission_id, read, json_wanted, editor).await;
    if close {
        res.headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    res
}

async fn answer(
    state: &AppState,
    me: &user::Model,
    mission_id: i32,
    read: Result<Upload, DocumentProblem>,
    json_wanted: bool,
    editor: impl Fn(&str) -> Response,
) -> Response {
    let result = match read {
        Err(problem) => Err(problem.error()),
        Ok(u) => match (u.intent.as_str(), u.file) {
            ("retirer", _) => documents::detach(state, me, mission_id, u.version)
                .await
                .map(|v| ("retire", String::new(), v)),
            ("joindre", None) => Err(DocumentProblem::Missing.error()),
            ("joindre", Some((name, bytes))) => {
                documents::attach(state, me, mission_id, u.version, &name, &bytes)
                    .await
                    .map(|(label, v)| ("joint", label, v))
            }
            _ => Err(AppError::BadRequest),
        },
    };
    match (result, json_wanted) {
        (Ok((outcome, label, version)), true) => json(
            200,
            &serde_json::json!({
                "outcome": outcome,
                "label": label,
                "version": version,
                "url": (outcome == "joint").then(|| format!("/documents/missions/{mission_id}")),
            }),
        ),
        (Ok((outcome, _, _)), false) => editor(outcome),
        (Err(err), true) => json(err.status(), &err),
        (Err(err), false) => match DocumentProblem::ALL
            .into_iter()
            .find(|p| err.field("document").as_deref() == Some(p.message()))
        {
            Some(problem) => editor(problem.code()),
            None => error_page(&err),
        },
    }
}

pub async fn download(state: AppState, Path(id): Path<String>, headers: HeaderMap) -> Response {
    let result = async {
        let id = id
            .parse::<i32>()
            .map_err(|_| AppError::NotFound("Ce document n’existe pas.".into()))?;
        let me = current_user(&state, &headers).await?;
        documents::open(&state, me.as_ref(), id).await
    }
    .await;
    match result {
        Ok(Download {
            bytes,
            file_name,
            public,
        }) => {
            let mut res = Response::new(Body::from(bytes));
            let h = res.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            );
            // Our own ASCII name (a slug), never the uploader's.
            if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            h.insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            h.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'none'; sandbox"),
            );
            h.insert(
                header::CACHE_CONTROL,
                // Always revalidated: a replaced or withdrawn document must
                // not outlive its change in a shared cache.
                HeaderValue::from_static(if public {
                    "public, no-cache"
                } else {
                    "private, no-store"
                }),
            );
            res
        }
        Err(err) => error_page(&err),
    }
}

/// A short French page for a refusal reached by following a link.
fn error_page(err: &AppError) -> Response {
    let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::BAD_REQUEST);
    let next = match err {
        AppError::Unauthenticated => "<p><a href=\"/connexion\">Se connecter</a></p>",
        _ => "",
    };
    let page = format!(
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Document indisponible — Talents numériques</title></head>\
         <body><main><h1>Document indisponible</h1><p>{}</p>{next}<p><a href=\"/espace-administration\">Espace administration</a> · <a href=\"/\">Accueil</a></p></main></body></html>",
        html_escape(&err.to_string())
    );
    let mut res = (status, page).into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    res
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
