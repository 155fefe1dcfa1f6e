//! The throwaway PostgreSQL server `./scripts/test` starts (`JOLDAMA_TEST_SERVER`, its
//! superuser's address) and the databases tests make on it. Shared with the command line's
//! tests (`#[path]`), so it uses the server's client only.
#![allow(dead_code)] // each test binary uses part of it

/// The server's superuser address, when this run has one; under `./scripts/test`
/// (`JOLDAMA_TEST_SERVER_REQUIRED`) a missing one fails the test.
pub fn superuser() -> Option<String> {
    let Ok(superuser) = std::env::var("JOLDAMA_TEST_SERVER") else {
        assert!(std::env::var_os("JOLDAMA_TEST_SERVER_REQUIRED").is_none(), "no JOLDAMA_TEST_SERVER");
        eprintln!("skipped on the server: no JOLDAMA_TEST_SERVER (./scripts/test starts one)");
        return None;
    };
    Some(superuser)
}

/// A database of one test's own on the throwaway server, dropped at the end with the
/// connections still open on it.
pub struct Database {
    superuser: String,
    pub name: String,
}

impl Database {
    pub fn new(superuser: &str) -> Database {
        static MADE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let name = format!("joldama_t{}_{n}", std::process::id());
        let mut admin = postgres::Client::connect(superuser, postgres::NoTls).expect("the test server");
        admin.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        Database { superuser: superuser.to_owned(), name }
    }

    /// Its address, signed in as the superuser (its owner).
    pub fn url(&self) -> String {
        format!("{}/{}", self.superuser.rsplit_once('/').unwrap().0, self.name)
    }

    /// A statement of the server's superuser, outside any database of a test.
    pub fn admin(&self, sql: &str) {
        if let Ok(mut admin) = postgres::Client::connect(&self.superuser, postgres::NoTls) {
            let _ = admin.batch_execute(sql);
        }
    }

    /// Drops it now (the people a test made can only go after it); dropping it again is nothing.
    pub fn drop_now(&self) {
        self.admin(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        self.drop_now();
    }
}
