// The window at start against a mocked IPC: once the app info has loaded, the register is
// checked; what it found stays in a banner at the top, with each finding in the current
// language on request; nothing is shown when the register holds or the check cannot run.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { lang } from '../lib/i18n';
import { app } from '../lib/state.svelte';
import type { Reason } from '../lib/types';

vi.mock('../lib/ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../lib/ipc')>();
  return {
    ...actual,
    appInfo: vi.fn(),
    checkRegister: vi.fn(),
    graduatesPage: vi.fn(),
    programmes: vi.fn(),
    onFileDrop: vi.fn(),
    onTaskProgress: vi.fn(),
  };
});

import * as ipc from '../lib/ipc';
import App from '../App.svelte';

const findings: Reason[] = [
  {
    code: 'seal_mismatch',
    message: { kk: '№1 отырыстың шешімі №101 мөрмен сәйкес келмейді', ru: 'Решение №101 заседания №1 не совпадает с печатью' },
  },
  {
    code: 'chain_broken',
    message: { kk: 'Мөрлер тізбегі №4 жазбада үзілген', ru: 'Цепочка печатей прервана на записи №4' },
  },
];

beforeEach(() => {
  lang.set('ru');
  app.findings = [];
  app.error = null;
  app.screen = 'graduates';
  vi.mocked(ipc.appInfo).mockReset().mockResolvedValue({
    version: '0.1.0', db_path: '/db', data_dir: '/data', schema_version: 9, years: [2025], graduates: 3, vacancies: 1, meetings: 1, network_share: null, server: null,
  });
  vi.mocked(ipc.checkRegister).mockReset().mockResolvedValue({ meetings: 1, papers: 3, findings });
  vi.mocked(ipc.graduatesPage).mockReset().mockResolvedValue({ total: 0, rows: [] });
  vi.mocked(ipc.programmes).mockReset().mockResolvedValue([]);
  vi.mocked(ipc.onFileDrop).mockReset().mockResolvedValue(() => {});
  vi.mocked(ipc.onTaskProgress).mockReset().mockResolvedValue(() => {});
});
afterEach(() => {
  app.findings = [];
});

describe('App', () => {
  it('checks the register once the app info has loaded and shows what it found, details on request', async () => {
    render(App);
    const banner = await screen.findByTestId('register-findings');
    expect(ipc.checkRegister).toHaveBeenCalledTimes(1);
    expect(vi.mocked(ipc.appInfo).mock.invocationCallOrder[0]).toBeLessThan(
      vi.mocked(ipc.checkRegister).mock.invocationCallOrder[0],
    );
    expect(banner.textContent).toContain('В реестре найдено нарушений: 2 — утверждённые записи изменены в обход программы');
    expect(screen.queryAllByTestId('register-finding')).toHaveLength(0);

    const toggle = screen.getByTestId('register-findings-toggle');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await fireEvent.click(toggle);
    const items = screen.getAllByTestId('register-finding');
    expect(items.map((li) => li.textContent)).toEqual([
      'Решение №101 заседания №1 не совпадает с печатью',
      'Цепочка печатей прервана на записи №4',
    ]);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');

    // In Kazakh, the line and the findings both.
    lang.set('kk');
    await waitFor(() =>
      expect(screen.getByTestId('register-findings').textContent).toContain(
        'Тізілімде 2 ақау табылды: бекітілген жазбалар бағдарламадан тыс өзгертілген',
      ),
    );
    expect(screen.getAllByTestId('register-finding')[1].textContent).toBe('Мөрлер тізбегі №4 жазбада үзілген');

    await fireEvent.click(toggle);
    expect(screen.queryAllByTestId('register-finding')).toHaveLength(0);
    // Hidden details, still the banner.
    expect(screen.getByTestId('register-findings')).toBeTruthy();
  });

  it('shows no banner when the register holds', async () => {
    vi.mocked(ipc.checkRegister).mockResolvedValue({ meetings: 1, papers: 3, findings: [] });
    render(App);
    await waitFor(() => expect(ipc.checkRegister).toHaveBeenCalledTimes(1));
    await Promise.resolve();
    expect(screen.queryByTestId('register-findings')).toBeNull();
  });

  it('shows nothing extra when the check itself fails', async () => {
    vi.mocked(ipc.checkRegister).mockRejectedValue({ code: 'database', params: {}, message: { kk: 'қате', ru: 'ошибка' } });
    render(App);
    await waitFor(() => expect(ipc.checkRegister).toHaveBeenCalledTimes(1));
    await Promise.resolve();
    expect(screen.queryByTestId('register-findings')).toBeNull();
    expect(screen.queryByTestId('error-banner')).toBeNull();
    expect(app.error).toBeNull();
  });

  it('opens on the year last worked in, and remembers the year chosen', async () => {
    app.year = null;
    localStorage.setItem('joldama.year', '2024');
    vi.mocked(ipc.appInfo).mockResolvedValue({
      version: '0.1.0', db_path: '/db', data_dir: '/data', schema_version: 9, years: [2025, 2024], graduates: 3, vacancies: 1, meetings: 1, network_share: null, server: null,
    });
    render(App);
    const select = (await screen.findByTestId('year-select')) as HTMLSelectElement;
    await waitFor(() => expect(select.value).toBe('2024'));
    await fireEvent.change(select, { target: { value: '2025' } });
    await waitFor(() => expect(localStorage.getItem('joldama.year')).toBe('2025'));
    localStorage.removeItem('joldama.year');
  });

  it('asks to sign in to the server again when the desk last worked there', async () => {
    localStorage.setItem('joldama.onServer', '1');
    lang.set('ru');
    render(App);
    const banner = await screen.findByTestId('server-sign-in');
    expect(banner.textContent).toContain('пароль не сохраняется');
    await fireEvent.click(screen.getByTestId('server-sign-in-go'));
    expect(app.screen).toBe('settings');
    localStorage.removeItem('joldama.onServer');
  });

  it('says who works on the server register, and that a member only reads', async () => {
    vi.mocked(ipc.appInfo).mockResolvedValue({
      version: '0.1.0', db_path: '', data_dir: '/data', schema_version: 14, years: [2025], graduates: 3, vacancies: 1, meetings: 1,
      network_share: null,
      server: { address: 'postgresql://nurlan@db.university.kz/joldama', person: 'nurlan', role: 'member' },
    });
    lang.set('ru');
    render(App);
    expect((await screen.findByTestId('server-badge')).textContent).toBe('Сервер · nurlan, член комиссии');
    expect(screen.getByTestId('server-read-only').textContent).toContain('не менять');
  });

  it('does not ask when the desk works on its file', async () => {
    render(App);
    await screen.findByTestId('nav-counts');
    expect(screen.queryByTestId('server-sign-in')).toBeNull();
  });

  it('says at start that the file sits on a network share, in the window\'s language', async () => {
    vi.mocked(ipc.appInfo).mockResolvedValue({
      version: '0.1.0', db_path: '/mnt/office/j.sqlite3', data_dir: '/mnt/office', schema_version: 14, years: [2025], graduates: 3, vacancies: 1, meetings: 1,
      network_share: { kk: '«/mnt/office/j.sqlite3» дерекқоры желілік қалтада (NFS)', ru: 'База «/mnt/office/j.sqlite3» лежит в сетевой папке (NFS)' },
      server: null,
    });
    lang.set('ru');
    render(App);
    const banner = await screen.findByTestId('network-share');
    expect(banner.querySelector('span')?.textContent).toBe('База «/mnt/office/j.sqlite3» лежит в сетевой папке (NFS)');
    // One click to where the desks should go instead.
    await fireEvent.click(screen.getByTestId('network-share-server'));
    expect(app.screen).toBe('settings');
  });

  it('does not check a register whose app info did not load', async () => {
    vi.mocked(ipc.appInfo).mockRejectedValue({ code: 'database', params: {}, message: { kk: 'қате', ru: 'ошибка' } });
    render(App);
    await screen.findByTestId('error-banner');
    expect(ipc.checkRegister).not.toHaveBeenCalled();
    expect(screen.queryByTestId('register-findings')).toBeNull();
  });
});
