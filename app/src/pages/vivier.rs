//! `/espace-administration/vivier`: managers search the pool (anonymous
//! cards, ranked by fit) and follow their contact requests;
//! `/espace-administration/vivier/{reference}`: a profile's page, with the
//! contact request form.

use super::not_found::ErrorContent;
use crate::api::missions::list_skills;
use crate::api::vivier::{my_contact_requests, search_pool, view_pool_profile, ContactPoolMember};
use crate::components::form::TextField;
use crate::components::notice::{field_id, ErrorSummary, SuccessAlert};
use crate::components::pool_card::PoolCardView;
use crate::error::AppError;
use crate::model::{
    label, PoolProfilePage, PoolResults, SentRequest, SkillFamily, CONTACT_STATUSES, LEVELS, MODES,
    REMOTE_PREFS,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::collections::HashMap;

/// The search of the current URL, as the server function takes it.
#[derive(Debug, Clone, Default, PartialEq)]
struct Search {
    q: Option<String>,
    skills: HashMap<String, String>,
    mode: Option<String>,
    place: Option<String>,
    days: Option<String>,
    page: Option<u32>,
}

impl Search {
    fn from(query: &leptos_router::params::ParamsMap) -> Self {
        let text = |key: &str| {
            query
                .get(key)
                .map(|v| v.chars().take(200).collect::<String>())
                .filter(|v| !v.trim().is_empty())
        };
        let mut skills = HashMap::new();
        for (key, value) in query.clone().into_iter() {
            if let Some(slug) = key
                .strip_prefix("competences[")
                .and_then(|k| k.strip_suffix(']'))
            {
                if !value.is_empty() {
                    skills.insert(
                        slug.chars().take(80).collect(),
                        value.chars().take(20).collect(),
                    );
                }
            }
            if skills.len() >= 40 {
                break;
            }
        }
        Search {
            q: text("q"),
            skills,
            mode: text("modalite"),
            place: text("lieu"),
            days: text("jours"),
            page: query.get("page").and_then(|p| p.trim().parse().ok()),
        }
    }

    fn is_empty(&self) -> bool {
        self.q.is_none()
            && self.skills.is_empty()
            && self.mode.is_none()
            && self.place.is_none()
            && self.days.is_none()
    }

    fn href(&self, page: u32) -> String {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for (key, value) in [
            ("q", &self.q),
            ("modalite", &self.mode),
            ("lieu", &self.place),
            ("jours", &self.days),
        ] {
            if let Some(v) = value {
                pairs.push((key.into(), v.clone()));
            }
        }
        let mut skills: Vec<_> = self.skills.iter().collect();
        skills.sort();
        for (slug, level) in skills {
            pairs.push((format!("competences[{slug}]"), level.clone()));
        }
        if page > 1 {
            pairs.push(("page".into(), page.to_string()));
        }
        let query: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        format!("/espace-administration/vivier?{}", query.join("&"))
    }
}

fn encode(v: &str) -> String {
    let mut out = String::new();
    for b in v.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[component]
pub fn VivierPage() -> impl IntoView {
    let query = use_query_map();
    let search = Memo::new(move |_| Search::from(&query.read()));
    let results = Resource::new(
        move || search.get(),
        |s| search_pool(s.q, s.skills, s.mode, s.place, s.days, s.page),
    );
    let skills = Resource::new(|| (), |_| list_skills());
    let requests = Resource::new(|| (), |_| my_contact_requests());
    view! {
        <Title text="Le vivier — Espace administration — Talents numériques" />
        <div class="fr-container fr-my-6w">
            <nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">
                <ol class="fr-breadcrumb__list">
                    <li><a class="fr-breadcrumb__link" href="/espace-administration">"Espace administration"</a></li>
                    <li><a class="fr-breadcrumb__link" aria-current="page">"Le vivier"</a></li>
                </ol>
            </nav>
            <h1>"Le vivier des talents numériques"</h1>
            <Suspense fallback=|| view! { <p>"Chargement…"</p> }>
                {move || {
                    let results = results.get()?;
                    let skills = skills.get()?;
                    let requests = requests.get()?;
                    Some(match (results, skills, requests) {
                        (Err(AppError::Unauthenticated), ..) => {
                            view! { <Redirect path="/connexion?suite=/espace-administration/vivier" /> }.into_any()
                        }
                        (Err(error @ AppError::Invalid { .. }), Ok(skills), Ok(requests)) => {
                            let error = Signal::stored(Some(error));
                            view! {
                                <Intro />
                                <ErrorSummary error />
                                <SearchForm skills search=search.get() error />
                                <MyRequests requests />
                            }
                            .into_any()
                        }
                        (Err(error), ..) | (_, Err(error), _) | (_, _, Err(error)) => {
                            view! { <ErrorContent error /> }.into_any()
                        }
                        (Ok(results), Ok(skills), Ok(requests)) => {
                            let error = Signal::stored(None);
                            view! {
                                <Intro />
                                <SearchForm skills search=search.get() error />
                                <Results results search=search.get() />
                                <MyRequests requests />
                            }
                            .into_any()
                        }
                    })
                }}
            </Suspense>
        </div>
    }
}

#[component]
fn Intro() -> impl IntoView {
    view! {
        <p class="fr-text--lead">
            "Des agents de l’État prêts à partager leurs compétences numériques. Trouvez les profils qui correspondent à vos missions."
        </p>
        <div class="fr-callout fr-mb-4w">
            <p class="fr-callout__text">
                "Les résultats sont anonymes. Chaque consultation d’un profil et chaque demande de contact sont visibles par la personne concernée. Son adresse ne vous est communiquée que si elle accepte votre demande."
            </p>
        </div>
    }
}

#[component]
fn SearchForm(
    skills: Vec<SkillFamily>,
    search: Search,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let message = move |name: &'static str| move || error.get().and_then(|e| e.field(name));
    let skills_message = message("competences");
    let mode_message = message("modalite");
    let days_message = message("jours");
    let chosen = search.skills.clone();
    let mode = search.mode.clone().unwrap_or_default();
    view! {
        <form method="get" action="/espace-administration/vivier" class="fr-mb-6w" novalidate="">
            <div class="fr-input-group">
                <label class="fr-label" for="vivier-q">
                    "Mots-clés"
                    <span class="fr-hint-text">"Fonction, compétence, lieu… Les accents et majuscules ne comptent pas."</span>
                </label>
                <input class="fr-input" type="search" id="vivier-q" name="q" value=search.q.clone() />
            </div>
            <fieldset
                class=move || if skills_message().is_some() { "fr-fieldset fr-fieldset--error" } else { "fr-fieldset" }
                id=field_id("competences")
                aria-labelledby="vivier-competences-legende vivier-competences-messages"
            >
                <legend class="fr-fieldset__legend" id="vivier-competences-legende">
                    "Compétences recherchées"
                    <span class="fr-hint-text">"Pour chaque compétence, le niveau minimum attendu."</span>
                </legend>
                {skills
                    .into_iter()
                    .map(|family| {
                        let open = family.skills.iter().any(|s| chosen.contains_key(&s.slug));
                        let chosen = chosen.clone();
                        view! {
                            <div class="fr-fieldset__element">
                                <details class="tn-skill-family" open=open>
                                    <summary class="fr-text--bold">{family.name.clone()}</summary>
                                    <ul class="fr-raw-list tn-skill-grid">
                                        {family
                                            .skills
                                            .into_iter()
                                            .map(|s| {
                                                let name = format!("competences[{}]", s.slug);
                                                let id = field_id(&format!("vivier-{name}"));
                                                let current = chosen.get(&s.slug).cloned().unwrap_or_default();
                                                view! {
                                                    <li class="fr-select-group">
                                                        <label class="fr-label" for=id.clone()>{s.name.clone()}</label>
                                                        <select class="fr-select" id=id name=name>
                                                            <option value="" selected=current.is_empty()>"Non recherchée"</option>
                                                            {LEVELS
                                                                .iter()
                                                                .map(|(code, text)| view! {
                                                                    <option value=*code selected=current == *code>"Au moins : " {*text}</option>
                                                                })
                                                                .collect_view()}
                                                        </select>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                </details>
                            </div>
                        }
                    })
                    .collect_view()}
                <div class="fr-messages-group" id="vivier-competences-messages" aria-live="polite">
                    {move || skills_message().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
                </div>
            </fieldset>
            <div class="fr-grid-row fr-grid-row--gutters">
                <div class="fr-col-12 fr-col-md-4">
                    <div class=move || if mode_message().is_some() { "fr-select-group fr-select-group--error" } else { "fr-select-group" }>
                        <label class="fr-label" for=field_id("modalite")>"Modalité de la mission"</label>
                        <select
                            class="fr-select"
                            id=field_id("modalite")
                            name="modalite"
                            aria-describedby="vivier-modalite-messages"
                            aria-invalid=move || mode_message().map(|_| "true")
                        >
                            <option value="" selected=mode.is_empty()>"Toutes"</option>
                            {MODES
                                .iter()
                                .map(|(code, text)| view! { <option value=*code selected=mode == *code>{*text}</option> })
                                .collect_view()}
                        </select>
                        <div class="fr-messages-group" id="vivier-modalite-messages" aria-live="polite">
                            {move || mode_message().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
                        </div>
                    </div>
                </div>
                <div class="fr-col-12 fr-col-md-4">
                    <div class="fr-input-group">
                        <label class="fr-label" for="vivier-lieu">
                            "Lieu"
                            <span class="fr-hint-text">"Ville, par exemple : Lyon"</span>
                        </label>
                        <input class="fr-input" type="text" id="vivier-lieu" name="lieu" value=search.place.clone() />
                    </div>
                </div>
                <div class="fr-col-12 fr-col-md-4">
                    <div class=move || if days_message().is_some() { "fr-input-group fr-input-group--error" } else { "fr-input-group" }>
                        <label class="fr-label" for=field_id("jours")>
                            "Disponibilité minimale"
                            <span class="fr-hint-text">"En jours par mois, de 1 à 10"</span>
                        </label>
                        <input
                            class="fr-input"
                            type="number"
                            min="1"
                            max="10"
                            id=field_id("jours")
                            name="jours"
                            value=search.days.clone()
                            aria-describedby="vivier-jours-messages"
                            aria-invalid=move || days_message().map(|_| "true")
                        />
                        <div class="fr-messages-group" id="vivier-jours-messages" aria-live="polite">
                            {move || days_message().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
                        </div>
                    </div>
                </div>
            </div>
            <ul class="fr-btns-group fr-btns-group--inline-md">
                <li><button class="fr-btn" type="submit">"Rechercher dans le vivier"</button></li>
                {(!search.is_empty()).then(|| view! {
                    <li><a class="fr-btn fr-btn--secondary" href="/espace-administration/vivier">"Effacer la recherche"</a></li>
                })}
            </ul>
        </form>
    }
}

#[component]
fn Results(results: PoolResults, search: Search) -> impl IntoView {
    let count = match results.total {
        0 => "Aucun profil ne correspond à votre recherche.".to_string(),
        1 => "1 profil correspond".to_string(),
        n => format!("{n} profils correspondent"),
    };
    let pages = (results.page_count > 1).then(|| {
        let links: Vec<(u32, String)> = (1..=results.page_count)
            .map(|p| (p, search.href(p)))
            .collect();
        let current = results.page;
        view! {
            <nav role="navigation" class="fr-pagination" aria-label="Pagination">
                <ul class="fr-pagination__list">
                    {links
                        .into_iter()
                        .map(|(p, href)| {
                            view! {
                                <li>
                                    <a class="fr-pagination__link" href=href aria-current=(p == current).then_some("page")>{p}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        }
    });
    view! {
        <h2 id="resultats" aria-live="polite">{count}</h2>
        {(!results.cards.is_empty()).then(|| view! {
            <p class="fr-text--sm">"Les profils les plus pertinents d’abord : compétences et niveaux, modalité, lieu, disponibilité."</p>
        })}
        <ul class="fr-grid-row fr-grid-row--gutters fr-raw-list">
            {results
                .cards
                .into_iter()
                .map(|card| view! { <li class="fr-col-12 fr-col-md-6"><PoolCardView card /></li> })
                .collect_view()}
        </ul>
        {pages}
    }
}

#[component]
fn MyRequests(requests: Vec<SentRequest>) -> impl IntoView {
    view! {
        <h2 class="fr-mt-6w" id="mes-demandes">"Mes demandes de contact"</h2>
        {if requests.is_empty() {
            view! { <p>"Vous n’avez envoyé aucune demande de contact."</p> }.into_any()
        } else {
            view! {
                <div class="fr-table">
                    <table>
                        <caption class="fr-sr-only">"Mes demandes de contact"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Profil"</th>
                                <th scope="col">"Mission"</th>
                                <th scope="col">"Envoyée le"</th>
                                <th scope="col">"Réponse"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {requests.into_iter().map(|r| view! { <RequestRow r /> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        }}
    }
}

#[component]
fn RequestRow(r: SentRequest) -> impl IntoView {
    let who = r
        .full_name
        .clone()
        .unwrap_or_else(|| "Profil anonyme".into());
    let href = format!("/espace-administration/vivier/{}", r.reference);
    view! {
        <tr>
            <td><a href=href>{who}</a></td>
            <td>{r.mission_title.clone()}</td>
            <td>{r.sent_at.clone()}</td>
            <td>
                {label(CONTACT_STATUSES, &r.status).to_string()}
                {r.email.clone().map(|email| {
                    let mailto = format!("mailto:{email}");
                    view! { " : " <a href=mailto>{email}</a> }
                })}
            </td>
        </tr>
    }
}

#[component]
pub fn VivierProfilePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let reference = move || params.read().get("reference").unwrap_or_default();
    let info = Memo::new(move |_| query.read().get("info"));
    let mission = Memo::new(move |_| {
        query
            .read()
            .get("mission")
            .and_then(|m| m.parse::<i32>().ok())
    });
    let page = Resource::new(
        move || (reference(), info.get()),
        |(r, _)| view_pool_profile(r),
    );
    view! {
        <Title text="Profil du vivier — Talents numériques" />
        <div class="fr-container fr-my-6w">
            <nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">
                <ol class="fr-breadcrumb__list">
                    <li><a class="fr-breadcrumb__link" href="/espace-administration">"Espace administration"</a></li>
                    <li><a class="fr-breadcrumb__link" href="/espace-administration/vivier">"Le vivier"</a></li>
                    <li><a class="fr-breadcrumb__link" aria-current="page">"Profil"</a></li>
                </ol>
            </nav>
            <Suspense fallback=|| view! { <p>"Chargement…"</p> }>
                {move || {
                    page.get()
                        .map(|result| match result {
                            Err(AppError::Unauthenticated) => {
                                let next = format!("/connexion?suite=/espace-administration/vivier/{}", reference());
                                view! { <Redirect path=next /> }.into_any()
                            }
                            Err(error) => view! { <ErrorContent error /> }.into_any(),
                            Ok(p) => {
                                let sent = info.get().as_deref() == Some("demande-envoyee");
                                view! { <Profile p sent mission=mission.get() /> }.into_any()
                            }
                        })
                }}
            </Suspense>
        </div>
    }
}

#[component]
fn Profile(p: PoolProfilePage, sent: bool, mission: Option<i32>) -> impl IntoView {
    let card = p.card.clone();
    let days = match card.days_per_month {
        1 => "1 jour par mois".to_string(),
        n => format!("{n} jours par mois"),
    };
    view! {
        {sent.then(|| view! {
            <SuccessAlert
                title="Votre demande de contact a été envoyée"
                text="La personne la verra dans « Mon espace » et recevra un e-mail. Si elle accepte, son adresse apparaîtra ici."
            />
        })}
        <h1>{p.full_name.clone()}</h1>
        <p class="fr-text--lead">{card.job_title.clone()} " — " {p.administration.clone()}</p>
        <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-md-7">
                <h2 class="fr-h4">"Compétences à partager"</h2>
                <ul>
                    {card
                        .lend
                        .iter()
                        .map(|s| view! { <li>{s.name.clone()} " — niveau " {s.level.clone().unwrap_or_default()}</li> })
                        .collect_view()}
                </ul>
                {(!card.grow.is_empty()).then(|| view! {
                    <h2 class="fr-h4">"Compétences à développer"</h2>
                    <ul>{card.grow.iter().map(|s| view! { <li>{s.name.clone()}</li> }).collect_view()}</ul>
                })}
                <h2 class="fr-h4">"Disponibilité"</h2>
                <p>
                    {days} " · " {label(REMOTE_PREFS, &card.remote).to_string()} " · " {card.location.clone()}
                    {(!p.rhythm.is_empty()).then(|| view! { <br /> "Rythme souhaité : " {p.rhythm.clone()} })}
                </p>
                {(!p.bio.is_empty()).then(|| view! {
                    <h2 class="fr-h4">"Présentation"</h2>
                    <p class="tn-prewrap">{p.bio.clone()}</p>
                })}
            </div>
            <div class="fr-col-12 fr-col-md-5">
                <Contact p=p.clone() mission />
            </div>
        </div>
    }
}

#[component]
fn Contact(p: PoolProfilePage, mission: Option<i32>) -> impl IntoView {
    let action = ServerAction::<ContactPoolMember>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let chosen = move || {
        error
            .get()
            .and_then(|e| e.value("mission_id"))
            .or_else(|| mission.map(|m| m.to_string()))
            .unwrap_or_default()
    };
    let mission_message = move || error.get().and_then(|e| e.field("mission_id"));
    let remaining = match p.remaining {
        0 => "Vous ne pouvez plus envoyer de demande à cette personne ce mois-ci.".to_string(),
        1 => "Vous pouvez encore envoyer 1 demande à cette personne ce mois-ci.".to_string(),
        n => format!("Vous pouvez encore envoyer {n} demandes à cette personne ce mois-ci."),
    };
    let reference = p.card.reference.clone();
    let missions = p.missions.clone();
    view! {
        <div class="fr-card fr-card--no-arrow">
            <div class="fr-card__body">
                <div class="fr-card__content">
                    <h2 class="fr-card__title fr-h5">"Contacter cette personne"</h2>
                    <div class="fr-card__desc">
                        {match p.email.clone() {
                            Some(email) => {
                                let mailto = format!("mailto:{email}");
                                view! {
                                    <p class="fr-badge fr-badge--success fr-mb-2w">"Demande acceptée"</p>
                                    <p>"Son adresse professionnelle : " <a href=mailto>{email}</a></p>
                                }
                                .into_any()
                            }
                            None => view! {
                                <p>"Son adresse vous sera communiquée si elle accepte votre demande."</p>
                            }
                            .into_any(),
                        }}
                        {(!p.requests.is_empty()).then(|| view! {
                            <h3 class="fr-h6">"Vos demandes"</h3>
                            <ul>
                                {p.requests
                                    .iter()
                                    .map(|r| view! {
                                        <li>{r.mission_title.clone()} " — " {r.sent_at.clone()} " — " {label(CONTACT_STATUSES, &r.status).to_string()}</li>
                                    })
                                    .collect_view()}
                            </ul>
                        })}
                        <p class="fr-text--sm">{remaining}</p>
                        {if missions.is_empty() {
                            view! {
                                <p>
                                    "Une demande de contact porte sur une de vos missions. "
                                    <a href="/espace-administration">"Proposez d’abord une mission"</a>
                                </p>
                            }
                            .into_any()
                        } else if p.remaining == 0 {
                            ().into_any()
                        } else {
                            view! {
                                <ErrorSummary error />
                                <ActionForm action attr:novalidate="">
                                    <input type="hidden" name="reference" value=reference.clone() />
                                    <div class=move || if mission_message().is_some() { "fr-select-group fr-select-group--error" } else { "fr-select-group" }>
                                        <label class="fr-label" for=field_id("mission_id")>"Pour quelle mission ?"</label>
                                        <select
                                            class="fr-select"
                                            id=field_id("mission_id")
                                            name="mission_id"
                                            aria-describedby="contact-mission-messages"
                                            aria-invalid=move || mission_message().map(|_| "true")
                                        >
                                            {missions
                                                .iter()
                                                .map(|m| {
                                                    let id = m.id.to_string();
                                                    let title = if m.title.is_empty() { "Mission sans titre".to_string() } else { m.title.clone() };
                                                    let value = id.clone();
                                                    view! { <option value=value selected=move || chosen() == id>{title}</option> }
                                                })
                                                .collect_view()}
                                        </select>
                                        <div class="fr-messages-group" id="contact-mission-messages" aria-live="polite">
                                            {move || mission_message().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
                                        </div>
                                    </div>
                                    <TextField
                                        name="message"
                                        label="Votre message"
                                        hint="Présentez la mission et ce que vous attendez (1 000 caractères au plus)."
                                        multiline=true
                                        error
                                    />
                                    <button class="fr-btn" type="submit" disabled=move || action.pending().get()>
                                        "Envoyer la demande de contact"
                                    </button>
                                </ActionForm>
                            }
                            .into_any()
                        }}
                    </div>
                </div>
            </div>
        </div>
    }
}
