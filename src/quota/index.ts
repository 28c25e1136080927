// ACK capacity scheduling: the ElasticQuotaTree construct and its quota nodes.
export * from './elastic-quota-tree';
