// TEMPORARY, until the ts-rs bindings exist (ui/src/bindings/*.ts were not generated while the
// UI was written). These are the shapes of /tmp/contract.md as corrected by the Rust sources
// at the time (core/src/**, src-tauri/src/commands/*.rs): e.g. ImportPreview has no top-level
// header_row (it is tally.header_row), the exemption grounds carry `proof_groups`, `suggest`
// answers core's `Suggestion`, `restore_backup` answers a `Backup`, the obligation verdict is
// tagged by `status`. Every module imports its types from here, so switching to the generated
// declarations is a change of this file only: `export type { Graduate } from '../bindings/Graduate'`…
// (if ts-rs emits `bigint` for i64/u64, set TS_RS_LARGE_INT = "number" in .cargo/config.toml).

export type Lang = 'kk' | 'ru';
export type Text = { kk: string; ru: string };

export type Region =
  | 'abai' | 'akmola' | 'aktobe' | 'almaty_region' | 'atyrau' | 'west_kazakhstan' | 'zhambyl'
  | 'jetisu' | 'karaganda' | 'kostanay' | 'kyzylorda' | 'mangystau' | 'pavlodar'
  | 'north_kazakhstan' | 'turkistan' | 'ulytau' | 'east_kazakhstan' | 'astana' | 'almaty_city'
  | 'shymkent';
export type Funding = 'state_order' | 'rural_quota' | 'serpin' | 'phd';
export type Level = 'bachelor' | 'master' | 'residency' | 'doctorate';
export type Field = 'pedagogical' | 'medical' | 'veterinary' | 'agricultural' | 'technical' | 'other';
export type OrgKind =
  | 'education' | 'health' | 'veterinary' | 'state_vet_body' | 'agrarian' | 'science'
  | 'university' | 'other';
export type Ownership = 'state' | 'private';
export type Sex = 'male' | 'female';
export type Role = 'chair' | 'deputy' | 'secretary' | 'member';
export type DecisionStatus = 'undecided' | 'vacancy' | 'employment_centre' | 'exemption' | 'deferral';
export type ExemptionGround = 'spouse_locality' | 'disability' | 'further_study' | 'pregnancy_or_young_child';
export type ProofDocument =
  | 'marriage_certificate' | 'spouse_work_or_residence_certificate' | 'no_vacancy_letter'
  | 'disability_certificate' | 'admission_order' | 'medical_certificate' | 'child_birth_certificate';
export type DeferralReason = 'military_conscription' | 'military_enlistment';
export type PeriodKind = 'work' | 'centre' | 'deferral';
export type ObligationState = 'not_started' | 'in_progress' | 'deferred' | 'interrupted' | 'completed';

export type AppInfo = {
  version: string;
  db_path: string;
  data_dir: string;
  schema_version: number;
  years: number[];
  graduates: number;
  vacancies: number;
  meetings: number;
};

export type AppError = { code: string; params: Record<string, string>; message: Text };
/** `stage` is in the contract but not (yet) sent by the shell. */
export type TaskProgress = { task: string; done: number; total: number | null; stage?: string };

export type University = { name: Text; address: Text; letterhead: Text };
export type Member = { id: number; role: Role; full_name: string; position: string | null };
export type Commission = { id: number; year: number; name: Text; members: Member[] };

export type Selection<T> = 'any' | { only: T[] };
export type Area = 'anywhere' | 'rural_only' | { regions: Region[] };
export type Rule = {
  name: Text;
  funding: Funding;
  levels: Level[];
  fields: Selection<Field>;
  kinds: Selection<OrgKind>;
  area: Area;
  term_years: number;
};
export type Backup = { path: string; created_at: string; bytes: number };

export type GraduateQuery = {
  year: number | null;
  search: string;
  funding: Funding | null;
  level: Level | null;
  program_code: string | null;
  status: DecisionStatus | null;
  offset: number;
  limit: number;
};
export type GraduateRow = {
  id: number;
  iin: string;
  full_name: string;
  program_code: string;
  program_name: string;
  level: Level;
  funding: Funding;
  graduation_year: number;
  region: Region | null;
  status: DecisionStatus;
};
export type GraduatePage = { total: number; rows: GraduateRow[] };
export type ProgrammeOption = { code: string; name: string };

export type Graduate = {
  id: number;
  iin: string;
  surname: string;
  name: string;
  patronymic: string | null;
  birth_date: string;
  sex: Sex;
  level: Level;
  funding: Funding;
  field: Field;
  program_code: string;
  program_name: string;
  graduation_year: number;
  region: Region | null;
  phone: string | null;
  email: string | null;
};

export type Obligation =
  | { status: 'bound'; row: number; name: Text; funding: Funding; term_years: number }
  | { status: 'not_bound'; funding: Funding; level: Level; field: Field };

export type ProofFile = { document: ProofDocument; file: string };
export type Outcome =
  | { kind: 'vacancy'; vacancy_id: number; arrival_date: string }
  | { kind: 'employment_centre'; region: Region; confirmed: boolean }
  | { kind: 'exemption'; ground: ExemptionGround; proofs: ProofFile[] }
  | { kind: 'deferral'; reason: DeferralReason; from: string; to: string | null };
export type Decision = {
  id: number;
  meeting_id: number;
  meeting_number: number;
  graduate_id: number;
  outcome: Outcome;
  term_years: number | null;
  revises: number | null;
  revised_by: number | null;
  reason: string | null;
  created_at: string;
  created_by: string;
};
export type DecisionView = { decision: Decision; summary: Text };
export type DecisionRequest = {
  meeting_id: number;
  graduate_id: number;
  outcome: Outcome;
  revises: number | null;
  reason: string | null;
};

export type Arrival = { on: string; confirmed_by: string; note: string | null };
export type Employer =
  | { type: 'registered'; bin: string; name: string }
  | { type: 'unregistered'; name: string };
export type Activity =
  | { kind: 'work'; employer: Employer }
  | { kind: 'centre' }
  | { kind: 'deferral' };
export type Span = { from: string; to: string | null };
export type Period = { id: number; activity: Activity; span: Span; note: string | null };
export type StudyCost = { amount: number; basis: string | null };
export type FollowUp = { arrival: Arrival | null; periods: Period[]; study_cost: StudyCost | null };
export type ObligationStatus = {
  as_of: string;
  state: ObligationState;
  term_days: number;
  counted_days: number;
  deferred_days: number;
  remaining_days: number;
  ends_on: string | null;
  refund: number | null;
};
export type AuditEntry = {
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: number | null;
  details: unknown;
};
export type GraduateDetail = {
  graduate: Graduate;
  obligation: Obligation;
  decisions: DecisionView[];
  followup: FollowUp;
  term_years: number | null;
  status: ObligationStatus | null;
  /** Why there is no standing (exempted, not bound), in words. */
  no_status: Text | null;
  history: AuditEntry[];
};

export type Problem = {
  row: number;
  column: string | null;
  header: string | null;
  field: string | null;
  code: string;
  message: Text;
};
export type Tally = {
  header_row: number;
  data_rows: number;
  valid: number;
  problems: Problem[];
  skipped_rows: number[];
};
export type HeaderCell = { index: number; letter: string; text: string; field: string | null };
export type FieldOption = { code: string; label: Text; required: boolean };
export type ImportPreview = {
  file: string;
  sheet: string;
  headers: HeaderCell[];
  fields: FieldOption[];
  tally: Tally;
  records: number;
};
export type MappedColumn = { field: string; index: number };
export type ColumnMapping = { header_row: number; columns: MappedColumn[] };
export type ImportReport = {
  file: string;
  sheet: string;
  header_row: number;
  data_rows: number;
  valid: number;
  problems: Problem[];
  skipped_rows: number[];
  imported: number;
  updated: number;
  unchanged: number;
  dry_run: boolean;
};
export type DemoSummary = {
  reports: ImportReport[];
  meeting_id: number;
  referrals: number;
  papers: string[];
};

export type EmployerRecord = { bin: string; name: string; kind: OrgKind; ownership: Ownership | null };
export type VacancyRecord = {
  employer: EmployerRecord;
  year: number;
  position: string;
  program_codes: string[];
  places: number;
  region: Region;
  district: string | null;
  settlement: string | null;
  rural: boolean;
  contact_person: string | null;
  phone: string | null;
};
export type Vacancy = VacancyRecord & { id: number; places_left: number };

export type Finalised = { at: string; by: string };
export type Meeting = {
  id: number;
  commission_id: number;
  number: number;
  held_on: string;
  place: string | null;
  present: number[];
  finalised: Finalised | null;
};
export type Reason = { code: string; message: Text };
export type Score = { own_region: boolean; programme_named: boolean; places_left: number };
export type Weighed = { vacancy: Vacancy; score: Score; reasons: Reason[] };
export type Eligibility = {
  graduate: Graduate;
  obligation: Obligation;
  allowed: Weighed[];
  refused: Weighed[];
};
export type DocumentChoice = { document: ProofDocument; label: Text };
/** Every group of `proof_groups` is needed, one document of each. */
export type GroundChoice = { ground: ExemptionGround; label: Text; proof_groups: DocumentChoice[][] };
export type DeferralChoice = { reason: DeferralReason; label: Text };
export type Suggestion = {
  graduate_id: number;
  vacancy_id: number;
  wish: number | null;
  own_region: boolean;
  programme_named: boolean;
  cost: number;
};
export type PapersResult = { folder: string; files: string[] };
export type Written = { file: string; rows: number; exempted: number };

export type Programme = { code: string; name: string };
export type StatsTally = { counts: number[] };
export type PlacementStats = {
  by_programme: [Programme, StatsTally][];
  by_funding: [Funding, StatsTally][];
  by_region: [Region | null, StatsTally][];
  total: StatsTally;
};

export type FilePurpose = 'spreadsheet' | 'proof' | 'backup';
