// The graduates table against a mocked IPC: one request per pause in typing (debounce),
// pages of 100 with the total, filters reset the page, stale answers are dropped.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import type { GraduatePage, GraduateQuery, GraduateRow } from '../lib/types';
import { graduateRow } from './fixtures';
import { lang } from '../lib/i18n';

vi.mock('../lib/ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../lib/ipc')>();
  return { ...actual, graduatesPage: vi.fn(), programmes: vi.fn() };
});

import * as ipc from '../lib/ipc';
import GraduatesTable, { DEBOUNCE_MS, PAGE_SIZE } from '../components/GraduatesTable.svelte';

function row(i: number): GraduateRow {
  return graduateRow({ id: i, iin: String(870000000000 + i), full_name: `Түлек ${i}` });
}

/** A fake server of `total` graduates that honours offset and limit. */
function serve(total: number) {
  vi.mocked(ipc.graduatesPage).mockImplementation(async ({ query }: { query: GraduateQuery }): Promise<GraduatePage> => {
    const rows: GraduateRow[] = [];
    for (let i = query.offset; i < Math.min(total, query.offset + query.limit); i++) rows.push(row(i + 1));
    return { total, rows };
  });
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};
const queries = () => vi.mocked(ipc.graduatesPage).mock.calls.map((c) => c[0].query);

beforeEach(() => {
  vi.useFakeTimers();
  lang.set('ru');
  vi.mocked(ipc.graduatesPage).mockReset();
  vi.mocked(ipc.programmes).mockReset().mockResolvedValue([{ code: '6B01501', name: 'Математика' }]);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('GraduatesTable', () => {
  it('loads the first page of the year with the total', async () => {
    serve(250);
    render(GraduatesTable, { props: { year: 2025 } });
    await vi.advanceTimersByTimeAsync(0);
    expect(queries()).toEqual([
      { year: 2025, search: '', funding: null, level: null, program_code: null, status: null, offset: 0, limit: 100 },
    ]);
    expect(screen.getAllByTestId('graduate-row')).toHaveLength(PAGE_SIZE);
    expect(screen.getAllByTestId('graduate-row')[0].getAttribute('data-iin')).toBe('870000000001');
    expect(screen.getByTestId('graduates-total').textContent).toContain('250');
  });

  it('debounces typing into one request with the last text, from the first page', async () => {
    serve(250);
    render(GraduatesTable, { props: { year: 2025 } });
    await vi.advanceTimersByTimeAsync(0);
    await fireEvent.click(screen.getByTestId('page-next'));
    await vi.advanceTimersByTimeAsync(0);
    expect(queries().at(-1)!.offset).toBe(100);
    const before = queries().length;

    const search = screen.getByTestId('graduate-search') as HTMLInputElement;
    for (const text of ['Ә', 'Әб', 'Әбд']) {
      await fireEvent.input(search, { target: { value: text } });
      await vi.advanceTimersByTimeAsync(DEBOUNCE_MS / 3);
    }
    expect(queries().length).toBe(before);
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(queries().length).toBe(before + 1);
    expect(queries().at(-1)).toMatchObject({ search: 'Әбд', offset: 0, limit: 100 });

    // Nothing more after the pause.
    await vi.advanceTimersByTimeAsync(1000);
    expect(queries().length).toBe(before + 1);
  });

  it('pages forward and back and stops at the ends', async () => {
    serve(250);
    render(GraduatesTable, { props: { year: 2025 } });
    await vi.advanceTimersByTimeAsync(0);
    const prev = screen.getByTestId('page-prev') as HTMLButtonElement;
    expect(prev.disabled).toBe(true);
    await fireEvent.click(screen.getByTestId('page-next'));
    await vi.advanceTimersByTimeAsync(0);
    await fireEvent.click(screen.getByTestId('page-next'));
    await vi.advanceTimersByTimeAsync(0);
    expect(queries().map((q) => q.offset)).toEqual([0, 100, 200]);
    expect(screen.getAllByTestId('graduate-row')).toHaveLength(50);
    expect((screen.getByTestId('page-next') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByTestId('page-prev'));
    await vi.advanceTimersByTimeAsync(0);
    expect(queries().at(-1)!.offset).toBe(100);
  });

  it('filters at once and from the first page', async () => {
    serve(250);
    render(GraduatesTable, { props: { year: 2025 } });
    await vi.advanceTimersByTimeAsync(0);
    await fireEvent.click(screen.getByTestId('page-next'));
    await vi.advanceTimersByTimeAsync(0);
    const status = screen.getByTestId('status-filter') as HTMLSelectElement;
    await fireEvent.change(status, { target: { value: 'vacancy' } });
    await vi.advanceTimersByTimeAsync(0);
    expect(queries().at(-1)).toMatchObject({ status: 'vacancy', offset: 0 });
  });

  it('drops an answer that arrives after a newer request', async () => {
    let release: (p: GraduatePage) => void = () => {};
    vi.mocked(ipc.graduatesPage)
      .mockResolvedValueOnce({ total: 1, rows: [row(1)] })
      .mockImplementationOnce(() => new Promise((resolve) => (release = resolve)))
      .mockResolvedValueOnce({ total: 1, rows: [{ ...row(7), full_name: 'Жаңа' }] });
    render(GraduatesTable, { props: { year: 2025 } });
    await vi.advanceTimersByTimeAsync(0);
    const search = screen.getByTestId('graduate-search');
    await fireEvent.input(search, { target: { value: 'ес' } });
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    await fireEvent.input(search, { target: { value: 'жаң' } });
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    await flush();
    expect(screen.getAllByTestId('graduate-row')[0].textContent).toContain('Жаңа');
    release({ total: 1, rows: [{ ...row(2), full_name: 'Ескі' }] });
    await flush();
    expect(screen.getAllByTestId('graduate-row')[0].textContent).toContain('Жаңа');
    expect(screen.getByTestId('graduates-total').textContent).toContain('1');
  });

  it('moves the selection with the arrow keys', async () => {
    serve(3);
    const onselect = vi.fn();
    render(GraduatesTable, { props: { year: 2025, onselect } });
    await vi.advanceTimersByTimeAsync(0);
    const search = screen.getByTestId('graduate-search');
    await fireEvent.keyDown(search, { key: 'ArrowDown' });
    await fireEvent.keyDown(search, { key: 'ArrowDown' });
    expect(onselect).toHaveBeenLastCalledWith(expect.objectContaining({ id: 2 }));
    const rows = screen.getAllByTestId('graduate-row');
    expect(rows[1].classList.contains('selected')).toBe(true);
  });
});
