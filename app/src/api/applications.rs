use crate::error::AppError;
use leptos::prelude::*;

/// Applies to a published, open mission as the signed-in agent.
#[server(endpoint = "submit_application")]
pub async fn submit_application(
    #[server(default)] slug: String,
    #[server(default)] motivation: String,
    #[server(default)] availability: String,
    #[server(default)] skills_offered: String,
    #[server(default)] manager_name: String,
    #[server(default)] manager_email: String,
    #[server(default)] manager_ack: Option<String>,
) -> Result<(), AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    let input = crate::validate::application(
        &motivation,
        &availability,
        &skills_offered,
        &manager_name,
        &manager_email,
        manager_ack.is_some_and(|v| !v.is_empty()),
        |email| {
            if email == me.email_folded {
                Some("Indiquez l’adresse de votre supérieur hiérarchique, pas la vôtre : c’est à lui de donner son accord.".into())
            } else if !state.config.accepts_email(email) {
                Some("L’adresse de votre supérieur hiérarchique doit être une adresse professionnelle de l’administration (par exemple en .gouv.fr).".into())
            } else {
                None
            }
        },
    )?;
    crate::backend::applications::submit(&state, &me, &slug, input).await?;
    go_to("/mon-espace?info=candidature-envoyee");
    Ok(())
}

/// Withdraws one of the caller's own applications.
#[server(endpoint = "withdraw_application")]
pub async fn withdraw_application(#[server(default)] id: String) -> Result<(), AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    let id: i32 = id
        .trim()
        .parse()
        .map_err(|_| AppError::NotFound("Cette candidature n’existe pas.".into()))?;
    crate::backend::applications::withdraw(&state, &me, id).await?;
    go_to("/mon-espace?info=candidature-retiree");
    Ok(())
}
