-- 0004 follow-up: arrival at the employer, the periods of work, employment-centre registration
-- and deferral, and the cost of the studies. Depends on the 0001 tables only. Dates are
-- `YYYY-MM-DD` TEXT; a period's `from_date` and `to_date` are both days included. No cascades
-- from `graduate`: deleting a graduate with a follow-up must fail, not erase it.

CREATE TABLE arrival (
    graduate_id  INTEGER PRIMARY KEY REFERENCES graduate (id),
    arrived_on   TEXT NOT NULL CHECK (arrived_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    confirmed_by TEXT NOT NULL CHECK (confirmed_by <> ''),
    note         TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

CREATE TABLE followup_period (
    id            INTEGER PRIMARY KEY,
    graduate_id   INTEGER NOT NULL REFERENCES graduate (id),
    kind          TEXT NOT NULL CHECK (kind = 'work' OR kind = 'centre' OR kind = 'deferral'),
    -- Work only: a stored employer, or a name when it is not in the database.
    employer_id   INTEGER REFERENCES employer (id),
    employer_name TEXT CHECK (employer_name <> ''),
    from_date     TEXT NOT NULL CHECK (from_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    -- NULL while the period goes on.
    to_date       TEXT CHECK (to_date IS NULL OR (
        to_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND to_date >= from_date)),
    note          TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK ((kind = 'work') = ((employer_id IS NULL) <> (employer_name IS NULL))),
    CHECK (kind = 'work' OR (employer_id IS NULL AND employer_name IS NULL))
);
CREATE INDEX followup_period_graduate ON followup_period (graduate_id, from_date);
CREATE INDEX followup_period_employer ON followup_period (employer_id) WHERE employer_id IS NOT NULL;

CREATE TABLE study_cost (
    graduate_id INTEGER PRIMARY KEY REFERENCES graduate (id),
    -- Tenge.
    amount      INTEGER NOT NULL CHECK (amount >= 0),
    basis       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
