//! `talents`: serve the web service (default), or `migrate`, `seed`,
//! `export <file>`, `import <file>`, `import-files <directory>`,
//! `alerts run-now`.
#![recursion_limit = "256"]

use app::backend::config::Config;
use app::backend::seed;
use app::backend::state::AppState;
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

const USAGE: &str = "Utilisation : talents [serve | migrate | seed | export <fichier> | import <fichier> | import-files <répertoire> | alerts run-now]";

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| {
            EnvFilter::new("info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn")
        }))
        .init();
    let command = std::env::args().nth(1).unwrap_or_else(|| "serve".into());
    let file = std::env::args().nth(2);
    let runtime = match server::runtime() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("talents : impossible de démarrer : {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(&command, file.as_deref())) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("talents : {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: &str, file: Option<&str>) -> Result<(), String> {
    let mut config = Config::from_env()?;
    if command != "serve" {
        // One-off commands leave queued e-mails to the serving instances.
        config.mail_retry_every = None;
    }
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
        "export" => {
            let path = file.ok_or_else(|| format!("indiquez le fichier à écrire. {USAGE}"))?;
            let state = AppState::start(config).await?;
            let out = std::fs::File::create(path)
                .map_err(|e| format!("impossible de créer {path} : {e}"))?;
            let mut out = std::io::BufWriter::new(out);
            let counts = app::backend::transfer::export(state.db.read(), &mut out).await?;
            println!("Exporté dans {path} : {}", summary(&counts));
            Ok(())
        }
        "import" => {
            let path = file.ok_or_else(|| format!("indiquez le fichier à lire. {USAGE}"))?;
            let input = std::fs::File::open(path)
                .map_err(|e| format!("impossible d’ouvrir {path} : {e}"))?;
            let state = AppState::start(config).await?;
            let counts =
                app::backend::transfer::import(state.db.write(), std::io::BufReader::new(input))
                    .await?;
            println!("Importé depuis {path} : {}", summary(&counts));
            Ok(())
        }
        "import-files" => {
            let dir = file.ok_or_else(|| {
                format!(
                    "indiquez le répertoire des documents (l’ancien TALENTS_FILES_DIR). {USAGE}"
                )
            })?;
            let dir = std::path::Path::new(dir);
            if !dir.is_dir() {
                return Err(format!("{} n’est pas un répertoire", dir.display()));
            }
            let state = AppState::start(config).await?;
            let report = app::backend::documents::import_files(state.db.write(), dir).await?;
            println!("Documents repris dans la base : {}", report.moved);
            for (mission, name) in &report.missing {
                println!("Introuvable pour la mission {mission} : {name}");
            }
            Ok(())
        }
        "alerts" => {
            if file != Some("run-now") {
                return Err(format!("indiquez « alerts run-now ». {USAGE}"));
            }
            let state = AppState::start(config).await?;
            let report = app::backend::alerts::run_all_now(&state)
                .await
                .map_err(|e| format!("échec de l’envoi des alertes : {e}"))?;
            println!(
                "Alertes : {} e-mail(s) envoyé(s), {} retenu(s) par la limite mensuelle",
                report.sent, report.capped
            );
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

fn summary(counts: &app::backend::transfer::Counts) -> String {
    let total: u64 = counts.values().sum();
    let tables: Vec<String> = counts
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(t, n)| format!("{t} {n}"))
        .collect();
    format!("{total} ligne(s) ({})", tables.join(", "))
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
