import {
  ECI_NODES, ECI_TOLERATION, ECS_NODES, narrowNodes, NodeClass, obstacleCause, obstacleOn, PodScheduling,
} from '../src/model/eci-scheduling';

/** Pod scheduling fields as a role renders them. */
function pod(fields: Partial<PodScheduling>): PodScheduling {
  return { tolerations: [], nodeSelector: {}, labels: {}, ...fields };
}

/** A required node affinity of one term per list of requirements. */
function required(...terms: Array<Array<{ key: string; operator: string; values?: string[] }>>): unknown {
  const nodeSelectorTerms = terms.map(matchExpressions => ({ matchExpressions }));
  return { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } } };
}

/** What EciPlacement.eciOnly() writes. */
const ECI_ONLY = { tolerations: [ECI_TOLERATION], affinity: required([{ key: 'type', operator: 'In', values: ['virtual-kubelet'] }]) };

describe('obstacleCause() names what refuses the pods', () => {
  test.each<[string, PodScheduling, NodeClass, string | undefined]>([
    ['ECI-only pods on ECS nodes', pod(ECI_ONLY), ECS_NODES,
      'their required node affinity type In [virtual-kubelet], an ECI-only placement (EciPlacement.eciOnly()), admits ECI virtual nodes only'],
    ['ECI-only pods on ECI virtual nodes', pod(ECI_ONLY), ECI_NODES, undefined],
    ['an ECS node pool on ECI virtual nodes', pod({ ...ECI_ONLY, nodeSelector: { 'alibabacloud.com/nodepool-id': 'np-1' } }), ECI_NODES,
      'their nodeSelector alibabacloud.com/nodepool-id: np-1 names a node pool, and ECI virtual nodes belong to none'],
    ['no toleration on ECI virtual nodes', pod({}), ECI_NODES,
      'they do not tolerate the ECI taint virtual-kubelet.io/provider=alibabacloud:NoSchedule'],
    ['the ECI label on ECS nodes', pod({ labels: { 'alibabacloud.com/eci': 'true' } }), ECS_NODES,
      'their label alibabacloud.com/eci: "true" sends them to ECI virtual nodes'],
    ['a virtual-node nodeSelector on ECS nodes', pod({ nodeSelector: { type: 'virtual-kubelet' } }), ECS_NODES,
      'their nodeSelector type: virtual-kubelet names ECI virtual nodes only'],
    ['another type on ECI virtual nodes', pod({ tolerations: [ECI_TOLERATION], nodeSelector: { type: 'gpu' } }), ECI_NODES,
      'their nodeSelector type: gpu names other nodes: ECI virtual nodes carry type: virtual-kubelet'],
    ['another type on ECS nodes', pod({ nodeSelector: { type: 'gpu' } }), ECS_NODES, 'their nodeSelector type: gpu names a label ECS nodes do not carry'],
    ['an ECS-only affinity on ECI virtual nodes', pod({ tolerations: [ECI_TOLERATION], affinity: required([{ key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] }]) }),
      ECI_NODES, 'their required node affinity type NotIn [virtual-kubelet] keeps them off ECI virtual nodes (type: virtual-kubelet)'],
    ['a node pool affinity on ECI virtual nodes', pod({ tolerations: [ECI_TOLERATION], affinity: required([{ key: 'alibabacloud.com/nodepool-id', operator: 'Exists' }]) }),
      ECI_NODES, 'their required node affinity alibabacloud.com/nodepool-id Exists asks for a node pool, and ECI virtual nodes belong to none'],
    ['two terms that both fail', pod({ affinity: required([{ key: 'type', operator: 'In', values: ['virtual-kubelet'] }], [{ key: 'type', operator: 'Exists' }]) }),
      ECS_NODES, 'none of the 2 terms of their required node affinity matches (the first: type In [virtual-kubelet], an ECI-only placement '
      + '(EciPlacement.eciOnly()), admits ECI virtual nodes only)'],
    ['an empty term', pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{}] } } } }), ECS_NODES,
      'their required node affinity has an empty term, which matches no node'],
    ['a unit\'s nodeSelector', pod({ nodeSelector: { disk: 'ssd' } }), narrowNodes(ECS_NODES, { disk: 'hdd' }),
      'their nodeSelector disk: ssd names other nodes than the unit\'s, whose nodeSelector says disk: hdd'],
  ])('%s', (_name, scheduling, nodes, cause) => {
    expect(obstacleCause(scheduling, nodes)).toBe(cause);
    // The cause explains obstacleOn()'s verdict, never another one.
    expect(obstacleCause(scheduling, nodes) === undefined).toBe(obstacleOn(scheduling, nodes) === undefined);
  });

  test('an eci unit tolerates the taint for the pods', () => {
    expect(obstacleCause(pod({}), ECI_NODES, true)).toBeUndefined();
  });
});
