/**
 * Reading manifest files and writing a report, safely, for the `plan` command and the cdk8s
 * plugin: what they read is whatever path they were given.
 *
 * - Read in chunks up to a limit: `fs.readFileSync('/dev/zero')` would fill memory.
 * - Opened without blocking (`O_NONBLOCK`): opening a named pipe (FIFO) for reading blocks until
 *   a writer opens it, forever if none does (fifo(7)). A pipe is still read while its writer
 *   writes (`plan <(cdk8s synth ...)`); one that gives nothing is refused with a message.
 * - A path that cannot be opened is named with the reason in words: a loop of symbolic links
 *   (ELOOP), a missing file, a permission, never Node's raw `ELOOP: too many symbolic links
 *   encountered, stat '...'`.
 * - Each file read is remembered by device and inode, so a report is never written over one of
 *   its inputs (`--output` naming an input, through a link or standard input alike).
 * - The report's file is opened without blocking too: a named pipe without a reader is refused
 *   (ENXIO) instead of hanging.
 */
import * as fs from 'fs';
import * as path from 'path';

/** A file or directory that cannot be read, or an output file that cannot be written. */
export class InputFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputFileError';
  }
}

/** The largest file (or standard input) read by default: 64 MiB. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** A file read: its name as given, its text and which file it was (device and inode). */
export interface InputFile {
  readonly file: string;
  readonly text: string;
  /** `dev:ino` of what was read; undefined where fstat gives nothing useful. */
  readonly identity?: string;
}

/** A directory's `*.yaml` and `*.yml` files (not subdirectories), sorted by name. */
export function yamlFilesIn(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter(name => /\.ya?ml$/i.test(name)).sort();
  } catch (e) {
    throw new InputFileError(`cannot read ${dir}: ${describeFsError(e)}`);
  }
  return names.map(name => path.join(dir, name)).filter(file => {
    try {
      return fs.statSync(file).isFile();
    } catch (e) {
      throw new InputFileError(`cannot read ${file}: ${describeFsError(e)}`);
    }
  });
}

/** Whether `input` is a directory; a path that cannot be looked at is an `InputFileError`. */
export function isDirectory(input: string): boolean {
  try {
    return fs.statSync(input).isDirectory();
  } catch (e) {
    throw new InputFileError(`cannot read ${input}: ${describeFsError(e)}`);
  }
}

const CHUNK_BYTES = 1024 * 1024;

/* eslint-disable no-bitwise -- open(2) flags are a bit mask */
/** Flags to open an input: read only, without waiting for a named pipe's writer. */
const READ_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);
/** Flags to open the report: created or emptied, without waiting for a named pipe's reader. */
const WRITE_FLAGS = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC | (fs.constants.O_NONBLOCK ?? 0);
/* eslint-enable no-bitwise */

/**
 * Reads a file (or the descriptor of standard input) in chunks, and stops as soon as it holds
 * more than `maxBytes`.
 *
 * @param source a path, or a file descriptor (standard input: 0)
 * @param name the name messages give it
 * @param maxBytes the most it reads
 */
export function readInputFile(source: string | number, name: string, maxBytes: number = MAX_INPUT_BYTES): InputFile {
  let fd: number | undefined;
  const chunks: Buffer[] = [];
  let total = 0;
  let identity: string | undefined;
  try {
    fd = typeof source === 'number' ? source : fs.openSync(source, READ_FLAGS);
    const stat = fs.fstatSync(fd);
    identity = stat.isFile() ? `${stat.dev}:${stat.ino}` : undefined;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const n = readSome(fd, chunk);
      if (n === 0) { break; }
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) {
        throw new InputFileError(`${name}: larger than ${describeBytes(maxBytes)} (the plan command's input limit; pass --max-input-bytes to raise it)`);
      }
    }
    if (total === 0 && typeof source !== 'number' && stat.isFIFO()) {
      throw new InputFileError(`cannot read ${name}: a named pipe with nothing to read (no writer has it open, or it wrote nothing); `
        + 'give the file itself, or pipe the YAML to standard input with -');
    }
  } catch (e) {
    if (e instanceof InputFileError) { throw e; }
    throw new InputFileError(`cannot read ${name}: ${describeFsError(e)}`);
  } finally {
    if (fd !== undefined && typeof source !== 'number') { fs.closeSync(fd); }
  }
  return { file: name, text: Buffer.concat(chunks, total).toString('utf8'), identity };
}

/** One `read`, waiting out EAGAIN (a pipe opened without blocking, or a non-blocking standard input). */
function readSome(fd: number, buffer: Buffer): number {
  for (;;) {
    try {
      return fs.readSync(fd, buffer, 0, buffer.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EOF') { return 0; }
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') { throw e; }
      pause();
    }
  }
}

function pause(): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
}

/** `64 MiB`, or the byte count when it is not a whole number of MiB. */
function describeBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB` : `${bytes} bytes`;
}

/**
 * Refuses an output file that is one of the inputs: the same file (device and inode), whether
 * named as it is, through a link, or read from standard input.
 *
 * @param flag the option that named the output, for the message (`--output`)
 */
export function checkNotAnInput(output: string, flag: string, inputs: ReadonlyArray<Pick<InputFile, 'file' | 'identity'>>): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(output);
  } catch {
    return; // not there (it will be created), or not something the inputs could be
  }
  const identity = `${stat.dev}:${stat.ino}`;
  const input = inputs.find(i => i.identity === identity);
  if (input) {
    throw new InputFileError(`${flag} ${output} is the input ${input.file}: the plan would overwrite what it reads; write it to another file`);
  }
}

/** Writes `chunks` to `file` one at a time; a file that cannot be written is an `InputFileError`. */
export function writeOutputFile(file: string, chunks: Iterable<string>): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, WRITE_FLAGS, 0o666);
    for (const chunk of chunks) { writeAll(fd, Buffer.from(chunk, 'utf8')); }
  } catch (e) {
    if (e instanceof InputFileError) { throw e; }
    throw new InputFileError(`cannot write ${file}: ${describeFsError(e)}`);
  } finally {
    if (fd !== undefined) { fs.closeSync(fd); }
  }
}

/** Writes `text` to an open descriptor (standard output: 1), all of it, waiting while a pipe is full. */
export function writeToDescriptor(fd: number, text: string): void {
  writeAll(fd, Buffer.from(text, 'utf8'));
}

/** Writes all of `buffer` (one `write` may take only part of it, or none while a pipe is full). */
function writeAll(fd: number, buffer: Buffer): void {
  for (let offset = 0; offset < buffer.length;) {
    try {
      offset += fs.writeSync(fd, buffer, offset, buffer.length - offset);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') { throw e; }
      pause();
    }
  }
}

/** What went wrong with a path, in words (never Node's raw `ELOOP: ... stat '...'`). */
export function describeFsError(e: unknown): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'ENOTDIR': return 'a part of the path is not a directory';
    case 'ELOOP': return 'a loop of symbolic links (the path never reaches a file)';
    case 'ENAMETOOLONG': return 'the path is too long';
    case 'ENXIO': return 'a named pipe with no reader, or a device or socket that cannot be opened';
    case 'EMFILE':
    case 'ENFILE': return 'too many open files';
    default: return (e as Error).message;
  }
}
