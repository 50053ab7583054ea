import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';

export function Modal({
  title,
  onClose,
  children,
  footer,
  testId,
  wide,
}: {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  testId?: string;
  wide?: boolean;
}) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className={`modal${wide ? ' wide' : ''}`} role="dialog" aria-modal="true" data-testid={testId}>
        <div className="modal-header">
          <h2>{title}</h2>
          <button type="button" className="icon-btn" onClick={onClose} data-testid="modal-close" title="Close">
            ×
          </button>
        </div>
        <div className="modal-body">{children}</div>
        {footer ? <div className="modal-footer">{footer}</div> : null}
      </div>
    </div>
  );
}

type Toast = { id: number; kind: 'success' | 'error' | 'info' | 'warning'; title: string; message?: string };
type ConfirmRequest = { message: string; confirmLabel: string; resolve: (ok: boolean) => void };

interface UiApi {
  toast: (kind: Toast['kind'], title: string, message?: string) => void;
  confirm: (message: string, confirmLabel?: string) => Promise<boolean>;
}

const UiContext = createContext<UiApi>({ toast: () => undefined, confirm: () => Promise.resolve(false) });

export function useUi(): UiApi {
  return useContext(UiContext);
}

let toastSeq = 0;

/** Toasts (bottom right, as n8n) and a confirm dialog that browser tests can click. */
export function UiProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [confirmReq, setConfirmReq] = useState<ConfirmRequest | null>(null);
  const toast = useCallback((kind: Toast['kind'], title: string, message?: string) => {
    const id = ++toastSeq;
    setToasts((t) => [...t.slice(-4), { id, kind, title, message }]);
    setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), kind === 'error' ? 12000 : 5000);
  }, []);
  const confirm = useCallback(
    (message: string, confirmLabel = 'Delete') =>
      new Promise<boolean>((resolve) => setConfirmReq({ message, confirmLabel, resolve })),
    [],
  );
  const close = (ok: boolean) => {
    confirmReq?.resolve(ok);
    setConfirmReq(null);
  };
  return (
    <UiContext.Provider value={{ toast, confirm }}>
      {children}
      <div className="toasts">
        {toasts.map((t) => (
          <div key={t.id} className={`toast ${t.kind}`} data-testid={`toast-${t.kind}`} role="status">
            <div className="toast-title">{t.title}</div>
            {t.message ? <div className="toast-message">{t.message}</div> : null}
            <button type="button" className="icon-btn" onClick={() => setToasts((x) => x.filter((y) => y.id !== t.id))}>
              ×
            </button>
          </div>
        ))}
      </div>
      {confirmReq && (
        <Modal
          title="Are you sure?"
          onClose={() => close(false)}
          testId="confirm-dialog"
          footer={
            <>
              <button type="button" className="btn secondary" onClick={() => close(false)} data-testid="confirm-cancel">
                Cancel
              </button>
              <button type="button" className="btn danger" onClick={() => close(true)} data-testid="confirm-ok">
                {confirmReq.confirmLabel}
              </button>
            </>
          }
        >
          <p>{confirmReq.message}</p>
        </Modal>
      )}
    </UiContext.Provider>
  );
}
