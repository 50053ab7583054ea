import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { NodeRun } from '../src/api/types';
import { RunDataPane } from '../src/panels/DataView';

const run: NodeRun = {
  runIndex: 0,
  status: 'success',
  error: null,
  executionTimeMs: 12,
  input: [[{ json: { body: { entity: 'sun.sun' } } }]],
  output: [
    [{ json: { entity_id: 'sun.sun', state: 'above_horizon', attributes: { elevation: 17 } } }],
    [
      {
        json: { entity_id: 'light.x', state: 'off' },
        binary: {
          data: { mimeType: 'image/png', fileName: 'cam.png', url: '/api/v1/executions/1/binary/HA/0/1/0/data' },
        },
      },
    ],
  ],
};

describe('input / output viewer', () => {
  it('shows items as a table with a column per field', () => {
    render(<RunDataPane runs={[run]} side="output" labels={['true', 'false']} testId="output" emptyText="none" />);
    expect(screen.getByTestId('output-items-count').textContent).toBe('1 item');
    const headers = [...screen.getByTestId('output-items-table').querySelectorAll('th')].map((th) => th.textContent);
    expect(headers).toEqual(['entity_id', 'state', 'attributes']);
    expect(screen.getByTestId('output-port-0').textContent).toBe('true (1)');
  });

  it('switches to the JSON view and between outputs', () => {
    render(<RunDataPane runs={[run]} side="output" labels={['true', 'false']} testId="output" emptyText="none" />);
    fireEvent.click(screen.getByTestId('output-items-view-json'));
    expect(JSON.parse(screen.getByTestId('output-items-json').textContent)).toEqual([
      { entity_id: 'sun.sun', state: 'above_horizon', attributes: { elevation: 17 } },
    ]);
    fireEvent.click(screen.getByTestId('output-port-1'));
    expect(
      (JSON.parse(screen.getByTestId('output-items-json').textContent ?? '') as Array<{ entity_id: string }>)[0]
        .entity_id,
    ).toBe('light.x');
  });

  it('previews binary images through their url', () => {
    render(<RunDataPane runs={[run]} side="output" labels={[]} testId="output" emptyText="none" />);
    fireEvent.click(screen.getByTestId('output-port-1'));
    fireEvent.click(screen.getByTestId('output-items-view-binary'));
    expect(screen.getByTestId('binary-image').getAttribute('src')).toBe('/api/v1/executions/1/binary/HA/0/1/0/data');
  });

  it('shows the input side and says when there is no run yet', () => {
    const { unmount } = render(<RunDataPane runs={[run]} side="input" labels={['']} testId="input" emptyText="none" />);
    expect(screen.getByTestId('input-items-count').textContent).toBe('1 item');
    unmount();
    render(<RunDataPane runs={undefined} side="output" labels={[]} testId="output" emptyText="Execute the workflow" />);
    expect(screen.getByTestId('output-empty').textContent).toBe('Execute the workflow');
  });

  it('shows the error of a failed run', () => {
    render(
      <RunDataPane
        runs={[{ ...run, status: 'error', error: { message: 'Entity not found (404)' }, output: [] }]}
        side="output"
        labels={[]}
        testId="output"
        emptyText="none"
      />,
    );
    expect(screen.getByTestId('output-error').textContent).toContain('Entity not found (404)');
  });

  it('shows what the code printed with the run', () => {
    const { unmount } = render(
      <RunDataPane
        runs={[{ ...run, console: ['hello {"a":1}', '[warn] careful'] }]}
        side="output"
        labels={[]}
        testId="output"
        emptyText="none"
      />,
    );
    expect(screen.getByTestId('output-console').textContent).toContain('Console (2)');
    expect(screen.getByTestId('output-console').querySelector('pre')!.textContent).toBe(
      'hello {"a":1}\n[warn] careful',
    );
    unmount();
    render(<RunDataPane runs={[run]} side="output" labels={[]} testId="output" emptyText="none" />);
    expect(screen.queryByTestId('output-console')).toBeNull();
  });
});
