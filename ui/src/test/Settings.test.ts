// The settings screen's cohort section against a mocked IPC: loaded for the chosen year,
// saved as the core's CohortSettings (years with a comma read as numbers), not saved while a
// field is wrong; the commission is created and members added by year; the papers' file names
// are kept by the desk; a restored backup's register is checked again. The commission's order
// is edited for the cohort: a criterion offered only while not chosen, said in words, saved.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { lang } from '../lib/i18n';
import { app } from '../lib/state.svelte';
import type { Commission } from '../lib/types';
import { cohortSettings } from './fixtures';

vi.mock('../lib/ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../lib/ipc')>();
  return {
    ...actual,
    university: vi.fn(),
    backups: vi.fn(),
    commission: vi.fn(),
    rules: vi.fn(),
    cohortSettings: vi.fn(),
    saveCohortSettings: vi.fn(),
    createCommission: vi.fn(),
    addMember: vi.fn(),
    appInfo: vi.fn(),
    priority: vi.fn(),
    savePriority: vi.fn(),
    describePriority: vi.fn(),
    restoreBackup: vi.fn(),
    checkRegister: vi.fn(),
    deskPerson: vi.fn(),
  };
});

import * as ipc from '../lib/ipc';
import Settings from '../screens/Settings.svelte';

const settings = cohortSettings();
const commission: Commission = { id: 4, year: 2025, name: { kk: 'Комиссия', ru: 'Комиссия' }, members: [] };

const input = (id: string) => screen.getByTestId(id) as HTMLInputElement;
const button = (id: string) => screen.getByTestId(id) as HTMLButtonElement;

beforeEach(() => {
  lang.set('ru');
  app.year = 2025;
  app.error = null;
  vi.mocked(ipc.university).mockReset().mockResolvedValue({ name: { kk: '', ru: '' }, address: { kk: '', ru: '' }, letterhead: { kk: '', ru: '' } });
  vi.mocked(ipc.backups).mockReset().mockResolvedValue([]);
  vi.mocked(ipc.deskPerson).mockReset().mockResolvedValue('Жұмабаева Әйгерім');
  vi.mocked(ipc.commission).mockReset().mockResolvedValue(null);
  vi.mocked(ipc.rules).mockReset().mockResolvedValue([]);
  vi.mocked(ipc.cohortSettings).mockReset().mockResolvedValue(settings);
  vi.mocked(ipc.priority).mockReset().mockResolvedValue({ criteria: ['rural_quota', 'grade_average'], tie_break: 'lottery', seed: 7 });
  vi.mocked(ipc.savePriority).mockReset().mockImplementation(async ({ priority }) => priority);
  // The core says the order in words; here, its parts as codes.
  vi.mocked(ipc.describePriority).mockReset().mockImplementation(async ({ priority: p }) => {
    const words = `${p.criteria.join(', ')}; ${p.tie_break} ${p.seed}`;
    return { kk: words, ru: words };
  });
  vi.mocked(ipc.saveCohortSettings).mockReset().mockImplementation(async ({ settings: s }) => s);
  vi.mocked(ipc.createCommission).mockReset().mockResolvedValue(commission);
  vi.mocked(ipc.addMember).mockReset().mockResolvedValue({
    ...commission,
    members: [{ id: 1, role: 'chair', full_name: 'Омаров Серік', position: null }],
  });
  vi.mocked(ipc.restoreBackup).mockReset().mockResolvedValue({ path: '/data/backups/before-restore.sqlite3', created_at: '20250701T090000', bytes: 1000 });
  vi.mocked(ipc.checkRegister).mockReset().mockResolvedValue({ meetings: 0, papers: 0, findings: [] });
  localStorage.removeItem('joldama.fileNames');
  app.findings = [];
  vi.mocked(ipc.appInfo).mockReset().mockResolvedValue({
    version: '0.1.0', db_path: '', data_dir: '', schema_version: 1, years: [2025], graduates: 0, vacancies: 0, meetings: 0, network_share: null, server: null,
  });
});

describe('Settings', () => {
  it("edits the cohort's settings and saves them as numbers", async () => {
    render(Settings);
    await waitFor(() => expect(input('cohort-day').value).toBe('1'));
    expect(vi.mocked(ipc.cohortSettings).mock.calls[0][0]).toEqual({ cohort: 2025 });
    expect((screen.getByTestId('cohort-month') as HTMLSelectElement).value).toBe('9');

    await fireEvent.input(input('cohort-day'), { target: { value: '31' } });
    expect(button('cohort-save').disabled).toBe(true);
    expect(screen.getByTestId('cohort-invalid')).toBeTruthy();
    await fireEvent.input(input('cohort-day'), { target: { value: '15' } });
    await fireEvent.input(input('cohort-grace'), { target: { value: '45' } });
    await fireEvent.input(input('cohort-gap-grace'), { target: { value: '60' } });
    await fireEvent.input(input('cohort-normative-master'), { target: { value: '1,5' } });
    expect(button('cohort-save').disabled).toBe(false);
    await fireEvent.click(button('cohort-save'));
    await waitFor(() => expect(ipc.saveCohortSettings).toHaveBeenCalledTimes(1));
    expect(vi.mocked(ipc.saveCohortSettings).mock.calls[0][0]).toEqual({
      cohort: 2025,
      settings: {
        arrival: { month: 9, day: 15 },
        arrival_grace_days: 45,
        gap_grace_days: 60,
        uncovered_term_years: 3,
        normative_years: { bachelor: 4, master: 1.5, residency: 2, doctorate: 3 },
      },
    });
  });

  it('creates the commission and adds members by year', async () => {
    render(Settings);
    await fireEvent.click(await screen.findByTestId('commission-create'));
    await waitFor(() => expect(ipc.createCommission).toHaveBeenCalledTimes(1));
    expect(vi.mocked(ipc.createCommission).mock.calls[0][0]).toEqual({ request: { year: 2025, name: null } });

    await fireEvent.change(await screen.findByTestId('member-role'), { target: { value: 'chair' } });
    await fireEvent.input(input('member-name'), { target: { value: ' Омаров Серік ' } });
    await fireEvent.click(button('member-add'));
    await waitFor(() => expect(ipc.addMember).toHaveBeenCalledTimes(1));
    expect(vi.mocked(ipc.addMember).mock.calls[0][0]).toEqual({
      request: { year: 2025, role: 'chair', full_name: 'Омаров Серік', position: null },
    });
    await screen.findByTestId('member-row');
  });

  it("keeps the papers' file names choice: the number by default, the name only when ticked", async () => {
    render(Settings);
    const box = screen.getByTestId('setting-named-files') as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(box.closest('label')!.textContent).toContain('Имя выпускника в названии файла');
    expect(screen.getByText('По умолчанию файл называется только номером документа: по списку файлов никого не узнать')).toBeTruthy();

    await fireEvent.click(box);
    expect(localStorage.getItem('joldama.fileNames')).toBe('number_and_name');

    // Shown again (another visit to the screen), the choice is still there.
    cleanup();
    render(Settings);
    const again = screen.getByTestId('setting-named-files') as HTMLInputElement;
    expect(again.checked).toBe(true);
    await fireEvent.click(again);
    expect(localStorage.getItem('joldama.fileNames')).toBe('number');
  });

  it("checks the restored database's register again and shows what it found", async () => {
    vi.mocked(ipc.backups).mockResolvedValue([{ path: '/data/backups/joldama-20250620.sqlite3', created_at: '20250620T101500', bytes: 2000 }]);
    const finding = { code: 'seal_mismatch', message: { kk: 'мөр сәйкес емес', ru: 'печать не совпадает' } };
    vi.mocked(ipc.checkRegister).mockResolvedValue({ meetings: 1, papers: 2, findings: [finding] });
    render(Settings);
    await fireEvent.click(await screen.findByTestId('backup-restore'));
    await fireEvent.click(screen.getByTestId('restore-confirm'));
    await waitFor(() => expect(ipc.checkRegister).toHaveBeenCalledTimes(1));
    expect(vi.mocked(ipc.restoreBackup).mock.calls[0][0]).toEqual({ path: '/data/backups/joldama-20250620.sqlite3' });
    expect(vi.mocked(ipc.restoreBackup).mock.invocationCallOrder[0]).toBeLessThan(
      vi.mocked(ipc.checkRegister).mock.invocationCallOrder[0],
    );
    await waitFor(() => expect(app.findings).toEqual([finding]));
  });
});

describe('Settings: the order of the cohort', () => {
  const chosen = () => screen.getAllByTestId('priority-criterion').map((li) => li.dataset.code);
  const offered = () =>
    [...(screen.queryByTestId('priority-add-criterion')?.querySelectorAll('option') ?? [])].map((o) => o.value);

  it('offers a criterion only while it is not in the order, says the order in words, and saves it', async () => {
    render(Settings);
    await waitFor(() => expect(chosen()).toEqual(['rural_quota', 'grade_average']));
    expect(ipc.priority).toHaveBeenCalledWith({ cohort: 2025 });
    expect(screen.getByTestId('priority').querySelector('h2')!.textContent).toBe('Порядок очереди выпускников 2025 года');
    expect(offered()).toEqual(['applied_on', 'social_ground']);
    expect(button('priority-save').disabled).toBe(true);

    await fireEvent.click(button('priority-add'));
    expect(offered()).toEqual(['social_ground']);
    await fireEvent.click(button('priority-add'));
    expect(chosen()).toEqual(['rural_quota', 'grade_average', 'applied_on', 'social_ground']);
    // Every criterion is in the order: none is offered again.
    expect(screen.queryByTestId('priority-add-criterion')).toBeNull();
    expect(screen.queryByTestId('priority-add')).toBeNull();

    await fireEvent.click(screen.getAllByTestId('priority-remove')[3]);
    await fireEvent.click(screen.getAllByTestId('priority-remove')[0]);
    expect(offered()).toEqual(['rural_quota', 'social_ground']);
    const last = screen.getAllByTestId('priority-criterion')[1];
    await fireEvent.click(last.querySelector('button[aria-label="Выше"]')!);
    expect(chosen()).toEqual(['applied_on', 'grade_average']);
    await waitFor(() =>
      expect(screen.getByTestId('priority-preview').textContent!.trim()).toBe(
        'Порядок очереди: applied_on, grade_average; lottery 7',
      ),
    );

    await fireEvent.input(input('priority-seed'), { target: { value: '4294967296' } });
    expect(button('priority-save').disabled).toBe(true);
    await fireEvent.input(input('priority-seed'), { target: { value: '42' } });
    expect(button('priority-save').disabled).toBe(false);
    await fireEvent.click(button('priority-save'));
    await waitFor(() => expect(ipc.savePriority).toHaveBeenCalledTimes(1));
    expect(vi.mocked(ipc.savePriority).mock.calls[0][0]).toEqual({
      cohort: 2025,
      priority: { criteria: ['applied_on', 'grade_average'], tie_break: 'lottery', seed: 42 },
    });
    // Saved as the core answered: nothing left to save.
    await waitFor(() => expect(button('priority-save').disabled).toBe(true));
  });

  it('asks for the seed only for the lottery, keeping the saved one for the alphabet', async () => {
    render(Settings);
    await screen.findByTestId('priority-seed');
    await fireEvent.change(screen.getByTestId('priority-tie-break'), { target: { value: 'alphabet' } });
    expect(screen.queryByTestId('priority-seed')).toBeNull();
    await waitFor(() =>
      expect(screen.getByTestId('priority-preview').textContent!.trim()).toBe(
        'Порядок очереди: rural_quota, grade_average; alphabet 7',
      ),
    );
    await fireEvent.click(button('priority-save'));
    await waitFor(() => expect(ipc.savePriority).toHaveBeenCalledTimes(1));
    expect(vi.mocked(ipc.savePriority).mock.calls[0][0].priority).toEqual({
      criteria: ['rural_quota', 'grade_average'],
      tie_break: 'alphabet',
      seed: 7,
    });
  });
});
