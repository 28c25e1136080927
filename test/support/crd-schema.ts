/**
 * Validates synthesized manifests against CRD schemas the way the Kubernetes API server would
 * treat them, except that fields the server would silently prune are reported as errors.
 *
 * CRD sources:
 *  - the Kubeflow Spark Operator CRDs, read from `$SPARK_OPERATOR_CRDS` (default
 *    `../shared/crds`, relative to the repository root); never copied into the repository;
 *  - the project's own CRDs: every `kind: CustomResourceDefinition` document in `imports/*.yaml`.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ErrorObject, Format, ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { isAnnotationKey, isAnnotationsSize, isDns1035Label, isDns1123Label, isDns1123Subdomain, isLabelKey, isLabelValue } from '../../src/private/k8s-names';

const REPO_ROOT = path.resolve(__dirname, '../..');
const OPERATOR_GROUP = 'sparkoperator.k8s.io';
const OPERATOR_CRD_FILES = [
  'sparkoperator.k8s.io_sparkapplications.yaml',
  'sparkoperator.k8s.io_scheduledsparkapplications.yaml',
  'sparkoperator.k8s.io_sparkconnects.yaml',
];
const SPARK_CONNECT_CRD_FILE = 'sparkoperator.k8s.io_sparkconnects.yaml';

/** Kubernetes' own API groups that contain a dot (groups without a dot are all built-in). */
const BUILTIN_GROUPS = new Set([
  'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'apiregistration.k8s.io',
  'authentication.k8s.io', 'authorization.k8s.io', 'certificates.k8s.io', 'coordination.k8s.io',
  'discovery.k8s.io', 'events.k8s.io', 'flowcontrol.apiserver.k8s.io', 'internal.apiserver.k8s.io',
  'metrics.k8s.io', 'networking.k8s.io', 'node.k8s.io', 'rbac.authorization.k8s.io',
  'resource.k8s.io', 'scheduling.k8s.io', 'storage.k8s.io', 'storagemigration.k8s.io',
]);

/** Formats we check; any other `format` is dropped so ajv neither fails nor warns on it. */
const FORMATS: { [name: string]: Format } = {
  'int32': { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 },
  'int64': { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 63) && n < 2 ** 63 },
  'date-time': {
    type: 'string',
    validate: (s: string) => /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(s),
  },
};

interface LoadedCrd {
  readonly file: string;
  readonly crd: any;
}

/** Parsed YAML files, shared by every validator in this module instance (the operator CRDs are 800 KB each). */
const parsedFiles = new Map<string, any[]>();

function parseYamlFile(file: string): any[] {
  let docs = parsedFiles.get(file);
  if (!docs) {
    docs = parseAllDocuments(fs.readFileSync(file, 'utf-8')).map((doc) => {
      if (doc.errors.length > 0) {
        throw new Error(`${file}: invalid YAML: ${doc.errors[0].message}`);
      }
      return doc.toJS();
    }).filter((d) => d != null);
    parsedFiles.set(file, docs);
  }
  return docs;
}

/** Options for `createCrdValidator`. */
export interface CrdValidatorOptions {
  /** Directory of the operator CRDs; relative paths resolve against the repository root.
   *  @default - `$SPARK_OPERATOR_CRDS`, else `../shared/crds` */
  readonly operatorCrdDirectory?: string;
  /** Directory of the project's own CRDs. @default - `<repo>/imports` */
  readonly importsDirectory?: string;
}

/** What `createCrdValidator` returns; the module-level exports are one such validator. */
export interface CrdValidator {
  readonly operatorCrdDirectory: string | undefined;
  validateManifest(manifest: any): string[];
  expectValidManifests(manifests: any[]): void;
  operatorCrdsAvailable(): boolean;
}

/** Builds a validator. Cheap: CRDs are read and schemas compiled on first use. */
export function createCrdValidator(options: CrdValidatorOptions = {}): CrdValidator {
  const configured = options.operatorCrdDirectory ?? process.env.SPARK_OPERATOR_CRDS ?? '../shared/crds';
  const resolved = path.resolve(REPO_ROOT, configured);
  const operatorDir = fs.existsSync(resolved) ? resolved : undefined;
  const importsDir = path.resolve(REPO_ROOT, options.importsDirectory ?? 'imports');

  let crds: Map<string, LoadedCrd> | undefined;
  let ajv: Ajv | undefined;
  const validators = new Map<string, ValidateFunction>();
  let warned = false;

  // `group/kind` -> CRD, loaded once.
  function knownCrds(): Map<string, LoadedCrd> {
    if (crds) return crds;
    // SparkConnect arrived in operator v2.3.0: an earlier release's folder has no CRD for it, and a
    // SparkConnect manifest validated against that release is then an unknown kind, as on its cluster.
    const files = operatorDir
      ? OPERATOR_CRD_FILES.map((f) => path.join(operatorDir, f))
        .filter((f) => f !== path.join(operatorDir, SPARK_CONNECT_CRD_FILE) || fs.existsSync(f))
      : [];
    if (fs.existsSync(importsDir)) {
      files.push(...fs.readdirSync(importsDir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(importsDir, f)));
    }
    const found = new Map<string, LoadedCrd>();
    for (const file of files) {
      for (const doc of parseYamlFile(file)) {
        if (doc?.kind !== 'CustomResourceDefinition') continue;
        const key = `${doc.spec.group}/${doc.spec.names.kind}`;
        const other = found.get(key);
        if (other) throw new Error(`${key} is defined twice: in ${other.file} and in ${file}`);
        found.set(key, { file, crd: doc });
      }
    }
    crds = found;
    return found;
  }

  function validatorFor(loaded: LoadedCrd, version: string): ValidateFunction | string {
    const spec = loaded.crd.spec;
    const key = `${spec.group}/${version}/${spec.names.kind}`;
    const cached = validators.get(key);
    if (cached) return cached;
    const v = (spec.versions ?? []).find((x: any) => x.name === version);
    if (!v) {
      const known = (spec.versions ?? []).map((x: any) => x.name).join(', ');
      return `/apiVersion: ${spec.group}/${version} is not a version of ${spec.names.kind} (known: ${known}; ${loaded.file})`;
    }
    if (v.served === false) return `/apiVersion: ${spec.group}/${version} is not served (${loaded.file})`;
    const root = pruningSchema(structuredClone(v.schema?.openAPIV3Schema ?? { type: 'object' }));
    // The server ignores the CRD's schema for the top-level metadata; checkMetadata() covers it.
    root.properties = { ...root.properties, metadata: { type: 'object' } };
    if (!ajv) {
      ajv = new Ajv({ strict: false, allErrors: true, verbose: true });
      for (const [name, format] of Object.entries(FORMATS)) ajv.addFormat(name, format);
    }
    const compiled = ajv.compile(root);
    validators.set(key, compiled);
    return compiled;
  }

  function warnOnce(): void {
    if (warned) return;
    warned = true;
    console.warn(`!!! SPARK OPERATOR CRDS NOT FOUND at ${resolved} (set SPARK_OPERATOR_CRDS): `
      + 'schema checks for SparkApplication/ScheduledSparkApplication are SKIPPED');
  }

  function validateOne(manifest: any): string[] {
    if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
      return [`/: a manifest must be an object (got ${JSON.stringify(manifest)})`];
    }
    const { apiVersion, kind } = manifest;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
      return [`/: apiVersion and kind must be strings (got ${JSON.stringify(apiVersion)}, ${JSON.stringify(kind)})`];
    }
    const slash = apiVersion.lastIndexOf('/');
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    const version = apiVersion.slice(slash + 1);

    const loaded = knownCrds().get(`${group}/${kind}`);
    if (!loaded) {
      // Built-in kinds: no schema here, but the API server still checks their metadata.
      if (!group.includes('.') || BUILTIN_GROUPS.has(group)) return checkMetadata(manifest.metadata, true, kind);
      if (group === OPERATOR_GROUP && !operatorDir) {
        warnOnce();
        return [];
      }
      throw new Error(`No known CRD covers ${kind} (${apiVersion}); `
        + `known: ${[...knownCrds().keys()].join(', ') || 'none'}`);
    }
    const validate = validatorFor(loaded, version);
    if (typeof validate === 'string') return [validate];
    const errors = checkMetadata(manifest.metadata, loaded.crd.spec.scope !== 'Cluster', kind);
    if (!validate(manifest)) errors.push(...formatErrors(validate.errors ?? []));
    return [...new Set(errors)];
  }

  function expectAllValid(manifests: any[]): void {
    const failures: string[] = [];
    for (const m of manifests) {
      const errors = validateOne(m);
      if (errors.length > 0) {
        failures.push(`${m?.kind}/${m?.metadata?.name}:\n${errors.map((e) => `  ${e}`).join('\n')}`);
      }
    }
    if (failures.length > 0) {
      throw new Error(`${failures.length} of ${manifests.length} manifests fail their CRD schema:\n${failures.join('\n')}`);
    }
  }

  return {
    operatorCrdDirectory: operatorDir,
    validateManifest: validateOne,
    expectValidManifests: expectAllValid,
    operatorCrdsAvailable: () => operatorDir !== undefined,
  };
}

/**
 * Rewrites a (deep-copied) Kubernetes structural schema in place so that pruning becomes an
 * error: object schemas get `additionalProperties: false` unless they declare
 * `additionalProperties` or `x-kubernetes-preserve-unknown-fields: true`. `anyOf`/`allOf`/...
 * are value validations in structural schemas (they declare no fields), so they are left alone.
 */
function pruningSchema(s: any): any {
  if (typeof s !== 'object' || s === null) return s;
  if (s['x-kubernetes-int-or-string'] === true && !s.anyOf && !s.oneOf) {
    delete s.type;
    s.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (s.nullable === true && typeof s.type === 'string') {
    s.type = [s.type, 'null'];
  }
  delete s.nullable;
  if (s.format !== undefined && !(s.format in FORMATS)) delete s.format;

  for (const child of Object.values(s.properties ?? {})) pruningSchema(child);
  if (typeof s.additionalProperties === 'object') pruningSchema(s.additionalProperties);
  if (typeof s.items === 'object') pruningSchema(s.items);

  // A bare `type: object` is pruned to `{}` by the server, so it is closed too.
  if ((s.properties || s.type === 'object') && s.additionalProperties === undefined
    && s['x-kubernetes-preserve-unknown-fields'] !== true) {
    s.additionalProperties = false;
  }
  return s;
}

/**
 * Kinds whose names are DNS-1035 labels: Service (the API server), and the operator's kinds
 * (its webhook; the API server alone would take a subdomain). Namespace names are DNS-1123
 * labels; every other kind's a DNS-1123 subdomain.
 */
const DNS1035_NAMED_KINDS = new Set(['Service', 'SparkApplication', 'ScheduledSparkApplication']);

/**
 * The API server's own checks of `metadata` (apimachinery `ValidateObjectMeta`): the name a
 * DNS-1123 subdomain (a DNS-1035 label for the operator's kinds), the namespace a DNS-1123
 * label, label keys and values, annotation keys and their 256 KiB total.
 */
function checkMetadata(metadata: any, namespaced: boolean, kind: string): string[] {
  if (typeof metadata !== 'object' || metadata === null) return ['/metadata: required object is missing'];
  const errors: string[] = [];
  const got = (v: unknown) => ` (got ${JSON.stringify(v)})`;
  if (typeof metadata.name !== 'string' || metadata.name === '') {
    errors.push(`/metadata/name: must be a non-empty string${got(metadata.name)}`);
  } else {
    const problem = DNS1035_NAMED_KINDS.has(kind) ? isDns1035Label(metadata.name)
      : kind === 'Namespace' ? isDns1123Label(metadata.name) : isDns1123Subdomain(metadata.name);
    if (problem) errors.push(`/metadata/name: ${problem}${got(metadata.name)}`);
  }
  if (metadata.namespace !== undefined) {
    const problem = !namespaced ? 'the kind is cluster-scoped; remove the namespace'
      : typeof metadata.namespace !== 'string' ? `must be a string${got(metadata.namespace)}`
        : isDns1123Label(metadata.namespace) && `${isDns1123Label(metadata.namespace)}${got(metadata.namespace)}`;
    if (problem) errors.push(`/metadata/namespace: ${problem}`);
  }
  const mapOf = (field: string): { [key: string]: unknown } => {
    const map = metadata[field];
    if (map === undefined || map === null) return {};
    if (typeof map !== 'object' || Array.isArray(map)) {
      errors.push(`/metadata/${field}: must be a map of strings${got(map)}`);
      return {};
    }
    return map;
  };
  const labels = mapOf('labels');
  for (const [k, v] of Object.entries(labels)) {
    const keyProblem = isLabelKey(k);
    if (keyProblem) errors.push(`/metadata/labels: key ${keyProblem}${got(k)}`);
    // A common mistake: `eci-image-cache: true` (boolean) where the server wants "true".
    const valueProblem = typeof v !== 'string' ? 'must be a string' : isLabelValue(v);
    if (valueProblem) errors.push(`/metadata/labels/${k}: ${valueProblem}${got(v)}`);
  }
  const annotations = mapOf('annotations');
  for (const [k, v] of Object.entries(annotations)) {
    const keyProblem = isAnnotationKey(k);
    if (keyProblem) errors.push(`/metadata/annotations: key ${keyProblem}${got(k)}`);
    if (typeof v !== 'string') errors.push(`/metadata/annotations/${k}: must be a string${got(v)}`);
  }
  const sizeProblem = isAnnotationsSize(annotations as { [key: string]: string });
  if (sizeProblem) errors.push(`/metadata/annotations: ${sizeProblem}`);
  return errors;
}

function formatErrors(errors: ErrorObject[]): string[] {
  // An int-or-string (`anyOf`) failure also reports each branch's failure; keep only the summary.
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  // 1.5 for an int32 fails both `type` and `format`; the type error says enough.
  const typePaths = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  return errors
    .filter((e) => !(anyOfPaths.has(e.instancePath) && e.schemaPath.includes('/anyOf/')))
    .filter((e) => !(e.keyword === 'format' && typePaths.has(e.instancePath)))
    .map((e) => {
      const got = `(got ${JSON.stringify(e.data)})`;
      switch (e.keyword) {
        case 'additionalProperties':
          return `${e.instancePath}/${e.params.additionalProperty}: unknown field (the API server would prune it)`;
        case 'enum':
          return `${e.instancePath || '/'}: must be one of ${e.params.allowedValues.map((x: any) => JSON.stringify(x)).join(', ')} ${got}`;
        case 'anyOf':
          if (e.parentSchema?.['x-kubernetes-int-or-string']) return `${e.instancePath}: must be an integer or a string ${got}`;
          return `${e.instancePath || '/'}: ${e.message} ${got}`;
        case 'required':
          return `${e.instancePath || '/'}: ${e.message}`;
        default:
          return `${e.instancePath || '/'}: ${e.message} ${got}`;
      }
    });
}

const defaultValidator = createCrdValidator();

/** Absolute path of the operator CRD directory, or undefined when it is absent. */
export const operatorCrdDirectory: string | undefined = defaultValidator.operatorCrdDirectory;

/**
 * Error strings (path + message, e.g. `/spec/driver/foo: unknown field (the API server would
 * prune it)`) for one manifest; [] when valid. Throws for a custom resource kind no known CRD
 * covers. Returns [] for built-in kinds (v1, apps/v1, rbac..., batch/v1, ...).
 */
export function validateManifest(manifest: any): string[] {
  return defaultValidator.validateManifest(manifest);
}

/**
 * jest helper: expects every manifest in the list to be valid; the failure message lists
 * kind/name and every error. When the operator CRD directory is absent, skips the operator
 * kinds and prints one loud console.warn.
 */
export function expectValidManifests(manifests: any[]): void {
  defaultValidator.expectValidManifests(manifests);
}

/** True when validation of operator kinds is possible (CRD directory present). */
export function operatorCrdsAvailable(): boolean {
  return defaultValidator.operatorCrdsAvailable();
}
