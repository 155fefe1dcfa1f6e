// The dialog's keyboard: Enter confirms (not from a textarea), Esc cancels and closes, Tab
// stays inside, the first field has the focus.
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import DialogHarness from './DialogHarness.svelte';

describe('Dialog', () => {
  it('focuses the first field; Enter confirms, but not from a textarea', async () => {
    const onconfirm = vi.fn();
    render(DialogHarness, { props: { onconfirm, oncancel: vi.fn() } });
    await tick();
    await Promise.resolve();
    expect(document.activeElement).toBe(screen.getByTestId('first'));
    await fireEvent.keyDown(screen.getByTestId('notes'), { key: 'Enter' });
    expect(onconfirm).not.toHaveBeenCalled();
    await fireEvent.keyDown(screen.getByTestId('first'), { key: 'Enter' });
    expect(onconfirm).toHaveBeenCalledTimes(1);
  });

  it('Esc cancels and closes', async () => {
    const oncancel = vi.fn();
    render(DialogHarness, { props: { onconfirm: vi.fn(), oncancel } });
    await fireEvent.keyDown(screen.getByTestId('first'), { key: 'Escape' });
    expect(oncancel).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('state').textContent).toBe('closed');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('keeps Tab inside the dialog', async () => {
    render(DialogHarness, { props: { onconfirm: vi.fn(), oncancel: vi.fn() } });
    const dialog = screen.getByRole('dialog');
    const buttons = dialog.querySelectorAll('button');
    const last = buttons[buttons.length - 1];
    last.focus();
    await fireEvent.keyDown(last, { key: 'Tab' });
    expect(document.activeElement).toBe(screen.getByTestId('first'));
    screen.getByTestId('first').focus();
    await fireEvent.keyDown(screen.getByTestId('first'), { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(last);
    expect(dialog.getAttribute('aria-modal')).toBe('true');
  });
});
