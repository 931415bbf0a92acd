//! The command line: flags, commands and their help, as clap reads them.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand};

use crate::config;
use crate::output::Format;
use crate::server;

/// A fast, keyboard-driven browser for the 4Geeks Payments Customers API.
///
/// With no command it opens the terminal app (on built-in demo data when no
/// credential is configured). The API key is read from CUSTOMERS_API_KEY or
/// the config file (`customers config path`), never from a flag.
#[derive(Debug, Parser)]
#[command(name = "customers", version, max_term_width = 100)]
pub struct Cli {
    /// Base URL of the API (scheme, host, port and any path prefix).
    #[arg(long, global = true, env = config::URL_ENV, value_name = "URL")]
    pub api_url: Option<String>,
    /// Use the account of `[profiles.NAME]` in the config file (default:
    /// its `default_profile`).
    #[arg(long, global = true, env = config::PROFILE_ENV, value_name = "NAME")]
    pub profile: Option<String>,
    /// Use the built-in demo server with generated customers.
    #[arg(long, global = true)]
    pub demo: bool,
    /// How many customers the built-in demo server generates.
    #[arg(long, global = true, default_value_t = 1000, value_name = "N", value_parser = customer_count())]
    pub demo_customers: usize,
    /// Config file to read instead of the platform's default.
    #[arg(long, global = true, env = config::CONFIG_ENV, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Write logs here. The app logs to the platform's state directory
    /// unless this names another file; a command logs only when it is given.
    #[arg(long, global = true, value_name = "PATH")]
    pub log_file: Option<PathBuf>,
    /// Leave the mouse to the terminal (text selection) instead of the app.
    #[arg(long)]
    pub no_mouse: bool,
    /// Never fetch customer photos (the config's `images = "off"`).
    #[arg(long)]
    pub no_images: bool,
    /// Give up on a request after this many seconds.
    #[arg(long, global = true, default_value_t = 30, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,
    /// Retries of a request that failed for a passing reason (connection,
    /// timeout, 429, 502-504).
    #[arg(long, global = true, default_value_t = 3, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=10))]
    pub retries: u32,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print customers by id: one (its fields), or several as `list` does.
    Get {
        /// The customers' ids, as the API gives them; `-` reads ids from
        /// standard input, one a line. Each id that finds no one is said
        /// on stderr, and the command exits 1 after printing the others.
        #[arg(required = true, num_args = 1.., value_name = "ID")]
        ids: Vec<String>,
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
        #[arg(required_unless_present = "phone")]
        query: Option<String>,
        /// Find a phone number instead (the API does not search phones):
        /// the account's list is read, at most `phone_scan_limit`
        /// customers, and the digits compared ("+506 6743 7705" finds
        /// "+50667437705").
        #[arg(long, value_name = "NUMBER", conflicts_with_all = ["query", "all", "page"])]
        phone: Option<String>,
        #[command(flatten)]
        paging: Paging,
    },
    /// Run the built-in demo Customers API until Ctrl-C.
    Serve(ServeArgs),
    /// The config file: write one (init), show the settings in effect (show), check them (check), or where it is (path).
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
pub struct Paging {
    /// Page to print, 1 being the first.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..))]
    pub page: u64,
    /// Rows per page (the server's default is 10; servers honour at most 100).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub page_size: Option<u32>,
    /// Walk every page, streaming rows as they arrive.
    #[arg(long, conflicts_with = "page")]
    pub all: bool,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t)]
    pub output: Format,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
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
pub struct ServeArgs {
    /// Address to listen on (loopback by default).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Number of customers to generate.
    #[arg(long, default_value_t = 1000, value_parser = customer_count())]
    pub customers: usize,
    /// Seed of the generated data (same seed, same customers).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Token to accept (random per run when not given).
    #[arg(long, env = "CUSTOMERS_SERVE_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Delay every answer by this many milliseconds.
    #[arg(long, default_value_t = 0, value_name = "MS")]
    pub latency_ms: u64,
    /// Make every Nth request fail with a 500.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub fail_every: u64,
    /// Add customers whose fields hold escape sequences, control and bidi
    /// characters, huge and deeply nested values, and photos that are
    /// hostile images (oversized, truncated, not images, redirects): their
    /// ids start with `hostile-`, their emails with `hostile.`.
    #[arg(long)]
    pub hostile: bool,
    /// Give every demo customer a photo, the largest the app decodes (4,096
    /// pixels square, 64 MB once decoded), to try its bounds on memory.
    #[arg(long)]
    pub large_photos: bool,
    /// OAuth2 client id accepted by POST /authentication/token/.
    #[arg(long, default_value = "demo-client")]
    pub client_id: String,
    /// Its client secret (random per run when not given).
    #[arg(long, env = "CUSTOMERS_SERVE_CLIENT_SECRET", hide_env_values = true)]
    pub client_secret: Option<String>,
    /// Lifetime in seconds of the tokens the token endpoint issues.
    #[arg(long, default_value_t = 36_000, value_name = "SECS")]
    pub token_ttl: u64,
    /// The credentials taken: the API key as HTTP Basic, `Api-Key` or
    /// `X-Api-Key` only, bearer only, or (`any`) the bearer token and the
    /// key in any of the three key forms.
    #[arg(long, value_enum, default_value_t = server::modes::AuthMode::Any)]
    pub auth: server::modes::AuthMode,
    /// The API key to accept (a random sk_test_ one per run when not given).
    #[arg(long, env = "CUSTOMERS_SERVE_API_KEY", hide_env_values = true, value_name = "KEY")]
    pub api_key: Option<String>,
    /// The list's shape: DRF pages (`count`, `next`, `results`) or the
    /// offset envelope (`items`, `total_items`, `limit`, `offset`).
    #[arg(long, value_enum, default_value_t = server::modes::Envelope::Pages)]
    pub envelope: server::modes::Envelope,
    /// Customer ids as UUIDs or as `cus_...`.
    #[arg(long, value_enum, default_value_t = server::modes::IdStyle::Uuid)]
    pub ids: server::modes::IdStyle,
    /// Names as `first_name` and `last_name`, or one `name` (with a
    /// `description`).
    #[arg(long, value_enum, default_value_t = server::modes::Names::Split)]
    pub names: server::modes::Names,
    /// What `?search=` matches, comma-separated (`first_name,email` is the
    /// rule the newer documentation gives).
    #[arg(long, default_value = "first_name,last_name,email", value_name = "FIELDS")]
    pub search_fields: server::modes::SearchFields,
}

/// A number of demo customers the store can hold.
pub fn customer_count() -> clap::builder::RangedU64ValueParser<usize> {
    clap::builder::RangedU64ValueParser::new().range(0..=server::MAX_CUSTOMERS as u64)
}

/// The client's flags, which every command has (they are global) but only
/// some read: the help of the others leaves them out.
pub const CLIENT_ONLY: [&str; 7] = ["api_url", "profile", "demo", "demo_customers", "config", "timeout", "retries"];

/// The global flags a command does not read, by command (`config show` is
/// `["config", "show"]`); the commands not listed read them all.
const UNREAD: [(&[&str], &[&str]); 6] = [
    (&["serve"], &CLIENT_ONLY),
    (&["completions"], &["api_url", "profile", "demo", "demo_customers", "config", "timeout", "retries", "log_file"]),
    (&["man"], &["api_url", "profile", "demo", "demo_customers", "config", "timeout", "retries", "log_file"]),
    (&["config", "path"], &["api_url", "profile", "demo", "demo_customers", "timeout", "retries", "log_file"]),
    (&["config", "init"], &["api_url", "profile", "demo", "demo_customers", "timeout", "retries", "log_file"]),
    (&["config", "show"], &["demo", "demo_customers", "timeout", "retries", "log_file"]),
];

/// The command line as clap reads it, each command's help listing only the
/// flags it reads.
pub fn command() -> clap::Command {
    let mut command = Cli::command();
    // Global flags reach the subcommands when the command is built.
    command.build();
    fn hide(command: clap::Command, path: &[&str], unread: &'static [&'static str]) -> clap::Command {
        match path {
            [] => command.mut_args(|a| if unread.contains(&a.get_id().as_str()) { a.hide(true) } else { a }),
            [first, rest @ ..] => command.mut_subcommand(*first, |sub| hide(sub, rest, unread)),
        }
    }
    // In place: a built command indexes its arguments by position.
    UNREAD.iter().fold(command, |command, (path, unread)| hide(command, path, unread))
}

/// Which values came from the command line (clap reads a flag and its
/// environment variable into the same field): `config show` names it.
#[derive(Debug, Clone, Copy)]
pub struct OnCommandLine {
    pub api_url: bool,
    pub profile: bool,
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
