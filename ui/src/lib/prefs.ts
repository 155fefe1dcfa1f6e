// The desk's own choices that the database does not hold, kept in the window's storage: what
// a paper's file is named by, the year last worked in. (The interface language is kept by
// i18n.ts.)

import type { FileNames } from './types';

const FILE_NAMES_KEY = 'joldama.fileNames';
const YEAR_KEY = 'joldama.year';

/** What a printed paper's own file is named by: its number unless the desk chose the name too
 * (a folder's list of files then shows who each paper is for). */
export function fileNames(): FileNames {
  try {
    if (globalThis.localStorage?.getItem(FILE_NAMES_KEY) === 'number_and_name') return 'number_and_name';
  } catch {
    /* storage unavailable: the default */
  }
  return 'number';
}

export function setFileNames(value: FileNames) {
  try {
    globalThis.localStorage?.setItem(FILE_NAMES_KEY, value);
  } catch {
    /* not remembered; papers keep the default */
  }
}

/** The year the window was last on, so that it opens there again; null when none is kept. */
export function lastYear(): number | null {
  try {
    const kept = Number(globalThis.localStorage?.getItem(YEAR_KEY) ?? '');
    if (Number.isInteger(kept) && kept >= 1000 && kept <= 9999) return kept;
  } catch {
    /* storage unavailable: none kept */
  }
  return null;
}

export function setLastYear(year: number) {
  try {
    globalThis.localStorage?.setItem(YEAR_KEY, String(year));
  } catch {
    /* not remembered; the window opens on the latest year with data */
  }
}

const SERVER_KEY = 'joldama.server';

/** The register server's address last used on this desk, kept without a password typed into it. */
export function serverAddress(): string {
  try {
    return globalThis.localStorage?.getItem(SERVER_KEY) ?? '';
  } catch {
    return '';
  }
}

export function setServerAddress(address: string) {
  // postgresql://name:secret@host/… → postgresql://name@host/…
  const kept = address.replace(/^([a-z]+:\/\/[^:@/]*):[^@/]*@/i, '$1@').replace(/\s+password=\S+/i, '');
  try {
    globalThis.localStorage?.setItem(SERVER_KEY, kept);
  } catch {
    /* not remembered; typed again next time */
  }
}

const ON_SERVER_KEY = 'joldama.onServer';

/** Whether the window last worked on the server's register: the next start asks to sign in
 * again there (the password is never kept). */
export function workedOnServer(): boolean {
  try {
    return globalThis.localStorage?.getItem(ON_SERVER_KEY) === '1';
  } catch {
    return false;
  }
}

export function setWorkedOnServer(on: boolean) {
  try {
    if (on) globalThis.localStorage?.setItem(ON_SERVER_KEY, '1');
    else globalThis.localStorage?.removeItem(ON_SERVER_KEY);
  } catch {
    /* not remembered: the window opens on the file, as always */
  }
}
