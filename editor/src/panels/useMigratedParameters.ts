import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { MigratedParameters, NodeType, Workflow } from '../api/types';

/**
 * A node of an older type version is shown as Hearth reads it: its parameters after the version migrations (the
 * server's, the one implementation the runtime uses), with that form's fields. `migrated` is null for a node of
 * the newest version; `edited` says the migrated form was changed (its values are then the node's own).
 */
export function useMigratedParameters(workflow: Workflow, name: string, type: NodeType | undefined) {
  const node = workflow.nodes.find((n) => n.name === name);
  const [migrated, setMigrated] = useState<MigratedParameters | null>(null);
  const [edited, setEdited] = useState(false);
  const nodeType = node?.type;
  const nodeVersion = node?.typeVersion;
  useEffect(() => {
    setMigrated(null);
    setEdited(false);
    if (!nodeType || nodeVersion === undefined || !type || nodeVersion >= Math.max(...type.versions)) return;
    let live = true;
    const current = workflow.nodes.find((n) => n.name === name);
    api
      .migrateParameters(nodeType, { typeVersion: nodeVersion, parameters: current?.parameters ?? {} })
      .then((m) => {
        if (live && m.typeVersion > nodeVersion) setMigrated(m);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
    // asked again only when another node or version opens: edits to the migrated form stay in the document
    // eslint-disable-next-line react-hooks/exhaustive-deps -- workflow.nodes is read once per opened node on purpose
  }, [name, nodeType, nodeVersion, type]);
  return { migrated, edited, markEdited: () => setEdited(true) };
}
