// The import wizard against a mocked IPC: preview with the detected mapping, a corrected
// column previews again with an explicit mapping (a field on one column only), problems by
// row, then the import with that mapping and a task id, and the result, with the records the
// commission has decided on that the list changed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import type { ImportPreview, ImportReport } from '../lib/types';
import { lang } from '../lib/i18n';
import { importReport } from './fixtures';

vi.mock('../lib/ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../lib/ipc')>();
  return {
    ...actual,
    previewGraduates: vi.fn(),
    importGraduates: vi.fn(),
    previewVacancies: vi.fn(),
    importVacancies: vi.fn(),
    previewApplications: vi.fn(),
    importApplications: vi.fn(),
    pickFile: vi.fn(),
    cancelTask: vi.fn(),
  };
});

import * as ipc from '../lib/ipc';
import ImportWizard from '../components/ImportWizard.svelte';
import { app } from '../lib/state.svelte';

const fields = [
  { code: 'iin', label: { kk: 'ЖСН', ru: 'ИИН' }, required: true },
  { code: 'full_name', label: { kk: 'Т.А.Ә.', ru: 'ФИО' }, required: false },
  { code: 'surname', label: { kk: 'Тегі', ru: 'Фамилия' }, required: false },
  { code: 'funding', label: { kk: 'Қаржыландыру', ru: 'Финансирование' }, required: true },
];

function preview(over: Partial<ImportPreview> = {}): ImportPreview {
  return {
    file: 'list.xlsx',
    sheet: 'Лист1',
    sheet_hidden: false,
    sheets: [{ name: 'Лист1', hidden: false }],
    headers: [
      { index: 0, letter: 'A', text: 'ИИН', field: 'iin', evidence: { kk: '«ИИН» тақырыбы', ru: 'заголовок «ИИН»' } },
      { index: 1, letter: 'B', text: 'ФИО', field: 'full_name', evidence: { kk: '«ФИО» тақырыбы', ru: 'заголовок «ФИО»' } },
      { index: 2, letter: 'C', text: 'Основа', field: null, evidence: null },
    ],
    fields,
    tally: {
      header_row: 4,
      data_rows: 121,
      valid: 118,
      problems: [
        { row: 17, column: 'A', header: 'ИИН', field: 'iin', code: 'iin_check_digit', value: '870412300416', person: 'Ахметов Айдос', message: { kk: 'ЖСН бақылау саны қате', ru: 'Неверная контрольная цифра ИИН' } },
        { row: 40, column: null, header: null, field: 'surname', code: 'missing_field', value: null, person: null, message: { kk: 'Тегі жоқ', ru: 'Нет фамилии' } },
        { row: 88, column: 'A', header: 'ИИН', field: 'iin', code: 'duplicate_in_file', value: '870412300417', person: 'Серікова Ая', message: { kk: 'Қайталанған', ru: 'Повтор строки 12' } },
      ],
      skipped_rows: [130, 131],
    },
    records: 118,
    remembered: null,
    ...over,
  };
}

const report: ImportReport = importReport();

beforeEach(() => {
  lang.set('ru');
  vi.mocked(ipc.previewGraduates).mockReset();
  vi.mocked(ipc.importGraduates).mockReset();
});
afterEach(() => {
  app.tasks = {};
});

describe('ImportWizard', () => {
  it('previews, corrects the mapping, previews again with it, and imports with it', async () => {
    vi.mocked(ipc.previewGraduates).mockResolvedValueOnce(preview());
    const ondone = vi.fn();
    render(ImportWizard, { props: { kind: 'graduates', year: 2025, onclose: () => {}, ondone } });

    const path = screen.getByTestId('import-path') as HTMLInputElement;
    await fireEvent.input(path, { target: { value: '/home/secretary/list.xlsx' } });
    await fireEvent.click(screen.getByTestId('import-preview'));

    await waitFor(() => expect(screen.getByTestId('preview-rows').textContent).toBe('121'));
    expect(ipc.previewGraduates).toHaveBeenCalledWith({ path: '/home/secretary/list.xlsx', year: null, sheet: null, mapping: null });
    expect(screen.getByTestId('preview-valid').textContent).toBe('118');
    expect(screen.getByTestId('preview-problems').textContent).toBe('3');
    const rows = screen.getAllByTestId('problem-row');
    expect(rows).toHaveLength(3);
    expect(rows[0].textContent).toContain('17');
    expect(rows[0].textContent).toContain('Неверная контрольная цифра ИИН');
    // Whom the row is about and what the cell held, so nobody opens the file to see.
    expect(rows[0].textContent).toContain('Ахметов Айдос');
    expect(rows[0].textContent).toContain('«870412300416»');
    // Why each column was taken.
    const evidence = screen.getAllByTestId('mapping-evidence').map((e) => e.textContent);
    expect(evidence).toEqual(['заголовок «ИИН»', 'заголовок «ФИО»', '']);
    // One sheet: nothing to choose.
    expect(screen.queryByTestId('import-sheet')).toBeNull();
    expect(rows[1].textContent).toContain('40');
    expect(rows[1].textContent).toContain('Фамилия');

    // The selects show the detected mapping.
    const selects = screen.getAllByTestId('mapping-field') as HTMLSelectElement[];
    expect(selects.map((s) => s.value)).toEqual(['iin', 'full_name', '']);
    // Funding is required and not mapped yet.
    expect(screen.getByTestId('mapping-missing').textContent).toContain('Финансирование');

    // Column C is the funding: previews again with the whole mapping.
    vi.mocked(ipc.previewGraduates).mockResolvedValueOnce(
      preview({
        headers: [
          { index: 0, letter: 'A', text: 'ИИН', field: 'iin', evidence: null },
          { index: 1, letter: 'B', text: 'ФИО', field: 'full_name', evidence: null },
          { index: 2, letter: 'C', text: 'Основа', field: 'funding', evidence: { kk: 'қолмен таңдалды', ru: 'выбрано вручную' } },
        ],
        tally: { header_row: 4, data_rows: 121, valid: 120, problems: [preview().tally.problems[0]], skipped_rows: [] },
      }),
    );
    await fireEvent.change(selects[2], { target: { value: 'funding' } });
    await waitFor(() => expect(screen.getByTestId('preview-valid').textContent).toBe('120'));
    const mapping = { sheet: 'Лист1', header_row: 4, columns: [{ field: 'iin', index: 0 }, { field: 'full_name', index: 1 }, { field: 'funding', index: 2 }] };
    expect(ipc.previewGraduates).toHaveBeenLastCalledWith({ path: '/home/secretary/list.xlsx', year: null, sheet: null, mapping });
    expect(screen.getAllByTestId('problem-row')).toHaveLength(1);
    expect(screen.queryByTestId('mapping-missing')).toBeNull();

    // Import: the same path, year and the corrected mapping, under a task id.
    vi.mocked(ipc.importGraduates).mockResolvedValueOnce(report);
    await fireEvent.click(screen.getByTestId('import-confirm'));
    await waitFor(() => expect(screen.getByTestId('import-result')).toBeTruthy());
    const call = vi.mocked(ipc.importGraduates).mock.calls[0][0];
    expect(call).toMatchObject({ path: '/home/secretary/list.xlsx', year: null, sheet: null, mapping });
    expect(typeof call.task).toBe('string');
    expect(call.task.length).toBeGreaterThan(5);
    expect(screen.getByTestId('import-result').textContent).toContain('117');
    expect(screen.queryByTestId('import-decided')).toBeNull();
    expect(ondone).toHaveBeenCalledWith(report);
  });

  it('keeps one column per field: choosing a mapped field elsewhere frees the first column', async () => {
    vi.mocked(ipc.previewGraduates).mockResolvedValue(preview());
    render(ImportWizard, { props: { kind: 'graduates', year: 2025, onclose: () => {} } });
    await fireEvent.input(screen.getByTestId('import-path'), { target: { value: 'C:\\Списки\\2025.xlsx' } });
    await fireEvent.click(screen.getByTestId('import-preview'));
    await waitFor(() => expect(screen.getAllByTestId('mapping-field')).toHaveLength(3));

    const selects = screen.getAllByTestId('mapping-field') as HTMLSelectElement[];
    await fireEvent.change(selects[2], { target: { value: 'iin' } });
    await waitFor(() => expect(ipc.previewGraduates).toHaveBeenCalledTimes(2));
    const sent = vi.mocked(ipc.previewGraduates).mock.calls[1][0].mapping;
    expect(sent).toEqual({ sheet: 'Лист1', header_row: 4, columns: [{ field: 'full_name', index: 1 }, { field: 'iin', index: 2 }] });
  });

  it('shows a failed preview in the error banner, translated, and stays on the path step', async () => {
    vi.mocked(ipc.previewGraduates).mockRejectedValueOnce({
      code: 'not_a_spreadsheet',
      params: {},
      message: { kk: 'кесте емес', ru: 'не таблица' },
    });
    app.error = null;
    render(ImportWizard, { props: { kind: 'graduates', year: 2025, onclose: () => {} } });
    await fireEvent.input(screen.getByTestId('import-path'), { target: { value: '/tmp/photo.jpg' } });
    await fireEvent.click(screen.getByTestId('import-preview'));
    await waitFor(() => expect(app.error?.code).toBe('not_a_spreadsheet'));
    expect(screen.queryByTestId('preview-rows')).toBeNull();
    expect(screen.queryByTestId('import-confirm')).toBeNull();
  });

  it('does not offer the import when no row is valid', async () => {
    vi.mocked(ipc.previewGraduates).mockResolvedValueOnce(
      preview({ tally: { header_row: 4, data_rows: 3, valid: 0, problems: preview().tally.problems, skipped_rows: [] } }),
    );
    render(ImportWizard, { props: { kind: 'graduates', year: 2025, onclose: () => {} } });
    await fireEvent.input(screen.getByTestId('import-path'), { target: { value: '/x.xlsx' } });
    await fireEvent.click(screen.getByTestId('import-preview'));
    await waitFor(() => expect(screen.getByTestId('preview-valid').textContent).toBe('0'));
    expect((screen.getByTestId('import-confirm') as HTMLButtonElement).disabled).toBe(true);
  });

  it('closes on Esc', async () => {
    const onclose = vi.fn();
    render(ImportWizard, { props: { kind: 'graduates', year: 2025, onclose } });
    await fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(onclose).toHaveBeenCalledTimes(1);
  });

  it('reads a list without a year column for the year being worked on, and lets the year be chosen', async () => {
    vi.mocked(ipc.previewGraduates)
      // No column for the year: the field is required and unmapped, no rows read.
      .mockResolvedValueOnce(
        preview({
          fields: [...fields, { code: 'graduation_year', label: { kk: 'Бітірген жылы', ru: 'Год выпуска' }, required: true }],
          tally: { header_row: 4, data_rows: 0, valid: 0, problems: [], skipped_rows: [] },
          records: 0,
        }),
      )
      .mockResolvedValueOnce(preview())
      .mockResolvedValueOnce(preview());
    app.error = null;
    render(ImportWizard, { props: { kind: 'graduates', year: 2026, onclose: () => {} } });
    await fireEvent.input(screen.getByTestId('import-path'), { target: { value: '/no-year.xlsx' } });
    await fireEvent.click(screen.getByTestId('import-preview'));
    await waitFor(() => expect(screen.getByTestId('preview-rows')).toBeTruthy());
    const calls = vi.mocked(ipc.previewGraduates).mock.calls.map((c) => c[0].year);
    expect(calls).toEqual([null, 2026]);
    expect(app.error).toBeNull();
    expect(screen.getByTestId('import-year-filled').textContent).toContain('2026');
    const select = screen.getByTestId('import-year') as HTMLSelectElement;
    expect(select.value).toBe('2026');
    await fireEvent.change(select, { target: { value: '' } });
    await waitFor(() => expect(ipc.previewGraduates).toHaveBeenCalledTimes(3));
    expect(vi.mocked(ipc.previewGraduates).mock.calls[2][0].year).toBeNull();
  });

  it('always sends the year for a vacancy list', async () => {
    vi.mocked(ipc.previewVacancies).mockReset().mockResolvedValueOnce(preview());
    render(ImportWizard, { props: { kind: 'vacancies', year: 2025, onclose: () => {} } });
    expect(screen.queryByTestId('import-year')).toBeNull();
    await fireEvent.input(screen.getByTestId('import-path'), { target: { value: '/v.xlsx' } });
    await fireEvent.click(screen.getByTestId('import-preview'));
    await waitFor(() => expect(ipc.previewVacancies).toHaveBeenCalledWith({ path: '/v.xlsx', year: 2025, sheet: null, mapping: null }));
  });

  it('shows the decided records the list changed, each change old → new, and the new problems as problems', async () => {
    lang.set('kk');
    vi.mocked(ipc.previewGraduates).mockResolvedValueOnce(preview());
    vi.mocked(ipc.importGraduates).mockResolvedValueOnce(
      importReport({
        problems: [
          {
            row: 12,
            column: 'C',
            header: 'ФИО',
            field: 'surname',
            code: 'hidden_characters',
            value: 'Сейтқали U+001B',
            person: 'Сейтқали Мадина',
            message: { kk: 'Мәтінде көрінбейтін таңбалар бар', ru: 'В тексте невидимые символы' },
          },
        ],
        decided: [
          {
            label: 'Сейітқалиева Айдана, 020427650123',
            changes: [
              { field: 'surname', label: { kk: 'Тегі', ru: 'Фамилия' }, old: { kk: 'Сейітқалиева', ru: 'Сейітқалиева' }, new: { kk: 'Ахметова', ru: 'Ахметова' } },
              { field: 'program_code', label: { kk: 'Бағдарлама', ru: 'Программа' }, old: { kk: '6B01501', ru: '6B01501' }, new: { kk: '6B01502', ru: '6B01502' } },
            ],
          },
          {
            label: 'Ким Ксения, 010203450678',
            changes: [{ field: 'funding', label: { kk: 'Қаржыландыру', ru: 'Финансирование' }, old: { kk: 'Мемлекеттік тапсырыс', ru: 'Госзаказ' }, new: { kk: 'Ауыл квотасы', ru: 'Сельская квота' } }],
          },
        ],
      }),
    );
    render(ImportWizard, { props: { kind: 'graduates', year: 2025, onclose: () => {} } });
    await fireEvent.input(screen.getByTestId('import-path'), { target: { value: '/list.xlsx' } });
    await fireEvent.click(screen.getByTestId('import-preview'));
    await fireEvent.click(await screen.findByTestId('import-confirm'));

    const block = await screen.findByTestId('import-decided');
    expect(block.textContent).toContain('Комиссия шешім қабылдаған жазбалар өзгерді');
    expect(block.textContent).toContain('Бекітілген құжаттар бұрынғыдай қалады; бұл түлектер келесі отырыстың кезегінде');
    const records = screen.getAllByTestId('decided-record');
    expect(records).toHaveLength(2);
    expect(records[0].textContent).toContain('Сейітқалиева Айдана, 020427650123');
    const changes = [...records[0].querySelectorAll('[data-testid="field-change"]')].map((li) => li.textContent);
    expect(changes).toEqual(['Тегі: Сейітқалиева → Ахметова', 'Бағдарлама: 6B01501 → 6B01502']);
    expect(records[1].querySelector('[data-testid="field-change"]')!.textContent).toBe(
      'Қаржыландыру: Мемлекеттік тапсырыс → Ауыл квотасы',
    );

    // In Russian, the same records in Russian.
    lang.set('ru');
    await waitFor(() => expect(block.textContent).toContain('Изменены записи, по которым комиссия приняла решение'));
    expect(block.textContent).toContain('Утверждённые документы остаются прежними; эти выпускники — в очереди следующего заседания');
    expect(records[1].querySelector('[data-testid="field-change"]')!.textContent).toBe('Финансирование: Госзаказ → Сельская квота');

    // A problem with a new code reads as any other.
    expect(screen.getByText('Строка 12, C (Сейтқали Мадина): В тексте невидимые символы «Сейтқали U+001B»')).toBeTruthy();
  });

  it('reads another sheet when one is chosen, says when the list was only on a hidden one, and says the year it went into', async () => {
    const sheets = [
      { name: 'Титул', hidden: false },
      { name: 'Список', hidden: true },
    ];
    vi.mocked(ipc.previewGraduates).mockResolvedValueOnce(preview({ sheet: 'Список', sheet_hidden: true, sheets }));
    render(ImportWizard, { props: { kind: 'graduates', year: 2025, onclose: () => {} } });
    await fireEvent.input(screen.getByTestId('import-path'), { target: { value: '/tmp/list.xlsx' } });
    await fireEvent.click(screen.getByTestId('import-preview'));
    await waitFor(() => expect(screen.getByTestId('import-sheet-hidden').textContent).toContain('«Список»'));
    const select = screen.getByTestId('import-sheet') as HTMLSelectElement;
    expect(select.value).toBe('Список');
    expect([...select.options].map((o) => o.textContent)).toEqual(['Титул', 'Список (скрытый)']);

    vi.mocked(ipc.previewGraduates).mockResolvedValueOnce(preview({ sheet: 'Титул', sheets }));
    await fireEvent.change(select, { target: { value: 'Титул' } });
    await waitFor(() => expect(screen.queryByTestId('import-sheet-hidden')).toBeNull());
    // Another sheet is read afresh: its own header row and columns, no mapping carried over.
    expect(ipc.previewGraduates).toHaveBeenLastCalledWith({ path: '/tmp/list.xlsx', year: null, sheet: 'Титул', mapping: null });

    vi.mocked(ipc.importGraduates).mockResolvedValueOnce(importReport({ sheet: 'Титул', year: 2025 }));
    await fireEvent.click(screen.getByTestId('import-confirm'));
    await waitFor(() => expect(screen.getByTestId('import-result-where').textContent).toContain('в выпуск 2025 года'));
    expect(screen.getByTestId('import-result-where').textContent).toContain('Титул');
    expect(vi.mocked(ipc.importGraduates).mock.calls[0][0]).toMatchObject({ sheet: 'Титул', mapping: null });
  });

  it('offers the mapping chosen before for the same layout, and says a corrected one will be remembered', async () => {
    const saved = {
      mapping: { sheet: null, header_row: 4, columns: [{ field: 'iin', index: 0 }, { field: 'funding', index: 2 }] },
      saved_at: '2025-06-20T09:15:00.000Z',
      actor: 'Секретарь',
    };
    vi.mocked(ipc.previewGraduates).mockResolvedValueOnce(preview({ remembered: saved }));
    render(ImportWizard, { props: { kind: 'graduates', year: 2025, onclose: () => {} } });
    await fireEvent.input(screen.getByTestId('import-path'), { target: { value: '/tmp/list.xlsx' } });
    await fireEvent.click(screen.getByTestId('import-preview'));
    await waitFor(() => expect(screen.getByTestId('import-remembered').textContent).toContain('Секретарь'));
    expect(screen.queryByTestId('import-will-remember')).toBeNull();

    vi.mocked(ipc.previewGraduates).mockResolvedValueOnce(preview());
    await fireEvent.click(screen.getByText('Применить сохранённое соответствие'));
    await waitFor(() => expect(screen.queryByTestId('import-remembered')).toBeNull());
    // Applied on the sheet the list is on now.
    expect(ipc.previewGraduates).toHaveBeenLastCalledWith({
      path: '/tmp/list.xlsx',
      year: null,
      sheet: null,
      mapping: { ...saved.mapping, sheet: 'Лист1' },
    });
    expect(screen.getByTestId('import-will-remember')).toBeTruthy();
  });

  it("reads an applications list for the window's cohort, which it needs", async () => {
    vi.mocked(ipc.previewApplications).mockReset().mockResolvedValueOnce(preview());
    vi.mocked(ipc.importApplications).mockReset().mockResolvedValueOnce(report);
    render(ImportWizard, { props: { kind: 'applications', year: 2025, onclose: () => {} } });
    expect(screen.getByRole('heading').textContent).toBe('Импорт списка заявлений');
    // No year to choose: the applications are for the cohort being worked on.
    expect(screen.queryByTestId('import-year')).toBeNull();
    await fireEvent.input(screen.getByTestId('import-path'), { target: { value: '/home/s/заявления.xlsx' } });
    await fireEvent.click(screen.getByTestId('import-preview'));
    await waitFor(() => expect(ipc.previewApplications).toHaveBeenCalledWith({ path: '/home/s/заявления.xlsx', year: 2025, sheet: null, mapping: null }));
    await fireEvent.click(screen.getByTestId('import-confirm'));
    await waitFor(() => expect(ipc.importApplications).toHaveBeenCalledTimes(1));
    expect(vi.mocked(ipc.importApplications).mock.calls[0][0]).toMatchObject({ path: '/home/s/заявления.xlsx', year: 2025 });
    expect(ipc.previewGraduates).not.toHaveBeenCalled();
  });
});
