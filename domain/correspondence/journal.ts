/**
 * The correspondence journals (մուտքային, ելքային, ներքին գրանցամատյաններ): one stream per community,
 * journal and Yerevan calendar year, `docjournal-<communityId>_<journal>_<year>`, that hands out the
 * documents' numbers `"<n>"`, n counting 1, 2, 3… with no gap and no repeat.
 *
 * - Each number is appended with the journal's expected revision (application/commands/registers.ts):
 *   two registrations at once, in one process or in several, never take the same n.
 * - Idempotent per document: asking again for a document that holds its number records nothing. The
 *   number is taken BEFORE the document's registration event, so a crash between the two appends leaves
 *   the document its one number for the retry, never two; and a cancelled registration keeps its number.
 */
import { match } from 'ts-pattern';
import type { Decider, DomainCommand, DomainEvent } from '../kernel/decider';
import { domainValidation, invalidTransition, type DomainError } from '../kernel/errors';
import { JOURNALS, type Journal } from './commands';

export const DOCUMENT_JOURNAL_CATEGORY = 'docjournal';

export const documentJournalStreamId = (communityId: string, journal: Journal, year: number): string => `${DOCUMENT_JOURNAL_CATEGORY}-${communityId}_${journal}_${year}`;

export type AssignDocumentNumber = DomainCommand<'AssignDocumentNumber', { readonly communityId: string; readonly journal: Journal; readonly year: number; readonly documentId: string }>;

export type DocumentNumberAssigned = DomainEvent<
  'DocumentNumberAssigned',
  { readonly communityId: string; readonly journal: Journal; readonly year: number; readonly sequence: number; readonly number: string; readonly documentId: string; readonly at: string }
>;

export interface DocumentJournalState {
  readonly communityId: string | null;
  readonly journal: Journal | null;
  readonly year: number | null;
  readonly lastSequence: number;
  /** documentId → its number in this journal. */
  readonly numbers: ReadonlyMap<string, string>;
}

export const initialDocumentJournalState = (): DocumentJournalState => ({ communityId: null, journal: null, year: null, lastSequence: 0, numbers: new Map() });

/** The number a document already holds in this journal, if any. */
export const documentNumberIn = (state: DocumentJournalState, documentId: string): string | null => state.numbers.get(documentId) ?? null;

export const documentJournalDecider: Decider<AssignDocumentNumber, DocumentNumberAssigned, DocumentJournalState> = {
  name: DOCUMENT_JOURNAL_CATEGORY,
  decide: (command, state): DocumentNumberAssigned[] | DomainError =>
    match(command)
      .with({ type: 'AssignDocumentNumber' }, ({ data, metadata }): DocumentNumberAssigned[] | DomainError => {
        if (typeof data.communityId !== 'string' || data.communityId.length === 0) return domainValidation('COMMUNITY_REQUIRED', 'The journal needs a community', ['communityId']);
        if (!(JOURNALS as readonly string[]).includes(data.journal)) return domainValidation('INVALID_JOURNAL', `A journal is one of ${JOURNALS.join(', ')}`, ['journal']);
        if (!Number.isSafeInteger(data.year) || data.year < 1000 || data.year > 9999) return domainValidation('INVALID_YEAR', 'The year has four digits', ['year']);
        if (typeof data.documentId !== 'string' || data.documentId.length === 0) return domainValidation('DOCUMENT_ID_REQUIRED', 'A number is given to a document', ['documentId']);
        if (
          (state.communityId !== null && state.communityId !== data.communityId) ||
          (state.journal !== null && state.journal !== data.journal) ||
          (state.year !== null && state.year !== data.year)
        ) {
          return invalidTransition('JOURNAL_MISMATCH', `This journal is the ${state.journal} journal of community ${state.communityId}, year ${state.year}`);
        }
        if (state.numbers.has(data.documentId)) return [];
        const sequence = state.lastSequence + 1;
        return [
          {
            type: 'DocumentNumberAssigned',
            data: { communityId: data.communityId, journal: data.journal, year: data.year, sequence, number: String(sequence), documentId: data.documentId, at: metadata.now },
          },
        ];
      })
      .exhaustive(),
  evolve: (state, event) =>
    match(event)
      .with({ type: 'DocumentNumberAssigned' }, ({ data }) => ({
        communityId: data.communityId,
        journal: data.journal,
        year: data.year,
        lastSequence: Math.max(state.lastSequence, data.sequence),
        numbers: new Map(state.numbers).set(data.documentId, data.number),
      }))
      .exhaustive(),
  initialState: initialDocumentJournalState,
};
