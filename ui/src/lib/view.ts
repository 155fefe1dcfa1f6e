// Small pure helpers that turn core records into what a screen shows.

import { codeLabel, formatDate, has, translate, type Lang } from './i18n';
import type {
  AuditEntry,
  Graduate,
  Obligation,
  Outcome,
  Period,
  PlacementOutcome,
  PlacementTally,
  Text,
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

/** The last part of a path, Windows or Unix. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The rules' verdict: bound (with the row's name and term) or not. */
export function obligationView(o: Obligation | null | undefined): {
  bound: boolean;
  name: Text | null;
  termYears: number | null;
} {
  if (o?.status !== 'bound') return { bound: false, name: null, termYears: null };
  return { bound: true, name: o.name, termYears: o.term_years };
}

/** A decision's outcome in a few words (the server's `summary` is preferred when present). */
export function outcomeText(l: Lang, o: Outcome): string {
  switch (o.kind) {
    case 'vacancy':
      return translate(l, 'outcome.vacancy', { date: formatDate(o.arrival_date) });
    case 'employment_centre':
      return translate(l, 'outcome.employment_centre', { region: codeLabel(l, 'Region', o.region) });
    case 'exemption':
      return translate(l, 'outcome.exemption', { ground: codeLabel(l, 'ExemptionGround', o.ground) });
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

export function auditAction(l: Lang, entry: AuditEntry): string {
  const action = has(l, `audit.action.${entry.action}`)
    ? translate(l, `audit.action.${entry.action}`)
    : entry.action;
  const entity = has(l, `audit.entity.${entry.entity}`)
    ? translate(l, `audit.entity.${entry.entity}`)
    : entry.entity;
  return `${entity}: ${action}`;
}

/** A short readable rendering of an audit row's details (new values, else old). */
export function auditDetails(entry: AuditEntry): string {
  const d = entry.details;
  if (!d || typeof d !== 'object' || Array.isArray(d)) return '';
  const value = d.new ?? d.old ?? null;
  const parts: string[] = [];
  if (typeof d.source === 'string' && d.source) parts.push(d.source);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value).slice(0, 6)) {
      if (v === null || typeof v === 'object') continue;
      parts.push(`${k}: ${String(v)}`);
    }
  }
  return parts.join('; ');
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

/** "42 %" share of `part` in `whole`. */
export function percent(part: number, whole: number): string {
  if (whole <= 0) return '—';
  return `${Math.round((part / whole) * 100)}\u202f%`;
}
