//! E-mail alerts: my saved searches, and unsubscribing through a digest's
//! link (no sign-in: the link is the key).

use crate::error::AppError;
use crate::model::{MyAlertsData, UnsubscribeInfo};
use leptos::prelude::*;

/// My alerts, and the choices of the creation form.
#[server(endpoint = "my_alerts")]
pub async fn my_alerts() -> Result<MyAlertsData, AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    crate::backend::alerts::mine(state.db.read(), &me, state.config.alerts_per_month).await
}

/// Creates an alert on a search (the filters of `/missions`), optionally
/// on the skills of my pool profile, sent daily or weekly.
#[server(endpoint = "create_alert")]
pub async fn create_alert(
    #[server(default)] q: String,
    #[server(default)] competence: String,
    #[server(default)] administration: String,
    #[server(default)] modalite: String,
    #[server(default)] use_pool_skills: Option<String>,
    #[server(default)] frequency: String,
) -> Result<(), AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    let form = crate::backend::alerts::AlertForm {
        q,
        competence,
        administration,
        modalite,
        use_pool_skills: use_pool_skills.is_some_and(|v| !v.is_empty()),
        frequency,
    };
    let input = crate::backend::alerts::checked(state.db.read(), &me, &form).await?;
    crate::backend::alerts::create(state.db.write(), &me, input).await?;
    go_to("/mon-espace?info=alerte-creee");
    Ok(())
}

/// Deletes one of my alerts.
#[server(endpoint = "delete_alert")]
pub async fn delete_alert(#[server(default)] id: String) -> Result<(), AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    let id: i32 = id
        .trim()
        .parse()
        .map_err(|_| AppError::NotFound(crate::backend::alerts::NOT_FOUND.into()))?;
    crate::backend::alerts::delete(state.db.write(), &me, id).await?;
    go_to("/mon-espace?info=alerte-supprimee");
    Ok(())
}

/// The alert an unsubscribe link stands for.
#[server(endpoint = "alert_unsubscribe_info")]
pub async fn alert_unsubscribe_info(
    #[server(default)] jeton: String,
) -> Result<UnsubscribeInfo, AppError> {
    let state = super::context::state()?;
    crate::backend::alerts::unsubscribe_info(state.db.read(), &jeton).await
}

/// Deletes the alert of an unsubscribe link.
#[server(endpoint = "unsubscribe_alert")]
pub async fn unsubscribe_alert(#[server(default)] jeton: String) -> Result<(), AppError> {
    let state = super::context::state()?;
    crate::backend::alerts::unsubscribe(state.db.write(), &jeton).await?;
    super::context::go_to("/alertes/desabonnement?info=desabonne");
    Ok(())
}
