// The graduates screen against a mocked IPC: a list imported into another year than the one
// shown switches the window to that year and says so; the card keeps every filter in sight
// and closes on Esc, but an Esc the import wizard takes is the wizard's.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import type { ImportPreview } from '../lib/types';
import { lang } from '../lib/i18n';
import { app } from '../lib/state.svelte';
import { detail, graduateRow, importReport } from './fixtures';

vi.mock('../lib/ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../lib/ipc')>();
  return {
    ...actual,
    appInfo: vi.fn(),
    graduatesPage: vi.fn(),
    programmes: vi.fn(),
    graduateDetail: vi.fn(),
    previewGraduates: vi.fn(),
    importGraduates: vi.fn(),
  };
});

import * as ipc from '../lib/ipc';
import Graduates from '../screens/Graduates.svelte';

const preview: ImportPreview = {
  file: 'list.xlsx',
  sheet: 'Лист1',
  sheet_hidden: false,
  sheets: [{ name: 'Лист1', hidden: false }],
  headers: [
    { index: 0, letter: 'A', text: 'ИИН', field: 'iin', evidence: null },
    { index: 1, letter: 'B', text: 'Основа', field: 'funding', evidence: null },
  ],
  fields: [
    { code: 'iin', label: { kk: 'ЖСН', ru: 'ИИН' }, required: true },
    { code: 'funding', label: { kk: 'Қаржыландыру', ru: 'Финансирование' }, required: true },
  ],
  tally: { header_row: 1, data_rows: 296, valid: 296, problems: [], skipped_rows: [] },
  records: 296,
  remembered: null,
};

const info = (years: number[]) => ({
  version: '0.1.0', db_path: '/db', data_dir: '/data', schema_version: 9, years, graduates: 296, vacancies: 0, meetings: 0, network_share: null, server: null,
});

beforeEach(() => {
  lang.set('ru');
  app.year = 2026;
  app.error = null;
  vi.mocked(ipc.appInfo).mockReset().mockResolvedValue(info([2026]));
  vi.mocked(ipc.graduatesPage).mockReset().mockResolvedValue({ total: 1, rows: [graduateRow({ id: 7 })] });
  vi.mocked(ipc.programmes).mockReset().mockResolvedValue([{ code: '6B01501', name: 'Математика' }]);
  vi.mocked(ipc.graduateDetail).mockReset().mockResolvedValue(detail());
  vi.mocked(ipc.previewGraduates).mockReset().mockResolvedValue(preview);
  vi.mocked(ipc.importGraduates).mockReset();
});
afterEach(() => {
  app.year = null;
  app.tasks = {};
});

async function importList(year: number) {
  vi.mocked(ipc.importGraduates).mockResolvedValueOnce(importReport({ year }));
  await fireEvent.click(screen.getByTestId('import-open'));
  await fireEvent.input(screen.getByTestId('import-path'), { target: { value: '/home/secretary/list.xlsx' } });
  await fireEvent.click(screen.getByTestId('import-preview'));
  await waitFor(() => expect((screen.getByTestId('import-confirm') as HTMLButtonElement).disabled).toBe(false));
  await fireEvent.click(screen.getByTestId('import-confirm'));
  await screen.findByTestId('import-result');
}

describe('Graduates', () => {
  it('switches to the year a list went into, and says so', async () => {
    vi.mocked(ipc.appInfo).mockResolvedValue(info([2026, 2025]));
    render(Graduates);
    await importList(2025);
    await waitFor(() => expect(app.year).toBe(2025));
    expect(screen.getByTestId('year-switched').textContent).toContain('Список импортирован в выпуск 2025 года');
    // The table asks for the year the list is in.
    await waitFor(() => expect(vi.mocked(ipc.graduatesPage).mock.calls.at(-1)![0].query.year).toBe(2025));

    // Another year chosen by hand: the notice about the switch goes.
    app.year = 2026;
    await waitFor(() => expect(screen.queryByTestId('year-switched')).toBeNull());
  });

  it('stays on the year shown when the list went into it, without a notice', async () => {
    render(Graduates);
    await importList(2026);
    expect(app.year).toBe(2026);
    expect(screen.queryByTestId('year-switched')).toBeNull();
  });

  it('keeps the level and programme filters in sight beside the card, and Esc closes the card', async () => {
    render(Graduates);
    const row = await screen.findByTestId('graduate-row');
    await fireEvent.click(row);
    await screen.findByTestId('detail-close');
    expect(screen.getByTestId('level-filter')).toBeTruthy();
    expect(screen.getByTestId('programme-filter')).toBeTruthy();

    // Esc a dialog already took (stopped or handled) is not the card's.
    const taken = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    taken.preventDefault();
    window.dispatchEvent(taken);
    expect(screen.getByTestId('detail-close')).toBeTruthy();

    await fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('detail-close')).toBeNull());
  });

  it('leaves Esc to the import wizard while it is open', async () => {
    render(Graduates);
    await fireEvent.click(await screen.findByTestId('graduate-row'));
    await screen.findByTestId('detail-close');
    await fireEvent.click(screen.getByTestId('import-open'));
    await fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('import-path')).toBeNull());
    expect(screen.getByTestId('detail-close')).toBeTruthy();
  });
});
