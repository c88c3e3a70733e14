use crate::api::auth::{CompleteSignIn, RequestSignInLink};
use crate::app::SiteResource;
use crate::components::form::TextField;
use crate::components::notice::ErrorSummary;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let action = ServerAction::<RequestSignInLink>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let query = use_query_map();
    let next = move || query.read().get("suite").unwrap_or_default();
    let site = expect_context::<SiteResource>();
    let demo = move || site.get().and_then(|r| r.ok()).is_some_and(|i| i.demo);
    view! {
        <Title text="Se connecter — Talents numériques" />
        <div class="fr-container fr-my-6w">
            <div class="fr-grid-row fr-grid-row--gutters">
                <div class="fr-col-12 fr-col-md-7">
                    <h1>"Se connecter"</h1>
                    <p>
                        "Pas de mot de passe : indiquez votre adresse électronique professionnelle d’agent de l’État, nous vous envoyons un lien de connexion valable 15 minutes."
                    </p>
                    <ErrorSummary error />
                    <ActionForm action attr:novalidate="">
                        <input type="hidden" name="next" value=next />
                        <TextField
                            name="email"
                            label="Adresse électronique professionnelle"
                            hint="Format attendu : prenom.nom@ministere.gouv.fr"
                            kind="email"
                            autocomplete="email"
                            error
                        />
                        <button class="fr-btn" type="submit" disabled=move || action.pending().get()>
                            "Recevoir un lien de connexion"
                        </button>
                    </ActionForm>
                </div>
                <div class="fr-col-12 fr-col-md-5">
                    <Transition fallback=|| ()>
                        <Show when=demo>
                            <div class="fr-callout">
                                <h2 class="fr-callout__title">"Comptes de démonstration"</h2>
                                <p class="fr-callout__text fr-text--sm">
                                    "Cette version de démonstration n’envoie aucun courriel : les messages sont visibles dans la "
                                    <a href="/dev/outbox">"boîte d’envoi de démonstration"</a>
                                    ". Vous pouvez utiliser n’importe quelle adresse en .gouv.fr, ou l’un de ces comptes :"
                                </p>
                                <ul class="fr-text--sm">
                                    <li>"agent.demo@numerique.gouv.fr (agent)"</li>
                                    <li>"responsable.demo@numerique.gouv.fr (responsable de mission, DINUM)"</li>
                                    <li>"responsable.demo@education.gouv.fr (responsable de mission, MENJ)"</li>
                                    <li>"responsable.demo@intradef.gouv.fr (responsable de mission, Armées)"</li>
                                    <li>"moderation.demo@numerique.gouv.fr (modération, DINUM)"</li>
                                </ul>
                            </div>
                        </Show>
                    </Transition>
                </div>
            </div>
        </div>
    }
}

#[component]
pub fn LinkSentPage() -> impl IntoView {
    let site = expect_context::<SiteResource>();
    let demo = move || site.get().and_then(|r| r.ok()).is_some_and(|i| i.demo);
    view! {
        <Title text="Lien de connexion envoyé — Talents numériques" />
        <div class="fr-container fr-my-6w">
            <h1>"Consultez votre messagerie"</h1>
            <div class="fr-alert fr-alert--success fr-mb-4w" role="status">
                <p>
                    "Si votre adresse est acceptée, un lien de connexion vient de vous être envoyé. Il est valable 15 minutes et ne sert qu’une fois."
                </p>
            </div>
            <p>"Rien reçu après quelques minutes ? Vérifiez vos courriers indésirables, puis "
                <a href="/connexion">"demandez un nouveau lien"</a> "."
            </p>
            <Transition fallback=|| ()>
                <Show when=demo>
                    <p>
                        <a class="fr-btn fr-btn--secondary" href="/dev/outbox">"Ouvrir la boîte d’envoi de démonstration"</a>
                    </p>
                </Show>
            </Transition>
        </div>
    }
}

/// The page a sign-in link opens: one button finishes signing in, so that
/// mail scanners that open links cannot use the one-time token up.
#[component]
pub fn SignInLinkPage() -> impl IntoView {
    let action = ServerAction::<CompleteSignIn>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let query = use_query_map();
    let token = move || query.read().get("jeton").unwrap_or_default();
    view! {
        <Title text="Connexion — Talents numériques" />
        <div class="fr-container fr-my-6w">
            <h1>"Connexion à Talents numériques"</h1>
            {move || {
                error
                    .get()
                    .map(|e| {
                        view! {
                            <div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
                                <p>{e.to_string()}</p>
                            </div>
                            <p><a class="fr-btn" href="/connexion">"Recevoir un nouveau lien"</a></p>
                        }
                    })
            }}
            <Show when=move || error.get().is_none()>
                <p>"Cliquez pour terminer votre connexion."</p>
                <form method="post" action="/api/complete_sign_in">
                    <input type="hidden" name="jeton" value=token />
                    <button class="fr-btn fr-btn--lg" type="submit">"Me connecter"</button>
                </form>
            </Show>
        </div>
    }
}

#[component]
pub fn SignOutPage() -> impl IntoView {
    view! {
        <Title text="Se déconnecter — Talents numériques" />
        <div class="fr-container fr-my-6w">
            <h1>"Se déconnecter"</h1>
            <p>"Vous pourrez vous reconnecter à tout moment avec un nouveau lien de connexion."</p>
            <form method="post" action="/api/sign_out">
                <button class="fr-btn" type="submit">"Me déconnecter"</button>
            </form>
        </div>
    }
}
