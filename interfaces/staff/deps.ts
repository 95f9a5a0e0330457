/** What the workspace pages are built from: the application the GraphQL API serves, in process. */
import type { CommandHandler } from '../../application/command-handler';
import type { Commands } from '../../application/commands/registry';
import type { EventStore } from '../../application/ports/event-store';
import type { Queries } from '../../application/queries';
import type { ReadsFollowWrites } from '../../application/reads-follow-writes';
import type { TokenKeys } from '../../infrastructure/auth/jwt';
import type { AuditService } from '../../application/audit';
import type { CsrfProtection } from './caller';

export interface StaffPagesDeps {
  readonly commands: Commands;
  readonly handler: Pick<CommandHandler, 'load'>;
  readonly queries: Queries;
  readonly eventStore: Pick<EventStore, 'readStream' | 'readAll'>;
  /** The transparency log's signed tree head and proofs (the audit pages; absent: those pages answer 404). */
  readonly audit?: { readonly service: AuditService };
  readonly tokenKeys: TokenKeys;
  /** Lists wait for the person's own writes (absent: they read what the read models hold). */
  readonly readsFollowWrites?: ReadsFollowWrites;
  /** The sign-in's CSRF protection (default: only bearer-token callers may post). */
  readonly csrf?: CsrfProtection;
  /** Today's Yerevan date and the instant now (default: the clock). */
  readonly now?: () => Date;
  /** Whether the log holds the demo seed's made-up cases. */
  readonly demoData?: () => Promise<boolean>;
}
