// The papers screen against a mocked IPC: a print names each paper's file as Settings chose
// (by the number unless the graduate's name was asked for).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { lang } from '../lib/i18n';
import { app } from '../lib/state.svelte';
import { meeting } from './fixtures';

vi.mock('../lib/ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../lib/ipc')>();
  return {
    ...actual,
    meetings: vi.fn(),
    printPapers: vi.fn(),
    cancelTask: vi.fn(),
  };
});

import * as ipc from '../lib/ipc';
import Papers from '../screens/Papers.svelte';

beforeEach(() => {
  lang.set('kk');
  app.year = 2025;
  app.error = null;
  localStorage.removeItem('joldama.fileNames');
  vi.mocked(ipc.meetings).mockReset().mockResolvedValue([meeting({ id: 2, finalised: { at: '2025-07-04T15:00:00Z', by: 'secretary' } })]);
  vi.mocked(ipc.printPapers).mockReset().mockResolvedValue({ folder: '/papers/meeting-2-kk', files: ['/papers/meeting-2-kk/001.pdf'] });
});

async function print() {
  render(Papers);
  const button = (await screen.findByTestId('papers-print')) as HTMLButtonElement;
  await waitFor(() => expect(button.disabled).toBe(false));
  await fireEvent.click(button);
  await waitFor(() => expect(ipc.printPapers).toHaveBeenCalledTimes(1));
  return vi.mocked(ipc.printPapers).mock.calls[0][0];
}

describe('Papers', () => {
  it('names the files by the number by default', async () => {
    const args = await print();
    expect(args).toMatchObject({ meetingId: 2, lang: 'kk', combined: false, fileNames: 'number' });
  });

  it("names them by the number and the graduate's name when Settings says so", async () => {
    localStorage.setItem('joldama.fileNames', 'number_and_name');
    const args = await print();
    expect(args).toMatchObject({ meetingId: 2, combined: false, fileNames: 'number_and_name' });
  });
});
