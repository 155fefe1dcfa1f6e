// Small pure helpers that turn core records into what a screen shows.

import { codeLabel, formatDate, formatNumber, translate, type Lang } from './i18n';
import type {
  CohortSettings,
  Coverage,
  FieldChange,
  Graduate,
  Level,
  ObligationState,
  ObligationView,
  Outcome,
  Period,
  Place,
  PlacementOutcome,
  PlacementTally,
  QueueRow,
  Text,
  Vacancy,
  Wish,
} from './types';

/** "Surname Name Patronymic", without the parts a graduate does not have. */
export function fullName(g: Pick<Graduate, 'surname' | 'name' | 'patronymic'>): string {
  return [g.surname, g.name, g.patronymic].filter(Boolean).join(' ');
}

/** A typed text as an optional value: trimmed, or null when nothing was typed. */
export function optional(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/** The list with the item at `index` swapped with its neighbour `delta` (±1) away; the same
 * list when that would leave it. */
export function moved<T>(list: readonly T[], index: number, delta: number): T[] {
  const to = index + delta;
  const next = [...list];
  if (to < 0 || to >= list.length) return next;
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}

/** The last part of a path, Windows or Unix. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** What the rules table says: covered (with the row's name and term) or not. */
export function coverageView(c: Coverage | null | undefined): {
  covered: boolean;
  name: Text | null;
  termYears: number | null;
} {
  if (c?.status !== 'covered') return { covered: false, name: null, termYears: null };
  return { covered: true, name: c.name, termYears: c.term_years };
}

/** The decision in force: the last one no later decision revised (decisions come oldest first). */
export function currentDecision<D extends { revised_by: number | null }>(decisions: readonly D[]): D | null {
  for (let i = decisions.length - 1; i >= 0; i -= 1) {
    if (decisions[i].revised_by === null) return decisions[i];
  }
  return null;
}

/** A field's change as one line: «Тегі: Ахметов → Ахметова». */
export function changeText(l: Lang, c: FieldChange): string {
  return `${c.label[l]}: ${c.old[l]} → ${c.new[l]}`;
}

/** Why a queue row waits, beyond no decision yet: its papers no longer match the lists
 * (`changed`), or its deferral ended (a decision to revise, nothing changed). */
export function queueMarks(row: Pick<QueueRow, 'revises' | 'changed'>): { changed: boolean; deferralEnded: boolean } {
  const changed = row.changed.length > 0;
  return { changed, deferralEnded: row.revises !== null && !changed };
}

/** Whether a refund is owed in this state: only once the obligation is broken (core's `State::owes`). */
export function owes(state: ObligationState): boolean {
  return state === 'broken' || state === 'refund_paid_in_part';
}

/**
 * How the card shows the refund: owed (the only case shown as a debt) while the state owes,
 * paid in full once paid, and nothing otherwise; what a stop would cost is never among them.
 */
export type RefundShown =
  | { kind: 'owed'; owed: number | null; paid: number; balance: number | null }
  | { kind: 'paid'; owed: number | null; paid: number }
  | { kind: 'none' };

export function refundShown(o: Pick<ObligationView, 'state' | 'refund_owed' | 'paid' | 'balance'>): RefundShown {
  if (owes(o.state)) return { kind: 'owed', owed: o.refund_owed, paid: o.paid, balance: o.balance };
  if (o.state === 'refund_paid') return { kind: 'paid', owed: o.refund_owed, paid: o.paid };
  return { kind: 'none' };
}

/** Years as papers write them: 4, 2,5. */
export function formatYears(years: number): string {
  return formatNumber(years, Number.isInteger(years) ? 0 : 1);
}

/** Study years as typed («2», «2,5», «2.5»): a number of tenths from 0,1 to 15; else null. */
export function parseYears(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (!/^\d+(\.\d)?$/.test(t)) return null;
  const value = Number(t);
  return value >= 0.1 && value <= 15 ? value : null;
}

/** Tenge as typed, spaces allowed («2 450 000»): a whole positive amount; else null. */
export function parseTenge(text: string): number | null {
  const t = text.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^\d+$/.test(t)) return null;
  const value = Number(t);
  return value > 0 && Number.isSafeInteger(value) ? value : null;
}

/** The place of a vacancy's work, as a work period records it. */
export function vacancyPlace(v: Vacancy): Place {
  return { kind: v.employer.kind, region: v.region, rural: v.rural };
}

/** A vacancy in a line: «employer, position · region». */
export function vacancyLine(l: Lang, v: Vacancy): string {
  return `${v.employer.name}, ${v.position} · ${codeLabel(l, 'Region', v.region)}`;
}

// ---- Matching ---------------------------------------------------------------------------------

/** The name of each kind of wish (the locale's key). */
export const WISH_KINDS = {
  vacancy: 'wishes.kind_vacancy',
  employer: 'wishes.kind_employer',
  region: 'wishes.kind_region',
} as const satisfies Record<Wish['kind'], string>;

/** Whether two wishes stand for the same thing (an application names each once). */
export function sameWish(a: Wish, b: Wish): boolean {
  switch (a.kind) {
    case 'vacancy':
      return b.kind === 'vacancy' && a.vacancy_id === b.vacancy_id;
    case 'employer':
      return b.kind === 'employer' && a.bin === b.bin && a.region === b.region;
    case 'region':
      return b.kind === 'region' && a.region === b.region;
  }
}

/** The largest lottery seed the core keeps (a u32). */
export const MAX_SEED = 4_294_967_295;

/** A decision's outcome in a few words (the server's `summary` is preferred when present). */
export function outcomeText(l: Lang, o: Outcome): string {
  switch (o.kind) {
    case 'vacancy':
      return translate(l, 'outcome.vacancy', { date: formatDate(o.arrival_date) });
    case 'employment_centre':
      return translate(l, 'outcome.employment_centre', { region: codeLabel(l, 'Region', o.region) });
    case 'exemption':
      return translate(l, 'outcome.exemption', { ground: codeLabel(l, 'ExemptionGroundShort', o.ground) });
    case 'deferral':
      return translate(l, 'outcome.deferral', {
        reason: codeLabel(l, 'DeferralReason', o.reason),
        from: formatDate(o.from),
        to: o.to ? formatDate(o.to) : '…',
      });
  }
}

export function periodEmployer(p: Period): string {
  if (p.activity.kind !== 'work') return '';
  const e = p.activity.employer;
  return e.type === 'registered' ? `${e.name} (${e.bin})` : e.name;
}

/** Days as "1 год 2 мес." is overkill: plain days with a plural. */
export function daysText(l: Lang, n: number): string {
  return translate(l, 'units.days', { count: n });
}

/** The statistics' outcomes in the order of `PlacementTally.counts` (core's `Outcome::ALL`). */
export const OUTCOMES = [
  'vacancy',
  'employment_centre',
  'exempt',
  'deferred',
  'no_decision',
] as const satisfies readonly PlacementOutcome[];
export type Counts = Record<PlacementOutcome, number> & { total: number };

/** A statistics tally as counts per outcome, with their total. */
export function tallyCounts(tally: PlacementTally | null | undefined): Counts {
  const out = { vacancy: 0, employment_centre: 0, exempt: 0, deferred: 0, no_decision: 0, total: 0 };
  if (tally) OUTCOMES.forEach((o, i) => (out[o] = tally.counts[i]));
  out.total = OUTCOMES.reduce((n, o) => n + out[o], 0);
  return out;
}

/** "42 %" share of `part` in `whole`; a share that rounds to 0 or 100 but is not says so
 * ("<1 %", ">99 %"): one exemption among hundreds is not «0 %». */
export function percent(part: number, whole: number): string {
  if (whole <= 0) return '—';
  const share = Math.round((part / whole) * 100);
  if (share === 0 && part > 0) return '<1\u202f%';
  if (share === 100 && part < whole) return '>99\u202f%';
  return `${share}\u202f%`;
}

// ---- A cohort's settings as the Settings form edits them --------------------------------------

/** The cohort's settings as typed: numbers as text, years with a comma. */
export type CohortForm = {
  month: number;
  day: string;
  grace: string;
  gapGrace: string;
  term: string;
  normative: Record<Level, string>;
};

export const LEVELS = ['bachelor', 'master', 'residency', 'doctorate'] as const satisfies readonly Level[];
/** Bounds the core checks (`CohortSettings::new`, `TERM_YEARS`). */
export const MAX_GRACE_DAYS = 365;
export const TERM_RANGE = [1, 10] as const;

export function cohortFormOf(s: CohortSettings): CohortForm {
  const n = s.normative_years;
  return {
    month: s.arrival.month,
    day: String(s.arrival.day),
    grace: String(s.arrival_grace_days),
    gapGrace: String(s.gap_grace_days),
    term: String(s.uncovered_term_years),
    normative: {
      bachelor: formatYears(n.bachelor),
      master: formatYears(n.master),
      residency: formatYears(n.residency),
      doctorate: formatYears(n.doctorate),
    },
  };
}

function wholeIn(text: string, min: number, max: number): number | null {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= min && n <= max ? n : null;
}

/**
 * The settings the form holds, or which of its fields are wrong (`day`, `grace`, `term`, a
 * level): the arrival day must be a day every year has (no 29 February), as the core checks.
 */
export function cohortSettingsOf(f: CohortForm): { settings: CohortSettings | null; bad: string[] } {
  const bad: string[] = [];
  // 2023 is not a leap year: a day it has, every year has.
  const monthDays = new Date(2023, f.month, 0).getDate();
  const day = f.month >= 1 && f.month <= 12 ? wholeIn(f.day, 1, monthDays) : null;
  if (day === null) bad.push('day');
  const grace = wholeIn(f.grace, 0, MAX_GRACE_DAYS);
  if (grace === null) bad.push('grace');
  const gapGrace = wholeIn(f.gapGrace, 0, MAX_GRACE_DAYS);
  if (gapGrace === null) bad.push('gapGrace');
  const term = wholeIn(f.term, TERM_RANGE[0], TERM_RANGE[1]);
  if (term === null) bad.push('term');
  const years = LEVELS.map((l) => [l, parseYears(f.normative[l])] as const);
  for (const [l, y] of years) if (y === null) bad.push(l);
  if (bad.length > 0 || day === null || grace === null || gapGrace === null || term === null) {
    return { settings: null, bad };
  }
  const normative = Object.fromEntries(years) as Record<Level, number>;
  return {
    settings: {
      arrival: { month: f.month, day },
      arrival_grace_days: grace,
      gap_grace_days: gapGrace,
      uncovered_term_years: term,
      normative_years: normative,
    },
    bad,
  };
}

/** An ISO date moved by whole years; a 29 February to the 28th, as the core moves it. */
export function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(y + years, 4)}-${pad(m, 2)}-${pad(Math.min(d, lastDay), 2)}`;
}
