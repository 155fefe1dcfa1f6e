// Small pure helpers that turn core records into what a screen shows.

import { codeLabel, formatDate, has, translate, type Lang } from './i18n';
import type { AuditEntry, Obligation, Outcome, Period, Text } from './types';

/** The rules' verdict, whichever way the union is tagged. */
export function obligationView(o: Obligation | null | undefined): {
  bound: boolean;
  name: Text | null;
  termYears: number | null;
} {
  if (!o) return { bound: false, name: null, termYears: null };
  const tag = (o as { status?: string; kind?: string }).status ?? (o as { kind?: string }).kind;
  if (tag === 'bound') {
    const b = o as { name?: Text; term_years?: number };
    return { bound: true, name: b.name ?? null, termYears: b.term_years ?? null };
  }
  return { bound: false, name: null, termYears: null };
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

export function periodKind(p: Period): 'work' | 'centre' | 'deferral' {
  return p.activity.kind;
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
  const d = entry.details as { new?: unknown; old?: unknown; source?: unknown } | null;
  if (!d || typeof d !== 'object') return '';
  const value = d.new ?? d.old ?? null;
  const parts: string[] = [];
  if (typeof d.source === 'string' && d.source) parts.push(d.source);
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>).slice(0, 6)) {
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

export const OUTCOMES = ['vacancy', 'employment_centre', 'exempt', 'deferred', 'no_decision'] as const;
export type StatsOutcome = (typeof OUTCOMES)[number];
export type Counts = Record<StatsOutcome, number> & { total: number };

/** A statistics tally as counts per outcome, whatever its serialised form. */
export function tallyCounts(tally: unknown): Counts {
  const out = { vacancy: 0, employment_centre: 0, exempt: 0, deferred: 0, no_decision: 0, total: 0 };
  if (tally && typeof tally === 'object') {
    const raw = tally as Record<string, unknown>;
    if (Array.isArray(raw.counts)) {
      OUTCOMES.forEach((o, i) => (out[o] = Number((raw.counts as unknown[])[i] ?? 0)));
    } else {
      for (const o of OUTCOMES) out[o] = Number(raw[o] ?? 0);
    }
  }
  out.total = OUTCOMES.reduce((n, o) => n + out[o], 0);
  return out;
}

/** "42 %" share of `part` in `whole`. */
export function percent(part: number, whole: number): string {
  if (whole <= 0) return '—';
  return `${Math.round((part / whole) * 100)}\u202f%`;
}
