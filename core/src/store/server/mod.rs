//! The register on a PostgreSQL server, for several desks: the connection (TLS when the server
//! is not on this machine), the schema and its version, people and their roles (held by the
//! server: grants to group roles), moving a desk's file in, and the live changes the desks
//! listen to. The store's reads and steps run on it through `store::sql` ([`Server::into_store`]);
//! the guarantees they keep are the server's own here: locks by triggers, the audit signed by
//! the person, serialisable transactions.

mod error;
pub mod live;
pub mod move_in;
pub mod people;
mod schema;
pub(crate) mod search;

use std::net::IpAddr;

use postgres::config::{Host, SslMode};
use postgres::{Client, Config, NoTls};

use super::Store;
use super::sql::{Conn, Db, Session};

pub use error::ServerError;
pub(crate) use error::another_desk;
pub use people::{Person, Role};
pub use schema::SUPPORTED as SERVER_SCHEMA;

/// Where the server is: `postgresql://person:password@host:port/database` (or the key=value
/// form), from Settings, `--server` or `JOLDAMA_SERVER`.
#[derive(Clone, Debug)]
pub struct Address(Config);

impl Address {
    pub fn parse(text: &str) -> Result<Address, ServerError> {
        let config: Config = text.parse().map_err(|_| ServerError::Address(redact(text)))?;
        if config.get_hosts().is_empty() {
            return Err(ServerError::Address(redact(text)));
        }
        Ok(Address(config))
    }

    /// The same server and database, signed in as another person.
    pub fn as_person(&self, name: &str, password: &str) -> Address {
        let mut config = self.0.clone();
        config.user(name).password(password);
        Address(config)
    }

    /// The same, with the password the person typed.
    pub fn with_password(&self, password: &str) -> Address {
        let mut config = self.0.clone();
        config.password(password);
        Address(config)
    }

    /// A socket or loopback server: no network between the desk and the register.
    pub fn is_local(&self) -> bool {
        self.0.get_hosts().iter().all(|host| match host {
            #[cfg(unix)]
            Host::Unix(_) => true,
            Host::Tcp(name) => name == "localhost" || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback()),
        })
    }

    /// Connects: in plain text on this machine (unless the address asks for
    /// `sslmode=require`), over TLS to any other: the platform's own TLS, checking the server's
    /// certificate and name.
    pub(crate) fn connect(&self) -> Result<Client, ServerError> {
        let mut config = self.0.clone();
        config.application_name("joldama");
        if self.is_local() && !matches!(self.0.get_ssl_mode(), SslMode::Require) {
            return config.connect(NoTls).map_err(ServerError::connecting);
        }
        let connector = native_tls::TlsConnector::new().map_err(|e| ServerError::Tls(e.to_string()))?;
        config.ssl_mode(SslMode::Require);
        config.connect(postgres_native_tls::MakeTlsConnector::new(connector)).map_err(ServerError::connecting)
    }
}

/// The address as a person may see it again: without the password.
pub(crate) fn redact(text: &str) -> String {
    match (text.find("://"), text.find('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let user_start = scheme + 3;
            let user = &text[user_start..at];
            let user = user.split(':').next().unwrap_or_default();
            format!("{}{}@{}", &text[..user_start], user, &text[at + 1..])
        }
        _ => text.split(" password=").next().unwrap_or_default().to_owned(),
    }
}

/// One desk's connection to the register on the server, signed in as one person.
pub struct Server {
    /// Always the server's connection ([`Conn::Server`]), which knows who signed in.
    db: Db,
}

impl Server {
    /// Signs in and checks the register: a newer one is refused; an empty database gets the
    /// register made when the person may create it (its owner), else [`ServerError::NoRegister`].
    pub fn open(address: &Address) -> Result<Server, ServerError> {
        let mut client = address.connect()?;
        schema::prepare(&mut client)?;
        let (person, role) = people::signed_in(&mut client)?;
        Ok(Server { db: Db(Conn::Server(Box::new(Session::new(client, person, role)))) })
    }

    /// Who signed in.
    pub fn person(&self) -> &str {
        self.seat().0
    }

    pub fn role(&self) -> Role {
        self.seat().1
    }

    fn seat(&self) -> (&str, Role) {
        self.db.seat().expect("a server's connection knows who signed in")
    }

    pub fn schema_version(&mut self) -> Result<u32, ServerError> {
        schema::version(self.client())
    }

    /// What the register holds, in numbers: the same statements as the file's.
    pub fn counts(&self) -> Result<crate::store::Counts, ServerError> {
        Ok(self.db.counts()?)
    }

    /// When the server last archived its write-ahead log, if it archives (`pg_stat_archiver`).
    pub fn last_archived(&mut self) -> Result<Option<String>, ServerError> {
        let row = self.client().query_one(
            "SELECT to_char(last_archived_time, 'YYYY-MM-DD HH24:MI') FROM pg_stat_archiver",
            &[],
        )?;
        Ok(row.get(0))
    }

    /// The server's own connection, for a test's or the bench's plain statements.
    pub fn client(&mut self) -> &mut Client {
        match &mut self.db.0 {
            Conn::Server(session) => session.client(),
            Conn::File(_) => unreachable!("a server's connection is the server's"),
        }
    }

    /// The register on this connection, for the workflow's reads and steps; the desk's own
    /// files (proofs, papers) go into `folder`.
    pub fn into_store(self, folder: std::path::PathBuf) -> Store {
        Store::on(self.db, folder)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_shown_without_its_password() {
        assert_eq!(
            redact("postgresql://aigerim:secret@db.example.kz:5432/joldama"),
            "postgresql://aigerim@db.example.kz:5432/joldama"
        );
        assert_eq!(redact("host=db user=a password=secret"), "host=db user=a");
        let Err(ServerError::Address(shown)) = Address::parse("postgresql://a:secret@[bad/joldama") else {
            panic!("a broken address is refused")
        };
        assert!(!shown.contains("secret"), "{shown}");
    }

    #[test]
    fn only_this_machine_goes_without_tls() {
        let local = |text: &str| Address::parse(text).unwrap().is_local();
        assert!(local("postgresql://a@localhost/joldama"));
        assert!(local("postgresql://a@127.0.0.1:5433/joldama"));
        assert!(local("postgresql://a@[::1]/joldama"));
        assert!(local("host=/var/run/postgresql user=a dbname=joldama"));
        assert!(!local("postgresql://a@10.0.0.5/joldama"));
        assert!(!local("postgresql://a@db.university.kz/joldama"));
        assert!(!local("postgresql://a@localhost,db.university.kz/joldama"));
    }
}
