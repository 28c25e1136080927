import { invalid } from './errors';

/**
 * `sparkConf` keys the operator's webhook rejects (v2.5.2, internal/webhook), each with the
 * typed prop that sets the same thing. Refusing them at synth saves a round trip to the cluster.
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

/** The `sparkConf` key that must equal the object's namespace. */
export const SPARK_NAMESPACE_CONF = 'spark.kubernetes.namespace';

/** Refuses a `sparkConf` key the operator's webhook would reject, naming the typed prop to use. */
export function checkSparkConfKey(key: string): void {
  for (const [pattern, instead] of FORBIDDEN_SPARK_CONF) {
    if (pattern.test(key)) {
      invalid(`sparkConf["${key}"]`, `is rejected by the Spark Operator's webhook: ${instead}`, key);
    }
  }
}
