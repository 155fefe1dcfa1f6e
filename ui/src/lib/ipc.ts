// The one module that talks to the Rust side. Every command of the IPC contract has one small
// typed function here; argument objects are passed to `invoke` exactly as the contract names
// them (camelCase keys; Tauri converts them to the Rust snake_case parameters).
//
// A rejected invoke always becomes an `AppError` ({ code, params, message: { kk, ru } });
// anything that is not one (a string, a JS exception, no Tauri at all) becomes code `unexpected`.

import { invoke } from '@tauri-apps/api/core';
import { translate } from './i18n';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import { getCurrentWebview } from '@tauri-apps/api/webview';
import type {
  QueuePlace,
  AppError,
  AppInfo,
  ApplicationRequest,
  ApplicationView,
  ArrivalRequest,
  Backup,
  MovedIn,
  NewPerson,
  ServerPerson,
  ServerRequest,
  ServerRole,
  ServerStatus,
  CentreGroupRequest,
  CheckReport,
  Checked,
  CohortSettings,
  ColumnMapping,
  Commission,
  CommissionCopy,
  CommissionRequest,
  DecisionRequest,
  DecisionView,
  DeferralChoice,
  DemoSummary,
  Eligibility,
  EndChoice,
  EndRequest,
  Explanation,
  FileNames,
  FilePurpose,
  GrantYearsRequest,
  GraduateDetail,
  GraduatePage,
  GraduateQuery,
  GroundChoice,
  ImportPreview,
  ImportReport,
  Lang,
  Meeting,
  MeetingDefaults,
  MeetingRequest,
  MemberEdit,
  MemberRequest,
  Mode,
  PapersResult,
  PaymentRequest,
  PeriodEndRequest,
  PeriodRequest,
  PlacementStats,
  Priority,
  ProgrammeOption,
  QueueRow,
  RefusalRequest,
  Rule,
  SignRequest,
  SignedPaper,
  Simulation,
  StudyCostRequest,
  Suggestion,
  TaskProgress,
  Text,
  University,
  Vacancy,
  VacancyRecord,
  Written,
} from './types';

export type { AppError, TaskProgress };

function isText(v: unknown): v is Text {
  return (
    typeof v === 'object' && v !== null &&
    typeof (v as Text).kk === 'string' && typeof (v as Text).ru === 'string'
  );
}

/** Whatever a command rejected with, as an `AppError`. */
export function toAppError(e: unknown): AppError {
  if (typeof e === 'object' && e !== null && typeof (e as AppError).code === 'string') {
    const raw = e as Partial<AppError>;
    const params =
      typeof raw.params === 'object' && raw.params !== null ? (raw.params as AppError['params']) : {};
    if (isText(raw.message)) return { code: raw.code as string, params, message: raw.message };
  }
  const detail =
    typeof e === 'string' ? e : e instanceof Error ? e.message : (() => {
      try {
        return JSON.stringify(e);
      } catch {
        return String(e);
      }
    })();
  return {
    code: 'unexpected',
    params: { detail },
    message: {
      kk: translate('kk', 'errors.unexpected', { detail }),
      ru: translate('ru', 'errors.unexpected', { detail }),
    },
  };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toAppError(e);
  }
}

// ---- App / settings -------------------------------------------------------------------------
export const appInfo = () => call<AppInfo>('app_info');
/** The name of the person at this desk (null until given): every change is recorded under it. */
export const deskPerson = () => call<string | null>('desk_person');
export const setDeskPerson = (args: { name: string }) => call<string>('set_desk_person', args);
/** The register's check (seals against rows, the chain, the database's own checks). */
export const checkRegister = () => call<CheckReport>('check_register');
/** Builds this year's demo; null when that year already has data (nothing was changed). */
export const serverStatus = (args: { request: ServerRequest }) => call<ServerStatus>('server_status', args);
export const serverMoveIn = (args: { request: ServerRequest }) => call<MovedIn>('server_move_in', args);
export const serverAddPerson = (args: { request: ServerRequest; person: NewPerson }) =>
  call<ServerPerson>('server_add_person', args);
export const serverSetRole = (args: { request: ServerRequest; name: string; role: ServerRole }) =>
  call<ServerPerson>('server_set_role', args);
export const serverRemovePerson = (args: { request: ServerRequest; name: string }) => call<null>('server_remove_person', args);
/** The window works on the server's register from now on (and follows its changes). */
export const serverUse = (args: { request: ServerRequest }) => call<AppInfo>('server_use', args);
/** Back to the desk's own file. */
export const serverLeave = () => call<AppInfo>('server_leave');
export const loadDemo = () => call<DemoSummary | null>('load_demo');
export const university = () => call<University>('university');
export const saveUniversity = (args: { university: University }) =>
  call<University>('save_university', args);
// When the UI's script began to run, in epoch milliseconds (the app's clock).
const scriptStarted = Date.now();
let painted = false;
/**
 * Tells the app, once, that the first table of real content is on screen: the app writes the
 * start's figures to its log (`scripts/bench-window` reads them). Two animation frames: the
 * second begins after the frame with the table has been painted.
 */
export function markFirstPaint() {
  if (painted || typeof requestAnimationFrame !== 'function') return;
  painted = true;
  const data = Date.now();
  const page = performance.timeOrigin;
  requestAnimationFrame(() =>
    requestAnimationFrame(() => void invoke('first_paint', { page, script: scriptStarted, data }).catch(() => {})),
  );
}

export const commission = (args: { year: number }) => call<Commission | null>('commission', args);
/** The cohort's commission; with no name, the law's. */
export const createCommission = (args: { request: CommissionRequest }) =>
  call<Commission>('create_commission', args);
/** A member of the cohort's commission (by year). */
export const addMember = (args: { request: MemberRequest }) => call<Commission>('add_member', args);
/** A member's role, name or position changed, while no finalised protocol names them. */
export const editMember = (args: { request: MemberEdit }) => call<Commission>('edit_member', args);
/** A member removed, while no finalised protocol names them. */
export const removeMember = (args: { memberId: number }) => call<Commission>('remove_member', args);
/** A cohort's commission and members copied to another cohort. */
export const copyCommission = (args: { request: CommissionCopy }) => call<Commission>('copy_commission', args);
export const rules = (args: { cohort: number }) => call<Rule[]>('rules', args);
export const saveRules = (args: { cohort: number; rules: Rule[] }) => call<Rule[]>('save_rules', args);
export const cohortSettings = (args: { cohort: number }) => call<CohortSettings>('cohort_settings', args);
export const saveCohortSettings = (args: { cohort: number; settings: CohortSettings }) =>
  call<CohortSettings>('save_cohort_settings', args);
export const backupNow = () => call<Backup>('backup_now');
export const backups = () => call<Backup[]>('backups');
/** Restores a backup; answers with the copy kept of what was there before. */
export const restoreBackup = (args: { path: string }) => call<Backup>('restore_backup', args);

// ---- Files ----------------------------------------------------------------------------------
export const pickFile = (args: { purpose: FilePurpose }) => call<string | null>('pick_file', args);
export const pickSave = (args: { defaultName: string }) => call<string | null>('pick_save', args);
export const openPath = (args: { path: string }) => call<void>('open_path', args);

// ---- Graduates ------------------------------------------------------------------------------
export const graduatesPage = (args: { query: GraduateQuery }) => call<GraduatePage>('graduates_page', args);
export const programmes = (args: { year: number | null }) => call<ProgrammeOption[]>('programmes', args);
export const graduateDetail = (args: { graduateId: number }) =>
  call<GraduateDetail>('graduate_detail', args);
/** `sheet`: the sheet to read, by name (null: the one that holds the list). */
export type PreviewArgs = { path: string; year: number | null; sheet: string | null; mapping: ColumnMapping | null };
export type ImportArgs = PreviewArgs & { task: string };
export const previewGraduates = (args: PreviewArgs) => call<ImportPreview>('preview_graduates', args);
export const importGraduates = (args: ImportArgs) => call<ImportReport>('import_graduates', args);
/** The applications list of the cohort `year` (graduates' wishes). */
export const previewApplications = (args: PreviewArgs) => call<ImportPreview>('preview_applications', args);
export const importApplications = (args: ImportArgs) => call<ImportReport>('import_applications', args);

// ---- Vacancies ------------------------------------------------------------------------------
export const vacancies = (args: { year: number }) => call<Vacancy[]>('vacancies', args);
export const previewVacancies = (args: PreviewArgs) => call<ImportPreview>('preview_vacancies', args);
export const importVacancies = (args: ImportArgs) => call<ImportReport>('import_vacancies', args);
export const addVacancy = (args: { record: VacancyRecord }) => call<Vacancy>('add_vacancy', args);

// ---- Meeting --------------------------------------------------------------------------------
export const meetings = (args: { year: number }) => call<Meeting[]>('meetings', args);
export const createMeeting = (args: { request: MeetingRequest }) => call<Meeting>('create_meeting', args);
/** What a decision at the meeting takes by default (a referral's arrival date). */
export const meetingDefaults = (args: { meetingId: number }) =>
  call<MeetingDefaults>('meeting_defaults', args);
export const finaliseMeeting = (args: { meetingId: number }) => call<Meeting>('finalise_meeting', args);
/** The meeting's queue: undecided graduates (covered or not) and those back from a deferral. */
export const undecided = (args: { year: number }) => call<QueueRow[]>('undecided', args);
export const eligibility = (args: { graduateId: number }) => call<Eligibility>('eligibility', args);
export const decide = (args: { request: DecisionRequest }) => call<DecisionView>('decide', args);
export const exemptionGrounds = () => call<GroundChoice[]>('exemption_grounds');
export const deferralReasons = () => call<DeferralChoice[]>('deferral_reasons');
export const endGrounds = () => call<EndChoice[]>('end_grounds');
export const referToCentre = (args: { request: CentreGroupRequest }) =>
  call<DecisionView[]>('refer_to_centre', args);

// ---- Matching -------------------------------------------------------------------------------
export const suggest = (args: { year: number; mode: Mode }) => call<Suggestion[]>('suggest', args);
/** Both modes over the cohort, with their figures side by side; changes nothing. */
export const simulate = (args: { year: number }) => call<Simulation>('simulate', args);
/** Why a graduate awaiting a decision gets what `mode` gives them. */
export const explain = (args: { graduateId: number; mode: Mode }) => call<Explanation>('explain', args);
/** A graduate's place in their cohort's order (null once decided); no matching runs. */
export const standing = (args: { graduateId: number }) => call<QueuePlace | null>('standing', args);
/** `picks`: the reviewed rows kept, as [graduate, vacancy]. */
export const acceptSuggestions = (args: { meetingId: number; mode: Mode; arrival: string | null; picks: [number, number][]; task: string }) =>
  call<number>('accept_suggestions', args);
export const application = (args: { graduateId: number }) => call<ApplicationView>('application', args);
export const setApplication = (args: { request: ApplicationRequest }) =>
  call<ApplicationView>('set_application', args);
/** An employer refuses a candidate for a vacancy; `reason: null` withdraws the refusal. */
export const setUnacceptable = (args: { request: RefusalRequest }) => call<void>('set_unacceptable', args);
export const priority = (args: { cohort: number }) => call<Priority>('priority', args);
export const savePriority = (args: { cohort: number; priority: Priority }) => call<Priority>('save_priority', args);
/** An order in words as the core says it (the editor's preview). */
export const describePriority = (args: { priority: Priority }) => call<Text>('describe_priority', args);
/** The draft distribution in `mode` (PDF, or its list as .xlsx) beside the database; its path. */
export const printDraft = (args: { year: number; mode: Mode; lang: Lang; xlsx: boolean }) =>
  call<string>('print_draft', args);

// ---- Papers ---------------------------------------------------------------------------------
/** `fileNames`: what each paper's own file is named by (a combined PDF has one name). */
export const printPapers = (args: {
  meetingId: number;
  lang: Lang;
  combined: boolean;
  fileNames: FileNames;
  task: string;
}) => call<PapersResult>('print_papers', args);
export const printProtocol = (args: { meetingId: number; lang: Lang }) =>
  call<string>('print_protocol', args);
/** The year's register of issued papers (PDF, or .xlsx when `xlsx`) beside the database; its path. */
export const printRegister = (args: { year: number; lang: Lang; xlsx: boolean }) =>
  call<string>('print_register', args);
/** The obligation's calculation sheet on today's date (PDF beside the database); its path. */
export const printCalculation = (args: { graduateId: number; lang: Lang }) =>
  call<string>('print_calculation', args);
/** Signs a PDF with a member's .p12 key; the password goes no further than the signing. */
export const signPaper = (args: { request: SignRequest }) => call<SignedPaper>('sign_paper', args);
/** Checks a paper from its QR code's text, or from a PNG scan of it, against the register. */
export const verifyPaper = (args: { text: string | null; image: string | null }) =>
  call<Checked>('verify_paper', args);

// ---- Follow-up (each returns the refreshed GraduateDetail) -----------------------------------
/** Also opens the period at the referred employer (or the centre) from that day. */
export const confirmArrival = (args: { request: ArrivalRequest }) =>
  call<GraduateDetail>('confirm_arrival', args);
export const addPeriod = (args: { request: PeriodRequest }) => call<GraduateDetail>('add_period', args);
export const endPeriod = (args: { request: PeriodEndRequest }) => call<GraduateDetail>('end_period', args);
export const removePeriod = (args: { periodId: number }) => call<GraduateDetail>('remove_period', args);
export const setStudyCost = (args: { request: StudyCostRequest }) =>
  call<GraduateDetail>('set_study_cost', args);
export const setGrantYears = (args: { request: GrantYearsRequest }) =>
  call<GraduateDetail>('set_grant_years', args);
export const recordPayment = (args: { request: PaymentRequest }) =>
  call<GraduateDetail>('record_payment', args);
export const removePayment = (args: { paymentId: number }) => call<GraduateDetail>('remove_payment', args);
/** Records the end on another ground, or withdraws it (`end: null`). */
export const recordEnd = (args: { request: EndRequest }) => call<GraduateDetail>('record_end', args);
export const exportFinancialCentre = (args: { year: number; lang: Lang; path: string }) =>
  call<Written>('export_financial_centre', args);

// ---- Statistics -----------------------------------------------------------------------------
export const placementStats = (args: { year: number }) => call<PlacementStats>('placement_stats', args);
export const exportStats = (args: { year: number; lang: Lang; path: string }) =>
  call<Written>('export_stats', args);

// ---- Tasks ----------------------------------------------------------------------------------
export const cancelTask = (args: { task: string }) => call<void>('cancel_task', args);

/** Progress of long commands (`task-progress`). Resolves to the function that stops listening. */
export async function onTaskProgress(handler: (p: TaskProgress) => void): Promise<UnlistenFn> {
  try {
    return await listen<TaskProgress>('task-progress', (event) => handler(event.payload));
  } catch {
    return () => {};
  }
}

/** A change another desk committed to the server's register (`register-changed`). */
export async function onRegisterChanged(handler: () => void): Promise<UnlistenFn> {
  try {
    return await listen('register-changed', () => handler());
  } catch {
    return () => {};
  }
}

export type DropEvent = { type: 'enter' | 'over' | 'leave' } | { type: 'drop'; paths: string[] };

/** Files dropped onto the window (`tauri://drag-drop`): Tauri hands over their full paths. */
export async function onFileDrop(handler: (e: DropEvent) => void): Promise<UnlistenFn> {
  try {
    return await getCurrentWebview().onDragDropEvent((event) => {
      const p = event.payload;
      if (p.type === 'drop') handler({ type: 'drop', paths: p.paths });
      else if (p.type === 'enter') handler({ type: 'enter' });
      else if (p.type === 'over') handler({ type: 'over' });
      else handler({ type: 'leave' });
    });
  } catch {
    return () => {};
  }
}
