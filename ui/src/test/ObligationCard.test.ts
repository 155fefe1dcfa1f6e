// The obligation card: a refund is shown as owed (in red) only while the state owes; paid in
// full, it is neutral; what a stop would cost is an estimate, never red, shown only when asked;
// the term in the rules' words with its days and the grant's share; the periods with their
// days and why one does not count; the notes.
import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { lang } from '../lib/i18n';
import ObligationCard from '../components/ObligationCard.svelte';
import { obligation, period, periodView } from './fixtures';

const NBSP = /\u202f/g;
const text = (id: string) => screen.getByTestId(id).textContent!.replace(NBSP, ' ').replace(/\s+/g, ' ').trim();

beforeEach(() => {
  lang.set('ru');
});

describe('ObligationCard', () => {
  it('shows the state, the term «not less than» with its days, and the counted, remaining days', () => {
    render(ObligationCard, { props: { obligation: obligation() } });
    expect(text('obligation-state')).toBe('Работает');
    expect(text('obligation-term')).toBe('не менее 3 лет · 1 096 дней');
    expect(text('counted-days')).toBe('448 дней / 1 096 дней');
    expect(text('paused-days')).toBe('0 дней');
    expect(text('remaining-days')).toBe('648 дней');
    expect(text('ends-on')).toBe('31.08.2028');
    expect(screen.queryByTestId('grant-share')).toBeNull();
    expect(screen.queryByTestId('deadline')).toBeNull();
  });

  it("shows the grant's share of the programme", () => {
    const share = { on_grant: 2.5, normative: 4 };
    render(ObligationCard, {
      props: { obligation: obligation({ share, term: { years: 3, full_days: 1096, share, days: 685 }, term_days: 685 }) },
    });
    expect(text('obligation-term')).toBe('не менее 3 лет · 685 дней на гранте 2,5 из 4 лет');
    expect(text('grant-share')).toBe('на гранте 2,5 из 4 лет');
  });

  it('never shows the estimate as a debt: neutral, and only on request', async () => {
    render(ObligationCard, { props: { obligation: obligation() } });
    expect(screen.queryByTestId('refund-owed')).toBeNull();
    expect(screen.queryByTestId('refund-balance')).toBeNull();
    expect(screen.queryByTestId('what-if-text')).toBeNull();
    expect(document.querySelector('.due')).toBeNull();
    expect(document.body.textContent).not.toContain('1 448 358'.replace(/ /g, '\u202f'));

    await fireEvent.click(screen.getByTestId('what-if'));
    expect(text('what-if-text')).toBe('Если прекратить сегодня, к возмещению примерно 1 448 358 ₸: это не долг');
    expect(document.querySelector('.due')).toBeNull();
    expect(screen.getByTestId('what-if-text').closest('.due, .danger, .bad')).toBeNull();

    await fireEvent.click(screen.getByTestId('what-if'));
    expect(screen.queryByTestId('what-if-text')).toBeNull();
  });

  it('asks and answers in Kazakh first', async () => {
    lang.set('kk');
    render(ObligationCard, { props: { obligation: obligation() } });
    expect(text('what-if')).toBe('Тоқтаса не болады?');
    expect(text('obligation-term')).toBe('кемінде 3 жыл · 1 096 күн');
    await fireEvent.click(screen.getByTestId('what-if'));
    expect(text('what-if-text')).toBe('Бүгін тоқтаса, өтелетін сома шамамен 1 448 358 ₸: бұл қарыз емес');
  });

  it('shows no estimate button when there is nothing to estimate', () => {
    render(ObligationCard, { props: { obligation: obligation({ refund_if_stopped: null }) } });
    expect(screen.queryByTestId('what-if')).toBeNull();
  });

  it('shows a broken obligation’s refund as owed, in red: owed, paid, balance', () => {
    render(ObligationCard, {
      props: {
        obligation: obligation({
          state: 'refund_paid_in_part',
          state_label: { kk: 'Шығыстар ішінара өтелді', ru: 'Расходы возмещены частично' },
          refund_owed: 1450000,
          paid: 500000,
          balance: 950000,
          refund_if_stopped: null,
        }),
      },
    });
    expect(text('refund-owed')).toBe('1 450 000 ₸');
    expect(text('refund-paid')).toBe('500 000 ₸');
    expect(text('refund-balance')).toBe('950 000 ₸');
    expect(screen.getByTestId('refund-owed').querySelector('.due')).not.toBeNull();
    expect(screen.getByTestId('refund-balance').querySelector('.due')).not.toBeNull();
    expect(screen.queryByTestId('what-if')).toBeNull();
  });

  it('says so when a broken obligation’s cost is not recorded', () => {
    render(ObligationCard, {
      props: { obligation: obligation({ state: 'broken', refund_owed: null, balance: null, study_cost: null }) },
    });
    expect(text('refund-owed')).toBe('стоимость обучения не внесена');
    expect(document.querySelector('.due')).toBeNull();
  });

  it('shows a refund paid in full as paid, not owed', () => {
    render(ObligationCard, {
      props: { obligation: obligation({ state: 'refund_paid', refund_owed: 1450000, paid: 1450000, balance: 0 }) },
    });
    expect(text('refund-paid-in-full')).toBe('Расходы возмещены полностью: 1 450 000 ₸');
    expect(screen.queryByTestId('refund-owed')).toBeNull();
    expect(document.querySelector('.due')).toBeNull();
  });

  it('shows the last day to arrive while referred', () => {
    render(ObligationCard, {
      props: { obligation: obligation({ state: 'referred', deadline: '2025-10-01', arrival: null }) },
    });
    expect(text('deadline')).toBe('01.10.2025');
  });

  it('lists the periods with their days and why one does not count, and the notes', () => {
    const elsewhere = periodView({
      period: period({ id: 2, activity: { kind: 'work', employer: { type: 'unregistered', name: 'ЖШС «Жеке»' } }, place: { kind: 'other', region: 'almaty_city', rural: false } }),
      counts: false,
      days: 61,
      reasons: [{ code: 'kind_not_allowed', message: { kk: 'Ұйым түрі рұқсат етілмеген', ru: 'Вид организации не допускается' } }],
    });
    render(ObligationCard, {
      props: {
        obligation: obligation({
          periods: [periodView(), elsewhere],
          notes: [{ code: 'cost_unknown', message: { kk: 'Оқу құны енгізілмеген', ru: 'Стоимость обучения не внесена' } }],
        }),
      },
    });
    const rows = screen.getAllByTestId('period-row');
    expect(rows).toHaveLength(2);
    expect(rows[0].getAttribute('data-counts')).toBe('true');
    expect(rows[1].getAttribute('data-counts')).toBe('false');
    expect(rows[1].textContent).toContain('61 день');
    expect(rows[1].textContent).toContain('не засчитывается');
    const reasons = screen.getAllByTestId('period-reasons');
    expect(reasons).toHaveLength(1);
    expect(reasons[0].textContent).toContain('Вид организации не допускается');
    const notes = screen.getAllByTestId('obligation-note');
    expect(notes.map((n) => n.textContent)).toEqual(['Стоимость обучения не внесена']);
    expect(notes[0].classList.contains('warn') || notes[0].classList.contains('danger')).toBe(false);
  });

  it('leaves out the notes another part of the screen shows', () => {
    render(ObligationCard, {
      props: {
        obligation: obligation({ notes: [{ code: 'review', message: { kk: 'Қайта қарау', ru: 'Пересмотр' } }] }),
        skipNotes: ['review'],
      },
    });
    expect(screen.queryByTestId('obligation-note')).toBeNull();
  });
});
