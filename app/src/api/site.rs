use crate::error::AppError;
use crate::model::SiteContext;
use leptos::prelude::*;

/// Demo mode and the signed-in user (e-mail only), for the page header.
#[server(endpoint = "site_info")]
pub async fn site_info() -> Result<SiteContext, AppError> {
    use super::context::*;
    use crate::model::Me;
    let state = state()?;
    let me = current_user(&state).await?.map(|u| Me {
        email: u.email,
        display_name: u.display_name,
    });
    Ok(SiteContext {
        demo: state.config.demo,
        me,
    })
}
