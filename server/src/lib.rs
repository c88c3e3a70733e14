//! Wiring: the axum router around the Leptos app, shared by `main` and tests.
#![recursion_limit = "256"]

use app::backend::state::AppState;
use app::{shell, App};
use axum::body::{to_bytes, Body};
use axum::extract::DefaultBodyLimit;
use axum::extract::{Query, Request};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use form_errors::FormErrorKey;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::convert::Infallible;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;

pub mod documents;
pub mod form_errors;
pub mod live;

/// Requests bodies above this size are refused with 413.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// The Tokio runtime of the server: worker stacks sized for server-side
/// rendering of deep view trees (debug builds especially).
pub fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(16 * 1024 * 1024)
        .build()
}

/// Leptos options from the environment (cargo-leptos sets the `LEPTOS_*`
/// variables; the defaults match the workspace metadata).
pub fn leptos_options() -> Result<LeptosOptions, String> {
    let var =
        |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.to_string());
    let addr = var("LEPTOS_SITE_ADDR", "127.0.0.1:3000");
    let site_addr: std::net::SocketAddr = addr
        .parse()
        .map_err(|_| format!("LEPTOS_SITE_ADDR invalide : {addr} (attendu : 127.0.0.1:3000)"))?;
    Ok(LeptosOptions::builder()
        .output_name(var("LEPTOS_OUTPUT_NAME", "talents"))
        .site_root(var("LEPTOS_SITE_ROOT", "target/site"))
        .site_pkg_dir(var("LEPTOS_SITE_PKG_DIR", "pkg"))
        .site_addr(site_addr)
        .build())
}

/// The pages' routes, generated once per process. Generating them sets a
/// process-wide flag that keeps resources from loading, so a page rendered
/// meanwhile by another router of the same process (the tests start many)
/// could wait forever (leptos-rs/leptos#4773).
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The whole application: pages, server functions (`/api/<name>`), static files.
pub fn router(state: AppState, options: LeptosOptions) -> Router {
    let routes = route_list();
    let form_error_key = FormErrorKey::new(state.config.secret.expose().as_bytes());
    let context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let download = {
        let state = state.clone();
        move |id, headers| documents::download(state.clone(), id, headers)
    };
    let upload = {
        let state = state.clone();
        move |id, req| documents::upload(state.clone(), id, req)
    };
    let live_events = {
        let state = state.clone();
        move |id, query, headers| live::events(state.clone(), id, query, headers)
    };
    let ready = {
        let state = state.clone();
        move || readyz(state.clone())
    };
    let unsubscribe = {
        let state = state.clone();
        move |query| one_click_unsubscribe(state.clone(), query)
    };
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(ready))
        .leptos_routes_with_context(&options, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .route("/documents/missions/{id}", get(download))
        .route("/live/missions/{id}", get(live_events))
        // RFC 8058: mail clients POST `List-Unsubscribe=One-Click` to the
        // digest's link itself (the page, a GET, asks for a click first).
        .route("/alertes/desabonnement", post(unsubscribe))
        .fallback(leptos_axum::file_and_error_handler_with_context(
            context, shell,
        ))
        // Applies to everything above; the upload route below has its own.
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .route(
            "/espace-administration/missions/{id}/document",
            post(upload)
                .layer::<_, Infallible>(DefaultBodyLimit::max(documents::UPLOAD_BODY_BYTES)),
        )
        .with_state(options)
        .layer(middleware::from_fn(server_fn_status))
        .layer(middleware::from_fn_with_state(
            form_error_key,
            form_errors::layer,
        ))
        .layer(CatchPanicLayer::custom(panic_response))
}

/// Liveness: the process answers (no database involved).
async fn healthz() -> Response {
    plain(StatusCode::OK, "ok".into())
}

/// Readiness: the database answers and no migration is pending; otherwise
/// 503 with the reason, so a load balancer sends traffic elsewhere.
async fn readyz(state: AppState) -> Response {
    match state.not_ready().await {
        None => plain(StatusCode::OK, "ok".into()),
        Some(reason) => plain(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("pas prêt : {reason}"),
        ),
    }
}

/// The one-click unsubscribe of an alert digest (`?jeton=…`, no sign-in).
async fn one_click_unsubscribe(
    state: AppState,
    Query(query): Query<std::collections::HashMap<String, String>>,
) -> Response {
    let token = query.get("jeton").map(String::as_str).unwrap_or_default();
    match app::backend::alerts::unsubscribe(state.db.write(), token).await {
        Ok(()) => plain(
            StatusCode::OK,
            "Vous êtes désabonné : cette alerte est supprimée.".into(),
        ),
        Err(e) => plain(
            StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            e.to_string(),
        ),
    }
}

fn plain(status: StatusCode, text: String) -> Response {
    let mut res = Response::new(Body::from(text));
    *res.status_mut() = status;
    res.headers_mut().insert(
        "content-type",
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    res.headers_mut()
        .insert("cache-control", HeaderValue::from_static("no-store"));
    res
}

/// Server functions answer failures with 500 by default; give each error
/// its own status (400 invalid input, 401, 403, 404, 409, 429) instead.
async fn server_fn_status(req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    if is_api && res.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return json_error(&app::error::AppError::TooLarge);
    }
    if !is_api
        || res.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !res.headers().contains_key("serverfnerror")
    {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = to_bytes(body, 1024 * 1024).await.unwrap_or_default();
    if let Ok(err) = serde_json::from_slice::<app::error::AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if err.status() == 401 {
            parts
                .headers
                .insert("www-authenticate", HeaderValue::from_static("Cookie"));
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

pub(crate) fn json_error(err: &app::error::AppError) -> Response {
    let body = serde_json::to_vec(err).unwrap_or_default();
    let mut res = Response::new(Body::from(body));
    *res.status_mut() = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::BAD_REQUEST);
    res.headers_mut()
        .insert("content-type", HeaderValue::from_static("application/json"));
    res
}

/// A bug must still answer: a plain French 500 page, the cause in the logs.
fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    let mut res = Response::new(Body::from(
        "Une erreur technique est survenue. Merci de réessayer dans quelques instants.",
    ));
    *res.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    res.headers_mut().insert(
        "content-type",
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    res
}
