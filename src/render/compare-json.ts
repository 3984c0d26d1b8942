// `compare -o json`: the contract's Comparison, keys in the order the model builds them.
import type { Comparison } from '../analyze/compare-model.js';

export function renderCompareJson(c: Comparison): string {
  return JSON.stringify(c, null, 2) + '\n';
}
