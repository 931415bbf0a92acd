//! Profiles in the app: the account in use (named in the header, a live
//! one in a style of its own) and the switch to another (`P`). The client
//! of the new profile is made off the UI thread by a [`Connector`] the
//! binary provides (it reads the config file again); the app then starts
//! the list afresh on it, keeping the query and, where it is there too, the
//! selected customer.

use std::sync::Arc;

use crate::api::Client;
use crate::config::Profile;

/// Makes the client of the profile named, or says why it cannot.
pub type Connector = Arc<dyn Fn(&str) -> Result<(Client, Profile), String> + Send + Sync>;

/// What the app needs to switch profiles: the one in use (`None`: the top
/// of the config file, the environment, or the demo) and the connector.
#[derive(Clone)]
pub struct Switcher {
    pub current: Option<Profile>,
    /// What the API key in use says of the account with no profile
    /// (`sk_live_`: live, `sk_test_`: test), when it says.
    pub key_live: Option<bool>,
    pub connect: Connector,
}

impl std::fmt::Debug for Switcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Switcher").field("current", &self.current).finish_non_exhaustive()
    }
}

/// A profile's client, ready: what the worker hands back for the switch.
#[derive(Clone)]
pub struct Connected {
    pub client: Client,
    pub profile: Profile,
}

impl std::fmt::Debug for Connected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connected").field("profile", &self.profile).finish_non_exhaustive()
    }
}

impl PartialEq for Connected {
    fn eq(&self, other: &Self) -> bool {
        self.profile == other.profile
    }
}
