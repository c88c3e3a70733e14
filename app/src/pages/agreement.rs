//! `/accord?jeton=…`: the line manager agrees, agrees with less time, or
//! refuses, through the single-use link they received. No account needed.

use super::not_found::ErrorContent;
use crate::api::applicants::{agreement, AnswerAgreement};
use crate::components::form::TextField;
use crate::components::notice::{ErrorSummary, SuccessAlert};
use crate::model::AgreementPage;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

#[component]
pub fn AgreementPageView() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("jeton").unwrap_or_default();
    let thanks = move || query.read().get("info").is_some_and(|i| i == "merci");
    let data = Resource::new(move || (token(), thanks()), |(t, _)| agreement(t));
    view! {
        <Title text="Accord du supérieur hiérarchique — Talents numériques" />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| view! { <div class="fr-container fr-my-6w"><p>"Chargement…"</p></div> }>
            {move || data.get().map(|result| match result {
                Err(error) => view! { <ErrorContent error /> }.into_any(),
                Ok(p) => view! { <Answer p token=token() thanks=thanks() /> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Answer(p: AgreementPage, token: String, thanks: bool) -> impl IntoView {
    let action = ServerAction::<AnswerAgreement>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let answered = p.agreement.answer.clone();
    let expired = p.agreement.expired;
    view! {
        <div class="fr-container fr-my-6w">
            <div class="fr-grid-row"><div class="fr-col-12 fr-col-md-8">
                {thanks.then(|| view! { <SuccessAlert title="Merci : votre réponse est enregistrée." text="L’agent et l’équipe de la mission en sont informés." /> })}
                <h1>"Accord du supérieur hiérarchique"</h1>
                <p>"Bonjour " {p.manager_name.clone()} ","</p>
                <p><strong>{p.agent_name.clone()}</strong> " souhaite contribuer à une mission d’une autre administration, dans le cadre du dispositif « Partagez vos talents numériques ! » de la DINUM. L’agent reste rattaché à votre service et rémunéré par lui."</p>
                <dl>
                    <dt class="fr-text--bold">"Mission"</dt><dd class="fr-mb-2w">{p.mission_title.clone()}</dd>
                    <dt class="fr-text--bold">"Administration d’accueil"</dt><dd class="fr-mb-2w">{p.host_administration.clone()} " — " {p.service.clone()}</dd>
                    <dt class="fr-text--bold">"Temps demandé"</dt><dd class="fr-mb-2w">{p.time_asked.clone()}</dd>
                    {p.effort_days.map(|d| view! { <dt class="fr-text--bold">"Estimation"</dt><dd class="fr-mb-2w">{d} " jour(s)"</dd> })}
                    <dt class="fr-text--bold">"Période"</dt><dd class="fr-mb-2w">{p.period.clone()}</dd>
                </dl>
                {match (answered, expired) {
                    (Some(a), _) => view! {
                        <div class="fr-alert fr-alert--info"><p>"Réponse enregistrée : " {a} " (" {p.agreement.answered_at.clone().unwrap_or_default()} ")."</p></div>
                    }.into_any(),
                    (None, true) => view! {
                        <div class="fr-alert fr-alert--warning"><p>"Ce lien a expiré. Demandez un nouveau lien à l’équipe de la mission."</p></div>
                    }.into_any(),
                    (None, false) => view! {
                        <ErrorSummary error />
                        <ActionForm action attr:novalidate="">
                            <input type="hidden" name="jeton" value=token.clone() />
                            <fieldset class="fr-fieldset" id="champ-answer" aria-labelledby="reponse-legende">
                                <legend class="fr-fieldset__legend" id="reponse-legende">"Votre réponse"</legend>
                                {[("accord", "J’accorde le temps demandé"), ("accord_reduit", "J’accorde un temps réduit (précisez ci-dessous)"), ("refus", "Je refuse (précisez le motif ci-dessous)")]
                                    .into_iter()
                                    .map(|(code, text)| {
                                        let id = format!("reponse-{code}");
                                        view! {
                                            <div class="fr-fieldset__element"><div class="fr-radio-group">
                                                <input type="radio" id=id.clone() name="answer" value=code checked=move || error.get().and_then(|e| e.value("answer")).is_some_and(|v| v == code) />
                                                <label class="fr-label" for=id>{text}</label>
                                            </div></div>
                                        }
                                    })
                                    .collect_view()}
                                <div class="fr-messages-group" aria-live="polite">
                                    {move || error.get().and_then(|e| e.field("answer")).map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
                                </div>
                            </fieldset>
                            <TextField name="time_agreed" label="Temps accordé (si réduit)" hint="Par exemple : 1 jour par mois en février et mars." optional=true error />
                            <TextField name="reason" label="Motif du refus (si vous refusez)" multiline=true optional=true error />
                            <button class="fr-btn" type="submit">"Envoyer ma réponse"</button>
                        </ActionForm>
                    }.into_any(),
                }}
            </div></div>
        </div>
    }
}
