// The register on a server, in Settings, against a mocked IPC: the address is remembered on the
// desk and the password never; who signed in and their role are shown; moving the file in asks
// first and shows every table verified; only an administrator sees people and adds one, with a
// password long enough; a refused sign-in reaches the error banner.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { lang } from '../lib/i18n';
import { app, registerChanged } from '../lib/state.svelte';
import type { AppInfo, ServerStatus } from '../lib/types';

vi.mock('../lib/ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../lib/ipc')>();
  return { ...actual, serverStatus: vi.fn(), serverMoveIn: vi.fn(), serverAddPerson: vi.fn(), serverSetRole: vi.fn(), serverRemovePerson: vi.fn(), serverUse: vi.fn(), serverLeave: vi.fn() };
});

import * as ipc from '../lib/ipc';
import ServerPanel from '../components/ServerPanel.svelte';

const ADDRESS = 'postgresql://aigerim@db.university.kz:5432/joldama';
const admin: ServerStatus = {
  person: 'aigerim', role: 'administrator', schema_version: 14, encrypted: true, last_backup: '2026-12-02 23:00',
  holds: { years: [2025], graduates: 394, vacancies: 120, meetings: 1 },
  people: [{ name: 'aigerim', role: 'administrator' }, { name: 'nurlan', role: 'member' }],
};

const input = (id: string) => screen.getByTestId(id) as HTMLInputElement;
const button = (id: string) => screen.getByTestId(id) as HTMLButtonElement;

async function signIn(status: ServerStatus) {
  vi.mocked(ipc.serverStatus).mockResolvedValue(status);
  render(ServerPanel);
  await fireEvent.input(input('server-address'), { target: { value: ADDRESS } });
  await fireEvent.input(input('server-password'), { target: { value: 'құпия сөз' } });
  await fireEvent.click(button('server-check'));
  await waitFor(() => expect(screen.getByTestId('server-person').textContent).toContain(status.person));
}

beforeEach(() => {
  cleanup();
  lang.set('ru');
  app.error = null;
  localStorage.clear();
  vi.mocked(ipc.serverStatus).mockReset();
  vi.mocked(ipc.serverMoveIn).mockReset();
  vi.mocked(ipc.serverAddPerson).mockReset();
  vi.mocked(ipc.serverSetRole).mockReset();
  vi.mocked(ipc.serverRemovePerson).mockReset();
  vi.mocked(ipc.serverUse).mockReset();
  vi.mocked(ipc.serverLeave).mockReset();
  app.info = null;
});

const onFile: AppInfo = {
  version: '0.1.0', db_path: '/data/joldama.sqlite3', data_dir: '/data', schema_version: 14, years: [2025],
  graduates: 3, vacancies: 1, meetings: 1, network_share: null, server: null,
};

describe('the window on the server', () => {
  it('works on the server register once signed in, says so, and comes back to the file', async () => {
    app.info = onFile;
    await signIn(admin);
    const onServer = { ...onFile, db_path: '', graduates: 394, server: { address: ADDRESS, person: 'aigerim', role: 'administrator' as const } };
    vi.mocked(ipc.serverUse).mockResolvedValue(onServer);
    const version = app.version;
    await fireEvent.click(button('server-use'));
    await waitFor(() => expect(screen.getByTestId('server-in-use').textContent).toContain(ADDRESS));
    expect(ipc.serverUse).toHaveBeenCalledWith({ request: { address: ADDRESS, password: 'құпия сөз' } });
    expect((app.info as AppInfo | null)?.graduates).toBe(394);
    expect(app.version).toBeGreaterThan(version);
    expect(screen.queryByTestId('server-use')).toBeNull();

    expect(localStorage.getItem('joldama.onServer')).toBe('1');

    vi.mocked(ipc.serverLeave).mockResolvedValue(onFile);
    await fireEvent.click(button('server-leave'));
    await waitFor(() => expect(screen.queryByTestId('server-in-use')).toBeNull());
    expect((app.info as AppInfo | null)?.server).toBeNull();
    expect(localStorage.getItem('joldama.onServer')).toBeNull();
  });

  it('offers the server register only after signing in', async () => {
    app.info = onFile;
    render(ServerPanel);
    expect(screen.queryByTestId('server-use')).toBeNull();
  });

  it('reloads what is shown once for a burst of changes from other desks', async () => {
    vi.useFakeTimers();
    const version = app.version;
    registerChanged();
    registerChanged();
    registerChanged();
    expect(app.version).toBe(version);
    vi.advanceTimersByTime(300);
    expect(app.version).toBe(version + 1);
    vi.useRealTimers();
  });
});

describe('the register on a server', () => {
  it('signs in, says who and with which role, and keeps the address but never the password', async () => {
    await signIn(admin);
    expect(ipc.serverStatus).toHaveBeenCalledWith({ request: { address: ADDRESS, password: 'құпия сөз' } });
    const status = screen.getByTestId('server-status').textContent ?? '';
    expect(status).toContain('aigerim — администратор');
    expect(status).toContain('шифруется (TLS)');
    expect(status).toContain('2026-12-02 23:00');
    expect(screen.getByTestId('server-holds').textContent).toBe('выпускников: 394, вакансий: 120, заседаний: 1');
    expect(localStorage.getItem('joldama.server')).toBe(ADDRESS);
    expect(JSON.stringify({ ...localStorage })).not.toContain('құпия');
    cleanup();
    render(ServerPanel);
    expect(input('server-address').value).toBe(ADDRESS);
    expect(input('server-password').value).toBe('');
  });

  it('keeps an address without the password typed into it', async () => {
    await signIn(admin);
    cleanup();
    vi.mocked(ipc.serverStatus).mockResolvedValue(admin);
    render(ServerPanel);
    await fireEvent.input(input('server-address'), { target: { value: 'postgresql://aigerim:s3cret@db:5432/joldama' } });
    await fireEvent.click(button('server-check'));
    await waitFor(() => expect(localStorage.getItem('joldama.server')).toBe('postgresql://aigerim@db:5432/joldama'));
    await fireEvent.input(input('server-address'), { target: { value: 'host=db user=aigerim password=s3cret dbname=joldama' } });
    await fireEvent.click(button('server-check'));
    await waitFor(() => expect(localStorage.getItem('joldama.server')).toBe('host=db user=aigerim dbname=joldama'));
  });

  it('moves the file in only once confirmed, and shows every table verified', async () => {
    await signIn(admin);
    vi.mocked(ipc.serverMoveIn).mockResolvedValue({
      schema_version: 14,
      tables: [
        { table: 'graduate', rows: 394, checksum: 'ab'.repeat(32) },
        { table: 'decision', rows: 207, checksum: 'cd'.repeat(32) },
      ],
    });
    await fireEvent.click(button('server-move-in'));
    expect(ipc.serverMoveIn).not.toHaveBeenCalled();
    await fireEvent.click(button('server-move-in-confirm'));
    await waitFor(() => expect(screen.getByTestId('server-moved')).toBeTruthy());
    const rows = [...screen.getByTestId('server-moved').querySelectorAll('tbody tr')].map((r) => r.textContent);
    expect(rows).toEqual(['graduate394' + 'ab'.repeat(8), 'decision207' + 'cd'.repeat(8)]);
    expect(screen.getByText('Перенесено и проверено: таблиц 2')).toBeTruthy();
  });

  it('lets an administrator add a person with a password long enough, in the role chosen', async () => {
    await signIn(admin);
    expect(screen.getByTestId('server-people').textContent).toContain('nurlan');
    vi.mocked(ipc.serverAddPerson).mockResolvedValue({ name: 'saule', role: 'member' });
    await fireEvent.input(input('server-new-name'), { target: { value: ' saule ' } });
    await fireEvent.change(screen.getByTestId('server-new-role'), { target: { value: 'member' } });
    await fireEvent.input(input('server-new-password'), { target: { value: 'short' } });
    expect(button('server-add-person').disabled).toBe(true);
    await fireEvent.input(input('server-new-password'), { target: { value: 'long enough' } });
    expect(button('server-add-person').disabled).toBe(false);
    await fireEvent.click(button('server-add-person'));
    await waitFor(() => expect(ipc.serverAddPerson).toHaveBeenCalled());
    expect(vi.mocked(ipc.serverAddPerson).mock.calls[0][0].person).toEqual({ name: 'saule', role: 'member', password: 'long enough' });
  });

  it('gives another role and removes a person, never oneself, and shows a refused role as it still is', async () => {
    await signIn(admin);
    const rows = screen.getAllByTestId('server-person-row');
    const own = rows.find((r) => r.dataset.name === 'aigerim')!;
    const other = rows.find((r) => r.dataset.name === 'nurlan')!;
    expect(own.querySelector('select')).toBeNull();
    expect(own.querySelector('button')).toBeNull();
    const role = other.querySelector('select')!;
    expect(role.value).toBe('member');

    vi.mocked(ipc.serverSetRole).mockRejectedValueOnce({ code: 'server_forbidden', params: {}, message: { kk: '…', ru: '…' } });
    await fireEvent.change(role, { target: { value: 'administrator' } });
    await waitFor(() => expect(app.error?.code).toBe('server_forbidden'));
    expect(role.value).toBe('member');

    vi.mocked(ipc.serverSetRole).mockResolvedValue({ name: 'nurlan', role: 'secretary' });
    await fireEvent.change(role, { target: { value: 'secretary' } });
    await waitFor(() => expect(ipc.serverSetRole).toHaveBeenLastCalledWith({ request: { address: ADDRESS, password: 'құпия сөз' }, name: 'nurlan', role: 'secretary' }));

    vi.mocked(ipc.serverRemovePerson).mockResolvedValue(null);
    await fireEvent.click(other.querySelector('button')!);
    expect(ipc.serverRemovePerson).not.toHaveBeenCalled();
    await fireEvent.click(button('server-remove-confirm'));
    await waitFor(() => expect(ipc.serverRemovePerson).toHaveBeenCalledWith({ request: { address: ADDRESS, password: 'құпия сөз' }, name: 'nurlan' }));
  });

  it('shows a member who they are but no people and no way to add one', async () => {
    await signIn({ ...admin, person: 'nurlan', role: 'member', people: [], encrypted: false, last_backup: null });
    expect(screen.getByTestId('server-person').textContent).toBe('nurlan — член комиссии');
    expect(screen.getByTestId('server-status').textContent).toContain('сервер не сообщает');
    expect(screen.queryByTestId('server-people')).toBeNull();
    expect(screen.queryByTestId('server-add-person')).toBeNull();
  });

  it('brings a refused sign-in to the error banner', async () => {
    vi.mocked(ipc.serverStatus).mockRejectedValue({
      code: 'sign_in_refused', params: {}, message: { kk: 'Сервер кіруге рұқсат бермеді', ru: 'Сервер не пустил: неверное имя или пароль.' },
    });
    render(ServerPanel);
    await fireEvent.input(input('server-address'), { target: { value: ADDRESS } });
    await fireEvent.click(button('server-check'));
    await waitFor(() => expect(app.error?.code).toBe('sign_in_refused'));
    expect(screen.queryByTestId('server-status')).toBeNull();
  });
});
