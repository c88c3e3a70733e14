//! Alerts: success notices and the error summary of forms.

use crate::error::AppError;
use leptos::prelude::*;

#[component]
pub fn SuccessAlert(
    #[prop(into)] title: String,
    #[prop(optional, into)] text: Option<String>,
) -> impl IntoView {
    view! {
        <div class="fr-alert fr-alert--success fr-mb-4w" role="status">
            <h2 class="fr-alert__title">{title}</h2>
            {text.map(|t| view! { <p>{t}</p> })}
        </div>
    }
}

/// The summary shown above a rejected form: the message, then a link to
/// each field at fault (RGAA: errors listed and reachable).
#[component]
pub fn ErrorSummary(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error.get().map(|err| {
            let links = match &err {
                AppError::Invalid { fields, .. } => fields
                    .iter()
                    .map(|(name, message)| {
                        let href = format!("#{}", field_id(name));
                        view! { <li><a href=href>{message.clone()}</a></li> }
                    })
                    .collect_view()
                    .into_any(),
                _ => ().into_any(),
            };
            view! {
                <div class="fr-alert fr-alert--error fr-mb-4w" role="alert" id="erreurs" tabindex="-1">
                    <h2 class="fr-alert__title">{err.to_string()}</h2>
                    <ul>{links}</ul>
                </div>
            }
        })
    }
}

/// The element id of a form field from its name ("lend[x]" → "lend-x").
pub fn field_id(name: &str) -> String {
    format!(
        "champ-{}",
        name.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .trim_end_matches('-')
    )
}
