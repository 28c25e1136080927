import { Chart } from 'cdk8s';
import type { ApiResource, Role, RoleBinding, ServiceAccount } from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { checkDriverAccount, DriverAccountUser, inheritedAccountSource } from './spark-driver-rbac-internal';
import { registerChecked } from '../checks/synth-session';
import { invalidMessage } from '../private/errors';
import { cdk8sPlus } from '../private/lazy-modules';
import { captureArgument, checkArguments, instanceShape, optionsShape, ShapeOf } from '../private/props-shape';

/** One RBAC rule the Spark driver needs: verbs on one core (`""` group) resource. */
export interface SparkDriverRbacRule {
  /** The resource, e.g. `pods`. */
  readonly resource: string;
  /** The verbs, e.g. `create`, `get`. */
  readonly verbs: string[];
}

/** Reads what Spark created and deletes it by label selector when the application stops. */
const COLLECTION_VERBS = ['list', 'delete', 'deletecollection'];

/**
 * What the driver of Spark 3.x / 4.x does with the Kubernetes API in its own namespace
 * (`KubernetesClusterSchedulerBackend`, `ExecutorPodsAllocator`, `ExecutorPods*SnapshotSource`),
 * and nothing more:
 *
 * - pods: creates executors, gets its own pod and waits for it to be ready (`get`, `watch`),
 *   watches and polls executors (`watch`, `list`), labels them with their executor id and
 *   decommission state (`patch`, a strategic merge patch), deletes them by name and by label
 *   selector (`delete`; `deletecollection` with fabric8 6, Spark >= 3.4; `list` + `delete` with
 *   fabric8 5, Spark < 3.4);
 * - configmaps: creates the executors' configuration map, deletes it by label at the end;
 * - persistentvolumeclaims: creates on-demand claims for executors, lists reusable ones,
 *   deletes them by label at the end;
 * - services: creates per-executor services (`spark.kubernetes.executor.enableService`, Spark 4)
 *   and deletes services by label at the end (`spark.kubernetes.driver.service.deleteOnTermination`).
 *
 * `get` on config maps, claims and services lets the driver read back what it created. The driver
 * pod, its service and its config map are created by the operator's own account, not this one.
 */
const DRIVER_RULES: ReadonlyArray<SparkDriverRbacRule> = [
  { resource: 'pods', verbs: ['create', 'get', 'watch', 'patch', ...COLLECTION_VERBS] },
  { resource: 'services', verbs: ['create', 'get', ...COLLECTION_VERBS] },
  { resource: 'configmaps', verbs: ['create', 'get', ...COLLECTION_VERBS] },
  { resource: 'persistentvolumeclaims', verbs: ['create', 'get', ...COLLECTION_VERBS] },
];

/** cdk8s-plus-28's resource of each rule (a function: cdk8s-plus-28 loads only when RBAC is made). */
function apiResource(resource: string): ApiResource {
  const { ApiResource: resources } = cdk8sPlus();
  const byName: { [resource: string]: ApiResource } = {
    pods: resources.PODS,
    services: resources.SERVICES,
    configmaps: resources.CONFIG_MAPS,
    persistentvolumeclaims: resources.PERSISTENT_VOLUME_CLAIMS,
  };
  return byName[resource];
}

/** The service account of a job's driver pod, as `SparkDriverRbac` reads and sets it. */
export interface ISparkDriverServiceAccount {
  /** The driver's service account (`driver.serviceAccount`); `undefined` when not set. */
  readonly serviceAccount?: string;

  /**
   * Makes the driver use the named service account (`driver.serviceAccount`).
   *
   * @param name the ServiceAccount's name
   */
  useServiceAccount(name: string): void;
}

/**
 * What `SparkDriverRbac` needs from a job: its name and namespace, and its driver's service
 * account. `SparkJob` and `ScheduledSparkJob` (every `AbstractSparkJob`) are such jobs.
 */
export interface ISparkDriverAccountUser {
  /** Name of the job (`metadata.name`), for messages. */
  readonly name: string;

  /** Namespace of the job (`metadata.namespace`); `undefined` means the chart's, or `default`. */
  readonly namespace?: string;

  /**
   * The service account of the job's driver, read and set through it (a job returns its `driver`;
   * jsii does not let a job's `driver: SparkDriver` implement a property of this interface type).
   */
  readonly driverAccount: ISparkDriverServiceAccount;
}

/** Options of `SparkDriverRbac`, and of a job's `grantDriverRbac()`. */
export interface SparkDriverRbacOptions {
  /**
   * Name of the ServiceAccount (`metadata.name`). Pass the name a job's `driver.serviceAccount`
   * already has to create that account.
   *
   * @default - a name generated from the construct path; for a job's `grantDriverRbac()`, the
   * account the job's driver already uses when it comes from `SparkJobDefaults` or from a
   * `SparkDriverRbac` of the job's chart
   */
  readonly serviceAccountName?: string;
}

/** Props of `SparkDriverRbac`. */
export interface SparkDriverRbacProps extends SparkDriverRbacOptions {
  /**
   * Namespace of the ServiceAccount, Role and RoleBinding: the jobs' namespace.
   *
   * @default - the chart's namespace
   */
  readonly namespace?: string;

  /**
   * Jobs whose drivers use the ServiceAccount (any `SparkJob` or `ScheduledSparkJob`); same as
   * calling `addJob()` for each.
   *
   * @default - none; add them with `addJob()`
   */
  readonly jobs?: ISparkDriverAccountUser[];
}

/** What each option holds (`captureArgument`); typed, so a new option needs a shape to compile. */
const OPTIONS: ShapeOf<SparkDriverRbacOptions> = { serviceAccountName: 'string' };
/** A job whose driver takes the account; read by its methods, so a job of another copy of the package passes. */
const ACCOUNT_USER_SHAPE = instanceShape<ISparkDriverAccountUser>('ISparkDriverAccountUser',
  (value): value is ISparkDriverAccountUser => typeof (value as Partial<ISparkDriverAccountUser> | undefined)?.driverAccount?.useServiceAccount === 'function',
  'must be a SparkJob or ScheduledSparkJob (an ISparkDriverAccountUser)');
const PROPS_SHAPE = optionsShape<SparkDriverRbacProps>({ ...OPTIONS, namespace: 'string', jobs: { list: ACCOUNT_USER_SHAPE } });

/**
 * The ServiceAccount, Role and RoleBinding a Spark driver needs in its namespace to run its
 * executors (see `SparkDriverRbac.rules()`: only core resources, no wildcard), and the wiring of
 * jobs' drivers to the account (`driver.serviceAccount`).
 *
 * The account mounts its API token (`automountServiceAccountToken: true`): the driver talks to
 * the API server with it. Executors use the driver's account too unless `executor.serviceAccount`
 * is set (Spark's fallback); they do not call the API, so a separate account without rights may
 * be given to them.
 *
 * Opt-in: the Spark Operator's Helm chart can create an equivalent account per job namespace
 * (`spark.serviceAccount`, `spark.rbac`), which is what `driver.serviceAccount: spark-operator-spark`
 * uses.
 */
export class SparkDriverRbac extends Construct {
  /** The rules of the Role, in the order they are written (a copy). */
  public static rules(): SparkDriverRbacRule[] {
    return DRIVER_RULES.map(rule => ({ resource: rule.resource, verbs: [...rule.verbs] }));
  }

  /**
   * Checks and copies `SparkDriverRbacOptions` given to a job's `grantDriverRbac()`.
   * @internal
   */
  public static _captureOptions(prop: string, options: SparkDriverRbacOptions | undefined): SparkDriverRbacOptions {
    return captureArgument(prop, options, optionsShape<SparkDriverRbacOptions>(OPTIONS), true) ?? {};
  }

  /**
   * A job's `grantDriverRbac()`: the account is `serviceAccountName`, else the one the driver
   * already uses when `SparkJobDefaults` gave it (the defaults' values are the job's) or a
   * `SparkDriverRbac` of the chart created it, else a generated one. A `SparkDriverRbac` of the
   * job's chart that already creates that account in the job's namespace takes the job (one
   * ServiceAccount per name and namespace, however many jobs share it); otherwise a new one is
   * created under the job (child id `DriverRbac`). Refused, before anything is created, when the
   * driver already names another account.
   * @internal
   */
  public static _grant(job: ISparkDriverAccountUser & IConstruct & DriverAccountUser, options: SparkDriverRbacOptions): SparkDriverRbac {
    const current = job.driverAccount.serviceAccount;
    const keepsCurrent = current !== undefined
      && (inheritedAccountSource(job) !== undefined || accountOfChart(job, job.namespace, current) !== undefined);
    const name = options.serviceAccountName ?? (keepsCurrent ? current : undefined);
    checkDriverAccount(job, name, 'grantDriverRbac()');
    const shared = name === undefined ? undefined : accountOfChart(job, job.namespace, name);
    if (shared) {
      shared.addJob(job);
      return shared;
    }
    const id = job.node.tryFindChild('DriverRbac') === undefined ? 'DriverRbac' : `DriverRbac-${name}`;
    return new SparkDriverRbac(job, id, { ...options, serviceAccountName: name, namespace: job.namespace, jobs: [job] });
  }

  /** The driver's ServiceAccount (child id `ServiceAccount`). */
  public readonly serviceAccount: ServiceAccount;
  /** The Role with `SparkDriverRbac.rules()` (child id `Role`). */
  public readonly role: Role;
  /** The RoleBinding of the Role to the ServiceAccount (child id `RoleBinding`). */
  public readonly roleBinding: RoleBinding;

  private readonly _jobs: ISparkDriverAccountUser[] = [];

  public constructor(scope: Construct, id: string, props: SparkDriverRbacProps = {}) {
    super(scope, id);
    registerChecked(this);
    // The caller's objects are copied (the jobs are kept): changing them later changes nothing.
    props = captureArgument('', props, PROPS_SHAPE, true) ?? {};
    // Only the keys that are set: an explicit `name: undefined` would drop the generated name.
    const namespace = props.namespace === undefined ? {} : { namespace: props.namespace };
    const name = props.serviceAccountName === undefined ? {} : { name: props.serviceAccountName };
    const plus = cdk8sPlus();
    this.serviceAccount = new plus.ServiceAccount(this, 'ServiceAccount', {
      metadata: { ...name, ...namespace },
      // The driver authenticates to the API server with this token.
      automountToken: true,
    });
    this.role = new plus.Role(this, 'Role', { metadata: namespace });
    for (const rule of DRIVER_RULES) {
      this.role.allow([...rule.verbs], apiResource(rule.resource));
    }
    this.roleBinding = new plus.RoleBinding(this, 'RoleBinding', { metadata: namespace, role: this.role });
    this.roleBinding.addSubjects(this.serviceAccount);
    registerAccount(this);

    for (const job of props.jobs ?? []) { this.addJob(job); }
    this.node.addValidation({ validate: () => this.validateNamespaces() });
  }

  /** Name of the ServiceAccount. */
  public get serviceAccountName(): string {
    return this.serviceAccount.name;
  }

  /** Namespace of the ServiceAccount, Role and RoleBinding, if set on them or their chart. */
  public get namespace(): string | undefined {
    return this.serviceAccount.metadata.namespace;
  }

  /**
   * Makes a job's driver use the ServiceAccount (`driver.serviceAccount`). The job must run in
   * the account's namespace (checked at synth). Refused when the driver already names another
   * account.
   *
   * @param job a `SparkJob` or `ScheduledSparkJob`
   */
  public addJob(job: ISparkDriverAccountUser): void {
    checkArguments('addJob()', ['job', job, ACCOUNT_USER_SHAPE]);
    if (this._jobs.includes(job)) { return; }
    checkDriverAccount(job, this.serviceAccountName, 'addJob()');
    job.driverAccount.useServiceAccount(this.serviceAccountName);
    this._jobs.push(job);
  }

  private validateNamespaces(): string[] {
    const own = this.namespace ?? 'default';
    return this._jobs
      .filter(job => (job.namespace ?? 'default') !== own)
      .map(job => invalidMessage(`namespace of job ${job.name}`,
        `must equal the driver service account's namespace "${own}": a pod can only use a service account of its own namespace`,
        job.namespace ?? 'default'));
  }
}

/**
 * The SparkDriverRbac of each chart, by `namespace/account name`: what a job's `grantDriverRbac()`
 * shares. Kept on a global symbol, as `SparkJobDefaults` keeps its registry, so that two copies of
 * the library in one app see each other's accounts.
 */
function accountsByChart(): WeakMap<IConstruct, Map<string, SparkDriverRbac>> {
  const key = Symbol.for('cdk8s-spark-eci.SparkDriverRbac.byChart');
  const holder = globalThis as unknown as { [key: symbol]: WeakMap<IConstruct, Map<string, SparkDriverRbac>> | undefined };
  holder[key] ??= new WeakMap();
  return holder[key]!;
}

function chartOf(scope: IConstruct): Chart | undefined {
  try {
    return Chart.of(scope);
  } catch {
    return undefined;
  }
}

function registerAccount(rbac: SparkDriverRbac): void {
  const chart = chartOf(rbac);
  if (chart === undefined) { return; }
  const registry = accountsByChart();
  const accounts = registry.get(chart) ?? new Map<string, SparkDriverRbac>();
  registry.set(chart, accounts);
  const key = `${rbac.namespace ?? ''}/${rbac.serviceAccountName}`;
  // The first one made keeps the name: a second one of the same name fails the duplicate check at synth.
  if (!accounts.has(key)) { accounts.set(key, rbac); }
}

/** The SparkDriverRbac of the scope's chart that creates this account in this namespace, if any (and still in the tree). */
function accountOfChart(scope: IConstruct, namespace: string | undefined, name: string): SparkDriverRbac | undefined {
  const chart = chartOf(scope);
  const rbac = chart && accountsByChart().get(chart)?.get(`${namespace ?? ''}/${name}`);
  return rbac && rbac.node.scope?.node.tryFindChild(rbac.node.id) === rbac ? rbac : undefined;
}
