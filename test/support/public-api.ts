/**
 * The package's public entry points, read from its TypeScript declarations the way jsii reads them:
 * every exported class, its public constructor, static methods and instance methods (inherited
 * ones included), leaving out `_`-prefixed and `@internal` members, with the type of each
 * parameter. A new class, factory or mutator is picked up without a list to update.
 */
/* eslint-disable no-bitwise */ // TypeScript's symbol, type and modifier flags are bit sets
import * as path from 'path';
import * as ts from 'typescript';

/** The repository root. */
export const ROOT = path.join(__dirname, '..', '..');

let cached: ts.Program | undefined;

/** The TypeScript program of `src/`, with the repository's compiler options (built once per test file). */
export function sourceProgram(): ts.Program {
  if (cached) { return cached; }
  const configPath = path.join(ROOT, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  cached = ts.createProgram({ rootNames: [path.join(ROOT, 'src', 'index.ts')], options: { ...parsed.options, noEmit: true } });
  return cached;
}

/** One parameter of an entry point. */
export interface ApiParameter {
  readonly name: string;
  readonly type: ts.Type;
  readonly optional: boolean;
  /** `...name: T[]`: `type` is then the element type. */
  readonly rest: boolean;
}

/** A public constructor, static method or instance method. */
export interface EntryPoint {
  /** `new SparkJob`, `SparkEventLog.toOss`, `AbstractSparkJob#addSparkConf` (the declaring class). */
  readonly id: string;
  readonly kind: 'new' | 'static' | 'method';
  /** The exported class. */
  readonly className: string;
  /** The class that declares the member (a base class for inherited methods). */
  readonly declaringClass: string;
  readonly name: string;
  readonly parameters: readonly ApiParameter[];
  /** Whether the class is a construct (its constructor's first two parameters are `scope` and `id`). */
  readonly construct: boolean;
}

/** Every public entry point of `src/index.ts`, deduplicated by declaring class. */
export function publicEntryPoints(): EntryPoint[] {
  const program = sourceProgram();
  const checker = program.getTypeChecker();
  const index = program.getSourceFile(path.join(ROOT, 'src', 'index.ts'))!;
  const moduleSymbol = checker.getSymbolAtLocation(index)!;
  const out = new Map<string, EntryPoint>();
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (!(symbol.flags & ts.SymbolFlags.Class)) { continue; }
    const declaration = symbol.declarations?.find(ts.isClassDeclaration);
    if (!declaration || !declaration.getSourceFile().fileName.includes(`${path.sep}src${path.sep}`)) { continue; }
    const className = symbol.getName();
    const abstract = (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Abstract) !== 0;
    const staticType = checker.getTypeOfSymbolAtLocation(symbol, declaration);
    const construct = isConstruct(checker, checker.getDeclaredTypeOfSymbol(symbol));

    // the constructor
    const ctor = declaration.members.find(ts.isConstructorDeclaration);
    if (!abstract && !isHidden(ctor)) {
      for (const signature of staticType.getConstructSignatures().slice(0, 1)) {
        out.set(`new ${className}`, {
          id: `new ${className}`,
          kind: 'new',
          className,
          declaringClass: className,
          name: 'constructor',
          construct,
          parameters: parametersOf(checker, signature),
        });
      }
    }
    // static methods (own only: statics are called on the class that declares them)
    for (const member of checker.getPropertiesOfType(staticType)) {
      if (!(member.flags & ts.SymbolFlags.Method)) { continue; }
      const decl = member.valueDeclaration;
      if (!decl || isHidden(decl) || decl.parent !== declaration) { continue; }
      const signature = checker.getTypeOfSymbolAtLocation(member, decl).getCallSignatures()[0];
      out.set(`${className}.${member.getName()}`, {
        id: `${className}.${member.getName()}`,
        kind: 'static',
        className,
        declaringClass: className,
        name: member.getName(),
        construct,
        parameters: parametersOf(checker, signature),
      });
    }
    // instance methods, inherited ones under the class that declares them
    for (const member of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol))) {
      if (!(member.flags & ts.SymbolFlags.Method)) { continue; }
      const decl = member.valueDeclaration;
      if (!decl || isHidden(decl) || !ts.isClassLike(decl.parent)) { continue; }
      const declaringFile = decl.getSourceFile().fileName;
      if (!declaringFile.includes(`${path.sep}src${path.sep}`)) { continue; } // Construct's own methods (toString, node...)
      const declaringClass = decl.parent.name?.getText() ?? className;
      const id = `${declaringClass}#${member.getName()}`;
      if (out.has(id)) { continue; }
      const signature = checker.getTypeOfSymbolAtLocation(member, decl).getCallSignatures()[0];
      out.set(id, {
        id,
        kind: 'method',
        className,
        declaringClass,
        name: member.getName(),
        construct,
        parameters: parametersOf(checker, signature),
      });
    }
  }
  return [...out.values()];
}

/** Private, protected, `_`-prefixed and `@internal` members are not part of the jsii API. */
function isHidden(decl: ts.Declaration | undefined): boolean {
  if (!decl) { return false; }
  const flags = ts.getCombinedModifierFlags(decl);
  if (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) { return true; }
  const name = (decl as ts.NamedDeclaration).name;
  if (name && (ts.isPrivateIdentifier(name) || name.getText().startsWith('_'))) { return true; }
  return ts.getJSDocTags(decl).some(tag => tag.tagName.text === 'internal');
}

function parametersOf(checker: ts.TypeChecker, signature: ts.Signature): ApiParameter[] {
  return signature.getParameters().map(p => {
    const decl = p.valueDeclaration as ts.ParameterDeclaration;
    const rest = decl.dotDotDotToken !== undefined;
    let type = checker.getTypeOfSymbolAtLocation(p, decl);
    if (rest) { type = checker.getIndexTypeOfType(type, ts.IndexKind.Number) ?? type; }
    return { name: p.getName(), type, optional: checker.isOptionalParameter(decl) || rest, rest };
  });
}

function isConstruct(checker: ts.TypeChecker, type: ts.Type): boolean {
  for (const base of checker.getBaseTypes(type as ts.InterfaceType) ?? []) {
    if (base.symbol?.getName() === 'Construct' || isConstruct(checker, base)) { return true; }
  }
  return false;
}

/** What a parameter or property holds, as far as the guards are concerned. */
export type TypeKind =
  | { readonly kind: 'any' }
  | { readonly kind: 'string' | 'number' | 'boolean' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'unit'; readonly unit: 'Size' | 'Duration' | 'Cpu' | 'EnvValue' }
  /** an instance of one of the library's classes, or a construct */
  | { readonly kind: 'instance'; readonly name: string }
  | { readonly kind: 'list'; readonly element: ts.Type }
  | { readonly kind: 'map'; readonly value: ts.Type }
  /** an options interface of the library */
  | { readonly kind: 'options'; readonly name: string; readonly properties: ReadonlyArray<{ name: string; type: ts.Type }> }
  /** a structure of another package (a Kubernetes type, cdk8s' metadata) */
  | { readonly kind: 'data'; readonly name: string };

const UNITS = ['Size', 'Duration', 'Cpu', 'EnvValue'] as const;

/** Classifies a (non-nullable) type. */
export function kindOf(type: ts.Type): TypeKind {
  const checker = sourceProgram().getTypeChecker();
  type = checker.getNonNullableType(type);
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) { return { kind: 'any' }; }
  if (type.flags & ts.TypeFlags.BooleanLike || (type.isUnion() && type.types.every(t => t.flags & ts.TypeFlags.BooleanLike))) {
    return { kind: 'boolean' };
  }
  if (type.isUnion() && type.types.every(t => t.isStringLiteral())) {
    return { kind: 'enum', values: type.types.map(t => (t as ts.StringLiteralType).value) };
  }
  if (type.flags & ts.TypeFlags.EnumLike && type.isStringLiteral()) { return { kind: 'enum', values: [type.value] }; }
  if (type.flags & ts.TypeFlags.StringLike) { return { kind: 'string' }; }
  if (type.flags & ts.TypeFlags.NumberLike) { return { kind: 'number' }; }
  if (checker.isArrayType(type)) { return { kind: 'list', element: checker.getTypeArguments(type as ts.TypeReference)[0] }; }
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  const name = symbol?.getName() ?? checker.typeToString(type);
  if ((UNITS as readonly string[]).includes(name)) { return { kind: 'unit', unit: name as typeof UNITS[number] }; }
  const stringIndex = type.getStringIndexType();
  if (stringIndex && checker.getPropertiesOfType(type).length === 0) { return { kind: 'map', value: stringIndex }; }
  const decl = symbol?.declarations?.[0];
  const file = decl?.getSourceFile().fileName ?? '';
  const ours = file.includes(`${path.sep}src${path.sep}`) && !file.includes(`${path.sep}src${path.sep}imports${path.sep}`);
  if (symbol && symbol.flags & ts.SymbolFlags.Class) { return { kind: 'instance', name }; }
  if (ours && symbol && symbol.flags & ts.SymbolFlags.Interface) {
    // jsii's rule: an interface named `I...` is behavioural (something a class implements), else a struct of options
    const properties = checker.getPropertiesOfType(type);
    if (/^I[A-Z]/.test(name) || properties.some(p => p.flags & ts.SymbolFlags.Method)) { return { kind: 'instance', name }; }
    return {
      kind: 'options',
      name,
      properties: properties.map(p => ({ name: p.getName(), type: checker.getTypeOfSymbolAtLocation(p, p.valueDeclaration ?? decl!) })),
    };
  }
  if (symbol && symbol.flags & ts.SymbolFlags.Interface && checker.getPropertiesOfType(type).some(p => p.flags & ts.SymbolFlags.Method)) {
    return { kind: 'instance', name }; // IConstruct, a scope
  }
  return { kind: 'data', name };
}
