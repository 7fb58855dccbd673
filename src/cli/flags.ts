/** Flags every handover command shares; their text is in messages/handover.shared.md. */
import { Flags } from '@salesforce/sf-plugins-core';
import { loadMessages } from '../messages.js';

const messages = loadMessages('handover.shared');

export const orgFlags = {
  'target-org': Flags.requiredOrg({ summary: messages.getMessage('flags.target-org.summary') }),
  'api-version': Flags.orgApiVersion({ summary: messages.getMessage('flags.api-version.summary') }),
};

export const handoverFlag = Flags.string({
  summary: messages.getMessage('flags.handover.summary'),
  required: true,
});

export { messages as sharedMessages };
