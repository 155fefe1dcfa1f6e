//! People and their roles, held by the server. A person is a PostgreSQL login role that is a
//! member of one of the register's group roles; the grants in the schema say what each may
//! write, so a desk that hides nothing still cannot do more than its person may. A password
//! reaches the server only as a SCRAM-SHA-256 verifier made on the desk.

use postgres::Client;
use postgres::error::SqlState;
use serde::{Deserialize, Serialize};

use super::{Server, ServerError};

/// What a person may do with the register.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
// `Role` in TypeScript is a commission member's.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename = "ServerRole"))]
pub enum Role {
    /// The university, the commission, the rules and the order, and people; all a secretary does.
    Administrator,
    /// Lists, decisions, papers and follow-up.
    Secretary,
    /// Reads everything, records nothing.
    Member,
}

impl Role {
    /// The strongest role of someone who is (or is not) an administrator and a secretary.
    fn of(administrator: bool, secretary: bool) -> Role {
        match (administrator, secretary) {
            (true, _) => Role::Administrator,
            (false, true) => Role::Secretary,
            (false, false) => Role::Member,
        }
    }

    /// The group role the schema grants to.
    fn group(self) -> &'static str {
        match self {
            Role::Administrator => "joldama_admin",
            Role::Secretary => "joldama_secretary",
            Role::Member => "joldama_member",
        }
    }
}

/// A first password's least length: what the person types, the server never sees.
pub const MIN_PASSWORD: usize = 8;

/// One person who may sign in to the register.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename = "ServerPerson"))]
pub struct Person {
    pub name: String,
    pub role: Role,
}

/// The person signed in and their strongest role; whoever owns the register (or the server)
/// is its administrator.
pub(super) fn signed_in(client: &mut Client) -> Result<(String, Role), ServerError> {
    let row = client.query_one(
        "SELECT session_user::text, \
                (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) \
                OR pg_has_role(session_user, (SELECT tableowner FROM pg_tables WHERE tablename = 'joldama_schema'), 'MEMBER') \
                OR pg_has_role(session_user, 'joldama_admin', 'MEMBER'), \
                pg_has_role(session_user, 'joldama_secretary', 'MEMBER')",
        &[],
    )?;
    Ok((row.get(0), Role::of(row.get(1), row.get(2))))
}

impl Server {
    /// Adds a person who signs in with `name` and `password`. Only an administrator may; the
    /// server refuses anyone else whatever the desk shows.
    pub fn add_person(&mut self, name: &str, role: Role, password: &str) -> Result<Person, ServerError> {
        // The server's names are at most 63 bytes; a name it would cut is refused whole.
        if name.trim().is_empty() || name.trim() != name || name.len() > 63 {
            return Err(ServerError::PersonName { name: name.to_owned() });
        }
        if password.chars().count() < MIN_PASSWORD {
            return Err(ServerError::ShortPassword { min: MIN_PASSWORD });
        }
        let verifier = postgres_protocol::password::scram_sha_256(password.as_bytes());
        // Role statements take no parameters: the server quotes the name and the verifier.
        let create: String = self
            .client()
            .query_one(
                "SELECT format('CREATE ROLE %I LOGIN %s PASSWORD %L IN ROLE %I', $1::text, \
                 CASE WHEN $4 THEN 'CREATEROLE' ELSE '' END, $2::text, $3::text)",
                &[&name, &verifier, &role.group(), &(role == Role::Administrator)],
            )?
            .get(0);
        self.client().batch_execute(&create).map_err(|e| match e.code() {
            Some(state) if *state == SqlState::DUPLICATE_OBJECT => ServerError::PersonExists,
            _ => e.into(),
        })?;
        Ok(Person { name: name.to_owned(), role })
    }

    /// Gives a person another role, in one transaction. Nobody changes their own: an
    /// administrator cannot lock the register out of its last administrator by mistake.
    pub fn set_role(&mut self, name: &str, role: Role) -> Result<Person, ServerError> {
        self.someone_else(name)?;
        let mut tx = self.client().transaction()?;
        let statements: String = tx
            .query_one(
                "SELECT format('REVOKE joldama_admin, joldama_secretary, joldama_member FROM %1$I; \
                 GRANT %2$I TO %1$I; ALTER ROLE %1$I %3$s;', $1::text, $2::text, \
                 CASE WHEN $3 THEN 'CREATEROLE' ELSE 'NOCREATEROLE' END)",
                &[&name, &role.group(), &(role == Role::Administrator)],
            )?
            .get(0);
        tx.batch_execute(&statements)?;
        tx.commit()?;
        Ok(Person { name: name.to_owned(), role })
    }

    /// Takes a person's sign-in away; what they recorded stays, under their name.
    pub fn remove_person(&mut self, name: &str) -> Result<(), ServerError> {
        self.someone_else(name)?;
        let drop: String =
            self.client().query_one("SELECT format('DROP ROLE %I', $1::text)", &[&name])?.get(0);
        self.client().batch_execute(&drop)?;
        Ok(())
    }

    /// `name` is a person of the register, and not the one signed in.
    fn someone_else(&mut self, name: &str) -> Result<(), ServerError> {
        if name == self.person() {
            return Err(ServerError::Yourself);
        }
        if !self.people()?.iter().any(|p| p.name == name) {
            return Err(ServerError::NoSuchPerson { name: name.to_owned() });
        }
        Ok(())
    }

    /// Everyone who may sign in to the register, by name.
    pub fn people(&mut self) -> Result<Vec<Person>, ServerError> {
        let rows = self.client().query(
            "SELECT r.rolname::text, \
                    pg_has_role(r.oid, 'joldama_admin', 'MEMBER'), \
                    pg_has_role(r.oid, 'joldama_secretary', 'MEMBER') \
             FROM pg_roles r \
             WHERE r.rolcanlogin AND pg_has_role(r.oid, 'joldama_member', 'MEMBER') \
               AND NOT r.rolsuper \
             ORDER BY 1",
            &[],
        )?;
        Ok(rows.iter().map(|r| Person { name: r.get(0), role: Role::of(r.get(1), r.get(2)) }).collect())
    }
}
