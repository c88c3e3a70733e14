use super::not_found::ErrorContent;
use super::pool_form::PoolFields;
use crate::api::missions::{list_administrations, list_skills};
use crate::api::pool::JoinPool;
use crate::api::space::my_space;
use crate::components::notice::ErrorSummary;
use crate::error::AppError;
use crate::model::{AdministrationOption, SkillFamily};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PoolPage() -> impl IntoView {
    let space = Resource::new(|| (), |_| my_space());
    let skills = Resource::new(|| (), |_| list_skills());
    let administrations = Resource::new(|| (), |_| list_administrations());
    view! {
        <Title text="Le vivier — Talents numériques" />
        <div class="fr-container fr-my-6w">
            <div class="fr-grid-row">
                <div class="fr-col-12 fr-col-md-9">
                    <h1>"Le vivier des talents numériques"</h1>
                    <p class="fr-text--lead">
                        "Aucune mission ne vous correspond pour l’instant ? Faites-vous connaître : les responsables de mission pourront vous proposer une mission qui vous correspond."
                    </p>
                    <div class="fr-highlight fr-mb-4w">
                        <p>
                            "Votre profil n’est jamais publié. Vous pouvez le modifier, le mettre en pause ou le supprimer à tout moment depuis « Mon espace »."
                        </p>
                    </div>
                    <Suspense fallback=|| view! { <p>"Chargement…"</p> }>
                        {move || {
                            let space = space.get()?;
                            let skills = skills.get()?;
                            let administrations = administrations.get()?;
                            let skills = skills.and_then(|s| administrations.map(|a| (s, a)));
                            Some(match (space, skills) {
                                (Err(AppError::Unauthenticated), _) => view! {
                                    <h2>"Rejoindre le vivier"</h2>
                                    <p>"Connectez-vous avec votre adresse professionnelle pour rejoindre le vivier."</p>
                                    <a class="fr-btn" href="/connexion?suite=/vivier">"Se connecter pour rejoindre le vivier"</a>
                                }
                                .into_any(),
                                (Err(error), _) | (_, Err(error)) => view! { <ErrorContent error /> }.into_any(),
                                (Ok(space), Ok(_)) if space.profile.is_some() => view! {
                                    <div class="fr-alert fr-alert--info">
                                        <h2 class="fr-alert__title">"Vous faites déjà partie du vivier"</h2>
                                        <p><a href="/mon-espace/vivier">"Modifier mon profil"</a></p>
                                    </div>
                                }
                                .into_any(),
                                (Ok(_), Ok((skills, administrations))) => view! { <JoinForm skills administrations /> }.into_any(),
                            })
                        }}
                    </Suspense>
                </div>
            </div>
        </div>
    }
}

#[component]
fn JoinForm(skills: Vec<SkillFamily>, administrations: Vec<AdministrationOption>) -> impl IntoView {
    let action = ServerAction::<JoinPool>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <h2>"Rejoindre le vivier"</h2>
        <ErrorSummary error />
        <ActionForm action attr:novalidate="">
            <PoolFields skills administrations initial=None error />
            <button class="fr-btn" type="submit" disabled=move || action.pending().get()>"Rejoindre le vivier"</button>
        </ActionForm>
    }
}
