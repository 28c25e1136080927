/**
 * The manifest files of a synth as the plugin reads them beside the plan: their objects, and the
 * names more than one object has (cdk8s records construct paths by bare `metadata.name`).
 */
import { yaml } from '../private/lazy-modules';

/** A manifest file of the synth and its text. */
export interface SourceFile {
  readonly file: string;
  readonly text: string;
}

/** Every document of a text, as plain data; a document that does not convert gives undefined, YAML that does not parse nothing. */
export function documentsOf(text: string): any[] {
  try {
    return yaml().parseAllDocuments(text).map(d => {
      try { return d.toJS(); } catch { return undefined; }
    });
  } catch {
    return []; // the plan reports YAML that does not parse
  }
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
