-- The graduates' table in the Kazakh alphabet's order (Ә after А, І after Ы), read straight
-- from the index: `kk` is the collation `alphabet::compare`, registered on every connection
-- the app opens (a bare sqlite3 shell cannot use this index; it still reads the tables).
DROP INDEX graduate_year_name;
CREATE INDEX graduate_year_name ON graduate (graduation_year, surname COLLATE kk, name COLLATE kk, id);
