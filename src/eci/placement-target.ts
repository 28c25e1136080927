// Where a placement rule is written. It lives in eci/ because placements (EciPlacement) write
// into a role through it, and eci/ must not import spark/; the roles (spark/) import it from here.

/** Where a placement rule is written: the spec fields, the pod template, or both. */
export enum PlacementTarget {
  /** `affinity` / `tolerations` / `nodeSelector` of the role: applied by the operator's webhook. */
  SPEC_FIELDS = 'SPEC_FIELDS',
  /** The role's `template`: applied by Spark itself (Spark >= 3.0, operator >= 2.1), no webhook needed. */
  POD_TEMPLATE = 'POD_TEMPLATE',
  /** Both: works whether or not the webhook runs. */
  BOTH = 'BOTH',
}

/** Where to write a placement rule (tolerations, node affinity, node selectors). */
export interface PlacementOptions {
  /**
   * Write into the spec fields, the pod template, or both.
   *
   * @default PlacementTarget.SPEC_FIELDS
   */
  readonly target?: PlacementTarget;
}
