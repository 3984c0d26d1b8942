// Turns a Node fs error into a few words people understand ("permission denied").
const WORDS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENOSPC: 'no space left on device',
  EROFS: 'read-only file system',
  EEXIST: 'already exists',
  EMFILE: 'too many open files',
  ELOOP: 'too many symbolic links',
  EXDEV: 'cross-device link',
};

export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code && WORDS[code]) return `${WORDS[code]} (${code})`;
  if (code) return code;
  return err instanceof Error ? err.message : String(err);
}
