import { eventCatalogue } from '../kernel/catalogue';
import type { DocumentEvent } from './events';
import type { DocumentNumberAssigned } from './journal';
/** The correspondence events, their fields and versions, for the project's event catalogue. */
const ref = {
  documentId: 'string — the document id (stream `document-<documentId>`)',
  communityId: 'string — the community (its code) whose journal holds the document',
};
const at = (what: string) => `date-time — business time ${what}`;
const registration = {
  ...ref,
  number: 'string — "<n>", n counting 1, 2, 3… per community, journal and Yerevan year of registration',
  year: 'integer — Yerevan calendar year of the registration (the journal year)',
  subject: 'string, at most 500 characters',
  attachments: 'array of { sha256 (64 lower-case hex digits), name, type (media type), size (bytes) } — references to files in the file store',
  registeredAt: at('of the registration'),
};

export const documentEventCatalogue = eventCatalogue<DocumentEvent | DocumentNumberAssigned>()([
  {
    type: 'IncomingDocumentRegistered',
    schemaVersion: 1,
    description: 'A document that came in (a letter, a resident’s online letter, another community’s interagency dispatch) was registered in the incoming journal.',
    fields: {
      ...registration,
      senderName: 'string — who sent it (a person, an organisation, a community)',
      senderReference: 'string, optional — the sender’s own number and date of the document',
      senderId: 'string, optional — the resident who sent an online letter',
      senderCommunityId: 'string, optional — the community that dispatched an interagency document',
      receivedOn: 'date YYYY-MM-DD — when it was received (not after the registration)',
      summary: 'string, optional — a short summary of its content',
      channel: 'string — "post" | "email" | "in-person" | "online" | "interagency"',
      linkedDocumentId: 'string, optional — interagency: the sender’s outgoing document this one registers',
    },
  },
  {
    type: 'OutgoingDocumentRegistered',
    schemaVersion: 1,
    description: 'A document to be sent out was registered in the outgoing journal (it is signed by the head, then dispatched).',
    fields: {
      ...registration,
      recipientName: 'string — to whom it is addressed',
      recipientCommunityId: 'string, optional — the recipient community on the system: dispatch registers the document in its incoming journal',
      text: 'string — the document’s text',
      inReplyTo: 'string, optional — the incoming document (same community) this one answers',
    },
  },
  {
    type: 'InternalDocumentRegistered',
    schemaVersion: 1,
    description: 'A document circulating inside the municipality (a memo, an order) was registered in the internal journal.',
    fields: { ...registration, text: 'string — the document’s text' },
  },
  {
    type: 'DocumentRegistrationCancelled',
    schemaVersion: 1,
    description: 'A registration was cancelled. The document is kept and its number stays taken.',
    fields: { ...ref, reason: 'string — why it was cancelled', at: at('of the cancellation') },
  },
  {
    type: 'ResolutionIssued',
    schemaVersion: 1,
    description: 'The head (or staff for the head) issued a resolution (մակագրություն): executors, an instruction and a control date. A later resolution re-routes the document.',
    fields: {
      ...ref,
      executorIds: 'array of strings — the executors (staff ids)',
      instruction: 'string — what the executors are to do',
      controlDueOn: 'date YYYY-MM-DD or null — the control date (null: no control)',
      controlWorkingDays: 'integer or null — the working days after the resolution’s Yerevan date the control date was counted from, when it was given so',
      issuedBy: 'string — who issued it',
      at: at('of the resolution'),
    },
  },
  {
    type: 'ExecutionReported',
    schemaVersion: 1,
    description: 'An executor reported the execution; the document is executed when every executor of the current resolution has reported.',
    fields: { ...ref, executorId: 'string — the executor reporting', report: 'string — what was done', at: at('of the report') },
  },
  {
    type: 'ControlExtended',
    schemaVersion: 1,
    description: 'The control date was moved later, with a reason.',
    fields: { ...ref, previousDueOn: 'date YYYY-MM-DD — the control date before', dueOn: 'date YYYY-MM-DD — the new control date', reason: 'string — why', at: at('of the extension') },
  },
  {
    type: 'OutgoingDocumentSigned',
    schemaVersion: 1,
    description: 'The head signed an outgoing document.',
    fields: { ...ref, signedBy: 'string — the head who signed', at: at('of the signature') },
  },
  {
    type: 'DocumentDispatched',
    schemaVersion: 1,
    description: 'A signed outgoing document was sent: interagency (registered at once in the recipient community’s incoming journal), or by post or email.',
    fields: {
      ...ref,
      via: 'string — "interagency" | "post" | "email"',
      recipientCommunityId: 'string, optional — interagency: the recipient community',
      linkedDocumentId: 'string, optional — interagency: the incoming document registered in the recipient’s journal',
      at: at('of the dispatch'),
    },
  },
  {
    type: 'DocumentClosed',
    schemaVersion: 1,
    description: 'An executed (incoming or internal) or dispatched (outgoing) document was closed.',
    fields: { ...ref, at: at('of the closing') },
  },
  {
    type: 'DocumentNumberAssigned',
    schemaVersion: 1,
    description: 'A correspondence journal (stream docjournal-<communityId>_<journal>_<year>) gave a document its number, just before its registration event.',
    fields: {
      communityId: 'string — the community',
      journal: 'string — "incoming" | "outgoing" | "internal"',
      year: 'integer — Yerevan calendar year of the registration',
      sequence: 'integer — 1, 2, 3… per community, journal and year, with no gap and no repeat',
      number: 'string — "<sequence>"',
      documentId: 'string — the document numbered',
      at: at('of the numbering'),
    },
  },
]);
