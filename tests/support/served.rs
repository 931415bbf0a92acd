//! `customers serve` as its own process, and running the binary against it.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_customers");

/// `customers serve` on a free port, killed on drop.
pub struct Served {
    pub child: Child,
    pub url: String,
    pub token: String,
    /// The API key it takes.
    pub api_key: String,
}

impl Served {
    /// Starts `customers serve --customers N` plus `extra` flags.
    pub fn start(customers: usize, extra: &[&str]) -> Self {
        let mut child = Command::new(BIN)
            .args(["serve", "--addr", "127.0.0.1:0", "--customers", &customers.to_string()])
            .args(extra)
            .env_remove("CUSTOMERS_SERVE_TOKEN")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("serve starts");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let mut next = || lines.next().expect("a line").expect("utf-8");
        let first = next();
        assert!(first.starts_with(&format!("Serving {customers} demo customers")), "{first}");
        let url = first.rsplit(' ').next().expect("url").to_owned();
        let token = next().strip_prefix("Token: ").expect("token line").to_owned();
        let key_line = next();
        let api_key = key_line.strip_prefix("API key: ").and_then(|l| l.split(' ').next()).expect("API key line").to_owned();
        Self { child, url, token, api_key }
    }

    /// The environment that points the binary at this server.
    pub fn env(&self) -> [(&'static str, &str); 2] {
        [("CUSTOMERS_API_URL", self.url.as_str()), ("CUSTOMERS_API_TOKEN", self.token.as_str())]
    }

    /// The environment that points the binary at this server with its API
    /// key, sent in `scheme` (`None`: the default).
    pub fn key_env(&self, scheme: Option<&'static str>) -> Vec<(&'static str, &str)> {
        let mut env = vec![("CUSTOMERS_API_URL", self.url.as_str()), ("CUSTOMERS_API_KEY", self.api_key.as_str())];
        env.extend(scheme.map(|s| ("CUSTOMERS_AUTH_SCHEME", s)));
        env
    }

    /// Runs the binary against this server, with no config file.
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with_env(args, &[])
    }

    /// [`Served::run`] with `input` on standard input.
    pub fn run_fed(&self, args: &[&str], input: &[u8]) -> Output {
        run_fed(args, &self.env(), input)
    }

    /// [`Served::run`] with `more` in the environment too.
    pub fn run_with_env(&self, args: &[&str], more: &[(&str, &str)]) -> Output {
        let env = [self.env().as_slice(), more].concat();
        run_with(args, &env)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs the binary with a clean environment: no config file, only `env`.
pub fn run_with(args: &[&str], env: &[(&str, &str)]) -> Output {
    run_fed(args, env, b"")
}

/// [`run_with`], with `input` on its standard input (then closed).
pub fn run_fed(args: &[&str], env: &[(&str, &str)], input: &[u8]) -> Output {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env_remove("CUSTOMERS_API_URL")
        .env_remove("CUSTOMERS_API_TOKEN")
        .env_remove("CUSTOMERS_API_KEY")
        .env_remove("CUSTOMERS_AUTH_SCHEME")
        .env_remove("CUSTOMERS_PROFILE")
        .env("CUSTOMERS_CONFIG", dir.path().join("none.toml"))
        .stdin(if input.is_empty() { Stdio::null() } else { Stdio::piped() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("binary runs");
    if let Some(mut stdin) = child.stdin.take() {
        // A binary that stops reading early closes the pipe: not a failure here.
        let _ = stdin.write_all(input);
    }
    child.wait_with_output().expect("binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}
