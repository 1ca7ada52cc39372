// Links to a view of the archive: the browser URL's query and callscope:// links.
export * from './view-state';
export * from './app-link';
export * from './place-state';
