// Re-exports every layer's public names, flat (jsii and API.md see one namespace).
export * from './profile';
export * from './spark';
export * from './eci';
export * from './resource-policy';
export * from './checks';
export * from './quota';
export * from './model';
export * from './testing';
export * from './plugin';
import { SparkEciValidationError as ValidationError } from './private/errors';
/** The error thrown for every refused value (see its class). */
export const SparkEciValidationError = ValidationError;
/** The error thrown for every refused value (see its class). */
export type SparkEciValidationError = ValidationError;
