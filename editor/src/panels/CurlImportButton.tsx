import { useState } from 'react';
import type { JsonObject } from '../api/types';
import { importCurl } from '../workflow/curl';

export function isHttpRequest(type: string): boolean {
  return type === 'hearth.httpRequest' || type === 'n8n-nodes-base.httpRequest';
}

/** "Import cURL": fills the HTTP Request node from a pasted curl command, as n8n's does. */
export function CurlImportButton({ onImport }: { onImport: (parameters: JsonObject) => void }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (!open) {
    return (
      <div className="curl-import">
        <button
          type="button"
          className="btn small"
          data-testid="curl-import-open"
          onClick={() => {
            setOpen(true);
            setProblem(null);
          }}
        >
          Import cURL
        </button>
        {notice && (
          <span className="muted" data-testid="curl-import-notice">
            {' '}
            {notice}
          </span>
        )}
      </div>
    );
  }
  const run = () => {
    try {
      const result = importCurl(text);
      onImport(result.parameters as JsonObject);
      setNotice(result.ignored.length ? `Imported; not used: ${result.ignored.join(' ')}` : 'Imported');
      setOpen(false);
      setText('');
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="curl-import open" data-testid="curl-import">
      <label htmlFor="curl-import-text">Paste a cURL command</label>
      <textarea
        id="curl-import-text"
        data-testid="curl-import-text"
        rows={6}
        value={text}
        placeholder="curl -X POST https://api.example.com -H 'Content-Type: application/json' -d '{...}'"
        onChange={(e) => {
          setText(e.target.value);
          setProblem(null);
        }}
      />
      {problem && (
        <div className="field-error" data-testid="curl-import-error">
          {problem}
        </div>
      )}
      <div className="row">
        <button
          type="button"
          className="btn primary small"
          data-testid="curl-import-run"
          onClick={run}
          disabled={!text.trim()}
        >
          Import
        </button>
        <button type="button" className="btn small" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
