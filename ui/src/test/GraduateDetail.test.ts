// The card's history: each change as the core words it (what, who, when) with its fields
// old → new, in the window's language; none says so. The card's wishes: each flagged as the
// core flags it, edited as a whole (added, moved, removed) and saved in the order shown, a
// refusal shown beside the draft.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { lang } from '../lib/i18n';
import type { ApplicationView, HistoryEntry } from '../lib/types';
import { appError, detail, vacancy } from './fixtures';

vi.mock('../lib/ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../lib/ipc')>();
  return { ...actual, application: vi.fn(), setApplication: vi.fn(), vacancies: vi.fn(), standing: vi.fn() };
});

import * as ipc from '../lib/ipc';
import GraduateDetail from '../components/GraduateDetail.svelte';

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

const school = vacancy();
const lyceum = vacancy({
  id: 4,
  position: 'Физика пәнінің мұғалімі',
  region: 'abai',
  employer: { bin: '051240001234', name: '«Дарын» лицейі', kind: 'education', ownership: 'state' },
});
const notAllowed = {
  code: 'wish_not_allowed',
  message: {
    kk: 'Ережелер бұл тілектің бірде-бір бос орнына рұқсат етпейді',
    ru: 'Правила не допускают ни одной вакансии этого пожелания',
  },
};
const application: ApplicationView = {
  graduate_id: 7,
  social: null,
  applied_on: '2025-05-20',
  wishes: [
    { wish: { kind: 'vacancy', vacancy_id: 3 }, allowed: 1, flag: null },
    { wish: { kind: 'employer', bin: '051240001234', region: null }, allowed: 0, flag: notAllowed },
  ],
};

beforeEach(() => {
  lang.set('kk');
  vi.mocked(ipc.application).mockReset().mockResolvedValue(application);
  vi.mocked(ipc.vacancies).mockReset().mockResolvedValue([school, lyceum]);
  vi.mocked(ipc.standing).mockReset().mockResolvedValue({
    place: 12,
    rural_place: 3,
    of: 294,
    facts: [['grade_average', { kk: '3,45', ru: '3,45' }]],
    order: { kk: '1. Орташа балл (GPA); соңында: Жеребе (кілті 1)', ru: '1. Средний балл (GPA); затем: Жеребьёвка (ключ 1)' },
  });
  vi.mocked(ipc.setApplication).mockReset().mockImplementation(async ({ request }) => ({
    graduate_id: request.graduate_id,
    applied_on: request.applied_on,
    social: request.social,
    wishes: request.wishes.map((wish) => ({ wish, allowed: 1, flag: null })),
  }));
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

describe('GraduateDetail wishes', () => {
  const rows = () => screen.getAllByTestId('wish-row').map((r) => r.textContent!.replace(/\s+/g, ' ').trim());

  it("lists the wishes in rank order, a wish the rules allow nothing of flagged, with the application's date", async () => {
    render(GraduateDetail, { props: { detail: detail() } });
    await screen.findAllByTestId('wish-row');
    expect(ipc.application).toHaveBeenCalledWith({ graduateId: 7 });
    expect(ipc.vacancies).toHaveBeenCalledWith({ year: 2025 });
    expect(rows()).toEqual([
      'Бос орын: КММ «№5 мектеп», Математика пәнінің мұғалімі · Жамбыл облысы · рұқсат етілген бос орын: 1',
      'Жұмыс беруші: «Дарын» лицейі · БСН 051240001234 · кез келген өңірде · рұқсат етілген бос орын: 0 Ережелер бұл тілектің бірде-бір бос орнына рұқсат етпейді',
    ]);
    // Their place in the commission's order, and what it was made of.
    expect(screen.getByTestId('wishes-standing').textContent!.replace(/\s+/g, ' ').trim()).toBe(
      'Кезектегі орны: 12 / 294 · ауылдағы бос орындарға: 3 · Орташа балл (GPA): 3,45',
    );
    const flags = screen.getAllByTestId('wish-flag');
    expect(flags).toHaveLength(1);
    expect(flags[0].classList.contains('warn')).toBe(true);
    expect(screen.getByTestId('wishes-applied').textContent!.trim()).toBe('Өтініш берілген күні: 20.05.2025');

    lang.set('ru');
    await waitFor(() => expect(flags[0].textContent).toBe('Правила не допускают ни одной вакансии этого пожелания'));
    expect(screen.getByTestId('wishes').querySelector('h3')!.textContent).toContain('Пожелания');
  });

  it('saves the edited list in the order shown, offering no wish twice', async () => {
    render(GraduateDetail, { props: { detail: detail() } });
    await fireEvent.click(await screen.findByTestId('wishes-edit'));
    // The employer first, then the school.
    await fireEvent.click(screen.getAllByTestId('wish-up')[1]);
    await fireEvent.change(screen.getByTestId('wish-kind'), { target: { value: 'region' } });
    const add = screen.getByTestId('wish-add') as HTMLButtonElement;
    expect(add.disabled).toBe(true);
    await fireEvent.change(screen.getByTestId('wish-region'), { target: { value: 'abai' } });
    await fireEvent.click(add);
    // The same region again is not a new wish.
    await fireEvent.change(screen.getByTestId('wish-region'), { target: { value: 'abai' } });
    expect(add.disabled).toBe(true);
    expect(screen.getByTestId('wish-repeated').textContent).toBe('Бұл тілек тізімде бар.');

    await fireEvent.change(screen.getByTestId('wish-kind'), { target: { value: 'vacancy' } });
    const options = [...screen.getByTestId('wish-vacancy').querySelectorAll('option')].map((o) => o.textContent);
    expect(options.slice(1)).toEqual([
      '«Дарын» лицейі, Физика пәнінің мұғалімі · Абай облысы',
      'КММ «№5 мектеп», Математика пәнінің мұғалімі · Жамбыл облысы',
    ]);
    await fireEvent.change(screen.getByTestId('wish-vacancy'), { target: { value: '4' } });
    await fireEvent.click(add);
    await fireEvent.change(screen.getByTestId('wish-kind'), { target: { value: 'employer' } });
    await fireEvent.change(screen.getByTestId('wish-employer'), { target: { value: '940140000385' } });
    await fireEvent.change(screen.getByTestId('wish-region'), { target: { value: 'zhambyl' } });
    await fireEvent.click(add);
    // Then the vacancy of the lyceum is taken off again.
    await fireEvent.click(screen.getAllByTestId('wish-remove')[3]);
    await fireEvent.input(screen.getByTestId('wish-applied-on'), { target: { value: '21.05.2025' } });
    await fireEvent.change(screen.getByTestId('wish-social'), { target: { value: 'large_family' } });
    expect(ipc.setApplication).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByTestId('wish-save'));
    await waitFor(() => expect(ipc.setApplication).toHaveBeenCalledTimes(1));
    expect(vi.mocked(ipc.setApplication).mock.calls[0][0]).toEqual({
      request: {
        graduate_id: 7,
        wishes: [
          { kind: 'employer', bin: '051240001234', region: null },
          { kind: 'vacancy', vacancy_id: 3 },
          { kind: 'region', region: 'abai' },
          { kind: 'employer', bin: '940140000385', region: 'zhambyl' },
        ],
        applied_on: '2025-05-21',
        social: 'large_family',
      },
    });
    // Saved: the list as the core answered, no longer edited.
    await waitFor(() => expect(screen.queryByTestId('wish-save')).toBeNull());
    expect(screen.getByTestId('wishes-social').textContent).toContain('Көп балалы отбасынан');
    expect(rows()).toHaveLength(4);
    expect(rows()[3]).toContain('Жұмыс беруші: КММ «№5 мектеп» · БСН 940140000385 · Жамбыл облысы');
  });

  it("shows the core's refusal beside the draft, which stays to be corrected", async () => {
    vi.mocked(ipc.setApplication).mockRejectedValueOnce(appError('too_many_wishes'));
    render(GraduateDetail, { props: { detail: detail() } });
    await fireEvent.click(await screen.findByTestId('wishes-edit'));
    await fireEvent.click(screen.getAllByTestId('wish-remove')[0]);
    await fireEvent.click(screen.getByTestId('wish-save'));
    expect((await screen.findByTestId('wishes-error')).textContent).toBe('сервер: too_many_wishes');
    expect(rows()).toHaveLength(1);
    await fireEvent.click(screen.getByTestId('wish-cancel'));
    expect(rows()).toHaveLength(2);
  });
});
