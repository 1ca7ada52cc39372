// Preload: forwards the archive API over IPC; no logic here.
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('callscope', {
  invoke: (method: string, arg: unknown) => ipcRenderer.invoke('callscope:api', method, arg),
});
