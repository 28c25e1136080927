// The cdk8s validation plugin (a front end over the model, like the `plan` command).
export * from './validation-context';
export * from './spark-plan-validation';
