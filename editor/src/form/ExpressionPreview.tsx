import { useEffect, useState } from 'react';
import { useFormEnv } from './context';
import { previewExpression } from './expression';

/**
 * The result of an expression on the node's input item, under the editor: evaluated by the server's
 * expression engine when the form can ask it (node parameters), else the local `$json` preview.
 */
export function ExpressionPreview({ expression, path }: { expression: string; path: string }) {
  const env = useFormEnv();
  const local = previewExpression(expression, env.previewItem);
  const [remote, setRemote] = useState<{ for: string; ok: boolean; text: string } | null>(null);
  const evaluate = env.evaluate;
  useEffect(() => {
    if (!evaluate) return;
    let cancelled = false;
    const t = setTimeout(() => {
      evaluate(expression).then(
        (r) => !cancelled && setRemote({ for: expression, ...r }),
        () => undefined,
      );
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(t);
    };
  }, [expression, evaluate]);
  const shown = evaluate && remote?.for === expression ? remote : local;
  return (
    <div className={`expression-preview${shown.ok ? '' : ' muted'}`} data-testid={`expr-preview-${path}`}>
      <span className="label">Result</span> <span className="value">{shown.text}</span>
    </div>
  );
}
