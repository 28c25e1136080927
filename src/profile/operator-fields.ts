// The one table of which Spark Operator release added which field to the SparkApplication and
// ScheduledSparkApplication CRDs (chart `crds/`), from v2.0 on. test/operator-fields.test.ts
// derives the same table from the real CRDs of each release and fails when they disagree.
import { compareVersions } from '../private/names';

/** A CRD field the operator's CRD gained in a release after v2.0. */
export interface OperatorField {
  /**
   * The field's path in the SparkApplication spec (or the ScheduledSparkApplication spec for
   * `SCHEDULED_FIELDS`): keys joined by `.`, `[]` for every item of a list.
   */
  readonly field: string;
  /** The first operator minor release whose CRD has it, `2.1`. */
  readonly since: string;
  /** The library prop that writes it, when its name differs from the field. */
  readonly prop?: string;
}

/** Fields of both roles: `driver.<path>` and `executor.<path>`. */
const ROLE_FIELDS_2_1 = [
  'initContainers[].resources.claims[].request',
  'initContainers[].securityContext.appArmorProfile',
  'initContainers[].volumeMounts[].recursiveReadOnly',
  'podSecurityContext.appArmorProfile',
  'podSecurityContext.seLinuxChangePolicy',
  'podSecurityContext.supplementalGroupsPolicy',
  'securityContext.appArmorProfile',
  'sidecars[].resources.claims[].request',
  'sidecars[].securityContext.appArmorProfile',
  'sidecars[].volumeMounts[].recursiveReadOnly',
  'template',
  'volumeMounts[].recursiveReadOnly',
];

function bothRoles(paths: readonly string[], since: string): OperatorField[] {
  return ['driver', 'executor'].flatMap(role => paths.map(path => ({ field: `${role}.${path}`, since })));
}

/**
 * SparkApplication spec fields by the operator release that added them (v2.1: pod templates,
 * `deps.archives`, the Kubernetes 1.30-1.32 pod fields; v2.2: `memoryLimit` and
 * `shuffleTrackingEnabled`; v2.4: `suspend`). v2.3 and v2.5 added none.
 */
export const APPLICATION_FIELDS: readonly OperatorField[] = [
  { field: 'deps.archives', since: '2.1' },
  ...bothRoles(ROLE_FIELDS_2_1, '2.1'),
  { field: 'volumes[].ephemeral.volumeClaimTemplate.metadata.annotations', since: '2.1' },
  { field: 'volumes[].ephemeral.volumeClaimTemplate.metadata.finalizers', since: '2.1' },
  { field: 'volumes[].ephemeral.volumeClaimTemplate.metadata.labels', since: '2.1' },
  { field: 'volumes[].ephemeral.volumeClaimTemplate.metadata.name', since: '2.1' },
  { field: 'volumes[].ephemeral.volumeClaimTemplate.metadata.namespace', since: '2.1' },
  { field: 'volumes[].image', since: '2.1' },
  ...bothRoles(['memoryLimit'], '2.2'),
  { field: 'dynamicAllocation.shuffleTrackingEnabled', since: '2.2', prop: 'dynamicAllocation.shuffleTracking' },
  { field: 'suspend', since: '2.4' },
];

/** ScheduledSparkApplication spec fields (besides its `template`, an application spec) by release. */
export const SCHEDULED_FIELDS: readonly OperatorField[] = [
  { field: 'timeZone', since: '2.2' },
];

/** A field a manifest carries that the profile's operator release does not know. */
export interface FieldTooNew {
  /** Where it is, with list indexes: `driver.sidecars[0].securityContext.appArmorProfile`. */
  readonly path: string;
  /** The table entry. */
  readonly field: OperatorField;
}

/**
 * The fields of `spec` (a rendered SparkApplication or ScheduledSparkApplication spec) newer than
 * `operatorVersion`, in table order.
 */
export function fieldsNewerThan(spec: any, operatorVersion: string, scheduled: boolean): FieldTooNew[] {
  const found: FieldTooNew[] = [];
  const check = (root: any, table: readonly OperatorField[]) => {
    for (const field of table) {
      if (compareVersions(operatorVersion, field.since) >= 0) { continue; }
      for (const path of presentPaths(root, field.field)) { found.push({ path, field }); }
    }
  };
  if (scheduled) {
    check(spec, SCHEDULED_FIELDS);
    check(spec?.template, APPLICATION_FIELDS);
  } else {
    check(spec, APPLICATION_FIELDS);
  }
  return found;
}

/** The concrete paths (`sidecars[2].image`) at which `json` has a value for `pattern`. */
export function presentPaths(json: any, pattern: string): string[] {
  const tokens = pattern.replace(/\[\]/g, '.[]').split('.');
  const out: string[] = [];
  const walk = (value: any, i: number, at: string) => {
    if (value === undefined || value === null) { return; }
    if (i === tokens.length) { out.push(at); return; }
    const token = tokens[i];
    if (token === '[]') {
      if (Array.isArray(value)) { value.forEach((item, n) => walk(item, i + 1, `${at}[${n}]`)); }
      return;
    }
    if (typeof value === 'object' && !Array.isArray(value)) {
      walk(value[token], i + 1, at ? `${at}.${token}` : token);
    }
  };
  walk(json, 0, '');
  return out;
}
