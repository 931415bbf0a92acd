//! What the commands do: `config init|show|check`, `serve`, the scripting
//! commands, and the app's start (its settings and profile switcher), each
//! answering with the exit code; errors are one line on stderr.

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use crate::api::{Client, ClientOptions, ListQuery, Secret};
use crate::cli::args::{Cli, Command, ServeArgs};
use crate::cli::{self, CommandError};
use crate::config::{self, Overrides, Target};
use crate::server::{self, ServerConfig};

/// `config init`: the commented template, at the config path.
pub fn config_init(overrides: &Overrides, force: bool) -> ExitCode {
    let Some(path) = config::config_path(overrides) else {
        return fail(2, "no config directory on this platform; use --config PATH or CUSTOMERS_CONFIG");
    };
    match crate::cli::config_cmd::init(&path, force) {
        Ok(kept) => {
            let kept =
                kept.map_or_else(String::new, |b| format!("; the file it replaced is kept as {} (readable by you alone)", b.display()));
            print_out(&format!("wrote {} (readable by you alone); every key is commented out at its default{kept}\n", path.display()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            fail(2, &format!("{} exists; `customers config show` says what it sets, --force replaces it", path.display()))
        }
        Err(e) => fail(1, &format!("cannot write {}: {e}", path.display())),
    }
}

/// `config show`: every setting, its value (never a secret) and its
/// source: the connection's as `config::resolve` decides them, the app's as
/// the app would start with them (`flags`: `--no-mouse`, `--no-images`).
pub fn config_show(
    overrides: &Overrides,
    flag_url: Option<&str>,
    profile: Option<(&str, config::Source)>,
    (no_mouse, no_images): (bool, bool),
) -> ExitCode {
    let path = config::config_path(overrides);
    let file = match path.as_deref().map(config::read_file).transpose() {
        Ok(file) => file,
        Err(e) => return fail(2, &e.to_string()),
    };
    let env = |k: &str| std::env::var(k).ok();
    let default_profile = file.as_ref().and_then(|f| f.default_profile.clone()).filter(|p| !p.trim().is_empty());
    let profile = match (profile, &default_profile) {
        (Some(named), _) => Some(named),
        (None, Some(name)) => Some((name.as_str(), config::Source::File { place: "file default_profile".into(), note: None })),
        (None, None) => None,
    };
    // The file first, in the same columns as the settings under it.
    let (file_value, file_state) = match &path {
        Some(p) if p.exists() => (p.display().to_string(), "read"),
        Some(p) => (p.display().to_string(), "not there: defaults"),
        None => ("(none on this platform)".to_owned(), "-"),
    };
    let mut shown = vec![config::Shown::new("config file", file_value, config::Source::File { place: file_state.into(), note: None })];
    shown.extend(config::connection(flag_url, profile, &env, file.as_ref().unwrap_or(&config::FileConfig::default())));
    shown.extend(app_settings_from(Some(Ok(file.unwrap_or_default())), no_mouse, no_images).shown);
    print_out(&crate::cli::config_cmd::render(&shown))
}

/// `config check`: the file parses and holds only known keys and values,
/// its permissions fit a secret, and the API answers with these settings.
pub async fn config_check(overrides: &Overrides, cli: &Cli) -> ExitCode {
    let target = config::resolve(overrides, |k| std::env::var(k).ok());
    // A file that cannot be read at all is a 2 at once; one the app would
    // not start with (not TOML, a URL or credentials it refuses) is a 2
    // after every warning, as the app exits on it; anything else it holds
    // is a problem the app works around (1), said with every warning.
    if let Err(e @ config::ConfigError::Read { .. }) = &target {
        return fail(2, &e.to_string());
    }
    let settings = app_settings(overrides, cli.no_mouse, cli.no_images);
    let mut problems = settings.problems;
    problems.extend(config::config_path(overrides).and_then(|p| config::permission_warning(&p)));
    if let Ok(Target::Remote { warnings, .. }) = &target {
        problems.extend(warnings.iter().cloned());
    }
    for p in &problems {
        let _ = writeln!(std::io::stdout(), "warning: {p}");
    }
    let target = match target {
        Ok(t) => t,
        Err(e) => return fail(2, &e.to_string()),
    };
    let options = ClientOptions { request_timeout: Duration::from_secs(cli.timeout.min(15)), max_retries: 0, ..ClientOptions::default() };
    let configured = match &target {
        Target::Remote { credentials: crate::api::Credentials::ApiKey { scheme, .. }, .. } => Some(*scheme),
        _ => None,
    };
    let (client, _demo) = match connect(target, options, cli.demo_customers).await {
        Ok(c) => c,
        Err(e) => return fail(1, &format!("{e:#}")),
    };
    let answer = client.list(&crate::api::ListQuery::page(1, Some(1))).await;
    // For an API key: every scheme, asked once each, and which it takes.
    if let (Some(configured), Some(schemes)) = (configured, client.schemes_taken().await) {
        let taken: Vec<&str> = schemes.iter().filter(|(_, t)| matches!(t, Ok(true))).map(|(s, _)| s.label()).collect();
        let said = if taken.is_empty() { "none".to_owned() } else { taken.join(", ") };
        let _ = writeln!(std::io::stdout(), "API key schemes the server takes: {said} (configured: {})", configured.config_name());
        if let Some((first, _)) = schemes.iter().find(|(_, t)| matches!(t, Ok(true)))
            && !schemes.iter().any(|(s, t)| *s == configured && matches!(t, Ok(true)))
        {
            let _ = writeln!(std::io::stdout(), "warning: {}", crate::api::scheme_notice(*first));
            problems.push(crate::api::scheme_notice(*first));
        }
    }
    match answer {
        Ok(page) => {
            if problems.is_empty() {
                print_out(&format!("ok: {} answered ({} customers)\n", client.base_url(), page.count))
            } else {
                let n = problems.len();
                let _ = writeln!(
                    std::io::stdout(),
                    "{} answered ({} customers), but {n} problem{} above",
                    client.base_url(),
                    page.count,
                    if n == 1 { " is" } else { "s are" }
                );
                ExitCode::from(1)
            }
        }
        Err(e) => fail(1, &format!("{} did not answer as the API should: {e}", client.base_url())),
    }
}

/// The app's own settings, from the config file (read again: `resolve` only
/// kept what it needed), `NO_COLOR` and `--no-mouse`.
pub fn app_settings(overrides: &Overrides, no_mouse_flag: bool, no_images_flag: bool) -> crate::tui::settings::Settings {
    app_settings_from(config::config_path(overrides).map(|path| config::read_file(&path)), no_mouse_flag, no_images_flag)
}

/// [`app_settings`] from the config file as read (`None`: there is no
/// config directory).
pub fn app_settings_from(
    read: Option<Result<config::FileConfig, config::ConfigError>>,
    no_mouse_flag: bool,
    no_images_flag: bool,
) -> crate::tui::settings::Settings {
    use crate::tui::settings::{Environment, resolve};
    // A file that cannot be read is said (with --demo too, which never
    // reads it for the API), and the defaults used.
    let (file, unreadable) = match read {
        Some(Ok(file)) => (Some(file), None),
        Some(Err(e)) => (None, Some(format!("{e}; its settings are not used"))),
        None => (Some(config::FileConfig::default()), None),
    };
    let env = Environment {
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        no_mouse_flag,
        no_images_flag,
        default_history_file: config::default_history_path(),
        default_viewed_file: config::default_viewed_path(),
        // XDG_DOWNLOAD_DIR in the environment first (the platform's reading
        // only looks in user-dirs.dirs), then the platform's, then home.
        download_dir: std::env::var_os("XDG_DOWNLOAD_DIR")
            .map(std::path::PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| directories::UserDirs::new().map(|u| u.download_dir().unwrap_or(u.home_dir()).to_owned())),
    };
    let mut settings = resolve(file.as_ref(), &env);
    settings.problems.splice(0..0, unreadable);
    settings
}

/// Makes the client of another profile (`P` in the app): the same
/// resolution as at start, with that profile named; the config file is
/// read again, so a profile added meanwhile is there.
pub fn profile_connector(overrides: Overrides, options: ClientOptions) -> crate::tui::profiles::Connector {
    std::sync::Arc::new(move |name: &str| {
        let named = Overrides { profile: Some(name.to_owned()), demo: false, demo_when_unconfigured: false, ..overrides.clone() };
        match config::resolve(&named, |k| std::env::var(k).ok()).map_err(|e| e.to_string())? {
            Target::Remote { api_url, credentials, profile, .. } => {
                let client = Client::new(&api_url, credentials, options.clone()).map_err(|e| e.to_string())?;
                let profile = profile.unwrap_or(config::Profile { name: name.to_owned(), live: false, api_url });
                Ok((client, profile))
            }
            Target::Demo => Err("the demo has no profile".to_owned()),
        }
    })
}

/// A client for the target; for the demo, the in-process server it talks to
/// (kept alive by the caller).
pub async fn connect(
    target: Target,
    options: ClientOptions,
    demo_customers: usize,
) -> anyhow::Result<(Client, Option<server::RunningServer>)> {
    match target {
        Target::Remote { api_url, credentials, .. } => Ok((Client::new(&api_url, credentials, options)?, None)),
        Target::Demo => {
            let demo = server::spawn(ServerConfig { customers: demo_customers, ..ServerConfig::default() }).await?;
            let client = Client::new(&demo.base_url, Some(Secret::new(demo.token.clone())), options)?;
            Ok((client, Some(demo)))
        }
    }
}

/// `get`, `list` and `search`: their output to stdout.
pub async fn script(client: &Client, command: Command, options: &Scripting) -> Result<(), CommandError> {
    let stdout = std::io::stdout().lock();
    match command {
        Command::Get { ids, output } if !cli::get::asks_for_a_list(&ids) => {
            cli::get::one(client, &ids.concat(), (output, options.formulas), &mut std::io::BufWriter::new(stdout)).await
        }
        Command::Get { ids, output } => {
            // Standard input is read whole (capped) before any request.
            let read = || {
                use std::io::Read;
                let mut text = String::new();
                std::io::stdin().lock().take(cli::get::MAX_STDIN_BYTES + 1).read_to_string(&mut text)?;
                if text.len() as u64 > cli::get::MAX_STDIN_BYTES {
                    return Err(std::io::Error::other("more than 1 MiB: split the list"));
                }
                Ok(text)
            };
            let ids = cli::get::ids(&ids, read).map_err(CommandError::Usage)?;
            cli::get::several(client, &ids, (output, options.formulas), &mut std::io::BufWriter::new(stdout)).await
        }
        Command::List(p) => {
            let q = ListQuery::page(p.page, p.page_size);
            cli::list(client, q, p.all, (p.output, options.formulas), std::io::BufWriter::new(stdout)).await
        }
        Command::Search { phone: Some(number), paging: p, .. } => {
            cli::phone_scan::scan(client, &number, options.phone_scan_limit, (p.output, options.formulas), std::io::BufWriter::new(stdout))
                .await
        }
        Command::Search { query, paging: p, .. } => {
            let q = ListQuery::page(p.page, p.page_size).with_search(query.unwrap_or_default());
            cli::list(client, q, p.all, (p.output, options.formulas), std::io::BufWriter::new(stdout)).await
        }
        Command::Serve(_) | Command::Config { .. } | Command::Completions { .. } | Command::Man => Ok(()),
    }
}

/// What the scripting commands take from the config file.
#[derive(Debug, Clone, Copy)]
pub struct Scripting {
    /// What a CSV cell that would run as a formula becomes.
    pub formulas: cli::Formulas,
    /// Most customers `search --phone` reads.
    pub phone_scan_limit: u64,
}

/// A scripting command's exit code, and its error said on stderr.
pub fn report(result: Result<(), CommandError>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // `customers list --all | head` closes the pipe early: not an error.
        Err(CommandError::Write(crate::output::WriteError::Io(e))) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e @ CommandError::Usage(_)) => fail(2, &e.to_string()),
        Err(e) => fail(1, &e.to_string()),
    }
}

/// Writes `text` to standard output: a write that fails (`> /dev/full`) is
/// said and exits 1, never a panic; a reader that left early is no error.
pub fn print_out(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(1, &format!("cannot write the output: {e}")),
    }
}

/// Says `error: message` on stderr (never panicking, whatever stderr is)
/// and gives exit code `code`.
pub fn fail(code: u8, message: &str) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "error: {message}");
    ExitCode::from(code)
}

/// `customers serve`: the demo server, until Ctrl-C.
pub async fn serve(args: ServeArgs) -> ExitCode {
    let config = ServerConfig {
        addr: args.addr,
        customers: args.customers,
        seed: args.seed,
        token: args.token,
        latency: Duration::from_millis(args.latency_ms),
        fail_every: args.fail_every,
        hostile: args.hostile,
        large_photos: args.large_photos,
        client_id: args.client_id,
        client_secret: args.client_secret,
        token_ttl: Duration::from_secs(args.token_ttl),
        auth: args.auth,
        api_key: args.api_key,
        envelope: args.envelope,
        ids: args.ids,
        names: args.names,
        search_fields: args.search_fields,
    };
    let running = match server::spawn(config).await {
        Ok(r) => r,
        Err(e) => return fail(1, &format!("cannot start the demo server on {}: {e}", args.addr)),
    };
    // Ctrl-C is listened for before the server says it is up: polling the
    // future once installs the handler, so an early Ctrl-C still stops it
    // gracefully.
    let mut stop = std::pin::pin!(tokio::signal::ctrl_c());
    let _ = futures::poll!(stop.as_mut());
    // Written without println!: a closed stdout (a pipe whose reader left)
    // must not bring the server down.
    let mut out = std::io::stdout();
    let _ = writeln!(
        out,
        "Serving {} demo customers{} at {url}\nToken: {token}\nAPI key: {key} (taken {how})\nClient credentials: client_id={id} client_secret={secret} (tokens live {ttl} s)\n\nTry:  CUSTOMERS_API_URL={url} CUSTOMERS_API_KEY={key}{scheme} customers\nPress Ctrl-C to stop.",
        args.customers,
        if args.hostile { " (plus hostile ones)" } else { "" },
        url = running.base_url,
        token = running.token,
        key = running.api_key,
        // The scheme a server of one scheme takes (Basic is the default).
        scheme = match args.auth {
            server::modes::AuthMode::ApiKey => " CUSTOMERS_AUTH_SCHEME=api-key",
            server::modes::AuthMode::XApiKey => " CUSTOMERS_AUTH_SCHEME=x-api-key",
            server::modes::AuthMode::Bearer => " CUSTOMERS_AUTH_SCHEME=bearer",
            server::modes::AuthMode::Basic | server::modes::AuthMode::Any => "",
        },
        how = match args.auth {
            server::modes::AuthMode::Basic => "as HTTP Basic only",
            server::modes::AuthMode::ApiKey => "as Authorization: Api-Key only",
            server::modes::AuthMode::XApiKey => "as X-Api-Key only",
            server::modes::AuthMode::Bearer => "as Authorization: Bearer only",
            server::modes::AuthMode::Any => "as Basic, Api-Key or X-Api-Key",
        },
        id = running.client_id,
        secret = running.client_secret,
        ttl = args.token_ttl,
    );
    let _ = out.flush();
    let _ = stop.await;
    running.shutdown().await;
    let _ = writeln!(std::io::stdout(), "Stopped.");
    ExitCode::SUCCESS
}
