// The check `SparkDriverRbac.addJob()` and a job's `grantDriverRbac()` share, and where a job's
// driver account came from.
import { invalid } from '../private/errors';

/** What the check reads of a job (an `ISparkDriverAccountUser`; a job also says where its values came from). */
export interface DriverAccountUser {
  readonly driverAccount: { readonly serviceAccount?: string };
  /** `AbstractSparkJob.describeDefaults()`: field → the `SparkJobDefaults` path, or `job`. */
  describeDefaults?(): { [field: string]: string };
}

/**
 * The path of the `SparkJobDefaults` whose `serviceAccount` the driver uses, or undefined when the
 * job named its account itself (or has none).
 */
export function inheritedAccountSource(job: DriverAccountUser): string | undefined {
  const source = typeof job.describeDefaults === 'function' ? job.describeDefaults()['driver.serviceAccount'] : undefined;
  return source === 'job' ? undefined : source;
}

/**
 * Refuses to replace a service account the driver already names, saying where that account came
 * from: the job's own `driver.serviceAccount` (or `useServiceAccount()`), or a `SparkJobDefaults`.
 *
 * @param accountName the account the RBAC would give the driver; undefined for a generated one
 * @param caller `grantDriverRbac()` or `addJob()`, for the advice
 */
export function checkDriverAccount(job: DriverAccountUser, accountName: string | undefined, caller: 'grantDriverRbac()' | 'addJob()'): void {
  const current = job.driverAccount.serviceAccount;
  if (current === undefined || current === accountName) { return; }
  const replacement = accountName === undefined ? 'a new account' : `"${accountName}"`;
  const defaults = inheritedAccountSource(job);
  if (defaults !== undefined) {
    const keep = caller === 'addJob()'
      ? `or make the SparkDriverRbac with serviceAccountName "${current}" to create the defaults' account`
      : 'or leave serviceAccountName out to create the account the defaults name';
    invalid('driver.serviceAccount', `is already set by SparkJobDefaults ${defaults} (its serviceAccount), and the driver RBAC would replace it `
      + `with ${replacement}: give the job its own driver.serviceAccount ${replacement}, ${keep}`, current);
  }
  invalid('driver.serviceAccount', `is already set on the job, and the driver RBAC would replace it with ${replacement}: `
    + 'remove driver.serviceAccount, or pass serviceAccountName to create the account it names', current);
}
