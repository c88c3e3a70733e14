use crate::api::missions::list_missions;
use crate::components::mission_card::MissionCard;
use crate::components::notice::SuccessAlert;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn HomePage() -> impl IntoView {
    let latest = Resource::new(|| (), |_| list_missions(None, None, None, None, None));
    let query = use_query_map();
    let signed_out = move || query.read().get("info").as_deref() == Some("deconnecte");
    view! {
        <Title text="Talents numériques — Partagez vos talents numériques entre administrations" />
        <div class="fr-container fr-my-6w">
            <Show when=signed_out>
                <SuccessAlert title="Vous êtes déconnecté." />
            </Show>
            <h1>"Partagez vos talents numériques"</h1>
            <p class="fr-text--lead">
                "Agents de l’État, prêtez quelques jours de votre temps de travail à la mission numérique d’une autre administration, en restant rattaché à votre service et rémunéré par lui."
            </p>
            <div class="fr-grid-row fr-grid-row--gutters fr-mb-6w">
                <div class="fr-col-12 fr-col-md-6">
                    <div class="fr-tile fr-enlarge-link">
                        <div class="fr-tile__body">
                            <div class="fr-tile__content">
                                <h2 class="fr-tile__title">
                                    <a href="/missions">"Je suis agent de l’État"</a>
                                </h2>
                                <p class="fr-tile__desc">
                                    "Trouvez une mission qui vous ressemble et proposez vos talents, ou rejoignez le vivier pour être contacté plus tard."
                                </p>
                            </div>
                        </div>
                    </div>
                </div>
                <div class="fr-col-12 fr-col-md-6">
                    <div class="fr-tile fr-enlarge-link">
                        <div class="fr-tile__body">
                            <div class="fr-tile__content">
                                <h2 class="fr-tile__title">
                                    <a href="/comment-ca-marche#administrations">"Je suis une administration"</a>
                                </h2>
                                <p class="fr-tile__desc">
                                    "Besoin d’un appui ponctuel sur un projet numérique ? Découvrez comment proposer une mission."
                                </p>
                            </div>
                        </div>
                    </div>
                </div>
            </div>
            <h2>"Dernières missions publiées"</h2>
            <Suspense fallback=|| view! { <p>"Chargement des missions…"</p> }>
                {move || {
                    latest
                        .get()
                        .map(|result| match result {
                            Ok(page) => {
                                view! {
                                    <ul class="fr-grid-row fr-grid-row--gutters fr-raw-list">
                                        {page
                                            .missions
                                            .into_iter()
                                            .take(4)
                                            .map(|m| view! {
                                                <li class="fr-col-12 fr-col-md-6"><MissionCard mission=m /></li>
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }
                            Err(e) => view! { <p class="fr-error-text">{e.to_string()}</p> }.into_any(),
                        })
                }}
            </Suspense>
            <p class="fr-mt-4w">
                <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/missions">"Toutes les missions"</a>
            </p>
        </div>
    }
}
