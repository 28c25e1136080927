// The decision a job records about its Pending pods; defined with the other decisions in the model
// (model/decisions.ts), which every front end reads, and exported from here as before.
export { PendingPods } from '../model/decisions';
