/**
 * Marks for the library's value classes that survive a second copy of the package.
 *
 * `instanceof` refuses a value made by another copy of `cdk8s-spark-eci` (an app and a library it
 * uses may each install one). Like cdk8s' `ApiObject.isApiObject`, each class marks its instances
 * with a symbol from the global registry (`Symbol.for`), which every copy shares.
 */

/** The registry key for a class: `cdk8s-spark-eci.<name>`. */
function symbolOf(name: string): symbol {
  return Symbol.for(`cdk8s-spark-eci.${name}`);
}

/** Marks `obj` as an instance of the library's class `name` (call it in the constructor). */
export function brand(obj: object, name: string): void {
  Object.defineProperty(obj, symbolOf(name), { value: true });
}

/** Whether `x` was marked by `brand(x, name)`, by this or any other copy of the package. */
export function isBranded(x: unknown, name: string): boolean {
  return x !== null && typeof x === 'object' && (x as { [key: symbol]: unknown })[symbolOf(name)] === true;
}
