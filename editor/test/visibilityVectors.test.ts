import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DisplayOptionsWire, Json } from '../src/api/types';
import { isVisible, rootScope, type Declared } from '../src/form/displayOptions';

/** The shared vectors that ui-schema's VisibilityVectorsTest (Java) runs too. */
// vitest runs from editor/ (npm test, and the Maven build)
const file = resolve(process.cwd(), '../ui-schema/src/test/resources/visibility-vectors.json');
const { vectors } = JSON.parse(readFileSync(file, 'utf8')) as {
  vectors: {
    name: string;
    fields: { name: string; default: Json; displayOptions?: DisplayOptionsWire }[];
    values: Record<string, Json>;
    version?: number;
    visible: string[];
  }[];
};

describe('visibility vectors shared with the Java rules', () => {
  for (const v of vectors) {
    it(v.name, () => {
      const fields: Declared[] = v.fields.map((f) => ({
        name: f.name,
        holdsValue: true,
        default: f.default,
        displayOptions: f.displayOptions,
      }));
      const scope = rootScope(v.values, fields, v.version);
      const visible: string[] = [];
      for (const f of fields) {
        if (isVisible(f, scope) && !visible.includes(f.name)) visible.push(f.name);
      }
      expect(visible).toEqual(v.visible);
    });
  }
});
