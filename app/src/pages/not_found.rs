use leptos::prelude::*;
use leptos_meta::Title;

/// Sets the HTTP status of the page being rendered on the server.
pub fn set_status(_code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(res), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(_code),
    ) {
        res.set_status(status);
    }
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_status(404);
    view! { <NotFoundContent message="La page que vous cherchez n’existe pas ou a été déplacée." /> }
}

#[component]
pub fn NotFoundContent(#[prop(into)] message: String) -> impl IntoView {
    view! {
        <Title text="Page introuvable — Talents numériques" />
        <div class="fr-container fr-my-7w">
            <h1>"Page introuvable"</h1>
            <p class="fr-text--sm fr-mb-3w">"Erreur 404"</p>
            <p class="fr-text--lead">{message}</p>
            <ul class="fr-btns-group fr-btns-group--inline-md">
                <li><a class="fr-btn" href="/">"Page d’accueil"</a></li>
                <li><a class="fr-btn fr-btn--secondary" href="/missions">"Voir les missions"</a></li>
            </ul>
        </div>
    }
}

/// Any other failure of a page's data: the message, never the cause.
#[component]
pub fn ErrorContent(error: crate::error::AppError) -> impl IntoView {
    set_status(error.status());
    if let crate::error::AppError::NotFound(message) = error {
        return view! { <NotFoundContent message=message /> }.into_any();
    }
    view! {
        <Title text="Erreur — Talents numériques" />
        <div class="fr-container fr-my-7w">
            <div class="fr-alert fr-alert--error" role="alert">
                <h1 class="fr-alert__title">"Cette page ne peut pas s’afficher"</h1>
                <p>{error.to_string()}</p>
            </div>
        </div>
    }
    .into_any()
}
