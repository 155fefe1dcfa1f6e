//! Column mappings remembered per list layout (see [`crate::import::layout`]).

use rusqlite::params;
use serde_json::json;

use super::convert::parsed;
use super::{Db, StoreError, Tx};
use crate::import::ColumnMapping;
use crate::import::layout::{ListKind, RememberedMapping};

impl Db {
    /// The mapping last chosen for a layout, if any.
    pub fn remembered_mapping(
        &self,
        list: ListKind,
        signature: &str,
    ) -> Result<Option<RememberedMapping>, StoreError> {
        self.query_opt(
            "SELECT mapping, saved_at, actor FROM list_layout WHERE list = ?1 AND signature = ?2",
            params![list.code(), signature],
            |r| {
                Ok(RememberedMapping {
                    mapping: parsed(r, 0, |s| serde_json::from_str(s))?,
                    saved_at: r.get(1)?,
                    actor: r.get(2)?,
                })
            },
        )
    }
}

impl Tx<'_> {
    /// Remembers a person's mapping for a layout, replacing the one chosen before.
    pub fn remember_mapping(
        &self,
        list: ListKind,
        signature: &str,
        mapping: &ColumnMapping,
    ) -> Result<(), StoreError> {
        let mapping = ColumnMapping { sheet: None, ..mapping.clone() };
        let text = serde_json::to_string(&mapping).expect("a mapping serialises");
        let old: Option<(i64, String)> = self.query_opt(
            "SELECT id, mapping FROM list_layout WHERE list = ?1 AND signature = ?2",
            params![list.code(), signature],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let id = match &old {
            Some((id, _)) => {
                self.execute(
                    "UPDATE list_layout SET mapping = ?1, saved_at = ?2, actor = ?3 WHERE id = ?4",
                    params![text, self.at, self.ctx.actor, id],
                )?;
                *id
            }
            None => self.insert(
                "INSERT INTO list_layout (list, signature, mapping, saved_at, actor) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![list.code(), signature, text, self.at, self.ctx.actor],
            )?,
        };
        let value = |m: &str| json!({ "list": list.code(), "signature": signature, "mapping": m });
        self.audit("list_layout", id, old.map(|(_, m)| value(&m)), Some(value(&text)))
    }
}
