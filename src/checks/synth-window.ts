/**
 * Tells the synth session when a synthesis starts and ends.
 *
 * cdk8s 2.70.106 validates the app and then renders it inside one call (`App.synth()`,
 * `App.synthYaml()`, `Chart.toJson()`; `node_modules/cdk8s/lib/app.js`), and offers no hook
 * after its final render. To hand the final render the JSON its checks read (render once, issue
 * #29) the session must know which validations and renders belong to one call, and that nothing
 * it rendered outlives the call: so it wraps those methods on the app and on each chart that holds
 * a library construct. The wrapper is an own property of that one instance (never cdk8s'
 * prototype), calls the method the instance had (a subclass' override included) and only
 * brackets it: the call's arguments, result and exceptions pass through unchanged.
 *
 * A jsii host (Python, Java, .NET, Go) calls an object's method through the jsii kernel, which
 * looks it up on the class' prototype before the object (aws/jsii `@jsii/kernel` `kernel.ts`,
 * `_findInvokeTarget()`), so there the host's own call of `app.synth()` is not bracketed; the
 * `Chart.toJson()` calls cdk8s makes inside it are JavaScript calls and are. The app's first
 * validation then renders and checks on its own, and the chart's pass renders once more (its plan
 * is reused, as the rendered JSON is the same). The YAML and the findings are the same.
 */

/** What is told when a bracketed call starts and ends (calls may nest: `synth()` calls `toJson()`). */
export interface SynthWindowListener {
  /** A bracketed call starts. */
  opened(): void;
  /** A bracketed call ends, returned or thrown. */
  closed(): void;
}

const bracketed = new WeakMap<object, Set<string>>();

/**
 * Brackets every later call of `target[method]` with `listener` (once per target and method; a
 * target without such a method is left alone).
 */
export function bracketCalls(target: object, method: string, listener: SynthWindowListener): void {
  let methods = bracketed.get(target);
  if (!methods) { methods = new Set(); bracketed.set(target, methods); }
  if (methods.has(method)) { return; }
  const original: unknown = (target as any)[method];
  if (typeof original !== 'function') { return; }
  methods.add(method);
  Object.defineProperty(target, method, {
    configurable: true,
    enumerable: false,
    writable: true,
    value: function bracketedCall(this: unknown, ...args: unknown[]): unknown {
      listener.opened();
      try {
        return original.apply(this, args);
      } finally {
        listener.closed();
      }
    },
  });
}
