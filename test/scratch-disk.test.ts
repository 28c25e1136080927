import { Chart, Size, Testing } from 'cdk8s';
import { EciPlacement, ScratchDisk, ScratchMedium, SparkClusterProfile, SparkJob, SparkPlacement } from '../src';
import { planOfYaml } from './support/plan';
import { renderJob, SHUFFLE_BASE } from './support/shuffle-jobs';
import { planReportOf } from '../src/checks/cluster-check';
import { renderTable } from '../src/cli/render';
import { JobPlan, planManifests } from '../src/model/plan';

const EXTRA = 'k8s.aliyun.com/eci-extra-ephemeral-storage';

/** A job's disk findings, without the cold-start warning every auto-matching ECI job without an ImageCache has. */
function diskProblems(job: JobPlan): JobPlan['problems'] {
  return job.problems.filter(p => p.code !== 'IMAGE_CACHE_ON_FIRST_RUN');
}

describe('ScratchDisk', () => {
  test('writes a sized spark-local-dir emptyDir, its mount and the ECI extra disk on an ECI role', () => {
    const app = renderJob({
      executor: { instances: 4, cores: 2, scratch: ScratchDisk.ofSize(Size.gibibytes(100)) },
      placement: SparkPlacement.recommended({}),
    });
    expect(app.spec.volumes).toEqual([{ name: 'spark-local-dir-executor', emptyDir: { sizeLimit: '100Gi' } }]);
    expect(app.spec.executor.volumeMounts).toEqual([{ name: 'spark-local-dir-executor', mountPath: '/var/data/spark-local-dir-executor' }]);
    expect(app.spec.executor.annotations[EXTRA]).toBe('100Gi');
    expect(app.spec.driver.annotations).toBeUndefined();
    expect(app).toMatchSnapshot();
  });

  test('writes no ECI annotation on a role that stays on ECS', () => {
    const app = renderJob({ driver: { scratch: ScratchDisk.ofSize(Size.gibibytes(20)) } });
    expect(app.spec.volumes).toEqual([{ name: 'spark-local-dir-driver', emptyDir: { sizeLimit: '20Gi' } }]);
    expect(app.spec.driver.annotations).toBeUndefined();
  });

  test('a tmpfs scratch is a Memory emptyDir and buys no ECI disk', () => {
    const app = renderJob({
      executor: { instances: 1, scratch: ScratchDisk.ofSize(Size.gibibytes(2), { medium: ScratchMedium.MEMORY }) },
      placement: SparkPlacement.of(EciPlacement.eciOnly()),
    });
    expect(app.spec.volumes).toEqual([{ name: 'spark-local-dir-executor', emptyDir: { sizeLimit: '2Gi', medium: 'Memory' } }]);
    expect(app.spec.executor.annotations?.[EXTRA]).toBeUndefined();
  });

  test('keeps an extraEphemeralStorage given in the ECI options', () => {
    const app = renderJob({
      executor: { instances: 1, scratch: ScratchDisk.ofSize(Size.gibibytes(40)) },
      placement: SparkPlacement.perRole({ executor: EciPlacement.eciOnly({ eci: { extraEphemeralStorage: Size.gibibytes(60) } }) }),
    });
    expect(app.spec.executor.annotations[EXTRA]).toBe('60Gi');
  });

  test.each([
    [Size.mebibytes(1536), 'ScratchDisk.ofSize() size must be a whole number of GiB from 1 up, as ECI sells extra ephemeral storage in whole GiB (e.g. Size.gibibytes(100)) (got "1.5 GiB")'],
    [Size.gibibytes(0), 'ScratchDisk.ofSize() size must be a whole number of GiB from 1 up, as ECI sells extra ephemeral storage in whole GiB (e.g. Size.gibibytes(100)) (got "0 GiB")'],
    ['100Gi' as any, 'ScratchDisk.ofSize() size must be a Size, e.g. Size.gibibytes(4) or Size.mebibytes(512) (got "100Gi")'],
  ])('refuses a size ECI cannot give: %p', (size, message) => {
    expect(() => ScratchDisk.ofSize(size)).toThrow(message);
  });

  test('refuses an unknown medium and a scratch that is not a ScratchDisk', () => {
    expect(() => ScratchDisk.ofSize(Size.gibibytes(1), { medium: 'SSD' as any }))
      .toThrow('ScratchDisk.ofSize() options.medium must be one of DISK, MEMORY (ScratchMedium) (got "SSD")');
    const chart = new Chart(Testing.app(), 'test');
    expect(() => new SparkJob(chart, 'Job', { ...SHUFFLE_BASE, executor: { scratch: { sizeGibibytes: 10 } as any } }))
      .toThrow('executor.scratch must be made with ScratchDisk.ofSize() (got {"sizeGibibytes":10})');
  });

  test('synthesis warns about a shuffle-heavy job on the free 30 GiB, naming the prop, and not once scratch is sized', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      renderJob({ sparkConf: { 'spark.sql.shuffle.partitions': '1000' }, placement: SparkPlacement.recommended({}) });
      expect(warn.mock.calls.map(c => String(c[0])).filter(w => w.includes('shuffle-heavy'))).toEqual([
        '[test/Job] warning: SparkApplication default/etl: sparkConf["spark.sql.shuffle.partitions"] is above Spark\'s default of 200, a shuffle-heavy job, '
        + 'but its executors may run on ECI with only the free 30 GiB of disk (shared with the image) for shuffle and spill, and ECI evicts a pod whose '
        + 'disk fills: give executor.scratch a size (ScratchDisk.ofSize()) or use a remote shuffle service (got 1000)',
      ]);
      warn.mockClear();
      renderJob({
        sparkConf: { 'spark.sql.shuffle.partitions': '1000' },
        executor: { instances: 4, cores: 2, scratch: ScratchDisk.ofSize(Size.gibibytes(200)) },
        placement: SparkPlacement.recommended({}),
      });
      expect(warn.mock.calls.filter(c => String(c[0]).includes('shuffle-heavy'))).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });

  test('the synth plan shows the disk per pod and what ECI bills for it', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'default' });
    new SparkJob(chart, 'Job', {
      ...SHUFFLE_BASE,
      executor: { instances: 4, cores: 2, scratch: ScratchDisk.ofSize(Size.gibibytes(100)) },
      placement: SparkPlacement.recommended({}),
    });
    const executor = planReportOf(chart).jobs[0].roles[1];
    expect(executor.disk).toEqual({
      scratch: ['spark-local-dir-executor emptyDir 100Gi'],
      scratchMebibytes: 102400,
      eciEphemeralGibibytes: 130,
      eciBilledExtraGibibytes: 100,
      eciImageGibibytes: 2,
      imageSizeAssumed: true,
      eciScratchGibibytes: 128,
    });
  });
});

/** A hand-written SparkApplication on ECI (ECI only executors), with extra spec YAML. */
function handWritten(executorExtra: string, specExtra = ''): string {
  return `apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata:
  name: etl
  namespace: default
spec:
  type: Scala
  sparkVersion: 3.5.2
  image: spark:3.5.2
  mainApplicationFile: local:///opt/app.jar
${specExtra}  driver:
    cores: 1
  executor:
    instances: 3
    cores: 2
    tolerations:
      - key: virtual-kubelet.io/provider
        operator: Equal
        value: alibabacloud
        effect: NoSchedule
    affinity:
      nodeAffinity:
        requiredDuringSchedulingIgnoredDuringExecution:
          nodeSelectorTerms:
            - matchExpressions:
                - key: type
                  operator: In
                  values: [virtual-kubelet]
${executorExtra}`;
}

describe('the plan of hand-written scratch disks', () => {
  test('reads the spark-local-dir volume and the extra ECI disk, and prints one disk line', () => {
    const report = planManifests([{
      file: 'etl.yaml',
      text: handWritten(`    annotations:
      k8s.aliyun.com/eci-extra-ephemeral-storage: 100Gi
    volumeMounts:
      - name: spark-local-dir-1
        mountPath: /data
`, `  volumes:
    - name: spark-local-dir-1
      emptyDir:
        sizeLimit: 100Gi
`),
    }]);
    const job = report.jobs[0];
    expect(job.roles[1].disk).toEqual({
      scratch: ['spark-local-dir-1 emptyDir 100Gi'],
      scratchMebibytes: 102400,
      eciEphemeralGibibytes: 130,
      eciBilledExtraGibibytes: 100,
      eciImageGibibytes: 2,
      imageSizeAssumed: true,
      eciScratchGibibytes: 128,
    });
    expect(diskProblems(job)).toEqual([]);
    expect(renderTable(report)).toContain('  disk        executor: scratch spark-local-dir-1 emptyDir 100Gi; ECI disk 130 GiB per pod, 100 GiB billed above the free 30 GiB, '
      + '128 GiB left after the image');
  });

  test('reads scratch written as Spark confs, and warns when it outgrows the ECI disk', () => {
    const report = planManifests([{
      file: 'etl.yaml',
      text: handWritten('', `  sparkConf:
    spark.kubernetes.executor.volumes.emptyDir.spark-local-dir-1.mount.path: /data
    spark.kubernetes.executor.volumes.emptyDir.spark-local-dir-1.options.sizeLimit: 50Gi
`),
    }]);
    const job = report.jobs[0];
    expect(job.roles[1].disk.scratch).toEqual(['spark-local-dir-1 emptyDir 50Gi']);
    expect(diskProblems(job).map(p => [p.code, p.severity, p.message])).toEqual([[
      'SCRATCH_EXCEEDS_ECI_DISK', 'WARNING',
      'the executor pods\' scratch space may grow beyond what the image leaves of their ECI disk, and ECI evicts a pod whose disk fills: raise '
      + 'spec.executor.annotations k8s.aliyun.com/eci-extra-ephemeral-storage (ScratchDisk writes it) or lower the sizeLimit (got scratch sizeLimit 50 GiB, '
      + 'ECI disk 30 GiB of which the image takes 2 GiB (twice its assumed 1 GiB compressed): 28 GiB left)',
    ]]);
  });

  test('warns about a shuffle-heavy job on the free 30 GiB, and not with a remote shuffle service', () => {
    const heavy = '  sparkConf:\n    spark.sql.shuffle.partitions: "2000"\n';
    const report = planManifests([{ file: 'etl.yaml', text: handWritten('', heavy) }]);
    expect(diskProblems(report.jobs[0]).map(p => p.message)).toEqual([
      'spec.sparkConf["spark.sql.shuffle.partitions"] is above Spark\'s default of 200, a shuffle-heavy job, but its executors may run on ECI with only '
      + 'the free 30 GiB of disk (shared with the image) for shuffle and spill, and ECI evicts a pod whose disk fills: give executor.scratch a size '
      + '(ScratchDisk.ofSize()) or use a remote shuffle service (got 2000)',
    ]);
    const remote = planManifests([{ file: 'etl.yaml', text: handWritten('', `${heavy}    spark.shuffle.manager: org.apache.spark.shuffle.celeborn.SparkShuffleManager\n`) }]);
    expect(diskProblems(remote.jobs[0])).toEqual([]);
  });

  // ECI "Scale up the temporary storage space" (DOMAIN.md §4): the free 30 GiB "is shared between the container image and your running
  // workloads ... the image occupies at least twice its compressed size".
  test('a 30 GiB scratch on the free 30 GiB warns: the image takes its share first (1 GiB compressed assumed: 28 GiB left)', () => {
    const scratch30 = `    volumeMounts:
      - name: spark-local-dir-1
        mountPath: /data
`;
    const volume = (size: string) => `  volumes:
    - name: spark-local-dir-1
      emptyDir:
        sizeLimit: ${size}
`;
    const plan = (executorExtra: string, size = '30Gi', metadata = '') => planManifests([{
      file: 'etl.yaml', text: handWritten(executorExtra, volume(size)).replace('  namespace: default\n', `  namespace: default\n${metadata}`),
    }]).jobs[0];
    const job = plan(scratch30);
    expect(diskProblems(job).map(p => [p.code, p.message.slice(p.message.indexOf('(got'))])).toEqual([['SCRATCH_EXCEEDS_ECI_DISK',
      '(got scratch sizeLimit 30 GiB, ECI disk 30 GiB of which the image takes 2 GiB (twice its assumed 1 GiB compressed): 28 GiB left)']]);
    expect(planManifests([{ file: 'etl.yaml', text: handWritten(scratch30, volume('30Gi')) }]).assumptions).toContain(
      'an ECI pod\'s image is assumed to be 1 GiB compressed, taking 2 GiB of its disk, where no cdk8s-spark-eci/image-size annotation '
      + '(or cluster profile imageSize) gives its size');
    // 28 GiB fits what is left; a 3 GiB image (6 GiB on disk) leaves 24; extra storage adds to the disk.
    expect(diskProblems(plan(scratch30, '28Gi'))).toEqual([]);
    const bigImage = plan(scratch30, '28Gi', '  annotations:\n    cdk8s-spark-eci/image-size: 3Gi\n');
    expect(bigImage.roles[1].disk).toMatchObject({ eciImageGibibytes: 6, imageSizeAssumed: false, eciScratchGibibytes: 24 });
    expect(diskProblems(bigImage).map(p => p.code)).toEqual(['SCRATCH_EXCEEDS_ECI_DISK']);
    const withExtra = plan(`    annotations:\n      ${EXTRA}: 10Gi\n${scratch30}`, '30Gi');
    expect(withExtra.roles[1].disk).toMatchObject({ eciEphemeralGibibytes: 40, eciScratchGibibytes: 38 });
    expect(diskProblems(withExtra)).toEqual([]);
    // A role's own annotation names its own image's size.
    const own = plan(`    annotations:\n      cdk8s-spark-eci/image-size: 500Mi\n${scratch30}`, '29Gi');
    expect(own.roles[1].disk).toMatchObject({ eciImageGibibytes: 0.98, imageSizeAssumed: false });
    expect(diskProblems(own)).toEqual([]);
  });

  test('an image size that is not a quantity is refused, naming the field', () => {
    const text = handWritten('    annotations:\n      cdk8s-spark-eci/image-size: big\n');
    expect(() => planManifests([{ file: 'etl.yaml', text }])).toThrow('spec.executor.annotations["cdk8s-spark-eci/image-size"] must be the compressed size '
      + 'of the image as a Kubernetes quantity, such as "1Gi" or "800Mi" (got "big")');
  });

  test('the cluster profile\'s imageSize is written on the application, read by synth and plan alike', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'default' });
    const profile = SparkClusterProfile.ackSparkOperator({ imageSize: Size.gibibytes(4) });
    new SparkJob(chart, 'Job', {
      ...SHUFFLE_BASE,
      profile,
      executor: { instances: 2, cores: 2, scratch: ScratchDisk.ofSize(Size.gibibytes(30)) },
      placement: SparkPlacement.perRole({ executor: EciPlacement.eciOnly({ eci: { extraEphemeralStorage: Size.gibibytes(5) } }) }),
    });
    const [manifest] = Testing.synth(chart).filter(o => o.kind === 'SparkApplication');
    expect(manifest.metadata.annotations).toEqual({ 'cdk8s-spark-eci/image-size': '4Gi' });
    const [atSynth, fromYaml] = [planReportOf(chart), planOfYaml(chart)];
    expect(atSynth.jobs[0].roles[1].disk).toMatchObject({ eciEphemeralGibibytes: 35, eciImageGibibytes: 8, eciScratchGibibytes: 27 });
    expect(atSynth.jobs[0].roles[1].disk.imageSizeAssumed).toBe(false);
    expect(fromYaml.jobs[0].roles[1].disk).toEqual(atSynth.jobs[0].roles[1].disk);
    expect(diskProblems(fromYaml.jobs[0]).map(p => p.code)).toEqual(['SCRATCH_EXCEEDS_ECI_DISK']);
    expect(() => SparkClusterProfile.ackSparkOperator({ imageSize: '4Gi' as any })).toThrow('options.imageSize must be a Size, e.g. Size.gibibytes(4) or Size.mebibytes(512) (got "4Gi")');
  });

  test('counts an ephemeral-storage request above 30 GiB in the pod template as extra disk', () => {
    const report = planManifests([{
      file: 'etl.yaml',
      text: handWritten(`    template:
      spec:
        containers:
          - name: spark-kubernetes-executor
            resources:
              requests:
                ephemeral-storage: 80Gi
`),
    }]);
    expect(report.jobs[0].roles[1].disk.eciBilledExtraGibibytes).toBe(50);
  });
});
