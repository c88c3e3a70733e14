use crate::model::MissionSummary;
use leptos::prelude::*;

/// A mission in a list: a DSFR card whose title links to the sheet.
#[component]
pub fn MissionCard(mission: MissionSummary, #[prop(default = 3)] heading: u8) -> impl IntoView {
    let href = format!("/missions/{}", mission.slug);
    let title = view! { <a href=href>{mission.title.clone()}</a> };
    let title = match heading {
        2 => view! { <h2 class="fr-card__title">{title}</h2> }.into_any(),
        _ => view! { <h3 class="fr-card__title">{title}</h3> }.into_any(),
    };
    view! {
        <div class="fr-card fr-enlarge-link">
            <div class="fr-card__body">
                <div class="fr-card__content">
                    {title}
                    <p class="fr-card__desc">
                        <span class="fr-icon-map-pin-2-line fr-icon--sm" aria-hidden="true"></span>
                        " " {mission.location.clone()} " · " {mission.mode.clone()}
                        <br />
                        <span class="fr-icon-time-line fr-icon--sm" aria-hidden="true"></span>
                        " " {mission.effort_text.clone()}
                    </p>
                    <div class="fr-card__start">
                        <ul class="fr-tags-group">
                            {mission
                                .skills
                                .iter()
                                .map(|s| view! { <li><p class="fr-tag fr-tag--sm">{s.name.clone()}</p></li> })
                                .collect_view()}
                        </ul>
                        <p class="fr-card__detail">
                            {mission.administration.clone()} " — " {mission.service.clone()}
                        </p>
                    </div>
                    {mission.deadline.clone().map(|d| view! {
                        <div class="fr-card__end"><p class="fr-card__detail">"Candidature jusqu’au " {d}</p></div>
                    })}
                </div>
            </div>
        </div>
    }
}
