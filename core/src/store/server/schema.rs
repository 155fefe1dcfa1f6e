//! The register's schema on the server: migrations numbered as the file's, so that one
//! number tells both (the server starts at 14, the file's version when the server mode came);
//! each runs in one transaction with its version, under an advisory lock so that desks
//! starting at once take turns.

use postgres::{Client, GenericClient};

use super::ServerError;
use crate::store::migrations::MIGRATIONS;

/// (the version a script brings the register to, the script). Append only, with the file's.
const SERVER_MIGRATIONS: &[(u32, &str)] = &[(14, include_str!("migrations/0014_register.sql"))];

/// The version this build makes and reads: always the file's.
pub const SUPPORTED: u32 = MIGRATIONS.len() as u32;
const _: () = assert!(SERVER_MIGRATIONS[SERVER_MIGRATIONS.len() - 1].0 == SUPPORTED);

/// Any number will do, as long as no other program on the server takes the same.
const MIGRATION_LOCK: i64 = 0x004a_4f4c_4441_4d41; // "JOLDAMA"

/// Read through a connection or a transaction alike.
pub(super) fn version(client: &mut impl GenericClient) -> Result<u32, ServerError> {
    let exists: bool = client.query_one("SELECT to_regclass('joldama_schema') IS NOT NULL", &[])?.get(0);
    if !exists {
        return Ok(0);
    }
    let version: i64 = client.query_one("SELECT version FROM joldama_schema", &[])?.get(0);
    Ok(version as u32)
}

pub(super) fn prepare(client: &mut Client) -> Result<(), ServerError> {
    let found = version(client)?;
    if found > SUPPORTED {
        return Err(ServerError::SchemaTooNew { found, supported: SUPPORTED });
    }
    if found == SUPPORTED {
        return Ok(());
    }
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    // Another desk may have migrated while this one waited for the lock.
    let found = version(&mut tx)?;
    if found < SUPPORTED {
        let may_create = tx.query_one(
            "SELECT has_database_privilege(current_database(), 'CREATE') \
             AND has_schema_privilege('public', 'CREATE')",
            &[],
        )?;
        if !may_create.get::<_, bool>(0) {
            return Err(ServerError::NoRegister);
        }
        if found == 0 {
            tx.batch_execute("CREATE TABLE joldama_schema (version BIGINT NOT NULL); INSERT INTO joldama_schema VALUES (0);")?;
        }
        for (to, sql) in SERVER_MIGRATIONS.iter().filter(|(to, _)| *to > found) {
            tx.batch_execute(sql)?;
            tx.execute("UPDATE joldama_schema SET version = $1", &[&i64::from(*to)])?;
        }
    }
    tx.commit()?;
    Ok(())
}
