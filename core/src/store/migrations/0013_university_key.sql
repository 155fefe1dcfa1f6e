-- 0013 the university's Ed25519 key that signs its papers' QR codes: made at the first print,
-- never changed or removed (a paper signed with it must stay checkable).

CREATE TABLE university_key (
    university_id INTEGER PRIMARY KEY REFERENCES university (id),
    seed          BLOB NOT NULL CHECK (length(seed) = 32),
    created_at    TEXT NOT NULL
);

CREATE TRIGGER university_key_kept BEFORE UPDATE ON university_key
BEGIN SELECT RAISE(ABORT, 'university_key_kept'); END;

CREATE TRIGGER university_key_never_deleted BEFORE DELETE ON university_key
BEGIN SELECT RAISE(ABORT, 'university_key_kept'); END;
