import { describe, expect, it } from 'vitest';
import { inferOwnerFromPodName } from '../../src/collect/import/pod-name.js';

describe('inferOwnerFromPodName', () => {
  it.each([
    // names from the reference capture
    ['activator-7499d967fc-2npcf', { kind: 'Deployment', name: 'activator' }],
    ['autoscaler-hpa-854dcfbd44-8vcj8', { kind: 'Deployment', name: 'autoscaler-hpa' }],
    ['webhook-d9c8c747d-fwhst', { kind: 'Deployment', name: 'webhook' }],
    ['3scale-kourier-gateway-9b477c667-2hdt2', { kind: 'Deployment', name: '3scale-kourier-gateway' }],
    ['hello-00001-deployment-66ddff5b59-jbn6x', { kind: 'Deployment', name: 'hello-00001-deployment' }],
    ['default-domain-nwbhr', { kind: 'Workload', name: 'default-domain' }],
    ['kube-router-vdqtv', { kind: 'Workload', name: 'kube-router' }],
    ['kube-proxy-pm4ht', { kind: 'Workload', name: 'kube-proxy' }],
    // StatefulSet ordinals
    ['db-0', { kind: 'StatefulSet', name: 'db' }],
    ['kafka-broker-12', { kind: 'StatefulSet', name: 'kafka-broker' }],
    // five safe characters that happen to be digits: generated, not ordinal 24567
    ['agent-24567', { kind: 'Workload', name: 'agent' }],
    // a short consonant word is not a template hash
    ['my-db-x7k2p', { kind: 'Workload', name: 'my-db' }],
    // CronJob's Job: <cronjob>-<minutes>-<5>
    ['backup-28012345-q8mzt', { kind: 'Workload', name: 'backup-28012345' }],
  ])('%s → %o', (name, owner) => {
    expect(inferOwnerFromPodName(name)).toEqual(owner);
  });

  it.each([
    'kube-apiserver-vagrant', // static pod: <name>-<node>
    'etcd-edge-node-1x', // 'e' is not in the safe alphabet
    'mypod',
    'web-01', // ordinals have no leading zero
    'web-aeiou', // vowels are never generated
  ])('%s → null', (name) => {
    expect(inferOwnerFromPodName(name)).toBeNull();
  });
});
