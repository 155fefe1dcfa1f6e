//! Live changes: the schema's statement triggers tell, at each commit, which table changed, how
//! and by whom (`joldama_change`); a desk listens on a connection of its own and reloads what
//! it shows. The server delivers a message only once its transaction commits.

use std::time::{Duration, Instant};

use postgres::Client;
use postgres::fallible_iterator::FallibleIterator;
use serde::{Deserialize, Serialize};

use super::{Address, ServerError};

/// One committed statement's change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub table: String,
    /// `insert`, `update` or `delete`.
    pub op: String,
    /// The person who signed in at the desk that made it.
    pub by: String,
}

/// A desk's listening connection.
pub struct Listener {
    client: Client,
}

impl Listener {
    pub fn start(address: &Address) -> Result<Listener, ServerError> {
        let mut client = address.connect()?;
        client.batch_execute("LISTEN joldama_change")?;
        Ok(Listener { client })
    }

    /// The changes committed since the last call, waiting up to `wait` for the first.
    pub fn changes(&mut self, wait: Duration) -> Result<Vec<Change>, ServerError> {
        let until = Instant::now() + wait;
        let mut found = Vec::new();
        let mut notifications = self.client.notifications();
        loop {
            let left = until.saturating_duration_since(Instant::now());
            // After the first, only what has already arrived.
            let wait = if found.is_empty() { left } else { Duration::ZERO };
            match notifications.timeout_iter(wait).next()? {
                Some(n) => {
                    if let Ok(change) = serde_json::from_str::<Change>(n.payload()) {
                        found.push(change);
                    }
                }
                None => return Ok(found),
            }
        }
    }
}
