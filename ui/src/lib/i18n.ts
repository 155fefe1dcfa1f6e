// A tiny i18n store: Kazakh first, Russian second.
// - `t(key, params)`: nested keys ("nav.graduates"), `{name}` interpolation, plural forms chosen
//   by CLDR (`Intl.PluralRules`) from `params.count` when the key holds {one, few, many, other};
// - dates as dd.mm.yyyy (inputs keep ISO), numbers with thin-space grouping, tenge;
// - `errorText`: an AppError as the person should read it.

import { derived, writable } from 'svelte/store';
import kk from '../locales/kk.json';
import ru from '../locales/ru.json';
// The domain's terms (classifier codes' labels) come from the core's vocabulary, generated; the
// locale files hold only the window's own texts.
import vocabulary from '../bindings/vocabulary.json';
import type { AppError, Lang, Text } from './types';

export type { Lang };
export type Params = Record<string, string | number | null | undefined>;
type Dict = { [key: string]: string | Dict };

export const LANGS: Lang[] = ['kk', 'ru'];
export const dictionaries: Record<Lang, Dict> = {
  kk: { ...kk, codes: vocabulary.kk } as Dict,
  ru: { ...ru, codes: vocabulary.ru } as Dict,
};
const STORAGE_KEY = 'joldama.lang';

function initialLang(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'kk' || saved === 'ru') return saved;
  } catch {
    /* storage unavailable: the default */
  }
  return 'kk';
}

export const lang = writable<Lang>(initialLang());

lang.subscribe((l) => {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, l);
  } catch {
    /* not remembered; still switched */
  }
  if (typeof document !== 'undefined') document.documentElement.lang = l;
});

export function setLang(l: Lang) {
  lang.set(l);
}

export function toggleLang() {
  lang.update((l) => (l === 'kk' ? 'ru' : 'kk'));
}

/** The node under a dotted key, or undefined. */
function lookup(l: Lang, key: string): string | Dict | undefined {
  let node: string | Dict | undefined = dictionaries[l];
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return node;
}

export function has(l: Lang, key: string): boolean {
  const node = lookup(l, key);
  return typeof node === 'string' || isPlural(node);
}

function isPlural(node: unknown): node is Record<string, string> {
  return typeof node === 'object' && node !== null && typeof (node as Dict).other === 'string';
}

const pluralRules = new Map<Lang, Intl.PluralRules>();

/** The CLDR plural category of `n` in `l`: ru one/few/many/other, kk one/other. */
export function pluralCategory(l: Lang, n: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(l);
  if (!rules) {
    rules = new Intl.PluralRules(l);
    pluralRules.set(l, rules);
  }
  return rules.select(n);
}

/** The plural categories a language's CLDR rules use for integers. */
export function pluralCategories(l: Lang): string[] {
  return new Intl.PluralRules(l).resolvedOptions().pluralCategories;
}

function interpolate(template: string, params: Params | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined || v === null) return whole;
    return name === 'count' && typeof v === 'number' ? formatNumber(v) : String(v);
  });
}

export function translate(l: Lang, key: string, params?: Params): string {
  const node = lookup(l, key) ?? lookup('kk', key);
  if (typeof node === 'string') return interpolate(node, params);
  if (isPlural(node)) {
    const count = Number(params?.count ?? 0);
    const form = node[pluralCategory(l, count)] ?? node.other;
    return interpolate(form, params);
  }
  return key;
}

/** The current language's translator: `$t('nav.graduates')` in components. */
export const t = derived(lang, (l) => (key: string, params?: Params) => translate(l, key, params));

/** A bilingual text from the core in the current language. */
export const tx = derived(lang, (l) => (text: Text | null | undefined) => (text ? text[l] : ''));

/** The label of a classifier code (`codes.Region.almaty_city`); the code itself if unknown. */
export function codeLabel(l: Lang, type: string, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '';
  const key = `codes.${type}.${code}`;
  return has(l, key) ? translate(l, key) : code;
}
export const code = derived(lang, (l) => (type: string, value: string | null | undefined) =>
  codeLabel(l, type, value));

/** Every code of a classifier in the core's order (the keys of `codes.<Type>`). */
export function codesOf(type: string): string[] {
  const node = lookup('kk', `codes.${type}`);
  return node && typeof node === 'object' ? Object.keys(node) : [];
}

// ---- Formats ---------------------------------------------------------------------------------

const THIN = '\u202f';

/** 1234567 → "1 234 567" (narrow no-break spaces); decimals with a comma. */
export function formatNumber(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '';
  const negative = n < 0;
  const fixed = Math.abs(n).toFixed(digits);
  const [int, frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, THIN);
  return (negative ? '−' : '') + grouped + (frac ? ',' + frac : '');
}

/** Tenge: "1 234 567 ₸". */
export function formatTenge(n: number | null | undefined): string {
  if (n === null || n === undefined) return '';
  return `${formatNumber(n)}${THIN}₸`;
}

/** "2025-06-20" (or an ISO date-time) → "20.06.2025"; anything else as it is. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** "2025-06-20T14:05:09Z" or "2025-06-20 14:05:09" → "20.06.2025 14:05". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  // A UTC time stamp ("…Z", as the store writes them) is shown in the desk's local time.
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(iso)) {
    const d = new Date(iso);
    if (!Number.isNaN(d.getTime())) {
      const p = (n: number) => String(n).padStart(2, '0');
      return `${p(d.getDate())}.${p(d.getMonth() + 1)}.${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
    }
  }
  // ISO ("2025-06-20T14:05") or compact as in backup names ("20250620T140509").
  const m =
    /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/.exec(iso) ?? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]} ${m[4]}:${m[5]}` : formatDate(iso);
}

/** "20.06.2025" → "2025-06-20" (for typed dates); null when it is not a date of the calendar
 * (31.02 is not). */
export function parseDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/.exec(text);
  const iso = m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : text.trim();
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!parts) return null;
  const [y, mo, d] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear keeps the year typed.
  const day = new Date(Date.UTC(2000, mo - 1, d));
  day.setUTCFullYear(y);
  return day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d ? iso : null;
}

/** Month names as a date is said: Kazakh nominative, Russian genitive («2 декабря»). */
const MONTHS: Record<Lang, string[]> = {
  kk: ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'],
  ru: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
};

/** A month's name as a calendar heads it (nominative), `month` 0–11. */
export function monthName(l: Lang, month: number): string {
  const ru = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
  const name = l === 'ru' ? ru[month] : MONTHS.kk[month];
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The days of the week from Monday, as a calendar heads its columns. */
export const WEEKDAYS: Record<Lang, string[]> = {
  kk: ['Дс', 'Сс', 'Ср', 'Бс', 'Жм', 'Сб', 'Жс'],
  ru: ['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб', 'Вс'],
};

/** "2025-12-02" → "2025 ж. 2 желтоқсан" / "2 декабря 2025 г."; '' when it is not a date. */
export function formatDateLong(l: Lang, iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!m) return '';
  const [y, month, d] = [Number(m[1]), MONTHS[l][Number(m[2]) - 1], Number(m[3])];
  return l === 'kk' ? `${y} ж. ${d} ${month}` : `${d} ${month} ${y} г.`;
}

/** Today as ISO (local time). */
export function todayIso(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function formatBytes(l: Lang, bytes: number): string {
  if (bytes < 1024 * 1024) return translate(l, 'units.kb', { n: formatNumber(bytes / 1024, 0) });
  return translate(l, 'units.mb', { n: formatNumber(bytes / (1024 * 1024), 1) });
}

// ---- Errors -----------------------------------------------------------------------------------

/**
 * How an AppError reads: the core's own words in the person's language. The core holds every
 * error's text (its code is for tests and logic); a failure of the window itself carries
 * `errors.unexpected`, made by `toAppError`.
 */
export function errorText(l: Lang, err: AppError): string {
  return err.message?.[l] || translate(l, 'errors.unexpected', { detail: err.code });
}

export const errorMessage = derived(lang, (l) => (err: AppError) => errorText(l, err));
