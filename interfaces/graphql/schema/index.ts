/** The GraphQL modules of the contract, assembled from the running system's parts. */
import type { GraphqlModule } from '../../http/server';
import { commandTypeDefs } from './commands.graphql';
import { declaredCommands } from '../../../application/commands/pipeline';
import { commandRegistry, type Commands } from '../../../application/commands/registry';
import { mutationResolvers } from './mutations';
import { viewTypeDefs } from './types.graphql';
import { staffAppointmentTypeDefs } from './staff-directory';

interface CertificateView {
  certificate?: { number: string; taxLiability: unknown } | null;
}

export const commandModule = (commands: Commands): GraphqlModule => ({
  typeDefs: `${viewTypeDefs}\n${staffAppointmentTypeDefs}\n${commandTypeDefs(declaredCommands(commandRegistry))}`,
  resolvers: {
    Mutation: mutationResolvers(commands),
    Application: {
      certificateNumber: (view: CertificateView) => view.certificate?.number ?? null,
      taxLiability: (view: CertificateView) => view.certificate?.taxLiability ?? null,
    },
  } as never,
});
