//! Pages that others change while one looks at them (an application
//! answered, a line manager's agreement): once the page is interactive it
//! asks the server again every few seconds and, when the answer differs from
//! what is shown, says so and offers to show it. Nothing is replaced under
//! the user's hands: a form being filled is never reset by surprise.

use crate::error::AppError;
use leptos::prelude::*;
use std::future::Future;

/// How often an open page looks for news.
pub const EVERY_SECONDS: u64 = 10;

#[component]
pub fn ChangeNotice<T, F, Fut>(
    /// What the page shows now.
    shown: T,
    /// Asks the server for the same data again.
    fetch: F,
    /// Shows the new state (typically the resource's `refetch`).
    #[prop(into)]
    refresh: Callback<()>,
) -> impl IntoView
where
    T: PartialEq + Send + Sync + 'static,
    F: Fn() -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + 'static,
{
    let changed = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    {
        let shown = StoredValue::new(shown);
        let handle = set_interval_with_handle(
            move || {
                let visible = document().visibility_state() == web_sys::VisibilityState::Visible;
                if changed.get_untracked() || !visible {
                    return;
                }
                let fetch = fetch.clone();
                leptos::task::spawn_local(async move {
                    if let Ok(now) = fetch().await {
                        if shown.try_with_value(|s| *s != now).unwrap_or(false) {
                            changed.try_set(true);
                        }
                    }
                });
            },
            std::time::Duration::from_secs(EVERY_SECONDS),
        );
        if let Ok(handle) = handle {
            on_cleanup(move || handle.clear());
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (shown, fetch);
    view! {
        <div aria-live="polite">
            {move || changed.get().then(|| view! {
                <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-4w">
                    <p>"Du nouveau sur cette page depuis son ouverture (une réponse, un statut, une candidature). "
                        <button class="fr-btn fr-btn--sm fr-btn--secondary fr-ml-1w" type="button"
                            on:click=move |_| refresh.run(())>"Afficher les nouveautés"</button>
                    </p>
                </div>
            })}
        </div>
    }
}
