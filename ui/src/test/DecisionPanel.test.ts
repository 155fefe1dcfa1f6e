// The meeting's decision panel against a mocked IPC: a centre referral refused because
// allowed vacancies have places asks for its reason inside the dialog and is sent again with
// it (never without); a graduate no rules row covers is marked and can still be decided; one
// back from an ended deferral is decided as its revision, and so is one whose papers the lists
// have since contradicted (what changed listed); the flattened decision is shown.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { lang } from '../lib/i18n';
import { app } from '../lib/state.svelte';
import type { DecisionRequest } from '../lib/types';
import { appError, decisionView, detail, eligibility, meeting, queueRow } from './fixtures';

vi.mock('../lib/ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../lib/ipc')>();
  return {
    ...actual,
    eligibility: vi.fn(),
    graduateDetail: vi.fn(),
    decide: vi.fn(),
    deferralReasons: vi.fn(),
  };
});

import * as ipc from '../lib/ipc';
import DecisionPanel from '../components/meeting/DecisionPanel.svelte';

const requests = () => vi.mocked(ipc.decide).mock.calls.map((c) => c[0].request as DecisionRequest);

beforeEach(() => {
  lang.set('ru');
  app.error = null;
  vi.mocked(ipc.eligibility).mockReset().mockResolvedValue(eligibility());
  vi.mocked(ipc.graduateDetail).mockReset().mockResolvedValue(detail({ decisions: [] }));
  vi.mocked(ipc.decide).mockReset();
  vi.mocked(ipc.deferralReasons).mockReset();
});

function show(props: Partial<{ queueRow: ReturnType<typeof queueRow> | null; arrivalDate: string }> = {}) {
  const ondecided = vi.fn();
  render(DecisionPanel, {
    props: { meeting: meeting(), graduateId: 7, arrivalDate: '2025-09-01', ondecided, ...props },
  });
  return ondecided;
}

describe('DecisionPanel', () => {
  it('asks for the centre referral’s reason inside the dialog, and sends it only with one', async () => {
    vi.mocked(ipc.decide)
      .mockRejectedValueOnce(appError('vacancies_available', { count: '6' }))
      .mockResolvedValueOnce(decisionView({ id: 900, outcome: { kind: 'employment_centre', region: 'almaty_city', override_reason: 'Отказался от вакансий' } }));
    const ondecided = show();
    await fireEvent.click(await screen.findByTestId('decide-centre'));
    expect(screen.queryByTestId('centre-reason')).toBeNull();

    await fireEvent.click(screen.getByTestId('centre-confirm'));
    await screen.findByTestId('centre-reason');
    expect(requests()).toHaveLength(1);
    expect(requests()[0].outcome).toEqual({ kind: 'employment_centre', region: 'almaty_city', override_reason: null });
    // The warning is in the dialog, not the banner.
    expect(screen.getByTestId('centre-warning').textContent).toBe('сервер (ru): vacancies_available');
    expect(app.error).toBeNull();

    // No reason, no send.
    const confirm = screen.getByTestId('centre-confirm') as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    await fireEvent.input(screen.getByTestId('centre-reason'), { target: { value: '   ' } });
    expect(confirm.disabled).toBe(true);
    await fireEvent.click(confirm);
    expect(requests()).toHaveLength(1);

    await fireEvent.input(screen.getByTestId('centre-reason'), { target: { value: '  Отказался от вакансий ' } });
    expect(confirm.disabled).toBe(false);
    await fireEvent.click(confirm);
    await waitFor(() => expect(ondecided).toHaveBeenCalledTimes(1));
    expect(requests()[1].outcome).toEqual({ kind: 'employment_centre', region: 'almaty_city', override_reason: 'Отказался от вакансий' });
    expect(requests()[1].revises).toBeNull();
    expect(ondecided.mock.calls[0][0].id).toBe(900);
  });

  it('sends a centre referral without a reason when no allowed vacancy is open', async () => {
    vi.mocked(ipc.decide).mockResolvedValueOnce(decisionView({ id: 901 }));
    const ondecided = show();
    await fireEvent.click(await screen.findByTestId('decide-centre'));
    await fireEvent.click(screen.getByTestId('centre-confirm'));
    await waitFor(() => expect(ondecided).toHaveBeenCalledTimes(1));
    expect(requests()[0].outcome).toEqual({ kind: 'employment_centre', region: 'almaty_city', override_reason: null });
  });

  it('marks a graduate no rules row covers, who can still be sent to the centre, exempted or deferred', async () => {
    vi.mocked(ipc.eligibility).mockResolvedValue(
      eligibility({ coverage: { status: 'not_covered', funding: 'state_order', level: 'bachelor', field: 'other' }, allowed: [] }),
    );
    show({ queueRow: queueRow({ state: 'not_covered' }) });
    const note = await screen.findByTestId('not-covered');
    expect(note.textContent).toContain('Не охвачен таблицей правил');
    for (const id of ['decide-centre', 'decide-exemption', 'decide-deferral']) {
      expect((screen.getByTestId(id) as HTMLButtonElement).disabled).toBe(false);
    }
  });

  it('decides a graduate back from an ended deferral as its revision', async () => {
    const deferral = decisionView({
      id: 55,
      outcome: { kind: 'deferral', reason: 'military_conscription', from: '2024-07-01', to: '2025-06-30' },
      summary: { kk: 'Кейінге қалдыру', ru: 'Отсрочка' },
    });
    vi.mocked(ipc.graduateDetail).mockResolvedValue(detail({ decisions: [deferral] }));
    vi.mocked(ipc.decide).mockResolvedValueOnce(decisionView({ id: 902, revises: 55 }));
    const ondecided = show({ queueRow: queueRow({ status: 'deferral', revises: 55 }) });
    expect((await screen.findByTestId('deferral-ended')).textContent).toContain('Отсрочка окончена');
    await waitFor(() => expect((screen.getByTestId('revision-reason') as HTMLInputElement).value).toBe('Отсрочка окончена'));

    await fireEvent.click(screen.getByTestId('refer'));
    await waitFor(() => expect(ondecided).toHaveBeenCalledTimes(1));
    expect(requests()[0]).toEqual({
      meeting_id: 2,
      graduate_id: 7,
      outcome: { kind: 'vacancy', vacancy_id: 3, arrival_date: '2025-09-01' },
      revises: 55,
      reason: 'Отсрочка окончена',
    });
  });

  it('shows the current decision flattened, with what to review as a warning', async () => {
    vi.mocked(ipc.graduateDetail).mockResolvedValue(
      detail({
        decisions: [
          decisionView({
            id: 60,
            meeting_number: 3,
            outcome: { kind: 'deferral', reason: 'military_enlistment', from: '2025-07-01', to: null },
            summary: { kk: 'Кейінге қалдыру: келісімшарт', ru: 'Отсрочка: контракт' },
            review: { kk: 'Заңда негіз емес', ru: 'Не основание по закону' },
          }),
        ],
      }),
    );
    show();
    const current = await screen.findByTestId('current-decision');
    expect(current.textContent).toContain('заседание №3');
    expect(current.textContent).toContain('Отсрочка: контракт');
    const review = screen.getByTestId('decision-review');
    expect(review.textContent).toContain('Не основание по закону');
    expect(review.classList.contains('warn')).toBe(true);

    // A revision needs its reason.
    await fireEvent.click(screen.getByTestId('refer'));
    expect(requests()).toHaveLength(0);
  });

  it('refers with the arrival date it is given', async () => {
    vi.mocked(ipc.decide).mockResolvedValueOnce(decisionView({ id: 903 }));
    const ondecided = show({ arrivalDate: '2025-09-15' });
    await fireEvent.click(await screen.findByTestId('refer'));
    await waitFor(() => expect(ondecided).toHaveBeenCalledTimes(1));
    expect(requests()[0].outcome).toEqual({ kind: 'vacancy', vacancy_id: 3, arrival_date: '2025-09-15' });
  });

  it("lists what the lists changed and revises the row's decision", async () => {
    vi.mocked(ipc.decide).mockResolvedValueOnce(decisionView({ id: 904, revises: 77 }));
    const changes = [
      { field: 'surname', label: { kk: 'Тегі', ru: 'Фамилия' }, old: { kk: 'Сейітқалиева', ru: 'Сейітқалиева' }, new: { kk: 'Ахметова', ru: 'Ахметова' } },
      { field: 'employer', label: { kk: 'Жұмыс беруші', ru: 'Работодатель' }, old: { kk: 'ЖШС «Х»', ru: 'ТОО «Х»' }, new: { kk: 'ЖШС «Y»', ru: 'ТОО «Y»' } },
    ];
    // The panel knows the decision to revise only from the queue row.
    const ondecided = show({ queueRow: queueRow({ status: 'vacancy', revises: 77, changed: changes }) });
    const block = await screen.findByTestId('decision-changed');
    expect(block.textContent).toContain('Данные изменились');
    expect([...block.querySelectorAll('[data-testid="field-change"]')].map((li) => li.textContent)).toEqual([
      'Фамилия: Сейітқалиева → Ахметова',
      'Работодатель: ТОО «Х» → ТОО «Y»',
    ]);
    expect(screen.getByTestId('decision-changed-revises').textContent).toBe('Новое решение заменит решение №77.');
    expect(screen.queryByTestId('deferral-ended')).toBeNull();

    await fireEvent.click(screen.getByTestId('refer'));
    await waitFor(() => expect(ondecided).toHaveBeenCalledTimes(1));
    expect(requests()[0]).toEqual({
      meeting_id: 2,
      graduate_id: 7,
      outcome: { kind: 'vacancy', vacancy_id: 3, arrival_date: '2025-09-01' },
      revises: 77,
      reason: 'Данные изменились',
    });
  });

  it('shows no change list for a row the lists did not change', async () => {
    show({ queueRow: queueRow() });
    await screen.findByTestId('decision-panel');
    expect(screen.queryByTestId('decision-changed')).toBeNull();
  });
});
