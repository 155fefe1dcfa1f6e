// The app's shared state: the chosen year and screen, the last error, the toast, the running
// tasks with their progress, and a data version that screens watch to reload after changes;
// with the few ways screens load, save and open things that they all share.

import { untrack } from 'svelte';
import { get } from 'svelte/store';
import * as ipc from './ipc';
import { errorText, lang } from './i18n';
import { lastYear } from './prefs';
import type { AppError, AppInfo, Reason, TaskProgress } from './types';

export const SCREENS = [
  'graduates',
  'vacancies',
  'meeting',
  'papers',
  'followup',
  'stats',
  'settings',
] as const;
export type Screen = (typeof SCREENS)[number];

/** A running task as the task bar shows it: the shell's `TaskProgress` plus the UI's label and
 * cancel state. */
export type TaskView = TaskProgress & { label: string; cancelling: boolean };

class AppState {
  info = $state<AppInfo | null>(null);
  year = $state<number | null>(null);
  screen = $state<Screen>('graduates');
  error = $state<AppError | null>(null);
  toast = $state<string | null>(null);
  tasks = $state<Record<string, TaskView>>({});
  /**
   * Bumped after a change whose effects the screen cannot take from the command's answer alone
   * (imports, decisions, restore): what is shown reloads. A command that answers with the fresh
   * record (a member added, the rules saved, a follow-up entry) is applied as it is, without it.
   */
  version = $state(0);
  /** The last spreadsheet dropped onto the window (the import screens pick it up). */
  drop = $state<{ path: string; seq: number } | null>(null);
  /** Whether a file is being dragged over the window. */
  dragging = $state(false);
  /** What the register's check found (records changed outside the program); empty when it
   * holds, or when the check could not run. */
  findings = $state<Reason[]>([]);
}

export const app = new AppState();

let toastTimer: ReturnType<typeof setTimeout> | undefined;

/** Shows a short message at the bottom. */
export function notify(message: string, ms = 5000) {
  app.toast = message;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (app.toast = null), ms);
}

/** Counts the errors reported, so that a success knows whether one came after it started. */
let reported = 0;

/** Records a failed command for the error banner; a cancellation is only a toast. */
export function report(e: unknown) {
  const err = ipc.toAppError(e);
  if (err.code === 'cancelled' || err.code === 'papers_cancelled') {
    notify(errorText(get(lang), err));
    return;
  }
  reported += 1;
  app.error = err;
}

export function clearError() {
  app.error = null;
}

/**
 * Runs a command and reports its failure; resolves to undefined when it failed. Its success
 * clears the banner of an earlier failure (the corrected save went through), but not of one
 * reported while it ran: that one is newer than this success.
 */
export async function attempt<T>(run: () => Promise<T>): Promise<T | undefined> {
  const before = reported;
  try {
    const result = await run();
    if (reported === before) app.error = null;
    return result;
  } catch (e) {
    report(e);
    return undefined;
  }
}

export function changed() {
  app.version += 1;
}

/**
 * A screen's loading: runs `load` now and again whenever the year or the data change (what
 * `load` itself reads does not re-run it). `load` uses an answer only while `isCurrent()`: one
 * for a year the secretary has already left, arriving late, must not replace the new year's.
 * Call it while the component is being set up.
 */
export function reloadOnChange(load: (isCurrent: () => boolean) => Promise<void>) {
  let seq = 0;
  $effect(() => {
    void app.year;
    void app.version;
    const mine = ++seq;
    untrack(() => void load(() => mine === seq));
  });
}

/**
 * For a view that asks again whenever its input changes: only the answer to the latest request
 * is used; an earlier one arriving late is dropped, and so is its failure.
 */
export function latestOnly() {
  let seq = 0;
  return <T>(request: Promise<T>, use: (value: T) => void): void => {
    const mine = ++seq;
    request
      .then((value) => {
        if (mine === seq) use(value);
      })
      .catch((e) => {
        if (mine === seq) report(e);
      });
  };
}

/** Opens a file or folder with the desk's own program. */
export async function openFile(path: string): Promise<void> {
  await attempt(() => ipc.openPath({ path }));
}

/**
 * Asks where to save (offering `defaultName`), then writes there; undefined when the person
 * cancelled or the writing failed (the failure is reported).
 */
export async function saveAs<T>(defaultName: string, write: (path: string) => Promise<T>): Promise<T | undefined> {
  const path = await attempt(() => ipc.pickSave({ defaultName }));
  if (!path) return undefined;
  return attempt(() => write(path));
}

/** The last drop a wizard opened on: app-wide, so that a screen shown again (a new component)
 * does not reopen its wizard on a file dropped long before. */
let takenDrop = 0;

/**
 * A screen's import wizard: opened by its button, or at once on a spreadsheet dropped onto the
 * window while the screen is shown. Every opening has a new key, so the wizard starts afresh.
 * Create it while the component is being set up.
 */
export class ImportSlot {
  open = $state(false);
  key = $state(0);
  /** The file the wizard starts with ('' = typed or browsed in it). */
  path = $state('');

  constructor(screen: Screen) {
    $effect(() => {
      const d = app.drop;
      if (d && d.seq > takenDrop && app.screen === screen) {
        takenDrop = d.seq;
        untrack(() => this.show(d.path));
      }
    });
  }

  show(path = '') {
    this.path = path;
    this.key += 1;
    this.open = true;
  }
}

/**
 * Keeps the chosen year while it is still offered (it has data, or it is this calendar year);
 * at start, or when it is gone, the year last worked in, else the latest year with data, else
 * this calendar year. A list imported into another year switches the window itself (and says
 * so), not this.
 */
export function chooseYear(info: AppInfo) {
  const offered = (y: number) => info.years.includes(y) || y === new Date().getFullYear();
  if (app.year !== null && offered(app.year)) return;
  const kept = lastYear();
  if (kept !== null && offered(kept)) app.year = kept;
  else app.year = info.years.length > 0 ? Math.max(...info.years) : new Date().getFullYear();
}

export async function refreshInfo(): Promise<AppInfo | undefined> {
  const info = await attempt(() => ipc.appInfo());
  if (info) {
    app.info = info;
    chooseYear(info);
  }
  return info;
}

let checkSeq = 0;

/**
 * Runs the register's check (at start, after a restore) and keeps what it found for the
 * window's banner. A check that cannot run adds nothing to the window: no banner, no error.
 */
export async function checkRegister(): Promise<void> {
  const mine = ++checkSeq;
  try {
    const checked = await ipc.checkRegister();
    if (mine === checkSeq) app.findings = checked.findings;
  } catch {
    if (mine === checkSeq) app.findings = [];
  }
}

/** The years to offer: the database's, this calendar year (a cohort being prepared) and the
 * chosen one. */
export function yearOptions(): number[] {
  const years = new Set(app.info?.years ?? []);
  years.add(new Date().getFullYear());
  if (app.year !== null) years.add(app.year);
  return [...years].sort((a, b) => b - a);
}

function newTaskId(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `task-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** Runs a long command under a fresh task id: progress is shown while it runs; cancellable. */
export async function runTask<T>(label: string, run: (task: string) => Promise<T>): Promise<T> {
  const task = newTaskId();
  app.tasks[task] = { task, label, done: 0, total: null, cancelling: false };
  try {
    return await run(task);
  } finally {
    delete app.tasks[task];
  }
}

function taskProgress(p: TaskProgress) {
  const view = app.tasks[p.task];
  if (view) app.tasks[p.task] = { ...view, done: p.done, total: p.total };
}

export async function cancelTask(task: string) {
  const view = app.tasks[task];
  if (view) app.tasks[task] = { ...view, cancelling: true };
  await attempt(() => ipc.cancelTask({ task }));
}

let progressListening = false;
let followTimer: ReturnType<typeof setTimeout> | undefined;

/** What another desk committed to the server's register reloads what is shown: once for a
 * burst of changes (an import is one message per statement), a fraction of a second after. */
export function registerChanged(wait = 250) {
  clearTimeout(followTimer);
  followTimer = setTimeout(() => {
    changed();
    void refreshInfo();
  }, wait);
}

let following = false;

/** Listens for the server's changes (`register-changed`) once, for the window's life. */
export async function followRegister() {
  if (following) return;
  following = true;
  await ipc.onRegisterChanged(() => registerChanged());
}

export async function listenProgress() {
  if (progressListening) return;
  progressListening = true;
  await ipc.onTaskProgress(taskProgress);
}
