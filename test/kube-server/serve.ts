// Runs the loopback API server as its own process (for the benchmark and manual runs):
//   serve.ts PODS [NODES] [NAMESPACES]  → prints the URL on stdout, serves until killed.
import { startKubeServer } from './server.js';

const [pods = '1000', nodes = '10', namespaces = '20'] = process.argv.slice(2);
const server = await startKubeServer({ pods: Number(pods), nodes: Number(nodes), namespaces: Number(namespaces) });
process.stdout.write(`${server.url}\n`);
const stop = (): void => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
