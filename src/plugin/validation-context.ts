/**
 * The part of cdk8s-cli's validation plugin contract (`cdk8s-cli/lib/plugins/validation.d.ts`,
 * `ValidationContext` and `ValidationReport`) that `SparkPlanValidation` uses, declared here so
 * the package does not depend on cdk8s-cli at run time and jsii can describe it. cdk8s-cli passes
 * its own objects; `test/spark-plan-validation.test.ts` checks at compile time that they fit these
 * interfaces.
 */

/** Where cdk8s found the construct of a synthesized resource. */
export interface ValidationConstructMetadata {
  /** The construct path in the app (`my-chart/spark-pi/Resource`). */
  readonly path: string;
}

/** A resource that breaks a rule, as cdk8s-cli reports it. */
export interface ValidationViolatingResource {
  /**
   * The resource's `metadata.name`: cdk8s-cli looks the construct path up by it in the
   * app's construct metadata.
   */
  readonly resourceName: string;

  /** Where in the resource the rule is broken (the resource and a YAML path). */
  readonly locations: string[];

  /** The manifest file the resource is written to. */
  readonly manifestPath: string;
}

/** One broken rule, as cdk8s-cli's validation report lists it. */
export interface ValidationViolation {
  /** The rule's name: the plan's code (`NO_ECI_SIZE`, `POLICY_OVERLAP`). */
  readonly ruleName: string;

  /** What is wrong, in the plan's words, led by the severity (`error:` or `warning:`). */
  readonly recommendation: string;

  /** How to fix it. */
  readonly fix: string;

  /** The resources that break the rule. */
  readonly violatingResources: ValidationViolatingResource[];
}

/** The report a validation plugin fills in (cdk8s-cli's `ValidationReport`). */
export interface IValidationReport {
  /**
   * Adds a violation to the report.
   *
   * @param violation the rule, what is wrong, the fix and the resources
   */
  addViolation(violation: ValidationViolation): void;

  /**
   * Closes the report: `success` lets the synth go on, `failure` makes `cdk8s synth` exit non-zero.
   *
   * @param status `success` or `failure`
   * @param metadata extra rows of the report's summary table
   */
  submit(status: string, metadata?: { [key: string]: string }): void;
}

/** Where a validation plugin logs (cdk8s-cli's `ValidationLogger`). */
export interface IValidationLogger {
  /**
   * Prints a line of the synth's output.
   *
   * @param message the line
   */
  log(message: string): void;
}

/** What cdk8s-cli hands a validation plugin after `cdk8s synth` (cdk8s-cli's `ValidationContext`). */
export interface IValidationContext {
  /**
   * Paths of every manifest file the synth wrote (plain `dist/*.k8s.yaml`, or a Helm chart's
   * `templates/`). cdk8s-cli declares the list `readonly`, which jsii cannot express; the plugin
   * never changes it.
   */
  readonly manifests: string[];

  /**
   * Construct paths by resource name, when cdk8s recorded them (it does whenever validations run).
   *
   * @default - no construct paths
   */
  readonly metadata?: { [name: string]: ValidationConstructMetadata };

  /** The report to fill in. */
  readonly report: IValidationReport;

  /** Where to log instead of the console. */
  readonly logger: IValidationLogger;
}
