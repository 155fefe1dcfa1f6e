// The one module that talks to the Rust side. Every command of the IPC contract has one small
// typed function here; argument objects are passed to `invoke` exactly as the contract names
// them (camelCase keys; Tauri converts them to the Rust snake_case parameters).
//
// A rejected invoke always becomes an `AppError` ({ code, params, message: { kk, ru } });
// anything that is not one (a string, a JS exception, no Tauri at all) becomes code `unexpected`.

import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import { getCurrentWebview } from '@tauri-apps/api/webview';
import type {
  AppError,
  AppInfo,
  Backup,
  ColumnMapping,
  Commission,
  DecisionRequest,
  DecisionView,
  DeferralChoice,
  DemoSummary,
  Eligibility,
  FilePurpose,
  GraduateDetail,
  GraduatePage,
  GraduateQuery,
  GraduateRow,
  GroundChoice,
  ImportPreview,
  ImportReport,
  Lang,
  Meeting,
  PapersResult,
  PeriodKind,
  PlacementStats,
  ProgrammeOption,
  Role,
  Rule,
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
      kk: `Күтпеген қате: ${detail}`,
      ru: `Непредвиденная ошибка: ${detail}`,
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
export const loadDemo = () => call<DemoSummary>('load_demo');
export const university = () => call<University>('university');
export const saveUniversity = (args: { university: University }) =>
  call<University>('save_university', args);
export const commission = (args: { year: number }) => call<Commission | null>('commission', args);
export const createCommission = (args: { year: number; name: Text }) =>
  call<Commission>('create_commission', args);
export const addMember = (args: {
  commissionId: number;
  role: Role;
  fullName: string;
  position: string | null;
}) => call<Commission>('add_member', args);
export const rules = (args: { cohort: number }) => call<Rule[]>('rules', args);
export const saveRules = (args: { cohort: number; rules: Rule[] }) => call<Rule[]>('save_rules', args);
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
export type PreviewArgs = { path: string; year: number | null; mapping: ColumnMapping | null };
export type ImportArgs = PreviewArgs & { task: string };
export const previewGraduates = (args: PreviewArgs) => call<ImportPreview>('preview_graduates', args);
export const importGraduates = (args: ImportArgs) => call<ImportReport>('import_graduates', args);

// ---- Vacancies ------------------------------------------------------------------------------
export const vacancies = (args: { year: number }) => call<Vacancy[]>('vacancies', args);
export const previewVacancies = (args: PreviewArgs) => call<ImportPreview>('preview_vacancies', args);
export const importVacancies = (args: ImportArgs) => call<ImportReport>('import_vacancies', args);
export const addVacancy = (args: { record: VacancyRecord }) => call<Vacancy>('add_vacancy', args);

// ---- Meeting --------------------------------------------------------------------------------
export const meetings = (args: { year: number }) => call<Meeting[]>('meetings', args);
export const createMeeting = (args: {
  year: number;
  heldOn: string;
  place: string | null;
  present: number[];
}) => call<Meeting>('create_meeting', args);
export const finaliseMeeting = (args: { meetingId: number }) => call<Meeting>('finalise_meeting', args);
export const undecided = (args: { year: number }) => call<GraduateRow[]>('undecided', args);
export const eligibility = (args: { graduateId: number }) => call<Eligibility>('eligibility', args);
export const decide = (args: { request: DecisionRequest }) => call<DecisionView>('decide', args);
export const exemptionGrounds = () => call<GroundChoice[]>('exemption_grounds');
export const deferralReasons = () => call<DeferralChoice[]>('deferral_reasons');
export const suggest = (args: { year: number }) => call<Suggestion[]>('suggest', args);
export const acceptSuggestions = (args: { meetingId: number; task: string }) =>
  call<number>('accept_suggestions', args);

// ---- Papers ---------------------------------------------------------------------------------
export const printPapers = (args: { meetingId: number; lang: Lang; combined: boolean; task: string }) =>
  call<PapersResult>('print_papers', args);
export const printProtocol = (args: { meetingId: number; lang: Lang }) =>
  call<string>('print_protocol', args);

// ---- Follow-up (each returns the refreshed GraduateDetail) -----------------------------------
export const confirmArrival = (args: {
  graduateId: number;
  date: string;
  confirmedBy: string;
  note: string | null;
}) => call<GraduateDetail>('confirm_arrival', args);
export const addPeriod = (args: {
  graduateId: number;
  kind: PeriodKind;
  employerName: string | null;
  employerBin: string | null;
  from: string;
  to: string | null;
  note: string | null;
}) => call<GraduateDetail>('add_period', args);
export const endPeriod = (args: { graduateId: number; periodId: number; to: string }) =>
  call<GraduateDetail>('end_period', args);
export const removePeriod = (args: { graduateId: number; periodId: number }) =>
  call<GraduateDetail>('remove_period', args);
export const setStudyCost = (args: { graduateId: number; amount: number; basis: string | null }) =>
  call<GraduateDetail>('set_study_cost', args);
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
