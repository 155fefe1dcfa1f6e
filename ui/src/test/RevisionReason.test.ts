// A revision decided from a dialog (centre, exemption, deferral) asks for its missing reason
// inside that dialog, where Enter was pressed, not behind the modal; typed there, it is sent.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { lang } from '../lib/i18n';
import { app } from '../lib/state.svelte';
import type { DecisionRequest } from '../lib/types';
import { decisionView, detail, eligibility, meeting } from './fixtures';

vi.mock('../lib/ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../lib/ipc')>();
  return { ...actual, eligibility: vi.fn(), graduateDetail: vi.fn(), decide: vi.fn() };
});

import * as ipc from '../lib/ipc';
import DecisionPanel from '../components/meeting/DecisionPanel.svelte';

const requests = () => vi.mocked(ipc.decide).mock.calls.map((c) => c[0].request as DecisionRequest);

beforeEach(() => {
  lang.set('ru');
  app.error = null;
  vi.mocked(ipc.eligibility).mockReset().mockResolvedValue(eligibility({ allowed: [] }));
  vi.mocked(ipc.graduateDetail)
    .mockReset()
    .mockResolvedValue(detail({ decisions: [decisionView({ id: 60, meeting_number: 3 })] }));
  vi.mocked(ipc.decide).mockReset();
});

describe('a revision from a dialog', () => {
  it('shows the missing reason in the dialog on Enter, and sends the reason typed there', async () => {
    vi.mocked(ipc.decide).mockResolvedValueOnce(decisionView({ id: 61 }));
    const ondecided = vi.fn();
    render(DecisionPanel, { props: { meeting: meeting(), graduateId: 7, arrivalDate: '2025-09-01', ondecided } });
    await fireEvent.click(await screen.findByTestId('decide-centre'));
    const dialog = await screen.findByTestId('centre-dialog');

    await fireEvent.keyDown(within(dialog).getByTestId('dialog-revision-reason'), { key: 'Enter' });
    const missing = await within(dialog).findByTestId('dialog-revision-missing');
    expect(missing.textContent).toBe('Для пересмотра укажите причину.');
    expect(requests()).toHaveLength(0);

    await fireEvent.input(within(dialog).getByTestId('dialog-revision-reason'), { target: { value: ' Работодатель отказал ' } });
    expect(within(dialog).queryByTestId('dialog-revision-missing')).toBeNull();
    await fireEvent.click(screen.getByTestId('centre-confirm'));
    await waitFor(() => expect(ondecided).toHaveBeenCalledTimes(1));
    expect(requests()[0]).toMatchObject({ revises: 60, reason: 'Работодатель отказал' });
  });
});
