// What the cluster a job runs on honours: the profile, its presets and the checks it adds.
export * from './cluster-profile';
