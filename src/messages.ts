import { Messages } from '@salesforce/core';

/** The npm package name; message bundles are registered under it. */
export const PACKAGE_NAME = 'plugin-handover';

// Bundles live in src/messages (copied to lib/messages at build), beside this module.
Messages.importMessagesDirectoryFromMetaUrl(import.meta.url, false, PACKAGE_NAME);

/** Loads one message bundle (a file in src/messages, without its .md extension). */
export function loadMessages(bundle: string): Messages<string> {
  return Messages.loadMessages(PACKAGE_NAME, bundle);
}
