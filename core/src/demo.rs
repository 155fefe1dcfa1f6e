//! Generated, believable graduate and vacancy lists (as a registrar and employers would send
//! them), written as real .xlsx files: for the demo database, benchmarks and tests.
//!
//! STUB — to be implemented (helper C).
