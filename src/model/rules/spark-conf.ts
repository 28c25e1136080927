import { invalid } from '../../private/errors';

/**
 * `sparkConf` keys the operator's webhook rejects (v2.5.2, internal/webhook/sparkconf_validator.go,
 * `deniedSparkConfKeys`: the master, the images, the service accounts and every OAuth token key),
 * each with the typed prop that sets the same thing. Refusing them at synth saves a round trip to
 * the cluster.
 */
const FORBIDDEN_SPARK_CONF: ReadonlyArray<[RegExp, string]> = [
  [/^spark\.master$/, 'the operator sets it; use `mode` and `driver.kubernetesMaster`'],
  [/^spark\.kubernetes\.driver\.master$/, 'use `driver.kubernetesMaster`'],
  [/^spark\.kubernetes\.container\.image$/, 'use `image`'],
  [/^spark\.kubernetes\.driver\.container\.image$/, 'use `driver.image`'],
  [/^spark\.kubernetes\.executor\.container\.image$/, 'use `executor.image`'],
  [/^spark\.kubernetes\.authenticate\.driver\.serviceAccountName$/, 'use `driver.serviceAccount`'],
  [/^spark\.kubernetes\.authenticate\.executor\.serviceAccountName$/, 'use `executor.serviceAccount`'],
  [/^spark\.kubernetes\.authenticate.*\.oauthToken/, 'use a service account (`driver.serviceAccount`) instead of a token'],
];

/**
 * Refuses a configuration entry that is not a string key and value, a key Spark would read
 * differently from how it is written, or a value with line breaks. The operator passes each entry
 * as `--conf key=value` and Spark splits at the first `=`, so `"spark.master=local[*]"` as a key
 * sets `spark.master` past every deny-list; surrounding whitespace makes a key Spark never reads
 * (`"spark.executor.cores "`); a line break in a value becomes a new line of the driver's
 * `spark.properties` file.
 */
export function checkConfEntry(map: ConfMap, key: string, value: string): void {
  if (typeof key !== 'string' || key === '') { invalid(`${map} key`, 'must be a non-empty string', key); }
  if (key.includes('=')) { invalid(`${map} key`, 'must not contain "=" (Spark splits --conf key=value at the first "=")', key); }
  if (/[\s\u0000-\u001f\u007f]/.test(key)) {
    invalid(`${map} key`, 'must not contain whitespace or control characters (Spark would never read the key as written)', key);
  }
  if (typeof value !== 'string') { invalid(`${map}["${key}"]`, 'must be a string (Spark reads every setting as text: write "4", not 4)', value); }
  if (/[\r\n\u0000]/.test(value)) { invalid(`${map}["${key}"]`, 'must not contain line breaks or NUL (it would become another line of spark.properties)', value); }
}

/** The `sparkConf` key that must equal the object's namespace. */
export const SPARK_NAMESPACE_CONF = 'spark.kubernetes.namespace';

/**
 * What to use instead of a `sparkConf` key the operator's webhook rejects, or undefined when the
 * webhook takes the key.
 */
export function deniedSparkConfKey(key: string): string | undefined {
  for (const [pattern, instead] of FORBIDDEN_SPARK_CONF) {
    if (pattern.test(key)) { return instead; }
  }
  return undefined;
}

/** Refuses a `sparkConf` key the operator's webhook would reject, naming the typed prop to use. */
export function checkSparkConfKey(key: string): void {
  const instead = deniedSparkConfKey(key);
  if (instead !== undefined) {
    invalid(`sparkConf["${key}"]`, `is rejected by the Spark Operator's webhook: ${instead}`, key);
  }
}

// --- credentials -----------------------------------------------------------------------------

/** Which configuration map a key is written to. */
export type ConfMap = 'sparkConf' | 'hadoopConf';

/** Spark passes `spark.hadoop.<key>` to Hadoop as `<key>`; the same secret rules apply to both. */
const HADOOP_PREFIX = 'spark.hadoop.';

/**
 * Keys that carry a credential, matched on the lower-cased key (after `spark.hadoop.`), each
 * with the store it belongs to. Credentials written here end up in clear text in the manifest,
 * in Git, in `kubectl get -o yaml` and in the driver's logged Spark properties.
 */
const SECRET_KEY_PATTERNS: ReadonlyArray<RegExp> = [
  /secret/, // fs.s3a.secret.key, fs.oss.accessKeySecret, *.client.secret, spark.authenticate.secret, *_SECRET_ACCESS_KEY
  /passw(or)?d/, // javax.jdo.option.ConnectionPassword, spark.ssl.keyStorePassword, *.password
  /(^|[._-])access[._-]?key([._-]?id)?$/, // fs.s3a.access.key, fs.oss.accessKeyId, fs.obs.access.key, AWS_ACCESS_KEY_ID
  /token$/, // fs.s3a.session.token, fs.oss.securityToken, *.sas.token, *.token
  /(^|\.)credentials?$/, // e.g. an Iceberg REST catalog's `credential` (client id and secret)
  /(^|\.)account\.key\./, // fs.azure.account.key.<account>.<endpoint>
  /private[._-]?key$/, // fs.gs.auth.service.account.private.key
  /(^|[._-])pass$/, // es.net.http.auth.pass (Elasticsearch), *.auth.pass
  /(^|[._-])auth$/, // spark.redis.auth (Redis connector password)
  /api[._-]?key/, // spark.datadog.apikey, *.api.key, *.api_key (metrics and log sinks)
  /encryption[._-]?key$/, // fs.s3a.encryption.key, fs.s3a.server-side-encryption.key (SSE-C / SSE-KMS key material)
  /jaas\.config$/, // kafka.sasl.jaas.config (holds the SASL user's password)
  /(^|[._-])sas[._-]?key$/, // Azure shared access keys
  // ABFS's fixed SAS token, also per account: fs.azure.sas.fixed.token.<account>.dfs.core.windows.net
  // (hadoop-azure ConfigurationKeys.FS_AZURE_SAS_FIXED_TOKEN with an account suffix, FixedSASTokenProvider)
  /^fs\.azure\.sas\.fixed\.token(\.|$)/,
  // WASB's SAS per container: fs.azure.sas.<container>.<account>.blob.core.windows.net
  // (hadoop-azure AzureNativeFileSystemStore KEY_ACCOUNT_SAS_PREFIX); not fs.azure.sas.token.* (provider class, renew period)
  /^fs\.azure\.sas\.(?!token\.)[^.]+\.[^.]+\.blob\./,
];

/**
 * Keys that name where a secret is rather than holding one: Spark's own Secret mounts and
 * references (`spark.kubernetes.{driver,executor}.secrets.<name>`, `...secretKeyRef.<env>`) and
 * keys that end in a file, path, provider, class, type, name or item key.
 */
const REFERENCE_KEY_PATTERNS: ReadonlyArray<RegExp> = [
  /^spark\.kubernetes\.(driver|executor)\.(secrets|secretkeyref)\./,
  /(file|path|provider|providers|class|type|name|itemkey)$/, // e.g. spark.authenticate.secret.file, spark.kubernetes.kerberos.tokenSecret.name
];

/**
 * A value that only refers to an environment variable, for each map: Hadoop's `Configuration`
 * expands `${env.NAME}` (Hadoop 3), Spark expands `${env:NAME}` in the settings it reads itself.
 */
const ENV_REFERENCE: { readonly [map: string]: RegExp } = {
  hadoop: /^\$\{env\.[A-Za-z_][A-Za-z0-9_]*\}$/,
  spark: /^\$\{env:[A-Za-z_][A-Za-z0-9_]*\}$/,
};

/** Whether a configuration key (as written to `map`) carries a credential. */
export function isSecretConfKey(map: ConfMap, key: string): boolean {
  const lower = (map === 'sparkConf' && key.startsWith(HADOOP_PREFIX) ? key.slice(HADOOP_PREFIX.length) : key).toLowerCase();
  if (REFERENCE_KEY_PATTERNS.some(p => p.test(lower))) { return false; }
  return SECRET_KEY_PATTERNS.some(p => p.test(lower));
}

/**
 * Refuses a configuration entry that carries a credential in clear text, pointing to the typed
 * alternatives. Accepted anyway: a value that only refers to an environment variable (set it from
 * a Secret), and keys the user allowed explicitly. The value itself never appears in the message.
 */
export function checkSecretConf(map: ConfMap, key: string, value: string, allowed: ReadonlySet<string>): void {
  if (allowed.has(key) || !isSecretConfKey(map, key)) { return; }
  const hadoop = map === 'hadoopConf' || key.startsWith(HADOOP_PREFIX);
  const reference = hadoop ? '${env.NAME}' : '${env:NAME}';
  if (typeof value === 'string' && ENV_REFERENCE[hadoop ? 'hadoop' : 'spark'].test(value)) { return; }
  const lower = key.toLowerCase();
  const oss = /(^|\.)fs\.oss\./.test(lower)
    ? 'for OSS, give the pods an ECI RAM role (EciPodOptions.ramRoleName) and a credentials provider that reads it; ' : '';
  invalid(`${map}["${key}"]`,
    'must not hold a credential in clear text (it would be stored in the manifest, in Git and in `kubectl get -o yaml`): '
    + oss
    + 'mount a Secret into the pods (driver/executor `secrets`), or set an environment variable from a Secret '
    + `(driver/executor \`env\` with EnvValue.fromSecretValue()) and write "${reference}" as the value; `
    + 'a key that holds no secret can be listed in `allowedSecretConfKeys` (or passed to allowSecretConfKeys() before it is added)',
    'a clear-text value (not shown)');
}
