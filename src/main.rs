//! The `customers` binary: parses flags, picks a mode, reports errors.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use customers::api::{Client, ClientOptions, ListQuery, Secret};
use customers::cli::{self, CommandError, Format};
use customers::config::{self, Overrides, Target};
use customers::server::{self, ServerConfig};

/// A fast, keyboard-driven browser for the 4Geeks Payments Customers API.
///
/// With no command it opens the terminal app (on built-in demo data when no
/// token is configured). The token is read from CUSTOMERS_API_TOKEN or the
/// config file (`customers config path`), never from a flag.
#[derive(Debug, Parser)]
#[command(name = "customers", version, max_term_width = 100)]
struct Cli {
    /// Base URL of the API (scheme, host, port and any path prefix).
    #[arg(long, global = true, env = config::URL_ENV, value_name = "URL")]
    api_url: Option<String>,
    /// Use the account of `[profiles.NAME]` in the config file (default:
    /// its `default_profile`).
    #[arg(long, global = true, env = config::PROFILE_ENV, value_name = "NAME")]
    profile: Option<String>,
    /// Use the built-in demo server with generated customers.
    #[arg(long, global = true)]
    demo: bool,
    /// How many customers the built-in demo server generates.
    #[arg(long, global = true, default_value_t = 1000, value_name = "N", value_parser = customer_count())]
    demo_customers: usize,
    /// Config file to read instead of the platform's default.
    #[arg(long, global = true, env = config::CONFIG_ENV, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Write logs here (default: the platform's state directory, TUI only).
    #[arg(long, global = true, value_name = "PATH")]
    log_file: Option<PathBuf>,
    /// Leave the mouse to the terminal (text selection) instead of the app.
    #[arg(long)]
    no_mouse: bool,
    /// Never fetch customer photos (the config's `images = "off"`).
    #[arg(long)]
    no_images: bool,
    /// Give up on a request after this many seconds.
    #[arg(long, global = true, default_value_t = 30, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..=3600))]
    timeout: u64,
    /// Retries of a request that failed for a passing reason (connection,
    /// timeout, 429, 502-504).
    #[arg(long, global = true, default_value_t = 3, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=10))]
    retries: u32,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print one customer by id.
    Get {
        /// The customer's id, as the API gives it.
        id: String,
        /// Output format.
        #[arg(short, long, value_enum, default_value_t)]
        output: Format,
    },
    /// Print a page of customers, or every page with --all.
    List(Paging),
    /// Print customers whose name or email contain every term of QUERY.
    Search {
        /// Terms (split on spaces and commas), each found in the first
        /// name, last name or email, case-insensitively.
        query: String,
        #[command(flatten)]
        paging: Paging,
    },
    /// Run the built-in demo Customers API until Ctrl-C.
    Serve(ServeArgs),
    /// Show configuration details.
    Config {
        #[command(subcommand)]
        what: ConfigCommand,
    },
    /// Print a shell completion script, e.g.
    /// `customers completions bash > ~/.local/share/bash-completion/completions/customers`.
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `customers man | man -l -`.
    Man,
}

/// Which page(s) `list` and `search` print, and how.
#[derive(Debug, Args)]
struct Paging {
    /// Page to print, 1 being the first.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..))]
    page: u64,
    /// Rows per page (the server's default is 10; servers honour at most 100).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1000))]
    page_size: Option<u32>,
    /// Walk every page, streaming rows as they arrive.
    #[arg(long, conflicts_with = "page")]
    all: bool,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t)]
    output: Format,
}

#[derive(Debug, Subcommand)]
enum ConfigCommand {
    /// Print the path of the config file.
    Path,
    /// Write a commented config file with every key at its default
    /// (readable by you alone).
    Init {
        /// Replace the file if there is one.
        #[arg(long)]
        force: bool,
    },
    /// Print the settings in effect and where each came from (flag,
    /// environment, file, default); secrets are never shown.
    Show,
    /// Check the config file and the connection to the API.
    Check,
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// Address to listen on (loopback by default).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Number of customers to generate.
    #[arg(long, default_value_t = 1000, value_parser = customer_count())]
    customers: usize,
    /// Seed of the generated data (same seed, same customers).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Token to accept (random per run when not given).
    #[arg(long, env = "CUSTOMERS_SERVE_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// Delay every answer by this many milliseconds.
    #[arg(long, default_value_t = 0, value_name = "MS")]
    latency_ms: u64,
    /// Make every Nth request fail with a 500.
    #[arg(long, default_value_t = 0, value_name = "N")]
    fail_every: u64,
    /// Add customers whose fields hold escape sequences, control and bidi
    /// characters, huge and deeply nested values, and photos that are
    /// hostile images (see src/server/hostile.rs and photos.rs).
    #[arg(long)]
    hostile: bool,
    /// Give every demo customer a photo, the largest the app decodes (4,096
    /// pixels square, 64 MB once decoded), to try its bounds on memory.
    #[arg(long)]
    large_photos: bool,
    /// OAuth2 client id accepted by POST /authentication/token/.
    #[arg(long, default_value = "demo-client")]
    client_id: String,
    /// Its client secret (random per run when not given).
    #[arg(long, env = "CUSTOMERS_SERVE_CLIENT_SECRET", hide_env_values = true)]
    client_secret: Option<String>,
    /// Lifetime in seconds of the tokens the token endpoint issues.
    #[arg(long, default_value_t = 36_000, value_name = "SECS")]
    token_ttl: u64,
}

/// A number of demo customers the store can hold.
fn customer_count() -> clap::builder::RangedU64ValueParser<usize> {
    clap::builder::RangedU64ValueParser::new().range(0..=server::MAX_CUSTOMERS as u64)
}

/// The client's flags, which `serve` has (they are global) but never reads:
/// its `--help` leaves them out.
const CLIENT_ONLY: [&str; 7] = ["api_url", "profile", "demo", "demo_customers", "config", "timeout", "retries"];

/// The command line as clap reads it, `serve`'s help trimmed to the server.
fn command() -> clap::Command {
    let mut command = Cli::command();
    // Global flags reach the subcommands when the command is built.
    command.build();
    // In place: a built command indexes its arguments by position.
    command.mut_subcommand("serve", |serve| serve.mut_args(|a| if CLIENT_ONLY.contains(&a.get_id().as_str()) { a.hide(true) } else { a }))
}

fn main() -> ExitCode {
    let matches = command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    // `config show` names where the URL came from: clap reads the flag and
    // the environment into the same field.
    let given = |id| matches.value_source(id) == Some(clap::parser::ValueSource::CommandLine);
    let on_command_line = OnCommandLine { api_url: given("api_url"), profile: given("profile") };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            return fail(1, &format!("cannot start the async runtime: {e}"));
        }
    };
    let code = runtime.block_on(run(cli, on_command_line));
    // Tasks still running are dropped (an export's temporary file goes with
    // its task); work on the blocking pool that cannot be stopped (a photo
    // decoding, a clipboard that does not answer, a read of a terminal that
    // is gone) is not waited for long.
    runtime.shutdown_timeout(std::time::Duration::from_millis(500));
    code
}

/// Which values came from the command line (clap reads a flag and its
/// environment variable into the same field): `config show` names it.
#[derive(Debug, Clone, Copy)]
struct OnCommandLine {
    api_url: bool,
    profile: bool,
}

async fn run(cli: Cli, given: OnCommandLine) -> ExitCode {
    let tui = cli.command.is_none();
    let log_file = cli.log_file.clone().or_else(|| if tui { config::default_log_path() } else { None });
    if let Some(path) = &log_file
        && let Err(e) = customers::logging::init(path)
    {
        let _ = writeln!(std::io::stderr(), "warning: cannot log to {}: {e}", path.display());
    }
    let overrides = Overrides {
        api_url: cli.api_url.clone(),
        config_path: cli.config.clone(),
        profile: cli.profile.clone(),
        demo: cli.demo,
        demo_when_unconfigured: tui,
    };
    match cli.command {
        Some(Command::Serve(args)) => serve(args).await,
        Some(Command::Completions { shell }) => {
            // Made in memory, then written: clap_complete panics when its
            // own writes fail (`> /dev/full`).
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command(), "customers", &mut script);
            print_out(&String::from_utf8_lossy(&script))
        }
        Some(Command::Man) => match clap_mangen::Man::new(command()).render(&mut std::io::stdout().lock()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => fail(1, &format!("cannot write the manual page: {e}")),
        },
        Some(Command::Config { what: ConfigCommand::Path }) => match config::config_path(&overrides) {
            Some(p) => print_out(&format!("{}\n", p.display())),
            None => fail(2, "no config directory on this platform; use --config PATH or CUSTOMERS_CONFIG"),
        },
        Some(Command::Config { what: ConfigCommand::Init { force } }) => config_init(&overrides, force),
        Some(Command::Config { what: ConfigCommand::Show }) => {
            let profile_from = if given.profile { "flag --profile".to_owned() } else { format!("env {}", config::PROFILE_ENV) };
            let profile = cli.profile.as_deref().filter(|p| !p.trim().is_empty()).map(|p| (p, profile_from));
            config_show(&overrides, given.api_url.then_some(cli.api_url.as_deref()).flatten(), profile, cli.no_mouse)
        }
        Some(Command::Config { what: ConfigCommand::Check }) => config_check(&overrides, &cli).await,
        command => {
            let target = match config::resolve(&overrides, |k| std::env::var(k).ok()) {
                Ok(t) => t,
                Err(e) => return fail(2, &e.to_string()),
            };
            let mut warnings: Vec<String> =
                config::config_path(&overrides).and_then(|p| config::permission_warning(&p)).into_iter().collect();
            if let Target::Remote { warnings: about_the_url, .. } = &target {
                warnings.extend(about_the_url.iter().cloned());
            }
            for w in &warnings {
                tracing::warn!("{w}");
                if !tui {
                    let _ = writeln!(std::io::stderr(), "warning: {w}");
                }
            }
            let warning = warnings.into_iter().next();
            let options = ClientOptions {
                request_timeout: Duration::from_secs(cli.timeout),
                read_timeout: Duration::from_secs(cli.timeout.min(15)),
                connect_timeout: Duration::from_secs(cli.timeout.min(5)),
                max_retries: cli.retries,
                ..ClientOptions::default()
            };
            let profile = match &target {
                Target::Remote { profile, .. } => profile.clone(),
                Target::Demo => None,
            };
            let switch =
                customers::tui::profiles::Switcher { current: profile, connect: profile_connector(overrides.clone(), options.clone()) };
            let (client, demo) = match connect(target, options, cli.demo_customers).await {
                Ok(c) => c,
                Err(e) => return fail(1, &format!("{e:#}")),
            };
            match command {
                None => match customers::tui::run(
                    client,
                    demo.is_some(),
                    warning,
                    app_settings(&overrides, cli.no_mouse, cli.no_images),
                    switch,
                )
                .await
                {
                    Ok(ending) => ExitCode::from(ending.exit_code()),
                    Err(e) => fail(1, &format!("{e:#}")),
                },
                Some(command) => report(script(&client, command).await),
            }
        }
    }
}

/// `config init`: the commented template, at the config path.
fn config_init(overrides: &Overrides, force: bool) -> ExitCode {
    let Some(path) = config::config_path(overrides) else {
        return fail(2, "no config directory on this platform; use --config PATH or CUSTOMERS_CONFIG");
    };
    match customers::cli::config_cmd::init(&path, force) {
        Ok(()) => print_out(&format!("wrote {} (readable by you alone); every key is commented out at its default\n", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            fail(2, &format!("{} exists; `customers config show` says what it sets, --force replaces it", path.display()))
        }
        Err(e) => fail(1, &format!("cannot write {}: {e}", path.display())),
    }
}

/// `config show`: every setting, its value (never a secret) and its source.
fn config_show(overrides: &Overrides, flag_url: Option<&str>, profile: Option<(&str, String)>, no_mouse: bool) -> ExitCode {
    use customers::cli::config_cmd;
    let path = config::config_path(overrides);
    let file = match path.as_deref().map(config::read_file).transpose() {
        Ok(file) => file.unwrap_or_default(),
        Err(e) => return fail(2, &e.to_string()),
    };
    let env = |k: &str| std::env::var(k).ok();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let default_profile = file.default_profile.clone().filter(|p| !p.trim().is_empty());
    let profile = match (&profile, &default_profile) {
        (Some((name, from)), _) => Some((*name, from.as_str())),
        (None, Some(name)) => Some((name.as_str(), "file default_profile")),
        (None, None) => None,
    };
    let mut shown = config_cmd::api_settings(flag_url, profile, &env, &file);
    shown.extend(config_cmd::app_settings(&file, no_color, no_mouse));
    let where_ = path.as_ref().map_or_else(
        || "(none on this platform)".to_owned(),
        |p| {
            let state = if p.exists() { "" } else { " (not there: defaults)" };
            format!("{}{state}", p.display())
        },
    );
    print_out(&format!("config file       {where_}\n{}", config_cmd::render(&shown)))
}

/// `config check`: the file parses and holds only known keys and values,
/// its permissions fit a secret, and the API answers with these settings.
async fn config_check(overrides: &Overrides, cli: &Cli) -> ExitCode {
    let target = match config::resolve(overrides, |k| std::env::var(k).ok()) {
        Ok(t) => t,
        Err(e) => return fail(2, &e.to_string()),
    };
    let settings = app_settings(overrides, cli.no_mouse, cli.no_images);
    let mut problems = settings.problems;
    problems.extend(config::config_path(overrides).and_then(|p| config::permission_warning(&p)));
    if let Target::Remote { warnings, .. } = &target {
        problems.extend(warnings.iter().cloned());
    }
    for p in &problems {
        let _ = writeln!(std::io::stdout(), "warning: {p}");
    }
    let options = ClientOptions { request_timeout: Duration::from_secs(cli.timeout.min(15)), max_retries: 0, ..ClientOptions::default() };
    let (client, _demo) = match connect(target, options, cli.demo_customers).await {
        Ok(c) => c,
        Err(e) => return fail(1, &format!("{e:#}")),
    };
    match client.list(&customers::api::ListQuery::page(1, Some(1))).await {
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
fn app_settings(overrides: &Overrides, no_mouse_flag: bool, no_images_flag: bool) -> customers::tui::settings::Settings {
    use customers::tui::settings::{Environment, resolve};
    // A file that cannot be read is said (with --demo too, which never
    // reads it for the API), and the defaults used.
    let (file, unreadable) = match config::config_path(overrides).map(|path| config::read_file(&path)) {
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
        download_dir: directories::UserDirs::new().map(|u| u.download_dir().unwrap_or(u.home_dir()).to_owned()),
    };
    let mut settings = resolve(file.as_ref(), &env);
    settings.problems.splice(0..0, unreadable);
    settings
}

/// Makes the client of another profile (`P` in the app): the same
/// resolution as at start, with that profile named; the config file is
/// read again, so a profile added meanwhile is there.
fn profile_connector(overrides: Overrides, options: ClientOptions) -> customers::tui::profiles::Connector {
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
async fn connect(target: Target, options: ClientOptions, demo_customers: usize) -> anyhow::Result<(Client, Option<server::RunningServer>)> {
    match target {
        Target::Remote { api_url, credentials, .. } => Ok((Client::new(&api_url, credentials, options)?, None)),
        Target::Demo => {
            let demo = server::spawn(ServerConfig { customers: demo_customers, ..ServerConfig::default() }).await?;
            let client = Client::new(&demo.base_url, Some(Secret::new(demo.token.clone())), options)?;
            Ok((client, Some(demo)))
        }
    }
}

async fn script(client: &Client, command: Command) -> Result<(), CommandError> {
    let stdout = std::io::stdout().lock();
    match command {
        Command::Get { id, output } => cli::get(client, &id, output, &mut std::io::BufWriter::new(stdout)).await,
        Command::List(p) => cli::list(client, ListQuery::page(p.page, p.page_size), p.all, p.output, std::io::BufWriter::new(stdout)).await,
        Command::Search { query, paging: p } => {
            let q = ListQuery::page(p.page, p.page_size).with_search(query);
            cli::list(client, q, p.all, p.output, std::io::BufWriter::new(stdout)).await
        }
        Command::Serve(_) | Command::Config { .. } | Command::Completions { .. } | Command::Man => Ok(()),
    }
}

fn report(result: Result<(), CommandError>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // `customers list --all | head` closes the pipe early: not an error.
        Err(CommandError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(1, &e.to_string()),
    }
}

/// Writes `text` to standard output: a write that fails (`> /dev/full`) is
/// said and exits 1, never a panic; a reader that left early is no error.
fn print_out(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(1, &format!("cannot write the output: {e}")),
    }
}

fn fail(code: u8, message: &str) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "error: {message}");
    ExitCode::from(code)
}

async fn serve(args: ServeArgs) -> ExitCode {
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
        "Serving {} demo customers{} at {url}\nToken: {token}\nClient credentials: client_id={id} client_secret={secret} (tokens live {ttl} s)\n\nTry:  CUSTOMERS_API_URL={url} CUSTOMERS_API_TOKEN={token} customers\nPress Ctrl-C to stop.",
        args.customers,
        if args.hostile { " (plus hostile ones)" } else { "" },
        url = running.base_url,
        token = running.token,
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

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::{Cli, command};

    /// `--help` names every argument of every command with a line saying
    /// what it is.
    #[test]
    fn every_argument_has_a_help_line() {
        Cli::command().debug_assert();
        let mut commands = vec![command()];
        while let Some(command) = commands.pop() {
            for arg in command.get_arguments().filter(|a| !a.is_hide_set()) {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                assert!(arg.get_help().is_some(), "`{}` argument {id} has no help line", command.get_name());
            }
            commands.extend(command.get_subcommands().cloned());
        }
    }
}
