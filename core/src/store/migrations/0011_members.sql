-- 0011 members edited and removed: a member a finalised protocol names as present never changes
-- and is never removed, whatever writes to the file.

CREATE TRIGGER member_update_sealed BEFORE UPDATE ON commission_member
WHEN EXISTS (SELECT 1 FROM meeting_attendance a JOIN meeting m ON m.id = a.meeting_id
             WHERE a.member_id = OLD.id AND m.finalised_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'meeting_finalised'); END;

CREATE TRIGGER member_delete_sealed BEFORE DELETE ON commission_member
WHEN EXISTS (SELECT 1 FROM meeting_attendance a JOIN meeting m ON m.id = a.meeting_id
             WHERE a.member_id = OLD.id AND m.finalised_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'meeting_finalised'); END;
