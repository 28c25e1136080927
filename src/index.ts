// Re-exports every layer's public names, flat (jsii and API.md see one namespace).
export * from './spark';
export * from './eci';
export * from './resource-policy';
export * from './checks';
export * from './quota';
export * from './model';
