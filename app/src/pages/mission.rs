use super::not_found::ErrorContent;
use crate::api::missions::get_mission;
use crate::model::MissionSheet;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn MissionSheetPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let sheet = Resource::new(slug, get_mission);
    view! {
        <Suspense fallback=|| view! { <div class="fr-container fr-my-6w"><p>"Chargement de la mission…"</p></div> }>
            {move || {
                sheet
                    .get()
                    .map(|result| match result {
                        Ok(m) => view! { <Sheet m /> }.into_any(),
                        Err(error) => view! { <ErrorContent error /> }.into_any(),
                    })
            }}
        </Suspense>
    }
}

#[component]
fn Row(label: &'static str, value: Option<String>) -> impl IntoView {
    value.filter(|v| !v.is_empty()).map(|v| {
        view! {
            <dt class="fr-text--bold">{label}</dt>
            <dd class="fr-mb-2w">{v}</dd>
        }
    })
}

#[component]
fn Sheet(m: MissionSheet) -> impl IntoView {
    let title = crate::text::rcdata(format!("{} — Talents numériques", m.title));
    let description = format!("Mission proposée par {} : {}", m.administration, m.title);
    view! {
        <Title text=title />
        <Meta name="description" content=description />
        <div class="fr-container fr-my-6w">
            <nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">
                <button class="fr-breadcrumb__button" aria-expanded="false" aria-controls="fil-ariane">"Voir le fil d’Ariane"</button>
                <div class="fr-collapse" id="fil-ariane">
                    <ol class="fr-breadcrumb__list">
                        <li><a class="fr-breadcrumb__link" href="/">"Accueil"</a></li>
                        <li><a class="fr-breadcrumb__link" href="/missions">"Missions"</a></li>
                        <li><a class="fr-breadcrumb__link" aria-current="page">{m.title.clone()}</a></li>
                    </ol>
                </div>
            </nav>
            <SheetBody m preview=false />
        </div>
    }
}

/// The sheet itself, as the public page shows it; `preview` for the editor
/// (no application button, a notice instead).
#[component]
pub fn SheetBody(m: MissionSheet, preview: bool) -> impl IntoView {
    let apply = format!("/missions/{}/candidater", m.slug);
    let period = match (&m.start_date, &m.end_date) {
        (Some(s), Some(e)) => Some(format!("Du {s} au {e}")),
        (Some(s), None) => Some(format!("À partir du {s}")),
        (None, Some(e)) => Some(format!("Jusqu’au {e}")),
        (None, None) => None,
    };
    view! {
        <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-md-8">
                <p class="fr-badge fr-badge--info fr-badge--no-icon fr-mb-2w">{m.nature.clone()}</p>
                <h1>{if m.title.is_empty() { "Mission sans titre".to_string() } else { m.title.clone() }}</h1>
                <p class="fr-text--lead">{m.administration.clone()} " — " {m.service.clone()}</p>
                <h2>"La mission"</h2>
                <div class="tn-markdown" inner_html=m.description_html.clone()></div>
                {m.deliverables.clone().filter(|d| !d.is_empty()).map(|d| view! {
                    <h2>"Livrables attendus"</h2>
                    <p class="tn-pre-line">{d}</p>
                })}
                {m.learning.clone().filter(|d| !d.is_empty()).map(|d| view! {
                    <h2>"Ce que vous apprendrez"</h2>
                    <p class="tn-pre-line">{d}</p>
                })}
                <h2>"Compétences recherchées"</h2>
                <ul class="fr-tags-group">
                    {m.skills.iter().map(|s| view! { <li><p class="fr-tag">{s.name.clone()}</p></li> }).collect_view()}
                </ul>
                <p>{m.skills_text.clone()}</p>
            </div>
            <div class="fr-col-12 fr-col-md-4">
                <div class="fr-card fr-card--no-arrow">
                    <div class="fr-card__body">
                        <div class="fr-card__content">
                            <h2 class="fr-card__title">"En bref"</h2>
                            <dl class="fr-card__desc">
                                <Row label="Durée et période" value=Some(m.effort_text.clone()) />
                                <Row label="Estimation" value=m.effort_days.map(|d| if d > 1 { format!("{d} jours") } else { format!("{d} jour") }) />
                                <Row label="Dates" value=period />
                                <Row label="Date limite de candidature" value=m.deadline.clone() />
                                <Row label="Lieu" value=Some(m.location.clone()) />
                                <Row label="Modalité" value=Some(m.mode.clone()) />
                                <Row label="Nombre de places" value=Some(m.places.to_string()) />
                                {match m.details_pdf_url.clone() {
                                    Some(url) => view! {
                                        <dt class="fr-text--bold">"Document de présentation"</dt>
                                        <dd class="fr-mb-2w">
                                            <a class="fr-link fr-link--download" href=url download="">
                                                "Télécharger le document"
                                                <span class="fr-link__detail">{m.details_pdf_label.clone()}</span>
                                            </a>
                                        </dd>
                                    }.into_any(),
                                    None => view! { <Row label="Document de présentation" value=Some(m.details_pdf_label.clone()) /> }.into_any(),
                                }}
                                <Row label="Publiée le" value=m.published_at.clone() />
                            </dl>
                        </div>
                        <div class="fr-card__footer">
                            {if preview {
                            view! { <p class="fr-badge fr-badge--new">"Aperçu : le bouton « Je propose mes talents » apparaîtra ici"</p> }.into_any()
                        } else if m.open {
                                view! { <a class="fr-btn fr-btn--lg" href=apply>"Je propose mes talents"</a> }.into_any()
                            } else {
                                view! { <p class="fr-badge fr-badge--warning">"Candidatures closes"</p> }.into_any()
                            }}
                        </div>
                    </div>
                </div>
                <div class="fr-callout fr-mt-4w">
                    <p class="fr-callout__text fr-text--sm">
                        "Vous restez rattaché à votre service et rémunéré par lui. L’accord de votre supérieur hiérarchique est nécessaire avant le début de la mission."
                    </p>
                </div>
            </div>
        </div>
    }
}
