import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { api } from '../api/client';
import type { CredentialType, JsonSchema, NodeType, Settings } from '../api/types';
import { type FieldDef, fieldsOf } from '../form/schema';

/** Node types, credential types and instance settings, loaded once after sign-in. */
export interface Catalog {
  loaded: boolean;
  error: string | null;
  nodeTypes: NodeType[];
  credentialTypes: CredentialType[];
  settings: Settings | null;
  nodeType: (name: string) => NodeType | undefined;
  credentialType: (name: string) => CredentialType | undefined;
  reload: () => void;
}

const CatalogContext = createContext<Catalog>({
  loaded: false,
  error: null,
  nodeTypes: [],
  credentialTypes: [],
  settings: null,
  nodeType: () => undefined,
  credentialType: () => undefined,
  reload: () => undefined,
});

export function useCatalog(): Catalog {
  return useContext(CatalogContext);
}

const fieldCache = new WeakMap<JsonSchema, FieldDef[]>();

/** The form fields of a node or credential schema (computed once per schema). */
export function schemaFields(schema: JsonSchema | undefined): FieldDef[] {
  if (!schema) return [];
  let f = fieldCache.get(schema);
  if (!f) {
    f = fieldsOf(schema);
    fieldCache.set(schema, f);
  }
  return f;
}

export function CatalogProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<{
    loaded: boolean;
    error: string | null;
    nodeTypes: NodeType[];
    credentialTypes: CredentialType[];
    settings: Settings | null;
  }>({ loaded: false, error: null, nodeTypes: [], credentialTypes: [], settings: null });
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let cancelled = false;
    Promise.all([api.nodeTypes(), api.credentialTypes(), api.settings().catch(() => null)]).then(
      ([nodeTypes, credentialTypes, settings]) => {
        if (!cancelled) setState({ loaded: true, error: null, nodeTypes, credentialTypes, settings });
      },
      (e: Error) => !cancelled && setState((s) => ({ ...s, loaded: true, error: e.message })),
    );
    return () => {
      cancelled = true;
    };
  }, [nonce]);
  const nodeType = useCallback(
    (name: string) => {
      return (
        state.nodeTypes.find((t) => t.name === name) ??
        state.nodeTypes.find((t) => t.schema?.['x-node']?.aliases?.includes(name))
      );
    },
    [state.nodeTypes],
  );
  const credentialType = useCallback(
    (name: string) => state.credentialTypes.find((t) => t.name === name),
    [state.credentialTypes],
  );
  return (
    <CatalogContext.Provider value={{ ...state, nodeType, credentialType, reload: () => setNonce((n) => n + 1) }}>
      {children}
    </CatalogContext.Provider>
  );
}
