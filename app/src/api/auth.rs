use crate::error::AppError;
use leptos::prelude::*;

/// E-mails a one-time sign-in link to a professional address, then sends
/// the browser to `/connexion/lien-envoye`.
#[server(endpoint = "request_sign_in_link")]
pub async fn request_sign_in_link(
    #[server(default)] email: String,
    #[server(default)] next: String,
) -> Result<(), AppError> {
    use super::context::*;
    let state = state()?;
    crate::backend::auth::request_link(&state, &email, &next).await?;
    go_to("/connexion/lien-envoye");
    Ok(())
}

/// Uses a sign-in link: opens a new session (cookie) and goes on to where
/// the user was heading. A link works once, within its validity.
#[server(endpoint = "complete_sign_in")]
pub async fn complete_sign_in(#[server(default)] jeton: String) -> Result<(), AppError> {
    use super::context::*;
    let state = state()?;
    let signed_in = crate::backend::auth::complete_sign_in(&state, &jeton).await?;
    if let Some(old) = session_token() {
        crate::backend::auth::end_session(&state, &old).await?;
    }
    set_cookie(&crate::backend::auth::session_cookie(
        &state,
        Some(&signed_in.session_token),
    ));
    go_to(&signed_in.next);
    Ok(())
}

/// Ends the current session and clears its cookie.
#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use super::context::*;
    let state = state()?;
    if let Some(token) = session_token() {
        crate::backend::auth::end_session(&state, &token).await?;
    }
    set_cookie(&crate::backend::auth::session_cookie(&state, None));
    go_to("/?info=deconnecte");
    Ok(())
}
