// The app's imports in Electron: a utility process (Electron's child process with Node) runs the
// bundled import worker entry, which takes the import process's role (src/main/import/import-process.ts)
// because it has a parent port. Not run here (no Electron binary on the build machines); the main
// bundle test drives this launcher through a stub whose utilityProcess is a Node child with a parentPort.
import { utilityProcess } from 'electron';
import type { ImportProcessLauncher } from '../import/import-process-host';

export const utilityImportProcess: ImportProcessLauncher = ({ path, execArgv, env }) => {
  const child = utilityProcess.fork(path, [], {
    env,
    execArgv,
    stdio: 'inherit',
    serviceName: 'Callscope import',
  });
  return {
    send: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    // Electron reports the exit code only (a crash, too, ends with one).
    onExit: (listener) => child.once('exit', (code) => listener({ code, signal: null })),
    // A fatal error is followed by 'exit', which reports it.
    onError: () => {},
    kill: () => {
      child.kill();
    },
  };
};
