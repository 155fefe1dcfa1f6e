-- 0002 rules: the rules table of each graduation cohort (see `rules::RuleSet`). One row per
-- cohort, its rows as one JSON array: the set is read, edited, validated and audited as a
-- whole, and its nested sets (levels, fields, kinds, regions) would need four child tables
-- for no query anyone makes. The Rust side refuses to store or load an invalid set.

CREATE TABLE rule_set (
    cohort     INTEGER PRIMARY KEY,
    rows       TEXT NOT NULL CHECK (json_valid(rows) AND json_type(rows) = 'array'),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
