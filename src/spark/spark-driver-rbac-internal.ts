// The check `SparkDriverRbac.addJob()` and a job's `grantDriverRbac()` share.
import { invalid } from '../private/errors';

/** What the check reads of a job (an `ISparkDriverAccountUser`). */
interface DriverAccountUser {
  readonly driverAccount: { readonly serviceAccount?: string };
}

/** Refuses to replace a service account the driver already names. */
export function checkDriverAccount(job: DriverAccountUser, accountName: string | undefined): void {
  const current = job.driverAccount.serviceAccount;
  if (current !== undefined && current !== accountName) {
    invalid('driver.serviceAccount', `is already set, and the driver RBAC would replace it with ${accountName === undefined ? 'a new account' : `"${accountName}"`}: `
      + 'remove driver.serviceAccount, or pass serviceAccountName to create the account it names', current);
  }
}
