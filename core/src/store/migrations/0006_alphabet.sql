-- The graduates' table in the Kazakh alphabet's order (Ә after А, І after Ы), read from one
-- index: `sort_key` is the name as `alphabet::sort_key` (`joldama_sort_key`, registered on
-- every connection) makes it, whose plain byte order is the alphabet's. The index also holds
-- what the table filters and searches on, so that a filter, a search as you type and the
-- count walk the index alone instead of fetching 100,000 rows in name order.
ALTER TABLE graduate ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';
UPDATE graduate SET sort_key = joldama_sort_key(surname, name, COALESCE(patronymic, ''));
DROP INDEX graduate_year_name;
CREATE INDEX graduate_year_name
    ON graduate (graduation_year, sort_key, id, funding, level, programme_id, iin, search);
