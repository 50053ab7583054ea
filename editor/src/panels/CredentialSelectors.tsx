import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import type { CredentialSummary, NodeType, WorkflowNode } from '../api/types';
import { CredentialModal } from '../credentials/CredentialModal';
import { useCatalog } from '../state/catalog';
import { Icon } from '../ui/icons';
import { credentialRequirements } from '../workflow/issues';

/** The node's credential pickers, one per credential type it can use, with "create new" and "edit". */
export function CredentialSelectors({
  node,
  type,
  issues,
  onSelect,
}: {
  node: WorkflowNode;
  type: NodeType;
  issues: Record<string, string>;
  onSelect: (type: string, c: Pick<CredentialSummary, 'id' | 'name' | 'type'> | null) => void;
}) {
  const catalog = useCatalog();
  const reqs = credentialRequirements(node, type);
  const [lists, setLists] = useState<Record<string, CredentialSummary[]>>({});
  // a node without a credential of a type of which exactly one exists gets it (as n8n pre-selects it)
  useEffect(() => {
    for (const r of reqs) {
      const list = lists[r.type];
      if (list && list.length === 1 && !node.credentials?.[r.type]?.id) onSelect(r.type, list[0]);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lists]);
  const [modal, setModal] = useState<{ type: string; id?: string } | null>(null);
  const load = useCallback((t: string) => {
    api.listCredentials(t).then(
      (l) => setLists((cur) => ({ ...cur, [t]: l.filter((c) => c.type === t) })),
      () => undefined,
    );
  }, []);
  const key = reqs.map((r) => r.type).join(',');
  useEffect(() => {
    key.split(',').filter(Boolean).forEach(load);
  }, [key, load]);
  if (!reqs.length) return null;
  return (
    <div className="credential-selectors">
      {reqs.map((r) => {
        const ct = catalog.credentialType(r.type);
        const list = lists[r.type] ?? [];
        const chosen = node.credentials?.[r.type];
        // a credential that was deleted shows as not selected, with a warning
        const gone = !!chosen?.id && !!lists[r.type] && !list.some((c) => c.id === chosen.id);
        const selected = gone ? '' : (chosen?.id ?? '');
        const issue = gone
          ? `The credential “${chosen?.name ?? chosen?.id}” no longer exists: select another`
          : issues[r.type];
        return (
          <div className={`field${issue ? ' has-issue' : ''}`} key={r.type} data-testid={`field-credential-${r.type}`}>
            <div className="field-label">
              <label htmlFor={`credential-select-${r.type}`}>
                Credential to connect with{r.required ? <span className="required-mark">*</span> : null}
              </label>
            </div>
            <div className="inline">
              <select
                id={`credential-select-${r.type}`}
                data-testid={`credential-select-${r.type}`}
                value={selected}
                onChange={(e) => {
                  const v = e.target.value;
                  if (v === '__new') setModal({ type: r.type });
                  else onSelect(r.type, v ? (list.find((c) => c.id === v) ?? { id: v, name: v, type: r.type }) : null);
                }}
              >
                <option value="">Select {ct?.displayName ?? r.type} credential…</option>
                {selected && !lists[r.type] && <option value={selected}>{chosen?.name ?? selected}</option>}
                {list.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
                <option value="__new">+ Create new credential</option>
              </select>
              {selected && (
                <button
                  type="button"
                  className="icon-btn"
                  title="Edit credential"
                  data-testid={`credential-edit-${r.type}`}
                  onClick={() => setModal({ type: r.type, id: selected })}
                >
                  <Icon name="edit" size={14} />
                </button>
              )}
            </div>
            {issue && (
              <div className="field-error" data-testid={`error-credential-${r.type}`}>
                {issue}
              </div>
            )}
          </div>
        );
      })}
      {modal && (
        <CredentialModal
          credentialId={modal.id}
          fixedType={modal.type}
          types={catalog.credentialTypes}
          onClose={() => setModal(null)}
          onSaved={(c) => {
            load(modal.type);
            onSelect(modal.type, c);
            setModal(null);
          }}
        />
      )}
    </div>
  );
}
