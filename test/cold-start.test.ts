/**
 * What the first run pays before its ECI pods start: the image source per role and ECI's
 * pending limit, from the app and from hand-written YAML alike.
 */
import { ApiObject, Chart, Duration, Size, Testing, Yaml } from 'cdk8s';
import { EciImageCache, EciPlacement, ImageCache, SparkApplicationType, SparkJob, SparkJobProps, SparkPlacement, SparkTesting } from '../src';
import { renderTable } from '../src/cli/render';
import { planManifests, PlanReport } from '../src/model/plan';
import { ProblemCode } from '../src/model/planner';

const IMAGE = 'registry-cn-hangzhou.ack.aliyuncs.com/ack-demo/spark:3.5.2';
const base: SparkJobProps = {
  type: SparkApplicationType.SCALA,
  sparkVersion: '3.5.2',
  image: IMAGE,
  mainApplicationFile: 'local:///opt/spark/examples/jars/spark-examples_2.12-3.5.2.jar',
  metadata: { name: 'etl' },
  driver: { cores: 1, memory: Size.mebibytes(512) },
  executor: { instances: 2, cores: 1, memory: Size.gibibytes(2) },
};

function planOf(props: Partial<SparkJobProps>, withCacheObject = false): PlanReport {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'spark' });
  const job = new SparkJob(chart, 'Job', { ...base, ...props });
  if (withCacheObject) { job.addImageCache({ retention: Duration.days(7) }); }
  const yaml = Yaml.stringify(...chart.node.findAll().filter(ApiObject.isApiObject).map(o => (o as ApiObject).toJson()));
  return planManifests([{ file: 'app.k8s.yaml', text: yaml }]);
}

const FIRST_RUN = 'the ECI pods auto-match an image cache (ECI\'s default unless k8s.aliyun.com/eci-auto-imc is "false"), and no ImageCache object '
  + 'in the app makes one ahead: the first run pulls the image and creates a billed cache, later runs hit it; add an ImageCache for the image '
  + `to start fast from the first run (got driver and executor pods, ${IMAGE})`;


/** The job's problems about cold start (the seed's driver also wastes more of its ECI size than the default threshold). */
function coldStartProblems(job: { problems: Array<{ code: string; severity: string; message: string }> }) {
  return job.problems.filter(p => p.code !== ProblemCode.ECI_UNUSED_SHARE);
}

describe('cold start', () => {
  test('ECS-only roles have none', () => {
    expect(planOf({}).jobs[0].coldStart).toEqual([]);
  });

  // ECI "使用ImageCache加速创建Pod" (doc 141241, DOMAIN.md §4): eci-auto-imc "默认为true … 如果没有完全匹配,系统会在创建Pod
  // 的同时自动创建对应的ImageCache". The seed's own first run, with no cache annotation: ImageCacheMissed, then ImageCacheAutoCreated.
  test('no annotation is ECI\'s default, auto-matching: the first run creates the cache, later runs hit it (the seed\'s events)', () => {
    const job = planOf({ placement: SparkPlacement.of(EciPlacement.eciOnly()) }).jobs[0];
    expect(job.coldStart.map(c => [c.role, c.source, c.maxPendingMinutes, c.message])).toEqual([
      ['driver', 'CACHE_ON_FIRST_RUN', 240, `the first run pulls ${IMAGE} and creates an image cache (billed), later runs hit it; ECI gives up a Pending pod after 240 min`],
      ['executor', 'CACHE_ON_FIRST_RUN', 240, `the first run pulls ${IMAGE} and creates an image cache (billed), later runs hit it; ECI gives up a Pending pod after 240 min`],
    ]);
    expect(coldStartProblems(job).map(p => [p.code, p.message])).toEqual([[ProblemCode.IMAGE_CACHE_ON_FIRST_RUN, FIRST_RUN]]);
  });

  test('no annotation and an ImageCache for the image in the app: a cache hit from the first run, no warning', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'spark' });
    new SparkJob(chart, 'Job', { ...base, placement: SparkPlacement.of(EciPlacement.eciOnly()) });
    new ImageCache(chart, 'Cache', { images: [IMAGE] });
    const yaml = Yaml.stringify(...chart.node.findAll().filter(ApiObject.isApiObject).map(o => (o as ApiObject).toJson()));
    const job = planManifests([{ file: 'app.k8s.yaml', text: yaml }]).jobs[0];
    expect(job.coldStart.map(c => [c.role, c.source])).toEqual([['driver', 'CACHE_OBJECT'], ['executor', 'CACHE_OBJECT']]);
    expect(coldStartProblems(job)).toEqual([]);
    SparkTesting.assertImageCacheOnEci(chart);
  });

  test('only eci-auto-imc: "false" (EciImageCache.off()) pulls every time, with no cache and no warning', () => {
    const job = planOf({ placement: SparkPlacement.of(EciPlacement.eciOnly({ eci: { imageCache: EciImageCache.off() } })) }, true).jobs[0];
    expect(job.coldStart.map(c => [c.role, c.source, c.message])).toEqual([
      ['driver', 'PULL', `every pod pulls ${IMAGE} (image-cache matching turned off); ECI gives up a Pending pod after 240 min`],
      ['executor', 'PULL', `every pod pulls ${IMAGE} (image-cache matching turned off); ECI gives up a Pending pod after 240 min`],
    ]);
    expect(coldStartProblems(job)).toEqual([]);
  });

  test('the older ACK name eci-image-cache: "false" turns matching off too; eci-auto-imc wins when both are written', () => {
    const annotated = (annotations: { [key: string]: string }) => planOf({
      placement: SparkPlacement.of(EciPlacement.eciOnly()),
      executor: { ...base.executor, annotations },
    }).jobs[0].coldStart[1].source;
    expect(annotated({ 'k8s.aliyun.com/eci-image-cache': 'false' })).toBe('PULL');
    expect(annotated({ 'k8s.aliyun.com/eci-image-cache': 'false', 'k8s.aliyun.com/eci-auto-imc': 'true' })).toBe('CACHE_ON_FIRST_RUN');
  });

  test('auto-matching without an ImageCache object: the first run creates the cache, and a warning says so', () => {
    const eci = { imageCache: EciImageCache.auto(), maxPending: Duration.minutes(30) };
    const report = planOf({ placement: SparkPlacement.of(EciPlacement.eciOnly({ eci })) });
    const job = report.jobs[0];
    expect(job.coldStart.map(c => [c.source, c.maxPendingMinutes])).toEqual([['CACHE_ON_FIRST_RUN', 30], ['CACHE_ON_FIRST_RUN', 30]]);
    expect(coldStartProblems(job).map(p => [p.code, p.severity, p.message])).toEqual([[ProblemCode.IMAGE_CACHE_ON_FIRST_RUN, 'WARNING', FIRST_RUN]]);
    // One line for both roles, since their first run looks the same.
    expect(renderTable(report)).toContain(`  cold start  driver and executor: the first run pulls ${IMAGE} and creates an image cache (billed), `
      + 'later runs hit it; ECI gives up a Pending pod after 30 min\n');
  });

  test('auto-matching with the job\'s ImageCache object: cached from the first run, no warning', () => {
    const job = planOf({ placement: SparkPlacement.of(EciPlacement.eciOnly({ eci: { imageCache: EciImageCache.auto() } })) }, true).jobs[0];
    expect(job.coldStart.map(c => [c.source, c.caches.map(r => r.kind)])).toEqual([['CACHE_OBJECT', ['ImageCache']], ['CACHE_OBJECT', ['ImageCache']]]);
    expect(coldStartProblems(job)).toEqual([]);
  });

  test('many ImageCache objects holding the image: the first is named, all are counted, and the report stays linear', () => {
    const cache = (name: string) => `apiVersion: eci.alibabacloud.com/v1\nkind: ImageCache\nmetadata:\n  name: ${name}\nspec:\n  images:\n    - ${IMAGE}\n`;
    const chart = new Chart(Testing.app(), 'test', { namespace: 'spark' });
    new SparkJob(chart, 'Job', { ...base, placement: SparkPlacement.of(EciPlacement.eciOnly({ eci: { imageCache: EciImageCache.auto() } })) });
    const app = Yaml.stringify(...chart.node.findAll().filter(ApiObject.isApiObject).map(o => (o as ApiObject).toJson()));
    const plan = (caches: number) => planManifests([{ file: 'app.k8s.yaml', text: [app, ...Array.from({ length: caches }, (_, i) => cache(`cache-${i}`))].join('---\n') }]);
    const [driver] = plan(3).jobs[0].coldStart;
    expect([driver.source, driver.caches.map(c => c.name), driver.cachesHolding]).toEqual(['CACHE_OBJECT', ['cache-0'], 3]);
    expect(driver.message).toBe(`${IMAGE} from ImageCache cache-0 (or 2 other ImageCaches holding it), made ahead, so from the first run; ECI gives up a Pending pod after 240 min`);
    expect(plan(2).jobs[0].coldStart[0].message).toContain('from ImageCache cache-0 (or 1 other ImageCache holding it), made ahead');
    // 500 caches more add nothing to the job's report.
    expect(JSON.stringify(plan(501).jobs[0]).length - JSON.stringify(plan(1).jobs[0]).length).toBeLessThan(100);
  });

  test('a cache by id', () => {
    const job = planOf({ placement: SparkPlacement.of(EciPlacement.eciOnly({ eci: { imageCache: EciImageCache.id('imc-2ze0123456789abcdef') } })) }).jobs[0];
    expect(job.coldStart[0]).toMatchObject({ source: 'CACHE_ID', cacheId: 'imc-2ze0123456789abcdef' });
    expect(job.coldStart[0].message).toBe(`${IMAGE} from image cache imc-2ze0123456789abcdef, if it exists in the pods' region; ECI gives up a Pending pod after 240 min`);
  });

  test('synthesis prints the first-run warning once', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'spark' });
    new SparkJob(chart, 'Job', { ...base, placement: SparkPlacement.of(EciPlacement.eciOnly({ eci: { imageCache: EciImageCache.auto() } })) });
    const printed: string[] = [];
    const spy = jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => { printed.push(args.join(' ')); });
    try {
      Testing.synth(chart);
    } finally {
      spy.mockRestore();
    }
    expect(printed.filter(w => w.includes('image cache'))).toEqual([`[test/Job] warning: SparkApplication spark/etl: ${FIRST_RUN}`]);
  });
});
