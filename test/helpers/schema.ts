// ajv (devDependency only) compiled from src/model/schema.json, so tests can check that every
// snapshot they produce is valid against the published schema.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect } from 'vitest';

const schemaPath = fileURLToPath(new URL('../../src/model/schema.json', import.meta.url));
export const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: true });
export const validateSchema = ajv.compile(schema);

export function expectSchemaValid(doc: unknown): void {
  const ok = validateSchema(doc);
  expect(ok ? [] : validateSchema.errors).toEqual([]);
}
