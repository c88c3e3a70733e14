use super::alerts::AlertFromSearch;
use super::not_found::ErrorContent;
use crate::api::missions::list_missions;
use crate::components::mission_card::MissionCard;
use crate::model::{MissionFilters, MissionPage};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The filters of the current URL (unknown or malformed values are ignored).
fn filters_from(query: &leptos_router::params::ParamsMap) -> MissionFilters {
    let text = |key: &str| {
        query
            .get(key)
            .map(|v| v.chars().take(200).collect::<String>())
            .filter(|v| !v.trim().is_empty())
    };
    MissionFilters {
        q: text("q"),
        competence: text("competence"),
        administration: text("administration"),
        modalite: text("modalite").filter(|m| m == "sur_site" || m == "a_distance"),
        page: query
            .get("page")
            .and_then(|p| p.trim().parse::<u32>().ok())
            .filter(|p| *p >= 1),
    }
}

/// The URL of the same view on another page.
fn page_href(f: &MissionFilters, page: u32) -> String {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (key, value) in [
        ("q", &f.q),
        ("competence", &f.competence),
        ("administration", &f.administration),
        ("modalite", &f.modalite),
    ] {
        if let Some(v) = value {
            pairs.push((key.to_string(), v.clone()));
        }
    }
    if page > 1 {
        pairs.push(("page".into(), page.to_string()));
    }
    let query: Vec<String> = pairs
        .into_iter()
        .map(|(k, v)| format!("{k}={}", encode(&v)))
        .collect();
    if query.is_empty() {
        "/missions".into()
    } else {
        format!("/missions?{}", query.join("&"))
    }
}

pub(crate) fn encode(v: &str) -> String {
    let mut out = String::new();
    for b in v.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[component]
pub fn MissionsPage() -> impl IntoView {
    let query = use_query_map();
    let filters = Memo::new(move |_| filters_from(&query.read()));
    let data = Resource::new(
        move || filters.get(),
        |f| list_missions(f.q, f.competence, f.administration, f.modalite, f.page),
    );
    view! {
        <Title text="Missions — Talents numériques" />
        <div class="fr-container fr-my-6w">
            <h1>"Les missions proposées"</h1>
            <Suspense fallback=|| view! { <p>"Chargement des missions…"</p> }>
                {move || {
                    data.get()
                        .map(|result| match result {
                            Ok(page) => view! { <MissionList page filters=filters.get() /> }.into_any(),
                            Err(error) => view! { <ErrorContent error /> }.into_any(),
                        })
                }}
            </Suspense>
        </div>
    }
}

#[component]
fn MissionList(page: MissionPage, filters: MissionFilters) -> impl IntoView {
    let count = match page.total {
        0 => "Aucune mission ne correspond à votre recherche.".to_string(),
        1 => "1 mission".to_string(),
        n => format!("{n} missions"),
    };
    let selected = |current: &Option<String>, value: &str| current.as_deref() == Some(value);
    let f = filters.clone();
    view! {
        <form method="get" action="/missions" class="fr-mb-4w">
            <div class="fr-search-bar fr-search-bar--lg fr-mb-3w" role="search">
                <label class="fr-label" for="recherche">"Rechercher une mission"</label>
                <input
                    class="fr-input"
                    type="search"
                    id="recherche"
                    name="q"
                    placeholder="Mots-clés : données, design, accessibilité…"
                    value=filters.q.clone()
                />
                <button class="fr-btn" type="submit" title="Rechercher">"Rechercher"</button>
            </div>
            <fieldset class="fr-fieldset">
                <legend class="fr-fieldset__legend fr-h6">"Filtrer les missions"</legend>
                <div class="fr-fieldset__element fr-col-12 fr-col-md-4">
                    <div class="fr-select-group">
                        <label class="fr-label" for="filtre-competence">"Compétence"</label>
                        <select class="fr-select" id="filtre-competence" name="competence">
                            <option value="">"Toutes les compétences"</option>
                            {page
                                .skills
                                .iter()
                                .map(|family| {
                                    view! {
                                        <optgroup label=family.name.clone()>
                                            {family
                                                .skills
                                                .iter()
                                                .map(|s| {
                                                    view! {
                                                        <option value=s.slug.clone() selected=selected(&f.competence, &s.slug)>
                                                            {s.name.clone()}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </optgroup>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                </div>
                <div class="fr-fieldset__element fr-col-12 fr-col-md-4">
                    <div class="fr-select-group">
                        <label class="fr-label" for="filtre-administration">"Administration"</label>
                        <select class="fr-select" id="filtre-administration" name="administration">
                            <option value="">"Toutes les administrations"</option>
                            {page
                                .administrations
                                .iter()
                                .map(|a| view! {
                                    <option value=a.slug.clone() selected=selected(&f.administration, &a.slug)>{a.name.clone()}</option>
                                })
                                .collect_view()}
                        </select>
                    </div>
                </div>
                <div class="fr-fieldset__element fr-col-12 fr-col-md-4">
                    <div class="fr-select-group">
                        <label class="fr-label" for="filtre-modalite">"Modalité"</label>
                        <select class="fr-select" id="filtre-modalite" name="modalite">
                            <option value="">"Sur site ou à distance"</option>
                            <option value="sur_site" selected=selected(&f.modalite, "sur_site")>"Sur site"</option>
                            <option value="a_distance" selected=selected(&f.modalite, "a_distance")>"À distance"</option>
                        </select>
                    </div>
                </div>
                <div class="fr-fieldset__element">
                    <ul class="fr-btns-group fr-btns-group--inline-sm">
                        <li><button class="fr-btn fr-btn--secondary" type="submit">"Appliquer les filtres"</button></li>
                        <li><a class="fr-btn fr-btn--tertiary" href="/missions">"Réinitialiser"</a></li>
                    </ul>
                </div>
            </fieldset>
        </form>
        <p role="status" class="fr-text--bold">{count}</p>
        <AlertFromSearch back=page_href(&filters, 1) filters=filters.clone() />
        <ul class="fr-grid-row fr-grid-row--gutters fr-raw-list">
            {page
                .missions
                .into_iter()
                .map(|m| view! { <li class="fr-col-12 fr-col-md-6"><MissionCard mission=m heading=2 /></li> })
                .collect_view()}
        </ul>
        <Pagination current=page.page count=page.page_count filters />
    }
}

#[component]
fn Pagination(current: u32, count: u32, filters: MissionFilters) -> impl IntoView {
    (count > 1).then(|| {
        view! {
            <nav role="navigation" class="fr-pagination fr-mt-4w" aria-label="Pagination">
                <ul class="fr-pagination__list">
                    {(current > 1).then(|| view! {
                        <li>
                            <a class="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label" href=page_href(&filters, current - 1)>
                                "Page précédente"
                            </a>
                        </li>
                    })}
                    {(1..=count)
                        .map(|n| {
                            let label = format!("Page {n}");
                            if n == current {
                                view! { <li><a class="fr-pagination__link" aria-current="page" title=label>{n}</a></li> }.into_any()
                            } else {
                                view! { <li><a class="fr-pagination__link" href=page_href(&filters, n) title=label>{n}</a></li> }.into_any()
                            }
                        })
                        .collect_view()}
                    {(current < count).then(|| view! {
                        <li>
                            <a class="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label" href=page_href(&filters, current + 1)>
                                "Page suivante"
                            </a>
                        </li>
                    })}
                </ul>
            </nav>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_links_keep_the_filters() {
        let f = MissionFilters {
            q: Some("données & R".into()),
            modalite: Some("a_distance".into()),
            ..Default::default()
        };
        assert_eq!(
            page_href(&f, 2),
            "/missions?q=donn%C3%A9es+%26+R&modalite=a_distance&page=2"
        );
        assert_eq!(page_href(&MissionFilters::default(), 1), "/missions");
    }
}
