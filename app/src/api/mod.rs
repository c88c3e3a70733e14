//! Server functions, grouped by domain. Each has a stable endpoint
//! (`POST /api/<name>`), checks the caller itself and stays thin: the rules
//! live in `validate` and `backend`.

pub mod admin;
pub mod alerts;
pub mod applicants;
pub mod applications;
pub mod auth;
pub mod missions;
pub mod pool;
pub mod site;
pub mod skills;
pub mod space;
pub mod vivier;

#[cfg(feature = "ssr")]
pub(crate) mod context {
    use crate::backend::auth::{session_token_from, user_for_session};
    use crate::backend::entities::user;
    use crate::backend::state::AppState;
    use crate::error::AppError;
    use leptos::prelude::use_context;

    pub fn state() -> Result<AppState, AppError> {
        AppState::current()
    }

    /// The session cookie of the current request, if any.
    pub fn session_token() -> Option<String> {
        let parts = use_context::<http::request::Parts>()?;
        session_token_from(&parts.headers)
    }

    pub async fn current_user(state: &AppState) -> Result<Option<user::Model>, AppError> {
        match session_token() {
            Some(token) => user_for_session(state, &token).await,
            None => Ok(None),
        }
    }

    pub async fn require_user(state: &AppState) -> Result<user::Model, AppError> {
        current_user(state).await?.ok_or(AppError::Unauthenticated)
    }

    pub fn set_cookie(value: &str) {
        if let (Some(res), Ok(v)) = (
            use_context::<leptos_axum::ResponseOptions>(),
            http::HeaderValue::from_str(value),
        ) {
            res.append_header(http::header::SET_COOKIE, v);
        }
    }

    /// After a change, send the browser to a page (works with and without WASM).
    pub fn go_to(path: &str) {
        leptos_axum::redirect(path);
    }
}
