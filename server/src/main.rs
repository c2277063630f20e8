//! `server`: serves the portal. Configuration comes from the environment (see `config`).

use leptos::config::get_configuration;
use server::{backup, cli, config::Config, db, demo, http, visitor};
use std::process::ExitCode;

fn main() -> ExitCode {
    // Before the runtime starts its threads: see `memory`.
    server::memory::tune_allocator();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("Lỗi: không khởi động được: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(start())
}

async fn start() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Lỗi: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let cli = <cli::Cli as clap::Parser>::parse();
    if let Some(cli::Command::Precompress { dir }) = &cli.command {
        println!("{}", server::precompress::precompress_dir(dir)?);
        return Ok(());
    }
    let config = Config::from_env()?;
    let mailer = server::mailer::Mailer::from_env()?;
    let digest_every = server::digests::every_from_lookup(|key| std::env::var(key).ok())?;
    if let Some(cli::Command::Restore { from }) = &cli.command {
        // The database file is replaced, so it must not be open (nor migrated) here.
        let database = backup::database_file(&config.database)?;
        println!("{}", backup::restore(from, &database, &config.data_dir).await?);
        return Ok(());
    }
    let pool = db::connect(&config.database).await?;
    if let Some(command) = cli.command.filter(|c| !matches!(c, cli::Command::Serve)) {
        // Commands see the same database the portal would serve (the demo content included).
        if config.demo_content {
            demo::load_if_empty(&pool, &config.data_dir).await?;
        }
        let result = match command {
            cli::Command::Backup { to } => {
                backup::backup(&pool, &config.data_dir, &to).await.map(|s| s.to_string()).map_err(Into::into)
            }
            command => cli::run_maintenance(&pool, command).await,
        };
        pool.close().await;
        println!("{}", result?);
        return Ok(());
    }
    let mut options = get_configuration(None)?.leptos_options;
    // A release build names its assets by content (cargo-leptos writes the names beside the
    // binary); Leptos then links the hashed names.
    options.hash_files = http::hashed_assets_built(&options);
    if config.demo_content && demo::load_if_empty(&pool, &config.data_dir).await? {
        tracing::info!("loaded the demo content into the empty database");
    }
    // Everything committed to the database is searchable before the first request.
    let search = server::indexer::open(&config.data_dir, pool.clone())?;
    search.catch_up().await?;
    let indexer = server::indexer::spawn(search.clone());
    let addr = options.site_addr;
    let visits = std::sync::Arc::new(app::data::visits::Visits::new(config.visits_per_address_per_hour));
    let flusher = visitor::spawn_flusher(pool.clone(), visits.clone());
    let trimmer = server::memory::spawn_trimmer();
    let postbox = std::sync::Arc::new(app::data::mail::Postbox::new(mailer.is_some()));
    if mailer.is_none() {
        tracing::warn!("SMTP_URL is not set: mail waits in the outbox until it is");
    } else if config.site.public.is_none() {
        // A client chooses its Host header: a reset link must not name a host it picked.
        tracing::warn!("PUBLIC_URL is not set: links in mail name the Host of the request that caused them");
    }
    // Mail queued before a restart (or while the mail server was away) goes out now.
    let sender = server::mailer::spawn(pool.clone(), mailer, postbox.clone());
    // Links in subscription mail name the public URL (else this server's own address).
    let base_url = config.site.public.as_ref().map_or_else(|| format!("http://{addr}"), server::site::Origin::url);
    let digests = server::digests::spawn(pool.clone(), base_url, digest_every, postbox.clone());
    let app = http::router_with(pool.clone(), options, &config.data_dir, config.site.clone(), visits.clone(), postbox);
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!("listening on http://{addr}");
    server::serve::serve(listener, app, server::serve::HEADER_READ_TIMEOUT, shutdown()).await;
    // The last seconds' visits are written before the database closes.
    flusher.abort();
    trimmer.abort();
    visitor::flush_now(&pool, &visits).await;
    indexer.abort();
    digests.abort();
    if let Some(sender) = sender {
        sender.stop().await;
    }
    if let Err(e) = search.catch_up().await {
        tracing::warn!(error = %e, "search index left behind: it catches up at the next start");
    }
    pool.close().await;
    Ok(())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
