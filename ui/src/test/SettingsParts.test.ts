// Settings in parts: the university and its letterhead first, then the commission, the rules,
// the backups and about, each reached from the row of buttons at the top; the letterhead's
// line breaks go to the save as typed and come back from it.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { lang } from '../lib/i18n';
import { app } from '../lib/state.svelte';
import type { University } from '../lib/types';
import { cohortSettings } from './fixtures';

vi.mock('../lib/ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../lib/ipc')>();
  return {
    ...actual,
    university: vi.fn(),
    saveUniversity: vi.fn(),
    backups: vi.fn(),
    commission: vi.fn(),
    rules: vi.fn(),
    cohortSettings: vi.fn(),
    deskPerson: vi.fn(),
    setDeskPerson: vi.fn(),
  };
});

import * as ipc from '../lib/ipc';
import Settings from '../screens/Settings.svelte';

const uni: University = {
  name: { kk: 'ШҚТУ', ru: 'ВКТУ' },
  address: { kk: 'Өскемен қ.', ru: 'г. Усть-Каменогорск' },
  letterhead: { kk: '', ru: '' },
};

beforeEach(() => {
  lang.set('ru');
  app.year = 2025;
  app.error = null;
  vi.mocked(ipc.university).mockReset().mockResolvedValue(uni);
  vi.mocked(ipc.saveUniversity).mockReset().mockImplementation(async ({ university }) => university);
  vi.mocked(ipc.backups).mockReset().mockResolvedValue([]);
  vi.mocked(ipc.commission).mockReset().mockResolvedValue(null);
  vi.mocked(ipc.rules).mockReset().mockResolvedValue([]);
  vi.mocked(ipc.cohortSettings).mockReset().mockResolvedValue(cohortSettings());
  vi.mocked(ipc.deskPerson).mockReset().mockResolvedValue(null);
  vi.mocked(ipc.setDeskPerson).mockReset().mockImplementation(async ({ name }) => name.trim());
});

describe('Settings parts', () => {
  it('puts the university first and reaches every part from the top', async () => {
    const { container } = render(Settings);
    await screen.findByTestId('letterhead-kk');
    const parts = [...container.querySelectorAll('section.part')].map((p) => p.id);
    expect(parts).toEqual(['settings-university', 'settings-commission', 'settings-rules', 'settings-backups', 'settings-about']);
    // The rules table is in the rules part, below the university's form.
    expect(container.querySelector('#settings-rules [data-testid="rules-table"]')).toBeTruthy();

    await fireEvent.click(screen.getByTestId('settings-go-backups'));
    expect(document.activeElement?.id).toBe('settings-backups');
    expect(screen.getByTestId('settings-go-about').textContent).toBe('О программе');
  });

  it('keeps the letterhead’s line breaks through the save', async () => {
    render(Settings);
    const kk = (await screen.findByTestId('letterhead-kk')) as HTMLTextAreaElement;
    await fireEvent.input(kk, { target: { value: 'Жұмысқа орналастыру бөлімі\nТел. 8 (7232) 54-00-00' } });
    await fireEvent.click(screen.getByTestId('university-save'));
    await waitFor(() => expect(ipc.saveUniversity).toHaveBeenCalledTimes(1));
    expect(vi.mocked(ipc.saveUniversity).mock.calls[0][0].university.letterhead.kk).toBe(
      'Жұмысқа орналастыру бөлімі\nТел. 8 (7232) 54-00-00',
    );
    await waitFor(() => expect(kk.value).toBe('Жұмысқа орналастыру бөлімі\nТел. 8 (7232) 54-00-00'));
  });

  it('asks the person at the desk for their name once, and keeps it', async () => {
    render(Settings);
    await screen.findByTestId('desk-person-missing');
    const name = screen.getByTestId('desk-person-name') as HTMLInputElement;
    const save = screen.getByTestId('desk-person-save') as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await fireEvent.input(name, { target: { value: '  Жұмабаева Әйгерім ' } });
    await fireEvent.click(save);
    await waitFor(() => expect(ipc.setDeskPerson).toHaveBeenCalledWith({ name: '  Жұмабаева Әйгерім ' }));
    await waitFor(() => expect(screen.queryByTestId('desk-person-missing')).toBeNull());
    expect(name.value).toBe('Жұмабаева Әйгерім');
    // Saved as it is: nothing to save again.
    expect(save.disabled).toBe(true);
  });

  it('shows the name already given', async () => {
    vi.mocked(ipc.deskPerson).mockResolvedValue('Жұмабаева Әйгерім');
    render(Settings);
    await waitFor(() => expect((screen.getByTestId('desk-person-name') as HTMLInputElement).value).toBe('Жұмабаева Әйгерім'));
    expect(screen.queryByTestId('desk-person-missing')).toBeNull();
  });
});
