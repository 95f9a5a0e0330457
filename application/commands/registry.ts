/**
 * The command registry: every aggregate's declared commands. The pipeline runs them, the GraphQL
 * schema is printed from them, and the pages, the CLI and the seed call them by name through the
 * typed bus, so renaming a command breaks the build of every caller.
 */
import { communityCommands } from '../community/commands';
import { complaintCommands } from '../complaint/commands';
import { correspondenceCommands } from '../correspondence/commands';
import { contactCommands } from '../contact/commands';
import { feeCommands } from '../fee/commands';
import { legalActCommands } from '../legal-act/commands';
import { open311ClientCommands } from '../open311/commands';
import { applicationCommands } from '../service-application/commands';
import { staffDirectoryCommands } from '../staff-directory/commands';
import { workingDayCalendarCommands } from '../working-days/commands';
import { webhookCommands } from '../webhooks/commands';
import { createCommandBus, type CommandBus, type CommandName } from './pipeline';
import type { CommandEnv } from './declare';
import { systemClock } from '../ids';

export const commandRegistry = {
  fee: feeCommands,
  complaint: complaintCommands,
  application: applicationCommands,
  community: communityCommands,
  act: legalActCommands,
  appointment: staffDirectoryCommands,
  calendar: workingDayCalendarCommands,
  document: correspondenceCommands,
  webhook: webhookCommands,
  contact: contactCommands,
  open311Client: open311ClientCommands,
};

export type Commands = CommandBus<typeof commandRegistry>;
export type CommandNames = CommandName<typeof commandRegistry>;

export const createCommands = ({ clock = systemClock, maxRegisterAttempts = 200, ...env }: Omit<CommandEnv, 'clock' | 'maxRegisterAttempts'> & Partial<CommandEnv>): Commands =>
  createCommandBus(commandRegistry, { ...env, clock, maxRegisterAttempts });
