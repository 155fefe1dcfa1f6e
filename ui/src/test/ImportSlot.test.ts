// A screen's import wizard: its button opens it empty; a spreadsheet dropped while the screen is
// shown opens it on that file, once per drop; a drop meant for another screen leaves it alone.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { app } from '../lib/state.svelte';
import ImportSlotHarness from './ImportSlotHarness.svelte';

afterEach(() => {
  app.drop = null;
  app.screen = 'graduates';
});

describe('ImportSlot', () => {
  it('opens empty from its button and on a dropped file for its screen', async () => {
    app.screen = 'vacancies';
    render(ImportSlotHarness, { props: { screen: 'vacancies' } });
    const slot = screen.getByTestId('slot');
    expect(slot.textContent).toBe('closed');

    await fireEvent.click(screen.getByTestId('slot-open'));
    expect(slot.textContent).toBe('open 1 ');

    await fireEvent.click(screen.getByTestId('slot-close'));
    app.drop = { path: '/home/secretary/vacancies.xlsx', seq: 1 };
    await tick();
    expect(slot.textContent).toBe('open 2 /home/secretary/vacancies.xlsx');

    // The same drop again opens nothing new.
    await fireEvent.click(screen.getByTestId('slot-close'));
    app.drop = { ...app.drop };
    await tick();
    expect(slot.textContent).toBe('closed');
  });

  it('leaves a drop for another screen alone', async () => {
    app.screen = 'graduates';
    render(ImportSlotHarness, { props: { screen: 'vacancies' } });
    app.drop = { path: '/tmp/list.xlsx', seq: 5 };
    await tick();
    expect(screen.getByTestId('slot').textContent).toBe('closed');
  });

  it('does not reopen on an old drop when its screen is shown again', async () => {
    app.screen = 'graduates';
    const first = render(ImportSlotHarness, { props: { screen: 'graduates' } });
    app.drop = { path: '/tmp/graduates.xlsx', seq: 9 };
    await tick();
    expect(screen.getByTestId('slot').textContent).toBe('open 1 /tmp/graduates.xlsx');
    first.unmount();

    render(ImportSlotHarness, { props: { screen: 'graduates' } });
    await tick();
    expect(screen.getByTestId('slot').textContent).toBe('closed');
  });
});
