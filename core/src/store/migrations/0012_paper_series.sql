-- 0012 each kind of paper numbered in its own series per commission (referrals, centre
-- referrals, certificates), never reused. Papers numbered before keep their one-series number
-- (series NULL): a number once printed never changes.

ALTER TABLE paper ADD COLUMN series TEXT CHECK (series IN ('referral', 'centre', 'certificate'));
ALTER TABLE paper ADD COLUMN series_seq INTEGER
    CHECK ((series IS NULL) = (series_seq IS NULL) AND (series_seq IS NULL OR series_seq > 0));

CREATE UNIQUE INDEX paper_series_number ON paper (commission_id, series, series_seq)
WHERE series IS NOT NULL;

CREATE TRIGGER paper_series_fixed BEFORE UPDATE ON paper
WHEN NEW.series IS NOT OLD.series OR NEW.series_seq IS NOT OLD.series_seq
BEGIN SELECT RAISE(ABORT, 'paper_never_deleted'); END;
