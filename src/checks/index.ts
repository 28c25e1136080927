// The synth-time front end over the model: the decisions users make about its findings, and
// whether they travel with the YAML.
export * from './pending-pods';
export * from './decision-recording';
