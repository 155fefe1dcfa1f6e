// The follow-up screen against a mocked IPC: a work period is prefilled from the referral's
// vacancy (employer and place) and sent as one request; conscript service has no employer;
// the cost with its scope, the years on the grant as typed («2,5»); the payment form only
// while a refund is owed, never above the balance; the end on another ground.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { lang } from '../lib/i18n';
import { app } from '../lib/state.svelte';
import type { GraduateDetail } from '../lib/types';
import { decisionView, detail, graduate, graduateRow, obligation, vacancy } from './fixtures';

vi.mock('../lib/ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../lib/ipc')>();
  return {
    ...actual,
    graduatesPage: vi.fn(),
    programmes: vi.fn(),
    graduateDetail: vi.fn(),
    vacancies: vi.fn(),
    confirmArrival: vi.fn(),
    addPeriod: vi.fn(),
    setStudyCost: vi.fn(),
    setGrantYears: vi.fn(),
    recordPayment: vi.fn(),
    endGrounds: vi.fn(),
    recordEnd: vi.fn(),
  };
});

import * as ipc from '../lib/ipc';
import FollowUp from '../screens/FollowUp.svelte';

const row = graduateRow({ status: 'vacancy' });

const input = (id: string) => screen.getByTestId(id) as HTMLInputElement;
const button = (id: string) => screen.getByTestId(id) as HTMLButtonElement;
const select = (id: string) => screen.getByTestId(id) as HTMLSelectElement;

/** Shows the screen with the graduate's file `d` selected. */
async function open(d: GraduateDetail) {
  vi.mocked(ipc.graduateDetail).mockResolvedValue(d);
  render(FollowUp);
  await fireEvent.click(await screen.findByTestId('graduate-row'));
  await screen.findByTestId('obligation');
}

beforeEach(() => {
  lang.set('ru');
  app.year = 2025;
  app.error = null;
  vi.mocked(ipc.graduatesPage).mockReset().mockResolvedValue({ total: 1, rows: [row] });
  vi.mocked(ipc.programmes).mockReset().mockResolvedValue([]);
  vi.mocked(ipc.graduateDetail).mockReset();
  vi.mocked(ipc.vacancies).mockReset().mockResolvedValue([vacancy({ id: 1, employer: { bin: '111111111111', name: 'Басқа', kind: 'health', ownership: 'state' } }), vacancy()]);
  for (const f of [ipc.confirmArrival, ipc.addPeriod, ipc.setStudyCost, ipc.setGrantYears, ipc.recordPayment, ipc.recordEnd]) {
    vi.mocked(f).mockReset().mockResolvedValue(detail());
  }
  vi.mocked(ipc.endGrounds).mockReset().mockResolvedValue([
    { ground: 'death', label: { kk: 'Қайтыс болуы', ru: 'Смерть' } },
    { ground: 'other_legal_ground', label: { kk: 'Өзге негіз', ru: 'Иное основание' } },
  ]);
});

describe('FollowUp', () => {
  it("dates the arrival and a new period on the referral's arrival day, and prefills again after a period", async () => {
    await open(detail());
    // The fixture's referral: arrival 01.09.2025 (not today), no arrival confirmed yet.
    await waitFor(() => expect(input('arrival-date').value).toBe('01.09.2025'));
    expect(input('period-from').value).toBe('01.09.2025');
    expect(screen.getByTestId('arrival-date-words').textContent).toBe('1 сентября 2025 г.');
    await waitFor(() => expect(input('period-bin').value).toBe('940140000385'));
    await fireEvent.click(button('period-add'));
    await waitFor(() => expect(ipc.addPeriod).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(input('period-bin').value).toBe('940140000385'));
    // Before the referral's meeting (20.06.2025): refused in the field.
    await fireEvent.input(input('arrival-date'), { target: { value: '19.06.2025' } });
    expect(screen.getByTestId('arrival-date-problem').textContent).toContain('20.06.2025');
    expect(button('arrival-confirm').disabled).toBe(true);
  });

  it("prefills a work period from the referral's vacancy and sends it with its place", async () => {
    await open(detail());
    await waitFor(() => expect(input('period-bin').value).toBe('940140000385'));
    expect(vi.mocked(ipc.vacancies).mock.calls[0][0]).toEqual({ year: 2025 });
    expect(input('period-employer').value).toBe('КММ «№5 мектеп»');
    expect(select('place-kind').value).toBe('education');
    expect(select('place-region').value).toBe('zhambyl');
    expect(input('place-rural').checked).toBe(true);
    expect(screen.getByTestId('period-prefilled').textContent).toContain('КММ «№5 мектеп»');

    await fireEvent.click(button('period-add'));
    await waitFor(() => expect(ipc.addPeriod).toHaveBeenCalledTimes(1));
    expect(vi.mocked(ipc.addPeriod).mock.calls[0][0]).toEqual({
      request: {
        graduate_id: 7,
        kind: 'work',
        employer_bin: '940140000385',
        employer_name: 'КММ «№5 мектеп»',
        place: { kind: 'education', region: 'zhambyl', rural: true },
        from: '2025-09-01',
        to: null,
        note: null,
        seen: 7,
      },
    });
  });

  it('needs the employer and the place for work, and none for conscript service', async () => {
    await open(detail({ decisions: [], obligation: obligation({ decision: null }) }));
    expect(ipc.vacancies).not.toHaveBeenCalled();
    expect(input('period-bin').value).toBe('');
    expect(button('period-add').disabled).toBe(true);
    await fireEvent.input(input('period-employer'), { target: { value: 'ЖШС «Береке»' } });
    expect(button('period-add').disabled).toBe(true);
    await fireEvent.change(select('place-kind'), { target: { value: 'agrarian' } });
    await fireEvent.change(select('place-region'), { target: { value: 'turkistan' } });
    expect(button('period-add').disabled).toBe(false);

    const kind = select('period-kind');
    const service = [...kind.options].find((o) => o.value === 'deferral')!;
    expect(service.textContent).toBe('Срочная воинская служба (срок приостанавливается)');
    await fireEvent.change(kind, { target: { value: 'deferral' } });
    expect(screen.queryByTestId('period-bin')).toBeNull();
    expect(screen.queryByTestId('place-kind')).toBeNull();
    await fireEvent.click(button('period-add'));
    await waitFor(() => expect(ipc.addPeriod).toHaveBeenCalledTimes(1));
    const sent = vi.mocked(ipc.addPeriod).mock.calls[0][0].request;
    expect(sent).toMatchObject({ kind: 'deferral', employer_bin: null, employer_name: null, place: null });
  });

  it('confirms the arrival, saying it opens the period at the referred employer', async () => {
    await open(detail({ obligation: obligation({ arrival: null, state: 'referred', deadline: '2025-10-01' }) }));
    expect(screen.getByTestId('arrival-hint').textContent).toContain('открывается с этого дня автоматически');
    await fireEvent.input(input('arrival-date'), { target: { value: '2025-09-02' } });
    await fireEvent.input(input('arrival-by'), { target: { value: ' Письмо №12 ' } });
    await fireEvent.click(button('arrival-confirm'));
    await waitFor(() => expect(ipc.confirmArrival).toHaveBeenCalledTimes(1));
    expect(vi.mocked(ipc.confirmArrival).mock.calls[0][0]).toEqual({
      request: { graduate_id: 7, on: '2025-09-02', confirmed_by: 'Письмо №12', note: null, seen: 7 },
    });
  });

  it('offers no arrival without a referral', async () => {
    const exemption = decisionView({ outcome: { kind: 'exemption', ground: 'further_study', proofs: [] }, term_years: null });
    await open(detail({ decisions: [exemption], obligation: obligation({ decision: exemption, state: 'exempted', periods: [] }) }));
    expect(screen.queryByTestId('arrival-confirm')).toBeNull();
    expect(screen.getByTestId('not-referred')).toBeTruthy();
  });

  it('saves the cost with its scope', async () => {
    await open(detail());
    expect(input('cost-amount').value).toBe('2450000');
    expect(select('cost-scope').value).toBe('grant_years');
    await fireEvent.input(input('cost-amount'), { target: { value: '3 100 000' } });
    await fireEvent.change(select('cost-scope'), { target: { value: 'whole_programme' } });
    await fireEvent.click(button('cost-save'));
    await waitFor(() => expect(ipc.setStudyCost).toHaveBeenCalledTimes(1));
    expect(vi.mocked(ipc.setStudyCost).mock.calls[0][0]).toEqual({
      request: { graduate_id: 7, amount: 3100000, scope: 'whole_programme', basis: null, seen: 7 },
    });
  });

  it('refused as stale, reads the card again and keeps what is typed for the next try', async () => {
    await open(detail());
    await fireEvent.input(input('cost-amount'), { target: { value: '3 100 000' } });
    vi.mocked(ipc.setStudyCost).mockRejectedValueOnce({ code: 'stale_write', params: {}, message: { kk: 'Бекова Б. өзгертті', ru: 'изменил(а) Бекова Б.' } });
    vi.mocked(ipc.graduateDetail).mockResolvedValue(detail({ version: 9 }));
    const reads = vi.mocked(ipc.graduateDetail).mock.calls.length;
    await fireEvent.click(button('cost-save'));
    await waitFor(() => expect(vi.mocked(ipc.graduateDetail).mock.calls.length).toBe(reads + 1));
    expect(app.error?.code).toBe('stale_write');
    expect(input('cost-amount').value).toBe('3 100 000');
    await fireEvent.click(button('cost-save'));
    await waitFor(() => expect(ipc.setStudyCost).toHaveBeenCalledTimes(2));
    expect(vi.mocked(ipc.setStudyCost).mock.calls[1][0].request.seen).toBe(9);
  });

  it('saves the years on the grant as typed, and the whole programme when empty', async () => {
    await open(detail({ graduate: graduate({ grant: { on_grant: 3, normative: null, source: 'list' } }) }));
    expect(input('grant-on').value).toBe('3');
    await fireEvent.input(input('grant-on'), { target: { value: '2,55' } });
    expect(button('grant-save').disabled).toBe(true);
    await fireEvent.input(input('grant-on'), { target: { value: '2,5' } });
    await fireEvent.input(input('grant-normative'), { target: { value: '2' } });
    expect(button('grant-save').disabled).toBe(true);
    await fireEvent.input(input('grant-normative'), { target: { value: '4' } });
    await fireEvent.click(button('grant-save'));
    await waitFor(() => expect(ipc.setGrantYears).toHaveBeenCalledTimes(1));
    expect(vi.mocked(ipc.setGrantYears).mock.calls[0][0]).toEqual({
      request: { graduate_id: 7, on_grant: 2.5, normative: 4, seen: 7 },
    });

    await fireEvent.input(input('grant-on'), { target: { value: '' } });
    await fireEvent.click(button('grant-save'));
    await waitFor(() => expect(ipc.setGrantYears).toHaveBeenCalledTimes(2));
    expect(vi.mocked(ipc.setGrantYears).mock.calls[1][0]).toEqual({
      request: { graduate_id: 7, on_grant: null, normative: null, seen: 7 },
    });
  });

  it('offers no payment while nothing is owed', async () => {
    await open(detail());
    expect(screen.queryByTestId('payment-form')).toBeNull();
  });

  it('records a payment while a refund is owed, never above the balance', async () => {
    const broken = obligation({ state: 'broken', refund_owed: 1450000, balance: 1450000, refund_if_stopped: null, ends_on: null });
    await open(detail({ obligation: broken }));
    expect(screen.getByTestId('payment-form').textContent).toContain('Остаток долга: 1\u202f450\u202f000\u202f₸');
    await fireEvent.input(input('payment-amount'), { target: { value: '1 500 000' } });
    await fireEvent.input(input('payment-document'), { target: { value: 'Квитанция №5' } });
    expect(button('payment-add').disabled).toBe(true);
    await fireEvent.input(input('payment-amount'), { target: { value: '500 000' } });
    await fireEvent.input(input('payment-date'), { target: { value: '2026-05-10' } });
    expect(button('payment-add').disabled).toBe(false);
    await fireEvent.click(button('payment-add'));
    await waitFor(() => expect(ipc.recordPayment).toHaveBeenCalledTimes(1));
    expect(vi.mocked(ipc.recordPayment).mock.calls[0][0]).toEqual({
      request: { graduate_id: 7, paid_on: '2026-05-10', amount: 500000, document: 'Квитанция №5', seen: 7 },
    });
  });

  it('records an end on another ground with its document', async () => {
    await open(detail());
    const details = screen.getByTestId('end-open').closest('details')!;
    details.open = true;
    await fireEvent(details, new Event('toggle'));
    await waitFor(() => expect(select('end-ground').options).toHaveLength(2));
    await fireEvent.change(select('end-ground'), { target: { value: 'other_legal_ground' } });
    await fireEvent.input(input('end-date'), { target: { value: '2026-03-01' } });
    expect(button('end-save').disabled).toBe(true);
    await fireEvent.input(input('end-document'), { target: { value: 'Приказ №7' } });
    await fireEvent.click(button('end-save'));
    await waitFor(() => expect(ipc.recordEnd).toHaveBeenCalledTimes(1));
    expect(vi.mocked(ipc.recordEnd).mock.calls[0][0]).toEqual({
      request: { graduate_id: 7, end: { ground: 'other_legal_ground', on: '2026-03-01', document: 'Приказ №7', note: null }, seen: 7 },
    });
  });

  it('withdraws a recorded end', async () => {
    const end = { ground: 'death' as const, on: '2026-03-01', document: 'Свидетельство', note: null };
    await open(detail({ obligation: obligation({ end, state: 'ended' }) }));
    expect(screen.getByTestId('obligation-end').textContent).toContain('Смерть молодого специалиста');
    await fireEvent.click(button('end-withdraw'));
    await waitFor(() => expect(ipc.recordEnd).toHaveBeenCalledTimes(1));
    expect(vi.mocked(ipc.recordEnd).mock.calls[0][0]).toEqual({ request: { graduate_id: 7, end: null, seen: 7 } });
  });

  it('looks for a later cohort’s vacancy in the meeting’s year', async () => {
    vi.mocked(ipc.vacancies).mockImplementation(async ({ year }) => (year === 2026 ? [vacancy({ id: 9, year: 2026 })] : []));
    const later = decisionView({ meeting_date: '2026-06-20', outcome: { kind: 'vacancy', vacancy_id: 9, arrival_date: '2026-09-01' } });
    await open(detail({ graduate: graduate(), decisions: [later], obligation: obligation({ decision: later }) }));
    await waitFor(() => expect(input('period-bin').value).toBe('940140000385'));
    expect(vi.mocked(ipc.vacancies).mock.calls.map((c) => c[0].year)).toEqual([2025, 2026]);
  });
});
