// The per-user data directory (demo archive, settings): CALLSCOPE_DATA_DIR wins;
// else the platform's usual place.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function userDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.CALLSCOPE_DATA_DIR) return env.CALLSCOPE_DATA_DIR;
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'Callscope');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Callscope');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'callscope');
}
