// The app's shared state: the chosen year and screen, the last error, the toast, the running
// tasks with their progress, and a data version that screens watch to reload after changes.

import { get } from 'svelte/store';
import * as ipc from './ipc';
import { errorText, lang } from './i18n';
import type { AppError, AppInfo, TaskProgress } from './types';

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
  /** Bumped after anything that changes the data (imports, decisions, restore). */
  version = $state(0);
  /** A graduate another screen asked to open (e.g. from the meeting to the follow-up). */
  focusGraduate = $state<number | null>(null);
  /** The last spreadsheet dropped onto the window (the import screens pick it up). */
  drop = $state<{ path: string; seq: number } | null>(null);
  /** Whether a file is being dragged over the window. */
  dragging = $state(false);
}

export const app = new AppState();

let toastTimer: ReturnType<typeof setTimeout> | undefined;

/** Shows a short message at the bottom. */
export function notify(message: string, ms = 5000) {
  app.toast = message;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (app.toast = null), ms);
}

/** Records a failed command for the error banner; a cancellation is only a toast. */
export function report(e: unknown) {
  const err = ipc.isAppError(e) ? e : ipc.toAppError(e);
  if (err.code === 'cancelled' || err.code === 'papers_cancelled') {
    notify(errorText(get(lang), err));
    return;
  }
  app.error = err;
}

export function clearError() {
  app.error = null;
}

/** Runs a command and reports its failure; resolves to undefined when it failed. */
export async function attempt<T>(run: () => Promise<T>): Promise<T | undefined> {
  try {
    const result = await run();
    return result;
  } catch (e) {
    report(e);
    return undefined;
  }
}

export function changed() {
  app.version += 1;
}

/** The newest year by default; keeps the chosen one while it still exists. */
export function chooseYear(info: AppInfo) {
  const years = info.years;
  if (app.year !== null && years.includes(app.year)) return;
  app.year = years.length > 0 ? Math.max(...years) : new Date().getFullYear();
}

export async function refreshInfo(): Promise<AppInfo | undefined> {
  const info = await attempt(() => ipc.appInfo());
  if (info) {
    app.info = info;
    chooseYear(info);
  }
  return info;
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

export function taskProgress(p: TaskProgress) {
  const view = app.tasks[p.task];
  if (view) app.tasks[p.task] = { ...view, done: p.done, total: p.total };
}

export async function cancelTask(task: string) {
  const view = app.tasks[task];
  if (view) app.tasks[task] = { ...view, cancelling: true };
  await attempt(() => ipc.cancelTask({ task }));
}

let progressListening = false;
export async function listenProgress() {
  if (progressListening) return;
  progressListening = true;
  await ipc.onTaskProgress(taskProgress);
}
