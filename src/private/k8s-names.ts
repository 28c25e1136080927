/**
 * Kubernetes name and metadata rules, as the API server checks them (apimachinery
 * `pkg/util/validation/validation.go` and `pkg/api/validation/objectmeta.go`).
 *
 * No maintained npm package implements these that is small enough to bundle into a jsii
 * library (`@kubernetes-models/validate` is a whole schema validator), so they are written
 * here, one function per apimachinery function. Each `isXxx` returns `undefined` for a valid
 * value or a short reason (`must be a DNS-1123 label: ...`); each `checkXxx` throws the
 * library's standard error through `invalid(prop, allowed, got)`.
 *
 * Lengths are counted in bytes, as Go's `len` does; the character sets are ASCII, so a value
 * with other characters is refused by its pattern whatever its length.
 */
import { invalid } from './errors';

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL}$`);
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_LABEL}(\\.${DNS1123_LABEL})*$`);
const DNS1035_LABEL_RE = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const ENV_VAR_NAME_RE = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** apimachinery `DNS1123LabelMaxLength`, `DNS1035LabelMaxLength`, `LabelValueMaxLength`, qualified name part. */
export const MAX_LABEL_LENGTH = 63;
/** apimachinery `DNS1123SubdomainMaxLength`. */
export const MAX_SUBDOMAIN_LENGTH = 253;
/** apimachinery `TotalAnnotationSizeLimitB`: keys and values together, in bytes. */
export const MAX_ANNOTATIONS_BYTES = 256 * 1024;
/** IANA_SVC_NAME (RFC 6335) maximum length. */
export const MAX_PORT_NAME_LENGTH = 15;

export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;

const DNS1123_LABEL_TEXT = "lower-case letters, digits and '-', starting and ending with a letter or digit";
const DNS1123_SUBDOMAIN_TEXT = "dot-separated DNS-1123 labels (lower-case letters, digits and '-', each starting and ending with a letter or digit)";
const DNS1035_LABEL_TEXT = "lower-case letters, digits and '-', starting with a letter and ending with a letter or digit";
const QUALIFIED_NAME_TEXT = "letters, digits, '-', '_' and '.', starting and ending with a letter or digit";

/** The length Go's `len` reports: UTF-8 bytes. */
export function byteLength(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

function tooLong(value: string, max: number): string | undefined {
  const n = byteLength(value);
  return n > max ? `must be at most ${max} characters (got ${n})` : undefined;
}

/** apimachinery `IsDNS1123Label`: namespaces, most object names that end up in a host name. */
export function isDns1123Label(value: string): string | undefined {
  if (typeof value !== 'string') { return 'must be a string'; }
  const long = tooLong(value, MAX_LABEL_LENGTH);
  if (long) { return `must be a DNS-1123 label: ${long}`; }
  if (DNS1123_LABEL_RE.test(value)) { return undefined; }
  if (DNS1123_SUBDOMAIN_RE.test(value)) { return 'must be a DNS-1123 label: must not contain dots'; }
  return `must be a DNS-1123 label: ${DNS1123_LABEL_TEXT}`;
}

/** apimachinery `IsDNS1123Subdomain`: most object names (Secrets, ConfigMaps, custom resources). */
export function isDns1123Subdomain(value: string): string | undefined {
  if (typeof value !== 'string') { return 'must be a string'; }
  const long = tooLong(value, MAX_SUBDOMAIN_LENGTH);
  if (long) { return `must be a DNS-1123 subdomain: ${long}`; }
  return DNS1123_SUBDOMAIN_RE.test(value) ? undefined : `must be a DNS-1123 subdomain: ${DNS1123_SUBDOMAIN_TEXT}`;
}

/** apimachinery `IsDNS1035Label`: Service names, and SparkApplication names (the operator's webhook). */
export function isDns1035Label(value: string, maxLength: number = MAX_LABEL_LENGTH): string | undefined {
  if (typeof value !== 'string') { return 'must be a string'; }
  const long = tooLong(value, maxLength);
  if (long) { return `must be a DNS-1035 label: ${long}`; }
  return DNS1035_LABEL_RE.test(value) ? undefined : `must be a DNS-1035 label: ${DNS1035_LABEL_TEXT}`;
}

/**
 * apimachinery `IsQualifiedName`: an optional DNS-1123 subdomain prefix and `/`, then a name
 * of 1-63 letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit.
 */
export function isQualifiedName(value: string): string | undefined {
  return qualifiedNameProblem(value, 'a qualified name');
}

/** apimachinery `ValidateLabelName`: a label key is a qualified name, prefix case included. */
export function isLabelKey(value: string): string | undefined {
  return qualifiedNameProblem(value, 'a Kubernetes label key');
}

/** apimachinery `ValidateAnnotations`: an annotation key is a qualified name once lower-cased. */
export function isAnnotationKey(value: string): string | undefined {
  if (typeof value !== 'string') { return 'must be a string'; }
  return qualifiedNameProblem(value.toLowerCase(), 'a Kubernetes annotation key');
}

function qualifiedNameProblem(value: string, what: string): string | undefined {
  if (typeof value !== 'string') { return 'must be a string'; }
  const parts = value.split('/');
  if (parts.length > 2) {
    return `must be ${what}: an optional DNS subdomain prefix and one '/', then 1-63 ${QUALIFIED_NAME_TEXT}`;
  }
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix === '') { return `must be ${what}: the prefix before '/' must not be empty`; }
    const problem = isDns1123Subdomain(prefix);
    if (problem) { return `must be ${what}: its prefix ${problem}`; }
  }
  if (name === '') { return `must be ${what}: the name part must not be empty`; }
  const long = tooLong(name, MAX_LABEL_LENGTH);
  if (long) { return `must be ${what}: the name part ${long}`; }
  return QUALIFIED_NAME_RE.test(name) ? undefined : `must be ${what}: an optional DNS subdomain prefix and '/', then 1-63 ${QUALIFIED_NAME_TEXT}`;
}

/** apimachinery `IsValidLabelValue`: empty, or up to 63 qualified-name characters. */
export function isLabelValue(value: string): string | undefined {
  if (typeof value !== 'string') { return 'must be a string'; }
  if (value === '') { return undefined; }
  const long = tooLong(value, MAX_LABEL_LENGTH);
  if (long) { return `must be a Kubernetes label value: ${long}`; }
  return QUALIFIED_NAME_RE.test(value) ? undefined : `must be a Kubernetes label value: empty, or 1-63 ${QUALIFIED_NAME_TEXT}`;
}

/** apimachinery `ValidateAnnotationsSize`: keys and values together at most 256 KiB. */
export function isAnnotationsSize(annotations: { [key: string]: string }): string | undefined {
  let total = 0;
  for (const [key, value] of Object.entries(annotations)) {
    total += byteLength(key) + byteLength(String(value));
  }
  return total > MAX_ANNOTATIONS_BYTES
    ? `must be at most ${MAX_ANNOTATIONS_BYTES} bytes (256 KiB) of keys and values together (got ${total})`
    : undefined;
}

/**
 * apimachinery `IsEnvVarName` (the rule without the `RelaxedEnvironmentVariableValidation`
 * feature gate): letters, digits, `_`, `-` and `.`, not starting with a digit, and not `.`,
 * `..` or starting with `..`.
 */
export function isEnvVarName(value: string): string | undefined {
  if (typeof value !== 'string') { return 'must be a string'; }
  if (!ENV_VAR_NAME_RE.test(value)) {
    return "must be an environment variable name: letters, digits, '_', '-' and '.', not starting with a digit";
  }
  if (value === '.' || value === '..' || value.startsWith('..')) {
    return "must be an environment variable name: not '.', '..' or starting with '..'";
  }
  return undefined;
}

/**
 * apimachinery `IsValidPortName` (IANA_SVC_NAME): 1-15 lower-case letters, digits and `-`,
 * at least one letter, no `-` at either end and no `--`.
 */
export function isPortName(value: string): string | undefined {
  if (typeof value !== 'string') { return 'must be a string'; }
  const why = 'must be a port name: 1-15 lower-case letters, digits and \'-\', at least one letter, no \'-\' at either end and no \'--\'';
  const ok = value.length <= MAX_PORT_NAME_LENGTH
    && /^[-a-z0-9]+$/.test(value)
    && /[a-z]/.test(value)
    && !value.includes('--')
    && !value.startsWith('-') && !value.endsWith('-');
  return ok ? undefined : why;
}

/** An integer from `min` to `max` (apimachinery `IsInRange`); int32 by default. */
export function isInt32(value: number, min: number = INT32_MIN, max: number = INT32_MAX): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    return `must be an integer from ${min} to ${max}`;
  }
  return undefined;
}

/**
 * A number that renders as a plain YAML/JSON number: finite, and written without an exponent
 * by `String()` (`1e+21`, `1e-7` and `Infinity` are refused: a Kubernetes decoder or a Go
 * integer field rejects or misreads them).
 */
export function isRenderableNumber(value: number): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) { return 'must be a finite number'; }
  if (/[eE]/.test(String(value))) { return 'must be a number written without an exponent (between 1e-7 and 1e21)'; }
  return undefined;
}

// --- throwing variants ------------------------------------------------------------------------

function check(prop: string, problem: string | undefined, got: unknown): void {
  if (problem !== undefined) { invalid(prop, problem, got); }
}

export function checkDns1123Label(prop: string, value: string): string {
  check(prop, isDns1123Label(value), value);
  return value;
}

export function checkDns1123Subdomain(prop: string, value: string): string {
  check(prop, isDns1123Subdomain(value), value);
  return value;
}

export function checkDns1035Label(prop: string, value: string, maxLength: number = MAX_LABEL_LENGTH): string {
  check(prop, isDns1035Label(value, maxLength), value);
  return value;
}

export function checkQualifiedName(prop: string, value: string): string {
  check(prop, isQualifiedName(value), value);
  return value;
}

/** Refuses a string that is not a Kubernetes label key. */
export function checkLabelKey(prop: string, key: string): string {
  check(prop, isLabelKey(key), key);
  return key;
}

/** Refuses a string that is not a Kubernetes annotation key. */
export function checkAnnotationKey(prop: string, key: string): string {
  check(prop, isAnnotationKey(key), key);
  return key;
}

/** Refuses a string that is not a Kubernetes label value (empty, or up to 63 label characters). */
export function checkLabelValue(prop: string, value: string): string {
  check(prop, isLabelValue(value), value);
  return value;
}

/** Checks every key and value of a label map; returns a copy. */
export function checkLabels(prop: string, labels: { [key: string]: string } | undefined): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  for (const [key, value] of Object.entries(labels ?? {})) {
    checkLabelKey(`${prop} key`, key);
    checkLabelValue(`${prop}["${key}"]`, value);
    out[key] = value;
  }
  return out;
}

/** Checks every key of an annotation map and their total size (values are free text); returns a copy. */
export function checkAnnotations(prop: string, annotations: { [key: string]: string } | undefined): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  for (const [key, value] of Object.entries(annotations ?? {})) {
    checkAnnotationKey(`${prop} key`, key);
    if (typeof value !== 'string') { invalid(`${prop}["${key}"]`, 'must be a string', value); }
    out[key] = value;
  }
  checkAnnotationsSize(prop, out);
  return out;
}

/** Checks a list of label keys for syntax and repeats; returns a copy. */
export function checkLabelKeyList(prop: string, keys: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const key of keys ?? []) {
    checkLabelKey(prop, key);
    if (out.includes(key)) { invalid(prop, 'must not name a key twice', key); }
    out.push(key);
  }
  return out;
}

export function checkAnnotationsSize(prop: string, annotations: { [key: string]: string }): void {
  const problem = isAnnotationsSize(annotations);
  if (problem !== undefined) { invalid(prop, problem, `${Object.keys(annotations).length} annotations`); }
}

export function checkEnvVarName(prop: string, value: string): string {
  check(prop, isEnvVarName(value), value);
  return value;
}

export function checkPortName(prop: string, value: string): string {
  check(prop, isPortName(value), value);
  return value;
}

export function checkInt32(prop: string, value: number, min: number = INT32_MIN, max: number = INT32_MAX): number {
  check(prop, isInt32(value, min, max), value);
  return value;
}

export function checkRenderableNumber(prop: string, value: number): number {
  check(prop, isRenderableNumber(value), value);
  return value;
}
