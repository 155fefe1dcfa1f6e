// A screen's data follows the year: an answer for a year the secretary has already left,
// arriving after the new year's, does not replace it.
import { afterEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { flushSync, tick } from 'svelte';
import { app } from '../lib/state.svelte';
import ReloadHarness from './ReloadHarness.svelte';

/** Lets the answered promise's continuation run, then the DOM catch up. */
async function settle() {
  await Promise.resolve();
  await tick();
}

afterEach(() => {
  app.year = null;
});

describe('reloadOnChange', () => {
  it("keeps the latest year's answer when an earlier one comes late", async () => {
    const pending = new Map<number, (value: string) => void>();
    const fetch = (year: number) => new Promise<string>((resolve) => pending.set(year, resolve));
    app.year = 2025;
    render(ReloadHarness, { props: { fetch } });
    flushSync();
    expect([...pending.keys()]).toEqual([2025]);

    app.year = 2026;
    flushSync();
    expect([...pending.keys()]).toEqual([2025, 2026]);
    pending.get(2026)!('2026 cohort');
    await settle();
    expect(screen.getByTestId('shown').textContent).toBe('2026 cohort');
    pending.get(2025)!('2025 cohort');
    await settle();
    expect(screen.getByTestId('shown').textContent).toBe('2026 cohort');

    // Data changed in the same year: the new answer is shown.
    app.version += 1;
    flushSync();
    pending.get(2026)!('2026 cohort, updated');
    await settle();
    expect(screen.getByTestId('shown').textContent).toBe('2026 cohort, updated');
  });
});
