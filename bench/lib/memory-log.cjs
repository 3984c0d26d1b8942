// Preloaded (node -r) into an edge-profile process by bench/sampling-memory.mjs: every 10 s one
// line of what its memory is made of, appended to the file named by EP_MEMORY_LOG.
const { appendFileSync, readFileSync } = require('node:fs');
const { getHeapStatistics } = require('node:v8');

const out = process.env.EP_MEMORY_LOG;
const started = Date.now();
const mib = (bytes) => (bytes / 1048576).toFixed(1);
const statusMiB = (text, field) => mib(Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN) * 1024);
// glibc's main heap: the line after "[heap]" in smaps that gives its resident size
function mainHeapMiB() {
  const m = /\[heap\]\n(?:.*\n)*?Rss:\s+(\d+) kB/.exec(readFileSync('/proc/self/smaps', 'utf8'));
  return m ? mib(Number(m[1]) * 1024) : '?';
}

if (out) {
  setInterval(() => {
    const status = readFileSync('/proc/self/status', 'utf8');
    const h = getHeapStatistics();
    const fields = [
      `t=${Math.round((Date.now() - started) / 1000)}`,
      `rss=${statusMiB(status, 'VmRSS')}`,
      `anon=${statusMiB(status, 'RssAnon')}`,
      `file=${statusMiB(status, 'RssFile')}`,
      `mallocHeap=${mainHeapMiB()}`,
      `v8Committed=${mib(h.total_physical_size)}`,
      `v8Used=${mib(h.used_heap_size)}`,
    ];
    appendFileSync(out, fields.join(' ') + '\n');
  }, 10_000).unref();
}
