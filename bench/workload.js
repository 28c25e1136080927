'use strict';
// The workloads the benchmark times. Plain CommonJS: the library is the BUILT package in ../lib
// (run `npx projen compile` first; `npx projen bench` does).
//
// Every variant builds a fresh App and returns `app.synthYaml()` (construct + validate + toJson +
// YAML), except the serialization floor, which only runs the yaml library on the same objects.

const path = require('path');

/** Path of the built package (lib/index.js). */
const LIB = path.resolve(__dirname, '..', 'lib');

/** Jobs that share one ResourcePolicy (and one ImageCache). */
const JOBS_PER_POLICY = 10;

const IMAGE = 'registry-cn-hangzhou.ack.aliyuncs.com/ack-demo/spark:3.5.2';

/**
 * The library workload: `n` SparkJobs (the seed's SparkPi, driver and executors tolerating ECI,
 * ECI image-cache auto-matching), one ResourcePolicyUnits per 10 jobs with `addJob()`, and one
 * ImageCache per 10 jobs (`addImageCache()` on the group's first job), all in one chart.
 *
 * Placement: ECS first then ECI with image-cache auto-matching, as the issue asks; each job is
 * also added to its ResourcePolicy (`addJob()` accepts any placement whose pods tolerate ECI).
 *
 * Objects per job: 1 SparkApplication + 0.1 ResourcePolicy + 0.1 ImageCache = 1.2.
 */
function buildSparkApp(n) {
  const { App, Chart, Size } = require('cdk8s');
  const lib = require(LIB);
  const app = new App();
  const chart = new Chart(app, 'spark', { namespace: 'default' });
  // The driver on ECS only (under the policy, ecs max 2 then eci max 3, the first pod of a
  // submission lands on ECS anyway), so the image cache is the executors' only: addImageCache()
  // on an ecsFirst driver would write ECI options the plan says never take effect, and warn.
  const placement = () => lib.SparkPlacement.perRole({
    driver: lib.EciPlacement.ecsOnly(),
    executor: lib.EciPlacement.ecsFirst({ eci: { imageCache: lib.EciImageCache.auto() } }),
  });
  let policy;
  for (let i = 0; i < n; i++) {
    const group = Math.floor(i / JOBS_PER_POLICY);
    if (i % JOBS_PER_POLICY === 0) {
      policy = new lib.ResourcePolicyUnits(chart, `Policy${group}`, {
        metadata: { name: `spark-policy-${group}` },
        ignorePreviousPod: true,
        ignoreTerminatingPod: false,
        preemptPolicy: lib.PreemptPolicy.AFTER_ALL_UNITS,
        units: [
          lib.ResourcePolicyUnit.ecs({ max: 2, nodeSelector: { 'kubernetes.io/arch': 'amd64' } }),
          lib.ResourcePolicyUnit.eci({ max: 3 }),
        ],
      });
    }
    const job = new lib.SparkJob(chart, `Job${i}`, {
      metadata: { name: `spark-pi-${i}`, labels: { team: 'data', group: `g${group}` } },
      type: lib.SparkApplicationType.SCALA,
      mode: lib.DeployMode.CLUSTER,
      sparkVersion: '3.5.2',
      image: IMAGE,
      mainClass: 'org.apache.spark.examples.SparkPi',
      mainApplicationFile: 'local:///opt/spark/examples/jars/spark-examples_2.12-3.5.2.jar',
      arguments: [String(1000 + i)],
      sparkConf: { 'spark.sql.shuffle.partitions': '200' },
      // Sized to fit ECI sizes well, so the synth-time sizing check stays quiet (it prints a
      // warning per role otherwise, and the benchmark would time the console). No coreLimit: a
      // job that needs no cdk8s-plus value (Cpu) never loads cdk8s-plus-28 (issue #17).
      driver: { cores: 1, memory: Size.gibibytes(1), serviceAccount: 'spark-operator-spark' },
      executor: { instances: 5, cores: 2, memory: Size.gibibytes(4) },
      placement: placement(),
    });
    policy.addJob(job, { pendingPods: lib.PendingPods.ALLOW });
    if (i % JOBS_PER_POLICY === 0) {
      job.addImageCache({ metadata: { name: `spark-image-cache-${group}` } });
    }
  }
  return app;
}

/** The library variant: construct + synthYaml. */
function synthSpark(n) {
  return buildSparkApp(n).synthYaml();
}

/** The objects the library variant renders (each chart's toJson, in order), for the floors. */
function sparkObjects(n) {
  const app = buildSparkApp(n);
  const docs = [];
  for (const chart of app.charts) { docs.push(...Object.values(chart.toJson())); }
  return docs;
}

/**
 * The cdk8s floor: the same final objects as plain `ApiObject`s with precomputed JSON, in one
 * chart of one app, then synthYaml. The chart has no namespace: every object carries its own.
 */
function synthFloor(objects) {
  const { App, Chart, ApiObject } = require('cdk8s');
  const app = new App();
  const chart = new Chart(app, 'spark');
  for (let k = 0; k < objects.length; k++) {
    new ApiObject(chart, `o${k}`, objects[k]);
  }
  return app.synthYaml();
}

/** The serialization floor: the yaml library alone, with cdk8s' options (cdk8s `Yaml.stringify`). */
function stringifyYaml(objects) {
  const YAML = require('yaml');
  return objects.map(d => YAML.stringify(d, { keepUndefined: true, lineWidth: 0, version: '1.1' })).join('---\n');
}

/**
 * The peer: `n` cdk8s-plus-28 Deployments of about the size of a SparkApplication (one
 * container with requests and limits, args, a port, labels, a pod annotation and a toleration;
 * cdk8s-plus-28 adds its defaults: selector, strategy, probes, security contexts), one chart,
 * synthYaml.
 */
function synthPlus(n) {
  const { App, Chart, Size } = require('cdk8s');
  const kplus = require('cdk8s-plus-28');
  const app = new App();
  const chart = new Chart(app, 'web', { namespace: 'default' });
  for (let i = 0; i < n; i++) {
    const deployment = new kplus.Deployment(chart, `Deploy${i}`, {
      metadata: { name: `web-${i}`, labels: { team: 'web', group: `g${Math.floor(i / JOBS_PER_POLICY)}` } },
      replicas: 5,
      podMetadata: { annotations: { 'k8s.aliyun.com/eci-image-cache': 'true' } },
      containers: [{
        name: 'web',
        image: IMAGE,
        args: [String(1000 + i)],
        portNumber: 8080,
        resources: {
          cpu: { request: kplus.Cpu.millis(1000), limit: kplus.Cpu.millis(1200) },
          memory: { request: Size.mebibytes(512), limit: Size.mebibytes(512) },
        },
      }],
    });
    deployment.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.is('virtual-kubelet.io/provider', 'alibabacloud', { effect: kplus.TaintEffect.NO_SCHEDULE })));
  }
  return app.synthYaml();
}

module.exports = { LIB, JOBS_PER_POLICY, buildSparkApp, synthSpark, sparkObjects, synthFloor, stringifyYaml, synthPlus };
