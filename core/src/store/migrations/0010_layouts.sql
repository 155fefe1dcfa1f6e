-- 0010 a list's layout remembered: the column mapping a person chose for a header row, offered
-- again when a list with the same header row comes (the registrar's template of next year).
CREATE TABLE list_layout (
    id        INTEGER PRIMARY KEY,
    list      TEXT NOT NULL CHECK (list IN ('graduates', 'vacancies')),
    -- import::layout::signature of the header row's cells.
    signature TEXT NOT NULL,
    -- The header row (from 1) and the columns, as JSON: {"header_row":4,"columns":[…]}.
    mapping   TEXT NOT NULL CHECK (json_valid(mapping)),
    saved_at  TEXT NOT NULL,
    actor     TEXT NOT NULL,
    UNIQUE (list, signature)
);
