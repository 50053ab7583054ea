import type { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import type { Workflow } from '../api/types';
import { deleteNodes, disconnect, duplicateNodes, edgesOf } from '../workflow/model';
import { FIT_VIEW } from './fitView';
import type { WorkflowCanvasProps } from './WorkflowCanvas';

function isEditable(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

/**
 * The canvas's keyboard shortcuts, as n8n's: save, delete, duplicate, rename, undo/redo, select all, open, fit and
 * zoom. Keys typed into a field are the field's, except save.
 */
export function useCanvasShortcuts({
  props,
  workflowRef,
  selectedNames,
  selectedEdges,
  clearSelectedEdges,
  select,
  rf,
}: {
  props: WorkflowCanvasProps;
  workflowRef: { current: Workflow };
  selectedNames: () => string[];
  selectedEdges: Set<string>;
  clearSelectedEdges: () => void;
  select: (names: string[]) => void;
  rf: ReturnType<typeof useReactFlow>;
}) {
  useEffect(() => {
    if (!props.keyboardEnabled) return;
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 's') {
        e.preventDefault();
        props.onSave();
        return;
      }
      if (isEditable(e.target)) return;
      const names = selectedNames();
      if (e.key === 'Delete' || e.key === 'Backspace') {
        const edges = edgesOf(workflowRef.current).filter((x) => selectedEdges.has(x.id));
        if (names.length || edges.length) {
          e.preventDefault();
          props.commit((w) => {
            let next = w;
            for (const x of edges) next = disconnect(next, x.source, x.output, x.target, x.input);
            return names.length ? deleteNodes(next, names) : next;
          });
          clearSelectedEdges();
        }
      } else if (mod && e.key.toLowerCase() === 'd') {
        e.preventDefault();
        if (names.length) {
          const r = duplicateNodes(workflowRef.current, names);
          props.commit(r.workflow);
          setTimeout(() => select(r.names), 0);
        }
      } else if (e.key === 'F2') {
        e.preventDefault();
        if (names.length === 1) props.onRename(names[0]);
      } else if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        if (e.shiftKey) props.onRedo();
        else props.onUndo();
      } else if (mod && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        props.onRedo();
      } else if (mod && e.key.toLowerCase() === 'a') {
        e.preventDefault();
        select(workflowRef.current.nodes.map((n) => n.name));
      } else if (e.key === 'Enter' && names.length === 1) {
        e.preventDefault();
        props.onOpenNode(names[0]);
      } else if (!mod && e.key === '1') {
        void rf.fitView({ ...FIT_VIEW, duration: 200 });
      } else if (!mod && (e.key === '+' || e.key === '=')) {
        void rf.zoomIn({ duration: 150 });
      } else if (!mod && e.key === '-') {
        void rf.zoomOut({ duration: 150 });
      } else if (!mod && e.key === '0') {
        void rf.zoomTo(1, { duration: 150 });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [props, selectedNames, selectedEdges, clearSelectedEdges, select, rf, workflowRef]);
}
