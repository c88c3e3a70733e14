use super::not_found::ErrorContent;
use crate::api::applications::SubmitApplication;
use crate::api::missions::get_mission;
use crate::app::SiteResource;
use crate::components::form::{CheckboxField, TextField};
use crate::components::notice::ErrorSummary;
use crate::model::MissionSheet;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ApplyPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let sheet = Resource::new(slug, get_mission);
    let site = expect_context::<SiteResource>();
    view! {
        <Title text="Proposer mes talents — Talents numériques" />
        <Suspense fallback=|| view! { <div class="fr-container fr-my-6w"><p>"Chargement…"</p></div> }>
            {move || {
                let signed_in = site.get()?.ok().map(|i| i.me.is_some())?;
                let result = sheet.get()?;
                Some(match (signed_in, result) {
                    (_, Err(error)) => view! { <ErrorContent error /> }.into_any(),
                    (false, Ok(m)) => {
                        let to = format!("/connexion?suite=/missions/{}/candidater", m.slug);
                        view! { <Redirect path=to /> }.into_any()
                    }
                    (true, Ok(m)) => view! { <ApplyForm m /> }.into_any(),
                })
            }}
        </Suspense>
    }
}

#[component]
fn ApplyForm(m: MissionSheet) -> impl IntoView {
    let action = ServerAction::<SubmitApplication>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let back = format!("/missions/{}", m.slug);
    view! {
        <div class="fr-container fr-my-6w">
            <div class="fr-grid-row">
                <div class="fr-col-12 fr-col-md-8">
                    <p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href=back>"Retour à la mission"</a></p>
                    <h1>"Je propose mes talents"</h1>
                    <p class="fr-text--lead">{m.title.clone()}</p>
                    <p>{m.administration.clone()} " — " {m.service.clone()}</p>
                    {(!m.open).then(|| view! {
                        <div class="fr-alert fr-alert--warning fr-mb-4w">
                            <p>"La date limite de candidature de cette mission est passée."</p>
                        </div>
                    })}
                    <ErrorSummary error />
                    <ActionForm action attr:novalidate="">
                        <input type="hidden" name="slug" value=m.slug.clone() />
                        <p class="fr-hint-text">"Sauf mention contraire, tous les champs sont obligatoires."</p>
                        <TextField
                            name="motivation"
                            label="Votre motivation"
                            hint="Ce qui vous intéresse dans cette mission et ce que vous pouvez y apporter (30 à 5 000 caractères)."
                            multiline=true
                            error
                        />
                        <TextField
                            name="availability"
                            label="Vos disponibilités"
                            hint="Par exemple : 2 jours par mois, de janvier à mars."
                            error
                        />
                        <TextField
                            name="skills_offered"
                            label="Les compétences que vous apportez"
                            hint="Outils, méthodes, expériences utiles à la mission."
                            multiline=true
                            optional=true
                            error
                        />
                        <fieldset class="fr-fieldset">
                            <legend class="fr-fieldset__legend">"Votre supérieur hiérarchique"</legend>
                            <div class="fr-fieldset__element">
                                <TextField name="manager_name" label="Prénom et nom" autocomplete="off" error />
                            </div>
                            <div class="fr-fieldset__element">
                                <TextField
                                    name="manager_email"
                                    label="Adresse électronique"
                                    hint="Format attendu : prenom.nom@ministere.gouv.fr"
                                    kind="email"
                                    autocomplete="off"
                                    error
                                />
                            </div>
                            <div class="fr-fieldset__element">
                                <CheckboxField
                                    name="manager_ack"
                                    label="J’ai compris que l’accord de mon supérieur hiérarchique est nécessaire avant le début de la mission."
                                    error
                                />
                            </div>
                        </fieldset>
                        <button class="fr-btn" type="submit" disabled=move || action.pending().get()>
                            "Envoyer ma candidature"
                        </button>
                    </ActionForm>
                </div>
            </div>
        </div>
    }
}
