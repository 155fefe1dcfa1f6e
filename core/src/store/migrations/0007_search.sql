-- Search as you type over 100,000 graduates. A `LIKE` over the name index reads every row of
-- the cohort twice (count and page), about 80 ms; a full-text index of the folded name words
-- and the IIN answers a prefix from its term list instead. It also holds the year, funding and
-- level the table filters on, so that it counts a filtered search alone.
--
-- The index keeps no copy of the text (contentless) and forgets a graduate by id alone
-- (`contentless_delete`). `store::graduates::write`, the one writer of these columns, re-indexes
-- the graduates it changed in two statements at the end of its batch. Triggers would re-index
-- row by row, and FTS5 writes its pending terms to disk at every statement's savepoint: a
-- 100,000-row import took 8 s instead of 2. A later migration that changes these columns must
-- re-index too.
CREATE VIRTUAL TABLE graduate_search USING fts5 (
    search, iin, graduation_year, funding, level,
    content = '', contentless_delete = 1,
    -- `search` is already folded (`classifiers::fold`): lower case, Kazakh letters as Russian.
    -- `_` keeps codes such as `rural_quota` one word.
    tokenize = "unicode61 remove_diacritics 0 tokenchars '_'",
    -- The first letters typed are the most common prefixes: give them their own index.
    prefix = '1 2 3',
    -- No phrase queries, only words and their prefixes: positions are not kept.
    detail = column
);
INSERT INTO graduate_search (rowid, search, iin, graduation_year, funding, level)
    SELECT id, search, iin, graduation_year, funding, level FROM graduate;

-- The name index no longer serves the search: it drops the name's text and the IIN.
DROP INDEX graduate_year_name;
CREATE INDEX graduate_year_name
    ON graduate (graduation_year, sort_key, id, funding, level, programme_id);
