use super::not_found::ErrorContent;
use crate::api::space::dev_outbox;
use leptos::prelude::*;
use leptos_meta::Title;

/// Splits a message into text and clickable links.
fn linkify(body: &str) -> impl IntoView {
    body.split_inclusive(char::is_whitespace)
        .map(|word| {
            let trimmed = word.trim_end();
            if trimmed.starts_with("http://") || trimmed.starts_with("https://") {
                let rest = word[trimmed.len()..].to_string();
                view! { <a href=trimmed.to_string()>{trimmed.to_string()}</a>{rest} }.into_any()
            } else {
                word.to_string().into_any()
            }
        })
        .collect_view()
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    let messages = Resource::new(|| (), |_| dev_outbox());
    view! {
        <Title text="Boîte d’envoi de démonstration — Talents numériques" />
        <Suspense fallback=|| view! { <div class="fr-container fr-my-6w"><p>"Chargement…"</p></div> }>
            {move || {
                messages
                    .get()
                    .map(|result| match result {
                        Err(error) => view! { <ErrorContent error /> }.into_any(),
                        Ok(list) => view! {
                            <div class="fr-container fr-my-6w">
                                <h1>"Boîte d’envoi de démonstration"</h1>
                                <p>
                                    "En démonstration, le service n’envoie aucun courriel : chaque message est écrit ici, du plus récent au plus ancien."
                                </p>
                                {list.is_empty().then(|| view! { <p>"Aucun message pour l’instant."</p> })}
                                <ol class="fr-raw-list">
                                    {list
                                        .into_iter()
                                        .map(|m| view! {
                                            <li class="fr-mb-4w tn-outbox-message">
                                                <h2 class="fr-h5">{m.subject}</h2>
                                                <p class="fr-text--sm">"À : " {m.to}</p>
                                                <div class="tn-pre-line">{linkify(&m.body)}</div>
                                            </li>
                                        })
                                        .collect_view()}
                                </ol>
                            </div>
                        }
                        .into_any(),
                    })
            }}
        </Suspense>
    }
}
