-- 0009 the register holds: seals of finalised meetings and paper numbers in a hash chain, and
-- locks that another tool cannot get past with REPLACE or with foreign keys off.

-- The chain (see core/src/register.rs): one entry when a meeting is finalised (its rows and
-- what it printed), one when a paper is numbered. Append only.
CREATE TABLE ledger (
    seq       INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('meeting', 'paper')),
    ref_id    INTEGER NOT NULL,
    content   TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL UNIQUE,
    at        TEXT NOT NULL,
    UNIQUE (kind, ref_id)
);

CREATE TRIGGER ledger_insert_only BEFORE INSERT ON ledger
WHEN EXISTS (SELECT 1 FROM ledger WHERE seq = NEW.seq OR hash = NEW.hash
             OR (kind = NEW.kind AND ref_id = NEW.ref_id))
BEGIN SELECT RAISE(ABORT, 'register_append_only'); END;

CREATE TRIGGER ledger_never_updated BEFORE UPDATE ON ledger
BEGIN SELECT RAISE(ABORT, 'register_append_only'); END;

CREATE TRIGGER ledger_never_deleted BEFORE DELETE ON ledger
BEGIN SELECT RAISE(ABORT, 'register_append_only'); END;

-- REPLACE deletes the row it collides with without firing delete triggers (recursive
-- triggers are off in other tools): every insert and update is refused when it would collide
-- with a locked row, through any of its unique keys.

DROP TRIGGER decision_insert_locked;
CREATE TRIGGER decision_insert_locked BEFORE INSERT ON decision
WHEN (SELECT finalised_at FROM meeting WHERE id = NEW.meeting_id) IS NOT NULL
  OR EXISTS (SELECT 1 FROM decision d JOIN meeting m ON m.id = d.meeting_id
             WHERE (d.id = NEW.id OR d.revises_id = NEW.revises_id) AND m.finalised_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'meeting_finalised'); END;

DROP TRIGGER decision_update_locked;
CREATE TRIGGER decision_update_locked BEFORE UPDATE ON decision
WHEN (SELECT finalised_at FROM meeting WHERE id = OLD.meeting_id) IS NOT NULL
  OR (SELECT finalised_at FROM meeting WHERE id = NEW.meeting_id) IS NOT NULL
  OR EXISTS (SELECT 1 FROM decision d JOIN meeting m ON m.id = d.meeting_id
             WHERE d.id <> OLD.id AND (d.id = NEW.id OR d.revises_id = NEW.revises_id)
               AND m.finalised_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'meeting_finalised'); END;

CREATE TRIGGER meeting_insert_locked BEFORE INSERT ON meeting
WHEN EXISTS (SELECT 1 FROM meeting
             WHERE (id = NEW.id OR (commission_id = NEW.commission_id AND number = NEW.number))
               AND finalised_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'meeting_finalised'); END;

DROP TRIGGER meeting_update_locked;
CREATE TRIGGER meeting_update_locked BEFORE UPDATE ON meeting
WHEN OLD.finalised_at IS NOT NULL
  OR EXISTS (SELECT 1 FROM meeting
             WHERE id <> OLD.id AND (id = NEW.id OR (commission_id = NEW.commission_id AND number = NEW.number))
               AND finalised_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'meeting_finalised'); END;

CREATE TRIGGER attendance_update_locked BEFORE UPDATE ON meeting_attendance
WHEN (SELECT finalised_at FROM meeting WHERE id = OLD.meeting_id) IS NOT NULL
  OR (SELECT finalised_at FROM meeting WHERE id = NEW.meeting_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'meeting_finalised'); END;

-- An exemption's proofs are part of the decision.
CREATE TRIGGER proof_insert_locked BEFORE INSERT ON decision_proof
WHEN EXISTS (SELECT 1 FROM decision d JOIN meeting m ON m.id = d.meeting_id
             WHERE d.id = NEW.decision_id AND m.finalised_at IS NOT NULL)
  OR EXISTS (SELECT 1 FROM decision_proof p JOIN decision d ON d.id = p.decision_id
             JOIN meeting m ON m.id = d.meeting_id
             WHERE (p.id = NEW.id OR p.stored_as = NEW.stored_as) AND m.finalised_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'meeting_finalised'); END;

CREATE TRIGGER proof_update_locked BEFORE UPDATE ON decision_proof
WHEN EXISTS (SELECT 1 FROM decision d JOIN meeting m ON m.id = d.meeting_id
             WHERE d.id IN (OLD.decision_id, NEW.decision_id) AND m.finalised_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'meeting_finalised'); END;

CREATE TRIGGER proof_delete_locked BEFORE DELETE ON decision_proof
WHEN EXISTS (SELECT 1 FROM decision d JOIN meeting m ON m.id = d.meeting_id
             WHERE d.id = OLD.decision_id AND m.finalised_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'meeting_finalised'); END;

-- A paper's number, decision and date never change; it may be cancelled once.
CREATE TRIGGER paper_never_replaced BEFORE INSERT ON paper
WHEN EXISTS (SELECT 1 FROM paper WHERE id = NEW.id OR decision_id = NEW.decision_id
             OR (commission_id = NEW.commission_id AND seq = NEW.seq))
BEGIN SELECT RAISE(ABORT, 'paper_never_deleted'); END;

CREATE TRIGGER paper_only_cancelled BEFORE UPDATE ON paper
WHEN NEW.id <> OLD.id OR NEW.commission_id <> OLD.commission_id OR NEW.seq <> OLD.seq
  OR NEW.decision_id <> OLD.decision_id OR NEW.issued_on <> OLD.issued_on
  OR (OLD.cancelled_at IS NOT NULL AND NEW.cancelled_at IS NOT OLD.cancelled_at)
BEGIN SELECT RAISE(ABORT, 'paper_never_deleted'); END;

-- Foreign keys are the connection's choice (off in the sqlite3 shell): the rows a decision
-- stands on cannot be deleted whatever the connection.
CREATE TRIGGER graduate_kept_while_decided BEFORE DELETE ON graduate
WHEN EXISTS (SELECT 1 FROM decision WHERE graduate_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'referenced_by_decision'); END;

CREATE TRIGGER vacancy_kept_while_referred BEFORE DELETE ON vacancy
WHEN EXISTS (SELECT 1 FROM decision WHERE vacancy_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'referenced_by_decision'); END;

CREATE TRIGGER meeting_kept_while_decided BEFORE DELETE ON meeting
WHEN EXISTS (SELECT 1 FROM decision WHERE meeting_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'referenced_by_decision'); END;

CREATE TRIGGER decision_kept_while_papered BEFORE DELETE ON decision
WHEN EXISTS (SELECT 1 FROM paper WHERE decision_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'paper_never_deleted'); END;

-- A vacancy never has fewer places than the graduates standing on it (imports refuse such a
-- row with a problem naming them; this holds it against any other writer).
CREATE TRIGGER vacancy_places_cover_referrals BEFORE UPDATE OF places ON vacancy
WHEN NEW.places < (SELECT COUNT(*) FROM decision d WHERE d.vacancy_id = NEW.id
                   AND NOT EXISTS (SELECT 1 FROM decision r WHERE r.revises_id = d.id))
BEGIN SELECT RAISE(ABORT, 'places_below_referrals'); END;
