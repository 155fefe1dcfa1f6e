import { describe, expect, it } from 'vitest';
import { get } from 'svelte/store';
import {
  codeLabel,
  errorText,
  formatDate,
  formatDateTime,
  formatNumber,
  formatTenge,
  lang,
  parseDate,
  pluralCategory,
  t,
  toggleLang,
  translate,
} from '../lib/i18n';
import { toAppError } from '../lib/ipc';

describe('plurals', () => {
  it('choose the Russian CLDR form', () => {
    const cases: [number, string][] = [
      [1, '1 день'],
      [2, '2 дня'],
      [5, '5 дней'],
      [11, '11 дней'],
      [21, '21 день'],
      [22, '22 дня'],
      [25, '25 дней'],
    ];
    for (const [n, text] of cases) expect(translate('ru', 'units.days', { count: n })).toBe(text);
    expect(pluralCategory('ru', 1)).toBe('one');
    expect(pluralCategory('ru', 22)).toBe('few');
    expect(pluralCategory('ru', 11)).toBe('many');
    expect(translate('ru', 'units.years', { count: 5 })).toBe('5 лет');
    expect(translate('ru', 'graduates.total', { count: 21 })).toBe('Всего 21 выпускник');
  });

  it('choose the Kazakh CLDR form', () => {
    expect(pluralCategory('kk', 1)).toBe('one');
    expect(pluralCategory('kk', 2)).toBe('other');
    expect(translate('kk', 'units.days', { count: 1 })).toBe('1 күн');
    expect(translate('kk', 'units.days', { count: 2 })).toBe('2 күн');
  });

  it('say the term as the rules do: «not less than» N years', () => {
    expect(translate('ru', 'obligation.term_at_least', { count: 1 })).toBe('не менее 1 года');
    expect(translate('ru', 'obligation.term_at_least', { count: 3 })).toBe('не менее 3 лет');
    expect(translate('ru', 'obligation.term_at_least', { count: 5 })).toBe('не менее 5 лет');
    expect(translate('kk', 'obligation.term_at_least', { count: 3 })).toBe('кемінде 3 жыл');
  });

  it('group a large count with thin spaces', () => {
    expect(translate('ru', 'units.days', { count: 1095 })).toBe('1\u202f095 дней');
  });
});

describe('interpolation', () => {
  it('fills {name} and leaves unknown placeholders visible', () => {
    expect(translate('ru', 'meeting.option', { number: 3, date: '20.06.2025' })).toBe('Заседание №3, 20.06.2025');
    expect(translate('kk', 'meeting.option', { number: 3 })).toBe('№3 отырыс, {date}');
  });

  it('falls back to the key when nothing matches', () => {
    expect(translate('ru', 'no.such.key')).toBe('no.such.key');
  });

  it('labels a contract-service deferral as no ground in law, to be reviewed', () => {
    expect(codeLabel('ru', 'DeferralReason', 'military_enlistment')).toContain('не предусмотрена законом');
    expect(codeLabel('kk', 'DeferralReason', 'military_enlistment')).toContain('заңда көзделмеген');
    expect(codeLabel('ru', 'PeriodKind', 'deferral')).toBe('Срочная воинская служба (срок приостанавливается)');
  });

  it('labels classifier codes, and shows an unknown code as it is', () => {
    expect(codeLabel('kk', 'Region', 'almaty_city')).toBe('Алматы қаласы');
    expect(codeLabel('ru', 'Region', 'almaty_region')).toBe('Алматинская область');
    expect(codeLabel('ru', 'Region', 'mars')).toBe('mars');
    expect(codeLabel('ru', 'Region', null)).toBe('');
  });
});

describe('formats', () => {
  it('shows dates as dd.mm.yyyy', () => {
    expect(formatDate('2025-06-20')).toBe('20.06.2025');
    expect(formatDate('2025-09-01T10:00:00Z')).toBe('01.09.2025');
    expect(formatDate(null)).toBe('');
    expect(formatDate('не дата')).toBe('не дата');
    // UTC stamps in local time (the test runs in whatever zone the machine has).
    const local = new Date('2025-06-20T14:05:09.123Z');
    const p = (n: number) => String(n).padStart(2, '0');
    expect(formatDateTime('2025-06-20T14:05:09.123Z')).toBe(
      `${p(local.getDate())}.${p(local.getMonth() + 1)}.${local.getFullYear()} ${p(local.getHours())}:${p(local.getMinutes())}`,
    );
    expect(formatDateTime('2025-06-20 08:30:00')).toBe('20.06.2025 08:30');
    expect(formatDateTime('20250620T101500')).toBe('20.06.2025 10:15');
  });

  it('reads typed dates back to ISO', () => {
    expect(parseDate('1.9.2025')).toBe('2025-09-01');
    expect(parseDate('2025-09-01')).toBe('2025-09-01');
    expect(parseDate('31/12/2025')).toBeNull();
  });

  it('groups numbers and tenge with thin spaces', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1234567)).toBe('1\u202f234\u202f567');
    expect(formatNumber(-1500)).toBe('−1\u202f500');
    expect(formatNumber(1234.5, 1)).toBe('1\u202f234,5');
    expect(formatTenge(2450000)).toBe('2\u202f450\u202f000\u202f₸');
    expect(formatTenge(null)).toBe('');
  });
});

describe('errors', () => {
  const server = (code: string, params: Record<string, string> = {}) => ({
    code,
    params,
    message: { kk: `сервер: ${code}`, ru: `сервер (ru): ${code}` },
  });

  it("shows the core's own words for a code, in the person's language", () => {
    expect(errorText('ru', server('meeting_finalised', { number: '4' }))).toBe('сервер (ru): meeting_finalised');
    expect(errorText('kk', server('not_a_spreadsheet', { file: 'broken.xlsx' }))).toBe('сервер: not_a_spreadsheet');
  });

  it('turns anything else into code unexpected, never raw JSON', () => {
    const fromString = toAppError('database is locked');
    expect(fromString.code).toBe('unexpected');
    expect(errorText('ru', fromString)).toBe('Непредвиденная ошибка: database is locked');
    const fromError = toAppError(new TypeError('x is undefined'));
    expect(fromError.code).toBe('unexpected');
    expect(errorText('kk', fromError)).toBe('Күтпеген қате шықты: x is undefined');
    const real = toAppError(server('no_places_left'));
    expect(real.code).toBe('no_places_left');
    expect(errorText('ru', real)).toBe('сервер (ru): no_places_left');
  });
});

describe('language switch', () => {
  it('toggles, sets <html lang> and remembers the choice', () => {
    lang.set('kk');
    expect(document.documentElement.lang).toBe('kk');
    expect(get(t)('nav.graduates')).toBe('Түлектер');
    toggleLang();
    expect(get(lang)).toBe('ru');
    expect(document.documentElement.lang).toBe('ru');
    expect(localStorage.getItem('joldama.lang')).toBe('ru');
    expect(get(t)('nav.graduates')).toBe('Выпускники');
    toggleLang();
    expect(document.documentElement.lang).toBe('kk');
  });
});
