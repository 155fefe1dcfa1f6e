// The UI's types are the Rust types: this file only re-exports the declarations ts-rs generates
// from core/ and src-tauri/ into ui/src/bindings/*.ts (never edit those by hand; i64/u64 come out
// as `number`, see TS_RS_LARGE_INT in .cargo/config.toml). After changing a Rust type that
// crosses IPC, regenerate them with
//
//     cargo test --workspace --features joldama-app/ts export_bindings
//
// and let `npm run check` show what the UI must follow. Every module imports its types from
// here, never from ../bindings directly, so a renamed binding is one line to change. Only
// UI-only names (no Rust twin) are declared here, each with why it stays.

// ---- Basics, classifiers --------------------------------------------------------------------
export type { Lang } from '../bindings/Lang';
export type { Text } from '../bindings/Text';
export type { Iin } from '../bindings/Iin';
export type { Bin } from '../bindings/Bin';
export type { Region } from '../bindings/Region';
export type { Funding } from '../bindings/Funding';
export type { Level } from '../bindings/Level';
export type { Field } from '../bindings/Field';
export type { OrgKind } from '../bindings/OrgKind';
export type { Ownership } from '../bindings/Ownership';
export type { Sex } from '../bindings/Sex';
export type { Role } from '../bindings/Role';
export type { DecisionStatus } from '../bindings/DecisionStatus';
export type { ExemptionGround } from '../bindings/ExemptionGround';
export type { ProofDocument } from '../bindings/ProofDocument';
export type { DeferralReason } from '../bindings/DeferralReason';
export type { PeriodKind } from '../bindings/PeriodKind';
/** Where a graduate's obligation stands (not the commission's `DecisionStatus`). */
export type { State as ObligationState } from '../bindings/State';
export type { CostScope } from '../bindings/CostScope';
export type { EndGround } from '../bindings/EndGround';
export type { Source as GrantSource } from '../bindings/Source';
export type { PaperSeries } from '../bindings/PaperSeries';
/** Study years to a tenth (2.5), as a plain number. */
export type { Years } from '../bindings/Years';

// ---- App, settings, files, tasks ------------------------------------------------------------
export type { AppInfo } from '../bindings/AppInfo';
export type { AppError } from '../bindings/AppError';
export type { Progress } from '../bindings/Progress';
// `{ task } & Progress` on the Rust side (serde flatten); ts-rs inlines it as one object.
export type { TaskProgress } from '../bindings/TaskProgress';
export type { Purpose as FilePurpose } from '../bindings/Purpose';
export type { University } from '../bindings/University';
export type { Member } from '../bindings/Member';
export type { Commission } from '../bindings/Commission';
export type { Backup } from '../bindings/Backup';
export type { ServerRequest } from '../bindings/ServerRequest';
export type { ServerStatus } from '../bindings/ServerStatus';
export type { ServerRole } from '../bindings/ServerRole';
export type { ServerSeat } from '../bindings/ServerSeat';
export type { ServerPerson } from '../bindings/ServerPerson';
export type { NewPerson } from '../bindings/NewPerson';
export type { MovedIn } from '../bindings/MovedIn';
export type { TableMoved } from '../bindings/TableMoved';
export type { DemoSummary } from '../bindings/DemoSummary';
export type { CommissionCopy } from '../bindings/CommissionCopy';
export type { CommissionRequest } from '../bindings/CommissionRequest';
export type { MemberEdit } from '../bindings/MemberEdit';
export type { MemberRequest } from '../bindings/MemberRequest';
/** The register's check at start: what it looked at, and what differs from the seals. */
export type { CheckReport } from '../bindings/CheckReport';

// ---- Rules ----------------------------------------------------------------------------------
export type { Selection } from '../bindings/Selection';
export type { Area } from '../bindings/Area';
export type { Rule } from '../bindings/Rule';
/** What the rules table says about one graduate: the covering row, or none. */
export type { Coverage } from '../bindings/Coverage';
export type { Covered } from '../bindings/Covered';
export type { NotCovered } from '../bindings/NotCovered';
export type { CohortSettings } from '../bindings/CohortSettings';
export type { ArrivalDay } from '../bindings/ArrivalDay';
export type { NormativeYears } from '../bindings/NormativeYears';

// ---- Graduates ------------------------------------------------------------------------------
export type { GraduateQuery } from '../bindings/GraduateQuery';
export type { GraduateRow } from '../bindings/GraduateRow';
export type { GraduatePage } from '../bindings/GraduatePage';
export type { ProgrammeOption } from '../bindings/ProgrammeOption';
export type { Graduate } from '../bindings/Graduate';
export type { GraduateRecord } from '../bindings/GraduateRecord';
export type { GraduateDetail } from '../bindings/GraduateDetail';
export type { HistoryEntry } from '../bindings/HistoryEntry';

// ---- Decisions, meetings --------------------------------------------------------------------
export type { ProofFile } from '../bindings/ProofFile';
/** The commission's decision (not the statistics' `PlacementOutcome`). */
export type { Outcome } from '../bindings/Outcome';
export type { Decision } from '../bindings/Decision';
export type { DecisionView } from '../bindings/DecisionView';
export type { DecisionRequest } from '../bindings/DecisionRequest';
export type { CentreGroupRequest } from '../bindings/CentreGroupRequest';
export type { Finalised } from '../bindings/Finalised';
export type { Meeting } from '../bindings/Meeting';
export type { MeetingRequest } from '../bindings/MeetingRequest';
export type { MeetingDefaults } from '../bindings/MeetingDefaults';
/** A graduate waiting in the meeting's queue, with why. */
export type { QueueRow } from '../bindings/QueueRow';
export type { Reason } from '../bindings/Reason';
export type { Score } from '../bindings/Score';
export type { Weighed } from '../bindings/Weighed';
/** One field's old and new value (a queue row's `changed`, an import's `decided`). */
export type { FieldChange } from '../bindings/FieldChange';
export type { Eligibility } from '../bindings/Eligibility';
export type { DocumentChoice } from '../bindings/DocumentChoice';
export type { GroundChoice } from '../bindings/GroundChoice';
export type { DeferralChoice } from '../bindings/DeferralChoice';
export type { EndChoice } from '../bindings/EndChoice';
export type { PapersResult } from '../bindings/PapersResult';
export type { SignRequest } from '../bindings/SignRequest';
export type { SignedPaper } from '../bindings/SignedPaper';
export type { Checked } from '../bindings/Checked';
export type { Claim } from '../bindings/Claim';
/** What a paper's own file is named by: its number only, or the number and the name. */
export type { FileNames } from '../bindings/FileNames';

// ---- Matching -------------------------------------------------------------------------------
export type { Wish } from '../bindings/Wish';
/** A graduate's application: wishes, most wanted first, and the day it was handed in. */
export type { Application } from '../bindings/Application';
export type { ApplicationRequest } from '../bindings/ApplicationRequest';
export type { ApplicationView } from '../bindings/ApplicationView';
/** A wish with what the rules say of it (how many vacancies allowed, or why none). */
export type { WishView } from '../bindings/WishView';
export type { RefusalRequest } from '../bindings/RefusalRequest';
export type { Mode } from '../bindings/Mode';
export type { Criterion } from '../bindings/Criterion';
export type { TieBreak } from '../bindings/TieBreak';
export type { SocialGround } from '../bindings/SocialGround';
/** The commission's order of graduates for a cohort. */
export type { Priority } from '../bindings/Priority';
export type { Decider } from '../bindings/Decider';
export type { Suggestion } from '../bindings/Suggestion';
/** Both modes over the cohort with their figures side by side. */
export type { Simulation } from '../bindings/Simulation';
export type { Figures } from '../bindings/Figures';
export type { Explanation } from '../bindings/Explanation';
/** A graduate's place in the commission's order (not a work period's `Place`). */
export type { QueuePlace } from '../bindings/QueuePlace';
export type { WishWhy } from '../bindings/WishWhy';
export type { VacancyWhy } from '../bindings/VacancyWhy';
export type { Why } from '../bindings/Why';

// ---- Follow-up ------------------------------------------------------------------------------
export type { Arrival } from '../bindings/Arrival';
export type { ArrivalRequest } from '../bindings/ArrivalRequest';
export type { Employer } from '../bindings/Employer';
export type { Activity } from '../bindings/Activity';
export type { Place } from '../bindings/Place';
export type { Span } from '../bindings/Span';
export type { Period } from '../bindings/Period';
export type { PeriodRequest } from '../bindings/PeriodRequest';
export type { PeriodEndRequest } from '../bindings/PeriodEndRequest';
export type { StudyCost } from '../bindings/StudyCost';
export type { StudyCostRequest } from '../bindings/StudyCostRequest';
export type { GrantShare } from '../bindings/GrantShare';
export type { GrantYears } from '../bindings/GrantYears';
export type { GrantYearsRequest } from '../bindings/GrantYearsRequest';
export type { Payment } from '../bindings/Payment';
export type { PaymentRequest } from '../bindings/PaymentRequest';
export type { ObligationEnd } from '../bindings/ObligationEnd';
export type { EndRequest } from '../bindings/EndRequest';
export type { FollowUp } from '../bindings/FollowUp';
export type { Term } from '../bindings/Term';
/** The obligation on one date (flattened into `ObligationView`). */
export type { Standing } from '../bindings/Standing';
export type { PeriodView } from '../bindings/PeriodView';
/** The obligation as the card shows it: the standing flattened, with what made it. */
export type { ObligationView } from '../bindings/ObligationView';
export type { Written } from '../bindings/Written';

// ---- Import ---------------------------------------------------------------------------------
export type { Problem } from '../bindings/Problem';
/** The rows an imported list was read as (not the statistics' `PlacementTally`). */
export type { Tally } from '../bindings/Tally';
export type { HeaderCell } from '../bindings/HeaderCell';
export type { FieldOption } from '../bindings/FieldOption';
export type { ImportPreview } from '../bindings/ImportPreview';
export type { MappedColumn } from '../bindings/MappedColumn';
export type { ColumnMapping } from '../bindings/ColumnMapping';
export type { ImportReport } from '../bindings/ImportReport';
export type { ApplyCounts } from '../bindings/ApplyCounts';
/** A decided record an imported list changed, with how. */
export type { DecidedChange } from '../bindings/DecidedChange';

// ---- Vacancies ------------------------------------------------------------------------------
export type { EmployerRecord } from '../bindings/EmployerRecord';
export type { VacancyRecord } from '../bindings/VacancyRecord';
export type { Vacancy } from '../bindings/Vacancy';

// ---- Statistics -----------------------------------------------------------------------------
export type { Programme } from '../bindings/Programme';
export type { PlacementOutcome } from '../bindings/PlacementOutcome';
export type { PlacementTally } from '../bindings/PlacementTally';
export type { PlacementStats } from '../bindings/PlacementStats';
