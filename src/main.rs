//! The `customers` binary: parses flags, picks a mode, reports errors.

#![forbid(unsafe_code)]

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use clap::FromArgMatches;

use customers::api::ClientOptions;
use customers::cli::args::{Cli, Command, ConfigCommand, OnCommandLine, command};
use customers::cli::commands::{
    app_settings_from, config_check, config_init, config_show, connect, fail, print_out, profile_connector, report, script, serve,
};
use customers::config::{self, Overrides, Target};

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
        Some(Command::Man) => match customers::cli::manual::render(command(), &mut std::io::stdout().lock()) {
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
            let profile_from = if given.profile { config::Source::Flag("--profile") } else { config::Source::Env(config::PROFILE_ENV) };
            let profile = cli.profile.as_deref().filter(|p| !p.trim().is_empty()).map(|p| (p, profile_from));
            config_show(&overrides, given.api_url.then_some(cli.api_url.as_deref()).flatten(), profile, (cli.no_mouse, cli.no_images))
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
            // Read once here: the formula guard, the unknown keys, the app's settings.
            let read = config::config_path(&overrides).map(|p| config::read_file(&p));
            let file = read.as_ref().and_then(|r| r.as_ref().ok());
            let scripting = customers::cli::commands::Scripting {
                formulas: customers::output::format::Formulas::from_setting(file.and_then(|f| f.csv_formula_guard)),
                phone_scan_limit: customers::phone::scan_limit(file.and_then(|f| f.phone_scan_limit)),
            };
            // The app says the file's unknown keys with its other settings.
            if !tui {
                warnings.extend(file.iter().flat_map(|f| f.problems.iter().cloned()));
            }
            for w in &warnings {
                tracing::warn!("{w}");
                if !tui {
                    let _ = writeln!(std::io::stderr(), "warning: {w}");
                }
            }
            let options = ClientOptions {
                request_timeout: Duration::from_secs(cli.timeout),
                read_timeout: Duration::from_secs(cli.timeout.min(15)),
                connect_timeout: Duration::from_secs(cli.timeout.min(5)),
                max_retries: cli.retries,
                // The app counts a longer wait down on its status line.
                max_retry_wait: if tui { customers::tui::account::recovery::CLIENT_WAIT } else { ClientOptions::default().max_retry_wait },
                ..ClientOptions::default()
            };
            let (profile, key_live) = match &target {
                Target::Remote { profile, key_live, .. } => (profile.clone(), *key_live),
                Target::Demo => (None, None),
            };
            let switch = customers::tui::profiles::Switcher {
                current: profile,
                key_live,
                connect: profile_connector(overrides.clone(), options.clone()),
            };
            let (client, demo) = match connect(target, options, cli.demo_customers).await {
                Ok(c) => c,
                Err(e) => return fail(1, &format!("{e:#}")),
            };
            match command {
                None => {
                    match customers::tui::run(
                        client,
                        demo.is_some(),
                        warnings,
                        app_settings_from(read, cli.no_mouse, cli.no_images),
                        switch,
                    )
                    .await
                    {
                        Ok(ending) => ExitCode::from(ending.exit_code()),
                        Err(e) => fail(1, &format!("{e:#}")),
                    }
                }
                Some(command) => {
                    let result = script(&client, command, &scripting).await;
                    if let Some(scheme) = client.found_scheme() {
                        let _ = writeln!(std::io::stderr(), "note: {}", customers::api::scheme_notice(scheme));
                    }
                    report(result)
                }
            }
        }
    }
}
