// A built-in list of common edge boards and VM sizes that `report --sizes` ranks. Capacity is
// the board's RAM as the kernel sees it before the OS takes its share (the OS shows up in the
// observed memory, not here).
import type { NodeSize } from './fit.js';

const MI = 2 ** 20;
const GI = 2 ** 30;

export const COMMON_SIZES: Array<{ name: string } & NodeSize> = [
  { name: 'Raspberry Pi Zero 2 W (4 CPU, 512 MiB)', cpuMillicores: 4000, memoryBytes: 512 * MI },
  { name: '1 vCPU, 1 GiB VM', cpuMillicores: 1000, memoryBytes: 1 * GI },
  { name: 'Raspberry Pi 4 1GB (4 CPU, 1 GiB)', cpuMillicores: 4000, memoryBytes: 1 * GI },
  { name: "1 vCPU, 1500 MiB VM (the reference's VirtualBox VM)", cpuMillicores: 1000, memoryBytes: 1500 * MI },
  { name: '2 vCPU, 2 GiB VM', cpuMillicores: 2000, memoryBytes: 2 * GI },
  { name: 'Raspberry Pi 4 2GB (4 CPU, 2 GiB)', cpuMillicores: 4000, memoryBytes: 2 * GI },
  { name: '2 vCPU, 4 GiB VM', cpuMillicores: 2000, memoryBytes: 4 * GI },
  { name: 'Raspberry Pi 4 4GB (4 CPU, 4 GiB)', cpuMillicores: 4000, memoryBytes: 4 * GI },
  { name: '4 vCPU, 8 GiB VM', cpuMillicores: 4000, memoryBytes: 8 * GI },
];
