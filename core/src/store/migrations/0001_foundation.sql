-- 0001 foundation: the university and its programmes, graduates, employers and vacancies,
-- import batches and the audit trail. Commissions, meetings, decisions, papers and follow-up
-- come in later migrations. Enum columns hold the stable codes of `classifiers.rs`; the CHECKs
-- list them so that a bad code never gets in. They are OR chains, not `IN (...)`: SQLite builds
-- a temporary b-tree for a constant IN list of more than two items on every INSERT, which made
-- a 100k-row import several times slower.

CREATE TABLE university (
    id         INTEGER PRIMARY KEY,
    name_kk    TEXT NOT NULL,
    name_ru    TEXT NOT NULL,
    address_kk TEXT,
    address_ru TEXT
);

-- The app belongs to one university, the home one: id 1 (`HOME_UNIVERSITY` in Rust).
-- Placeholder names until the settings fill them in.
INSERT INTO university (id, name_kk, name_ru) VALUES (1, 'Университет', 'Университет');

CREATE TABLE programme (
    id            INTEGER PRIMARY KEY,
    university_id INTEGER NOT NULL REFERENCES university (id),
    code          TEXT NOT NULL,
    name          TEXT NOT NULL,
    level         TEXT NOT NULL CHECK (
        level = 'bachelor' OR level = 'master' OR level = 'residency' OR level = 'doctorate'),
    field         TEXT NOT NULL CHECK (
        field = 'pedagogical' OR field = 'medical' OR field = 'veterinary' OR
        field = 'agricultural' OR field = 'technical' OR field = 'other'),
    UNIQUE (university_id, code, name)
);

CREATE TABLE graduate (
    id              INTEGER PRIMARY KEY,
    iin             TEXT NOT NULL CHECK (length(iin) = 12),
    graduation_year INTEGER NOT NULL,
    surname         TEXT NOT NULL,
    name            TEXT NOT NULL,
    patronymic      TEXT,
    birth_date      TEXT NOT NULL CHECK (birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    sex             TEXT NOT NULL CHECK (sex IN ('male', 'female')),
    level           TEXT NOT NULL CHECK (
        level = 'bachelor' OR level = 'master' OR level = 'residency' OR level = 'doctorate'),
    funding         TEXT NOT NULL CHECK (
        funding = 'state_order' OR funding = 'rural_quota' OR funding = 'serpin' OR
        funding = 'phd'),
    field           TEXT NOT NULL CHECK (
        field = 'pedagogical' OR field = 'medical' OR field = 'veterinary' OR
        field = 'agricultural' OR field = 'technical' OR field = 'other'),
    programme_id    INTEGER NOT NULL REFERENCES programme (id),
    region          TEXT CHECK (
        region = 'abai' OR region = 'akmola' OR region = 'aktobe' OR region = 'almaty_region' OR
        region = 'atyrau' OR region = 'west_kazakhstan' OR region = 'zhambyl' OR
        region = 'jetisu' OR region = 'karaganda' OR region = 'kostanay' OR
        region = 'kyzylorda' OR region = 'mangystau' OR region = 'pavlodar' OR
        region = 'north_kazakhstan' OR region = 'turkistan' OR region = 'ulytau' OR
        region = 'east_kazakhstan' OR region = 'astana' OR region = 'almaty_city' OR
        region = 'shymkent'),
    phone           TEXT,
    email           TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    -- Year first: the import loads a cohort's graduates by year through this index. No more
    -- indexes here: each one slows a 100k-row import.
    UNIQUE (graduation_year, iin)
);

CREATE TABLE employer (
    id         INTEGER PRIMARY KEY,
    bin        TEXT NOT NULL UNIQUE CHECK (length(bin) = 12),
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (
        kind = 'education' OR kind = 'health' OR kind = 'veterinary' OR
        kind = 'state_vet_body' OR kind = 'agrarian' OR kind = 'science' OR
        kind = 'university' OR kind = 'other'),
    ownership  TEXT CHECK (ownership IN ('state', 'private')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE vacancy (
    id             INTEGER PRIMARY KEY,
    employer_id    INTEGER NOT NULL REFERENCES employer (id),
    year           INTEGER NOT NULL,
    position       TEXT NOT NULL,
    places         INTEGER NOT NULL CHECK (places > 0),
    places_left    INTEGER NOT NULL CHECK (places_left >= 0),
    region         TEXT NOT NULL CHECK (
        region = 'abai' OR region = 'akmola' OR region = 'aktobe' OR region = 'almaty_region' OR
        region = 'atyrau' OR region = 'west_kazakhstan' OR region = 'zhambyl' OR
        region = 'jetisu' OR region = 'karaganda' OR region = 'kostanay' OR
        region = 'kyzylorda' OR region = 'mangystau' OR region = 'pavlodar' OR
        region = 'north_kazakhstan' OR region = 'turkistan' OR region = 'ulytau' OR
        region = 'east_kazakhstan' OR region = 'astana' OR region = 'almaty_city' OR
        region = 'shymkent'),
    district       TEXT,
    -- NULL when the request names no settlement; the unique index below treats NULL as ''
    -- (NULLs would otherwise never collide and the same request could be stored twice).
    settlement     TEXT,
    rural          INTEGER NOT NULL CHECK (rural IN (0, 1)),
    contact_person TEXT,
    phone          TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX vacancy_key ON vacancy (employer_id, year, position, COALESCE(settlement, ''));
CREATE INDEX vacancy_year ON vacancy (year);

-- Programme codes a vacancy asks for; none means any programme.
CREATE TABLE vacancy_programme (
    vacancy_id   INTEGER NOT NULL REFERENCES vacancy (id) ON DELETE CASCADE,
    program_code TEXT NOT NULL,
    PRIMARY KEY (vacancy_id, program_code)
);

CREATE TABLE import_batch (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('graduates', 'vacancies')),
    source    TEXT,
    imported  INTEGER NOT NULL DEFAULT 0,
    updated   INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0
);

-- Who changed what and when. `action` is open-ended (insert, update, delete, import, and what
-- later workflows add): a CHECK list here could only grow by rebuilding the table.
CREATE TABLE audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action <> ''),
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    batch_id  INTEGER REFERENCES import_batch (id),
    details   TEXT CHECK (details IS NULL OR json_valid(details))
);
CREATE INDEX audit_entity ON audit (entity, entity_id);
