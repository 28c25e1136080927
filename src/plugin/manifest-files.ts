/**
 * The manifest files of a synth as the plugin reads them beside the plan: their objects, and the
 * names more than one object has (cdk8s records construct paths by bare `metadata.name`).
 */
import { yamlValuesLeniently } from '../private/yaml-documents';

/** A manifest file of the synth and its text. */
export interface SourceFile {
  readonly file: string;
  readonly text: string;
}

/**
 * Every document of a text, as plain data; a document that cannot be read gives undefined (the
 * plan reports why). Read in linear time, as the plan reads them (src/private/yaml-documents.ts).
 */
export function documentsOf(text: string): any[] {
  return yamlValuesLeniently(text);
}

/** An object's `metadata.name`, when it has a non-empty one. */
export function nameOfObject(o: any): string | undefined {
  const name = o?.metadata?.name;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** Names that more than one object of the files has. */
export function sharedNames(files: readonly SourceFile[]): Set<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const { text } of files) {
    for (const name of documentsOf(text).map(nameOfObject)) {
      if (name === undefined) { continue; }
      if (seen.has(name)) { shared.add(name); }
      seen.add(name);
    }
  }
  return shared;
}
