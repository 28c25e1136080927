/**
 * The API server's (and the Spark operator's) rules for a rendered manifest, applied to plain
 * JSON: what `kubectl apply` would refuse, or silently change, in an object the library writes.
 *
 * One walk over the object checks, by where a value sits:
 * - `metadata`: the name per kind (a DNS-1035 label for Services and the operator's kinds, a
 *   DNS-1123 label for Namespaces, a DNS-1123 subdomain otherwise), the namespace (a DNS-1123
 *   label; none on a cluster-scoped kind), label keys and values, annotation keys and their
 *   256 KiB total;
 * - every label map (`labels`, `serviceLabels`, `nodeSelector`, `matchLabels`) and annotation
 *   map (`annotations`, `serviceAnnotations`, `ingressAnnotations`) anywhere in the spec;
 * - container, volume, volume mount, env var and port names; ports in range; references by
 *   name (service accounts, priority classes, schedulers, image pull secrets, ConfigMaps and
 *   Secrets); the driver's pod name; images that are not empty and hold no whitespace;
 * - tolerations as the API server validates a pod's (`tolerationProblems`);
 * - every number: finite, written without an exponent (`1e+21`), an integer in int32 or int64
 *   range where the CRDs say `format: int32` / `int64` (`INT32_FIELDS`, `INT64_FIELDS`; a test
 *   checks both lists against the CRDs);
 * - string maps and lists (`sparkConf`, `arguments`, `deps.jars`...) that hold only strings, and
 *   no `null` anywhere (the library never writes one);
 * - enum fields against their values (`ENUMS`).
 *
 * The rules themselves live in `k8s-names.ts` (one function per apimachinery function); this
 * module decides which rule applies where. Problems are structured (`{ field, allowed, got }`),
 * `field` being the YAML path (`spec.driver.labels["a b"]`).
 */
import {
  INT32_MAX, INT32_MIN, byteLength, isAnnotationKey, isAnnotationsSize, isDns1035Label, isDns1123Label, isDns1123Subdomain,
  isEnvVarName, isInt32, isLabelKey, isLabelValue, isPortName, isRenderableNumber,
} from '../../private/k8s-names';

/** One refused value: the YAML path, what is allowed, the value. */
export interface ManifestProblem {
  readonly field: string;
  readonly allowed: string;
  readonly got: unknown;
}

/** Fields whose CRD schema says `format: int32` (the operator's CRDs and the project's own). */
export const INT32_FIELDS: ReadonlySet<string> = new Set([
  'weight', 'cores', 'failureThreshold', 'port', 'initialDelaySeconds', 'periodSeconds', 'successThreshold', 'timeoutSeconds',
  'containerPort', 'hostPort', 'servicePort', 'initialExecutors', 'maxExecutors', 'minExecutors', 'instances', 'failureRetries',
  'onFailureRetries', 'onSubmissionFailureRetries', 'partition', 'defaultMode', 'mode', 'lun', 'webUIPort', 'executionAttempts',
  'submissionAttempts', 'failedRunHistoryLimit', 'successfulRunHistoryLimit', 'imageCacheSize', 'retentionDays', 'max',
]);

/** Fields whose CRD schema says `format: int64`. */
export const INT64_FIELDS: ReadonlySet<string> = new Set([
  'quantity', 'seconds', 'terminationGracePeriodSeconds', 'runAsGroup', 'runAsUser', 'fsGroup', 'supplementalGroups',
  'tolerationSeconds', 'shuffleTrackingTimeout', 'onFailureRetryInterval', 'onSubmissionFailureRetryInterval', 'retryInterval',
  'timeToLiveSeconds', 'expirationSeconds',
]);

/**
 * The largest integer a JSON number written by JavaScript holds exactly; an int64 field above it
 * would be written rounded (2^63 becomes 9223372036854776000, past int64).
 */
const MAX_EXACT_INTEGER = Number.MAX_SAFE_INTEGER;

/** Enum fields, by key, wherever they sit (Kubernetes core types and the operator's kinds). */
const ENUMS_BY_KEY: { readonly [key: string]: readonly string[] } = {
  imagePullPolicy: ['Always', 'IfNotPresent', 'Never'],
  protocol: ['TCP', 'UDP', 'SCTP'],
  serviceType: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'],
  concurrencyPolicy: ['Allow', 'Forbid', 'Replace'],
};

/**
 * Enum fields by path inside a SparkApplication spec (a ScheduledSparkApplication's
 * `spec.template`) and a ResourcePolicy spec, as the CRDs list them.
 */
export const ENUMS: { readonly [kindAndPath: string]: readonly string[] } = {
  'SparkApplication spec.type': ['Java', 'Python', 'Scala', 'R'],
  'SparkApplication spec.mode': ['cluster', 'client'],
  'SparkApplication spec.pythonVersion': ['2', '3'],
  'SparkApplication spec.restartPolicy.type': ['Never', 'Always', 'OnFailure'],
  'ResourcePolicy spec.strategy': ['prefer'],
  'ResourcePolicy spec.units[].resource': ['ecs', 'eci', 'elastic', 'acs'],
  'ResourcePolicy spec.preemptPolicy': ['AfterAllUnits', 'BeforeNextUnit'],
  'ResourcePolicy spec.whenTryNextUnits.policy': ['LackResourceOrExceedMax', 'ExceedMax', 'TimeoutOrExceedMax', 'LackResourceAndNoTerminating'],
};

const LABEL_MAPS = new Set(['labels', 'serviceLabels', 'nodeSelector', 'matchLabels']);
const ANNOTATION_MAPS = new Set(['annotations', 'serviceAnnotations', 'ingressAnnotations']);
const STRING_MAPS = new Set(['sparkConf', 'hadoopConf', 'metricsProperties']);
const STRING_LISTS = new Set(['arguments', 'jars', 'files', 'pyFiles', 'packages', 'excludePackages', 'repositories', 'archives', 'images']);
const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'sidecars', 'ephemeralContainers']);
/** Fields that name another object whose name is a DNS-1123 subdomain. */
const SUBDOMAIN_REFERENCES = new Set([
  'serviceAccount', 'serviceAccountName', 'priorityClassName', 'schedulerName', 'sparkConfigMap', 'hadoopConfigMap',
]);
/**
 * Fields that name a pod the operator or Spark creates: `driver.podName` becomes the driver pod's
 * name (`spark.kubernetes.driver.pod.name`), and a pod's name is a DNS-1123 subdomain
 * (apimachinery `ValidatePodName` is `NameIsDNSSubdomain`), else the API server refuses the pod.
 */
const POD_NAME_FIELDS = new Set(['podName']);
/** Port fields, by key: the lowest port allowed (0 means "not set" for a host port). */
const PORT_FIELDS: { readonly [key: string]: number } = { containerPort: 1, hostPort: 0, servicePort: 1, port: 1 };

/** Kinds whose names are DNS-1035 labels: Service (the API server), the operator's kinds (its webhooks' validateName). */
const DNS1035_NAMED_KINDS = new Set(['Service', 'SparkApplication', 'ScheduledSparkApplication', 'SparkConnect']);

/** Kinds without a namespace, of those the library writes or reads. */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'ImageCache', 'Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PriorityClass', 'StorageClass',
  'PersistentVolume', 'Node', 'CustomResourceDefinition',
]);

/** Whether objects of this kind live in a namespace. */
export function isNamespacedKind(kind: string): boolean {
  return !CLUSTER_SCOPED_KINDS.has(kind);
}

/**
 * The kinds the library writes, whose whole object `manifestProblems()` checks. Their field rules
 * (int32 by key, enums by path, names by list) come from these kinds' schemas; another kind's
 * fields may mean something else, so other objects get the rules every kind shares
 * (`universalProblems()`).
 */
export const FULLY_CHECKED_KINDS: ReadonlySet<string> = new Set([
  'sparkoperator.k8s.io/SparkApplication', 'sparkoperator.k8s.io/ScheduledSparkApplication', 'sparkoperator.k8s.io/SparkConnect',
  'scheduling.alibabacloud.com/ResourcePolicy', 'scheduling.sigs.k8s.io/ElasticQuotaTree', 'eci.alibabacloud.com/ImageCache',
  '/ServiceAccount', 'rbac.authorization.k8s.io/Role', 'rbac.authorization.k8s.io/RoleBinding',
]);

/**
 * What the API server would refuse in any object: the whole object for the kinds the library
 * writes, and for every other kind the metadata rules apimachinery applies to all objects
 * (`ValidateObjectMeta`: label keys and values, annotation keys and their total size).
 */
export function objectApiProblems(manifest: unknown): ManifestProblem[] {
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    return [{ field: '', allowed: 'must be an object', got: manifest }];
  }
  const m = manifest as { [key: string]: any };
  const apiVersion = typeof m.apiVersion === 'string' ? m.apiVersion : '';
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
  if (FULLY_CHECKED_KINDS.has(`${group}/${m.kind}`)) { return manifestProblems(m); }
  return metadataProblems(m.metadata, undefined, 'metadata');
}

/** Every problem the API server (or the operator's webhook) would have with `manifest`, in document order. */
export function manifestProblems(manifest: any): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    return [{ field: '', allowed: 'must be an object', got: manifest }];
  }
  const kind = String(manifest.kind);
  problems.push(...metadataProblems(manifest.metadata, kind, 'metadata'));
  const specKind = kind === 'ScheduledSparkApplication' ? 'SparkApplication' : kind;
  // A ScheduledSparkApplication's template is a SparkApplication spec: enums by that path.
  const specRoot = kind === 'ScheduledSparkApplication' ? 'spec.template' : 'spec';
  const walker = new Walker(problems, specKind, specRoot);
  for (const key of Object.keys(manifest)) {
    if (key === 'metadata' || key === 'apiVersion' || key === 'kind') { continue; }
    walker.visit(manifest[key], key, new Location(undefined, key));
  }
  return problems;
}

/**
 * Where a value sits in a manifest, turned into its YAML path only for a problem's message (issue
 * #29: no string is built for a value that has no problem).
 */
class Location {
  /** The location of a field given as its YAML path (`metadata`). */
  public static of(field: string): Location {
    return new Location(undefined, field);
  }

  /**
   * @param parent where the object or list holding the value sits; none for a top-level field
   * @param key its key in that object, or its index in that list
   */
  public constructor(private readonly parent: Location | undefined, private readonly key: string | number) {}

  /** The YAML path, e.g. `spec.driver.tolerations[0].key`. */
  public get field(): string {
    if (typeof this.key === 'number') { return `${this.parent!.field}[${this.key}]`; }
    return this.parent === undefined ? this.key : `${this.parent.field}.${this.key}`;
  }

  /** The path with `[]` for list items, as the enum table names fields (`spec.units[].resource`). */
  public get path(): string {
    if (typeof this.key === 'number') { return `${this.parent!.path}[]`; }
    return this.parent === undefined ? this.key : `${this.parent.path}.${this.key}`;
  }

  /** The location of a field of the object here. */
  public child(key: string | number): Location {
    return new Location(this, key);
  }
}

/** The problems of an ObjectMeta (`metadata` or a pod template's `metadata`). */
export function metadataProblems(metadata: any, kind: string | undefined, field: string): ManifestProblem[] {
  return metadataProblemsAt(metadata, kind, Location.of(field));
}

function metadataProblemsAt(metadata: any, kind: string | undefined, at: Location): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  if (metadata === undefined) { return kind ? [{ field: at.field, allowed: 'is required', got: metadata }] : []; }
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    return [{ field: at.field, allowed: 'must be an object', got: metadata }];
  }
  if (kind !== undefined) {
    const name = metadata.name;
    const problem = typeof name !== 'string' || name === '' ? 'must be a non-empty string'
      : DNS1035_NAMED_KINDS.has(kind) ? isDns1035Label(name)
        : kind === 'Namespace' ? isDns1123Label(name) : isDns1123Subdomain(name);
    if (problem) { problems.push({ field: `${at.field}.name`, allowed: `${problem} (the name of a ${kind})`, got: name }); }
    if (metadata.namespace !== undefined) {
      const ns = metadata.namespace;
      const nsProblem = !isNamespacedKind(kind) ? `must be left out: ${kind} is cluster-scoped` : isDns1123Label(ns);
      if (nsProblem) { problems.push({ field: `${at.field}.namespace`, allowed: nsProblem, got: ns }); }
    }
  }
  labelMapProblems(metadata.labels, at.child('labels'), problems);
  annotationMapProblems(metadata.annotations, at.child('annotations'), problems);
  return problems;
}

function labelMapProblems(map: unknown, at: Location, problems: ManifestProblem[]): void {
  if (map === undefined) { return; }
  if (!isPlainMap(map)) { problems.push({ field: at.field, allowed: 'must be a map of strings', got: map }); return; }
  for (const [key, value] of Object.entries(map)) {
    const keyProblem = isLabelKey(key);
    if (keyProblem) { problems.push({ field: `${at.field} key`, allowed: keyProblem, got: key }); }
    const valueProblem = typeof value !== 'string' ? 'must be a string' : isLabelValue(value);
    if (valueProblem) { problems.push({ field: `${at.field}[${JSON.stringify(key)}]`, allowed: valueProblem, got: value }); }
  }
}

function annotationMapProblems(map: unknown, at: Location, problems: ManifestProblem[]): void {
  if (map === undefined) { return; }
  if (!isPlainMap(map)) { problems.push({ field: at.field, allowed: 'must be a map of strings', got: map }); return; }
  let allStrings = true;
  for (const [key, value] of Object.entries(map)) {
    const keyProblem = isAnnotationKey(key);
    if (keyProblem) { problems.push({ field: `${at.field} key`, allowed: keyProblem, got: key }); }
    if (typeof value !== 'string') {
      allStrings = false;
      problems.push({ field: `${at.field}[${JSON.stringify(key)}]`, allowed: 'must be a string', got: value });
    }
  }
  if (allStrings) {
    const size = isAnnotationsSize(map as { [key: string]: string });
    if (size) { problems.push({ field: at.field, allowed: size, got: `${Object.keys(map).length} annotations` }); }
  }
}

function isPlainMap(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The operators and effects a toleration may have (core/v1 `TolerationOperator`, `TaintEffect`). */
const TOLERATION_OPERATORS = ['Exists', 'Equal'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/**
 * What the API server refuses in a toleration of a pod, as kubernetes/kubernetes
 * `pkg/apis/core/validation/validation.go` `ValidateTolerations` checks it: the key a
 * label name; an empty key only with `Exists`; `tolerationSeconds` only with effect `NoExecute`;
 * with `Exists` no value ("value must be empty when `operator` is 'Exists'"), with `Equal` (or
 * none) a label value; the operator and effect from their enums. A SparkApplication's tolerations
 * reach the pod (through the webhook or a template), where the pod is refused.
 *
 * @param field the toleration's YAML path, e.g. `spec.driver.tolerations[0]`
 */
export function tolerationProblems(toleration: { [key: string]: unknown }, field: string): ManifestProblem[] {
  return tolerationProblemsAt(toleration, Location.of(field));
}

function tolerationProblemsAt(toleration: { [key: string]: unknown }, at: Location): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const { key, operator, value, effect, tolerationSeconds } = toleration;
  if (typeof key === 'string' && key !== '') {
    const problem = isLabelKey(key);
    if (problem) { problems.push({ field: `${at.field}.key`, allowed: problem, got: key }); }
  }
  if ((key === undefined || key === '') && operator !== 'Exists') {
    problems.push({ field: `${at.field}.operator`, allowed: 'must be Exists when key is empty, which means "match all values and all keys"', got: operator ?? '' });
  }
  if (tolerationSeconds !== undefined && effect !== 'NoExecute') {
    problems.push({ field: `${at.field}.effect`, allowed: 'must be NoExecute when tolerationSeconds is set', got: effect ?? '' });
  }
  if (operator === 'Exists') {
    if (value !== undefined && value !== '') {
      problems.push({ field: `${at.field}.value`, allowed: 'must be empty when operator is Exists (the API server refuses the pod)', got: value });
    }
  } else if (operator === undefined || operator === '' || operator === 'Equal') {
    const problem = value === undefined ? undefined : typeof value !== 'string' ? 'must be a string' : isLabelValue(value);
    if (problem) { problems.push({ field: `${at.field}.value`, allowed: problem, got: value }); }
  } else {
    problems.push({ field: `${at.field}.operator`, allowed: `must be one of ${TOLERATION_OPERATORS.join(', ')}`, got: operator });
  }
  if (effect !== undefined && effect !== '' && !TAINT_EFFECTS.includes(effect as string)) {
    problems.push({ field: `${at.field}.effect`, allowed: `must be one of ${TAINT_EFFECTS.join(', ')}, or empty for all`, got: effect });
  }
  return problems;
}

/** Why `image` is not an image reference the kubelet can pull, or undefined. */
export function imageProblem(image: unknown): string | undefined {
  if (typeof image !== 'string') { return 'must be a string'; }
  if (image.trim() === '') { return 'must not be empty'; }
  if (/[\s\u0000-\u001f\u007f]/.test(image)) { return 'must not contain whitespace or control characters'; }
  return undefined;
}

const NO_EXPONENT = 'must be an integer without an exponent';

/**
 * The key of each enum field of `ENUMS` (the last segment of its path, a list item's being its
 * list's key): only a string under such a key needs its path built.
 */
const ENUM_LEAF_KEYS: ReadonlySet<string> = new Set(Object.keys(ENUMS).map(kindAndPath => {
  const path = kindAndPath.slice(kindAndPath.indexOf(' ') + 1).replace(/(\[\])+$/, '');
  return path.slice(path.lastIndexOf('.') + 1);
}));

class Walker {
  public constructor(
    private readonly problems: ManifestProblem[],
    private readonly kind: string,
    private readonly specRoot: string,
  ) {}

  /**
   * @param value the value
   * @param key its key in the parent object (for an array item, the array's key)
   * @param at where it sits, for messages and the enum table
   */
  public visit(value: unknown, key: string, at: Location): void {
    const p = this.problems;
    if (value === null) { p.push({ field: at.field, allowed: 'must not be null (leave the field out instead)', got: value }); return; }
    if (typeof value === 'number') { this.number(value, key, at); return; }
    if (typeof value === 'string') { this.string(value, key, at); return; }
    if (typeof value !== 'object') { return; }
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        const itemAt = at.child(i);
        if (STRING_LISTS.has(key) && typeof item !== 'string') {
          p.push({ field: itemAt.field, allowed: 'must be a string', got: item });
          return;
        }
        if (key === 'imagePullSecrets' && typeof item === 'string' && this.kind !== 'ImageCache') {
          const problem = isDns1123Subdomain(item);
          if (problem) { p.push({ field: itemAt.field, allowed: `${problem} (the name of a Secret)`, got: item }); }
          return;
        }
        if (key === 'images') {
          const problem = imageProblem(item);
          if (problem) { p.push({ field: itemAt.field, allowed: problem, got: item }); }
          return;
        }
        this.visit(item, key, itemAt);
        if (isPlainMap(item)) { this.listItem(item, key, itemAt); }
      });
      return;
    }
    const map = value as { [key: string]: unknown };
    if (key === 'metadata') {
      p.push(...metadataProblemsAt(map, undefined, at));
    } else if (LABEL_MAPS.has(key)) {
      labelMapProblems(map, at, p);
      return;
    } else if (ANNOTATION_MAPS.has(key)) {
      annotationMapProblems(map, at, p);
      return;
    } else if (STRING_MAPS.has(key)) {
      for (const [k, v] of Object.entries(map)) {
        if (typeof v !== 'string') { p.push({ field: `${at.field}[${JSON.stringify(k)}]`, allowed: 'must be a string', got: v }); }
      }
      return;
    }
    for (const [k, v] of Object.entries(map)) {
      if (key === 'metadata' && (k === 'labels' || k === 'annotations')) { continue; }
      if (v === undefined) { continue; }
      this.visit(v, k, at.child(k));
    }
  }

  /** Names of the items of named lists: containers, volumes, env vars, ports. */
  private listItem(item: { [key: string]: unknown }, listKey: string, at: Location): void {
    const name = item.name;
    const push = (allowed: string | undefined) => { if (allowed) { this.problems.push({ field: `${at.field}.name`, allowed, got: name }); } };
    if (CONTAINER_LISTS.has(listKey) || listKey === 'volumes' || listKey === 'volumeMounts') {
      push(isDns1123Label(name as string));
    } else if (listKey === 'env') {
      push(isEnvVarName(name as string));
    } else if (listKey === 'ports' && name !== undefined) {
      push(isPortName(name as string));
    } else if (listKey === 'tolerations') {
      this.problems.push(...tolerationProblemsAt(item, at));
    } else if ((listKey === 'configMaps' || listKey === 'secrets') && name !== undefined) {
      push(isDns1123Subdomain(name as string));
    }
  }

  private number(value: number, key: string, at: Location): void {
    const renderable = isRenderableNumber(value);
    if (renderable) { this.problems.push({ field: at.field, allowed: renderable, got: value }); return; }
    const port = PORT_FIELDS[key];
    if (port !== undefined) {
      const problem = isInt32(value, port, 65535);
      if (problem) { this.problems.push({ field: at.field, allowed: `${problem} (a port)`, got: value }); }
      return;
    }
    if (INT32_FIELDS.has(key)) {
      const problem = isInt32(value, INT32_MIN, INT32_MAX);
      if (problem) { this.problems.push({ field: at.field, allowed: `${problem} (int32)`, got: value }); }
    } else if (INT64_FIELDS.has(key) || Number.isInteger(value)) {
      if (!Number.isSafeInteger(value)) {
        this.problems.push({ field: at.field, allowed: `${NO_EXPONENT} from ${-MAX_EXACT_INTEGER} to ${MAX_EXACT_INTEGER} (int64 as JSON writes it exactly)`, got: value });
      }
    }
  }

  private string(value: string, key: string, at: Location): void {
    const enumValues = ENUMS_BY_KEY[key] ?? (ENUM_LEAF_KEYS.has(key) ? this.enumAt(at.path) : undefined);
    if (enumValues && !enumValues.includes(value)) {
      this.problems.push({ field: at.field, allowed: `must be one of ${enumValues.join(', ')}`, got: value });
      return;
    }
    if (POD_NAME_FIELDS.has(key)) {
      const problem = isDns1123Subdomain(value);
      if (problem) { this.problems.push({ field: at.field, allowed: `${problem} (the name of the driver pod: the API server refuses the pod otherwise)`, got: value }); }
    } else if (SUBDOMAIN_REFERENCES.has(key)) {
      const problem = isDns1123Subdomain(value);
      if (problem) { this.problems.push({ field: at.field, allowed: problem, got: value }); }
    } else if (key === 'image') {
      const problem = imageProblem(value);
      if (problem) { this.problems.push({ field: at.field, allowed: problem, got: value }); }
    } else if (byteLength(value) > 0 && key === 'secretName') {
      const problem = isDns1123Subdomain(value);
      if (problem) { this.problems.push({ field: at.field, allowed: `${problem} (the name of a Secret)`, got: value }); }
    }
  }

  private enumAt(path: string): readonly string[] | undefined {
    const relative = path.startsWith(`${this.specRoot}.`) ? `spec.${path.slice(this.specRoot.length + 1)}` : undefined;
    return relative === undefined ? undefined : ENUMS[`${this.kind} ${relative}`];
  }
}
