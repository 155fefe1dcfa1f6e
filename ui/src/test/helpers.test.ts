// The small shared helpers: names and optional texts as the screens show and send them, a
// field's change as a line, the queue's marks, the papers' file names choice, wishes and the
// commission's order, and the latest-answer-wins loading the detail panels use.
import { describe, expect, it } from 'vitest';
import { app, latestOnly } from '../lib/state.svelte';
import { fileNames, setFileNames } from '../lib/prefs';
import {
  addYears,
  changeText,
  cohortFormOf,
  cohortSettingsOf,
  coverageView,
  currentDecision,
  fileName,
  formatYears,
  fullName,
  moved,
  optional,
  owes,
  parseTenge,
  parseYears,
  queueMarks,
  refundShown,
  sameWish,
  vacancyPlace,
} from '../lib/view';
import type { AppError, ObligationState } from '../lib/types';
import { cohortSettings, decisionView, obligation, vacancy } from './fixtures';

describe('view helpers', () => {
  it('join a full name without the missing parts', () => {
    expect(fullName({ surname: 'Әбдірахманов', name: 'Ерлан', patronymic: null })).toBe('Әбдірахманов Ерлан');
    expect(fullName({ surname: 'Ким', name: 'Ксения', patronymic: 'Сергеевна' })).toBe('Ким Ксения Сергеевна');
  });

  it('send a typed text trimmed, or null when nothing was typed', () => {
    expect(optional('  Ректорат ')).toBe('Ректорат');
    expect(optional('   ')).toBeNull();
    expect(optional('')).toBeNull();
  });

  it('show the last part of a Windows or Unix path', () => {
    expect(fileName('/home/secretary/papers/001-referral.pdf')).toBe('001-referral.pdf');
    expect(fileName('C:\\Құжаттар\\stats-2025.xlsx')).toBe('stats-2025.xlsx');
    expect(fileName('plain.xlsx')).toBe('plain.xlsx');
  });

  it('move an item of a list one place, and not past either end', () => {
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('move a date by whole years, a 29 February to the 28th', () => {
    expect(addYears('2025-07-01', 2)).toBe('2027-07-01');
    expect(addYears('2028-02-29', 2)).toBe('2030-02-28');
    expect(addYears('2028-02-29', 4)).toBe('2032-02-29');
    expect(addYears('2026-12-31', -2)).toBe('2024-12-31');
  });
});

describe('obligation helpers', () => {
  const STATES: ObligationState[] = [
    'awaiting_decision', 'not_covered', 'referred', 'working', 'at_centre', 'deferred', 'exempted',
    'fulfilled', 'broken', 'refund_paid_in_part', 'refund_paid', 'ended',
  ];

  it('owe a refund only once broken', () => {
    expect(STATES.filter(owes)).toEqual(['broken', 'refund_paid_in_part']);
  });

  it('show a refund as owed only while owed, as paid once paid, and never the estimate', () => {
    for (const state of STATES) {
      const shown = refundShown(obligation({ state, refund_owed: 900, paid: 300, balance: 600, refund_if_stopped: 5000 }));
      if (state === 'broken' || state === 'refund_paid_in_part') {
        expect(shown, state).toEqual({ kind: 'owed', owed: 900, paid: 300, balance: 600 });
      } else if (state === 'refund_paid') {
        expect(shown, state).toEqual({ kind: 'paid', owed: 900, paid: 300 });
      } else {
        expect(shown, state).toEqual({ kind: 'none' });
      }
    }
    expect(refundShown(obligation({ state: 'broken', refund_owed: null, balance: null }))).toEqual({
      kind: 'owed',
      owed: null,
      paid: 0,
      balance: null,
    });
  });

  it('read the coverage: the row with its term, or none', () => {
    expect(coverageView(obligation().coverage)).toEqual({ covered: true, name: { kk: 'Мемлекеттік тапсырыс', ru: 'Госзаказ' }, termYears: 3 });
    expect(coverageView({ status: 'not_covered', funding: 'phd', level: 'doctorate', field: 'other' })).toEqual({
      covered: false,
      name: null,
      termYears: null,
    });
    expect(coverageView(null).covered).toBe(false);
  });

  it('find the decision in force: the last one not revised', () => {
    const first = decisionView({ id: 1, revised_by: 2 });
    const second = decisionView({ id: 2, revises: 1 });
    expect(currentDecision([first, second])?.id).toBe(2);
    expect(currentDecision([decisionView({ id: 3, revised_by: 4 })])).toBeNull();
    expect(currentDecision([])).toBeNull();
  });

  it('read years to a tenth as typed, and write them with a comma', () => {
    expect(parseYears('2,5')).toBe(2.5);
    expect(parseYears(' 2.5 ')).toBe(2.5);
    expect(parseYears('4')).toBe(4);
    expect(parseYears('0,1')).toBe(0.1);
    for (const bad of ['', '0', '2,55', '16', '-1', 'два', '2,']) expect(parseYears(bad), bad).toBeNull();
    expect(formatYears(2.5)).toBe('2,5');
    expect(formatYears(4)).toBe('4');
  });

  it('read tenge as typed with spaces: whole and positive', () => {
    expect(parseTenge('2 450 000')).toBe(2450000);
    expect(parseTenge('2\u202f450\u202f000')).toBe(2450000);
    for (const bad of ['', '0', '12,5', '-5', 'сто']) expect(parseTenge(bad), bad).toBeNull();
  });

  it("take a work period's place from the referral's vacancy", () => {
    expect(vacancyPlace(vacancy())).toEqual({ kind: 'education', region: 'zhambyl', rural: true });
  });
});

describe('matching helpers', () => {
  it('tell the same wish from another of the same kind', () => {
    expect(sameWish({ kind: 'vacancy', vacancy_id: 3 }, { kind: 'vacancy', vacancy_id: 3 })).toBe(true);
    expect(sameWish({ kind: 'vacancy', vacancy_id: 3 }, { kind: 'vacancy', vacancy_id: 4 })).toBe(false);
    const employer = { kind: 'employer', bin: '940140000385', region: null } as const;
    expect(sameWish(employer, { ...employer })).toBe(true);
    expect(sameWish(employer, { ...employer, region: 'abai' })).toBe(false);
    expect(sameWish({ kind: 'region', region: 'abai' }, employer)).toBe(false);
  });

});

describe('cohort settings form', () => {
  const saved = cohortSettings();

  it('gives back what it was filled with', () => {
    const form = cohortFormOf({ ...saved, normative_years: { ...saved.normative_years, master: 1.5 } });
    expect(form.normative.master).toBe('1,5');
    expect(cohortSettingsOf(form)).toEqual({
      settings: { ...saved, normative_years: { ...saved.normative_years, master: 1.5 } },
      bad: [],
    });
  });

  it('names every wrong field, as the core would refuse it', () => {
    const form = cohortFormOf(saved);
    const wrong = {
      ...form,
      month: 2,
      day: '29',
      grace: '366',
      term: '11',
      normative: { ...form.normative, doctorate: '3,25' },
    };
    expect(cohortSettingsOf(wrong)).toEqual({ settings: null, bad: ['day', 'grace', 'term', 'doctorate'] });
    expect(cohortSettingsOf({ ...form, month: 4, day: '31' }).bad).toEqual(['day']);
    expect(cohortSettingsOf({ ...form, month: 2, day: '28', grace: '0', term: '1' }).bad).toEqual([]);
  });
});

describe('latestOnly', () => {
  it('uses only the answer to the latest request and drops a late failure', async () => {
    app.error = null;
    const load = latestOnly();
    const seen: string[] = [];
    let failOld: (e: unknown) => void = () => {};
    let answerNew: (v: string) => void = () => {};
    load(new Promise<string>((_, reject) => (failOld = reject)), (v) => seen.push(v));
    load(new Promise<string>((resolve) => (answerNew = resolve)), (v) => seen.push(v));
    answerNew('new');
    failOld({ code: 'not_found', params: {}, message: { kk: 'жоқ', ru: 'нет' } });
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual(['new']);
    expect(app.error).toBeNull();
  });

  it('reports the failure of the latest request', async () => {
    app.error = null;
    const load = latestOnly();
    load(Promise.reject({ code: 'not_found', params: {}, message: { kk: 'жоқ', ru: 'нет' } }), () => {});
    await new Promise((r) => setTimeout(r, 0));
    expect((app.error as AppError | null)?.code).toBe('not_found');
    app.error = null;
  });
});

describe('changes and file names', () => {
  it('reads a change as «label: old → new» in the language asked', () => {
    const c = { field: 'places', label: { kk: 'Орын саны', ru: 'Мест' }, old: { kk: '3', ru: '3' }, new: { kk: '1', ru: '1' } };
    expect(changeText('kk', c)).toBe('Орын саны: 3 → 1');
    expect(changeText('ru', c)).toBe('Мест: 3 → 1');
  });

  it('tells an ended deferral from a row whose papers the lists changed', () => {
    const c = { field: 'surname', label: { kk: 'Тегі', ru: 'Фамилия' }, old: { kk: 'А', ru: 'А' }, new: { kk: 'Б', ru: 'Б' } };
    expect(queueMarks({ revises: null, changed: [] })).toEqual({ changed: false, deferralEnded: false });
    expect(queueMarks({ revises: 55, changed: [] })).toEqual({ changed: false, deferralEnded: true });
    expect(queueMarks({ revises: 101, changed: [c] })).toEqual({ changed: true, deferralEnded: false });
  });

  it('names papers by the number unless the name was chosen, whatever else the storage holds', () => {
    localStorage.removeItem('joldama.fileNames');
    expect(fileNames()).toBe('number');
    localStorage.setItem('joldama.fileNames', 'something-else');
    expect(fileNames()).toBe('number');
    setFileNames('number_and_name');
    expect(localStorage.getItem('joldama.fileNames')).toBe('number_and_name');
    expect(fileNames()).toBe('number_and_name');
    setFileNames('number');
    expect(fileNames()).toBe('number');
    localStorage.removeItem('joldama.fileNames');
  });
});
