// The SparkApplication spec of a job, as the CRD spells it: rendered from the job's props and what
// its mutators wrote (job-state.ts), then the post-render steps, in this order: the gang's labels,
// the queue's `suspend`, what addJob() and addImageCache() write on the roles they reach, the
// scratch disks' ECI storage, the deadlines, the ECI sizes fitted to the rendered pods, and the
// cluster profile's webhook-free rendering. Also the object's metadata with the queue's labels.
import type { ApiObjectMetadata } from 'cdk8s';
import { withEciRoleWrites } from './eci-role-writes';
import { renderForProfile } from './job-profile';
import type { JobIdentity, JobState } from './job-state';
import { ECI_ANNOTATIONS } from '../../eci/eci-annotations';
import { initialExecutorCount } from '../../model/applications';
import { eciCapableRoles } from '../../model/selection';
import { SparkJobSizing } from '../../model/spark-job-sizing';
import { invalid } from '../../private/errors';
import { k8sJson } from '../../private/k8s-json';
import { compact, definedMetadata, listOrUndefined, mapOrUndefined, wholeSeconds } from '../../private/render';
import { toQuantity } from '../../private/units';
import { renderDynamicAllocation } from '../dynamic-allocation-internal';
import { withGangLabels } from '../gang-scheduling-internal';
import { withDeadlines } from '../job-deadlines-internal';
import type { JobQueue } from '../job-queue';
import { withScratchAnnotations } from '../scratch-disk-internal';
import { DeployMode } from '../spark-application-options';

/** The rendered spec, afresh: whatever changed since (a mutator, an edit through cdk8s) is in it. */
export function renderedApplication(job: JobIdentity, state: JobState): { [key: string]: any } {
  return renderApplicationSpec(job, state);
}

/** Renders the SparkApplication spec, as the CRD spells it, with the post-render steps. */
export function renderApplicationSpec(job: JobIdentity, state: JobState): { [key: string]: any } {
  const p = state.props;
  const ui = p.sparkUiOptions;
  const bs = p.batchSchedulerOptions;
  const spec = compact({
    type: p.type,
    mode: p.mode ?? DeployMode.CLUSTER,
    image: p.image,
    imagePullPolicy: p.imagePullPolicy,
    imagePullSecrets: listOrUndefined(state.imagePullSecrets),
    mainClass: p.mainClass,
    mainApplicationFile: p.mainApplicationFile,
    arguments: listOrUndefined(state.arguments),
    sparkVersion: p.sparkVersion,
    sparkConf: state.conf.renderSparkConf(),
    hadoopConf: state.conf.renderHadoopConf(),
    sparkConfigMap: p.sparkConfigMap,
    hadoopConfigMap: p.hadoopConfigMap,
    deps: mapOrUndefined(state.deps),
    restartPolicy: p.restartPolicy?._render(),
    dynamicAllocation: renderDynamicAllocation(p.dynamicAllocation, state.shuffle !== undefined),
    timeToLiveSeconds: wholeSeconds('timeToLive', p.timeToLive, 0),
    volumes: listOrUndefined(state.volumes, v => k8sJson.toJson_Volume(v)),
    nodeSelector: mapOrUndefined(p.nodeSelector),
    monitoring: p.monitoring && compact({
      exposeDriverMetrics: p.monitoring.exposeDriverMetrics ?? false,
      exposeExecutorMetrics: p.monitoring.exposeExecutorMetrics ?? false,
      metricsProperties: p.monitoring.metricsProperties,
      metricsPropertiesFile: p.monitoring.metricsPropertiesFile,
      prometheus: p.monitoring.prometheus && compact({ ...p.monitoring.prometheus }),
    }),
    sparkUIOptions: ui && compact({
      servicePort: ui.servicePort,
      servicePortName: ui.servicePortName,
      serviceType: ui.serviceType,
      serviceAnnotations: mapOrUndefined(ui.serviceAnnotations),
      serviceLabels: mapOrUndefined(ui.serviceLabels),
      ingressAnnotations: mapOrUndefined(ui.ingressAnnotations),
      ingressTLS: listOrUndefined(ui.ingressTls, t => k8sJson.toJson_IngressTls(t)),
    }),
    batchScheduler: p.batchScheduler?.name,
    batchSchedulerOptions: bs && compact({
      queue: bs.queue,
      priorityClassName: bs.priorityClassName,
      resources: mapOrUndefined(compact({ cpu: bs.cpu?.amount, memory: bs.memory && toQuantity('batchSchedulerOptions.memory', bs.memory, { positive: true }) })),
    }),
    pythonVersion: p.pythonVersion,
    memoryOverheadFactor: p.memoryOverheadFactor?.toString(),
    proxyUser: p.proxyUser,
    driver: job.driver._render(),
    executor: job.executor._render(),
  });
  const gang = p.gang && withGangLabels(spec, p.gang, job.name, initialExecutorCount(spec));
  const queued = p.queue?._suspends ? { ...gang ?? spec, suspend: true } : gang ?? spec;
  // Which roles may run on ECI is the model's answer about the rendered pods, hand-written
  // tolerations and affinity included: only those buy ECI storage for their scratch disk.
  const manifest = { apiVersion: job.apiObject.apiVersion, kind: 'SparkApplication', metadata: job.apiObject.metadata.toJson(), spec: queued };
  const eci = eciCapableRoles(manifest);
  // What addJob() and addImageCache() asked for goes on the roles they reach in this render.
  const written = withEciRoleWrites(queued, manifest, eci, state.eciRoleWrites);
  const scratched = withScratchAnnotations(written, { driver: job.driver.scratch, executor: job.executor.scratch },
    { driver: eci.includes('driver'), executor: eci.includes('executor') });
  const deadlined = withDeadlines(scratched, p.deadlines, eci, state.placement);
  return renderForProfile(state.profile, withFittedInstanceSpecs(job, state, deadlined),
    { driver: job.driver.containerName, executor: job.executor.containerName });
}

/**
 * Writes the ECI size each role's pods are billed at into `k8s.aliyun.com/eci-use-specs` where
 * the placement asks for it (`fitInstanceSpecs`), sized from the spec as rendered.
 */
function withFittedInstanceSpecs(job: JobIdentity, state: JobState, spec: { [key: string]: any }): { [key: string]: any } {
  const fitted = rolesToFit(state, spec);
  if (fitted.length === 0) { return spec; }
  let sizing: SparkJobSizing;
  try {
    sizing = sizeRendered(job, spec);
  } catch {
    return spec; // a value Spark refuses: the plan of the rendered manifest reports it
  }
  const out = { ...spec };
  for (const roleName of fitted) {
    const billed = sizing[roleName].eciFit.billed;
    if (billed) {
      out[roleName] = { ...spec[roleName], annotations: { ...spec[roleName].annotations, [ECI_ANNOTATIONS.USE_SPECS]: billed.toString() } };
    }
  }
  return out;
}

/** Roles whose placement fits instance specs and that have none yet. */
export function rolesToFit(state: JobState, spec: { [key: string]: any }): Array<'driver' | 'executor'> {
  const placement = state.placement;
  if (!placement) { return []; }
  return (['driver', 'executor'] as const).filter(roleName =>
    placement[roleName].fitInstanceSpecs && spec[roleName]?.annotations?.[ECI_ANNOTATIONS.USE_SPECS] === undefined);
}

/** Sizes a rendered application spec, naming fields after the job's props. */
export function sizeRendered(job: JobIdentity, spec: { [key: string]: any }): SparkJobSizing {
  return SparkJobSizing._fromManifest({ apiVersion: 'sparkoperator.k8s.io/v1beta2', kind: 'SparkApplication', metadata: { name: job.name }, spec }, '');
}

/** The application object's metadata as given, with the labels of the job's queue. */
export function withQueueLabels(queue: JobQueue | undefined, metadata: ApiObjectMetadata | undefined): ApiObjectMetadata | undefined {
  const queueLabels = queue?._labels() ?? {};
  const given = metadata?.labels ?? {};
  for (const [key, value] of Object.entries(queueLabels)) {
    if (given[key] !== undefined && given[key] !== value) {
      invalid(`metadata.labels["${key}"]`, 'must be left to the queue prop, which writes it', given[key]);
    }
  }
  if (Object.keys(queueLabels).length === 0) { return definedMetadata(metadata); }
  return definedMetadata({ ...metadata, labels: { ...given, ...queueLabels } });
}
