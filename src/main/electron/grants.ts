// Which files the desktop page may import: only those the user handed over —
// chosen in the native dialog, or dropped / picked as File objects whose
// paths the preload resolved. A compromised page cannot name other files.
import { resolve } from 'node:path';
import type { ImportRequest } from '../../shared/api/archive-api';
import { ApiError } from '../api-host/dispatch';

export class ImportGrants {
  private readonly granted = new Set<string>();

  /** Records the paths as granted; returns them absolute (what imports.start should be given). */
  grant(paths: readonly string[]): string[] {
    const abs = paths.map((p) => resolve(p));
    abs.forEach((p) => this.granted.add(p));
    return abs;
  }

  /** The DispatchPolicy hook: throws 'forbidden' for any file not granted. */
  check(request: ImportRequest): void {
    const refused = request.files.find((f) => !this.granted.has(resolve(f)));
    if (refused)
      throw new ApiError('forbidden', `imports.start: ${refused} was not chosen in a dialog or dropped on the window`);
  }
}
