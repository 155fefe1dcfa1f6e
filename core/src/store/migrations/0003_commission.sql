-- 0003 the commission's year: commissions and their members, meetings with the members
-- present, decisions (one current per graduate; a revision refers to the decision it
-- replaces), the proof documents of exemptions, graduates' wishes, and the numbers of the
-- papers issued. A finalised meeting is locked by triggers as well as by the code: nothing
-- changes its decisions or attendance afterwards.

CREATE TABLE commission (
    id            INTEGER PRIMARY KEY,
    university_id INTEGER NOT NULL REFERENCES university (id),
    -- The graduation cohort the commission distributes.
    year          INTEGER NOT NULL,
    name_kk       TEXT NOT NULL,
    name_ru       TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    UNIQUE (university_id, year)
);

CREATE TABLE commission_member (
    id            INTEGER PRIMARY KEY,
    commission_id INTEGER NOT NULL REFERENCES commission (id),
    role          TEXT NOT NULL CHECK (
        role = 'chair' OR role = 'deputy' OR role = 'secretary' OR role = 'member'),
    full_name     TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
    position      TEXT,
    UNIQUE (commission_id, full_name)
);

-- One chair, one deputy, one secretary per commission.
CREATE UNIQUE INDEX commission_member_single_role ON commission_member (commission_id, role)
    WHERE role <> 'member';

CREATE TABLE meeting (
    id            INTEGER PRIMARY KEY,
    commission_id INTEGER NOT NULL REFERENCES commission (id),
    number        INTEGER NOT NULL CHECK (number > 0),
    held_on       TEXT NOT NULL,
    place         TEXT,
    finalised_at  TEXT,
    finalised_by  TEXT,
    UNIQUE (commission_id, number)
);

CREATE TABLE meeting_attendance (
    meeting_id INTEGER NOT NULL REFERENCES meeting (id),
    member_id  INTEGER NOT NULL REFERENCES commission_member (id),
    PRIMARY KEY (meeting_id, member_id)
);

CREATE TABLE decision (
    id               INTEGER PRIMARY KEY,
    meeting_id       INTEGER NOT NULL REFERENCES meeting (id),
    graduate_id      INTEGER NOT NULL REFERENCES graduate (id),
    kind             TEXT NOT NULL CHECK (
        kind = 'vacancy' OR kind = 'employment_centre' OR kind = 'exemption' OR kind = 'deferral'),
    vacancy_id       INTEGER REFERENCES vacancy (id),
    arrival_date     TEXT,
    centre_region    TEXT,
    exemption_ground TEXT,
    deferral_reason  TEXT,
    deferral_from    TEXT,
    deferral_to      TEXT,
    -- The term of the graduate's category under the cohort's rules when decided; NULL for an
    -- exemption.
    term_years       INTEGER,
    -- Referred to the employment centre although an allowed vacancy had a place: the
    -- secretary confirmed the warning.
    confirmed_warning INTEGER NOT NULL DEFAULT 0 CHECK (confirmed_warning IN (0, 1)),
    revises_id       INTEGER REFERENCES decision (id),
    reason           TEXT,
    created_at       TEXT NOT NULL,
    created_by       TEXT NOT NULL,
    CHECK ((kind = 'vacancy') = (vacancy_id IS NOT NULL AND arrival_date IS NOT NULL)),
    CHECK ((kind = 'employment_centre') = (centre_region IS NOT NULL)),
    CHECK ((kind = 'exemption') = (exemption_ground IS NOT NULL)),
    CHECK ((kind = 'deferral') = (deferral_from IS NOT NULL AND deferral_reason IS NOT NULL))
);

CREATE INDEX decision_graduate ON decision (graduate_id);
CREATE INDEX decision_meeting ON decision (meeting_id);
-- A decision is replaced at most once: revisions form a chain, its end the current decision.
CREATE UNIQUE INDEX decision_revised_once ON decision (revises_id) WHERE revises_id IS NOT NULL;

CREATE TRIGGER decision_insert_locked BEFORE INSERT ON decision
WHEN (SELECT finalised_at FROM meeting WHERE id = NEW.meeting_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'meeting_finalised'); END;

CREATE TRIGGER decision_update_locked BEFORE UPDATE ON decision
WHEN (SELECT finalised_at FROM meeting WHERE id = OLD.meeting_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'meeting_finalised'); END;

CREATE TRIGGER decision_delete_locked BEFORE DELETE ON decision
WHEN (SELECT finalised_at FROM meeting WHERE id = OLD.meeting_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'meeting_finalised'); END;

CREATE TRIGGER meeting_update_locked BEFORE UPDATE ON meeting
WHEN OLD.finalised_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'meeting_finalised'); END;

CREATE TRIGGER meeting_delete_locked BEFORE DELETE ON meeting
WHEN OLD.finalised_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'meeting_finalised'); END;

CREATE TRIGGER attendance_insert_locked BEFORE INSERT ON meeting_attendance
WHEN (SELECT finalised_at FROM meeting WHERE id = NEW.meeting_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'meeting_finalised'); END;

CREATE TRIGGER attendance_delete_locked BEFORE DELETE ON meeting_attendance
WHEN (SELECT finalised_at FROM meeting WHERE id = OLD.meeting_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'meeting_finalised'); END;

-- Proof documents of an exemption, copied into the `proofs` folder beside the database.
CREATE TABLE decision_proof (
    id          INTEGER PRIMARY KEY,
    decision_id INTEGER NOT NULL REFERENCES decision (id),
    document    TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    stored_as   TEXT NOT NULL UNIQUE,
    added_at    TEXT NOT NULL
);

-- What a graduate asked for in their application, most wanted first.
CREATE TABLE graduate_wish (
    graduate_id INTEGER NOT NULL REFERENCES graduate (id),
    rank        INTEGER NOT NULL CHECK (rank > 0),
    region      TEXT,
    employer_id INTEGER REFERENCES employer (id),
    CHECK (region IS NOT NULL OR employer_id IS NOT NULL),
    PRIMARY KEY (graduate_id, rank)
);

-- Papers issued: numbered in order per commission, never reused; printing again gives the
-- same number; a paper whose decision was revised is marked cancelled, never deleted.
CREATE TABLE paper (
    id            INTEGER PRIMARY KEY,
    commission_id INTEGER NOT NULL REFERENCES commission (id),
    seq           INTEGER NOT NULL CHECK (seq > 0),
    decision_id   INTEGER NOT NULL UNIQUE REFERENCES decision (id),
    issued_on     TEXT NOT NULL,
    cancelled_at  TEXT,
    UNIQUE (commission_id, seq)
);

CREATE TRIGGER paper_never_deleted BEFORE DELETE ON paper
BEGIN SELECT RAISE(ABORT, 'paper_never_deleted'); END;
