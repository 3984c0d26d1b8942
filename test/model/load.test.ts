import { describe, expect, it } from 'vitest';
import { parseSnapshot, upgradeSnapshot } from '../../src/model/load.js';
import { InputError } from '../../src/errors.js';
import { fullSnapshot, minimalSnapshot } from '../helpers/snapshots.js';
import { expectSchemaValid, validateSchema } from '../helpers/schema.js';

type Doc = Record<string, any>;

function errorOf(text: string): string {
  try {
    parseSnapshot(text, 's.json');
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const msg = (e as Error).message;
    expect(msg).not.toContain('\n');
    return msg;
  }
  throw new Error('expected parseSnapshot to fail');
}

describe('parseSnapshot accepts valid snapshots', () => {
  it.each([
    ['full', fullSnapshot()],
    ['minimal', minimalSnapshot()],
    ['with an extension field', { ...minimalSnapshot(), generator: { name: 'x' } }],
  ])('%s', (_name, snap) => {
    const text = JSON.stringify(snap, null, 2);
    expect(parseSnapshot(text, 's.json')).toEqual(snap);
    expectSchemaValid(snap);
  });
});

describe('malformed JSON names line and column', () => {
  const full = JSON.stringify(fullSnapshot(), null, 2);
  it.each([
    ['truncated', full.slice(0, 200), /^s\.json: truncated or malformed JSON at line \d+ column \d+ \(unexpected end of input/],
    ['empty file', '', /^s\.json: truncated or malformed JSON at line 1 column 1 \(unexpected end of input\)$/],
    ['trailing comma', '{\n  "a": 1,\n}', /^s\.json: truncated or malformed JSON at line 3 column 1 \(expected a property name, found "}"\)$/],
    ['garbage after', '{}\nx', /^s\.json: truncated or malformed JSON at line 2 column 1 \(unexpected "x" after the end of the document\)$/],
    ['single quotes', "{'a': 1}", /line 1 column 2 \(expected a property name, found "'"\)$/],
  ])('%s', (_name, text, re) => {
    expect(errorOf(text)).toMatch(re);
  });

  it('truncation position is the end of the text', () => {
    const cut = full.slice(0, 300);
    const lines = cut.split('\n');
    expect(errorOf(cut)).toContain(`at line ${lines.length} column ${lines.at(-1)!.length + 1}`);
  });
});

describe('version and kind', () => {
  it.each<[string, (d: Doc) => unknown, string]>([
    ['unknown apiVersion', (d) => ({ ...d, apiVersion: 'edge-profile/v9' }), 's.json: unknown apiVersion "edge-profile/v9"; this edge-profile reads edge-profile/v1'],
    ['foreign apiVersion', (d) => ({ ...d, apiVersion: 'v1', kind: 'Pod' }), 's.json: not an edge-profile snapshot: apiVersion "v1" (expected "edge-profile/v1")'],
    ['no apiVersion', ({ apiVersion: _a, ...rest }) => rest, 's.json: not an edge-profile snapshot: no apiVersion (expected "edge-profile/v1")'],
    ['a report', (d) => ({ ...d, kind: 'Report' }), 's.json: kind is "Report", expected "Snapshot" (is this a report or a comparison?)'],
    ['an array', () => [], 's.json: not an edge-profile snapshot: expected a JSON object, got an array'],
  ])('%s', (_name, mutate, message) => {
    const doc = mutate(minimalSnapshot() as unknown as Doc);
    expect(errorOf(JSON.stringify(doc))).toBe(message);
    expect(validateSchema(doc)).toBe(false);
  });

  it('upgradeSnapshot returns a v1 document unchanged', () => {
    const doc = fullSnapshot() as unknown as Doc;
    expect(upgradeSnapshot(doc, 's.json')).toBe(doc);
  });
});

// Each mutation must be rejected by the hand validator (with this exact first line) AND by schema.json.
const mutations: Array<[string, (d: Doc) => void, string]> = [
  ['cpu as a quantity string', (d) => (d.pods[0].containers[0].requests.cpuMillicores = '100m'),
    'pods[0].containers[0].requests.cpuMillicores must be an integer or null, got "100m"'],
  ['fractional memory', (d) => (d.pods[0].containers[0].limits.memoryBytes = 1.5),
    'pods[0].containers[0].limits.memoryBytes must be an integer or null, got 1.5'],
  ['negative cpu', (d) => (d.nodes[0].usage.cpuMillicores = -1), 'nodes[0].usage.cpuMillicores must be an integer or null, got -1'],
  ['missing memoryBytes', (d) => delete d.pods[0].usage.memoryBytes, 'pods[0].usage.memoryBytes is missing'],
  ['missing pods', (d) => delete d.pods, 'pods is missing'],
  ['pods not an array', (d) => (d.pods = {}), 'pods must be an array, got an object'],
  ['bad container type', (d) => (d.pods[0].containers[1].type = 'initContainer'),
    'pods[0].containers[1].type must be one of "app", "init", "sidecar", got "initContainer"'],
  ['phase a number', (d) => (d.pods[1].phase = 1), 'pods[1].phase must be a string or null, got 1'],
  ['owner without name', (d) => delete d.pods[0].owner.name, 'pods[0].owner.name is missing'],
  ['bad origin', (d) => (d.pods[0].origin = 'guess'), 'pods[0].origin must be one of "live", "capture", "manifest", got "guess"'],
  ['ownerInferred string', (d) => (d.pods[0].ownerInferred = 'yes'), 'pods[0].ownerInferred must be true or false, got "yes"'],
  ['takenAt not ISO', (d) => (d.takenAt = 'yesterday'),
    'takenAt must be an ISO-8601 date-time such as "2026-03-18T07:24:18Z", got "yesterday"'],
  ['bad note level', (d) => (d.notes[0].level = 'fatal'), 'notes[0].level must be one of "info", "warn", "error", got "fatal"'],
  ['host memory as string', (d) => (d.host.memory.usedBytes = '558M'), 'host.memory.usedBytes must be an integer or null, got "558M"'],
  ['load average of 2', (d) => (d.host.cpu.loadAverage = [1, 2]), 'host.cpu.loadAverage must be an array of 3 numbers or null, got an array'],
  ['process without pid', (d) => delete d.host.processes[0].pid, 'host.processes[0].pid is missing'],
  ['busyPercent string', (d) => (d.host.cpu.busyPercent = '2.5%'), 'host.cpu.busyPercent must be a number or null, got "2.5%"'],
  ['sample node usage null', (d) => (d.samples[0].nodes.vagrant = null), 'samples[0].nodes["vagrant"] must be an object, got null'],
  ['sample container usage bad', (d) => (d.samples[0].pods['knative-serving/activator-7499d967fc-2npcf'].containers.activator.cpuMillicores = 'x'),
    'samples[0].pods["knative-serving/activator-7499d967fc-2npcf"].containers["activator"].cpuMillicores must be an integer or null, got "x"'],
  ['source type', (d) => (d.source.type = 'file'), 'source.type must be one of "live", "import", got "file"'],
  ['source files entry', (d) => (d.source.files[0] = 'x.txt'), 'source.files[0] must be an object, got "x.txt"'],
  ['host a string', (d) => (d.host = 'none'), 'host must be an object, got "none"'],
  ['node capacity 0 instead of object', (d) => (d.nodes[0].capacity = 0), 'nodes[0].capacity must be an object, got 0'],
];

describe('shape violations name the JSON path', () => {
  it.each(mutations)('%s', (_name, mutate, message) => {
    const doc = fullSnapshot() as unknown as Doc;
    mutate(doc);
    expect(validateSchema(doc)).toBe(false);
    expect(errorOf(JSON.stringify(doc)).replace(/ \(and \d+ more problems?\)$/, '')).toBe(`s.json: ${message}`);
  });

  it('counts further problems on the same line', () => {
    const doc = fullSnapshot() as unknown as Doc;
    doc.pods[0].name = 1;
    doc.pods[1].namespace = 2;
    expect(errorOf(JSON.stringify(doc))).toBe('s.json: pods[0].name must be a string, got 1 (and 1 more problem)');
  });
});
