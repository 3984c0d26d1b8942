// Preloaded (node -r) into an edge-profile process by bench/sampling-memory.mjs: every 10 s one
// line of what its memory is made of, appended to the file named by EP_MEMORY_LOG.
const { appendFileSync, readFileSync } = require('node:fs');
const { getHeapStatistics } = require('node:v8');

const out = process.env.EP_MEMORY_LOG;
const started = Date.now();
const KiB = 1024;
const mib = (bytes) => (bytes / 1048576).toFixed(1);
const statusBytes = (text, field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN) * KiB;

// glibc places the arenas of threads other than the main one at addresses aligned to their
// 64 MiB reservation (HEAP_MAX_SIZE on 64-bit); the main thread's arena is "[heap]".
const ARENA_ALIGN = 64 * 1048576;

/** Resident anonymous bytes of glibc's main heap and of the threads' arenas, from smaps. */
function mallocBytes() {
  let mainHeap = 0;
  let threadArenas = 0;
  for (const block of readFileSync('/proc/self/smaps', 'utf8').split(/\n(?=[0-9a-f]+-[0-9a-f]+ )/)) {
    const [range, perms, , , , name] = block.slice(0, block.indexOf('\n')).split(/\s+/);
    const anon = Number(/\nAnonymous:\s+(\d+) kB/.exec(block)?.[1] ?? 0) * KiB;
    if (anon === 0) continue;
    if (name === '[heap]') mainHeap += anon;
    else if (!name && perms === 'rw-p' && parseInt(range, 16) % ARENA_ALIGN === 0) threadArenas += anon;
  }
  return { mainHeap, threadArenas };
}

if (out) {
  setInterval(() => {
    const status = readFileSync('/proc/self/status', 'utf8');
    const h = getHeapStatistics();
    const m = mallocBytes();
    const anon = statusBytes(status, 'RssAnon');
    const fields = [
      `t=${Math.round((Date.now() - started) / 1000)}`,
      `rss=${mib(statusBytes(status, 'VmRSS'))}`,
      `anon=${mib(anon)}`,
      `file=${mib(statusBytes(status, 'RssFile'))}`,
      `mallocHeap=${mib(m.mainHeap)}`,
      `threadArenas=${mib(m.threadArenas)}`,
      `v8Committed=${mib(h.total_physical_size)}`,
      `v8Used=${mib(h.used_heap_size)}`,
      // thread stacks, mmap'd large blocks, and what the arena heuristic misses
      `otherAnon=${mib(anon - m.mainHeap - m.threadArenas - h.total_physical_size)}`,
    ];
    appendFileSync(out, fields.join(' ') + '\n');
  }, 10_000).unref();
}
