/**
 * Every claim in docs/ about what is refused is a tested claim. The test finds each sentence, list
 * item and table row of docs/*.md (outside code) that says something is refused or rejected, or
 * fails or stops the synth, and requires a CLAIMS entry for it: checks that make the refusal
 * happen and match its message, or, for a sentence that is not about what this library refuses
 * (what the scheduler or Kueue does, a summary of the claims listed after it), the reason. A new
 * such sentence without an entry fails the test, and so does an entry whose sentence is gone.
 *
 * It goes by the words: troubleshooting.md's rows that name no refusal in their text (most of its
 * catalog of messages) and validation.md's lists of checked values are not found here; their rules
 * have their own tests (api-server-rules, k8s-names, cron, credentials...), not tied to the text.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Duration, Size, Testing } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import {
  EciImageCache, EciInstanceSpec, EciPlacement, EciSpot, JobQueue, OperatorWebhook, PlacementTarget, PodSecurityPreset, RemoteShuffle,
  ResourcePolicyUnit, ResourcePolicyUnits, ScheduledSparkJob, ScratchDisk, SparkApplicationType, SparkClusterProfile, SparkEciValidationError,
  SparkEventLog, SparkJob, SparkJobDefaults, SparkJobProps,
  SparkConnectServer,
  SparkPlacement,
  SparkPodSelector,
  SparkPlanValidation, SparkPodSizing,
} from '../src';
import { synth } from './support/synth';
import { planManifests } from '../src/model/plan';

const ROOT = path.resolve(__dirname, '..');
const VOCABULARY = /\b(refus\w*|reject\w*|stops the synth|fails? at synth|fails? the synth)\b/i;

/** The units of a document that use the vocabulary: table rows, list items and sentences, code left out. */
function claimsOf(doc: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, 'docs', doc), 'utf8').replace(/^ *```[\s\S]*?^ *```/gm, '');
  const units: string[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    const lines = paragraph.split('\n').filter(l => l.trim() !== '');
    if (lines.every(l => l.trim().startsWith('|'))) { units.push(...lines); continue; }
    for (const item of paragraph.split(/\n(?=\s*(?:- |\d+\. ))/)) {
      units.push(...item.replace(/\s*\n\s*/g, ' ').split(/(?<=[.:;])\s+(?=[A-Z`])/));
    }
  }
  return units.map(u => u.replace(/\s+/g, ' ').trim()).filter(u => VOCABULARY.test(u));
}

const BASE: SparkJobProps = {
  metadata: { name: 'etl' },
  type: SparkApplicationType.SCALA,
  sparkVersion: '3.5.2',
  image: 'spark:3.5.2',
  mainApplicationFile: 'local:///opt/app.jar',
  executor: { instances: 2, cores: 2 },
};
const CELEBORN = RemoteShuffle.celeborn({ masterEndpoints: ['celeborn-master-0:9097'] });

/**
 * What happens to an app: the message thrown while building it or by its synth (cdk8s' validation
 * errors), or '' when it synthesizes.
 */
function outcome(build: (chart: Chart) => void, profile?: SparkClusterProfile, namespace = 'default'): string {
  const app: App = Testing.app();
  profile?.attachTo(app);
  const chart = new Chart(app, 'test', { namespace });
  try {
    build(chart);
    synth(chart);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

/** The thrown message of a call, or '' when it does not throw. */
function thrown(call: () => unknown): string {
  try {
    call();
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

const job = (props: Partial<SparkJobProps>) => (c: Chart) => { new SparkJob(c, 'Job', { ...BASE, ...props }); };
const upstream = (version: string, webhook?: OperatorWebhook) => SparkClusterProfile.upstream(version, webhook ? { webhook } : {});

interface Claim {
  readonly doc: string;
  /** A piece of the sentence, enough to find it (whitespace as one space). */
  readonly says: string;
  /** The checks that make it true, or why the sentence is not a claim about this library's refusals. */
  readonly check: (() => void) | string;
}

const SPOT_DRIVER = () => expect(thrown(() => SparkPlacement.spotResilient({ driver: EciPlacement.eciOnly({ eci: { spot: EciSpot.asPriceGo() } }) })))
  .toContain('SparkPlacement.spotResilient() driver must not run on spot ECI');
const LOSES_SHUFFLE = () => {
  for (const placement of [
    () => SparkPlacement.spotResilient({ executorSpot: EciSpot.asPriceGo({ gracefulRelease: false }) }),
    () => SparkPlacement.recommended({ executorSpot: EciSpot.asPriceGo({ gracefulRelease: false }) }),
  ]) {
    expect(outcome(job({ placement: placement() }))).toContain('executorSpot must not set gracefulRelease: false while shuffle files stay on the executors');
  }
  for (const key of ['spark.decommission.enabled', 'spark.storage.decommission.enabled', 'spark.storage.decommission.shuffleBlocks.enabled']) {
    expect(outcome(job({ sparkConf: { [key]: 'false' }, placement: SparkPlacement.recommended({ executorSpot: EciSpot.asPriceGo() }) })))
      .toContain(`sparkConf["${key}"] must not turn decommissioning off with the spot executors of SparkPlacement.recommended()`);
  }
};
const KUEUE_DA = () => expect(outcome(job({ dynamicAllocation: { maxExecutors: 4 }, queue: JobQueue.kueue('spark-batch') })))
  .toContain('dynamicAllocation.enabled must be off for a job Kueue queues');
const CREDENTIAL = 'must not hold a credential in clear text';
const webhookOff = upstream('2.5.2', OperatorWebhook.DISABLED);

const CLAIMS: Claim[] = [
  // cluster-profiles.md
  {
    doc: 'cluster-profiles.md',
    says: 'when false, `JobQueue.ackKubeQueue()` is refused',
    check: () => expect(outcome(job({ queue: JobQueue.ackKubeQueue() }), SparkClusterProfile.upstream('2.5.2', { ackKubeQueueSparkApp: false })))
      .not.toBe(''),
  },
  {
    doc: 'cluster-profiles.md',
    says: 'a CRD older than the chart refuses `spec.driver.template` (operator < 2.1)',
    check: 'what a cluster does without a profile: the problem the gates below (each tested) turn into synth errors',
  },
  {
    doc: 'cluster-profiles.md',
    says: 'Synthesis refuses, naming the field, the release that added it and the profile:',
    check: () => {
      expect(outcome(job({ driver: { template: { metadata: { labels: { a: 'b' } } } } }), upstream('2.0.2')))
        .toContain('driver.template needs Spark Operator >= 2.1, whose CRD added it (an older CRD prunes it); the cluster profile is upstream("2.0.2")');
      expect(outcome(job({ executor: { instances: 2, memoryLimit: Size.gibibytes(3) } }), upstream('2.1.1'))).toContain('executor.memoryLimit needs Spark Operator >= 2.2');
      expect(outcome(job({ suspend: true }), upstream('2.3.0'))).toContain('suspend needs Spark Operator >= 2.4');
      expect(outcome(job({ queue: JobQueue.kueue('q') }), upstream('2.3.0'))).toContain('queue needs Spark Operator >= 2.4, which added suspend');
      expect(outcome(c => { new ScheduledSparkJob(c, 'Job', { ...BASE, metadata: { name: 'a'.repeat(44) }, schedule: '@daily' }); }))
        .toContain('metadata.name must be at most 43 characters');
      expect(outcome(job({}), SparkClusterProfile.ackSparkOperator(), 'etl')).toContain('namespace must be one the operator watches');
      expect(outcome(c => { new ResourcePolicyUnits(c, 'p', { ignorePreviousPod: true, units: [ResourcePolicyUnit.ecs({ max: 1 })] }); },
        SparkClusterProfile.upstream('2.5.2', { kubeSchedulerVersion: '6.0.0' })))
        .toContain("ignorePreviousPod needs kube-scheduler 6.1 or later, but the cluster profile's kubeSchedulerVersion is 6.0.0");
    },
  },
  {
    doc: 'cluster-profiles.md',
    says: 'every per-role field only the webhook applies is written into the pod templates instead; the others are refused',
    check: () => {
      expect(outcome(job({ executor: { instances: 2, memoryLimit: Size.gibibytes(3) } }), webhookOff))
        .toContain('executor.memoryLimit is applied only by the operator\'s webhook, which the cluster profile turns off');
      expect(outcome(job({ driver: { env: { A: undefined as any } } }), webhookOff)).not.toContain('is applied only by the operator\'s webhook');
    },
  },
  {
    doc: 'cluster-profiles.md',
    says: '| `memoryLimit`, `monitoring.prometheus`, `sparkConfigMap`, `hadoopConfigMap` (application) | refused',
    check: () => {
      expect(outcome(job({ driver: { memoryLimit: Size.gibibytes(2) } }), webhookOff)).toContain('driver.memoryLimit is applied only by the operator\'s webhook');
      expect(outcome(job({ monitoring: { prometheus: { jmxExporterJar: '/prometheus/jmx_prometheus_javaagent.jar' } } }), webhookOff)).toContain('monitoring.prometheus is applied only by the operator');
      expect(outcome(job({ sparkConfigMap: 'conf' }), webhookOff)).toContain('sparkConfigMap is applied only by the operator');
      expect(outcome(job({ hadoopConfigMap: 'conf' }), webhookOff)).toContain('hadoopConfigMap is applied only by the operator');
    },
  },
  {
    doc: 'cluster-profiles.md',
    says: 'with an operator before 2.1 or Spark before 3.0 has no template to write into: every field the webhook alone applies is refused',
    check: () => {
      expect(outcome(job({ sparkVersion: '2.4.8', driver: { priorityClassName: 'p' } }), webhookOff))
        .toContain('driver.priorityClassName is applied only by the operator\'s webhook, which the cluster profile turns off, and cannot go into the pod template');
      expect(outcome(job({ driver: { priorityClassName: 'p' } }), upstream('2.0.2', OperatorWebhook.DISABLED)))
        .toContain('driver.priorityClassName is applied only by the operator\'s webhook, which the cluster profile turns off, and cannot go into the pod template');
    },
  },
  // deadlines.md
  {
    doc: 'deadlines.md',
    says: '`deadlines` writes each where it is enforced, refuses what would be ignored',
    check: () => expect(outcome(job({ deadlines: { run: Duration.hours(1) } }))).toContain('deadlines.run needs sparkVersion 4.0.0 or later'),
  },
  { doc: 'deadlines.md', says: '## What is refused', check: 'a heading: the list under it is the claim below' },
  {
    doc: 'deadlines.md',
    says: 'Each of these stops the synth with the prop, the value and what is allowed:',
    check: () => {
      const spark4 = { sparkVersion: '4.0.0', image: 'spark:4.0.0' };
      const eci = { placement: SparkPlacement.of(EciPlacement.eciOnly({ eci: { imageCache: EciImageCache.off() } })) };
      const range = 'deadlines.start (minutes) must be an integer from 10 to 1440 (whole minutes, as ECI reads them)';
      expect(outcome(job({ ...eci, deadlines: { start: Duration.minutes(5) } }))).toContain(`${range} (got 5)`);
      expect(outcome(job({ ...eci, deadlines: { start: Duration.minutes(1441) } }))).toContain(`${range} (got 1441)`);
      expect(outcome(job({ deadlines: { start: Duration.minutes(30) } }))).toContain('deadlines.start needs a placement that may run a role on ECI');
      expect(outcome(job({ placement: SparkPlacement.of(EciPlacement.ecsOnly()), deadlines: { start: Duration.minutes(30) } })))
        .toContain('deadlines.start needs a placement that may run a role on ECI');
      expect(outcome(job({ deadlines: { run: Duration.hours(1) } }))).toContain('deadlines.run needs sparkVersion 4.0.0 or later');
      expect(outcome(job({ ...spark4, deadlines: { run: Duration.seconds(90) } }))).toContain('deadlines.run (minutes) must be an integer from 1 to');
      const maxPending20 = SparkPlacement.of(EciPlacement.eciOnly({ eci: { maxPending: Duration.minutes(20), imageCache: EciImageCache.off() } }));
      expect(outcome(job({ placement: maxPending20, deadlines: { start: Duration.minutes(30) } })))
        .toContain('deadlines.start must agree with driver.annotations["k8s.aliyun.com/eci-max-pending-minute"]');
      expect(outcome(job({ ...eci, executor: { instances: 1, annotations: { 'k8s.aliyun.com/eci-max-pending-minute': '20' } }, deadlines: { start: Duration.minutes(30) } })))
        .toContain('deadlines.start must agree with executor.annotations["k8s.aliyun.com/eci-max-pending-minute"]');
      expect(outcome(job({ ...spark4, sparkConf: { 'spark.driver.timeout': '3h' }, deadlines: { run: Duration.hours(2) } })))
        .toContain('deadlines.run must agree with sparkConf["spark.driver.timeout"]');
      expect(outcome(job({ ...spark4, sparkConf: { 'spark.driver.timeout': '2h' }, deadlines: { run: Duration.hours(2) } }))).toBe('');
      expect(outcome(job({ metadata: { name: 'etl', annotations: { 'cdk8s-spark-eci/require-deadlines': 'false' } } }),
        SparkClusterProfile.upstream('2.5.2', { requireDeadlines: true })))
        .toContain('metadata.annotations["cdk8s-spark-eci/require-deadlines"] must be left to the cluster profile\'s requireDeadlines');
    },
  },
  {
    doc: 'deadlines.md',
    says: 'No cluster profile refuses a deadline',
    check: () => {
      const props = {
        sparkVersion: '4.0.0',
        image: 'spark:4.0.0',
        placement: SparkPlacement.of(EciPlacement.eciOnly({ eci: { imageCache: EciImageCache.off() } })),
        timeToLive: Duration.hours(1),
        deadlines: { start: Duration.minutes(30), run: Duration.hours(2) },
      };
      for (const version of ['2.0.2', '2.1.1', '2.2.1', '2.3.0', '2.4.0', '2.5.2']) {
        expect([version, outcome(job(props), SparkClusterProfile.upstream(version, { requireDeadlines: true }))]).toEqual([version, '']);
      }
      expect(outcome(job(props), SparkClusterProfile.ackSparkOperator({ requireDeadlines: true }))).toBe('');
    },
  },
  // placement.md
  { doc: 'placement.md', says: '| `spotResilient(options)` | ECS only (a spot driver is refused)', check: SPOT_DRIVER },
  { doc: 'placement.md', says: '`recommended()` and `spotResilient()` refuse a setup whose plan would say a reclaim loses them', check: LOSES_SHUFFLE },
  {
    doc: 'placement.md',
    says: 'Contradictions fail at synth:',
    check: () => {
      expect(outcome(job({ driver: { annotations: { 'k8s.aliyun.com/eci-use-specs': '2-4Gi' } }, placement: SparkPlacement.recommended() })))
        .toContain('driver.annotations must not carry ECI options on a role placed ECS only (EciPlacement.ecsOnly()), where they never take effect; '
          + 'place it with EciPlacement.eciOnly(), ecsFirst() or resourcePolicy() (got "k8s.aliyun.com/eci-use-specs")');
      expect(outcome(c => {
        const j = new SparkJob(c, 'Job', { ...BASE, executor: { instances: 2, labels: { 'alibabacloud.com/eci': 'true' } } });
        new ResourcePolicyUnits(c, 'p', { units: [ResourcePolicyUnit.ecs({ max: 1 }), ResourcePolicyUnit.eci()] }).addJob(j);
      })).toContain('executor.labels must not contain "alibabacloud.com/eci" under a ResourcePolicy');
      expect(thrown(() => EciPlacement.eciOnly({ eci: { spot: EciSpot.asPriceGo(), spotPriceLimit: 0.5 } as any })))
        .toContain('eci.spotPriceLimit is not an option: a price limit is set with spot: EciSpot.withPriceLimit(pricePerHour)');
      expect(outcome(job({ sparkVersion: '2.4.8', executor: { instances: 2, template: { metadata: { labels: { a: 'b' } } } } })))
        .toContain('executor.template needs sparkVersion >= 3.0');
      const specs = [1, 2, 4, 8, 16, 32].map(g => EciInstanceSpec.size(2, Size.gibibytes(g)));
      expect(thrown(() => EciPlacement.eciOnly({ eci: { instanceSpecs: specs } })))
        .toContain('eci.instanceSpecs must have at most 5 entries');
      expect(thrown(() => EciPlacement.ecsFirst({ eci: { customTags: { a: '1', b: '2', c: '3', d: '4' } } }))).toContain('eci.customTags must have at most 3 tags');
    },
  },
  // plan-json.md: the plan's codes, about the scheduler and Kueue
  { doc: 'plan-json.md', says: '| `UNIT_REFUSES` |', check: 'a plan finding\'s code: a unit of a ResourcePolicy that cannot take the pods (the scheduler\'s doing)' },
  {
    doc: 'troubleshooting.md',
    says: 'a factory refuses a value as it is called, before it knows where the value will go',
    check: () => {
      expect(thrown(() => EciSpot.asPriceGo({ protectionHours: -1 }))).toBe('EciSpot.asPriceGo() options.protectionHours must be an integer >= 0 (got -1)');
      expect(thrown(() => ResourcePolicyUnit.eci({ max: -1 }))).toBe('ResourcePolicyUnit.eci() options.max must be an integer >= 0 (got -1)');
    },
  },
  {
    doc: 'troubleshooting.md',
    says: 'Only what the API server itself would refuse in the rendered object is named by its YAML path',
    check: () => expect(outcome(c => new SparkJob(c, 'Job', { ...BASE, driver: { serviceAccount: 'Spark' } })))
      .toContain('spec.driver.serviceAccount must be a DNS-1123 subdomain'),
  },
  {
    doc: 'plan-json.md',
    says: 'The pending `message` says the same in words naming the toleration',
    check: 'what the scheduler does, put in words; the words are tested in eci-scheduling.test.ts and by the troubleshooting.md row below',
  },
  {
    doc: 'troubleshooting.md',
    says: '| `... launches N pods (...), but <pods>: no node can take them:',
    check: () => expect(outcome(c => new SparkJob(c, 'Job', {
      ...BASE, executor: { instances: 2, nodeSelector: { 'alibabacloud.com/nodepool-id': 'np-1' } }, placement: SparkPlacement.of(EciPlacement.eciOnly()),
    }))).toContain('executor-1, executor-2: no node can take them: ECS nodes refuse them (their required node affinity type In [virtual-kubelet], '
      + 'an ECI-only placement (EciPlacement.eciOnly()), admits ECI virtual nodes only); ECI virtual nodes refuse them (their nodeSelector '
      + 'alibabacloud.com/nodepool-id: np-1 names a node pool, and ECI virtual nodes belong to none). These pods can never start'),
  },
  { doc: 'plan-json.md', says: '| `NO_UNIT_ADMITS` |', check: 'a plan finding\'s code and its `refusals` field' },
  { doc: 'plan-json.md', says: '| `MISSING_MATCH_LABEL` |', check: 'a plan finding\'s code: what the scheduler rejects' },
  { doc: 'plan-json.md', says: '`refusals` are `{ unitIndex, resource, obstacle }`', check: 'the JSON shape of a plan finding' },
  { doc: 'plan-json.md', says: '| `KUEUE_DYNAMIC_ALLOCATION` | ERROR |', check: KUEUE_DA },
  {
    doc: 'plan-json.md',
    says: '| `API_SERVER_REFUSES` | ERROR |',
    check: () => expect(outcome(job({ metadata: { name: 'Bad_Name' } }))).toContain('metadata.name must be a DNS-1035 label'),
  },
  {
    doc: 'plan-json.md',
    says: '| `NODE_SELECTOR_ON_APP_AND_ROLE`, `SPARK_CONF_DENIED`',
    check: () => expect(outcome(job({ nodeSelector: { a: 'b' }, driver: { nodeSelector: { c: 'd' } } }))).toContain('nodeSelector cannot be set together with driver.nodeSelector'),
  },
  {
    doc: 'plan-json.md',
    says: '| `SPARK_CONNECT_NAME_TOO_LONG`, `SPARK_CONNECT_IMAGE_MISSING`',
    check: () => expect(planManifests([{
      file: 'c.yaml',
      text: JSON.stringify({
        apiVersion: 'sparkoperator.k8s.io/v1alpha1', kind: 'SparkConnect', metadata: { name: 'a'.repeat(57) }, spec: { sparkVersion: '4.0.1' },
      }),
    }]).objects[0].problems.map(p => p.code)).toEqual(expect.arrayContaining(['SPARK_CONNECT_NAME_TOO_LONG', 'SPARK_CONNECT_IMAGE_MISSING'])),
  },
  {
    doc: 'plan-json.md',
    says: '| `DYNAMIC_ALLOCATION_NEEDS_SPARK_3`, `INSTANCES_ABOVE_MAX_EXECUTORS`',
    check: () => expect(outcome(job({ executor: { instances: 5 }, dynamicAllocation: { maxExecutors: 4 } }))).toContain('executor.instances must be <= dynamicAllocation.maxExecutors'),
  },
  {
    doc: 'plan-json.md',
    says: '| `IMAGE_MISSING`, `REMOTE_SHUFFLE_NEEDS_SPARK_3_5`, `DECOMMISSION_NEEDS_SPARK_3_1`, `SPARK_CONNECT_GRPC_PORT` | ERROR |',
    check: () => {
      expect(outcome(job({ image: undefined }))).toContain('image or driver.image is required');
      expect(outcome(job({ sparkVersion: '3.4.1', sparkConf: { 'spark.dynamicAllocation.enabled': 'true' }, shuffle: CELEBORN })))
        .toContain('must be off with the remote shuffle manager');
      expect(outcome(job({ sparkVersion: '3.0.2', sparkConf: { 'spark.decommission.enabled': 'true' } }))).toContain('is ignored before Spark 3.1');
      expect(outcome(c => { new SparkConnectServer(c, 'Connect', { sparkVersion: '3.5.2', image: 'spark:3.5.2', sparkConf: { 'spark.connect.grpc.binding.port': '15003' } }); }))
        .toContain('must be 15002 or left out');
    },
  },
  {
    doc: 'validation.md',
    says: '- What Spark refuses or ignores at start, read from the spec and its `sparkConf` however the value was written',
    check: 'the codes of the plan-json.md row above, checked there; test/model/spark-runtime.test.ts has the known answers',
  },
  { doc: 'plan-json.md', says: '| `cause` | string \\| null | why not: `DRIVER_IN_GANG`', check: 'the JSON shape of a gang\'s reach: what the scheduler rejects' },
  {
    doc: 'plan-json.md',
    says: '| `SPARK_REFUSES_VALUE` | ERROR |',
    check: () => {
      const errors = (spec: object) => planOfSpec(spec).jobs[0].problems.filter(p => p.severity === 'ERROR').map(p => [p.code, p.field]);
      const plugin = 'org.apache.spark.deploy.DriverTimeoutPlugin';
      expect(errors({ sparkConf: { 'spark.executor.memoryOverheadFactor': '0' } }))
        .toEqual([['SPARK_REFUSES_VALUE', 'spec.sparkConf["spark.executor.memoryOverheadFactor"]']]);
      expect(errors({ sparkVersion: '4.0.0', sparkConf: { 'spark.driver.timeout': '1.5h', 'spark.plugins': plugin } }))
        .toEqual([['SPARK_REFUSES_VALUE', 'spec.sparkConf["spark.driver.timeout"]']]);
      expect(errors({ sparkConf: { 'spark.plugins': plugin } })).toEqual([['SPARK_REFUSES_VALUE', 'spec.sparkConf["spark.plugins"]']]);
    },
  },
  {
    doc: 'plan-json.md',
    says: '| `WEBHOOK_REFUSES_VALUE` | ERROR |',
    check: () => expect(planOf({ memoryLimit: '10G' }).jobs[0].problems.map(p => [p.code, p.severity])).toEqual([['WEBHOOK_REFUSES_VALUE', 'ERROR']]),
  },
  // plugin.md
  {
    doc: 'plugin.md',
    says: '| `failOnWarnings` | `false` | Warnings fail the synth too. |',
    check: () => expect(pluginStatus({ failOnWarnings: true }, WARNING_ONLY)).toBe('failure'),
  },
  {
    doc: 'plugin.md',
    says: 'An unknown property, a value of the wrong type, or half the prices stops the synth',
    check: () => {
      expect(thrown(() => new SparkPlanValidation({ failOnPendng: false } as any))).toContain('properties.failOnPendng must be one of the known keys (failOnPending, failOnWarnings,');
      expect(thrown(() => new SparkPlanValidation({ failOnPending: 'no' } as any))).toContain('failOnPending must be a boolean (got "no")');
      expect(thrown(() => new SparkPlanValidation({ pricePerVcpuHour: 0.05 }))).toContain('pricePerGibHour');
    },
  },
  {
    doc: 'plugin.md',
    says: 'A manifest the plan cannot read (a value Spark or ACK refuses, YAML that does not parse) is `UNREADABLE_MANIFEST`',
    check: () => expect(pluginRules({}, 'kind: SparkApplication\napiVersion: sparkoperator.k8s.io/v1beta2\nmetadata: {name: x, namespace: default}\n'
      + 'spec: {type: Scala, sparkVersion: 3.5.2, mainApplicationFile: local:///a.jar, executor: {instances: 1, memory: 1Gi}}\n'))
      .toContain('UNREADABLE_MANIFEST'),
  },
  {
    doc: 'plugin.md',
    says: 'Errors fail the synth; warnings do not, unless `failOnWarnings`',
    check: () => {
      expect(pluginStatus({}, WARNING_ONLY)).toBe('success');
      expect(pluginStatus({ failOnPending: true }, TOO_BIG)).toBe('failure');
    },
  },
  {
    doc: 'plugin.md',
    says: '`--chart-api-version v1` is refused by cdk8s-cli when `cdk8s.yaml` imports CRDs',
    check: () => expect(fs.readFileSync(path.join(ROOT, 'node_modules', 'cdk8s-cli', 'lib', 'cli', 'cmds', 'synth.js'), 'utf8'))
      .toContain('Your application uses CRDs, which are not supported when \'--chart-api-version\' is set to'),
  },
  // queues-gang-quota.md
  {
    doc: 'queues-gang-quota.md',
    says: 'Kueue rejects applications with dynamic allocation, also when `sparkConf` turns it on',
    check: () => {
      KUEUE_DA();
      expect(outcome(job({ sparkConf: { 'spark.dynamicAllocation.enabled': 'true' }, queue: JobQueue.kueue('spark-batch') })))
        .toContain('must be off for a job Kueue queues');
    },
  },
  { doc: 'queues-gang-quota.md', says: '- Kueue rejects dynamic allocation from any source', check: KUEUE_DA },
  {
    doc: 'queues-gang-quota.md',
    says: 'when it does not, `JobQueue.ackKubeQueue()` is refused',
    check: () => expect(outcome(job({ queue: JobQueue.ackKubeQueue() }), SparkClusterProfile.upstream('2.5.2', { ackKubeQueueSparkApp: false })))
      .not.toBe(''),
  },
  {
    doc: 'queues-gang-quota.md',
    says: 'with a [cluster profile](./cluster-profiles.md) of an older operator, a queue is refused',
    check: () => expect(outcome(job({ queue: JobQueue.ackKubeQueue() }), upstream('2.3.0'))).toContain('queue needs Spark Operator >= 2.4'),
  },
  // releasing.md: the release scripts, run for real by test/release.test.ts
  {
    doc: 'releasing.md',
    says: 'A release with nothing under `## Unreleased` is refused',
    check: () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-refusals-release-'));
      fs.writeFileSync(path.join(dir, 'CHANGELOG.md'), '# Changelog\n\n## Unreleased\n\n## 0.1.0 (2025-01-02)\n\n- First.\n');
      const run = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'ts-node'),
        ['--transpile-only', '--project', path.join(ROOT, 'scripts', 'tsconfig.json'), path.join(ROOT, 'scripts', 'release.ts'), 'next-version'],
        { cwd: dir, encoding: 'utf8', env: { ...process.env, RELEASE_AS: 'minor', VERSION: '0.1.0' } });
      expect({ status: run.status, stderr: run.stderr })
        .toEqual({ status: 1, stderr: 'release: CHANGELOG.md lists nothing under "## Unreleased": a release needs at least one user-visible change\n' });
    },
  },
  { doc: 'releasing.md', says: '`RELEASE_AS` refusals, then', check: 'says what test/release.test.ts runs' },
  // review-a-change.md
  {
    doc: 'review-a-change.md',
    says: 'GitHub refuses a comment longer than 65,536 characters',
    check: 'GitHub\'s limit, which the Markdown diff keeps within (the sentences after it say how); not a refusal of this library',
  },
  // scheduled-runs.md
  {
    doc: 'scheduled-runs.md',
    says: 'schedule it refuses leaves the object in `FailedValidation`: reported here as a `SCHEDULE_REFUSED` error',
    check: () => expect(outcome(c => { new ScheduledSparkJob(c, 'Job', { ...BASE, schedule: '* * *' }); }))
      .toContain('schedule must have exactly 5 fields (minute hour day-of-month month day-of-week), found 3 (got "* * *")'),
  },
  { doc: 'scheduled-runs.md', says: 'or a schedule or time zone is refused |', check: 'the plan command\'s exit code when the operator would refuse a hand-written schedule' },
  { doc: 'scheduled-runs.md', says: '| `refused` | string \\| null |', check: 'a field of the plan\'s JSON: why the operator runs none' },
  // sizing-and-cost.md
  {
    doc: 'sizing-and-cost.md',
    says: '`4Gi` and `1.5g` are refused)',
    check: () => {
      for (const memory of ['4Gi', '1.5g']) {
        expect(readErrors({ memory }))
          .toContain(`spec.executor.memory must be a Spark memory string: a whole number with an optional b, k, m, g, t or p suffix, e.g. "512m" or "4g" (not "1Gi" or "1.5g") (got "${memory}")`);
      }
    },
  },
  {
    doc: 'sizing-and-cost.md',
    says: '**What Spark or the webhook refuse** is a plan error with the rule cited',
    check: () => {
      const conf = (sparkConf: { [key: string]: string }) => outcome(job({ sparkConf }));
      expect(conf({ 'spark.executor.memoryOverheadFactor': '0' })).toContain('sparkConf["spark.executor.memoryOverheadFactor"] must be a number > 0');
      expect(conf({ 'spark.kubernetes.memoryOverheadFactor': '-0.1' })).toContain('sparkConf["spark.kubernetes.memoryOverheadFactor"] must be a number >= 0');
      expect(conf({ 'spark.memory.offHeap.enabled': 'true', 'spark.memory.offHeap.size': '512k' })).toContain('sparkConf["spark.memory.offHeap.size"] must be at least 1m');
      expect(conf({ 'spark.executor.resource.gpu.vendor': 'nvidia.com' })).toContain('sparkConf["spark.executor.resource.gpu.amount"] must be set');
      expect(conf({ 'spark.executor.resource.gpu.amount': '0.5', 'spark.executor.resource.gpu.vendor': 'nvidia.com' }))
        .toContain('sparkConf["spark.executor.resource.gpu.amount"] must be a whole number');
      expect(conf({ 'spark.executor.resource.gpu.amount': '1' })).toContain('sparkConf["spark.executor.resource.gpu.vendor"] must name the vendor on Kubernetes');
      expect(planOf({ memory: '2g', memoryLimit: '10G' }).jobs[0].problems.map(p => p.code)).toContain('WEBHOOK_REFUSES_VALUE');
    },
  },
  {
    doc: 'sizing-and-cost.md',
    says: 'and refuse `memoryLimit`)',
    check: () => expect(outcome(job({ executor: { instances: 2, memoryLimit: Size.gibibytes(3) } }), webhookOff))
      .toContain('executor.memoryLimit is applied only by the operator\'s webhook, which the cluster profile turns off'),
  },
  {
    doc: 'sizing-and-cost.md',
    says: '`"2048"` is 2 KiB, which Spark refuses when off-heap is enabled',
    check: () => expect(outcome(job({ sparkConf: { 'spark.memory.offHeap.enabled': 'true', 'spark.memory.offHeap.size': '2048' } })))
      .toContain('sparkConf["spark.memory.offHeap.size"] must be at least 1m (a bare number is bytes) when spark.memory.offHeap.enabled is true'),
  },
  // resource-policy.md
  {
    doc: 'resource-policy.md',
    says: 'an older scheduler\'s unsupported field is refused:',
    check: () => expect(thrown(() => new ResourcePolicyUnits(Testing.chart(), 'p', {
      schedulerVersion: '6.0.0', ignorePreviousPod: true, units: [ResourcePolicyUnit.ecs({ max: 1 })],
    }))).toContain('ignorePreviousPod needs kube-scheduler 6.1 or later, but schedulerVersion is 6.0.0'),
  },
  {
    doc: 'resource-policy.md',
    says: 'The `alibabacloud.com/eci: "true"` pod label overrides the policy: it is refused with one',
    check: () => expect(outcome(c => {
      const j = new SparkJob(c, 'Job', { ...BASE, driver: { labels: { 'alibabacloud.com/eci': 'true' } } });
      new ResourcePolicyUnits(c, 'p', { units: [ResourcePolicyUnit.ecs({ max: 1 }), ResourcePolicyUnit.eci()] }).addJob(j);
    })).toContain('driver.labels must not contain "alibabacloud.com/eci" under a ResourcePolicy'),
  },
  // security.md
  {
    doc: 'security.md',
    says: 'Keys that carry secrets (OSS and S3 access keys, passwords, tokens) are refused in `sparkConf` / `hadoopConf`, by the prop and by',
    check: () => {
      expect(outcome(job({ hadoopConf: { 'fs.oss.accessKeySecret': 'abc' } }))).toContain(`hadoopConf["fs.oss.accessKeySecret"] ${CREDENTIAL}`);
      expect(outcome(job({ sparkConf: { 'spark.hadoop.fs.s3a.secret.key': 'abc' } }))).toContain(`sparkConf["spark.hadoop.fs.s3a.secret.key"] ${CREDENTIAL}`);
      expect(outcome(c => new SparkJob(c, 'Job', BASE).addSparkConf('spark.ssl.keyPassword', 'abc'))).toContain(CREDENTIAL);
      expect(outcome(c => new SparkJob(c, 'Job', BASE).addHadoopConf('fs.s3a.access.key', 'abc'))).toContain(CREDENTIAL);
    },
  },
  {
    doc: 'security.md',
    says: 'A credential written into the conf is refused when the job is made:',
    check: () => expect(thrown(() => new SparkJob(Testing.chart(), 'Job', { ...BASE, hadoopConf: { 'fs.oss.accessKeyId': 'LTAI' } }))).toContain(CREDENTIAL),
  },
  {
    doc: 'security.md',
    says: '`grantDriverRbac()` refuses a driver that already names another service account',
    check: () => expect(outcome(c => new SparkJob(c, 'Job', { ...BASE, driver: { serviceAccount: 'spark-operator-spark' } }).grantDriverRbac()))
      .toContain('driver.serviceAccount is already set on the job, and the driver RBAC would replace it with'),
  },
  {
    doc: 'security.md',
    says: 'and refuses another name, saying which defaults gave the account.',
    check: () => expect(outcome(c => {
      new SparkJobDefaults(c, 'Platform', { serviceAccount: 'spark-driver' });
      new SparkJob(c, 'Job', BASE).grantDriverRbac({ serviceAccountName: 'other' });
    })).toContain('driver.serviceAccount is already set by SparkJobDefaults test/Platform (its serviceAccount)'),
  },
  {
    doc: 'cluster-profiles.md',
    says: 'and a value the job refuses (a credential in an inherited `sparkConf` key, a pod-template placement on Spark 2) is reported with',
    check: () => {
      const inherited = (defaults: ConstructorParameters<typeof SparkJobDefaults>[2], props: Partial<SparkJobProps> = {}) => outcome(c => {
        new SparkJobDefaults(c, 'Platform', defaults);
        new SparkJob(c, 'Job', { ...BASE, ...props });
      });
      expect(inherited({ sparkConf: { 'spark.hadoop.fs.oss.accessKeySecret': 'plain' } })).toMatch(/^sparkConf\["spark\.hadoop\.fs\.oss\.accessKeySecret"\] must not hold a credential .*\(inherited from SparkJobDefaults test\/Platform\)$/);
      expect(inherited({ placement: SparkPlacement.of(EciPlacement.ecsFirst(), PlacementTarget.POD_TEMPLATE) }, { sparkVersion: '2.4.8' }))
        .toMatch(/^placement\.mechanism POD_TEMPLATE .*\(inherited from SparkJobDefaults test\/Platform\)$/);
    },
  },
  // shuffle-and-spot.md
  { doc: 'shuffle-and-spot.md', says: 'the driver never on spot (ECS by default; a spot driver is refused)', check: SPOT_DRIVER },
  { doc: 'shuffle-and-spot.md', says: 'is refused, naming the setting', check: LOSES_SHUFFLE },
  {
    doc: 'shuffle-and-spot.md',
    says: 'Spot executors you place with `EciPlacement` yourself (`perRole()`, `of()`) are not refused',
    check: () => {
      const app = Testing.app();
      const chart = new Chart(app, 'test', { namespace: 'default' });
      new SparkJob(chart, 'Job', { ...BASE, placement: SparkPlacement.perRole({ executor: EciPlacement.eciOnly({ eci: { spot: EciSpot.asPriceGo() } }) }) });
      const yaml = synth(chart).map(m => JSON.stringify(m)).join('\n---\n');
      expect(planManifests([{ file: 'job.yaml', text: yaml }]).jobs[0].spotReclaim).toContain('its shuffle files are lost and Spark reruns the tasks that wrote them (add api-evict');
    },
  },
  {
    doc: 'shuffle-and-spot.md',
    says: 'Refused at synth: a spot driver in `spotResilient()`;',
    check: () => {
      SPOT_DRIVER();
      LOSES_SHUFFLE();
      expect(outcome(job({ sparkConf: { 'spark.shuffle.service.enabled': 'true' }, shuffle: CELEBORN })))
        .toContain('sparkConf["spark.shuffle.service.enabled"] must be false with the remote shuffle manager org.apache.spark.shuffle.celeborn.SparkShuffleManager');
      expect(outcome(job({ sparkVersion: '3.4.1', dynamicAllocation: { maxExecutors: 4 }, shuffle: CELEBORN })))
        .toContain('dynamicAllocation.enabled must be off with the remote shuffle manager org.apache.spark.shuffle.celeborn.SparkShuffleManager before Spark 3.5');
      expect(outcome(job({ dynamicAllocation: { maxExecutors: 4, shuffleTracking: true }, shuffle: CELEBORN })))
        .toContain('dynamicAllocation.shuffleTracking must be false or unset with shuffle Celeborn');
      expect(thrown(() => ScratchDisk.ofSize(Size.mebibytes(1536)))).toContain('must be a whole number of GiB');
    },
  },
  // troubleshooting.md: the rows that name a refusal in their text (every row is a message the library throws)
  { doc: 'troubleshooting.md', says: 'Every value the library refuses fails in your pipeline, not in the cluster', check: 'the page\'s summary; the rows below are the claims' },
  {
    doc: 'troubleshooting.md',
    says: '| `metadata.name must be a DNS-1035 label: must be at most 63 characters (got N) ...` |',
    check: () => expect(outcome(job({ metadata: { name: 'a'.repeat(64) } }))).toContain('metadata.name must be a DNS-1035 label: must be at most 63 characters (got 64)'),
  },
  {
    doc: 'troubleshooting.md',
    says: '| `metadata.name must be a DNS-1035 label: lower-case letters, digits and \'-\', starting with a letter',
    check: () => expect(outcome(job({ metadata: { name: '1etl' } }))).toContain('metadata.name must be a DNS-1035 label: lower-case letters, digits and \'-\', starting with a letter'),
  },
  {
    doc: 'troubleshooting.md',
    says: '| `sparkConf["spark.kubernetes.namespace"] must equal the object\'s namespace "..." ... (got "...")` |',
    check: () => expect(outcome(job({ sparkConf: { 'spark.kubernetes.namespace': 'other' } }))).toContain('sparkConf["spark.kubernetes.namespace"] must equal the object\'s namespace "default"'),
  },
  {
    doc: 'troubleshooting.md',
    says: '| ``sparkConf["spark.master"] is rejected by the Spark Operator\'s webhook: the operator sets it; use `mode` and `driver.kubernetesMaster` (got "spark.master")`` |',
    check: () => expect(outcome(job({ sparkConf: { 'spark.master': 'k8s://x' } })))
      .toContain('sparkConf["spark.master"] is rejected by the Spark Operator\'s webhook: the operator sets it; use `mode` and `driver.kubernetesMaster` (got "spark.master")'),
  },
  {
    doc: 'troubleshooting.md',
    says: '| ``sparkConf["spark.kubernetes.driver.master"] is rejected ...: use `driver.kubernetesMaster` ...`` |',
    check: () => expect(outcome(job({ sparkConf: { 'spark.kubernetes.driver.master': 'x' } }))).toMatch(/sparkConf\["spark\.kubernetes\.driver\.master"\] is rejected .*: use `driver\.kubernetesMaster`/),
  },
  {
    doc: 'troubleshooting.md',
    says: '| `sparkConf["spark.kubernetes.container.image"]` / `...driver.container.image` / `...executor.container.image` `is rejected ...` |',
    check: () => {
      for (const key of ['spark.kubernetes.container.image', 'spark.kubernetes.driver.container.image', 'spark.kubernetes.executor.container.image']) {
        expect(outcome(job({ sparkConf: { [key]: 'x' } }))).toContain(`sparkConf["${key}"] is rejected`);
      }
    },
  },
  {
    doc: 'troubleshooting.md',
    says: '| `sparkConf["spark.kubernetes.authenticate.driver.serviceAccountName"]` (or `executor`) `is rejected ...` |',
    check: () => {
      for (const role of ['driver', 'executor']) {
        const key = `spark.kubernetes.authenticate.${role}.serviceAccountName`;
        expect(outcome(job({ sparkConf: { [key]: 'x' } }))).toContain(`sparkConf["${key}"] is rejected`);
      }
    },
  },
  {
    doc: 'troubleshooting.md',
    says: '| `sparkConf["spark.kubernetes.authenticate...oauthToken..."] is rejected ...: use a service account` |',
    check: () => expect(outcome(job({ sparkConf: { 'spark.kubernetes.authenticate.submission.oauthToken': 'x' } })))
      .toMatch(/sparkConf\["spark\.kubernetes\.authenticate\.submission\.oauthToken"\] is rejected .*: use a service account/),
  },
  {
    doc: 'troubleshooting.md',
    says: '| `dynamicAllocation must have minExecutors <= initialExecutors <= maxExecutors (got {...})` |',
    check: () => expect(outcome(job({ dynamicAllocation: { minExecutors: 3, maxExecutors: 2 } }))).toContain('dynamicAllocation must have minExecutors <= initialExecutors <= maxExecutors (got {'),
  },
  {
    doc: 'troubleshooting.md',
    says: '| `volumes must not define a volume name twice (got "...")` |',
    check: () => expect(outcome(job({ volumes: [{ name: 'a', emptyDir: {} }, { name: 'a', emptyDir: {} }] }))).toContain('volumes must not define a volume name twice (got "a")'),
  },
  {
    doc: 'troubleshooting.md',
    says: '| `<role>.coreRequest` / `<role>.coreLimit must be a positive CPU quantity in whole millicores ... (got "...")` |',
    check: () => {
      expect(outcome(job({ driver: { coreRequest: Cpu.millis(0) } }))).toContain('driver.coreRequest must be a positive CPU quantity in whole millicores');
      expect(outcome(job({ executor: { instances: 2, coreLimit: Cpu.units(0.0005) } }))).toContain('executor.coreLimit must be a positive CPU quantity in whole millicores');
    },
  },
  {
    doc: 'troubleshooting.md',
    says: '| `<role>.coreLimit must be at least the CPU request (Nm, from coreRequest|cores), or Kubernetes refuses the pod (got "...")` |',
    check: () => expect(outcome(job({ driver: { cores: 2, coreLimit: Cpu.millis(1500) } }))).toContain('driver.coreLimit must be at least the CPU request (2000m, from cores), or Kubernetes refuses the pod'),
  },
  {
    doc: 'troubleshooting.md',
    says: '| `<role>.memory` / `<role>.memoryOverhead must be a positive whole number of KiB, which Spark can parse ... (got "... KiB")` |',
    check: () => {
      expect(outcome(job({ driver: { memory: Size.kibibytes(0.5) } }))).toMatch(/driver\.memory must be a positive whole number of KiB, which Spark can parse.*\(got "0\.5 KiB"\)/);
      expect(outcome(job({ executor: { instances: 2, memoryOverhead: Size.kibibytes(0) } }))).toContain('executor.memoryOverhead must be a positive whole number of KiB, which Spark can parse');
    },
  },
  {
    doc: 'troubleshooting.md',
    says: '| `<role>.memoryLimit must be at least the memory Spark requests (NMi), or Kubernetes refuses the pod (got "...")` (at synth) |',
    check: () => expect(outcome(job({ driver: { memory: Size.gibibytes(1), memoryLimit: Size.gibibytes(1) } })))
      .toContain('driver.memoryLimit must be at least the memory Spark requests (1408Mi), or Kubernetes refuses the pod (got "1Gi")'),
  },
  {
    doc: 'troubleshooting.md',
    says: '| `<role>.volumeMounts must not mount two volumes at one path (got "...")` |',
    check: () => expect(outcome(job({
      volumes: [{ name: 'a', emptyDir: {} }, { name: 'b', emptyDir: {} }],
      driver: { volumeMounts: [{ name: 'a', mountPath: '/d' }, { name: 'b', mountPath: '/d' }] },
    }))).toContain('driver.volumeMounts must not mount two volumes at one path (got "/d")'),
  },
  {
    doc: 'troubleshooting.md',
    says: 'values that weaken the preset fail at synth rather than being silently overridden',
    check: () => expect(outcome(job({ podSecurity: PodSecurityPreset.HARDENED, driver: { podSecurityContext: { runAsNonRoot: false } } })))
      .toContain('driver.podSecurityContext.runAsNonRoot must not be false with PodSecurityPreset.hardened(), which it would weaken; remove it or drop the preset (got false)'),
  },
  {
    doc: 'troubleshooting.md',
    says: '| `driver.serviceAccount is already set on the job, and the driver RBAC would replace it with ...',
    check: () => expect(outcome(c => new SparkJob(c, 'Job', { ...BASE, driver: { serviceAccount: 'x' } }).grantDriverRbac()))
      .toMatch(/driver\.serviceAccount is already set on the job, and the driver RBAC would replace it with .*: remove driver\.serviceAccount, or pass serviceAccountName to create the account it names \(got "x"\)/),
  },
  {
    doc: 'troubleshooting.md',
    says: '| `metadata.namespace must be left out: ImageCache is cluster-scoped (got ...)` |',
    check: () => expect(outcome(c => {
      const j = new SparkJob(c, 'Job', { ...BASE, placement: SparkPlacement.of(EciPlacement.eciOnly()) });
      j.addImageCache({ metadata: { namespace: 'default' } } as any);
    })).toContain('metadata.namespace must be left out: ImageCache is cluster-scoped'),
  },
  {
    doc: 'troubleshooting.md',
    says: '| `... but ResourcePolicy ... places none of them: ...` / `... rejects <pods>: ...` (at synth) |',
    check: () => expect(outcome(c => {
      const j = new SparkJob(c, 'Job', BASE);
      new ResourcePolicyUnits(c, 'p', { units: [ResourcePolicyUnit.eci()], selector: SparkPodSelector.custom({ app: 'other' }) }).checkCapacity(j);
    })).toMatch(/SparkApplication default\/etl launches 3 pods .* but ResourcePolicy default\/\S+ places none of them: /),
  },
  {
    doc: 'troubleshooting.md',
    says: '`... must be a whole number of millicores: Kubernetes refuses CPU finer than 1m` |',
    check: () => {
      expect(readErrors({ coreRequest: '0.0005' }))
        .toContain('spec.executor.coreRequest must be a whole number of millicores: Kubernetes refuses CPU finer than 1m (got "0.0005")');
      expect(thrown(() => SparkPodSizing.compute({ type: SparkApplicationType.SCALA, coreRequest: '0.0005' })))
        .toContain('coreRequest must be a whole number of millicores: Kubernetes refuses CPU finer than 1m');
    },
  },
  {
    doc: 'troubleshooting.md',
    says: '| `<prefix>coreLimit must be at least the CPU request (...), or Kubernetes refuses the pod` |',
    check: () => {
      expect(readErrors({ cores: 2, coreLimit: '1' })).toContain('spec.executor.coreLimit must be at least the CPU request');
      expect(thrown(() => SparkPodSizing.compute({ type: SparkApplicationType.SCALA, cores: 2, coreLimit: '1' }))).toMatch(/^coreLimit must be at least the CPU request \(.*\), or Kubernetes refuses the pod/);
    },
  },
  {
    doc: 'troubleshooting.md',
    says: '| `<prefix>memoryLimitMebibytes must be at least the memory Spark requests (N MiB), or Kubernetes refuses the pod` |',
    check: () => expect(thrown(() => SparkPodSizing.compute({ type: SparkApplicationType.SCALA, memoryMebibytes: 1024, memoryLimitMebibytes: 1024 })))
      .toContain('memoryLimitMebibytes must be at least the memory Spark requests (1408 MiB), or Kubernetes refuses the pod (got 1024)'),
  },
  // validation.md
  {
    doc: 'validation.md',
    says: 'Synthesis refuses what the API server, the Spark Operator\'s webhook, Spark or ECI would refuse',
    check: 'the page\'s summary; its numbered sections list the rules, and the claims that use this vocabulary are the entries that follow',
  },
  {
    doc: 'validation.md',
    says: 'Every refusal is the library\'s own error, in one form:',
    check: () => {
      let error: unknown;
      try { new SparkJob(Testing.chart(), 'Job', { ...BASE, executor: { instances: 0 } }); } catch (e) { error = e; }
      expect(error).toBeInstanceOf(SparkEciValidationError);
      expect((error as Error).message).toBe('executor.instances must be an integer >= 1 (got 0)');
    },
  },
  {
    doc: 'validation.md',
    says: 'plain data nested deeper than 64 levels is refused',
    check: () => {
      let deep: any = {};
      for (let i = 0; i < 70; i++) { deep = { a: deep }; }
      expect(outcome(job({ volumes: [{ name: 'v', emptyDir: {}, x: deep } as any] }))).toMatch(/deeper than 64|nested more than 64|64 levels/);
    },
  },
  {
    doc: 'validation.md',
    says: 'a string or number where a `Size`, `Duration`, `Cpu` or `EnvValue` is expected',
    check: () => {
      expect(outcome(job({ executor: { memory: '4Gi' as any } }))).toContain('executor.memory must be a Size, e.g. Size.gibibytes(4)');
      expect(outcome(job({ timeToLive: 3600 as any }))).toContain('timeToLive must be a Duration');
      expect(outcome(job({ executor: { coreRequest: 0.5 as any } }))).toContain('executor.coreRequest must be a Cpu');
      expect(outcome(job({ driver: { env: { A: 'x' as any } } }))).toContain('driver.env["A"] must be an EnvValue');
      expect(outcome(job({ placement: 'x' as any }))).toContain('placement must be made with SparkPlacement');
    },
  },
  {
    doc: 'validation.md',
    says: '**JavaScript `Map`s and `Set`s** are refused wherever a map, an options object or Kubernetes data is expected',
    check: () => {
      expect(outcome(job({ sparkConf: new Map([['spark.a', 'b']]) as any }))).toContain('sparkConf must be a map (a plain object; a JavaScript Map is not read');
      expect(outcome(job({ executor: new Map() as any }))).toContain('executor must be an object');
      expect(outcome(job({ volumes: [{ name: 'v', emptyDir: new Map() as any }] }))).toContain('must be plain data (a JavaScript Map or Set');
    },
  },
  {
    doc: 'validation.md',
    says: 'for instance `SparkEventLog` refuses a job\'s `sparkConf` that contradicts it',
    check: () => {
      const eventLog = () => SparkEventLog.toOss('oss://my-bucket/events/', { endpoint: 'oss-cn-hangzhou-internal.aliyuncs.com' });
      expect(outcome(job({ eventLog: eventLog(), sparkConf: { 'spark.eventLog.enabled': 'false' } })))
        .toContain('sparkConf["spark.eventLog.enabled"] must be "true" or left out with eventLog SparkEventLog.toOss("oss://my-bucket/events/")');
      expect(outcome(job({ eventLog: eventLog(), hadoopConf: { 'fs.oss.endpoint': 'other.aliyuncs.com' } }))).toContain('the operator passes hadoopConf after sparkConf');
      expect(outcome(c => new SparkJob(c, 'Job', { ...BASE, eventLog: eventLog() }).addSparkConf('spark.eventLog.dir', 'hdfs://nn/e')))
        .toContain('sparkConf["spark.eventLog.dir"] must be "oss://my-bucket/events/" or left out');
    },
  },
  {
    doc: 'validation.md',
    says: '`SparkEventLog.toUri()` / `toOss()` and `spotResilient({ fallbackStoragePath })` refuse a URI with credentials',
    check: () => {
      expect(thrown(() => SparkEventLog.toUri('s3a://AKID:SECRET@bucket/events/'))).toContain('(got "s3a://***@bucket/events/")');
      expect(thrown(() => SparkEventLog.toUri('https://acct.blob.core.windows.net/e?sv=1&sig=abc'))).toContain('a "sig" query parameter');
      expect(thrown(() => SparkEventLog.toOss('oss://ak:sk@my-bucket/events/'))).not.toContain('sk@');
      expect(thrown(() => SparkPlacement.spotResilient({ fallbackStoragePath: 'oss://ak:sk@bucket/fallback/' })))
        .toContain('fallbackStoragePath must not carry credentials in the URI');
    },
  },
  {
    doc: 'validation.md',
    says: "- What the operator's webhooks refuse (`src/model/rules/spark-application.ts`, `spark-connect.ts`",
    check: () => {
      expect(outcome(job({ nodeSelector: { a: 'b' }, driver: { nodeSelector: { c: 'd' } } }))).toContain('nodeSelector cannot be set together with driver.nodeSelector');
      expect(outcome(job({ sparkVersion: '2.4.8', driver: { template: { metadata: { labels: { a: 'b' } } } } }))).toContain('driver.template needs sparkVersion >= 3.0');
      expect(outcome(job({ sparkConf: { 'spark.kubernetes.namespace': 'other' } }))).toContain('spark.kubernetes.namespace');
      const plan = planManifests([{
        file: 'connect.yaml',
        text: JSON.stringify({
          apiVersion: 'sparkoperator.k8s.io/v1alpha1', kind: 'SparkConnect', metadata: { name: 'a'.repeat(57) }, spec: { sparkVersion: '4.0.1' },
        }),
      }]);
      expect(plan.objects[0].problems.map(p => p.code)).toEqual(expect.arrayContaining(['SPARK_CONNECT_NAME_TOO_LONG', 'SPARK_CONNECT_IMAGE_MISSING']));
    },
  },
  {
    doc: 'validation.md',
    says: "- What Spark or the pod's validation refuses:",
    check: () => {
      expect(outcome(job({ sparkVersion: '2.4.8', dynamicAllocation: { maxExecutors: 4 } }))).toContain('dynamicAllocation');
      expect(outcome(job({ executor: { instances: 5 }, dynamicAllocation: { maxExecutors: 4 } }))).toContain('executor.instances must be <= dynamicAllocation.maxExecutors (4) (got 5)');
      expect(outcome(job({ executor: { volumeMounts: [{ name: 'x', mountPath: '/x' }] } }))).toContain('must name a volume in volumes');
    },
  },
  {
    doc: 'validation.md',
    says: '**Spark configuration**: keys the webhook rejects (with the typed prop to use)',
    check: () => {
      expect(outcome(job({ sparkConf: { 'spark.master': 'x' } }))).toContain('use `mode` and `driver.kubernetesMaster`');
      expect(outcome(job({ sparkConf: { 'spark.a=b': 'x' } }))).toContain('sparkConf');
      expect(outcome(job({ sparkConf: { 'spark.a': 'x\ny' } }))).toContain('sparkConf');
      expect(outcome(job({ sparkConf: { 'spark.es.net.http.auth.pass': 'x' } }))).toContain(CREDENTIAL);
      expect(outcome(job({ sparkConf: { 'spark.es.net.http.auth.pass': '${env:ES_PASS}' } }))).toBe('');
      expect(outcome(job({ sparkConf: { 'spark.authenticate.secret.file': '/etc/secret' } }))).toBe('');
    },
  },
  // How plan and the plugin read their input (the cli work): the checks are the named test files.
  { doc: 'plan.md', says: 'Input that cannot be read leaves `FILE` untouched, and `FILE` may not be one of the inputs', check: 'says what test/input-files.test.ts runs ("--output ...": a file of an input directory, the file standard input is read from)' },
  { doc: 'plan.md', says: '- **YAML in linear time.** Each document is read on its own; a repeated key in a map is refused', check: 'says what test/yaml-documents.test.ts runs (a duplicate key, in a large map too)' },
  { doc: 'plan.md', says: 'Nesting deeper than 256 levels and aliases that expand to more than 1,000 nodes are refused too.', check: 'says what test/yaml-documents.test.ts runs (nesting past the bound, the "billion laughs")' },
  { doc: 'plan.md', says: '- **Files opened safely.** A named pipe (FIFO) never blocks the command', check: 'says what test/input-files.test.ts runs (a named pipe without a writer, in a directory, with a writer)' },
  { doc: 'plan.md', says: 'An `--output` named pipe without a reader is refused instead of blocking.', check: 'says what test/input-files.test.ts runs ("as --output without a reader")' },
  { doc: 'validation.md', says: 'A named pipe never blocks (one with nothing to read is refused), a loop of symbolic links is named in words', check: 'says what test/input-files.test.ts runs' },
  { doc: 'validation.md', says: '- YAML is read in time linear in its size: a repeated key in a map is refused', check: 'says what test/yaml-documents.test.ts runs' },
  { doc: 'validation.md', says: 'Nesting past 256 levels and aliases expanding past 1,000 nodes are refused.', check: 'says what test/yaml-documents.test.ts runs' },
  { doc: 'validation.md', says: '- The rule book refuses what the Spark operator cannot decode', check: 'says what test/rule-book.test.ts runs ("a number the operator cannot decode")' },
];

// The plugin, called as cdk8s-cli calls it, on manifests in files.
const TOO_BIG = path.join(ROOT, 'test', 'fixtures', 'plugin', 'too-big-for-eci.yaml');
const WARNING_ONLY = `apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata: {name: unbounded, namespace: default}
spec:
  type: Scala
  sparkVersion: 3.5.2
  image: spark:3.5.2
  mainApplicationFile: local:///opt/app.jar
  dynamicAllocation: {enabled: true}
  executor: {instances: 1}
`;

function runPlugin(properties: object, manifest: string): any {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-refusals-'));
  const file = manifest.includes('\n') ? path.join(dir, 'm.yaml') : manifest;
  if (file !== manifest) { fs.writeFileSync(file, manifest); }
  let report: any = { violations: [] as any[] };
  const context = {
    manifests: [file],
    report: {
      addViolation: (v: any) => report.violations.push(v),
      submit: (status: string, metadata: object) => { report = { ...report, status, metadata }; },
    },
    logger: { log: () => undefined },
    parseManifest: () => [],
  };
  const plugin = new SparkPlanValidation(properties);
  return (plugin.validate(context as any) as Promise<void>).then(() => report);
}
let pluginReports: Map<string, any>;
const pluginStatus = (properties: object, manifest: string) => pluginReports.get(JSON.stringify([properties, manifest])).status;
const pluginRules = (properties: object, manifest: string) =>
  pluginReports.get(JSON.stringify([properties, manifest])).violations.map((v: any) => v.ruleName);
const PLUGIN_RUNS: Array<[object, string]> = [
  [{ failOnWarnings: true }, WARNING_ONLY], [{}, WARNING_ONLY], [{ failOnPending: true }, TOO_BIG],
  [{}, 'kind: SparkApplication\napiVersion: sparkoperator.k8s.io/v1beta2\nmetadata: {name: x, namespace: default}\n'
    + 'spec: {type: Scala, sparkVersion: 3.5.2, mainApplicationFile: local:///a.jar, executor: {instances: 1, memory: 1Gi}}\n'],
];

/** A hand-written SparkApplication whose executor has these fields. */
function handWritten(executor: object): string {
  return JSON.stringify({
    apiVersion: 'sparkoperator.k8s.io/v1beta2',
    kind: 'SparkApplication',
    metadata: { name: 'x', namespace: 'default' },
    spec: { type: 'Scala', sparkVersion: '3.5.2', image: 'spark:3.5.2', mainApplicationFile: 'local:///a.jar', driver: {}, executor: { instances: 1, ...executor } },
  });
}

/** What the plan command throws reading it ('' when it plans it). */
function readErrors(executor: object): string {
  return thrown(() => planManifests([{ file: 'x.yaml', text: handWritten(executor) }]));
}

/** The plan of it. */
function planOf(executor: object) {
  return planManifests([{ file: 'x.yaml', text: handWritten(executor) }]);
}

/** The plan of the hand-written SparkApplication with these spec fields. */
function planOfSpec(spec: object) {
  const manifest = JSON.parse(handWritten({}));
  return planManifests([{ file: 'x.yaml', text: JSON.stringify({ ...manifest, spec: { ...manifest.spec, ...spec } }) }]);
}

beforeAll(async () => {
  pluginReports = new Map();
  for (const [properties, manifest] of PLUGIN_RUNS) {
    pluginReports.set(JSON.stringify([properties, manifest]), await runPlugin(properties, manifest));
  }
});

describe('what docs/ says is refused', () => {
  const docs = fs.readdirSync(path.join(ROOT, 'docs')).filter(f => f.endsWith('.md')).sort();
  const found = docs.flatMap(doc => claimsOf(doc).map(text => ({ doc, text })));

  test('every such sentence has exactly one entry, and every entry its sentence', () => {
    const unclaimed = found.filter(f => CLAIMS.filter(c => c.doc === f.doc && f.text.includes(c.says)).length !== 1)
      .map(f => `${f.doc}: ${f.text}`);
    const stale = CLAIMS.filter(c => found.filter(f => f.doc === c.doc && f.text.includes(c.says)).length !== 1).map(c => `${c.doc}: ${c.says}`);
    expect({ unclaimed, stale }).toEqual({ unclaimed: [], stale: [] });
  });

  test.each(CLAIMS.filter(c => typeof c.check === 'function').map(c => [`${c.doc}: ${c.says}`, c.check as () => void] as const))(
    '%s', (_says, check) => { check(); });

  test('an entry that is not a check says why the sentence is not a claim about this library\'s refusals', () => {
    for (const claim of CLAIMS.filter(c => typeof c.check === 'string')) {
      expect({ says: claim.says, why: (claim.check as string).length > 20 }).toEqual({ says: claim.says, why: true });
    }
  });
});
