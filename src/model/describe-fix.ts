/**
 * How to fix each finding of the plan, in the words of the YAML it was read from
 * (`spec.executor.instances`). `describe.ts` says what is wrong; this says what to change. Front
 * ends that read manifests (the cdk8s validation plugin) print it beside the finding. The tables
 * are typed over every code, so a new `PendingReasonCode` or `ProblemCode` does not compile until
 * it has a fix here.
 */
import { DRIVER_TIMEOUT_CONF, DRIVER_TIMEOUT_PLUGIN, DRIVER_TIMEOUT_SINCE, SPARK_PLUGINS_CONF } from './deadlines';
import { DecisionAnnotation } from './decisions';
import { FieldNamer } from './describe';
import { ECI_ANNOTATION_KEYS } from './eci-annotation-keys';
import { ECI_FORCE_LABEL } from './eci-scheduling';
import { GANG_MIN_AVAILABLE_LABEL, GANG_NAME_LABEL } from './gang';
import { PendingReasonCode, ProblemCode } from './planner';
import { IMAGE_SIZE_ANNOTATION } from './scratch-disk';

const PENDING_FIXES: Record<PendingReasonCode, (role: string, field: FieldNamer, dynamicAllocation: boolean) => string> = {
  // Pods only dynamic allocation asks for come from maxExecutors, not from executor.instances.
  [PendingReasonCode.UNIT_CAPS]: (role, field, dynamicAllocation) => 'Raise the max of a unit of the ResourcePolicy'
    + `${role === 'executor' ? `, or lower ${field(dynamicAllocation ? 'dynamicAllocation.maxExecutors' : 'executor.instances')}` : ''}.`,
  [PendingReasonCode.SHARED_BUDGET]: () =>
    'Add sparkoperator.k8s.io/submission-id to the ResourcePolicy\'s matchLabelKeys so that each submission counts its own pods, '
    + 'or raise the units\' max.',
  [PendingReasonCode.UNIT_REFUSES]: (role, field) =>
    `Let the unit take the pods (its nodeSelector against ${field(`${role}.tolerations`)} and ${field(`${role}.affinity`)}), `
    + 'or set the ResourcePolicy\'s whenTryNextUnits.policy to LackResourceOrExceedMax so that the pods move on to the next unit.',
  [PendingReasonCode.NO_UNIT_ADMITS]: (role, field) =>
    `Change a unit's nodeSelector, or ${field(`${role}.tolerations`)}, ${field(`${role}.affinity`)} and ${field(`${role}.nodeSelector`)}, `
    + 'so that at least one unit of the ResourcePolicy can take the pods.',
  [PendingReasonCode.MISSING_MATCH_LABEL]: (role, field) =>
    `Add the label to ${field(`${role}.labels`)}, or remove it from the ResourcePolicy's matchLabelKeys.`,
  [PendingReasonCode.NO_NODE]: (role, field) =>
    `Remove what refuses the pods: change ${field(`${role}.nodeSelector`)}, ${field(`${role}.affinity`)} or ${field(`${role}.tolerations`)} `
    + 'so that an ECS node or an ECI virtual node can take them.',
  [PendingReasonCode.NO_ECI_SIZE]: (role, field) =>
    `Lower ${field(`${role}.cores`)}, ${field(`${role}.memory`)} or ${field(`${role}.memoryOverhead`)} to a size ECI offers, `
    + 'or fix the ECI annotations named above, or let the pods run on ECS.',
  [PendingReasonCode.QUOTA]: (role, field) =>
    `Raise the max of the ElasticQuotaTree node named above, or lower the job's requests${role === 'executor' ? ` (${field('executor.instances')}, cores, memory)` : ''}, `
    + 'or submit the job once the jobs before it have finished.',
  [PendingReasonCode.QUEUE]: (_role, field) =>
    `Lower the job's whole request (${field('executor.instances')}, cores, memory) below its quota leaf's max, or raise that max: `
    + 'ack-kube-queue releases only a job its quota can take whole.',
  [PendingReasonCode.GANG]: () =>
    `Put ${GANG_NAME_LABEL} and ${GANG_MIN_AVAILABLE_LABEL} on the executors only, with a min-available the driver creates at start and the plan can place.`,
};

const PROBLEM_FIXES: Record<ProblemCode, (role: string, field: FieldNamer) => string> = {
  [ProblemCode.POLICY_OVERLAP]: () => 'Make the ResourcePolicies\' selectors disjoint, so that one policy selects each pod.',
  [ProblemCode.SCHEDULED_SELECTOR_NEVER_MATCHES]: () =>
    'Select the runs on the label sparkoperator.k8s.io/scheduled-app-name, or on a label of the job, not on its app-name.',
  [ProblemCode.ECI_LABEL_UNDER_POLICY]: (role, field) =>
    `Remove "${ECI_FORCE_LABEL}" from ${field(`${role}.labels`)} and let the ResourcePolicy's units place the pods.`,
  [ProblemCode.SPOT_DRIVER]: (_role, field) =>
    `Remove the spot annotations from ${field('driver.annotations')}: keep the driver on ECS or on pay-as-you-go ECI.`,
  [ProblemCode.ECI_OPTIONS_NEVER_APPLY]: (role, field) =>
    `Remove the ECI annotations from ${field(`${role}.annotations`)}, or let the pods run on ECI (tolerate the ECI virtual node's taint).`,
  [ProblemCode.ECI_SIZE_MAY_NOT_FIT]: (role, field) =>
    `Lower ${field(`${role}.cores`)} or ${field(`${role}.memory`)} to a size ECI offers, or keep the pods off ECI.`,
  [ProblemCode.UNBOUNDED_DYNAMIC_ALLOCATION]: (_role, field) =>
    `Set ${field('dynamicAllocation.maxExecutors')}, so that the plan (and the cluster) know the most executors Spark asks for.`,
  [ProblemCode.QUOTA_EXCEEDS_MAX]: (_role, field) =>
    `Lower the job's requests (${field('executor.instances')}, cores, memory) or raise the max of its ElasticQuotaTree leaf.`,
  [ProblemCode.QUOTA_EVICTION_RISK]: () =>
    'Raise the min of the job\'s ElasticQuotaTree leaf to cover its pods, or run it apart from the jobs that take their own leaf\'s min back.',
  [ProblemCode.QUOTA_TREES]: () => 'Keep one ElasticQuotaTree in the app: ACK reads one per cluster.',
  [ProblemCode.GANG_UNREACHABLE]: () =>
    `Keep the driver out of the gang, and lower ${GANG_MIN_AVAILABLE_LABEL} to the executors the driver creates at start and the plan can place, `
    + 'or make room for the Pending pods.',
  [ProblemCode.GANG_LABELS_INCONSISTENT]: (_role, field) =>
    `Give ${field('driver.labels')} and ${field('executor.labels')} the same ${GANG_NAME_LABEL} and ${GANG_MIN_AVAILABLE_LABEL}.`,
  [ProblemCode.GANG_PRIORITY_DIFFERS]: (_role, field) =>
    `Give ${field('driver.priorityClassName')} and ${field('executor.priorityClassName')} the same value.`,
  [ProblemCode.GANG_GROUP_SHARED]: () =>
    'Give each job (and each run of a ScheduledSparkApplication: concurrencyPolicy Forbid or Replace) its own gang group name.',
  [ProblemCode.KUEUE_DYNAMIC_ALLOCATION]: (_role, field) =>
    `Turn ${field('dynamicAllocation.enabled')} and ${field('sparkConf["spark.dynamicAllocation.enabled"]')} off (SparkJobDefaults and addSparkConf() `
    + `write sparkConf too) and give a fixed ${field('executor.instances')}.`,
  [ProblemCode.IMAGE_CACHE_ON_FIRST_RUN]: () => 'Add an ImageCache for the image, so that the first run starts from the cache too, '
    + `or set ${ECI_ANNOTATION_KEYS.IMAGE_CACHE_AUTO_ECI}: "false" to pull the image every time without a cache.`,
  [ProblemCode.SCRATCH_EXCEEDS_ECI_DISK]: (role, field) =>
    `Raise ${field(`${role}.annotations`)} ${ECI_ANNOTATION_KEYS.EXTRA_EPHEMERAL_STORAGE} to the scratch sizeLimit, or lower the sizeLimit; `
    + `if the image is smaller than assumed, give its compressed size in the ${IMAGE_SIZE_ANNOTATION} annotation.`,
  [ProblemCode.SPARK_REFUSES_VALUE]: () =>
    'Give the setting a value Spark accepts, as the message says, or remove it: Spark refuses the application as it is.',
  [ProblemCode.WEBHOOK_REFUSES_VALUE]: (role, field) =>
    `Write ${field(`${role}.memoryLimit`)} as a Kubernetes quantity ("10Gi") or a Java size with a lower-case unit ("10g").`,
  [ProblemCode.DEADLINE_START_MISSING]: (role, field) =>
    `Set ${ECI_ANNOTATION_KEYS.MAX_PENDING_MINUTE} (10 to 1440 minutes) in ${field(`${role}.annotations`)}.`,
  [ProblemCode.DEADLINE_RUN_MISSING]: (_role, field) =>
    `Set ${DRIVER_TIMEOUT_CONF} (such as "120min") in ${field('sparkConf')} and add ${DRIVER_TIMEOUT_PLUGIN} to ${SPARK_PLUGINS_CONF}, `
    + `on sparkVersion ${DRIVER_TIMEOUT_SINCE} or later.`,
  [ProblemCode.DEADLINE_CLEAN_UP_MISSING]: (_role, field) => `Set ${field('timeToLiveSeconds')} to the seconds the finished application is kept.`,
  [ProblemCode.CONCURRENCY_POLICY_UNSET]: () => 'Set spec.concurrencyPolicy to Allow, Forbid or Replace (ScheduledSparkJob writes Allow unless told otherwise).',
  [ProblemCode.DEADLINE_RUN_IGNORED]: (_role, field) =>
    `Give ${DRIVER_TIMEOUT_CONF} in whole minutes, add ${DRIVER_TIMEOUT_PLUGIN} to ${field('sparkConf')} ${SPARK_PLUGINS_CONF} `
    + `and run sparkVersion ${DRIVER_TIMEOUT_SINCE} or later; or remove it.`,
  [ProblemCode.SHUFFLE_ON_DEFAULT_ECI_DISK]: (_role, field) =>
    `Give the executors sized scratch space (${field('executor.volumes')} with ${ECI_ANNOTATION_KEYS.EXTRA_EPHEMERAL_STORAGE}) or use a remote shuffle service.`,
  [ProblemCode.ECI_UNUSED_SHARE]: (role, field) =>
    `Lower ${field(`${role}.cores`)} or ${field(`${role}.memory`)} to fit the size named, or list a smaller size first in ${ECI_ANNOTATION_KEYS.USE_SPECS}; `
    + `to accept it, annotate the application ${DecisionAnnotation.UNUSED_SHARE_WARNING}: ${role}=0.`,
  [ProblemCode.POLICY_PLACES_NONE]: () =>
    `Make the ResourcePolicy's selector match the job's pods (and no other policy select them first), or remove it from ${DecisionAnnotation.RESOURCE_POLICIES}.`,
  [ProblemCode.POLICY_IN_OTHER_NAMESPACE]: () => 'Put the job in the ResourcePolicy\'s namespace, or give the job a policy of its own namespace.',
  [ProblemCode.DECISION_INVALID]: () => 'Write the annotation as documented (docs/validation.md, "Decisions in the YAML"), or remove it.',
  [ProblemCode.API_SERVER_REFUSES]: () => 'Change the value to one the API server accepts, as the message says.',
  [ProblemCode.DUPLICATE_OBJECT]: () => 'Give each object its own name, or keep one of them.',
  [ProblemCode.NODE_SELECTOR_ON_APP_AND_ROLE]: (role, field) => `Keep ${field('nodeSelector')} or ${field(`${role}.nodeSelector`)}, not both.`,
  [ProblemCode.SPARK_CONF_DENIED]: () => 'Remove the key from sparkConf and set the typed field the message names.',
  [ProblemCode.SPARK_NAMESPACE_CONF_MISMATCH]: () => 'Remove spark.kubernetes.namespace from sparkConf: the operator sets it from the object\'s namespace.',
  [ProblemCode.TEMPLATE_NEEDS_SPARK_3]: (role, field) => `Remove ${field(`${role}.template`)}, or use Spark 3.0 or later.`,
  [ProblemCode.DYNAMIC_ALLOCATION_NEEDS_SPARK_3]: (_role, field) => `Turn ${field('dynamicAllocation.enabled')} off, or use Spark 3.0 or later.`,
  [ProblemCode.INSTANCES_ABOVE_MAX_EXECUTORS]: (_role, field) =>
    `Lower ${field('executor.instances')} to at most ${field('dynamicAllocation.maxExecutors')}, or raise maxExecutors.`,
  [ProblemCode.VOLUME_MOUNT_UNDEFINED]: (_role, field) => `Add the volume to ${field('volumes')}, or remove the mount.`,
  [ProblemCode.PYTHON_VERSION_WITHOUT_PYTHON]: (_role, field) => `Remove ${field('pythonVersion')}: it applies to Python applications only.`,
  [ProblemCode.PYTHON_2_UNSUPPORTED]: (_role, field) => `Set ${field('pythonVersion')} to "3".`,
  [ProblemCode.SCHEDULED_NAME_TOO_LONG]: () => 'Shorten metadata.name so that the name of each run fits 63 characters.',
  [ProblemCode.SPARK_CONNECT_NAME_TOO_LONG]: () => 'Shorten metadata.name to at most 56 characters.',
  [ProblemCode.SPARK_CONNECT_IMAGE_MISSING]: () => 'Set spec.image.',
  [ProblemCode.DYNAMIC_ALLOCATION_BOUNDS]: () => 'Order the bounds: minExecutors <= initialExecutors <= maxExecutors.',
  [ProblemCode.SPARK_MEMORY_FORMAT]: () => 'Write the memory as Spark does: a whole number and a unit, e.g. 512m or 4g.',
  [ProblemCode.IMAGE_MISSING]: (role, field) => `Set ${field('image')} (or ${field(`${role}.image`)}).`,
  [ProblemCode.REMOTE_SHUFFLE_NEEDS_SPARK_3_5]: (_role, field) => `Turn ${field('dynamicAllocation.enabled')} off, or use sparkVersion 3.5 or later.`,
  [ProblemCode.REMOTE_SHUFFLE_WITH_SHUFFLE_SERVICE]: (_role, field) =>
    `Set ${field('sparkConf')} spark.shuffle.service.enabled to false (RemoteShuffle.celeborn() writes it), or leave it out.`,
  [ProblemCode.DECOMMISSION_NEEDS_SPARK_3_1]: (_role, field) => `Use sparkVersion 3.1 or later, or remove the decommissioning keys from ${field('sparkConf')}.`,
  [ProblemCode.SPARK_CONNECT_GRPC_PORT]: () => 'Remove spark.connect.grpc.binding.port from sparkConf (or set it to 15002): the operator\'s Service targets 15002.',
};

/**
 * How to get a role's Pending pods scheduled, naming fields with `field`.
 *
 * @param dynamicAllocation whether only dynamic allocation asks for the pods (`PendingGroup.dynamicAllocation`)
 */
export function describePendingFix(code: PendingReasonCode, role: string, field: FieldNamer, dynamicAllocation = false): string {
  return PENDING_FIXES[code](role, field, dynamicAllocation);
}

/** How to fix a problem the plan found, naming fields with `field`. */
export function describeProblemFix(code: ProblemCode, role: string | null, field: FieldNamer): string {
  return PROBLEM_FIXES[code](role ?? 'executor', field);
}
