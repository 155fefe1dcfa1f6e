-- 0008 the obligation's life: what the state machine of `obligation` reads beyond 0004.
-- - decision.centre_reason: the commission's written reason for a centre referral while an
--   allowed vacancy had a place (`confirmed_warning` = 1); older such rows have none and are
--   flagged for review by the code; decision.arrival_deadline: a referral's deadline;
-- - followup_period's place (org_kind, region, rural): where the work is, which the rules
--   check; filled here for work at the employer the graduate was referred to;
-- - study_cost.scope: what the amount covers (the grant's years, or the whole programme);
-- - grant_years: years on the grant against the programme's normative years (tenths);
-- - refund_payment, obligation_end: payments of the refund, and an end on another ground;
-- - cohort_settings: each cohort's arrival day, deadline, normative years (as rule_set);
-- - rule_set: «organisations of education» include universities (an ОВПО is one, art. 47
--   p. 17): rows allowing only `education` now allow `university` too, audited.

ALTER TABLE decision ADD COLUMN centre_reason TEXT;
-- A referral's deadline to arrive, fixed when decided (with `arrival_date`, which a centre
-- referral now keeps too, as its registration date); NULL in older rows.
ALTER TABLE decision ADD COLUMN arrival_deadline TEXT
    CHECK (arrival_deadline IS NULL OR arrival_deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');

ALTER TABLE followup_period ADD COLUMN org_kind TEXT CHECK (org_kind IS NULL OR (
    org_kind = 'education' OR org_kind = 'health' OR org_kind = 'veterinary' OR
    org_kind = 'state_vet_body' OR org_kind = 'agrarian' OR org_kind = 'science' OR
    org_kind = 'university' OR org_kind = 'other'));
ALTER TABLE followup_period ADD COLUMN region TEXT CHECK (region IS NULL OR (
    region = 'abai' OR region = 'akmola' OR region = 'aktobe' OR region = 'almaty_region' OR
    region = 'atyrau' OR region = 'west_kazakhstan' OR region = 'zhambyl' OR
    region = 'jetisu' OR region = 'karaganda' OR region = 'kostanay' OR
    region = 'kyzylorda' OR region = 'mangystau' OR region = 'pavlodar' OR
    region = 'north_kazakhstan' OR region = 'turkistan' OR region = 'ulytau' OR
    region = 'east_kazakhstan' OR region = 'astana' OR region = 'almaty_city' OR
    region = 'shymkent'));
ALTER TABLE followup_period ADD COLUMN rural INTEGER CHECK (rural IS NULL OR rural IN (0, 1));

-- Work at the employer of one of the graduate's referrals was at that vacancy's place.
UPDATE followup_period SET (org_kind, region, rural) = (
    SELECT e.kind, v.region, v.rural
    FROM decision d JOIN vacancy v ON v.id = d.vacancy_id JOIN employer e ON e.id = v.employer_id
    WHERE d.graduate_id = followup_period.graduate_id AND v.employer_id = followup_period.employer_id
    ORDER BY d.id DESC LIMIT 1)
WHERE kind = 'work' AND employer_id IS NOT NULL;

ALTER TABLE study_cost ADD COLUMN scope TEXT NOT NULL DEFAULT 'grant_years'
    CHECK (scope = 'grant_years' OR scope = 'whole_programme');

CREATE TABLE grant_years (
    graduate_id INTEGER PRIMARY KEY REFERENCES graduate (id),
    -- Tenths of a year: 25 is 2,5 years.
    on_grant    INTEGER NOT NULL CHECK (on_grant BETWEEN 1 AND 150),
    normative   INTEGER CHECK (normative IS NULL OR normative BETWEEN on_grant AND 150),
    source      TEXT NOT NULL CHECK (source = 'list' OR source = 'card'),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE refund_payment (
    id          INTEGER PRIMARY KEY,
    graduate_id INTEGER NOT NULL REFERENCES graduate (id),
    paid_on     TEXT NOT NULL CHECK (paid_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    -- Tenge.
    amount      INTEGER NOT NULL CHECK (amount > 0),
    document    TEXT NOT NULL CHECK (length(trim(document)) > 0),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
);
CREATE INDEX refund_payment_graduate ON refund_payment (graduate_id, paid_on);

CREATE TABLE obligation_end (
    graduate_id INTEGER PRIMARY KEY REFERENCES graduate (id),
    ground      TEXT NOT NULL CHECK (
        ground = 'death' OR ground = 'disability_during_term' OR ground = 'other_legal_ground'),
    ended_on    TEXT NOT NULL CHECK (ended_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    document    TEXT NOT NULL CHECK (length(trim(document)) > 0),
    note        TEXT,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
);

CREATE TABLE cohort_settings (
    cohort     INTEGER PRIMARY KEY,
    settings   TEXT NOT NULL CHECK (json_valid(settings) AND json_type(settings) = 'object'),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);

INSERT INTO audit (at, actor, action, entity, entity_id, details)
SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'joldama', 'update', 'rule_set', cohort,
       json_object('migration', 8, 'old', json(rows),
                   'why', 'organisations of education include universities (art. 47 p. 17)')
FROM rule_set
WHERE EXISTS (SELECT 1 FROM json_each(rule_set.rows) r
              WHERE json_extract(r.value, '$.kinds') = '{"only":["education"]}');

UPDATE rule_set SET
    rows = (SELECT json_group_array(
                CASE WHEN json_extract(r.value, '$.kinds') = '{"only":["education"]}'
                     THEN json_set(r.value, '$.kinds', json('{"only":["education","university"]}'))
                     ELSE json(r.value) END)
            FROM json_each(rule_set.rows) r),
    updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
    updated_by = 'joldama'
WHERE EXISTS (SELECT 1 FROM json_each(rule_set.rows) r
              WHERE json_extract(r.value, '$.kinds') = '{"only":["education"]}');
