//! An anonymous card of the vivier: what a profile offers and why it fits,
//! never who it is.

use crate::model::{label, PoolCard, REMOTE_PREFS};
use leptos::prelude::*;

/// `heading` is the level of the card's title ("h3" or "h4"); `mission`
/// (an id) preselects the mission of a contact request on the profile page.
#[component]
pub fn PoolCardView(
    card: PoolCard,
    #[prop(default = 3)] heading: u8,
    #[prop(optional)] mission: Option<i32>,
) -> impl IntoView {
    let href = match mission {
        Some(id) => format!(
            "/espace-administration/vivier/{}?mission={id}",
            card.reference
        ),
        None => format!("/espace-administration/vivier/{}", card.reference),
    };
    let title = view! { <a href=href>{card.job_title.clone()}</a> };
    let title = if heading == 4 {
        view! { <h4 class="fr-card__title fr-h6">{title}</h4> }.into_any()
    } else {
        view! { <h3 class="fr-card__title fr-h6">{title}</h3> }.into_any()
    };
    let days = match card.days_per_month {
        1 => "1 jour par mois".to_string(),
        n => format!("{n} jours par mois"),
    };
    view! {
        <div class="fr-card fr-card--no-arrow tn-pool-card">
            <div class="fr-card__body">
                <div class="fr-card__content">
                    {title}
                    <div class="fr-card__desc">
                        <ul class="fr-tags-group">
                            {card
                                .lend
                                .iter()
                                .map(|s| {
                                    let level = s.level.clone().unwrap_or_default();
                                    view! { <li><p class="fr-tag fr-tag--sm">{s.name.clone()} " · " {level}</p></li> }
                                })
                                .collect_view()}
                        </ul>
                        {(!card.grow.is_empty()).then(|| {
                            let names: Vec<String> = card.grow.iter().map(|s| s.name.clone()).collect();
                            view! { <p class="fr-text--sm fr-mb-1w">"Souhaite développer : " {names.join(", ")}</p> }
                        })}
                        <p class="fr-text--sm fr-mb-1w">
                            {days} " · " {label(REMOTE_PREFS, &card.remote).to_string()} " · " {card.location.clone()}
                        </p>
                        {(!card.reasons.is_empty()).then(|| view! {
                            <details class="tn-pool-why">
                                <summary class="fr-text--sm">"Pourquoi ce profil"</summary>
                                <ul class="fr-text--sm">
                                    {card.reasons.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}
                                </ul>
                            </details>
                        })}
                    </div>
                </div>
            </div>
        </div>
    }
}
