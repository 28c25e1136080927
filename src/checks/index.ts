// The synth-time front end over the model: severities users choose for its findings.
export * from './pending-pods';
