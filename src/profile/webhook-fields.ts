// The SparkApplication fields that only the Spark Operator's mutating webhook applies to pods
// (kubeflow/spark-operator v2.5.2 `internal/webhook/sparkpod_defaulter.go`, `mutateSparkPod`; the
// same list since v2.0), and how each is written into a pod template instead, which Spark applies
// itself (operator >= 2.1, Spark >= 3.0). Everything else of a role reaches the pods through
// spark-submit configuration (`internal/controller/sparkapplication/submission.go`).
import { formatInteger } from '../private/number-format';

/** The prefix of volumes Spark mounts itself as local dirs; the webhook skips them. */
const SPARK_LOCAL_DIR_PREFIX = 'spark-local-dir-';

/** The JSON of one role's pod template, while fields are moved into it. */
interface TemplateDraft {
  readonly spec: any;
  readonly metadata: any;
  /** The Spark container (named as the operator tells Spark), created on first use. */
  container(): any;
}

/** One webhook-only field and where the pod template carries it. */
export interface WebhookField {
  /** The field in the role (`env`), or in the application spec when `application` is true. */
  readonly field: string;
  /** The webhook step that applies it (`addEnvVars`). */
  readonly step: string;
  /** Where it goes in the pod template, for the README and messages; undefined when refused. */
  readonly templateField?: string;
  /** Why it cannot be written into a template, when it cannot. */
  readonly refusal?: string;
  /** Whether it is an application-level field (applies to both roles). */
  readonly application?: boolean;
  /** Writes the value into the template. */
  readonly move?: (draft: TemplateDraft, value: any, spec: any) => void;
}

function append(target: any, key: string, items: any[], same: (a: any, b: any) => boolean = jsonSame): void {
  const list: any[] = target[key] ?? [];
  for (const item of items) {
    if (!list.some(existing => same(existing, item))) { list.push(item); }
  }
  target[key] = list;
}

function jsonSame(a: any, b: any): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function mountedVolumes(mounts: any[]): any[] {
  return mounts.filter(m => !String(m.name).startsWith(SPARK_LOCAL_DIR_PREFIX));
}

/** Every field the webhook alone applies, in the webhook's order. */
export const WEBHOOK_FIELDS: readonly WebhookField[] = [
  { field: 'env', step: 'addEnvVars', templateField: 'containers[spark].env', move: (d, v) => append(d.container(), 'env', v) },
  { field: 'envFrom', step: 'addEnvFrom', templateField: 'containers[spark].envFrom', move: (d, v) => append(d.container(), 'envFrom', v) },
  {
    field: 'configMaps',
    step: 'addGeneralConfigMaps',
    templateField: 'volumes + containers[spark].volumeMounts',
    move: (d, v) => {
      for (const cm of v as Array<{ name: string; path: string }>) {
        const volumeName = `${cm.name}-vol`.slice(0, 63);
        append(d.spec, 'volumes', [{ name: volumeName, configMap: { name: cm.name } }], (a, b) => a.name === b.name);
        append(d.container(), 'volumeMounts', [{ name: volumeName, mountPath: cm.path }]);
      }
    },
  },
  {
    field: 'volumeMounts',
    step: 'addVolumes',
    templateField: 'volumes + containers[spark].volumeMounts',
    move: (d, v, spec) => {
      // Spark mounts `spark-local-dir-*` volumes itself (the operator passes them as configuration).
      const mounts = mountedVolumes(v);
      const volumes = (spec.volumes ?? []).filter((vol: any) => mounts.some(m => m.name === vol.name));
      append(d.spec, 'volumes', volumes, (a, b) => a.name === b.name);
      append(d.container(), 'volumeMounts', mounts);
    },
  },
  {
    field: 'ports',
    step: 'addContainerPorts',
    templateField: 'containers[spark].ports',
    move: (d, v) => append(d.container(), 'ports', v),
  },
  { field: 'hostNetwork', step: 'addHostNetwork', templateField: 'hostNetwork', move: (d, v) => { d.spec.hostNetwork = v; } },
  { field: 'hostAliases', step: 'addHostAliases', templateField: 'hostAliases', move: (d, v) => append(d.spec, 'hostAliases', v) },
  { field: 'initContainers', step: 'addInitContainers', templateField: 'initContainers', move: (d, v) => append(d.spec, 'initContainers', v) },
  {
    field: 'sidecars',
    step: 'addSidecarContainers',
    templateField: 'containers (after the Spark container)',
    move: (d, v) => { d.container(); append(d.spec, 'containers', v, (a, b) => a.name === b.name); },
  },
  { field: 'dnsConfig', step: 'addDNSConfig', templateField: 'dnsConfig', move: (d, v) => { d.spec.dnsConfig = v; } },
  { field: 'priorityClassName', step: 'addPriorityClassName', templateField: 'priorityClassName', move: (d, v) => { d.spec.priorityClassName = v; } },
  { field: 'schedulerName', step: 'addSchedulerName', templateField: 'schedulerName', move: (d, v) => { d.spec.schedulerName = v; } },
  {
    field: 'nodeSelector',
    step: 'addNodeSelectors',
    templateField: 'nodeSelector',
    move: (d, v) => { d.spec.nodeSelector = { ...d.spec.nodeSelector, ...v }; },
  },
  { field: 'affinity', step: 'addAffinity', templateField: 'affinity', move: (d, v) => { d.spec.affinity = v; } },
  { field: 'tolerations', step: 'addTolerations', templateField: 'tolerations', move: (d, v) => append(d.spec, 'tolerations', v) },
  {
    field: 'memoryLimit',
    step: 'addMemoryLimit',
    refusal: 'Spark sets the container\'s memory limit to memory + overhead itself, over any template; raise memoryOverhead instead',
  },
  {
    field: 'gpu',
    step: 'addGPU',
    templateField: 'containers[spark].resources.limits',
    move: (d, v) => {
      const c = d.container();
      c.resources = { ...c.resources, limits: { ...c.resources?.limits, [v.name]: formatInteger('gpu.quantity', v.quantity) } };
    },
  },
  {
    field: 'monitoring.prometheus',
    step: 'addPrometheusConfig',
    application: true,
    refusal: 'the webhook mounts the JMX exporter configuration and adds the metrics port; without it no metrics are exposed. '
      + 'Mount the exporter yourself (volumes, volumeMounts, ports) and set javaOptions',
  },
  {
    field: 'sparkConfigMap',
    step: 'addSparkConfigMap',
    application: true,
    refusal: 'the webhook mounts it at /etc/spark/conf; put the settings in sparkConf instead',
  },
  {
    field: 'hadoopConfigMap',
    step: 'addHadoopConfigMap',
    application: true,
    refusal: 'the webhook mounts it at /etc/hadoop/conf; Spark mounts one itself with sparkConf spark.kubernetes.hadoop.configMapName',
  },
  {
    field: 'securityContext',
    step: 'addContainerSecurityContext',
    templateField: 'containers[spark].securityContext',
    move: (d, v) => { d.container().securityContext = v; },
  },
  { field: 'podSecurityContext', step: 'addPodSecurityContext', templateField: 'securityContext', move: (d, v) => { d.spec.securityContext = v; } },
  {
    field: 'terminationGracePeriodSeconds',
    step: 'addTerminationGracePeriodSeconds',
    templateField: 'terminationGracePeriodSeconds',
    move: (d, v) => { d.spec.terminationGracePeriodSeconds = v; },
  },
  {
    field: 'lifecycle',
    step: 'addPodLifeCycleConfig',
    templateField: 'containers[spark].lifecycle',
    move: (d, v) => { d.container().lifecycle = v; },
  },
  {
    field: 'shareProcessNamespace',
    step: 'addShareProcessNamespace',
    templateField: 'shareProcessNamespace',
    move: (d, v) => { d.spec.shareProcessNamespace = v; },
  },
];

/** A webhook-only field a rendered application spec carries. */
export interface WebhookFieldUse {
  /** `driver.env`, or `monitoring.prometheus` for an application field. */
  readonly path: string;
  /** The table entry. */
  readonly field: WebhookField;
}

const ROLES = ['driver', 'executor'] as const;

function valueAt(json: any, path: string): any {
  return path.split('.').reduce((v, key) => (v === undefined || v === null ? undefined : v[key]), json);
}

function present(value: any): boolean {
  if (value === undefined || value === null) { return false; }
  if (Array.isArray(value)) { return value.length > 0; }
  if (typeof value === 'object') { return Object.keys(value).length > 0; }
  return true;
}

/** The webhook-only fields of a rendered SparkApplication spec, application fields first. */
export function webhookFieldUses(spec: any): WebhookFieldUse[] {
  const uses: WebhookFieldUse[] = [];
  for (const field of WEBHOOK_FIELDS.filter(f => f.application)) {
    if (present(valueAt(spec, field.field))) { uses.push({ path: field.field, field }); }
  }
  for (const role of ROLES) {
    for (const field of WEBHOOK_FIELDS.filter(f => !f.application)) {
      if (present(webhookValue(spec?.[role], field))) { uses.push({ path: `${role}.${field.field}`, field }); }
    }
  }
  return uses;
}

/**
 * What of a role's field only the webhook applies: the field's value, but for `volumeMounts`
 * without the `spark-local-dir-*` mounts, which the operator hands to Spark as configuration.
 */
function webhookValue(roleSpec: any, field: WebhookField): any {
  const value = roleSpec?.[field.field];
  return field.field === 'volumeMounts' && Array.isArray(value) ? mountedVolumes(value) : value;
}

/**
 * The spec with every movable webhook-only role field written into that role's `template`
 * instead of its spec field, merged as the webhook would merge it over the template (lists
 * appended, maps merged, the rest replaced). Fields that cannot move are left where they are.
 *
 * @param containerNames the Spark container of each role, as the operator names it to Spark
 */
export function moveIntoTemplates(spec: any, containerNames: { driver: string; executor: string }): any {
  const out = { ...spec };
  for (const role of ROLES) {
    const roleSpec = spec[role];
    if (!roleSpec) { continue; }
    const movable = WEBHOOK_FIELDS.filter(f => f.move && !f.application && present(webhookValue(roleSpec, f)));
    if (movable.length === 0) { continue; }
    const template = structuredClone(roleSpec.template ?? {});
    const podSpec = template.spec ?? {};
    podSpec.containers = podSpec.containers ?? [];
    const draft: TemplateDraft = {
      spec: podSpec,
      metadata: template.metadata,
      container: () => {
        let c = podSpec.containers.find((x: any) => x.name === containerNames[role]);
        if (!c) {
          c = { name: containerNames[role] };
          podSpec.containers.unshift(c);
        }
        return c;
      },
    };
    const rest = { ...roleSpec };
    for (const field of movable) {
      field.move!(draft, roleSpec[field.field], spec);
      delete rest[field.field];
      if (field.field === 'volumeMounts') {
        const local = (roleSpec.volumeMounts as any[]).filter(m => String(m.name).startsWith(SPARK_LOCAL_DIR_PREFIX));
        if (local.length > 0) { rest.volumeMounts = local; }
      }
    }
    out[role] = { ...rest, template: { ...template, spec: podSpec } };
  }
  return out;
}
