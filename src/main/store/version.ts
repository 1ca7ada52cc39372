// The app version recorded in every import and in the archive's meta table.
import pkg from '../../../package.json';

export const APP_VERSION: string = (pkg as { version: string }).version;
