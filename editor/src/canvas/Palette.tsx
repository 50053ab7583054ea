import { useEffect, useMemo, useRef, useState } from 'react';
import type { NodeType } from '../api/types';
import { isTriggerType } from '../workflow/model';
import { NodeIcon } from './NodeIcon';

export const DRAG_TYPE = 'application/x-hearth-node-type';

/** n8n's node creator groups, after the triggers and the Home Assistant app. */
const SECTIONS = ['Triggers', 'Home Assistant', 'Data transformation', 'Flow', 'Core'];

/** Nodes n8n lists under Core though their category says otherwise. */
const CORE = new Set(['respondToWebhook', 'httpRequest']);

/** Which palette section a node type belongs to: triggers first, then n8n's groups by category. */
export function sectionOf(t: NodeType): string {
  if (isTriggerType(t)) return 'Triggers';
  const cats = t.categories ?? [];
  if (cats.includes('Home Assistant')) return 'Home Assistant';
  if (CORE.has(t.name.replace(/^.*\./, ''))) return 'Core';
  if (cats.some((c) => /^data( transformation)?$/i.test(c))) return 'Data transformation';
  if (cats.includes('Flow')) return 'Flow';
  if (cats.some((c) => /^core( nodes)?$/i.test(c))) return 'Core';
  return cats[0] ?? 'Other';
}

/** What a search matches: the name shown, the type name and its n8n aliases, the description, n8n's keywords. */
function searchText(t: NodeType): string {
  const x = t.schema?.['x-node'];
  return [
    t.displayName,
    t.name,
    t.description ?? '',
    ...(t.categories ?? []),
    ...(x?.aliases ?? []),
    ...(x?.keywords ?? []),
  ]
    .join(' ')
    .toLowerCase()
    .replace(/[-_.]/g, ' ');
}

export function groupNodeTypes(types: NodeType[], search: string): Array<{ section: string; types: NodeType[] }> {
  const words = search.trim().toLowerCase().replace(/[-_.]/g, ' ').split(/\s+/).filter(Boolean);
  const matches = types.filter((t) => {
    if (!words.length) return true;
    const text = searchText(t);
    const compact = text.replace(/\s+/g, '');
    return words.every((w) => text.includes(w)) || compact.includes(words.join(''));
  });
  const bySection = new Map<string, NodeType[]>();
  for (const t of matches) {
    const s = sectionOf(t);
    bySection.set(s, [...(bySection.get(s) ?? []), t]);
  }
  const order = [...SECTIONS, ...[...bySection.keys()].filter((s) => !SECTIONS.includes(s)).sort()];
  return order
    .filter((s) => bySection.has(s))
    .map((s) => ({
      section: s,
      types: bySection.get(s)!.sort((a, b) => a.displayName.localeCompare(b.displayName)),
    }));
}

/** The searchable node palette: drag a node onto the canvas, or click to add it. */
export function Palette({
  types,
  onAdd,
  onClose,
  connectHint,
  onCancelHint,
}: {
  types: NodeType[];
  onAdd: (t: NodeType) => void;
  onClose?: () => void;
  /** the node the next one connects from (the "+" of an output), shown above the list */
  connectHint?: string;
  onCancelHint?: () => void;
}) {
  const [search, setSearch] = useState('');
  const searchInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (connectHint) searchInput.current?.focus();
  }, [connectHint]);
  const groups = useMemo(() => groupNodeTypes(types, search), [types, search]);
  return (
    <aside className="palette" data-testid="palette">
      <div className="palette-header">
        <input
          ref={searchInput}
          data-testid="palette-search"
          placeholder="Search nodes…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && groups[0]?.types[0]) onAdd(groups[0].types[0]);
          }}
        />
        {onClose && (
          <button type="button" className="icon-btn" onClick={onClose} title="Hide nodes panel">
            «
          </button>
        )}
      </div>
      {connectHint && (
        <div className="palette-connect-hint" data-testid="palette-connect-hint">
          <span>
            Add a node after <strong>{connectHint}</strong>
          </span>
          <span className="spacer" />
          <button type="button" className="icon-btn" title="Cancel" onClick={onCancelHint}>
            ×
          </button>
        </div>
      )}
      <div className="palette-list">
        {groups.length === 0 && <div className="empty">No nodes match “{search}”</div>}
        {groups.map((g) => (
          <div key={g.section} className="palette-section" data-testid={`palette-section-${g.section}`}>
            <div className="palette-section-title">{g.section}</div>
            {g.types.map((t) => (
              <div
                key={t.name}
                className="palette-item"
                data-testid={`palette-item-${t.name}`}
                draggable
                title={t.description}
                onDragStart={(e) => {
                  e.dataTransfer.setData(DRAG_TYPE, t.name);
                  e.dataTransfer.setData('text/plain', t.name);
                  e.dataTransfer.effectAllowed = 'move';
                }}
                onClick={() => onAdd(t)}
              >
                <NodeIcon icon={t.icon} type={t.name} size={28} name={t.displayName} />
                <div className="palette-item-text">
                  <div className="palette-item-name">{t.displayName}</div>
                  <div className="palette-item-desc">{t.description}</div>
                </div>
              </div>
            ))}
          </div>
        ))}
      </div>
    </aside>
  );
}
