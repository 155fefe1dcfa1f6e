-- 0014 matching (issue 15): a graduate's grade average (GPA in hundredths, from the list), the
-- day their application was handed in, wishes naming one vacancy, employers' refusals of a
-- candidate, each cohort's priority order (one JSON document per cohort, as the rules), and
-- the applications list's layouts remembered as the other lists' are.

ALTER TABLE graduate ADD COLUMN gpa INTEGER CHECK (gpa IS NULL OR gpa BETWEEN 0 AND 400);

-- A wish names one vacancy, or an employer (perhaps in one region), or a region: SQLite cannot
-- change a CHECK, so the table is made again.
CREATE TABLE graduate_wish_new (
    graduate_id INTEGER NOT NULL REFERENCES graduate (id),
    rank        INTEGER NOT NULL CHECK (rank > 0),
    vacancy_id  INTEGER REFERENCES vacancy (id),
    employer_id INTEGER REFERENCES employer (id),
    region      TEXT,
    CHECK ((vacancy_id IS NOT NULL AND employer_id IS NULL AND region IS NULL)
        OR (vacancy_id IS NULL AND (employer_id IS NOT NULL OR region IS NOT NULL))),
    PRIMARY KEY (graduate_id, rank)
);
INSERT INTO graduate_wish_new (graduate_id, rank, employer_id, region)
SELECT graduate_id, rank, employer_id, region FROM graduate_wish;
DROP TABLE graduate_wish;
ALTER TABLE graduate_wish_new RENAME TO graduate_wish;

-- What an application states besides its wishes: the day handed in, a social ground.
CREATE TABLE application (
    graduate_id INTEGER PRIMARY KEY REFERENCES graduate (id),
    applied_on  TEXT CHECK (applied_on IS NULL OR applied_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    social      TEXT,
    CHECK (applied_on IS NOT NULL OR social IS NOT NULL)
);

CREATE TABLE vacancy_refusal (
    vacancy_id  INTEGER NOT NULL REFERENCES vacancy (id),
    graduate_id INTEGER NOT NULL REFERENCES graduate (id),
    reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    PRIMARY KEY (vacancy_id, graduate_id)
);

CREATE TABLE cohort_priority (
    cohort     INTEGER PRIMARY KEY,
    priority   TEXT NOT NULL CHECK (json_valid(priority) AND json_type(priority) = 'object'),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);

-- A third kind of list: SQLite cannot change a CHECK, so the table is made again.
CREATE TABLE list_layout_new (
    id        INTEGER PRIMARY KEY,
    list      TEXT NOT NULL CHECK (list IN ('graduates', 'vacancies', 'applications')),
    signature TEXT NOT NULL,
    mapping   TEXT NOT NULL CHECK (json_valid(mapping)),
    saved_at  TEXT NOT NULL,
    actor     TEXT NOT NULL,
    UNIQUE (list, signature)
);
INSERT INTO list_layout_new SELECT id, list, signature, mapping, saved_at, actor FROM list_layout;
DROP TABLE list_layout;
ALTER TABLE list_layout_new RENAME TO list_layout;
