//! `/espace-administration`: my missions by state, and "Proposer une mission".

use super::not_found::ErrorContent;
use crate::api::admin::{admin_space, CreateMission};
use crate::components::notice::ErrorSummary;
use crate::error::AppError;
use crate::lifecycle::MissionStatus;
use crate::model::{AdminSpaceData, MyMission};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

#[component]
pub fn AdminSpacePage() -> impl IntoView {
    let space = Resource::new(|| (), |_| admin_space());
    view! {
        <Title text="Espace administration — Talents numériques" />
        <Suspense fallback=|| view! { <div class="fr-container fr-my-6w"><p>"Chargement…"</p></div> }>
            {move || {
                space
                    .get()
                    .map(|result| match result {
                        Err(AppError::Unauthenticated) => {
                            view! { <Redirect path="/connexion?suite=/espace-administration" /> }.into_any()
                        }
                        Err(error) => view! { <ErrorContent error /> }.into_any(),
                        Ok(data) => view! { <Space data /> }.into_any(),
                    })
            }}
        </Suspense>
    }
}

#[component]
fn Space(data: AdminSpaceData) -> impl IntoView {
    let create = ServerAction::<CreateMission>::new();
    let error = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    let groups: Vec<(MissionStatus, Vec<MyMission>)> = MissionStatus::ALL
        .iter()
        .map(|s| {
            let ms: Vec<MyMission> = data
                .missions
                .iter()
                .filter(|m| m.status == s.code())
                .cloned()
                .collect();
            (*s, ms)
        })
        .filter(|(_, ms)| !ms.is_empty())
        .collect();
    let admins = data.administrations.join(", ");
    view! {
        <div class="fr-container fr-my-6w">
            <h1>"Espace administration"</h1>
            {(!admins.is_empty()).then(|| view! { <p>"Vous êtes responsable de mission pour : " <strong>{admins.clone()}</strong></p> })}
            {data.is_moderator.then(|| view! {
                <p><a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/moderation">"Aller à la modération"</a></p>
            })}
            {data.is_manager.then(|| view! {
                <p><a class="fr-link fr-icon-team-line fr-link--icon-left" href="/espace-administration/vivier">"Chercher des talents dans le vivier"</a></p>
                <ErrorSummary error />
                <ActionForm action=create>
                    <button class="fr-btn fr-icon-add-line fr-btn--icon-left" type="submit" disabled=move || create.pending().get()>
                        "Proposer une mission"
                    </button>
                </ActionForm>
            })}
            <h2 class="fr-mt-6w">"Mes missions"</h2>
            {if groups.is_empty() {
                view! { <p>"Vous n’avez encore proposé aucune mission."</p> }.into_any()
            } else {
                groups
                    .into_iter()
                    .map(|(status, missions)| view! {
                        <h3 class="fr-h5 fr-mt-4w">{status.label()} " (" {missions.len()} ")"</h3>
                        <ul class="fr-raw-list">
                            {missions.into_iter().map(|m| view! { <MissionLine m /> }).collect_view()}
                        </ul>
                    })
                    .collect_view()
                    .into_any()
            }}
        </div>
    }
}

#[component]
fn MissionLine(m: MyMission) -> impl IntoView {
    let edit = format!("/espace-administration/missions/{}/modifier", m.id);
    let title = if m.title.is_empty() {
        "Mission sans titre".to_string()
    } else {
        m.title.clone()
    };
    let applications = match m.applications {
        0 => "aucune candidature".to_string(),
        1 => "1 candidature".to_string(),
        n => format!("{n} candidatures"),
    };
    view! {
        <li class="fr-mb-2w tn-mission-line">
            <a class="fr-link" href=edit>{title}</a>
            " — " {m.administration.clone()} " · " {applications} " · modifiée le " {m.updated_at.clone()}
            {m.slug.clone().map(|slug| view! {
                " · " <a class="fr-link" href=format!("/missions/{slug}")>"Voir la page publique"</a>
            })}
        </li>
    }
}
