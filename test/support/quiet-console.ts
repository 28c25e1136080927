/**
 * Loaded before every test file (jest `setupFilesAfterEnv`, from .projenrc.ts): the library's
 * synth-time warnings (`console.warn`, which `cdk8s synth` shows its users) are captured instead
 * of printed, so the build's log holds test results, not thousands of expected warnings with
 * stack traces. A test that cares about warnings asserts on them, with its own
 * `jest.spyOn(console, 'warn')` or with `takeWarnings()` here.
 */
const captured: string[] = [];

// eslint-disable-next-line no-console
console.warn = (...args: unknown[]): void => { captured.push(args.map(String).join(' ')); };

beforeEach(() => { captured.length = 0; });

/** The warnings printed since the test began (or since the last call), and forgets them. */
export function takeWarnings(): string[] {
  return captured.splice(0, captured.length);
}
