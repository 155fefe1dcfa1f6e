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
    pub const ALL: [Role; 3] = [Role::Administrator, Role::Secretary, Role::Member];

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
    let role = match (row.get::<_, bool>(1), row.get::<_, bool>(2)) {
        (true, _) => Role::Administrator,
        (false, true) => Role::Secretary,
        (false, false) => Role::Member,
    };
    Ok((row.get(0), role))
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
            .client
            .query_one(
                "SELECT format('CREATE ROLE %I LOGIN %s PASSWORD %L IN ROLE %I', $1::text, \
                 CASE WHEN $4 THEN 'CREATEROLE' ELSE '' END, $2::text, $3::text)",
                &[&name, &verifier, &role.group(), &(role == Role::Administrator)],
            )?
            .get(0);
        self.client.batch_execute(&create).map_err(|e| match e.code() {
            Some(state) if *state == SqlState::DUPLICATE_OBJECT => ServerError::PersonExists,
            _ => e.into(),
        })?;
        Ok(Person { name: name.to_owned(), role })
    }

    /// Everyone who may sign in to the register, by name.
    pub fn people(&mut self) -> Result<Vec<Person>, ServerError> {
        let rows = self.client.query(
            "SELECT r.rolname::text, \
                    pg_has_role(r.oid, 'joldama_admin', 'MEMBER'), \
                    pg_has_role(r.oid, 'joldama_secretary', 'MEMBER') \
             FROM pg_roles r \
             WHERE r.rolcanlogin AND pg_has_role(r.oid, 'joldama_member', 'MEMBER') \
               AND NOT r.rolsuper \
             ORDER BY 1",
            &[],
        )?;
        Ok(rows
            .iter()
            .map(|r| Person {
                name: r.get(0),
                role: match (r.get::<_, bool>(1), r.get::<_, bool>(2)) {
                    (true, _) => Role::Administrator,
                    (false, true) => Role::Secretary,
                    (false, false) => Role::Member,
                },
            })
            .collect())
    }
}
