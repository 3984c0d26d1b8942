// The floor of live collection: what any client must do — fetch the same lists edge-profile
// reads (pods and nodes page by page with limit, pod and node metrics, each node's kubelet
// Summary) and JSON.parse them, keeping nothing but counts. Same concurrency as edge-profile:
// pods, nodes and metrics at once; summaries after the node list.
//
//   node bench/floor-fetch.mjs http://127.0.0.1:PORT [pageLimit]
const [base, limitArg] = process.argv.slice(2);
const limit = Number(limitArg ?? 500);
const get = async (path) => {
  const res = await fetch(base + path);
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  return JSON.parse(await res.text());
};
const list = async (path, onItem) => {
  let cont = '';
  for (let page = 0; page < 100_000; page++) {
    const doc = await get(`${path}?limit=${limit}${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`);
    for (const item of doc.items) onItem(item);
    cont = doc.metadata?.continue ?? '';
    if (!cont) return;
  }
  throw new Error('too many pages');
};
let pods = 0;
const names = [];
const [, , podMetrics, nodeMetrics] = await Promise.all([
  list('/api/v1/pods', () => pods++),
  list('/api/v1/nodes', (n) => names.push(n.metadata.name)),
  get('/apis/metrics.k8s.io/v1beta1/pods').then((d) => d.items.length),
  get('/apis/metrics.k8s.io/v1beta1/nodes').then((d) => d.items.length),
]);
let summaries = 0;
await Promise.all(
  Array.from({ length: 8 }, async (_, w) => {
    for (let k = w; k < names.length; k += 8) {
      await get(`/api/v1/nodes/${encodeURIComponent(names[k])}/proxy/stats/summary`);
      summaries++;
    }
  }),
);
process.stdout.write(JSON.stringify({ pods, nodes: names.length, podMetrics, nodeMetrics, summaries }) + '\n');
