use crate::error::AppError;
use crate::model::SiteContext;
use leptos::prelude::*;

/// Demo mode and the signed-in user (e-mail only), for the page header.
#[server(endpoint = "site_info")]
pub async fn site_info() -> Result<SiteContext, AppError> {
    use super::context::*;
    let state = state()?;
    let me = match current_user(&state).await? {
        Some(u) => Some(crate::backend::sheets::me(state.db.read(), u).await?),
        None => None,
    };
    Ok(SiteContext {
        demo: state.config.demo,
        me,
    })
}
