// Settings in parts: the university and its letterhead first, then the commission, the rules,
// the backups and about, each reached from the row of buttons at the top; the letterhead's
// line breaks go to the save as typed and come back from it.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { lang } from '../lib/i18n';
import { app } from '../lib/state.svelte';
import type { AppError, Commission, University } from '../lib/types';
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
    editMember: vi.fn(),
    removeMember: vi.fn(),
    copyCommission: vi.fn(),
    appInfo: vi.fn(),
    priority: vi.fn(),
    savePriority: vi.fn(),
    describePriority: vi.fn(),
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
  vi.mocked(ipc.priority).mockReset().mockResolvedValue({ criteria: ['rural_quota', 'grade_average'], tie_break: 'lottery', seed: 7 });
  vi.mocked(ipc.savePriority).mockReset().mockImplementation(async ({ priority }) => priority);
  vi.mocked(ipc.describePriority).mockReset().mockResolvedValue({ kk: '…', ru: '…' });
  vi.mocked(ipc.deskPerson).mockReset().mockResolvedValue(null);
  vi.mocked(ipc.setDeskPerson).mockReset().mockImplementation(async ({ name }) => name.trim());
});

describe('Settings parts', () => {
  it('puts the university first and reaches every part from the top', async () => {
    const { container } = render(Settings);
    await screen.findByTestId('letterhead-kk');
    const parts = [...container.querySelectorAll('section.part')].map((p) => p.id);
    expect(parts).toEqual([
      'settings-university',
      'settings-commission',
      'settings-rules',
      'settings-backups',
      'settings-server',
      'settings-about',
    ]);
    // The rules table is in the rules part, below the university's form.
    expect(container.querySelector('#settings-rules [data-testid="rules-table"]')).toBeTruthy();

    await fireEvent.click(screen.getByTestId('settings-go-backups'));
    expect(document.activeElement?.id).toBe('settings-backups');
    expect(screen.getByTestId('settings-go-about').textContent).toBe('О программе');
    // Ctrl+2 is the second part, the commission.
    await fireEvent.keyDown(window, { key: '2', code: 'Digit2', ctrlKey: true });
    expect(document.activeElement?.id).toBe('settings-commission');
    // Ctrl+5 the register on a server, with its address field.
    await fireEvent.keyDown(window, { key: '5', code: 'Digit5', ctrlKey: true });
    expect(document.activeElement?.id).toBe('settings-server');
    expect(screen.getByTestId('server-address')).toBeTruthy();
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

const commission2025: Commission = {
  id: 1,
  year: 2025,
  name: { kk: 'Комиссия', ru: 'Комиссия' },
  members: [
    { id: 11, role: 'chair', full_name: 'Ахметов Ә. Қ.', position: 'Ректор' },
    { id: 12, role: 'member', full_name: 'Петров И. С.', position: null },
  ],
};

describe('Settings: the commission', () => {
  it('edits a member in a dialog that shows the refusal inside it', async () => {
    vi.mocked(ipc.commission).mockResolvedValue(commission2025);
    const refusal: AppError = {
      code: 'role_taken',
      params: { name: 'Ахметов Ә. Қ.' },
      message: { kk: 'Комиссия төрағасы: Ахметов Ә. Қ.', ru: 'Председатель комиссии: Ахметов Ә. Қ.' },
    };
    vi.mocked(ipc.editMember).mockRejectedValueOnce(refusal).mockImplementationOnce(async ({ request }) => ({
      ...commission2025,
      members: commission2025.members.map((m) => (m.id === request.member_id ? { ...m, ...request, id: m.id } : m)),
    }));
    render(Settings);
    const edits = await screen.findAllByTestId('member-edit');
    await fireEvent.click(edits[1]);
    const role = (await screen.findByTestId('member-edit-role')) as HTMLSelectElement;
    await fireEvent.change(role, { target: { value: 'chair' } });
    await fireEvent.click(screen.getByTestId('member-dialog-confirm'));
    const error = await screen.findByTestId('member-dialog-error');
    expect(error.textContent).toContain('Председатель комиссии: Ахметов Ә. Қ.');
    expect(app.error).toBeNull();

    await fireEvent.change(role, { target: { value: 'deputy' } });
    await fireEvent.input(screen.getByTestId('member-edit-name'), { target: { value: ' Петров Иван ' } });
    await fireEvent.click(screen.getByTestId('member-dialog-confirm'));
    await waitFor(() => expect(screen.queryByTestId('member-dialog')).toBeNull());
    expect(vi.mocked(ipc.editMember).mock.calls[1][0].request).toEqual({
      member_id: 12,
      role: 'deputy',
      full_name: 'Петров Иван',
      position: null,
    });
    expect(screen.getAllByTestId('member-row')[1].textContent).toContain('Петров Иван');
  });

  it('removes a member once asked', async () => {
    vi.mocked(ipc.commission).mockResolvedValue(commission2025);
    vi.mocked(ipc.removeMember).mockResolvedValue({ ...commission2025, members: commission2025.members.slice(0, 1) });
    render(Settings);
    const removes = await screen.findAllByTestId('member-remove');
    await fireEvent.click(removes[1]);
    expect((await screen.findByTestId('member-dialog')).textContent).toContain('Петров И. С.');
    expect(ipc.removeMember).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('member-dialog-confirm'));
    await waitFor(() => expect(screen.getAllByTestId('member-row')).toHaveLength(1));
    expect(ipc.removeMember).toHaveBeenCalledWith({ memberId: 12 });
  });

  it('copies the commission to another year and goes there', async () => {
    vi.mocked(ipc.commission).mockResolvedValue(commission2025);
    vi.mocked(ipc.copyCommission).mockResolvedValue({ ...commission2025, id: 2, year: 2026 });
    vi.mocked(ipc.appInfo).mockResolvedValue(undefined as never);
    render(Settings);
    const to = (await screen.findByTestId('commission-copy-to')) as HTMLInputElement;
    await fireEvent.input(to, { target: { value: '2026' } });
    await fireEvent.click(screen.getByTestId('commission-copy'));
    await waitFor(() => expect(app.year).toBe(2026));
    expect(ipc.copyCommission).toHaveBeenCalledWith({ request: { from_year: 2025, to_year: 2026 } });
  });
});
