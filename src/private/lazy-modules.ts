/**
 * Heavy dependencies loaded on first use, not when the package is required.
 *
 * cdk8s-plus-28 (its generated `k8s` bindings are 2.7 MB of JavaScript) cost about half of the
 * package's cold `require` (issue #17), yet a job uses it only to render pass-through structures
 * (volumes, security contexts, templates...) and to make driver RBAC objects. The types stay
 * ordinary `import type`s (jsii and TypeScript need them, and they cost nothing at run time);
 * values come from here, so an app whose jobs use none of those paths never loads it.
 */
import type * as Cdk8sPlus from 'cdk8s-plus-28';
import type * as JsYaml from 'js-yaml';

let cdk8sPlusModule: typeof Cdk8sPlus | undefined;

/** cdk8s-plus-28, loaded on the first call. */
export function cdk8sPlus(): typeof Cdk8sPlus {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  cdk8sPlusModule ??= require('cdk8s-plus-28') as typeof Cdk8sPlus;
  return cdk8sPlusModule;
}

let jsYamlModule: typeof JsYaml | undefined;

/**
 * js-yaml, loaded on the first call: only the `plan` command and the cdk8s plugin read YAML
 * (src/private/yaml-documents.ts; synthesis writes it through cdk8s, which brings its own `yaml`).
 */
export function jsYaml(): typeof JsYaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  jsYamlModule ??= require('js-yaml') as typeof JsYaml;
  return jsYamlModule;
}
