// The date field of our own: dd.mm.yyyy typed whatever the machine's locale, the value ISO,
// the date said in Kazakh or Russian words, a year out of range (0025) refused in the field.
import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { lang } from '../lib/i18n';
import DateFieldHarness from './DateFieldHarness.svelte';

const field = () => screen.getByTestId('date') as HTMLInputElement;
const value = () => screen.getByTestId('value').textContent;
async function type(text: string) {
  await fireEvent.input(field(), { target: { value: text } });
}

beforeEach(() => lang.set('kk'));

describe('DateField', () => {
  it('reads dd.mm.yyyy (and eight digits) into an ISO value, said in words', async () => {
    render(DateFieldHarness, { props: { initial: '2025-09-01' } });
    expect(field().value).toBe('01.09.2025');
    await type('02.12.2025');
    expect(value()).toBe('2025-12-02');
    expect(screen.getByTestId('date-words').textContent).toBe('2025 ж. 2 желтоқсан');
    await type('05032026');
    expect(field().value).toBe('05.03.2026');
    expect(value()).toBe('2026-03-05');
    await type('7/3/2026');
    expect(value()).toBe('2026-03-07');
    await type('2026-03-09');
    expect([field().value, value()]).toEqual(['09.03.2026', '2026-03-09']);
  });

  it('says the date in Russian, whatever the machine locale', async () => {
    lang.set('ru');
    render(DateFieldHarness, { props: { initial: '2025-12-02' } });
    expect(screen.getByTestId('date-words').textContent).toBe('2 декабря 2025 г.');
    expect(field().placeholder).toBe('дд.мм.гггг');
    await type('31.02.2025');
    expect(value()).toBe('');
    expect(screen.getByTestId('date-problem').textContent).toBe('Такой даты нет: введите дд.мм.гггг');
  });

  it('refuses a year out of range with a message in the field', async () => {
    render(DateFieldHarness, { props: { initial: '2025-09-01', min: '2025-06-20', max: '2027-06-20' } });
    await type('02.12.0025');
    expect(value()).toBe('');
    expect(screen.getByTestId('date-problem').textContent).toBe('Күн 20.06.2025 – 20.06.2027 аралығында болуы керек');
    await type('19.06.2025');
    expect(value()).toBe('');
    await type('20.06.2025');
    expect(value()).toBe('2025-06-20');
    expect(screen.queryByTestId('date-problem')).toBeNull();
  });

  it('refuses what is not a date, and a blank required field once left', async () => {
    render(DateFieldHarness, { props: { initial: '2025-09-01' } });
    await type('1.9.25');
    expect(value()).toBe('');
    expect(screen.getByTestId('date-problem').textContent).toBe('Мұндай күн жоқ: кк.аа.жжжж түрінде жазыңыз');
    await type('');
    expect(screen.queryByTestId('date-problem')).toBeNull();
    await fireEvent.blur(field());
    expect(screen.getByTestId('date-problem').textContent).toBe('Күнді жазыңыз');
  });

  it('moves by a day with the arrows and shows a value set from outside', async () => {
    render(DateFieldHarness, { props: { initial: '2025-12-31' } });
    await fireEvent.keyDown(field(), { key: 'ArrowUp' });
    expect([field().value, value()]).toEqual(['01.01.2026', '2026-01-01']);
    await fireEvent.keyDown(field(), { key: 'ArrowDown' });
    expect(value()).toBe('2025-12-31');
    await fireEvent.click(screen.getByTestId('set'));
    await tick();
    expect(field().value).toBe('08.03.2026');
  });

  it('picks a day from a calendar in the window’s language, its days out of bounds shut', async () => {
    lang.set('ru');
    render(DateFieldHarness, { props: { initial: '2025-06-25', min: '2025-06-20', max: '2025-08-31' } });
    await fireEvent.click(screen.getByTestId('date-pick'));
    const calendar = screen.getByTestId('date-calendar');
    expect(calendar.textContent).toContain('Июнь 2025');
    expect(calendar.textContent).toContain('Пн');
    // 1 June 2025 is a Sunday: six blanks before it in a week from Monday.
    const first = calendar.querySelector('tbody tr')!;
    expect([...first.querySelectorAll('td')].map((d) => d.textContent?.trim())).toEqual(['', '', '', '', '', '', '1']);
    const day = (iso: string) => calendar.querySelector(`[data-day="${iso}"]`) as HTMLButtonElement;
    expect(day('2025-06-19').disabled).toBe(true);
    expect(day('2025-06-25').classList.contains('chosen')).toBe(true);
    await fireEvent.click(screen.getByLabelText('Следующий месяц'));
    expect(calendar.textContent).toContain('Июль 2025');
    await fireEvent.click(calendar.querySelector('[data-day="2025-07-15"]')!);
    expect([field().value, value()]).toEqual(['15.07.2025', '2025-07-15']);
    expect(screen.queryByTestId('date-calendar')).toBeNull();

    lang.set('kk');
    await fireEvent.click(screen.getByTestId('date-pick'));
    expect(screen.getByTestId('date-calendar').textContent).toContain('Шілде 2025');
    await fireEvent.keyDown(screen.getByTestId('date-calendar'), { key: 'Escape' });
    expect(screen.queryByTestId('date-calendar')).toBeNull();
  });
});
