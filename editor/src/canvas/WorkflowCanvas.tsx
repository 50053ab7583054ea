import {
  applyNodeChanges,
  Background,
  BackgroundVariant,
  type Connection as FlowConnection,
  Controls,
  type FinalConnectionState,
  MiniMap,
  type NodeChange,
  type EdgeChange,
  ReactFlow,
  useReactFlow,
  useUpdateNodeInternals,
  MarkerType,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Execution, NodeType, TriggerInfo, Workflow } from '../api/types';
import { dependencyValue, rootScope } from '../form/displayOptions';
import { evaluateSubtitle } from '../form/expression';
import { schemaFields } from '../state/catalog';
import { connect, disconnect, edgesOf, inputsOf, isTriggerType, outputsOf } from '../workflow/model';
import { loopsOf } from '../workflow/cycles';
import type { NodeIssues } from '../workflow/issues';
import { CanvasEdge, type CanvasFlowEdge } from './CanvasEdge';
import { CanvasNode, type CanvasFlowNode } from './CanvasNode';
import { FIT_VIEW } from './fitView';
import { DRAG_TYPE } from './Palette';
import { lastRun, runSummary } from './runSummary';
import { useCanvasShortcuts } from './useCanvasShortcuts';

const nodeTypes = { hearth: CanvasNode };
const edgeTypes = { hearth: CanvasEdge };

export interface CanvasApi {
  /** where a node added from the palette goes: right of the selected node, else the middle of the view */
  placeForNewNode: () => { position: [number, number]; connectFrom?: string };
  select: (names: string[]) => void;
  fitView: () => void;
  /** pans so that a flow position is in view */
  reveal: (position: [number, number]) => void;
}

export interface WorkflowCanvasProps {
  workflow: Workflow;
  nodeType: (name: string) => NodeType | undefined;
  execution: Execution | null;
  triggers: TriggerInfo[];
  issues: Record<string, NodeIssues>;
  commit: (next: Workflow | ((w: Workflow) => Workflow), key?: string) => void;
  recordFrom: (before: Workflow) => void;
  replace: (next: Workflow | ((w: Workflow) => Workflow)) => void;
  onOpenNode: (name: string) => void;
  onRename: (name: string) => void;
  onDropType: (
    type: NodeType,
    position: [number, number],
    into?: { source: string; output: number; target: string; input: number },
  ) => void;
  /** a connection dragged from an output into empty space, or the "+" of an unconnected output: choose a node to add there */
  onAddAfter?: (from: { node: string; output: number }, position: [number, number]) => void;
  onSave: () => void;
  onUndo: () => void;
  onRedo: () => void;
  keyboardEnabled: boolean;
  apiRef: React.MutableRefObject<CanvasApi | null>;
  /** an execution's view: nothing moves, connects or drops */
  readOnly?: boolean;
}

/** The workflow canvas (React Flow): nodes, connections, drag and drop, keyboard shortcuts. */
export function WorkflowCanvas(props: WorkflowCanvasProps) {
  const { workflow, nodeType, execution, triggers, issues, commit, recordFrom, replace, onOpenNode, onDropType } =
    props;
  const rf = useReactFlow();
  const wrapper = useRef<HTMLDivElement>(null);
  const [rfNodes, setRfNodes] = useState<CanvasFlowNode[]>([]);
  const [selectedEdges, setSelectedEdges] = useState<Set<string>>(new Set());
  // A workflow opened with nodes is fitted into view as soon as React Flow has measured them, before the
  // first paint, not later with an animation: a view that moves while a person (or a test) is already
  // clicking or dragging makes the pointer land where the node was.
  const [fitOnOpen] = useState(() => workflow.nodes.length > 0);
  const dragStart = useRef<Workflow | null>(null);
  const workflowRef = useRef(workflow);
  workflowRef.current = workflow;

  // the canvas nodes follow the workflow; React Flow's own state (selection, measured size) is kept
  useEffect(() => {
    setRfNodes((prev) => {
      const byId = new Map(prev.map((n) => [n.id, n]));
      return workflow.nodes.map((node) => {
        const type = nodeType(node.type);
        const fields = schemaFields(type?.schema);
        const scope = rootScope(node.parameters, fields, node.typeVersion);
        const before = byId.get(node.name);
        return {
          ...(before ?? {}),
          id: node.name,
          type: 'hearth' as const,
          position: { x: node.position[0], y: node.position[1] },
          data: {
            node,
            type,
            inputs: inputsOf(type, node),
            outputs: outputsOf(node, type),
            isTrigger: isTriggerType(type),
            subtitle: evaluateSubtitle(type?.schema?.['x-node']?.subtitle, (n) => dependencyValue(scope, n)),
            run: runSummary(execution, node.name),
            trigger: triggers.find((t) => t.node === node.name),
            pinned: !!workflow.pinData?.[node.name],
            unconnected: props.readOnly
              ? []
              : outputsOf(node, type)
                  .map((_, i) => i)
                  .filter((i) => !(workflow.connections[node.name]?.main?.[i] ?? []).length),
            onAddAfter: (output: number) =>
              props.onAddAfter?.({ node: node.name, output }, [node.position[0] + 220, node.position[1]]),
            issues: issues[node.name]?.all ?? [],
          },
          selected: before?.selected ?? false,
        };
      });
    });
    // props.readOnly and props.onAddAfter are read when the workflow or a run changes, not on every render
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keeps the node list stable across re-renders while dragging
  }, [workflow, execution, triggers, issues, nodeType]);

  /*
   * React Flow keeps a node's handle positions only while the node objects it is given carry their
   * `measured` size. A node just added is measured once, when it first renders; if new node objects
   * built before that measurement reach React Flow after it (a commit, a selection, new issues in the
   * same moment), React Flow drops the handle positions and, the size being unchanged, never measures
   * again: no connection can be dragged from that node and connections to it are not drawn (the drag
   * "that created no edge" of issue 20). So after each change, a node that React Flow has lost the
   * handles of is measured again.
   */
  const updateNodeInternals = useUpdateNodeInternals();
  useEffect(() => {
    const lost = rfNodes
      .filter((n) => n.measured && !rf.getInternalNode(n.id)?.internals.handleBounds)
      .map((n) => n.id);
    if (lost.length) updateNodeInternals(lost);
  }, [rfNodes, rf, updateNodeInternals]);

  const deleteEdge = useCallback(
    (id: string) => {
      const e = edgesOf(workflowRef.current).find((x) => x.id === id);
      if (e) commit((w) => disconnect(w, e.source, e.output, e.target, e.input));
    },
    [commit],
  );

  const loopEdges = useMemo(() => new Set(loopsOf(workflow).flatMap((l) => l.edges)), [workflow]);
  const rfEdges = useMemo<CanvasFlowEdge[]>(
    () =>
      edgesOf(workflow).map((e) => {
        const run = lastRun(execution, e.source);
        const items = run?.output ? (run.output[e.output]?.length ?? 0) : undefined;
        const sourceNode = workflow.nodes.find((n) => n.name === e.source);
        const outputs = sourceNode ? outputsOf(sourceNode, nodeType(sourceNode.type)) : [];
        return {
          id: e.id,
          type: 'hearth' as const,
          source: e.source,
          sourceHandle: `out-${e.output}`,
          target: e.target,
          targetHandle: `in-${e.input}`,
          selected: selectedEdges.has(e.id),
          markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: '#9aa0ab' },
          data: { items, onDelete: deleteEdge, error: outputs[e.output] === 'error', loop: loopEdges.has(e.id) },
        };
      }),
    [workflow, execution, selectedEdges, deleteEdge, nodeType, loopEdges],
  );

  const onNodesChange = useCallback((changes: NodeChange<CanvasFlowNode>[]) => {
    setRfNodes((nds) =>
      applyNodeChanges(
        changes.filter((c) => c.type !== 'remove'),
        nds,
      ),
    );
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<CanvasFlowEdge>[]) => {
    setSelectedEdges((cur) => {
      let next = cur;
      for (const c of changes) {
        if (c.type === 'select') {
          next = new Set(next);
          if (c.selected) next.add(c.id);
          else next.delete(c.id);
        }
      }
      return next;
    });
  }, []);

  const onConnect = useCallback(
    (c: FlowConnection) => {
      if (!c.source || !c.target) return;
      const output = Number((c.sourceHandle ?? 'out-0').replace('out-', ''));
      const input = Number((c.targetHandle ?? 'in-0').replace('in-', ''));
      commit((w) => connect(w, c.source, output, c.target, input));
    },
    [commit],
  );

  /**
   * When a drag from an output ends without React Flow making a connection (the pointer on the node
   * rather than exactly on its input, a fast release, any zoom), connect to the node under the pointer
   * as n8n does; released over empty canvas, offer to add a node there.
   */
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromNode || state.fromHandle?.type !== 'source') return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      const source = state.fromNode.id;
      const output = Number((state.fromHandle.id ?? 'out-0').replace('out-', ''));
      const under = document.elementsFromPoint(point.clientX, point.clientY);
      const handle = under.find(
        (el) =>
          el.classList.contains('react-flow__handle') && (el.getAttribute('data-handleid') ?? '').startsWith('in-'),
      );
      const nodeEl = (handle ?? under.find((el) => el.classList.contains('react-flow__node')))?.closest(
        '.react-flow__node',
      );
      const target = nodeEl?.getAttribute('data-id');
      if (target && target !== source) {
        const input = handle ? Number((handle.getAttribute('data-handleid') ?? 'in-0').replace('in-', '')) : 0;
        const targetNode = workflowRef.current.nodes.find((n) => n.name === target);
        if (targetNode && inputsOf(nodeType(targetNode.type), targetNode).length > input) {
          commit((w) => connect(w, source, output, target, input));
        }
        return;
      }
      if (!nodeEl) {
        const p = rf.screenToFlowPosition({ x: point.clientX, y: point.clientY });
        props.onAddAfter?.({ node: source, output }, [p.x, p.y - 50]);
      }
    },
    [commit, nodeType, rf, props],
  );

  const selectedNames = useCallback(() => rfNodes.filter((n) => n.selected).map((n) => n.id), [rfNodes]);

  const select = useCallback((names: string[]) => {
    setRfNodes((nds) => nds.map((n) => ({ ...n, selected: names.includes(n.id) })));
    setSelectedEdges(new Set());
  }, []);

  props.apiRef.current = {
    select,
    fitView: () => void rf.fitView({ ...FIT_VIEW, duration: 200 }),
    reveal: ([x, y]) => {
      const rect = wrapper.current?.getBoundingClientRect();
      if (!rect) return;
      const topLeft = rf.screenToFlowPosition({ x: rect.left + 60, y: rect.top + 60 });
      const bottomRight = rf.screenToFlowPosition({ x: rect.right - 160, y: rect.bottom - 160 });
      if (x < topLeft.x || y < topLeft.y || x > bottomRight.x || y > bottomRight.y) {
        void rf.setCenter(x + 50, y + 50, { zoom: rf.getZoom(), duration: 250 });
      }
    },
    placeForNewNode: () => {
      const selected = rfNodes.filter((n) => n.selected);
      if (selected.length === 1) {
        const n = selected[0];
        return { position: [n.position.x + 200, n.position.y], connectFrom: n.id };
      }
      const rect = wrapper.current?.getBoundingClientRect();
      const center = rect
        ? rf.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 })
        : { x: 0, y: 0 };
      // step aside from nodes already there
      let x = center.x - 50;
      const y = center.y - 50;
      while (
        workflowRef.current.nodes.some((n) => Math.abs(n.position[0] - x) < 60 && Math.abs(n.position[1] - y) < 60)
      )
        x += 160;
      return { position: [x, y] };
    },
  };

  useCanvasShortcuts({
    props,
    workflowRef,
    selectedNames,
    selectedEdges,
    clearSelectedEdges: () => setSelectedEdges(new Set()),
    select,
    rf,
  });

  return (
    <div
      className="canvas"
      ref={wrapper}
      data-testid="canvas"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes(DRAG_TYPE) || e.dataTransfer.types.includes('text/plain')) {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'move';
        }
      }}
      onDrop={(e) => {
        if (props.readOnly) return;
        const name = e.dataTransfer.getData(DRAG_TYPE) || e.dataTransfer.getData('text/plain');
        const type = name ? nodeType(name) : undefined;
        if (!type) return;
        e.preventDefault();
        const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
        // dropped onto a connection: the node goes in between, as in n8n
        const edgeEl = document
          .elementsFromPoint(e.clientX, e.clientY)
          .map((el) => el.closest('.react-flow__edge'))
          .find(Boolean);
        const edgeId = edgeEl?.getAttribute('data-testid')?.replace(/^rf__edge-/, '');
        const edge = edgeId ? edgesOf(workflowRef.current).find((x) => x.id === edgeId) : undefined;
        onDropType(type, [p.x - 50, p.y - 50], edge);
      }}
    >
      <ReactFlow<CanvasFlowNode, CanvasFlowEdge>
        nodes={rfNodes}
        edges={rfEdges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        connectionRadius={36}
        isValidConnection={(c) => c.source !== c.target}
        onNodeDoubleClick={(_, n) => onOpenNode(n.id)}
        onNodeClick={props.readOnly ? (_, n) => onOpenNode(n.id) : undefined}
        nodesDraggable={!props.readOnly}
        nodesConnectable={!props.readOnly}
        onNodeDragStart={() => {
          dragStart.current = workflowRef.current;
        }}
        onNodeDragStop={(_, __, dragged) => {
          const before = dragStart.current;
          dragStart.current = null;
          const moved = new Map(dragged.map((n) => [n.id, n.position]));
          if (
            !before ||
            ![...moved.entries()].some(([id, p]) => {
              const node = before.nodes.find((x) => x.name === id);
              return node && (node.position[0] !== Math.round(p.x) || node.position[1] !== Math.round(p.y));
            })
          )
            return;
          replace((w) => ({
            ...w,
            nodes: w.nodes.map((n) => {
              const p = moved.get(n.name);
              return p ? { ...n, position: [Math.round(p.x), Math.round(p.y)] as [number, number] } : n;
            }),
          }));
          recordFrom(before);
        }}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
        minZoom={0.2}
        maxZoom={2.5}
        snapToGrid
        snapGrid={[20, 20]}
        defaultViewport={{ x: 120, y: 120, zoom: 1 }}
        fitView={fitOnOpen}
        fitViewOptions={FIT_VIEW}
        proOptions={{ hideAttribution: true }}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#c8ccd4" />
        <Controls showInteractive={false} />
        <MiniMap
          pannable
          zoomable
          nodeColor={(n) => ((n as CanvasFlowNode).data?.run?.status === 'error' ? '#e05555' : '#c9ced8')}
        />
      </ReactFlow>
      {workflow.nodes.length === 0 && (
        <div className="canvas-empty" data-testid="canvas-empty">
          <div className="canvas-empty-box">
            Add a first step
            <br />
            <span className="muted">Drag a node from the panel on the left, or click one</span>
          </div>
        </div>
      )}
    </div>
  );
}
