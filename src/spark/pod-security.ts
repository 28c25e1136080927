import { PlacementTarget } from '../eci/placement-target';
import { brand, isBranded } from '../private/brand';
import { checkInteger, invalid, invalidMessage } from '../private/errors';
import { captureArgument, enumShape, optionsShape } from '../private/props-shape';

/** The UID of the `spark` user in Apache Spark's images (`docker-image-tool.sh`, apache/spark-docker). */
const SPARK_IMAGE_UID = 185;

/** The one capability Kubernetes' `restricted` Pod Security Standard lets a container add back. */
const ALLOWED_ADDED_CAPABILITY = 'NET_BIND_SERVICE';

/** Options of `PodSecurityPreset.hardened()`. */
export interface HardenedPodSecurityOptions {
  /**
   * UID the containers run as (`runAsUser` of the pod security context), not 0. A UID is needed
   * because the kubelet cannot check `runAsNonRoot` against an image whose `USER` is a name.
   *
   * @default 185 (the `spark` user of Apache Spark's images)
   */
  readonly runAsUser?: number;

  /**
   * Primary GID of the containers (`runAsGroup` of the pod security context).
   *
   * @default - the image's group for the user
   */
  readonly runAsGroup?: number;

  /**
   * Group that owns mounted volumes (`fsGroup` of the pod security context).
   *
   * @default - none: volume ownership is left as the volume plugin sets it
   */
  readonly fsGroup?: number;

  /**
   * Mount the containers' root filesystem read-only (`readOnlyRootFilesystem`). Spark writes to
   * its work and local directories, so give it writable volumes (e.g. `emptyDir`) first.
   *
   * @default false
   */
  readonly readOnlyRootFilesystem?: boolean;

  /**
   * Where the security contexts are written: the spec fields (`podSecurityContext`,
   * `securityContext`, applied by the operator's webhook), the pod templates (applied by Spark
   * itself, Spark >= 3.0), or both.
   *
   * @default - PlacementTarget.BOTH for Spark >= 3.0, PlacementTarget.SPEC_FIELDS before
   */
  readonly target?: PlacementTarget;
}

/** What each option holds (`captureArgument`); typed, so a new option needs a shape to compile. */
const HARDENED_OPTIONS_SHAPE = optionsShape<HardenedPodSecurityOptions>({
  runAsUser: 'number', runAsGroup: 'number', fsGroup: 'number', readOnlyRootFilesystem: 'boolean', target: enumShape('PlacementTarget', PlacementTarget),
});

/**
 * A security preset for the driver and executor pods, applied with the job's `podSecurity` prop
 * or `applyPodSecurity()`.
 *
 * `hardened()` follows Kubernetes' `restricted` Pod Security Standard: run as a non-root UID,
 * no privilege escalation, every capability dropped, seccomp `RuntimeDefault`. It is written into
 * the pod security context (`runAsNonRoot`, `runAsUser`, `seccompProfile`) and the security
 * context of every container the library renders: the Spark container, sidecars and init
 * containers (`runAsNonRoot`, `allowPrivilegeEscalation: false`, `capabilities.drop: [ALL]`).
 *
 * Merging with what you set yourself: fields the preset does not write are kept; where you chose
 * a value at least as strict (another non-root UID, a `Localhost` seccomp profile, more dropped
 * capabilities, a read-only root filesystem), yours is kept; a value that weakens the preset
 * (`runAsNonRoot: false`, `runAsUser: 0`, `privileged: true`, `allowPrivilegeEscalation: true`,
 * an added capability other than `NET_BIND_SERVICE`, seccomp `Unconfined`) fails synthesis with
 * the field named, rather than being silently overridden or silently kept.
 */
export class PodSecurityPreset {
  /**
   * Non-root (UID 185), no privilege escalation, all capabilities dropped, seccomp
   * `RuntimeDefault`; see `hardened()` to change the UID, groups or the target.
   */
  public static readonly HARDENED: PodSecurityPreset = PodSecurityPreset.hardened();

  /**
   * Whether `x` is a `PodSecurityPreset`, also when another copy of this package made it
   * (`instanceof` is not: an app may load two copies of `cdk8s-spark-eci`).
   *
   * @param x any value
   */
  public static isPodSecurityPreset(x: any): x is PodSecurityPreset {
    return isBranded(x, 'PodSecurityPreset');
  }

  /**
   * Kubernetes' `restricted` Pod Security Standard for the Spark pods.
   *
   * @param options UID, groups, read-only root filesystem and where to write
   */
  public static hardened(options: HardenedPodSecurityOptions = {}): PodSecurityPreset {
    return new PodSecurityPreset(captureArgument('PodSecurityPreset.hardened() options', options, HARDENED_OPTIONS_SHAPE, true) ?? {});
  }

  /** UID the containers run as. */
  public readonly runAsUser: number;
  /** Primary GID of the containers, if set. */
  public readonly runAsGroup?: number;
  /** Group that owns mounted volumes, if set. */
  public readonly fsGroup?: number;
  /** Whether the root filesystem is read-only. */
  public readonly readOnlyRootFilesystem: boolean;
  /** Where the contexts are written, if chosen; otherwise decided from the Spark version. */
  public readonly target?: PlacementTarget;

  private constructor(options: HardenedPodSecurityOptions) {
    brand(this, 'PodSecurityPreset');
    const prop = 'PodSecurityPreset.hardened() options';
    checkInteger(`${prop}.runAsUser`, options.runAsUser, 1, 2147483647);
    checkInteger(`${prop}.runAsGroup`, options.runAsGroup, 0, 2147483647);
    checkInteger(`${prop}.fsGroup`, options.fsGroup, 0, 2147483647);
    if (options.target !== undefined && !(Object.values(PlacementTarget) as string[]).includes(options.target)) {
      invalid(`${prop}.target`, `must be one of PlacementTarget's values (${Object.values(PlacementTarget).join(', ')})`, options.target);
    }
    this.runAsUser = options.runAsUser ?? SPARK_IMAGE_UID;
    this.runAsGroup = options.runAsGroup;
    this.fsGroup = options.fsGroup;
    this.readOnlyRootFilesystem = options.readOnlyRootFilesystem ?? false;
    this.target = options.target;
  }

  /**
   * Merges the preset into a rendered pod security context (JSON, as the CRD spells it).
   * @internal
   */
  public _mergePod(user: { [key: string]: any } | undefined): { [key: string]: any } {
    const out: { [key: string]: any } = { ...user };
    out.runAsNonRoot = user?.runAsNonRoot ?? true;
    out.runAsUser = user?.runAsUser ?? this.runAsUser;
    if (this.runAsGroup !== undefined && user?.runAsGroup === undefined) { out.runAsGroup = this.runAsGroup; }
    if (this.fsGroup !== undefined && user?.fsGroup === undefined) { out.fsGroup = this.fsGroup; }
    out.seccompProfile = user?.seccompProfile ?? { type: 'RuntimeDefault' };
    return out;
  }

  /**
   * Merges the preset into a rendered container security context (JSON).
   * @internal
   */
  public _mergeContainer(user: { [key: string]: any } | undefined): { [key: string]: any } {
    const out: { [key: string]: any } = { ...user };
    out.runAsNonRoot = user?.runAsNonRoot ?? true;
    out.allowPrivilegeEscalation = user?.allowPrivilegeEscalation ?? false;
    const drop: string[] = user?.capabilities?.drop ?? [];
    out.capabilities = {
      ...user?.capabilities,
      drop: drop.includes('ALL') ? [...drop] : ['ALL', ...drop],
    };
    if (this.readOnlyRootFilesystem && user?.readOnlyRootFilesystem === undefined) { out.readOnlyRootFilesystem = true; }
    return out;
  }

  /**
   * Why a user's pod security context weakens the preset (messages; empty when it does not).
   * @internal
   */
  public _podProblems(prop: string, user: { [key: string]: any } | undefined): string[] {
    const problems: string[] = [];
    if (user?.runAsNonRoot === false) {
      problems.push(this.weakens(`${prop}.runAsNonRoot`, 'must not be false', false));
    }
    if (user?.runAsUser === 0) {
      problems.push(this.weakens(`${prop}.runAsUser`, 'must not be 0 (root)', 0));
    }
    problems.push(...this.seccompProblems(`${prop}.seccompProfile`, user?.seccompProfile));
    return problems;
  }

  /**
   * Why a user's container security context weakens the preset (messages; empty when it does not).
   * @internal
   */
  public _containerProblems(prop: string, user: { [key: string]: any } | undefined): string[] {
    const problems: string[] = [];
    if (user?.runAsNonRoot === false) {
      problems.push(this.weakens(`${prop}.runAsNonRoot`, 'must not be false', false));
    }
    if (user?.runAsUser === 0) {
      problems.push(this.weakens(`${prop}.runAsUser`, 'must not be 0 (root)', 0));
    }
    if (user?.privileged === true) {
      problems.push(this.weakens(`${prop}.privileged`, 'must not be true', true));
    }
    if (user?.allowPrivilegeEscalation === true) {
      problems.push(this.weakens(`${prop}.allowPrivilegeEscalation`, 'must not be true', true));
    }
    const added: string[] = user?.capabilities?.add ?? [];
    const extra = added.filter(c => c !== ALLOWED_ADDED_CAPABILITY);
    if (extra.length > 0) {
      problems.push(this.weakens(`${prop}.capabilities.add`, `may only add ${ALLOWED_ADDED_CAPABILITY}`, added));
    }
    problems.push(...this.seccompProblems(`${prop}.seccompProfile`, user?.seccompProfile));
    return problems;
  }

  private seccompProblems(prop: string, profile: { [key: string]: any } | undefined): string[] {
    if (profile?.type === undefined || profile.type === 'RuntimeDefault' || profile.type === 'Localhost') { return []; }
    return [this.weakens(`${prop}.type`, 'must be RuntimeDefault or Localhost', profile.type)];
  }

  private weakens(prop: string, allowed: string, got: unknown): string {
    return invalidMessage(prop, `${allowed} with PodSecurityPreset.hardened(), which it would weaken; remove it or drop the preset`, got);
  }
}
