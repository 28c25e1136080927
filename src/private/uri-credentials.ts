/**
 * Credentials in a URI the library writes into the Spark configuration (`spark.eventLog.dir`,
 * `spark.storage.decommission.fallbackStorage.path`): refused, and never echoed in the message.
 *
 * A URI carries a credential in its user info when that has a password (`s3a://AKID:SECRET@bucket/`:
 * RFC 3986 §3.2.1, "Use of the format "user:password" in the userinfo field is deprecated ...
 * [it] should not be rendered as clear text"; a user name alone is no secret, and WASB and ABFS
 * write the container there, `abfss://container@account.dfs.core.windows.net/`) or in a signed
 * query string: an Azure shared access signature's
 * `sig` (Azure Storage "Create a service SAS", "Signature (sig)"), an AWS SigV4 pre-signed URL's
 * `X-Amz-Signature` / `X-Amz-Credential` / `X-Amz-Security-Token` (Amazon S3 "Authenticating
 * Requests: Using Query Parameters"), an OSS signed URL's `Signature`, `OSSAccessKeyId` and
 * `security-token` (Alibaba Cloud OSS "Add signatures to URLs"). sparkConf is stored in the
 * SparkApplication object, readable by everyone who can read the namespace's custom resources, and
 * printed by Spark's UI and event log: credentials belong in a Secret.
 */
import { invalid } from './errors';

/** Query parameters whose value is a credential (compared case-insensitively). */
const CREDENTIAL_PARAMETERS = [
  'sig', 'signature', 'x-amz-signature', 'x-amz-credential', 'x-amz-security-token', 'ossaccesskeyid', 'awsaccesskeyid',
  'security-token', 'x-oss-signature', 'x-oss-credential', 'x-oss-security-token',
];

/** `scheme://[userinfo@]host...`: the authority ends at the first `/`, `?` or `#`. */
const AUTHORITY = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/i;

/** What credential a URI carries, described for a message (`user info`, `a "sig" query parameter`), or undefined. */
export function uriCredential(uri: string): string | undefined {
  const match = AUTHORITY.exec(uri);
  if (match && match[2].includes('@') && match[2].slice(0, match[2].lastIndexOf('@')).includes(':')) { return 'user info ("user:password@")'; }
  const query = uri.indexOf('?');
  if (query < 0) { return undefined; }
  for (const pair of uri.slice(query + 1).split(/[&#]/)) {
    const name = decodeName(pair.split('=')[0]).toLowerCase();
    if (CREDENTIAL_PARAMETERS.includes(name)) { return `a "${name}" query parameter (a signed URL)`; }
  }
  return undefined;
}

/**
 * The URI with its credentials replaced by `***`, for messages: the user info (a password, or a
 * container name beside a signed query), and the value of every query parameter (a signed URL's
 * other parameters can help forge or replay it).
 */
export function redactUri(uri: string): string {
  const match = AUTHORITY.exec(uri);
  let out = uri;
  if (match) {
    const at = match[2].lastIndexOf('@');
    out = at < 0 ? uri : `${match[1]}***@${match[2].slice(at + 1)}${match[3]}`;
  }
  const query = out.indexOf('?');
  if (query < 0) { return out; }
  const [rest, fragment] = splitOnce(out.slice(query + 1), '#');
  const redacted = rest.split('&').map(pair => (pair.includes('=') ? `${pair.split('=')[0]}=***` : pair)).join('&');
  return `${out.slice(0, query)}?${redacted}${fragment === undefined ? '' : `#${fragment}`}`;
}

/**
 * Refuses a URI that carries a credential, naming the prop and what to do instead; the message
 * shows the URI redacted.
 *
 * @param prop the prop as the user wrote it, e.g. `SparkEventLog.toUri() dir`
 */
export function checkNoUriCredentials(prop: string, uri: string): void {
  const credential = uriCredential(uri);
  if (credential !== undefined) {
    invalid(prop, `must not carry credentials in the URI (it has ${credential}): sparkConf is stored in the SparkApplication and shown by Spark's UI; `
      + 'give the pods credentials through a Secret (environment variables referenced as ${env.NAME}) or a RAM role', redactUri(uri));
  }
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const i = text.indexOf(separator);
  return i < 0 ? [text, undefined] : [text.slice(0, i), text.slice(i + 1)];
}
