// The desk's own choices that the database does not hold, kept in the window's storage: what
// a paper's file is named by. (The interface language is kept by i18n.ts.)

import type { FileNames } from './types';

const FILE_NAMES_KEY = 'joldama.fileNames';

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
