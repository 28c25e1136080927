/**
 * The synth-time front end of the model: one check of the whole app per synthesis.
 *
 * cdk8s validates an app by walking every construct from the root (`App.synth()` once, then once
 * per chart in `Chart.toJson()`), root first. The first library construct under a root gives the
 * root one validation, which opens a pass: every API object of the app is rendered once
 * (`toJson()`, JSON patches and edits through cdk8s' own APIs included), and the model runs every
 * rule and the planner over the rendered JSON (`planObjects()`), as `plan` does over YAML. Each
 * finding goes to the nearest registered library construct above its object, which reports it
 * with its own validation in the same pass (in its prop names); findings about objects no library
 * construct owns are the root's.
 *
 * Render once (issue #29): cdk8s 2.70.106 has no hook after its final render, so the session
 * brackets the app's `synth()` and `synthYaml()` and each owning chart's `toJson()` itself (see
 * `synth-window.ts`). Inside one such call the first pass renders and checks; the later passes of
 * the same call (one per chart) take its findings, and the library's own API objects give cdk8s'
 * final render the very JSON the checks read (`CheckedApiObject`), once each. Nothing survives the
 * call: the next synthesis, after any edit through cdk8s or the library, renders and checks
 * afresh, and a construct validated outside a synthesis (`job.node.validate()`) is checked afresh.
 */
import { ApiObject, App, Chart, Include } from 'cdk8s';
import { IConstruct } from 'constructs';
import { jobMessages, objectMessages, OwnerMessages } from './job-check';
import { bracketCalls, SynthWindowListener } from './synth-window';
import { JobDecisions } from '../model/decisions';
import { planObjects, SourcedManifest } from '../model/plan';
import { ClusterPlanModel, JobPlanModel, ObjectProblems } from '../model/planner';
import { ApplicationRuleContext } from '../model/rules/spark-application';
import { sameValue } from '../private/same-value';

/** What a library construct tells the checks about the objects it renders. */
export interface CheckedConstructOptions {
  /** A job's decisions, for synthesis when its manifest records none (recording turned off). */
  readonly decisions?: () => JobDecisions;
  /** Facts some rules need about the cluster the construct's jobs run on (its cluster profile). */
  readonly ruleContext?: () => ApplicationRuleContext;
  /**
   * Checks of the construct's own arguments that only make sense on the whole construct (two props
   * that contradict each other); never a judgement about rendered output.
   */
  readonly argumentProblems?: () => readonly string[];
}

/**
 * What a pass plans from: the scope, the render errors, the rendered objects and their origins, each object's
 * decisions and rule context, and each object's owner.
 */
type PassInputs = readonly [
  string, ReadonlyArray<readonly [string, string]>, readonly SourcedManifest[], readonly unknown[], readonly unknown[], ReadonlyArray<string | null>,
];

/** One pass's findings, by owner. */
interface PassResult {
  readonly byOwner: Map<IConstruct | undefined, OwnerMessages>;
  readonly plan: ClusterPlanModel;
  /** Why the manifest of the API object at a path could not be read. */
  readonly readErrors: ReadonlyMap<string, string>;
  readonly objects: readonly ApiObject[];
}

const sessions = new WeakMap<IConstruct, SynthSession>();
const warned = new WeakMap<IConstruct, Set<string>>();

/**
 * Prints a warning on the terminal of `cdk8s synth` (standard error), once per app and text:
 * cdk8s validates several times per synth, and `node.addMetadata` warnings are never printed.
 */
export function warnOnce(scope: IConstruct, text: string): void {
  const root = scope.node.root;
  let seen = warned.get(root);
  if (!seen) { seen = new Set(); warned.set(root, seen); }
  const line = `[${scope.node.path}] warning: ${text}`;
  if (seen.has(line)) { return; }
  seen.add(line);
  console.warn(line);
}

/**
 * Makes `construct` the owner of the findings about the API objects under it (down to the next
 * registered construct), reported with its own validation. Every API object of the app is checked
 * whether or not a construct registers: registering only puts the findings at the construct's
 * path, in its prop names.
 */
export function registerChecked(construct: IConstruct, options: CheckedConstructOptions = {}): void {
  SynthSession.of(construct).register(construct, options);
}

/** The session of the app `scope` belongs to. */
export class SynthSession {
  public static of(scope: IConstruct): SynthSession {
    const root = scope.node.root;
    let session = sessions.get(root);
    if (!session) {
      session = new SynthSession(root);
      sessions.set(root, session);
    }
    return session;
  }

  private readonly owners = new Map<IConstruct, CheckedConstructOptions>();
  private pass?: PassResult;
  private unserved = new Set<IConstruct>();
  /** The last result and what it was computed from (rendered JSON, decisions, contexts, owners). */
  private last?: { readonly inputs: PassInputs; readonly result: PassResult };
  /** How many bracketed synthesis calls are running (they nest: `synth()` calls `Chart.toJson()`). */
  private synthesizing = 0;
  /** The pass of the synthesis running now: its first validation's; later ones take it. */
  private synthPass?: PassResult;
  /** What that pass rendered, by object, until the final render takes it (once) or the synthesis ends. */
  private readonly rendered = new Map<ApiObject, unknown>();
  private readonly window: SynthWindowListener = {
    opened: () => { this.synthesizing++; },
    closed: () => {
      if (--this.synthesizing > 0) { return; }
      this.synthPass = undefined;
      this.rendered.clear();
    },
  };

  private constructor(private readonly root: IConstruct) {
    root.node.addValidation({ validate: () => this.openPass() });
    if (root instanceof App) {
      bracketCalls(root, 'synth', this.window);
      bracketCalls(root, 'synthYaml', this.window);
    }
  }

  /** Registers an owner (once; a second call only adds options). */
  public register(construct: IConstruct, options: CheckedConstructOptions): void {
    const known = this.owners.get(construct);
    this.owners.set(construct, { ...known, ...options });
    if (known) { return; }
    construct.node.addValidation({ validate: () => this.ownerFindings(construct) });
    const chart = chartConstructOf(construct);
    if (chart) { bracketCalls(chart, 'toJson', this.window); }
  }

  /**
   * The JSON the running synthesis rendered for `object` and checked, handed out once: to
   * cdk8s' final render (`CheckedApiObject.toJson()`). Undefined outside a synthesis, and for an
   * object not rendered by it or already handed out, which is then rendered afresh.
   */
  public takeRendered(object: ApiObject): unknown {
    if (this.synthesizing === 0) { return undefined; }
    const json = this.rendered.get(object);
    if (json !== undefined) { this.rendered.delete(object); }
    return json;
  }

  /**
   * The object's JSON as the running synthesis checks it (not handed out: the final render still
   * takes it), or rendered afresh outside a synthesis. For checks of a construct's arguments that
   * read its own manifest; the JSON is shared, never to be changed.
   */
  public renderedJson(object: ApiObject): any {
    return this.synthesizing > 0 && this.rendered.has(object) ? this.rendered.get(object) : object.toJson();
  }

  /**
   * The plan of every API object of the app, afresh (for the testing kit and `policy.plan()`,
   * which run outside validation): the plan synthesis reports.
   */
  public plan(): { plan: ClusterPlanModel; readErrors: ReadonlyMap<string, string>; objects: readonly ApiObject[] } {
    return this.compute(this.root);
  }

  /**
   * The plan of the API objects under `scope` alone, from their YAML only: what `plan` reports for
   * the files they synthesize to (decisions kept out of the YAML are not seen, as `plan` does not).
   */
  public planOf(scope: IConstruct): { plan: ClusterPlanModel; readErrors: ReadonlyMap<string, string>; objects: readonly ApiObject[] } {
    return this.compute(scope, false);
  }

  /** The root's validation: opens a pass and reports the findings no registered construct owns. */
  private openPass(): string[] {
    if (this.synthesizing === 0) {
      this.pass = this.compute(this.root);
    } else {
      // cdk8s validates the whole app once per call and once per chart: one synthesis, one check.
      this.synthPass ??= this.compute(this.root, true, this.rendered);
      this.pass = this.synthPass;
    }
    this.unserved = new Set([...this.owners.keys()]);
    return this.report(this.root, this.pass.byOwner.get(undefined));
  }

  private ownerFindings(owner: IConstruct): string[] {
    let pass = this.pass;
    if (pass && this.unserved.delete(owner)) {
      if (this.unserved.size === 0) { this.pass = undefined; }
    } else {
      pass = this.compute(this.root); // outside a pass of the whole app: check afresh
    }
    const argumentProblems = this.owners.get(owner)?.argumentProblems?.() ?? [];
    return [...argumentProblems, ...this.report(owner, pass.byOwner.get(owner))];
  }

  private report(scope: IConstruct, messages: OwnerMessages | undefined): string[] {
    if (!messages) { return []; }
    for (const warning of messages.warnings) { warnOnce(scope, warning); }
    return [...messages.errors];
  }

  /** The registered construct that answers for an API object: its nearest registered ancestor. */
  private ownerOf(object: IConstruct): IConstruct | undefined {
    const scopes = object.node.scopes;
    for (let i = scopes.length - 1; i >= 0; i--) {
      if (this.owners.has(scopes[i])) { return scopes[i]; }
    }
    return undefined;
  }

  /**
   * @param scope the API objects planned: those under it
   * @param ownersDecide whether registered constructs supply the decisions their manifests do not record (synthesis), or only the YAML counts (`plan`)
   * @param keep where to keep each object's rendered JSON (the synthesis' final render takes it)
   */
  private compute(scope: IConstruct, ownersDecide = true, keep?: Map<ApiObject, unknown>): PassResult {
    const objects = scope.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
    const owners = new Map<string, IConstruct | undefined>();
    const manifests: SourcedManifest[] = [];
    const renderErrors = new Map<string, string>();
    for (const object of objects) {
      const path = object.node.path;
      owners.set(path, this.ownerOf(object));
      let json: any;
      try {
        json = object.toJson();
      } catch (e) {
        renderErrors.set(path, (e as Error).message);
        continue;
      }
      keep?.set(object, json);
      manifests.push({ object: json, origin: { path, group: chartOf(object) } });
    }
    const options = (m: SourcedManifest) => this.owners.get(owners.get(m.origin.path!)!);
    const decisions = new Map(manifests.map(m => [m, ownersDecide ? options(m)?.decisions?.() : undefined]));
    const contexts = new Map(manifests.map(m => [m, options(m)?.ruleContext?.() ?? {}]));
    // The same rendered objects, decisions and contexts plan the same: cdk8s validates once per
    // chart as well as once per app, and nothing changes between those passes of one synth.
    const inputs: PassInputs = [scope.node.path, [...renderErrors], manifests, [...decisions.values()], [...contexts.values()],
      objects.map(o => owners.get(o.node.path)?.node.path ?? null)];
    if (this.last && sameValue(this.last.inputs, inputs)) { return this.last.result; }
    const readErrors = new Map<string, string>(renderErrors);
    const plan = planObjects(manifests, {
      fieldPrefix: '',
      onError: (manifest, error) => { readErrors.set(manifest.origin.path!, error.message); },
      decisionsOf: m => decisions.get(m),
      rulesOf: m => contexts.get(m) ?? {},
    });
    const byOwner = new Map<IConstruct | undefined, OwnerMessages>();
    const messagesOf = (owner: IConstruct | undefined) => {
      let m = byOwner.get(owner);
      if (!m) { m = { errors: [], warnings: [] }; byOwner.set(owner, m); }
      return m;
    };
    const primaryPath = (owner: IConstruct | undefined) => owner?.node.tryFindChild('Resource')?.node.path;
    // Objects a chart `Include`s are planned (they share budgets and quotas), but they are YAML the
    // app only carries: their findings are `plan`'s and the plugin's, which read the same YAML.
    const included = new Set(objects.filter(o => o.node.scopes.some(s => s instanceof Include)).map(o => o.node.path));
    for (const [path, error] of readErrors) {
      if (included.has(path)) { continue; }
      const owner = owners.get(path);
      messagesOf(owner).errors.push(path === primaryPath(owner) ? error : `${path}: ${error}`);
    }
    for (const job of plan.jobs) {
      const path = job.app.origin.path!;
      if (included.has(path)) { continue; }
      const owner = owners.get(path);
      add(messagesOf(owner), jobMessages(job, plan.defaults, objectPrefix(job, path, primaryPath(owner)), owner !== undefined));
    }
    for (const object of plan.objectProblems) {
      const path = object.origin.path!;
      if (included.has(path)) { continue; }
      const owner = owners.get(path);
      add(messagesOf(owner), objectMessages(object, plan.defaults, objectPrefix(object, path, primaryPath(owner)), owner !== undefined));
    }
    const result = { byOwner, plan, readErrors, objects };
    this.last = { inputs, result };
    return result;
  }
}

/** `SparkApplication chart/Job/Resource: ` before a finding about an object that is not its owner's primary one. */
function objectPrefix(o: JobPlanModel | ObjectProblems, path: string, primary: string | undefined): string {
  if (path === primary) { return ''; }
  const ref = 'app' in o ? o.app.ref : o.ref;
  return `${ref.kind} ${path}: `;
}

function add(to: OwnerMessages, from: OwnerMessages): void {
  to.errors.push(...from.errors);
  to.warnings.push(...from.warnings);
}

function chartOf(object: ApiObject): string | undefined {
  return chartConstructOf(object)?.node.path;
}

function chartConstructOf(construct: IConstruct): Chart | undefined {
  try {
    return Chart.of(construct);
  } catch {
    return undefined;
  }
}
