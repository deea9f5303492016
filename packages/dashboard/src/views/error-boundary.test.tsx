import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, expect, it, vi } from 'vitest';
import { en } from '../i18n/en';
import { ErrorBoundary } from './error-boundary';

afterEach(cleanup);

it('replaces a view that throws with a message and a retry, and logs with the prefix', () => {
  const log = vi.spyOn(console, 'error').mockImplementation(() => {});
  let broken = true;
  const View = () => {
    if (broken) throw new RangeError('Invalid time value');
    return <p>drawn</p>;
  };
  render(
    <ErrorBoundary t={en}>
      <View />
    </ErrorBoundary>,
  );
  expect(screen.getByRole('alert').textContent).toContain(en.errorResponse);
  expect(log.mock.calls[0]![0]).toMatch(/^\[touchpoint\] /);
  broken = false;
  fireEvent.click(screen.getByRole('button', { name: en.retry }));
  expect(screen.getByText('drawn')).toBeTruthy();
  log.mockRestore();
});
