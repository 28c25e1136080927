// ACK's ResourcePolicy as a construct, its units and selectors, and the placement plan view.
export * from './resource-policy-unit';
export * from './resource-policy-units';
export * from './placement-plan';
