// The checks a cluster profile adds to a job: plain data in (the job's rendered manifest and a
// few facts about it), messages out, phrased in the job's prop names.
import { SparkClusterProfile, OperatorWebhook } from './cluster-profile';
import { fieldsNewerThan } from './operator-fields';
import { webhookFieldUses, WebhookFieldUse } from './webhook-fields';
import { invalidMessage } from '../private/errors';
import { compareVersions } from '../private/names';

/** What the gates read about one job. */
export interface ProfiledJob {
  /** The job's manifest as it synthesizes (`toManifest()`). */
  readonly manifest: any;
  /** Whether it is a ScheduledSparkApplication. */
  readonly scheduled: boolean;
  /** Its namespace (`default` when none is set). */
  readonly namespace: string;
  /** Its job queue's system (`KUEUE`, `ACK_KUBE_QUEUE`), if it has one. */
  readonly queue?: string;
}

/** The application spec of a rendered manifest (a scheduled job's `template`). */
export function applicationSpecOf(job: ProfiledJob): any {
  return job.scheduled ? job.manifest?.spec?.template ?? {} : job.manifest?.spec ?? {};
}

/** Whether, with the webhook off, the pod templates can carry the webhook-only fields. */
export function templatesAvailable(profile: SparkClusterProfile, sparkVersion: string): boolean {
  return profile.operatorAtLeast('2.1') && compareVersions(sparkVersion, '3.0.0') >= 0;
}

/** The errors the profile finds in a job. */
export function profileProblems(profile: SparkClusterProfile, job: ProfiledJob): string[] {
  const problems: string[] = [];
  const got = `operatorVersion ${profile.operatorVersion}`;
  const spec = job.manifest?.spec ?? {};

  for (const tooNew of fieldsNewerThan(spec, profile.operatorVersion, job.scheduled)) {
    if (tooNew.field.field === 'suspend' && job.queue) { continue; } // the queue's own message says it
    const prop = tooNew.field.prop && tooNew.path === tooNew.field.field ? `${tooNew.field.prop} (${tooNew.path})` : tooNew.path;
    problems.push(invalidMessage(prop,
      `needs Spark Operator >= ${tooNew.field.since}, whose CRD added it (an older CRD prunes it); the cluster profile is ${profile.source}`, got));
  }

  if (job.queue && !profile.operatorAtLeast('2.4')) {
    problems.push(invalidMessage('queue',
      `needs Spark Operator >= 2.4, which added suspend (Kueue and ack-kube-queue hold jobs with it); the cluster profile is ${profile.source}`, got));
  }

  if (job.queue === 'ACK_KUBE_QUEUE' && profile.ackKubeQueueSparkApp === false) {
    problems.push(invalidMessage('queue',
      'needs ack-kube-queue with its sparkapp extension (v0.4.0+), which un-suspends a SparkApplication when its quota can take it; '
      + `without it ack-kube-queue queues only TfJob and PyTorchJob and nothing ever un-suspends the job; the cluster profile is ${profile.source}`,
      'ackKubeQueueSparkApp false'));
  }

  problems.push(...namespaceProblems(profile, job.namespace));

  if (profile.webhook === OperatorWebhook.DISABLED) {
    const sparkVersion = String(applicationSpecOf(job).sparkVersion ?? '');
    const templates = templatesAvailable(profile, sparkVersion);
    for (const use of webhookFieldUses(applicationSpecOf(job))) {
      if (use.field.refusal) {
        problems.push(invalidMessage(use.path, `is applied only by the operator's webhook, which the cluster profile turns off: ${use.field.refusal}`, 'webhook DISABLED'));
      } else if (!templates) {
        problems.push(invalidMessage(use.path,
          'is applied only by the operator\'s webhook, which the cluster profile turns off, and cannot go into the pod template: '
          + 'templates need Spark Operator >= 2.1 and sparkVersion >= 3.0', `${got}, sparkVersion ${sparkVersion}`));
      }
    }
  }
  return problems;
}

/** The warnings the profile has about a job: each webhook-only field while the webhook state is unknown. */
export function profileWarnings(profile: SparkClusterProfile, job: ProfiledJob): string[] {
  if (profile.webhook !== OperatorWebhook.UNKNOWN) { return []; }
  return webhookFieldUses(applicationSpecOf(job)).map((use: WebhookFieldUse) =>
    `${use.path} is applied to the pods only by the operator's webhook (${use.field.step}), and the cluster profile does not know whether it runs: `
    + 'set webhook OperatorWebhook.ENABLED, or OperatorWebhook.DISABLED to write it into the pod template'
    + (use.field.templateField ? ` (template.spec.${use.field.templateField})` : ''));
}

/** The namespace check of every kind the operator reconciles: a namespace it does not watch is never served. */
function namespaceProblems(profile: SparkClusterProfile, namespace: string): string[] {
  if (profile.watches(namespace)) { return []; }
  return [invalidMessage('namespace',
    `must be one the operator watches (the cluster profile's jobNamespaces: ${profile.jobNamespaces!.join(', ')}); `
    + 'the operator never submits a job in another namespace: add it to the chart value spark.jobNamespaces',
    namespace)];
}

/** The release that added the SparkConnect CRD and its controller. */
const SPARK_CONNECT_SINCE = '2.3';

/** The errors the profile finds in a SparkConnect server: the operator release, the namespace. */
export function sparkConnectProblems(profile: SparkClusterProfile, namespace: string): string[] {
  const problems: string[] = [];
  if (!profile.operatorAtLeast(SPARK_CONNECT_SINCE)) {
    problems.push(invalidMessage('SparkConnectServer',
      `needs Spark Operator >= ${SPARK_CONNECT_SINCE}, which added the SparkConnect CRD (an older cluster refuses the kind); `
      + `the cluster profile is ${profile.source}`, `operatorVersion ${profile.operatorVersion}`));
  }
  problems.push(...namespaceProblems(profile, namespace));
  return problems;
}
