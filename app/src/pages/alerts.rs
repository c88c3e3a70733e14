//! E-mail alerts: "Mes alertes" in "Mon espace", the offer on `/missions`
//! to get a search by e-mail, and the unsubscribe page of the digests
//! (`/alertes/desabonnement?jeton=…`, no sign-in needed).

use super::not_found::ErrorContent;
use crate::api::alerts::{
    alert_unsubscribe_info, my_alerts, CreateAlert, DeleteAlert, UnsubscribeAlert,
};
use crate::app::SiteResource;
use crate::components::form::{CheckboxField, SelectField, TextField};
use crate::components::notice::{field_id, ErrorSummary, SuccessAlert};
use crate::error::AppError;
use crate::model::{
    AdministrationOption, MissionFilters, MyAlert, MyAlertsData, SkillFamily, ALERT_FREQUENCIES,
};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

/// The data of "Mes alertes" (created by the page, with its own resources).
pub type AlertsResource = Resource<Result<MyAlertsData, AppError>>;

pub fn alerts_resource(info: Memo<Option<String>>) -> AlertsResource {
    Resource::new(move || info.get(), |_| my_alerts())
}

/// "Mes alertes", a section of "Mon espace".
#[component]
pub fn AlertsSection(data: AlertsResource) -> impl IntoView {
    view! {
        <h2 class="fr-mt-6w" id="mes-alertes">"Mes alertes"</h2>
        <Suspense fallback=|| view! { <p>"Chargement…"</p> }>
            {move || data.get().map(|result| match result {
                Err(error) => view! { <p class="fr-error-text">{error.to_string()}</p> }.into_any(),
                Ok(alerts) => view! { <Alerts alerts /> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Alerts(alerts: MyAlertsData) -> impl IntoView {
    let delete = ServerAction::<DeleteAlert>::new();
    let delete_error = Signal::derive(move || delete.value().get().and_then(|r| r.err()));
    let full = alerts.alerts.len() >= alerts.max;
    view! {
        <p>
            "Recevez par e-mail les nouvelles missions publiées qui correspondent à vos critères, chaque jour ou chaque semaine. "
            {format!(
                "Au plus {} messages par mois pour l’ensemble de vos alertes, et jamais deux fois la même mission.",
                alerts.per_month,
            )}
        </p>
        {if alerts.alerts.is_empty() {
            view! { <p>"Vous n’avez aucune alerte."</p> }.into_any()
        } else {
            view! {
                <ErrorSummary error=delete_error />
                <ul class="fr-raw-list">
                    {alerts.alerts.into_iter().map(|a| view! { <AlertItem a delete /> }).collect_view()}
                </ul>
            }
            .into_any()
        }}
        <h3 class="fr-mt-4w">"Créer une alerte"</h3>
        {if full {
            view! {
                <p>{format!("Vous avez atteint le maximum de {} alertes : supprimez-en une pour en créer une autre.", alerts.max)}</p>
            }
            .into_any()
        } else {
            view! {
                <NewAlertForm
                    skills=alerts.skills
                    administrations=alerts.administrations
                    has_profile=alerts.has_profile
                />
            }
            .into_any()
        }}
    }
}

#[component]
fn AlertItem(a: MyAlert, delete: ServerAction<DeleteAlert>) -> impl IntoView {
    view! {
        <li class="fr-card fr-card--no-arrow fr-mb-2w">
            <div class="fr-card__body">
                <div class="fr-card__content">
                    <h3 class="fr-card__title">{a.label.clone()}</h3>
                    <p class="fr-card__desc">{a.frequency.clone()} " · prochain envoi possible le " {a.next_at.clone()}</p>
                </div>
                <div class="fr-card__footer">
                    <ActionForm action=delete>
                        <input type="hidden" name="id" value=a.id.to_string() />
                        <button class="fr-btn fr-btn--secondary fr-btn--sm" type="submit" disabled=move || delete.pending().get()>
                            "Supprimer l’alerte"
                            <span class="fr-sr-only">" : " {a.label.clone()}</span>
                        </button>
                    </ActionForm>
                </div>
            </div>
        </li>
    }
}

/// A select of the form whose options come from the database, tied to the
/// form's error like `SelectField`. Options are (group, [(code, label)]);
/// an empty group name means no `<optgroup>`.
#[component]
fn ChoiceField(
    name: &'static str,
    label: &'static str,
    none: &'static str,
    groups: Vec<(String, Vec<(String, String)>)>,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let id = field_id(name);
    let described = format!("{id}-messages");
    let message = move || error.get().and_then(|e| e.field(name));
    let chosen = move || error.get().and_then(|e| e.value(name)).unwrap_or_default();
    let option = move |code: String, text: String| {
        let value = code.clone();
        view! { <option value=value selected=move || chosen() == code>{text}</option> }
    };
    let options = groups
        .into_iter()
        .map(|(group, items)| {
            let items = items
                .into_iter()
                .map(|(code, text)| option(code, text))
                .collect_view();
            if group.is_empty() {
                items.into_any()
            } else {
                view! { <optgroup label=group>{items}</optgroup> }.into_any()
            }
        })
        .collect_view();
    view! {
        <div class=move || if message().is_some() { "fr-select-group fr-select-group--error" } else { "fr-select-group" }>
            <label class="fr-label" for=id.clone()>{label}</label>
            <select
                class=move || if message().is_some() { "fr-select fr-select--error" } else { "fr-select" }
                id=id
                name=name
                aria-describedby=described.clone()
                aria-invalid=move || message().map(|_| "true")
            >
                <option value="">{none}</option>
                {options}
            </select>
            <div class="fr-messages-group" id=described aria-live="polite">
                {move || message().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
            </div>
        </div>
    }
}

#[component]
fn NewAlertForm(
    skills: Vec<SkillFamily>,
    administrations: Vec<AdministrationOption>,
    has_profile: bool,
) -> impl IntoView {
    let action = ServerAction::<CreateAlert>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let skill_groups = skills
        .into_iter()
        .map(|f| {
            let items = f.skills.into_iter().map(|s| (s.slug, s.name)).collect();
            (f.name, items)
        })
        .collect();
    let administration_groups = vec![(
        String::new(),
        administrations
            .into_iter()
            .map(|a| (a.slug, a.name))
            .collect(),
    )];
    let modes = vec![(
        String::new(),
        vec![
            ("sur_site".to_string(), "Sur site".to_string()),
            ("a_distance".to_string(), "À distance".to_string()),
        ],
    )];
    view! {
        <ErrorSummary error />
        <ActionForm action attr:novalidate="">
            <p class="fr-hint-text">"Tous les critères sont facultatifs : sans critère, vous recevez toutes les nouvelles missions. Seule la fréquence est obligatoire."</p>
            <TextField name="q" label="Mots-clés" hint="Par exemple : données, accessibilité, design." optional=true error />
            <ChoiceField name="competence" label="Compétence" none="Toutes les compétences" groups=skill_groups error />
            <ChoiceField name="administration" label="Administration" none="Toutes les administrations" groups=administration_groups error />
            <ChoiceField name="modalite" label="Modalité" none="Sur site ou à distance" groups=modes error />
            {if has_profile {
                view! {
                    <CheckboxField
                        name="use_pool_skills"
                        label="Utiliser les compétences de mon profil du vivier"
                        hint="Seulement les missions qui recherchent une compétence que vous partagez ou souhaitez développer."
                        error
                    />
                }
                .into_any()
            } else {
                view! {
                    <p class="fr-text--sm">"Membre du vivier, vous pourriez aussi recevoir les missions qui recherchent vos compétences. " <a href="/vivier">"Découvrir le vivier"</a></p>
                }
                .into_any()
            }}
            <SelectField name="frequency" label="Fréquence des envois" options=ALERT_FREQUENCIES error />
            <button class="fr-btn fr-mt-2w" type="submit" disabled=move || action.pending().get()>"Créer l’alerte"</button>
        </ActionForm>
    }
}

/// On `/missions`: get the current search by e-mail (signed in), or sign
/// in first and come back to it.
#[component]
pub fn AlertFromSearch(filters: MissionFilters, back: String) -> impl IntoView {
    let site = expect_context::<SiteResource>();
    let action = ServerAction::<CreateAlert>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    let (q, competence, administration, modalite) = (
        value(&filters.q),
        value(&filters.competence),
        value(&filters.administration),
        value(&filters.modalite),
    );
    let sign_in = format!("/connexion?suite={}", super::missions::encode(&back));
    view! {
        <div class="fr-callout fr-mb-4w">
            <h2 class="fr-callout__title fr-h6">"Recevoir les nouvelles missions de cette recherche par e-mail"</h2>
            {move || {
                let signed_in = site.get()?.ok().map(|s| s.me.is_some())?;
                let (q, competence, administration, modalite) =
                    (q.clone(), competence.clone(), administration.clone(), modalite.clone());
                Some(if signed_in {
                    view! {
                        <ErrorSummary error />
                        <ActionForm action attr:novalidate="">
                            <input type="hidden" name="q" value=q />
                            <input type="hidden" name="competence" value=competence />
                            <input type="hidden" name="administration" value=administration />
                            <input type="hidden" name="modalite" value=modalite />
                            <SelectField name="frequency" label="Fréquence des envois" options=ALERT_FREQUENCIES error />
                            <button class="fr-btn fr-btn--secondary" type="submit" disabled=move || action.pending().get()>
                                "Créer une alerte sur cette recherche"
                            </button>
                        </ActionForm>
                    }
                    .into_any()
                } else {
                    view! {
                        <p class="fr-callout__text fr-text--md">"Connectez-vous pour recevoir chaque jour ou chaque semaine les nouvelles missions de cette recherche."</p>
                        <a class="fr-btn fr-btn--secondary" href=sign_in.clone()>"Se connecter pour créer une alerte"</a>
                    }
                    .into_any()
                })
            }}
        </div>
    }
}

/// `/alertes/desabonnement?jeton=…`: one button deletes the alert. Mail
/// scanners open links; only the button (a POST) unsubscribes.
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("jeton").unwrap_or_default();
    let done = move || query.read().get("info").is_some_and(|i| i == "desabonne");
    let info = Resource::new(
        move || (token(), done()),
        |(t, done)| async move {
            if done {
                Ok(None)
            } else {
                alert_unsubscribe_info(t).await.map(Some)
            }
        },
    );
    view! {
        <Title text="Se désabonner d’une alerte — Talents numériques" />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| view! { <div class="fr-container fr-my-6w"><p>"Chargement…"</p></div> }>
            {move || info.get().map(|result| match result {
                Err(error) => view! { <ErrorContent error /> }.into_any(),
                Ok(None) => view! {
                    <div class="fr-container fr-my-6w">
                        <h1>"Vous êtes désabonné"</h1>
                        <SuccessAlert title="Cette alerte est supprimée." text="Vous ne recevrez plus ses e-mails. Vos autres alertes, s’il y en a, continuent." />
                        <p><a href="/missions">"Voir les missions"</a> " · " <a href="/mon-espace">"Gérer mes alertes dans Mon espace"</a></p>
                    </div>
                }
                .into_any(),
                Ok(Some(alert)) => view! { <Unsubscribe token=token() label=alert.label frequency=alert.frequency /> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Unsubscribe(token: String, label: String, frequency: String) -> impl IntoView {
    let action = ServerAction::<UnsubscribeAlert>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <div class="fr-container fr-my-6w">
            <h1>"Se désabonner d’une alerte"</h1>
            <ErrorSummary error />
            <p>"Vous recevez les nouvelles missions de l’alerte :"</p>
            <p class="fr-text--lead">{label}</p>
            <p>"Envoi : " {frequency}</p>
            <p>"Le désabonnement supprime cette alerte seulement ; vos autres alertes continuent."</p>
            <ActionForm action>
                <input type="hidden" name="jeton" value=token />
                <button class="fr-btn" type="submit" disabled=move || action.pending().get()>"Me désabonner"</button>
            </ActionForm>
        </div>
    }
}
