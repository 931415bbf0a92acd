//! What the system sends to end the app, heard as an [`Ending`]: each ends
//! it the way `q` does (the terminal given back, an export's temporary
//! file removed), with the status a shell reports for that signal.
//!
//! On Unix: SIGTERM (`kill`), SIGHUP (a closed terminal window, a dropped
//! ssh link), SIGINT (`kill -INT`, `timeout -s INT`; the Ctrl-c key is a
//! key in raw mode) and SIGQUIT.
//!
//! On Windows, the console's events: Ctrl-C (a key in raw mode too, but
//! also sent by `GenerateConsoleCtrlEvent`) as SIGINT, Ctrl-Break as
//! SIGQUIT, closing the console window as SIGHUP, logging off and shutting
//! down as SIGTERM. For the last three Windows ends the process once the
//! handler returns; tokio's handler waits, so the app has the system's
//! grace (about 5 s) to end, within the event loop's watchdog (2 s).

/// How a session of the app ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The user quit.
    Quit,
    /// The terminal went away (SIGHUP, or EIO on it): a closed window, a
    /// dropped ssh link (on Windows, the console window closed).
    Hangup,
    /// SIGTERM (on Windows, logging off or shutting down).
    Terminated,
    /// SIGINT from outside (`kill -INT`, `timeout -s INT`; the Ctrl-c key
    /// is a key in raw mode; on Windows, a Ctrl-C console event).
    Interrupted,
    /// SIGQUIT from outside (on Windows, Ctrl-Break).
    QuitSignal,
}

impl Ending {
    /// The exit status, as a shell reports a process ended by that signal.
    pub fn exit_code(self) -> u8 {
        match self {
            Ending::Quit => 0,
            Ending::Hangup => 128 + 1,
            Ending::Terminated => 128 + 15,
            Ending::Interrupted => 128 + 2,
            Ending::QuitSignal => 128 + 3,
        }
    }
}

/// The signals that end the app, listened for from creation on.
pub struct Signals {
    #[cfg(unix)]
    unix: [tokio::signal::unix::Signal; 4],
    #[cfg(windows)]
    windows: Windows,
}

#[cfg(windows)]
struct Windows {
    c: tokio::signal::windows::CtrlC,
    r#break: tokio::signal::windows::CtrlBreak,
    close: tokio::signal::windows::CtrlClose,
    logoff: tokio::signal::windows::CtrlLogoff,
    shutdown: tokio::signal::windows::CtrlShutdown,
}

impl Signals {
    /// Starts listening (inside the runtime).
    pub fn new() -> std::io::Result<Self> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Self {
                unix: [
                    signal(SignalKind::terminate())?,
                    signal(SignalKind::hangup())?,
                    signal(SignalKind::interrupt())?,
                    signal(SignalKind::quit())?,
                ],
            })
        }
        #[cfg(windows)]
        {
            use tokio::signal::windows::{ctrl_break, ctrl_c, ctrl_close, ctrl_logoff, ctrl_shutdown};
            Ok(Self {
                windows: Windows {
                    c: ctrl_c()?,
                    r#break: ctrl_break()?,
                    close: ctrl_close()?,
                    logoff: ctrl_logoff()?,
                    shutdown: ctrl_shutdown()?,
                },
            })
        }
        #[cfg(not(any(unix, windows)))]
        Ok(Self {})
    }

    /// How the next signal received ends the app.
    pub async fn next(&mut self) -> Ending {
        #[cfg(unix)]
        {
            let [term, hup, int, quit] = &mut self.unix;
            tokio::select! {
                _ = term.recv() => Ending::Terminated,
                _ = hup.recv() => Ending::Hangup,
                _ = int.recv() => Ending::Interrupted,
                _ = quit.recv() => Ending::QuitSignal,
            }
        }
        #[cfg(windows)]
        {
            let w = &mut self.windows;
            tokio::select! {
                _ = w.c.recv() => Ending::Interrupted,
                _ = w.r#break.recv() => Ending::QuitSignal,
                _ = w.close.recv() => Ending::Hangup,
                _ = w.logoff.recv() => Ending::Terminated,
                _ = w.shutdown.recv() => Ending::Terminated,
            }
        }
        #[cfg(not(any(unix, windows)))]
        std::future::pending().await
    }
}
