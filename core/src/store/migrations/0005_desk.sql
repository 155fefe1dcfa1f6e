-- What the desktop window needs of the store.

-- The graduate's full name folded (lower case, one space between words; `joldama_fold`, the
-- import's folding, registered on every connection) so that the table's search matches a
-- word's start in Kazakh or Russian with LIKE, without loading the names into memory.
ALTER TABLE graduate ADD COLUMN search TEXT NOT NULL DEFAULT '';
UPDATE graduate SET search = joldama_fold(surname || ' ' || name || ' ' || COALESCE(patronymic, ''));

-- The table's order within a cohort, read straight from the index.
CREATE INDEX graduate_year_name ON graduate (graduation_year, surname, name, id);

-- The letterhead under the university's name on every paper: department, phone, e-mail.
ALTER TABLE university ADD COLUMN letterhead_kk TEXT;
ALTER TABLE university ADD COLUMN letterhead_ru TEXT;
