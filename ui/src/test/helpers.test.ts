// The small shared helpers: names and optional texts as the screens show and send them, and
// the latest-answer-wins loading the detail panels use.
import { describe, expect, it } from 'vitest';
import { app, latestOnly } from '../lib/state.svelte';
import { fileName, fullName, optional } from '../lib/view';
import type { AppError } from '../lib/types';

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
