// Loaded (--import) into the stub's "utility process", a Node child: Electron's side of a utility
// process as its documentation gives it (process.parentPort: 'message' events whose `data` is the
// message, postMessage; no process.send) on top of Node's IPC channel, so the child takes the branch
// it would take in Electron (src/main/import/import-process.ts parentChannel).
const send = process.send.bind(process);
const wrapped = new Map();
process.parentPort = {
  // Listened to on Node's channel only when the child listens (a listener added while --import
  // modules load, before Node has set the channel up, would receive nothing).
  on(event, listener) {
    const onMessage = (data) => listener({ data });
    wrapped.set(listener, onMessage);
    process.on(event, onMessage);
    return this;
  },
  removeAllListeners(event) {
    for (const onMessage of wrapped.values()) process.off(event, onMessage);
    wrapped.clear();
    return this;
  },
  postMessage: (message) => send(message),
};
process.send = undefined;
