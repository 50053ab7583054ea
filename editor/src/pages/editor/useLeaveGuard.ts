import { useEffect, useRef, useState } from 'react';
import { navigate, setNavigationBlocker } from '../../router';

/**
 * Leaving the editor with unsaved changes asks first, for every way of leaving: a link, the back
 * button, closing or reloading the tab. `pending` is the address the user wanted, while asked.
 */
export function useLeaveGuard(dirty: boolean) {
  const [pending, setPending] = useState<string | null>(null);
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;

  useEffect(() => {
    setNavigationBlocker((to) => {
      if (!dirtyRef.current) return true;
      setPending(to);
      return false;
    });
    const onUnload = (e: BeforeUnloadEvent) => {
      if (dirtyRef.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', onUnload);
    return () => {
      setNavigationBlocker(null);
      window.removeEventListener('beforeunload', onUnload);
    };
  }, []);

  return {
    pending,
    stay: () => setPending(null),
    /** goes where the user wanted, without asking again */
    leave: () => {
      const to = pending;
      setPending(null);
      if (to !== null) {
        setNavigationBlocker(null);
        navigate(to);
      }
    },
  };
}
