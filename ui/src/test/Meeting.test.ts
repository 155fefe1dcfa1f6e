// The meeting screen against a mocked IPC: a referral's arrival date is the meeting's default
// (not a date the window makes up), asked again for another meeting; the queue marks a
// graduate no rules row covers, one back from an ended deferral, and one whose finalised
// papers the lists have since contradicted (decided again as a revision of that decision).
// Bulk work is safe: a double Enter refers once, the suggestion is accepted only for the rows
// kept, the undecided go to the centre as a group, and finalising says who is still undecided.
// The suggestion is simulated once in both modes: their figures side by side, the mode only
// switching the list shown, and why a graduate gets what a mode gives them (or nothing).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { lang } from '../lib/i18n';
import { app } from '../lib/state.svelte';
import { appError, decisionView, detail, eligibility, explanation, meeting, queueRow, simulation, suggestion, vacancy } from './fixtures';

vi.mock('../lib/ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../lib/ipc')>();
  return {
    ...actual,
    commission: vi.fn(),
    meetings: vi.fn(),
    undecided: vi.fn(),
    meetingDefaults: vi.fn(),
    eligibility: vi.fn(),
    graduateDetail: vi.fn(),
    decide: vi.fn(),
    simulate: vi.fn(),
    explain: vi.fn(),
    setUnacceptable: vi.fn(),
    printDraft: vi.fn(),
    vacancies: vi.fn(),
    acceptSuggestions: vi.fn(),
    referToCentre: vi.fn(),
  };
});

import * as ipc from '../lib/ipc';
import Meeting from '../screens/Meeting.svelte';

beforeEach(() => {
  lang.set('kk');
  app.year = 2025;
  app.error = null;
  vi.mocked(ipc.commission).mockReset().mockResolvedValue({
    id: 1,
    year: 2025,
    name: { kk: 'Комиссия', ru: 'Комиссия' },
    members: [],
  });
  vi.mocked(ipc.meetings).mockReset().mockResolvedValue([
    meeting({ id: 1, number: 1, held_on: '2025-06-20', finalised: { at: '2025-06-20T15:00:00Z', by: 'secretary' } }),
    meeting({ id: 2, number: 2, held_on: '2025-10-03' }),
  ]);
  vi.mocked(ipc.undecided).mockReset().mockResolvedValue([
    queueRow({ id: 7 }),
    queueRow({ id: 8, full_name: 'Ким Ксения', state: 'not_covered' }),
    queueRow({ id: 9, full_name: 'Оспанов Ерлан', status: 'deferral', revises: 55 }),
  ]);
  vi.mocked(ipc.meetingDefaults)
    .mockReset()
    .mockImplementation(async ({ meetingId }) => ({
      arrival: meetingId === 2 ? '2025-10-03' : '2025-09-01',
      latest_arrival: meetingId === 2 ? '2027-10-03' : '2027-06-20',
      deferral_from: ['2023-06-20', '2027-06-20'],
      deferral_years: 2,
    }));
  vi.mocked(ipc.eligibility).mockReset().mockResolvedValue(eligibility());
  vi.mocked(ipc.graduateDetail).mockReset().mockResolvedValue(detail({ decisions: [] }));
  vi.mocked(ipc.decide).mockReset().mockResolvedValue(decisionView({ id: 900 }));
});

describe('Meeting', () => {
  it("refers with the meeting's default arrival date, asked again for another meeting", async () => {
    render(Meeting);
    const arrival = (await screen.findByTestId('arrival-default')) as HTMLInputElement;
    await waitFor(() => expect(arrival.value).toBe('03.10.2025'));
    expect(vi.mocked(ipc.meetingDefaults).mock.calls.at(-1)![0]).toEqual({ meetingId: 2 });

    await fireEvent.click(await screen.findByTestId('refer'));
    await waitFor(() => expect(ipc.decide).toHaveBeenCalledTimes(1));
    expect(vi.mocked(ipc.decide).mock.calls[0][0].request.outcome).toEqual({
      kind: 'vacancy',
      vacancy_id: 3,
      arrival_date: '2025-10-03',
    });

    await fireEvent.change(screen.getByTestId('meeting-select'), { target: { value: '1' } });
    await waitFor(() => expect(arrival.value).toBe('01.09.2025'));
  });

  it('marks who is not covered by the rules and whose deferral ended', async () => {
    render(Meeting);
    const items = await screen.findAllByTestId('queue-item');
    expect(items).toHaveLength(3);
    expect(items[0].querySelector('[data-testid="queue-not-covered"]')).toBeNull();
    expect(items[1].querySelector('[data-testid="queue-not-covered"]')!.textContent).toBe('Ережелер кестесінде қамтылмаған');
    expect(items[2].querySelector('[data-testid="queue-deferral-ended"]')!.textContent).toBe('Кейінге қалдыру аяқталды');
    expect(items[2].querySelector('[data-testid="queue-not-covered"]')).toBeNull();
  });

  it('marks a graduate whose papers the lists contradict, shows what changed, and decides again as a revision', async () => {
    const renamed = {
      field: 'surname',
      label: { kk: 'Тегі', ru: 'Фамилия' },
      old: { kk: 'Сейітқалиева', ru: 'Сейітқалиева' },
      new: { kk: 'Ахметова', ru: 'Ахметова' },
    };
    vi.mocked(ipc.undecided).mockResolvedValue([
      queueRow({ id: 8, full_name: 'Ким Ксения' }),
      queueRow({ id: 7, full_name: 'Ахметова Айдана', status: 'vacancy', revises: 101, changed: [renamed] }),
    ]);
    vi.mocked(ipc.graduateDetail).mockResolvedValue(detail({ decisions: [decisionView({ id: 101 })] }));
    render(Meeting);
    const items = await screen.findAllByTestId('queue-item');
    expect(items[0].querySelector('[data-testid="queue-changed"]')).toBeNull();
    expect(items[1].querySelector('[data-testid="queue-changed"]')!.textContent).toBe('Деректер өзгерді');
    // Not an ended deferral, though it has a decision to revise.
    expect(items[1].querySelector('[data-testid="queue-deferral-ended"]')).toBeNull();

    await fireEvent.click(items[1]);
    const changed = await screen.findByTestId('decision-changed');
    expect([...changed.querySelectorAll('[data-testid="field-change"]')].map((li) => li.textContent)).toEqual([
      'Тегі: Сейітқалиева → Ахметова',
    ]);
    expect(screen.getByTestId('decision-changed-revises').textContent).toBe('Жаңа шешім №101 шешімнің орнына қабылданады.');
    expect(screen.queryByTestId('deferral-ended')).toBeNull();
    await waitFor(() => expect((screen.getByTestId('revision-reason') as HTMLInputElement).value).toBe('Деректер өзгерді'));

    lang.set('ru');
    await waitFor(() => expect(screen.getByTestId('decision-changed-revises').textContent).toBe('Новое решение заменит решение №101.'));
    expect(changed.querySelector('[data-testid="field-change"]')!.textContent).toBe('Фамилия: Сейітқалиева → Ахметова');

    await fireEvent.click(screen.getByTestId('refer'));
    await waitFor(() => expect(ipc.decide).toHaveBeenCalledTimes(1));
    expect(vi.mocked(ipc.decide).mock.calls[0][0].request).toMatchObject({
      graduate_id: 7,
      revises: 101,
      reason: 'Деректер өзгерді',
    });
  });
});

describe('Meeting: bulk work', () => {
  it('refers once on a double Enter while the first decision is written, and ignores a held Enter', async () => {
    let written: (v: ReturnType<typeof decisionView>) => void = () => {};
    vi.mocked(ipc.decide).mockImplementation(() => new Promise((resolve) => (written = resolve)));
    render(Meeting);
    await screen.findByTestId('refer');
    const queue = screen.getByRole('listbox');
    await fireEvent.keyDown(queue, { key: 'Enter' });
    await fireEvent.keyDown(queue, { key: 'Enter' });
    await fireEvent.keyDown(queue, { key: 'Enter', repeat: true });
    expect(ipc.decide).toHaveBeenCalledTimes(1);
    written(decisionView({ id: 900 }));
    await waitFor(() => expect(screen.getAllByTestId('queue-item')).toHaveLength(2));
    await fireEvent.keyDown(queue, { key: 'Enter', repeat: true });
    expect(ipc.decide).toHaveBeenCalledTimes(1);
  });

  it('accepts only the suggestion rows kept, saying how many', async () => {
    vi.mocked(ipc.simulate).mockResolvedValue(simulation({ stable: [7, 8, 9].map((graduate_id) => suggestion({ graduate_id })) }));
    vi.mocked(ipc.vacancies).mockResolvedValue([vacancy()]);
    vi.mocked(ipc.acceptSuggestions).mockResolvedValue(1);
    render(Meeting);
    await screen.findAllByTestId('queue-item');
    await fireEvent.click(screen.getByRole('tab', { name: 'Ұсыныс' }));
    await fireEvent.click(screen.getByTestId('suggest'));
    const takes = await screen.findAllByTestId('suggestion-take');
    expect(screen.getByTestId('accept-all').textContent).toContain('(3)');
    await fireEvent.click(takes[0]);
    await fireEvent.click(takes[2]);
    expect(screen.getByTestId('accept-all').textContent).toContain('(1)');
    expect(ipc.acceptSuggestions).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('accept-all'));
    expect(screen.getByTestId('accept-count').textContent).toBe(
      'Бос орынға жолданатын түлектер: 1 (келу күні 03.10.2025). Алынып тасталғандар кезекте қалады: 2.',
    );
    await fireEvent.click(screen.getByTestId('accept-confirm'));
    await waitFor(() => expect(ipc.acceptSuggestions).toHaveBeenCalledTimes(1));
    expect(vi.mocked(ipc.acceptSuggestions).mock.calls[0][0]).toMatchObject({
      meetingId: 2,
      mode: 'stable',
      arrival: '2025-10-03',
      picks: [[8, 3]],
    });
  });

  it('sends the undecided to the centre as a group, showing who could not be sent in the dialog', async () => {
    vi.mocked(ipc.referToCentre)
      .mockRejectedValueOnce({ ...appError('not_sent', { name: 'Ким Ксения' }), message: { kk: 'Ким Ксения орталыққа жолданбады', ru: 'Ким Ксения не направлена' } })
      .mockResolvedValueOnce([decisionView({ id: 950, graduate_id: 7 }), decisionView({ id: 951, graduate_id: 8 })]);
    render(Meeting);
    await screen.findAllByTestId('queue-item');
    // The graduate back from a deferral is revised one by one, with a reason of their own.
    await fireEvent.click(screen.getByTestId('centre-group'));
    const dialog = screen.getByTestId('centre-group-dialog');
    expect([...dialog.querySelectorAll('[data-testid="undecided-names"] li')].map((li) => li.textContent)).toHaveLength(2);
    await fireEvent.input(screen.getByTestId('centre-group-reason'), { target: { value: 'Орын жоқ' } });
    await fireEvent.click(screen.getByTestId('centre-group-confirm'));
    expect((await screen.findByTestId('centre-group-error')).textContent).toBe('Ким Ксения орталыққа жолданбады');
    await fireEvent.click(screen.getByTestId('centre-group-confirm'));
    await waitFor(() => expect(screen.getAllByTestId('queue-item')).toHaveLength(1));
    expect(vi.mocked(ipc.referToCentre).mock.calls[1][0].request).toEqual({ meeting_id: 2, graduate_ids: [7, 8], reason: 'Орын жоқ' });
    expect(screen.getAllByTestId('decision-made')).toHaveLength(2);
  });

  it('says before finalising how many are still undecided', async () => {
    render(Meeting);
    await screen.findAllByTestId('queue-item');
    await fireEvent.click(screen.getByTestId('meeting-finalise'));
    expect(screen.getByTestId('finalise-undecided').textContent).toContain('Шешімі жоқ түлектер: 2.');
    lang.set('ru');
    await waitFor(() => expect(screen.getByTestId('finalise-undecided').textContent).toContain('Выпускников без решения: 2.'));
  });
});

describe('Meeting: matching', () => {
  const rowIds = () => screen.getAllByTestId('suggestion').map((r) => Number(r.dataset.graduateId));
  /** The figures table as text: a line per row, its cells joined by « | ». */
  const figureLines = () =>
    [...screen.getByTestId('matching-figures').querySelectorAll('tr')].map((tr) =>
      [...tr.children].map((c) => c.textContent!.trim()).join(' | '),
    );

  beforeEach(() => {
    vi.mocked(ipc.simulate).mockReset().mockResolvedValue(simulation());
    vi.mocked(ipc.vacancies).mockReset().mockResolvedValue([vacancy()]);
    vi.mocked(ipc.explain).mockReset().mockResolvedValue(explanation());
    vi.mocked(ipc.acceptSuggestions).mockReset().mockResolvedValue(3);
    vi.mocked(ipc.undecided).mockResolvedValue([
      queueRow({ id: 7 }),
      queueRow({ id: 8, full_name: 'Ким Ксения' }),
      queueRow({ id: 9, full_name: 'Оспанов Ерлан' }),
    ]);
  });

  async function simulate() {
    render(Meeting);
    await screen.findAllByTestId('queue-item');
    await fireEvent.click(screen.getByTestId('tab-suggest'));
    await fireEvent.click(screen.getByTestId('suggest'));
    await screen.findAllByTestId('suggestion');
  }

  it("shows both modes' figures side by side, the chosen one marked, and the order in words", async () => {
    await simulate();
    expect(ipc.simulate).toHaveBeenCalledWith({ year: 2025 });
    expect(figureLines()).toEqual([
      'Көрсеткіш | Тұрақты | Толтыру',
      'Шешім күтетін түлектер | 3 | 3',
      'Бос орындардағы орын саны | 4 | 4',
      'Орналастырылғандар | 2 | 3',
      '1-тілек бойынша | 1 | 0',
      '2-тілек бойынша | 1 | 0',
      '3-тілек бойынша | 0 | 0',
      'одан кейінгі тілектер бойынша | 0 | 1',
      'тілектерден тыс | 0 | 2',
      'Комиссияның шешіміне қалғандар | 1 | 0',
      'Негізді қызғаныш | 0 | 2',
    ]);
    const figures = screen.getByTestId('matching-figures');
    expect(figures.querySelector('th.chosen')!.textContent).toBe('Тұрақты');
    expect(figures.textContent).toContain('кезекте жоғары тұрған түлек қалаған орынды кезекте одан төмен тұрған түлек алған');
    expect(screen.getByTestId('matching-order').textContent).toBe('Кезек тәртібі: 1. Орташа балл (GPA); соңында: Жеребе (кілті 7)');
    // The wish a row meets is counted from 1, as the core counts it.
    expect(screen.getAllByTestId('suggestion')[1].textContent).toContain('2-тілек');

    lang.set('ru');
    await waitFor(() => expect(figureLines()[0]).toBe('Показатель | Устойчивое | Заполнение'));
    expect(figureLines().at(-1)).toBe('Обоснованная зависть | 0 | 2');
  });

  it('switches the list with the mode without asking again, the rows left out starting afresh', async () => {
    await simulate();
    expect(rowIds()).toEqual([7, 8]);
    await fireEvent.click(screen.getAllByTestId('suggestion-take')[0]);
    expect(screen.getByTestId('accept-all').textContent).toContain('(1)');

    await fireEvent.change(screen.getByTestId('suggest-mode'), { target: { value: 'fill' } });
    expect(rowIds()).toEqual([7, 8, 9]);
    expect(screen.getAllByTestId('suggestion-take').every((box) => (box as HTMLInputElement).checked)).toBe(true);
    expect(screen.getByTestId('matching-figures').querySelector('th.chosen')!.textContent).toBe('Толтыру');
    expect(ipc.simulate).toHaveBeenCalledTimes(1);

    await fireEvent.click(screen.getByTestId('accept-all'));
    await fireEvent.click(screen.getByTestId('accept-confirm'));
    await waitFor(() => expect(ipc.acceptSuggestions).toHaveBeenCalledTimes(1));
    expect(vi.mocked(ipc.acceptSuggestions).mock.calls[0][0]).toMatchObject({ mode: 'fill', picks: [[7, 3], [8, 3], [9, 3]] });
  });

  it("explains a graduate in the mode shown, and one the mode leaves to the commission", async () => {
    vi.mocked(ipc.explain).mockImplementation(async ({ graduateId }) =>
      graduateId === 8
        ? explanation({ graduate_id: 8, got: suggestion({ graduate_id: 8, wish: 2 }), wishes: explanation().wishes.slice(0, 1) })
        : explanation(),
    );
    await simulate();
    // Stable mode leaves Оспанов Ерлан to the commission: he is listed with a why of his own.
    const without = screen.getAllByTestId('unplaced');
    expect(without.map((li) => li.dataset.graduateId)).toEqual(['9']);
    expect(screen.getByTestId('unplaced-list').querySelector('summary')!.textContent).toBe('Ұсыныссыз қалғандар (1)');

    const row = screen.getAllByTestId('suggestion')[1];
    await fireEvent.click(row.querySelector('[data-testid="suggestion-why"]')!);
    expect(ipc.explain).toHaveBeenLastCalledWith({ graduateId: 8, mode: 'stable' });
    const panel = await screen.findByTestId('explanation');
    await waitFor(() => expect(screen.getByTestId('explanation-got').textContent).toContain('Ұсынылғаны: КММ «№5 мектеп», Математика пәнінің мұғалімі'));
    expect(panel.querySelector('h3')!.textContent).toBe('Ким Ксения: неге осылай');
    expect(screen.getByTestId('explanation-got').textContent).toContain('2-тілек');
    expect(screen.getByTestId('explanation-place').textContent!.replace(/\s+/g, ' ').trim()).toBe(
      'Кезектегі орны: 2 / 3 · ауылдағы бос орындарға: 1',
    );
    expect(screen.getByTestId('explanation-fact').textContent).toBe('3.21');
    expect(panel.textContent).toContain('Орташа балл (GPA)');
    const vacancy = screen.getByTestId('explanation-vacancy');
    expect(vacancy.dataset.why).toBe('taken');
    expect(vacancy.textContent).toContain('1 орын; 1 орын кезекте жоғары тұрған түлектерге берілді.');
    expect(screen.getByTestId('explanation-wish').textContent).toContain('1-тілек — Бос орын: КММ «№5 мектеп», Математика пәнінің мұғалімі · Жамбыл облысы');

    await fireEvent.click(without[0].querySelector('[data-testid="suggestion-why"]')!);
    expect(ipc.explain).toHaveBeenLastCalledWith({ graduateId: 9, mode: 'stable' });
    await waitFor(() => expect(screen.getByTestId('explanation-got').textContent).toBe(
      'Бұл тәсілде ұсыныс жоқ: түлекке комиссия өзі шешім қабылдайды.',
    ));
    const wishes = screen.getAllByTestId('explanation-wish');
    expect(wishes[1].textContent).toContain('2-тілек — Өңір: Абай облысы');
    expect(wishes[1].textContent).toContain('Бұл тілекке сай ашық бос орын жоқ.');

    // Another mode, the same graduate explained in it; the simulation is not asked again.
    await fireEvent.change(screen.getByTestId('suggest-mode'), { target: { value: 'fill' } });
    expect(ipc.explain).toHaveBeenLastCalledWith({ graduateId: 9, mode: 'fill' });
    expect(ipc.simulate).toHaveBeenCalledTimes(1);
    lang.set('ru');
    await waitFor(() => expect(screen.getByTestId('explanation-vacancy').textContent).toContain('Мест: 1; 1 отдано выпускникам выше в очереди.'));

    await fireEvent.click(screen.getByTestId('explanation-close'));
    expect(screen.queryByTestId('explanation')).toBeNull();
  });

  it("records an employer's refusal from the explanation, then matches again and explains again", async () => {
    vi.mocked(ipc.explain).mockResolvedValue(
      explanation({ graduate_id: 8, got: suggestion({ graduate_id: 8, wish: 2 }), wishes: explanation().wishes.slice(0, 1) }),
    );
    vi.mocked(ipc.setUnacceptable).mockReset().mockResolvedValue(undefined);
    await simulate();
    await fireEvent.click(screen.getAllByTestId('suggestion')[1].querySelector('[data-testid="suggestion-why"]')!);
    await screen.findByTestId('explanation-got');
    // The suggested vacancy itself: the employer refuses the candidate, with its reason.
    const got = screen.getByTestId('explanation-got');
    await fireEvent.click(got.querySelector('[data-testid="refusal-open"]')!);
    const save = screen.getByTestId('refusal-save') as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await fireEvent.input(screen.getByTestId('refusal-reason'), { target: { value: 'Санаты жоқ' } });
    await fireEvent.click(save);
    await waitFor(() => expect(ipc.setUnacceptable).toHaveBeenCalledWith({ request: { vacancy_id: 3, graduate_id: 8, reason: 'Санаты жоқ' } }));
    await waitFor(() => expect(ipc.simulate).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(ipc.explain).toHaveBeenCalledTimes(2));
    expect(vi.mocked(ipc.explain).mock.calls[1][0]).toEqual({ graduateId: 8, mode: 'stable' });
  });

  it('prints the draft of the mode shown, in the window\'s language, and offers the file', async () => {
    vi.mocked(ipc.printDraft).mockReset().mockResolvedValue('/home/s/papers/draft-2025-fill-kk.xlsx');
    await simulate();
    await fireEvent.change(screen.getByTestId('suggest-mode'), { target: { value: 'fill' } });
    await fireEvent.click(screen.getByTestId('draft-xlsx'));
    await waitFor(() => expect(ipc.printDraft).toHaveBeenCalledWith({ year: 2025, mode: 'fill', lang: 'kk', xlsx: true }));
    await waitFor(() => expect(screen.getByTestId('draft-file').textContent).toContain('draft-2025-fill-kk.xlsx'));
  });
});
