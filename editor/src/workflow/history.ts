import { useCallback, useRef, useState } from 'react';

interface History<T> {
  past: T[];
  present: T;
  future: T[];
}

const LIMIT = 100;
const COALESCE_MS = 1200;

/**
 * Undo/redo over immutable snapshots. `commit` records a step; edits with the same `key` in quick
 * succession (typing into one field) make one step; `replace` changes the present without a step.
 */
export function useHistory<T>(initial: T) {
  const [h, setH] = useState<History<T>>({ past: [], present: initial, future: [] });
  const last = useRef<{ key?: string; at: number }>({ at: 0 });

  const commit = useCallback((next: T | ((current: T) => T), key?: string) => {
    setH((cur) => {
      const value = typeof next === 'function' ? (next as (c: T) => T)(cur.present) : next;
      if (value === cur.present) return cur;
      const now = Date.now();
      const coalesce = key !== undefined && last.current.key === key && now - last.current.at < COALESCE_MS;
      last.current = { key, at: now };
      if (coalesce) return { ...cur, present: value, future: [] };
      return { past: [...cur.past, cur.present].slice(-LIMIT), present: value, future: [] };
    });
  }, []);

  const replace = useCallback((next: T | ((current: T) => T)) => {
    setH((cur) => ({ ...cur, present: typeof next === 'function' ? (next as (c: T) => T)(cur.present) : next }));
  }, []);

  const reset = useCallback((value: T) => {
    last.current = { at: 0 };
    setH({ past: [], present: value, future: [] });
  }, []);

  /** Records a step from an earlier snapshot to the present (after a drag). */
  const recordFrom = useCallback((before: T) => {
    last.current = { at: 0 };
    setH((cur) => ({ past: [...cur.past, before].slice(-LIMIT), present: cur.present, future: [] }));
  }, []);

  const undo = useCallback(() => {
    last.current = { at: 0 };
    setH((cur) =>
      cur.past.length === 0
        ? cur
        : {
            past: cur.past.slice(0, -1),
            present: cur.past[cur.past.length - 1],
            future: [cur.present, ...cur.future],
          },
    );
  }, []);

  const redo = useCallback(() => {
    last.current = { at: 0 };
    setH((cur) =>
      cur.future.length === 0
        ? cur
        : {
            past: [...cur.past, cur.present],
            present: cur.future[0],
            future: cur.future.slice(1),
          },
    );
  }, []);

  return {
    present: h.present,
    canUndo: h.past.length > 0,
    canRedo: h.future.length > 0,
    commit,
    replace,
    reset,
    recordFrom,
    undo,
    redo,
  };
}
