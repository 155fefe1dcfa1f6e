// The window's year and its error banner: the window opens on the year last worked in while
// it is still offered, else on the latest year with data; a success clears the banner of an
// earlier failure but not of one newer than itself; a share is never shown as «0 %» when it
// is not nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { app, attempt, chooseYear, report } from '../lib/state.svelte';
import { lastYear, setLastYear } from '../lib/prefs';
import { percent } from '../lib/view';
import type { AppInfo } from '../lib/types';
import { appError } from './fixtures';

const info = (years: number[]): AppInfo => ({
  version: '0.1.0', db_path: '/db', data_dir: '/data', schema_version: 9, years, graduates: 1, vacancies: 0, meetings: 0, network_share: null, server: null,
});
const thisYear = new Date().getFullYear();

beforeEach(() => {
  localStorage.removeItem('joldama.year');
  app.year = null;
  app.error = null;
});
afterEach(() => {
  localStorage.removeItem('joldama.year');
  app.year = null;
});

describe('the year', () => {
  it('opens on the latest year with data, not the calendar year', () => {
    chooseYear(info([thisYear - 1, thisYear - 3]));
    expect(app.year).toBe(thisYear - 1);
  });

  it('opens on the year last worked in while it has data', () => {
    setLastYear(thisYear - 3);
    expect(lastYear()).toBe(thisYear - 3);
    chooseYear(info([thisYear, thisYear - 1, thisYear - 3]));
    expect(app.year).toBe(thisYear - 3);
  });

  it('does not open on a kept year that has no data left (a restored file)', () => {
    setLastYear(thisYear - 5);
    chooseYear(info([thisYear - 1]));
    expect(app.year).toBe(thisYear - 1);
  });

  it('opens on the calendar year when there is nothing at all', () => {
    chooseYear(info([]));
    expect(app.year).toBe(thisYear);
  });

  it('keeps a chosen year while it is offered, even one without data yet (this year)', () => {
    app.year = thisYear;
    chooseYear(info([thisYear - 1]));
    expect(app.year).toBe(thisYear);
    app.year = thisYear - 1;
    chooseYear(info([thisYear - 2]));
    expect(app.year).toBe(thisYear - 2);
  });

  it('keeps nothing that is not a year', () => {
    localStorage.setItem('joldama.year', 'вчера');
    expect(lastYear()).toBeNull();
    localStorage.setItem('joldama.year', '25');
    expect(lastYear()).toBeNull();
  });
});

describe('the error banner', () => {
  it('is cleared by the next success', async () => {
    await attempt(() => Promise.reject(appError('database')));
    expect(app.error?.code).toBe('database');
    await attempt(() => Promise.resolve(1));
    expect(app.error).toBeNull();
  });

  it('is not cleared by a success that started before the failure', async () => {
    let finish: (v: number) => void = () => {};
    const slow = attempt(() => new Promise<number>((resolve) => (finish = resolve)));
    report(appError('database'));
    finish(1);
    await slow;
    expect(app.error?.code).toBe('database');
  });
});

describe('percent', () => {
  it('says «<1 %» of a small share and «>99 %» of a nearly whole one', () => {
    expect(percent(1, 296)).toBe('<1\u202f%');
    expect(percent(0, 296)).toBe('0\u202f%');
    expect(percent(295, 296)).toBe('>99\u202f%');
    expect(percent(296, 296)).toBe('100\u202f%');
    expect(percent(37, 100)).toBe('37\u202f%');
    expect(percent(0, 0)).toBe('—');
  });
});
