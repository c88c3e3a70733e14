//! The one error type of the application.
//!
//! Every variant carries what the user may see (a French message, and for
//! invalid input the message of each field plus the values they typed so a
//! form can be shown again without losing anything). The cause of internal
//! failures is logged on the server and never serialised.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Per-field messages of a rejected form, keyed by the field's `name`.
pub type FieldErrors = BTreeMap<String, String>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The input was understood but breaks a rule. `values` echoes what was
    /// typed so a page rendered without JavaScript can fill the form again.
    #[error("{message}")]
    Invalid {
        message: String,
        fields: FieldErrors,
        values: BTreeMap<String, String>,
    },
    /// The request could not even be decoded (missing or malformed argument).
    #[error("La demande est incomplète ou mal formée.")]
    BadRequest,
    #[error("Vous devez vous connecter pour continuer.")]
    Unauthenticated,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    /// The action conflicts with what already exists (e.g. a second application).
    #[error("{0}")]
    Conflict(String),
    #[error("Les données envoyées sont trop volumineuses.")]
    TooLarge,
    #[error("Trop de demandes : merci de patienter quelques minutes avant de réessayer.")]
    TooManyRequests,
    /// Something failed on our side; the cause is in the server logs only.
    #[error("Une erreur technique est survenue. Merci de réessayer dans quelques instants.")]
    Internal,
    /// The browser could not reach the server.
    #[error("Le service est injoignable. Vérifiez votre connexion puis réessayez.")]
    Network,
}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            AppError::Invalid { .. } | AppError::BadRequest => 400,
            AppError::Unauthenticated => 401,
            AppError::Forbidden(_) => 403,
            AppError::NotFound(_) => 404,
            AppError::Conflict(_) => 409,
            AppError::TooLarge => 413,
            AppError::TooManyRequests => 429,
            AppError::Internal => 500,
            AppError::Network => 503,
        }
    }

    /// The message of one field, if the form was rejected because of it.
    pub fn field(&self, name: &str) -> Option<String> {
        match self {
            AppError::Invalid { fields, .. } => fields.get(name).cloned(),
            _ => None,
        }
    }

    /// What the user typed in one field, when the form comes back rejected.
    pub fn value(&self, name: &str) -> Option<String> {
        match self {
            AppError::Invalid { values, .. } => values.get(name).cloned(),
            _ => None,
        }
    }

    pub fn invalid(fields: FieldErrors, values: BTreeMap<String, String>) -> Self {
        let message = if fields.len() == 1 {
            "Le formulaire contient une erreur : corrigez le champ signalé.".to_string()
        } else {
            format!(
                "Le formulaire contient {} erreurs : corrigez les champs signalés.",
                fields.len()
            )
        };
        AppError::Invalid {
            message,
            fields,
            values,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::Serialization(_) => AppError::BadRequest,
            ServerFnErrorErr::Request(_) => AppError::Network,
            _ => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}
