/**
 * The manifest files of a synth as the plugin reads them beside the plan: their objects, and the
 * names more than one object has (cdk8s records construct paths by bare `metadata.name`).
 */
import { SourcedManifest } from '../model/plan';
import { yamlValuesLeniently } from '../private/yaml-documents';

/** A manifest file of the synth and its text. */
export interface SourceFile {
  readonly file: string;
  readonly text: string;
}

/**
 * Every document of a text, as plain data; a document that cannot be read gives undefined. For
 * files the plan could not read (the plan reports why), and Helm templates: read in linear time,
 * as the plan reads them (src/private/yaml-documents.ts).
 */
export function documentsOf(text: string): any[] {
  return yamlValuesLeniently(text);
}

/** An object's `metadata.name`, when it has a non-empty one. */
export function nameOfObject(o: any): string | undefined {
  const name = o?.metadata?.name;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** Names that more than one of the objects has. */
export function sharedNames(objects: Iterable<unknown>): Set<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const object of objects) {
    const name = nameOfObject(object);
    if (name === undefined) { continue; }
    if (seen.has(name)) { shared.add(name); }
    seen.add(name);
  }
  return shared;
}

/** The objects the plan read. */
export function objectsOf(manifests: readonly SourcedManifest[]): unknown[] {
  return manifests.map(m => m.object);
}

/** Every object of the files, each read on its own: for files the plan could not read as a whole. */
export function objectsOfFiles(files: readonly SourceFile[]): unknown[] {
  return files.flatMap(f => documentsOf(f.text));
}
