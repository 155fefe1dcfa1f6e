// The card's history: each change as the core words it (what, who, when) with its fields
// old → new, in the window's language; none says so.
import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { lang } from '../lib/i18n';
import GraduateDetail from '../components/GraduateDetail.svelte';
import type { HistoryEntry } from '../lib/types';
import { detail } from './fixtures';

const both = (kk: string, ru: string) => ({ kk, ru });
const same = (s: string) => both(s, s);

const corrected: HistoryEntry = {
  at: '2025-09-02T10:11:00Z',
  actor: 'Омарова Д.',
  what: both('Келгені: түзетілді', 'Прибытие: исправлено'),
  changes: [{ field: 'on', label: both('Келген күні', 'Дата прибытия'), old: same('01.09.2025'), new: same('02.09.2025') }],
};
const added: HistoryEntry = {
  at: '2025-06-01T09:00:00Z',
  actor: 'Ахметов А.',
  what: both('Тізімнен қосылды', 'Добавлен из списка'),
  changes: [],
};

const entries = () => screen.getAllByTestId('history-entry').map((e) => e.textContent!.replace(/\s+/g, ' ').trim());

beforeEach(() => {
  lang.set('kk');
});

describe('GraduateDetail history', () => {
  it('lists each change in words with its fields old → new and who made it, Kazakh first', () => {
    render(GraduateDetail, { props: { detail: detail({ history: [added, corrected] }) } });
    const [first, second] = entries();
    expect(first).toContain('Тізімнен қосылды');
    expect(first).toContain('Ахметов А.');
    expect(second).toContain('Келгені: түзетілді');
    expect(second).toContain('Келген күні: 01.09.2025 → 02.09.2025');
    expect(second).toContain('Омарова Д.');
  });

  it('reads in Russian', () => {
    lang.set('ru');
    render(GraduateDetail, { props: { detail: detail({ history: [corrected] }) } });
    expect(entries()[0]).toContain('Прибытие: исправлено');
    expect(entries()[0]).toContain('Дата прибытия: 01.09.2025 → 02.09.2025');
  });

  it('says when there is nothing yet', () => {
    render(GraduateDetail, { props: { detail: detail({ history: [] }) } });
    expect(screen.queryByTestId('history-entry')).toBeNull();
    expect(screen.getByText('Жазба жоқ.')).toBeTruthy();
  });
});
