//! `talents`: serve the web service (default), or `migrate`, or `seed`.
#![recursion_limit = "256"]

use app::backend::config::Config;
use app::backend::seed;
use app::backend::state::AppState;
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

const USAGE: &str = "Utilisation : talents [serve | migrate | seed]";

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| {
            EnvFilter::new("info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn")
        }))
        .init();
    let command = std::env::args().nth(1).unwrap_or_else(|| "serve".into());
    let runtime = match server::runtime() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("talents : impossible de démarrer : {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(&command)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("talents : {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: &str) -> Result<(), String> {
    let config = Config::from_env()?;
    match command {
        "migrate" => {
            AppState::start(config).await?;
            println!("Migrations appliquées.");
            Ok(())
        }
        "seed" => {
            let demo = config.demo;
            let state = AppState::start(config).await?;
            let report = seed::run(state.db.write(), demo)
                .await
                .map_err(|e| format!("échec du chargement des données : {e}"))?;
            println!("Données chargées : {report:?}");
            Ok(())
        }
        "serve" => serve(config).await,
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("commande inconnue « {other} ». {USAGE}")),
    }
}

async fn serve(config: Config) -> Result<(), String> {
    let options = server::leptos_options()?;
    let addr = options.site_addr;
    tracing::info!(config = ?config, "starting");
    let demo = config.demo;
    let state = AppState::start(config).await?;
    if demo {
        let report = seed::run(state.db.write(), true)
            .await
            .map_err(|e| format!("échec du chargement des données de démonstration : {e}"))?;
        tracing::info!(?report, "demo data loaded");
    }
    app::backend::jobs::spawn(state.clone());
    let app = server::router(state, options);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("impossible d’écouter sur {addr} : {e}"))?;
    tracing::info!("listening on http://{addr}");
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|e| e.to_string())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
