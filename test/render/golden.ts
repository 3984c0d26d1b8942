// Golden files: tests compare bytes; UPDATE_GOLDEN=1 rewrites them (review the diff, then commit).
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Report } from '../../src/analyze/report-model.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const GOLDEN_DIR = join(ROOT, 'test', 'golden');
export const FIXTURE_DIR = join(ROOT, 'test', 'fixtures', 'reports');

export function expectGolden(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, name);
  if (process.env['UPDATE_GOLDEN'] === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`no golden file ${path}; run with UPDATE_GOLDEN=1 to create it`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** A hand-built Report fixture (test/fixtures/reports/NAME.json). */
export function loadReportFixture(name: string): Report {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, `${name}.json`), 'utf8')) as Report;
}

export const FIXTURES = ['knative-k0s', 'hostile', 'empty'] as const;
